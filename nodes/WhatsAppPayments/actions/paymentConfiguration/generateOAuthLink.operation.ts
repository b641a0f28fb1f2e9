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
import { withExpirationTime } from './create.operation';

const show = { resource: ['paymentConfiguration'], operation: ['generateOAuthLink'] };

export const description: INodeProperties[] = [
	{ ...configurationNameLocator, displayOptions: { show } },
	{
		displayName: 'Redirect URL',
		name: 'redirectUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/payments/linked',
		description: 'Where you land after linking the payment gateway account',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const payload = validated(this, i, () => {
		const body: IDataObject = {
			configuration_name: configurationNameOf.call(this, i),
		};
		const redirect = this.getNodeParameter('redirectUrl', i, '') as string;
		if (redirect) body.redirect_url = requireUrl(redirect, 'redirect_url');
		return body;
	});
	const wabaId = await requireWabaId.call(this, i);
	const body = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${wabaId}/generate_payment_configuration_oauth_link`,
		body: payload,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems(
		withExpirationTime({ configuration_name: payload.configuration_name, ...body }),
		i,
	);
}
