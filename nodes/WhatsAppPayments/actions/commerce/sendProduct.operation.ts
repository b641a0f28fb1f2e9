import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildSingleProductInteractive } from '../../../shared';
import type { RunContext } from '../node.type';
import { locatorValue, validated } from '../shared/item';
import {
	bodyField,
	catalogField,
	catalogIdOf,
	footerField,
	sendProductMessage,
	showFor,
} from './fields';

const show = showFor('sendProduct');

export const description: INodeProperties[] = [
	catalogField(show),
	{
		displayName: 'Product',
		name: 'productRetailerId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: "The product to show, by its retailer ID (the catalog's Content ID / SKU)",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchProducts', searchable: true },
			},
			{
				displayName: 'By Retailer ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. SKU-1234',
			},
		],
		displayOptions: { show },
	},
	bodyField(show, false, 'Optional text under the product (at most 1024 characters)'),
	footerField(show),
];

/** Send Product: one product of the catalog, which the buyer can add to the cart (no header). */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const interactive = validated(this, i, () =>
		buildSingleProductInteractive({
			catalogId: catalogIdOf.call(this, i),
			retailerId: locatorValue.call(this, 'productRetailerId', i),
			body: this.getNodeParameter('bodyText', i, '') as string,
			footer: this.getNodeParameter('footerText', i, '') as string,
		}),
	);
	return await sendProductMessage.call(this, i, interactive, run);
}
