import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkoutItem, encryptCheckoutResponse, SIGNATURE_HEADER } from '../../../shared';
import { decideCheckoutRequest } from '../../../common/checkoutRequest';
import { toItems } from '../shared/item';

const displayOptions = { show: { resource: ['checkout'], operation: ['readRequest'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			"For a checkout endpoint on n8n's Webhook node (POST, Respond: Using 'Respond to Webhook' Node, Options > Raw Body on): checks the signature, decrypts the request and answers pings itself. End with Checkout > Respond, then a Respond to Webhook node, which n8n's Webhook node requires.",
		name: 'readRequestNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description:
			"The binary field holding the request's raw body: the Webhook node's Raw Body option puts it in data",
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

const WEBHOOK_SETUP =
	"Use it after n8n's Webhook node with HTTP Method POST, Respond 'Using Respond to Webhook Node' and Options > Raw Body on, so that the signature is checked over the exact bytes Meta sent.";

/**
 * A checkout data endpoint request received by n8n's Webhook node, handled as the WhatsApp Checkout
 * Endpoint trigger handles it (the same decideCheckoutRequest): signature (432), decryption (421), key (500), pings and
 * unsupported actions answered here; a coupon or shipping request becomes the trigger's item, for
 * Checkout > Respond. n8n starts the run before any node can check the signature, so a refused request
 * is answered with its status and then fails the run, loudly.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const item = this.getInputData()[i];
	const field = String(this.getNodeParameter('binaryPropertyName', i, 'data'));
	if (!item.binary?.[field]) {
		throw new NodeOperationError(
			this.getNode(),
			`The item has no binary field "${field}" with the request's raw body`,
			{ itemIndex: i, description: WEBHOOK_SETUP },
		);
	}
	const raw = await this.helpers.getBinaryDataBuffer(i, field);
	const headers = (item.json.headers ?? {}) as IDataObject;
	const decision = await decideCheckoutRequest.call(this, raw, headers[SIGNATURE_HEADER]);
	if (decision.kind === 'refuse') {
		await this.sendResponse({ statusCode: decision.status, body: '', headers: {} });
		throw new NodeOperationError(
			this.getNode(),
			`Checkout request refused with ${decision.status}: ${decision.reason}`,
			{
				itemIndex: i,
				description:
					decision.status === 432
						? `Meta signs every checkout request with the App Secret of the WhatsApp Payments API credential. ${WEBHOOK_SETUP}`
						: 'The caller got the status above with an empty body, as Meta expects; the run stops here.',
			},
		);
	}
	const json = checkoutItem(decision.request, decision.session, decision.key) as IDataObject;
	if (decision.kind === 'answer') {
		await this.sendResponse({
			statusCode: decision.answer.status,
			body: encryptCheckoutResponse(decision.answer.body, decision.session),
			headers: { 'content-type': 'text/plain' },
		});
		return toItems({ ...json, answered: true }, i);
	}
	return toItems(json, i);
}
