import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeTemplate } from '../../shared';
import type { TemplateKind } from '../../shared';
import { templateKindOf } from '../actions/registry';
import { listTemplates } from '../actions/template/lookup';

import { catalogProducts } from './catalogs';

export { getPaymentConfigurations } from '../../common/lists';

/** The template kind of the operation being edited, as the registry gives it. */
function kindFor(ctx: ILoadOptionsFunctions): TemplateKind {
	return templateKindOf(
		String(ctx.getCurrentNodeParameter('resource') ?? ''),
		String(ctx.getCurrentNodeParameter('operation') ?? ''),
		(name) => ctx.getCurrentNodeParameter(name),
	);
}

/** The WABA's APPROVED templates of the operation's kind, one entry per name with its languages. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const kind = kindFor(this);
	const byName = new Map<string, string[]>();
	for (const t of await listTemplates(this, { status: 'APPROVED' })) {
		const info = describeTemplate(t);
		if (info.status !== 'APPROVED' || info.kind !== kind) continue;
		byName.set(info.name, [...(byName.get(info.name) ?? []), info.language]);
	}
	return [...byName.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, languages]) => ({ name, value: name, description: languages.join(', ') }));
}

/** The approved languages of the chosen template. */
export async function getTemplateLanguages(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const name = String(this.getCurrentNodeParameter('templateName') ?? '');
	if (!name) return [];
	return (await listTemplates(this, { name }))
		.map(describeTemplate)
		.filter((t) => t.name === name && t.status === 'APPROVED')
		.map((t) => ({ name: t.language, value: t.language }));
}

/** The chosen catalog's products, for the product lists of a product list's sections and a carousel. */
export async function getCatalogProducts(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await catalogProducts(this);
}
