import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildProductCarouselInteractive } from '../../../shared';
import type { RunContext } from '../node.type';
import { validated } from '../shared/item';
import {
	bodyField,
	catalogField,
	catalogIdOf,
	productsField,
	sendProductMessage,
	showFor,
} from './fields';

const show = showFor('sendCarousel');

export const description: INodeProperties[] = [
	catalogField(show),
	bodyField(show, true, 'Text above the cards (required, at most 1024 characters)'),
	productsField(
		show,
		'Product Names or IDs',
		'carouselProducts',
		'2 to 10 products, one card each, in this order',
	),
];

/** Send Product Carousel: 2 to 10 product cards the buyer swipes through (no header, footer or buttons). */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const interactive = validated(this, i, () =>
		buildProductCarouselInteractive({
			catalogId: catalogIdOf.call(this, i),
			body: this.getNodeParameter('bodyText', i, '') as string,
			retailerIds: this.getNodeParameter('carouselProducts', i, []),
		}),
	);
	return await sendProductMessage.call(this, i, interactive, run);
}
