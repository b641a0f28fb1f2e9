import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { normaliseConfigurationStatus, unwrapConfigurationList } from '../../shared';
import { getGraphBase, graphApiRequest } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const f = filter.toLowerCase();
	return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(f));
}

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
		.filter((p) => matches(filter, p.display_phone_number, p.verified_name, p.id))
		.map((p) => ({
			name: `${p.display_phone_number ?? p.id}${p.verified_name ? ` (${p.verified_name})` : ''}`,
			value: String(p.id),
		}));
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
		.filter((c) => matches(filter, c.configuration_name, c.provider_name))
		.map((c) => ({
			name: `${String(c.configuration_name)}${c.provider_name ? ` (${String(c.provider_name).toLowerCase()}, ${normaliseConfigurationStatus(c.status) ?? 'unknown status'})` : ''}`,
			value: String(c.configuration_name),
		}));
	return { results };
}
