import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { searchPaymentConfigurations } from './listSearch';

export async function getPaymentConfigurations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { results } = await searchPaymentConfigurations.call(this);
	return results.map((r) => ({ name: r.name, value: r.value }));
}
