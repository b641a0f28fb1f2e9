import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { requireWabaId, toItems } from '../shared/item';
import { RESOURCE } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Template ID (One Language Only)',
		name: 'templateId',
		type: 'string',
		default: '',
		description:
			'Deletes only the language with this ID; empty deletes the template in every language',
		displayOptions: { show: { resource: [RESOURCE], operation: ['delete'] } },
	},
];

/** Deletes a template by name (every language), or one language by its ID (hsm_id). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const wabaId = await requireWabaId.call(this, i);
	const name = String(this.getNodeParameter('name', i)).trim();
	const id = String(this.getNodeParameter('templateId', i, '')).trim();
	const response = await graphApiRequest<IDataObject>(this, {
		method: 'DELETE',
		path: `/${wabaId}/message_templates`,
		qs: { name, ...(id ? { hsm_id: id } : {}) },
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems({ deleted: response?.success === true, name, template_id: id || null }, i);
}
