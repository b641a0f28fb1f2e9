import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as checkout from './actions/checkout';
import * as commerce from './actions/commerce';
import * as order from './actions/order';
import * as paymentConfiguration from './actions/paymentConfiguration';
import * as template from './actions/template';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { CREDENTIAL_TYPE } from '../common/transport';
import { MAIN_CONNECTION } from '../common/compat';
import { checkoutKeyTest } from '../common/keyTest';
import { toolDescriptionFields } from './actions/shared/tool';
import { resourceOperationSubtitle } from '../common/subtitle';

/**
 * The README section of the action node. n8n's editor opens a `documentationUrl` that starts with http as
 * it is; a codex link gets n8n's tracking query appended, which after a `#section` breaks the anchor.
 */
const DOCS_URL =
	'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments#operations';

const properties: INodeProperties[] = [
	...toolDescriptionFields(),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Checkout Endpoint (India)',
				value: 'checkout',
				description: 'Answer the checkout data endpoint and manage its encryption key',
			},
			{
				name: 'Commerce (Catalog)',
				value: 'commerce',
				description:
					'Show products of your catalog to buyers (they send carts) and set the cart and catalog of the number',
			},
			{
				name: 'Order',
				value: 'order',
				description: 'Payment requests (order details) and order status updates to buyers',
			},
			{
				name: 'Payment Configuration (India)',
				value: 'paymentConfiguration',
				description: 'Payment gateway and UPI configurations of the WhatsApp Business Account',
			},
			{
				name: 'Template',
				value: 'template',
				description: 'Payment templates: reach buyers outside the 24-hour window',
			},
		],
		default: 'order',
	},
	...order.description,
	...paymentConfiguration.description,
	...template.description,
	...checkout.description,
	...commerce.description,
];

export class WhatsAppPayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Payments',
		name: 'whatsAppPayments',
		icon: {
			light: 'file:../../icons/whatsapp-payments.svg',
			dark: 'file:../../icons/whatsapp-payments.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description:
			'Send WhatsApp payment requests, order status updates and payment templates to buyers, and manage payment configurations (Brazil and India Payments API)',
		documentationUrl: DOCS_URL,
		defaults: { name: 'WhatsApp Payments' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: true,
				displayOptions: { hide: { operation: ['respond'] } },
			},
			{
				name: 'whatsAppCheckoutEndpointApi',
				required: true,
				testedBy: 'checkoutKeyTest',
				displayOptions: { show: { operation: ['readRequest', 'respond', 'uploadPublicKey'] } },
			},
		],
		properties,
	};

	methods = { listSearch, loadOptions, credentialTest: { checkoutKeyTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
