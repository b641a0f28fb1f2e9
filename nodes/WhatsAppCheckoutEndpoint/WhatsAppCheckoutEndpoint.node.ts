import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	checkoutItem,
	encryptCheckoutResponse,
	rejectAnswer,
	SIGNATURE_HEADER,
	validateConfigurationName,
} from '../shared';
import type { Answer, CheckoutSession } from '../shared';
import { getPaymentConfigurations } from '../common/lists';
import { MAIN_CONNECTION } from '../common/compat';
import { CREDENTIAL_TYPE, getGraphBase, graphApiRequest } from '../common/transport';
import { decideCheckoutRequest } from '../common/checkoutRequest';
import { checkoutKeyTest } from '../common/keyTest';

/** No checkout timeout is documented; Flows endpoints aim under 1 s. Answer well before a client gives up. */
export const DEFAULT_ANSWER_WITHIN_MS = 4000;
export const DEFAULT_TIMEOUT_MESSAGE =
	'The shop could not update your order right now. Please try again.';

/** The README section of the endpoint (opened as it is; see the action node's DOCS_URL). */
const DOCS_URL =
	'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments#checkout-data-endpoint-india';

/**
 * The India checkout data endpoint as a workflow. Activation links this URL to the payment configuration
 * (data_endpoint_url). Each request: X-Hub-Signature-256 checked (432), decrypted (421 when it cannot),
 * `ping` and error notifications answered here, coupon and shipping requests start one run that answers
 * with WhatsApp Payments > Checkout > Respond (encrypted). Without an answer within the budget, the
 * endpoint answers for the run (427 with a message the buyer sees).
 */
export class WhatsAppCheckoutEndpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Checkout Endpoint',
		name: 'whatsAppCheckoutEndpoint',
		icon: {
			light: 'file:../../icons/whatsapp-payments.svg',
			dark: 'file:../../icons/whatsapp-payments.dark.svg',
		},
		group: ['trigger'],
		// 1.1 changes no parameter: n8n evaluates its Webhook node v1's binaryData option as an expression for
		// every version-1 start node on every request; from 1.1 it does not (see the trigger).
		// Last entry an integer and the default named: see the trigger's `version` (n8n 1.x on PostgreSQL).
		version: [1.1, 1],
		defaultVersion: 1.1,
		subtitle: '={{"data endpoint of " + $parameter["configurationName"]}}',
		description:
			'WhatsApp Payments (India): answer the checkout data endpoint of checkout button templates (coupons and shipping) with a workflow, encrypted end to end',
		documentationUrl: DOCS_URL,
		defaults: { name: 'WhatsApp Checkout Endpoint' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [
			{ name: CREDENTIAL_TYPE, required: true },
			{ name: 'whatsAppCheckoutEndpointApi', required: true, testedBy: 'checkoutKeyTest' },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', path: 'checkout' },
		],
		properties: [
			{
				displayName:
					'End every path with WhatsApp Payments > Checkout > Respond: it does the coupon and shipping arithmetic and encrypts the answer. Upload the public key first (Checkout > Upload Business Public Key).',
				name: 'respondNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Configuration Name or ID',
				name: 'configurationName',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPaymentConfigurations' },
				required: true,
				default: '',
				description:
					'The payment gateway configuration your checkout templates use; activating the workflow sets its data endpoint to this URL. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Answer Within (Ms)',
						name: 'answerWithinMs',
						type: 'number',
						typeOptions: { minValue: 500, maxValue: 9000 },
						default: DEFAULT_ANSWER_WITHIN_MS,
						description:
							'When the workflow has not answered by then, the endpoint answers 427 with the message below, so the buyer is not left waiting',
					},
					{
						displayName: 'Timeout Message',
						name: 'timeoutMessage',
						type: 'string',
						default: DEFAULT_TIMEOUT_MESSAGE,
						description: 'Shown to the buyer when the workflow does not answer in time',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: { getPaymentConfigurations },
		credentialTest: { checkoutKeyTest },
	};

	webhookMethods = {
		default: {
			/** Meta does not return a configuration's data endpoint URL, so activation always links it (idempotent). */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const name = validateConfigurationName(this.getNodeParameter('configurationName'));
				const { wabaId } = await getGraphBase.call(this);
				await graphApiRequest(this, {
					method: 'POST',
					path: `/${wabaId}/payment_configuration/${encodeURIComponent(name)}`,
					body: { data_endpoint_url: this.getNodeWebhookUrl('default') as string },
				});
				return true;
			},
			/** Meta documents no way to unlink a data endpoint: the URL stays linked while the workflow is off. */
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const send = (session: CheckoutSession, a: Answer): void => {
			res.status(a.status).type('text/plain').send(encryptCheckoutResponse(a.body, session));
		};
		const req = this.getRequestObject();
		if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
		const decision = await decideCheckoutRequest.call(
			this,
			req.rawBody,
			this.getHeaderData()[SIGNATURE_HEADER],
		);
		if (decision.kind === 'refuse') {
			this.logger.warn(
				`WhatsApp Checkout Endpoint: answered ${decision.status}: ${decision.reason}`,
			);
			res.status(decision.status).end();
			return { noWebhookResponse: true };
		}
		const item = checkoutItem(decision.request, decision.session, decision.key) as IDataObject;
		if (decision.kind === 'answer') {
			send(decision.session, decision.answer);
			if (!decision.run) {
				if (decision.request.action === 'unknown')
					this.logger.warn(
						`WhatsApp Checkout Endpoint: unsupported action "${decision.request.rawAction}" (answered 427)`,
					);
				return { noWebhookResponse: true };
			}
			this.logger.warn(
				`WhatsApp Checkout Endpoint: the client reported an error: ${decision.request.error}`,
			);
			return { noWebhookResponse: true, workflowData: [[{ json: { ...item, answered: true } }]] };
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const requested = Number(options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS);
		const budget = Number.isFinite(requested)
			? Math.min(Math.max(requested, 500), 9000)
			: DEFAULT_ANSWER_WITHIN_MS;
		const message = String(options.timeoutMessage || DEFAULT_TIMEOUT_MESSAGE);
		void sleep(budget).then(() => {
			if (res.headersSent || res.writableEnded) return;
			this.logger.warn(
				`WhatsApp Checkout Endpoint: the workflow did not answer ${decision.request.action} within ${budget} ms; answered 427 for it`,
			);
			send(decision.session, rejectAnswer(message));
		});
		return { workflowData: [[{ json: item }]] };
	}
}
