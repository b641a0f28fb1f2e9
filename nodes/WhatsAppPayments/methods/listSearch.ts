import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getGraphBase, graphApiRequest } from '../../common/transport';
import { matchesFilter } from '../../common/lists';
import { catalogProducts } from './catalogs';

export { searchCatalogs } from './catalogs';

export { searchPaymentConfigurations } from '../../common/lists';

export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { wabaId } = await getGraphBase.call(this);
	const body = await graphApiRequest<{ data?: IDataObject[] }>(this, {
		method: 'GET',
		path: `/${wabaId}/phone_numbers`,
		qs: { fields: 'id,display_phone_number,verified_name' },
	});
	const results = (body?.data ?? [])
		.filter((p) => matchesFilter(filter, p.display_phone_number, p.verified_name, p.id))
		.map((p) => ({
			name: `${p.display_phone_number ?? p.id}${p.verified_name ? ` (${p.verified_name})` : ''}`,
			value: String(p.id),
		}));
	return { results };
}

/** The chosen catalog's products (Send Product's product list). */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const results = await catalogProducts(this, filter);
	return { results: results.map(({ name, value }) => ({ name, value })) };
}
