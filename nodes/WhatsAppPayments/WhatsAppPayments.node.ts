import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as checkout from './actions/checkout';
import * as order from './actions/order';
import * as paymentConfiguration from './actions/paymentConfiguration';
import * as template from './actions/template';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { CREDENTIAL_TYPE } from '../common/transport';
import { MAIN_CONNECTION } from '../common/compat';
import { checkoutKeyTest } from '../common/keyTest';
import { toolDescriptionFields } from './actions/shared/tool';

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
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp order messages and payment templates, and manage payment configurations (Brazil and India Payments API)',
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
				displayOptions: { show: { operation: ['respond', 'uploadPublicKey'] } },
			},
		],
		properties: [
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
					{ name: 'Order', value: 'order' },
					{ name: 'Payment Configuration', value: 'paymentConfiguration' },
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
		],
	};

	methods = { listSearch, loadOptions, credentialTest: { checkoutKeyTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
