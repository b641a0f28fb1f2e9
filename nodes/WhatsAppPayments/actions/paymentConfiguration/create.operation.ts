import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildCreateConfigurationBody, isoFromEpoch, PURPOSE_CODES } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { requireWabaId, toItems, validated } from '../shared/item';

const displayOptions = { show: { resource: ['paymentConfiguration'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Configuration Name',
		name: 'configurationName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. razorpay-prod',
		description:
			'Unique name for the configuration in this WhatsApp Business Account (at most 60 characters). Order messages refer to it.',
	},
	{
		displayName: 'Provider',
		name: 'providerName',
		type: 'options',
		default: 'razorpay',
		options: [
			{ name: 'PayU', value: 'payu' },
			{ name: 'Razorpay', value: 'razorpay' },
			{
				name: 'UPI VPA',
				value: 'upi_vpa',
				description: 'Collect UPI payments into your own UPI handle',
			},
			{ name: 'Zaakpay', value: 'zaakpay' },
		],
	},
	{
		displayName: 'Merchant VPA',
		name: 'merchantVpa',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. shop@okbank',
		description: 'Your UPI handle',
		displayOptions: { show: { providerName: ['upi_vpa'] } },
	},
	{
		displayName: 'Purpose Code',
		name: 'purposeCode',
		type: 'options',
		default: '00',
		options: PURPOSE_CODES.map((p) => ({ name: `${p.code} - ${p.name}`, value: p.code })),
		description: 'UPI purpose code of the payments',
	},
	{
		displayName: 'Merchant Category Code',
		name: 'merchantCategoryCode',
		type: 'string',
		default: '0000',
		placeholder: 'e.g. 5411',
		description: 'Four-digit merchant category code (MCC) of your business',
	},
	{
		displayName: 'Redirect URL',
		name: 'redirectUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/payments/linked',
		description: 'Where you land after linking the payment gateway account through the OAuth link',
		displayOptions: { show: { providerName: ['payu', 'razorpay', 'zaakpay'] } },
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** Adds the expiration as ISO time next to Meta's epoch seconds. */
export function withExpirationTime(body: IDataObject): IDataObject {
	const iso = isoFromEpoch(body.expiration);
	return iso ? { ...body, expiration_time: iso } : body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const providerName = this.getNodeParameter('providerName', i) as string;
	const payload = validated(this, i, () =>
		buildCreateConfigurationBody({
			configurationName: this.getNodeParameter('configurationName', i) as string,
			providerName,
			merchantVpa:
				providerName === 'upi_vpa'
					? (this.getNodeParameter('merchantVpa', i) as string)
					: undefined,
			purposeCode: this.getNodeParameter('purposeCode', i, '') as string,
			merchantCategoryCode: this.getNodeParameter('merchantCategoryCode', i, '') as string,
			redirectUrl:
				providerName === 'upi_vpa'
					? undefined
					: (this.getNodeParameter('redirectUrl', i, '') as string),
		}),
	);
	const wabaId = await requireWabaId.call(this, i);
	const body = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${wabaId}/payment_configuration`,
		body: payload,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems(
		withExpirationTime({
			configuration_name: payload.configuration_name,
			provider_name: payload.provider_name,
			...body,
		}),
		i,
	);
}
