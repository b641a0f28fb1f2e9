import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as order from './actions/order';
import * as paymentConfiguration from './actions/paymentConfiguration';
import * as template from './actions/template';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { CREDENTIAL_TYPE } from './transport';
import { MAIN_CONNECTION } from './compat';

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
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
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
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
