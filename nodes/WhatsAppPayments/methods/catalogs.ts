/**
 * The catalogs connected to the WhatsApp Business Account and their products, for the editor's lists.
 * GET /{waba-id}/product_catalogs lists the connected catalogs; GET /{catalog-id}/products the products
 * (Meta's Catalog API: https://developers.facebook.com/docs/marketing-api/reference/product-catalog/products/).
 * Reading products needs the catalog_management permission on the token; without it Meta answers an error
 * and the list says so, while the By ID modes and expressions keep working.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { graphApiRequest } from '../../common/transport';
import { matchesFilter, searchWabaEdge } from '../../common/lists';

export async function searchCatalogs(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchWabaEdge(this, 'product_catalogs', 'id,name', filter, ['name', 'id'], (c) => ({
		name: `${String(c.name ?? c.id)} (${String(c.id)})`,
		value: String(c.id),
	}));
}

/** The chosen catalog's products: "name (price)" with the retailer ID as the value. */
export async function catalogProducts(
	ctx: ILoadOptionsFunctions,
	filter?: string,
): Promise<Array<{ name: string; value: string; description?: string }>> {
	const catalogId = String(
		ctx.getCurrentNodeParameter('catalogId', { extractValue: true }) ?? '',
	).trim();
	if (!/^\d+$/.test(catalogId)) return [];
	const body = await graphApiRequest<{ data?: IDataObject[] }>(ctx, {
		method: 'GET',
		path: `/${catalogId}/products`,
		qs: { fields: 'retailer_id,name,price', limit: 250 },
	});
	return (body?.data ?? [])
		.filter((p) => typeof p.retailer_id === 'string' && p.retailer_id !== '')
		.filter((p) => matchesFilter(filter, p.name, p.retailer_id))
		.map((p) => ({
			name: `${String(p.name ?? p.retailer_id)}${p.price ? ` (${String(p.price)})` : ''}`,
			value: String(p.retailer_id),
			description: `Retailer ID ${String(p.retailer_id)}`,
		}));
}
