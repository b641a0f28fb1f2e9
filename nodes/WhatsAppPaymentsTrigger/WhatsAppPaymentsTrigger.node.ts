import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { constantTimeEqual, dedupeToken, parseDelivery, SIGNATURE_HEADER } from '../shared';
import type { PaymentEventType } from '../shared';
import { CREDENTIAL_TYPE } from '../common/transport';
import { checkExists, create, expectedVerifyToken, remove } from './registration';
import type { RegistrationMode } from './registration';
import { MAIN_CONNECTION } from '../common/compat';
import { optionSubtitle } from '../common/subtitle';
import { checkAppSecretSignature } from '../common/appSecret';
import { isParsedDelivery, recentKeys, rememberWhenSucceeded, respondParameter } from './delivery';

/** Events a new trigger listens to; Buyer Message, Cart Order and Template Status are opt-in. */
const DEFAULT_EVENTS: PaymentEventType[] = [
	'payment_method',
	'payment_configuration_update',
	'payment_status',
	'order_message_status',
];

/** The README section of the trigger (opened as it is; see the action node's DOCS_URL). */
const DOCS_URL =
	'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments#trigger';

const properties: INodeProperties[] = [
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		default: 'app',
		options: [
			{
				name: 'App Subscription',
				value: 'app',
				description:
					"Set this workflow as the Meta app's WhatsApp callback and subscribe the WABA. Receives every event, including configuration updates.",
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'You paste the webhook URL and verify token into the App Dashboard yourself',
			},
			{
				name: 'WABA Override',
				value: 'wabaOverride',
				description:
					"Route only this WhatsApp Business Account's messages here, leaving the app's callback untouched",
			},
		],
	},
	{
		displayName:
			'Meta allows one callback URL per app. This mode points the app at this workflow; it refuses to take over a URL used elsewhere unless you allow it below.',
		name: 'appNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['app'] } },
	},
	{
		displayName:
			"Overrides carry message events only (payment method, payment status, message status, cart orders, buyer messages). Payment Configuration Update and Template Status events always go to the app's own callback, so they cannot arrive this way.",
		name: 'overrideNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['wabaOverride'] } },
	},
	{
		displayName:
			'In the App Dashboard, open WhatsApp > Configuration, set the Callback URL to this node\'s Production URL (shown above under Webhook URLs) and the Verify Token below, then subscribe to the "messages", "payment_configuration_update" and "message_template_status_update" fields.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'] } },
	},
	{
		displayName: 'Verify Token',
		name: 'verifyToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'Any secret text; enter the same value in the App Dashboard',
		displayOptions: { show: { registration: ['manual'] } },
	},
	{
		displayName: 'Replace Existing Subscription',
		name: 'replaceExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether to take over a callback URL that currently points somewhere else (that receiver stops getting events)',
		displayOptions: { show: { registration: ['app', 'wabaOverride'] } },
	},
	respondParameter('onReceived', { '@version': [1, 1.1] }),
	respondParameter('lastNode', { '@version': [{ _cnd: { gte: 1.2 } }] }),
	{
		displayName:
			'Meta retries an event until the workflow succeeds, so a step may run again for the same event: pass the idempotency_key to your PSP (the charge then happens once) and turn on "Already Done Counts as Sent" in Send Status.',
		name: 'respondNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { respond: ['lastNode'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [...DEFAULT_EVENTS],
		description:
			'Buyer Message, Cart Order and Template Status are not selected by default, so existing workflows do not start on them',
		options: [
			{
				name: 'Buyer Message',
				value: 'buyer_message',
				action: 'When a buyer writes',
				description:
					'The buyer wrote a text or tapped a reply button: answer it, e.g. with a product list',
			},
			{
				name: 'Cart Order',
				value: 'cart_order',
				action: 'When a buyer sends a cart',
				description:
					'The buyer sent a cart from your catalog: answer it with order details (prices in cents, exact)',
			},
			{
				name: 'Order Message Status',
				value: 'order_message_status',
				action: 'When an order message is delivered, read or fails',
				description:
					'Sent, delivered, read and failed statuses of messages, with payment errors such as 2040, 2046, 2047',
			},
			{
				name: 'Payment Configuration Update',
				value: 'payment_configuration_update',
				action: 'When a payment configuration changes (India)',
				description: 'A payment configuration was connected, disconnected or became active (India)',
			},
			{
				name: 'Payment Method (One-Click)',
				value: 'payment_method',
				action: 'When a buyer taps Send payment (One-Click, Brazil)',
				description:
					'The buyer tapped "Send payment" on a One-Click order: charge the credential now (Brazil)',
			},
			{
				name: 'Payment Status',
				value: 'payment_status',
				action: 'When a payment is captured, pending or failed (India)',
				description: 'A payment gateway payment was captured, is pending or failed (India)',
			},
			{
				name: 'Template Status',
				value: 'template_status',
				action: 'When a template is approved, rejected or paused',
				description:
					"A template was approved, rejected, paused or disabled (only to the app's own callback)",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Unsigned Requests (Testing Only)',
				name: 'allowUnsigned',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without a valid X-Hub-Signature-256 when the credential has no App Secret. Anyone who knows the URL can then start the workflow.',
			},
			{
				displayName: 'Phone Number IDs',
				name: 'phoneNumberIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 106540352242922, 106540352242923',
				description:
					'Comma-separated; only events for these business phone numbers start the workflow. Configuration and template updates have no phone number and always pass.',
			},
			{
				displayName: 'Skip Redeliveries',
				name: 'dedupe',
				type: 'boolean',
				default: true,
				description:
					'Whether to drop events already handled (Meta retries deliveries for up to 7 days); remembers the last 10,000 events. With Respond to Meta "When the Workflow Finishes", only events whose run succeeded in this n8n process count as handled.',
			},
		],
	},
	{
		displayName:
			'Unsigned requests are accepted: anyone who knows this URL can start the workflow. Use only for testing, and add the App Secret to the credential before going live.',
		name: 'unsignedWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { '/options.allowUnsigned': [true] } },
	},
];

