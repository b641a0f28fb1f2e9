import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normaliseConfiguration } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { configurationNameLocator, getRetryOptions } from '../shared/descriptions';
import { configurationNameOf, requireWabaId, toItems, validated } from '../shared/item';

export const description: INodeProperties[] = [
	{
		...configurationNameLocator,
		displayOptions: { show: { resource: ['paymentConfiguration'], operation: ['get'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = validated(this, i, () => configurationNameOf.call(this, i));
	const wabaId = await requireWabaId.call(this, i);
	const body = await graphApiRequest<{ data?: IDataObject[] }>(this, {
		method: 'GET',
		path: `/${wabaId}/payment_configuration/${encodeURIComponent(name)}`,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	const config = Array.isArray(body?.data) ? body.data[0] : undefined;
	if (!config) {
		throw new NodeOperationError(this.getNode(), `Payment configuration "${name}" was not found`, {
			itemIndex: i,
			description:
				'Meta returned no configuration with that name for this WhatsApp Business Account.',
		});
	}
	return toItems(normaliseConfiguration(config) as IDataObject, i);
}
