import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requireUrl } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { configurationNameLocator, getRetryOptions } from '../shared/descriptions';
import { configurationNameOf, requireWabaId, toItems, validated } from '../shared/item';

const show = { resource: ['paymentConfiguration'], operation: ['updateDataEndpoint'] };

export const description: INodeProperties[] = [
	{ ...configurationNameLocator, displayOptions: { show } },
	{
		displayName: 'Data Endpoint URL',
		name: 'dataEndpointUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/whatsapp/checkout-data',
		description:
			'HTTPS endpoint the WhatsApp client calls for coupons, shipping address and live inventory in checkout button templates',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { name, url } = validated(this, i, () => ({
		name: configurationNameOf.call(this, i),
		url: requireUrl(this.getNodeParameter('dataEndpointUrl', i), 'data_endpoint_url', [
			'https:',
			'http:',
		]),
	}));
	const wabaId = await requireWabaId.call(this, i);
	const body = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${wabaId}/payment_configuration/${encodeURIComponent(name)}`,
		body: { data_endpoint_url: url },
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems({ configuration_name: name, data_endpoint_url: url, ...body }, i);
}
