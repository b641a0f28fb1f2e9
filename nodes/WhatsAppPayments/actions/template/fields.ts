/**
 * Fields every template send shares: sender and recipient, the template (from the WABA's approved
 * templates of the operation's kind) and its language, the header parameter and the body variables.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fail, isBlank } from '../../../shared';
import type { HeaderParameterInput, TemplateBase } from '../../../shared';
import { senderFields } from '../shared/descriptions';

export const RESOURCE = 'template';

export function templatePicker(operations: string[]): INodeProperties[] {
	const show = { resource: [RESOURCE], operation: operations };
	return [
		...senderFields(operations, RESOURCE),
		{
			displayName: 'Template Name or ID',
			name: 'templateName',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTemplates' },
			required: true,
			default: '',
			description:
				'An APPROVED template of this kind in the WhatsApp Business Account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: { show },
		},
		{
			displayName: 'Language Name or ID',
			name: 'templateLanguage',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getTemplateLanguages',
				loadOptionsDependsOn: ['templateName'],
			},
			required: true,
			default: '',
			description:
				'The approved language of the template (its code, such as pt_BR). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: { show },
		},
	];
}

export function headerFields(
	operations: string[],
	extraShow: Record<string, Array<string | boolean>> = {},
): INodeProperties[] {
	const show = { resource: [RESOURCE], operation: operations, ...extraShow };
	return [
		{
			displayName: 'Header',
			name: 'headerType',
			type: 'options',
			default: 'none',
			description: "What fills the template's header: nothing for a fixed text header or none",
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'None (Fixed or No Header)', value: 'none' },
				{ name: 'Text', value: 'text' },
				{ name: 'Video', value: 'video' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			description: 'The value of the header variable (at most 60 characters)',
			displayOptions: { show: { ...show, headerType: ['text'] } },
		},
		{
			displayName: 'Header Media (Link or Media ID)',
			name: 'headerMedia',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://shop.example.com/invoice-1234.pdf',
			description: 'A public https link, or the ID of media uploaded to the phone number',
			displayOptions: { show: { ...show, headerType: ['document', 'image', 'video'] } },
		},
		{
			displayName: 'Document File Name',
			name: 'headerFilename',
			type: 'string',
			default: '',
			placeholder: 'e.g. order-1234.pdf',
			displayOptions: { show: { ...show, headerType: ['document'] } },
		},
	];
}

export function bodyVariablesField(operations: string[], description?: string): INodeProperties {
	return {
		displayName: 'Body Variables',
		name: 'bodyVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Variable',
		default: {},
		description:
			description ?? 'One value per {{n}} variable of the template body, in order ({{1}} first)',
		displayOptions: { show: { resource: [RESOURCE], operation: operations } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
			},
		],
	};
}

/** A header parameter from the Header fields (media by link when it looks like one, else by ID). */
export function headerInput(
	type: string,
	text: unknown,
	media: unknown,
	filename?: unknown,
): HeaderParameterInput | undefined {
	if (type === 'none' || isBlank(type)) return undefined;
	if (type === 'text') return { type: 'text', text: String(text ?? '') };
	const value = String(media ?? '').trim();
	if (value === '')
		fail('header', `needs a link or media ID for the ${type} header`, undefined, 'missing');
	const byLink = /^[a-z][a-z0-9+.-]*:/i.test(value);
	return {
		type: type as HeaderParameterInput['type'],
		...(byLink ? { link: value } : { id: value }),
		...(type === 'document' && !isBlank(filename) ? { filename: String(filename) } : {}),
	};
}

/** Template name, language, header and body variables of item i. */
export function templateBase(this: IExecuteFunctions, i: number, withHeader = true): TemplateBase {
	const variables =
		((this.getNodeParameter('bodyVariables', i, {}) as IDataObject).variable as
			IDataObject[] | undefined) ?? [];
	return {
		name: String(this.getNodeParameter('templateName', i)).trim(),
		language: String(this.getNodeParameter('templateLanguage', i)).trim(),
		header: withHeader
			? headerInput(
					this.getNodeParameter('headerType', i, 'none') as string,
					this.getNodeParameter('headerText', i, ''),
					this.getNodeParameter('headerMedia', i, ''),
					this.getNodeParameter('headerFilename', i, ''),
				)
			: undefined,
		bodyVariables: variables.map((v) => String(v.value ?? '')),
	};
}
