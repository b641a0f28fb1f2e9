/** Fields the commerce operations share (catalog, products, body and footer) and the product message send. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { buildInteractiveMessage, productsOfMessage } from '../../../shared';
import type { JsonObject } from '../../../shared';
import type { RunContext } from '../node.type';
import { locatorValue, validated } from '../shared/item';
import { recipientOf, sendMessage } from '../shared/message';

export type Show = { resource: string[]; operation: string[] };

export function showFor(operation: string): Show {
	return { resource: ['commerce'], operation: [operation] };
}

export function catalogField(show: Show): INodeProperties {
	return {
		displayName: 'Catalog',
		name: 'catalogId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The product catalog connected to the WhatsApp Business Account (in Commerce Manager)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCatalogs', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 194836987000001',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'A catalog ID has only digits' },
					},
				],
			},
		],
		displayOptions: { show },
	};
}

/** Several products of the chosen catalog (a product list section, the cards of a carousel). */
export function productsField(
	show: Show,
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getCatalogProducts',
			loadOptionsDependsOn: ['catalogId.value'],
		},
		required: true,
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `${description}. An expression may give retailer IDs as a list or as text separated by commas.`,
		displayOptions: { show },
	};
}

export function bodyField(show: Show, required: boolean, description: string): INodeProperties {
	return {
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 2 },
		required,
		default: '',
		description,
		displayOptions: { show },
	};
}

export function footerField(show: Show): INodeProperties {
	return {
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Optional small text under the message (at most 60 characters)',
		displayOptions: { show },
	};
}

/** Item i's catalog ID (list or ID). */
export function catalogIdOf(this: IExecuteFunctions, i: number): string {
	return locatorValue.call(this, 'catalogId', i);
}

/**
 * Sends one built product message for item i; the output names the message type, the catalog and the
 * products it offers beside Meta's answer and the payload.
 */
export async function sendProductMessage(
	this: IExecuteFunctions,
	i: number,
	interactive: JsonObject,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const to = recipientOf.call(this, i);
	const message = validated(this, i, () => buildInteractiveMessage(to, interactive));
	const { catalogId, retailerIds } = productsOfMessage(interactive);
	const extra: IDataObject = { message_type: interactive.type as string };
	if (catalogId) extra.catalog_id = catalogId;
	if (retailerIds.length > 0) extra.product_retailer_ids = retailerIds;
	return await sendMessage.call(this, i, message, extra, run);
}
