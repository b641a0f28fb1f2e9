import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { normaliseConfiguration, unwrapConfigurationList } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions, limited, returnAllFields } from '../shared/descriptions';
import { requireWabaId, toItems } from '../shared/item';

const show = { resource: ['paymentConfiguration'], operation: ['getAll'] };

export const description: INodeProperties[] = [...returnAllFields(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const wabaId = await requireWabaId.call(this, i);
	const body = await graphApiRequest(this, {
		method: 'GET',
		path: `/${wabaId}/payment_configurations`,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	const configs = unwrapConfigurationList(body).map(normaliseConfiguration);
	return toItems(limited.call(this, i, configs) as IDataObject[], i);
}
