/**
 * Canvas subtitles that show the names a user picked ("Order: Send Details"), not the option values
 * n8n would show for `$parameter["operation"]` ("sendDetails"). n8n evaluates a node's `subtitle` as an
 * expression with `$parameter`; the names are looked up in a table built from the node's own options, so
 * a renamed or added option needs no second edit.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).filter(
		(option) => typeof option.value === 'string' && 'name' in option,
	);
}

/** A lookup of `key` in `table` as expression code; no `}}` can appear in it (it would end the expression). */
function lookup(table: Record<string, string>, key: string): string {
	const json = JSON.stringify(table);
	if (json.includes('}}') || json.includes('{{'))
		throw new Error('subtitle names must not contain braces');
	return `(${json})[${key}]`;
}

/** "Resource: Operation" from the node's Resource options and its per-resource Operation dropdowns. */
export function resourceOperationSubtitle(properties: INodeProperties[]): string {
	const table: Record<string, string> = {};
	const resources = optionsOf(properties.find((p) => p.name === 'resource'));
	for (const resource of resources) {
		const operations = properties.find(
			(p) =>
				p.name === 'operation' &&
				p.displayOptions?.show?.resource?.includes(resource.value as string) === true,
		);
		for (const operation of optionsOf(operations))
			table[`${resource.value as string}:${operation.value as string}`] =
				`${resource.name}: ${operation.name}`;
	}
	return `={{${lookup(table, '$parameter["resource"] + ":" + $parameter["operation"]')}}}`;
}

/** "<label>: <the picked option's name>" for one options parameter. */
export function optionSubtitle(properties: INodeProperties[], name: string, label: string): string {
	const table: Record<string, string> = {};
	for (const option of optionsOf(properties.find((p) => p.name === name)))
		table[option.value as string] = option.name;
	return `={{${JSON.stringify(`${label}: `)} + ${lookup(table, `$parameter[${JSON.stringify(name)}]`)}}}`;
}
