import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { normaliseConfiguration, unwrapConfigurationList } from '../../../shared';
import { graphApiRequest } from '../../transport';
import { getRetryOptions } from '../common.descriptions';
import { requireWabaId, toItems } from '../utils';

const show = { resource: ['paymentConfiguration'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const wabaId = await requireWabaId.call(this, i);
	const body = await graphApiRequest(this, {
		method: 'GET',
		path: `/${wabaId}/payment_configurations`,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	let configs = unwrapConfigurationList(body).map(normaliseConfiguration);
	if (!this.getNodeParameter('returnAll', i, false)) {
		configs = configs.slice(0, this.getNodeParameter('limit', i, 50) as number);
	}
	return toItems(configs as IDataObject[], i);
}
