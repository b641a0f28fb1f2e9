/**
 * The editor's lists over the WABA: its payment configurations (the action node and the checkout endpoint
 * both pick one), and the one search over a WABA edge that the phone number and catalog lists use.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { normaliseConfigurationStatus, unwrapConfigurationList } from '../shared';
import { getGraphBase, graphApiRequest } from './transport';

/** Whether any of the values contains the typed filter (case-insensitive); no filter matches all. */
export function matchesFilter(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const f = filter.toLowerCase();
	return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(f));
}

/**
 * A list search over one edge of the WABA (GET /{waba-id}/{edge} with `fields`): the rows whose `filterBy`
 * fields contain the typed filter, each shown as `toResult` makes it.
 */
export async function searchWabaEdge(
	ctx: ILoadOptionsFunctions,
	edge: string,
	fields: string,
	filter: string | undefined,
	filterBy: string[],
	toResult: (row: IDataObject) => { name: string; value: string },
): Promise<INodeListSearchResult> {
	const { wabaId } = await getGraphBase.call(ctx);
	const body = await graphApiRequest<{ data?: IDataObject[] }>(ctx, {
		method: 'GET',
		path: `/${wabaId}/${edge}`,
		qs: { fields },
	});
	const results = (body?.data ?? [])
		.filter((row) => matchesFilter(filter, ...filterBy.map((key) => row[key])))
		.map(toResult);
	return { results };
}

export async function searchPaymentConfigurations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { wabaId } = await getGraphBase.call(this);
	const body = await graphApiRequest(this, {
		method: 'GET',
		path: `/${wabaId}/payment_configurations`,
	});
	const results = unwrapConfigurationList(body)
		.filter((c) => matchesFilter(filter, c.configuration_name, c.provider_name))
		.map((c) => ({
			name: `${String(c.configuration_name)}${c.provider_name ? ` (${String(c.provider_name).toLowerCase()}, ${normaliseConfigurationStatus(c.status) ?? 'unknown status'})` : ''}`,
			value: String(c.configuration_name),
		}));
	return { results };
}

export async function getPaymentConfigurations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { results } = await searchPaymentConfigurations.call(this);
	return results.map((r) => ({ name: r.name, value: r.value }));
}
