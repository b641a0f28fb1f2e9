import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { graphApiRequest } from '../../../common/transport';
import { configurationNameLocator, getRetryOptions } from '../shared/descriptions';
import { configurationNameOf, requireWabaId, toItems, validated } from '../shared/item';

export const description: INodeProperties[] = [
	{
		...configurationNameLocator,
		displayOptions: { show: { resource: ['paymentConfiguration'], operation: ['delete'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = validated(this, i, () => configurationNameOf.call(this, i));
	const wabaId = await requireWabaId.call(this, i);
	// Meta documents a JSON body on DELETE ("Onboarding APIs", payments-in/onboarding-apis); the name
	// also goes in the query string because some HTTP stacks and proxies drop the body of a DELETE.
	// Both carry the same value.
	const body = await graphApiRequest<IDataObject>(this, {
		method: 'DELETE',
		path: `/${wabaId}/payment_configuration`,
		body: { configuration_name: name },
		qs: { configuration_name: name },
		kind: 'send',
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems({ configuration_name: name, ...body }, i);
}
