import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { parseCommerceSettings } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { getPhoneNumberId, toItems } from '../shared/item';

export const description: INodeProperties[] = [];

/** Get Commerce Settings: whether the number shows the cart and the catalog (storefront icon). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = getPhoneNumberId.call(this, i);
	const body = await graphApiRequest<IDataObject>(this, {
		method: 'GET',
		path: `/${phoneNumberId}/whatsapp_commerce_settings`,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems(
		{ phone_number_id: phoneNumberId, ...parseCommerceSettings(body) } as unknown as IDataObject,
		i,
	);
}
