import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildCatalogMessageInteractive } from '../../../shared';
import type { RunContext } from '../node.type';
import { validated } from '../shared/item';
import { bodyField, footerField, sendProductMessage, showFor } from './fields';

const show = showFor('sendCatalog');

export const description: INodeProperties[] = [
	bodyField(show, true, 'Text of the message (required, at most 1024 characters)'),
	footerField(show),
	{
		displayName: 'Thumbnail Product',
		name: 'thumbnailRetailerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. SKU-1234',
		description:
			"Optional retailer ID of the product whose image heads the message; empty: the catalog's first product",
		displayOptions: { show },
	},
];

/** Send Catalog: a "View catalog" message that opens the catalog connected to the WhatsApp Business Account. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const interactive = validated(this, i, () =>
		buildCatalogMessageInteractive({
			body: this.getNodeParameter('bodyText', i, '') as string,
			footer: this.getNodeParameter('footerText', i, '') as string,
			thumbnailRetailerId: (this.getNodeParameter('thumbnailRetailerId', i, '') as string).trim(),
		}),
	);
	return await sendProductMessage.call(this, i, interactive, run);
}
