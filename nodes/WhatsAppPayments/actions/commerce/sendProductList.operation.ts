import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { buildProductListInteractive } from '../../../shared';
import type { RunContext } from '../node.type';
import { validated } from '../shared/item';
import {
	bodyField,
	catalogField,
	catalogIdOf,
	footerField,
	sendProductMessage,
	showFor,
} from './fields';

const show = showFor('sendProductList');

export const description: INodeProperties[] = [
	catalogField(show),
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Our bestsellers',
		description: 'Title above the list (required, at most 60 characters)',
		displayOptions: { show },
	},
	bodyField(show, true, 'Text of the message (required, at most 1024 characters)'),
	footerField(show),
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Section',
		required: true,
		default: {},
		description:
			'1 to 10 sections with at most 30 products in all. With more than one section, each needs a title.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'e.g. Cakes',
						description:
							'Section title (at most 24 characters; required when the list has several sections)',
					},
					{
						displayName: 'Product Names or IDs',
						name: 'products',
						type: 'multiOptions',
						typeOptions: {
							loadOptionsMethod: 'getCatalogProducts',
							loadOptionsDependsOn: ['catalogId.value'],
						},
						default: [],
						description:
							'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						hint: 'The products of the section. An expression may give retailer IDs as a list or as text separated by commas.',
					},
				],
			},
		],
	},
];

/** Send Product List: up to 30 products of the catalog in sections; the buyer fills a cart from it. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const interactive = validated(this, i, () => {
		const sections = (this.getNodeParameter('sections', i, {}) as IDataObject).section as
			IDataObject[] | undefined;
		return buildProductListInteractive({
			catalogId: catalogIdOf.call(this, i),
			header: this.getNodeParameter('headerText', i, '') as string,
			body: this.getNodeParameter('bodyText', i, '') as string,
			footer: this.getNodeParameter('footerText', i, '') as string,
			sections: (sections ?? []).map((s) => ({
				title: s.title as string | undefined,
				retailerIds: s.products,
			})),
		});
	});
	return await sendProductMessage.call(this, i, interactive, run);
}
