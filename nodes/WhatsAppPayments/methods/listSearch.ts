import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchWabaEdge } from '../../common/lists';
import { catalogProducts } from './catalogs';

export { searchCatalogs } from './catalogs';

export { searchPaymentConfigurations } from '../../common/lists';

export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchWabaEdge(
		this,
		'phone_numbers',
		'id,display_phone_number,verified_name',
		filter,
		['display_phone_number', 'verified_name', 'id'],
		(p) => ({
			name: `${String(p.display_phone_number ?? p.id)}${p.verified_name ? ` (${String(p.verified_name)})` : ''}`,
			value: String(p.id),
		}),
	);
}

/** The chosen catalog's products (Send Product's product list). */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const results = await catalogProducts(this, filter);
	return { results: results.map(({ name, value }) => ({ name, value })) };
}
