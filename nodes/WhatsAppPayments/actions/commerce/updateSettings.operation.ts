import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { commerceSettingsQuery } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { getPhoneNumberId, toItems, validated } from '../shared/item';
import { showFor } from './fields';

const show = showFor('updateSettings');

function setting(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		default: 'unchanged',
		description,
		options: [
			{ name: 'Leave as Is', value: 'unchanged' },
			{ name: 'Enabled', value: 'true' },
			{ name: 'Disabled', value: 'false' },
		],
		displayOptions: { show },
	};
}

export const description: INodeProperties[] = [
	setting(
		'Cart',
		'cartEnabled',
		"Whether buyers can add products to a cart and send it to you. Disabled hides the cart buttons everywhere. Meta's default: enabled.",
	),
	setting(
		'Catalog Visible',
		'catalogVisible',
		'Whether the storefront icon and catalog buttons show in the chat and profile. Disabled also makes catalog links show "Invalid catalog link". Meta\'s default: hidden.',
	),
];

/**
 * Update Commerce Settings: Meta takes the settings as query parameters of the POST, not as a JSON body
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/sell-products-and-services/set-commerce-settings).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const query = validated(this, i, () =>
		commerceSettingsQuery({
			cartEnabled: this.getNodeParameter('cartEnabled', i, 'unchanged'),
			catalogVisible: this.getNodeParameter('catalogVisible', i, 'unchanged'),
		}),
	);
	const phoneNumberId = getPhoneNumberId.call(this, i);
	const body = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${phoneNumberId}/whatsapp_commerce_settings`,
		qs: query,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems({ phone_number_id: phoneNumberId, ...query, success: body?.success === true }, i);
}