export class WhatsAppPaymentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Payments Trigger',
		name: 'whatsAppPaymentsTrigger',
		icon: {
			light: 'file:../../icons/whatsapp-payments.svg',
			dark: 'file:../../icons/whatsapp-payments.dark.svg',
		},
		group: ['trigger'],
		// 1.1 changes no parameter. n8n treats a version-1 start node as its own Webhook node v1 and
		// evaluates that node's `binaryData` option as an expression on every delivery, which costs an
		// expression-engine isolate per delivery in n8n 2.x; from 1.1 on n8n skips that lookup.
		// 1.2 answers Meta when the workflow has finished by default (Respond to Meta), so that a run that
		// fails or crashes is delivered again; older versions keep answering at once.
		// The last entry is an integer on purpose: n8n 1.x stores the last entry of `version` as the node's latest
		// version in an integer column (installed_nodes.latestVersion), and PostgreSQL refuses 1.2 there, so the
		// install from the editor failed. New nodes take `defaultVersion` in n8n 1.x and 2.x.
		version: [1.1, 1.2, 1],
		defaultVersion: 1.2,
		subtitle: optionSubtitle(properties, 'registration', 'Registration'),
		// n8n's node creator lists this trigger and the WhatsApp Payments node as one entry and shows this
		// description for it, so it names what the entry holds: the actions as well as the events.
		description:
			'Send WhatsApp payment requests and order updates, manage payment configurations, and start workflows on payment events (Brazil and India Payments API)',
		documentationUrl: DOCS_URL,
		defaults: { name: 'WhatsApp Payments Trigger' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{
				name: 'default',
				httpMethod: 'POST',
				// n8n reads the response mode from the node's parameter for every delivery. "lastNode" makes n8n
				// answer when the execution has ended: 200 when it succeeded, 500 when it failed; a process that
				// dies never answers. Meta retries a delivery that is not answered 200 at once, then with
				// decreasing frequency for up to 7 days (Meta, "Create a webhook endpoint",
				// https://developers.facebook.com/docs/whatsapp/webhooks/create-webhook-endpoint), which is what
				// makes a crashed payment run happen again.
				responseMode: '={{$parameter["respond"]}}',
				// Meta ignores the body; the workflow's data stays in n8n.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await requireSecretOrOptIn.call(this);
				const mode = this.getNodeParameter('registration') as RegistrationMode;
				return await checkExists.call(this, mode);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await requireSecretOrOptIn.call(this);
				const mode = this.getNodeParameter('registration') as RegistrationMode;
				return await create.call(this, mode);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const mode = this.getNodeParameter('registration') as RegistrationMode;
				return await remove.call(this, mode);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();

		if (this.getWebhookName() === 'setup') {
			const credentials = await this.getCredentials(CREDENTIAL_TYPE);
			const mode = this.getNodeParameter('registration') as RegistrationMode;
			const query = this.getQueryData() as IDataObject;
			const expected = expectedVerifyToken.call(this, mode, credentials);
			const given = String(query['hub.verify_token'] ?? '');
			if (
				query['hub.mode'] === 'subscribe' &&
				expected !== '' &&
				constantTimeEqual(given, expected) &&
				query['hub.challenge'] !== undefined
			) {
				res.status(200).type('text/plain').send(String(query['hub.challenge'])).end();
			} else {
				this.logger.warn(
					'WhatsApp Payments Trigger: refused a verification request (wrong mode or verify token)',
				);
				res.status(403).type('text/plain').send('Forbidden').end();
			}
			return { noWebhookResponse: true };
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const req = this.getRequestObject();
		if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
		const raw = req.rawBody;
		const signature = this.getHeaderData()[SIGNATURE_HEADER];
		const { appSecret, valid } = await checkAppSecretSignature.call(this, raw, signature);

		if (appSecret) {
			if (!valid) {
				this.logger.warn(
					`WhatsApp Payments Trigger: refused a delivery with ${signature ? 'an invalid' : 'no'} X-Hub-Signature-256 (check the App Secret in the credential)`,
				);
				res.status(401).type('text/plain').send('Invalid signature').end();
				return { noWebhookResponse: true };
			}
		} else if (!options.allowUnsigned) {
			this.logger.warn(
				'WhatsApp Payments Trigger: refused a delivery because the credential has no App Secret to verify it',
			);
			res
				.status(401)
				.type('text/plain')
				.send('Signature cannot be verified: no App Secret configured')
				.end();
			return { noWebhookResponse: true };
		}

		// n8n has already parsed the same bytes whose signature was just checked; parse the raw bytes only
		// when that parse is missing (a non-JSON content type, or n8n's parser gave up on malformed JSON).
		let body: unknown = this.getBodyData();
		if (!isParsedDelivery(body)) {
			try {
				body = raw !== undefined && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : body;
			} catch {
				this.logger.warn(
					'WhatsApp Payments Trigger: refused a delivery whose body is not valid JSON',
				);
				res.status(400).type('text/plain').send('Body is not valid JSON').end();
				return { noWebhookResponse: true };
			}
		}
		if ((body as IDataObject | null)?.object !== 'whatsapp_business_account') {
			this.logger.info(
				`WhatsApp Payments Trigger: ignored a delivery for object "${String((body as IDataObject | null)?.object)}"`,
			);
			return { webhookResponse: { ignored: true } };
		}

		const selected = this.getNodeParameter('events', DEFAULT_EVENTS) as PaymentEventType[];
		const phoneFilter = String(options.phoneNumberIds ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const { events } = parseDelivery(body);
		let wanted = events.filter(
			(e) =>
				selected.includes(e.event) &&
				(phoneFilter.length === 0 ||
					e.data.phone_number_id === undefined ||
					e.event === 'payment_configuration_update' ||
					phoneFilter.includes(String(e.data.phone_number_id))),
		);

		if (options.dedupe !== false && wanted.length > 0) {
			const memory = recentKeys.call(this);
			if (this.getNodeParameter('respond', 'onReceived') === 'lastNode') {
				wanted = wanted.filter((e) => !memory.has(dedupeToken(String(e.data.idempotency_key))));
				rememberWhenSucceeded(res, memory, wanted);
			} else {
				wanted = wanted.filter((e) => memory.add(dedupeToken(String(e.data.idempotency_key))));
				// Assigning marks the static data changed, so n8n saves it: only when something is new.
				if (wanted.length > 0) {
					this.getWorkflowStaticData('node').seenEvents = memory as unknown as IDataObject;
				}
			}
		}

		if (wanted.length === 0) return { webhookResponse: { received: true } };
		return { workflowData: [wanted.map((e) => ({ json: e.data as IDataObject }))] };
	}
}

async function requireSecretOrOptIn(this: IHookFunctions): Promise<void> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (!credentials.appSecret && !options.allowUnsigned) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential has no App Secret, so webhook signatures cannot be verified',
			{
				description:
					'Add the App Secret (App Dashboard > App settings > Basic) to the WhatsApp Payments API credential. For a quick test only, turn on Options > Allow Unsigned Requests.',
			},
		);
	}
}
