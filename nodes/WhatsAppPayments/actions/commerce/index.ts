import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	phoneNumberLocator,
	senderFields,
	sendOptionFields,
} from '../shared/descriptions';
import { operationsOf } from '../registry';
import * as getSettings from './getSettings.operation';
import * as sendCarousel from './sendCarousel.operation';
import * as sendCatalog from './sendCatalog.operation';
import * as sendProduct from './sendProduct.operation';
import * as sendProductList from './sendProductList.operation';
import * as updateSettings from './updateSettings.operation';

export { getSettings, sendCarousel, sendCatalog, sendProduct, sendProductList, updateSettings };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['commerce'] } },
		options: [
			{
				name: 'Get Commerce Settings',
				value: 'getSettings',
				description: 'Whether the phone number shows the cart and the catalog to buyers',
				action: 'Get commerce settings',
			},
			{
				name: 'Send Catalog',
				value: 'sendCatalog',
				description: 'A message with a View catalog button that opens your whole catalog',
				action: 'Send the catalog',
			},
			{
				name: 'Send Product',
				value: 'sendProduct',
				description: 'One product of your catalog, which the buyer can add to a cart',
				action: 'Send a product',
			},
			{
				name: 'Send Product Carousel',
				value: 'sendCarousel',
				description: '2 to 10 products as cards the buyer swipes through',
				action: 'Send a product carousel',
			},
			{
				name: 'Send Product List',
				value: 'sendProductList',
				description: 'Up to 30 products in sections; the buyer picks some and sends a cart',
				action: 'Send a product list',
			},
			{
				name: 'Update Commerce Settings',
				value: 'updateSettings',
				description:
					'Turn the cart and the catalog (storefront icon) on or off for the phone number',
				action: 'Update commerce settings',
			},
		],
		default: 'sendProductList',
	},
	{
		...phoneNumberLocator,
		description: 'The WhatsApp business phone number whose settings to read or change',
		displayOptions: {
			show: { resource: ['commerce'], operation: ['getSettings', 'updateSettings'] },
		},
	},
	...senderFields(operationsOf('commerce', 'send'), 'commerce'),
	...getSettings.description,
	...updateSettings.description,
	...sendProduct.description,
	...sendProductList.description,
	...sendCatalog.description,
	...sendCarousel.description,
	optionsCollection(operationsOf('commerce', 'send'), 'commerce', sendOptionFields),
	optionsCollection(operationsOf('commerce', 'other'), 'commerce'),
];
