import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../shared/item';
import { RESOURCE } from './fields';
import { listTemplates } from './lookup';
import { templateItem } from './output';

const show = { resource: [RESOURCE], operation: ['get', 'delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_details_pix',
		displayOptions: { show },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. pt_BR',
		description: 'Only this language; empty for every language of the template',
		displayOptions: { show: { ...show, operation: ['get'] } },
	},
];

/** One template by name: one item per language (or the one language asked for). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('name', i)).trim();
	const language = String(this.getNodeParameter('language', i, '')).trim();
	const found = (await listTemplates(this, { name }, i)).filter(
		(t) => t.name === name && (!language || t.language === language),
	);
	if (found.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`No template "${name}"${language ? ` in ${language}` : ''}`,
			{
				itemIndex: i,
				description:
					'Check the name (lower case, underscores) and language; Template > Get Many lists them.',
			},
		);
	}
	return toItems(found.map(templateItem), i);
}
