import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { normaliseTemplateStatus } from '../../../shared';
import { limited, returnAllFields } from '../shared/descriptions';
import { toItems } from '../shared/item';
import { RESOURCE } from './fields';
import { listTemplates } from './lookup';
import { templateItem } from './output';

const show = { resource: [RESOURCE], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Kind',
				name: 'kind',
				type: 'options',
				default: 'payment',
				options: [
					{ name: 'All Payment Templates', value: 'payment' },
					{ name: 'Any Template', value: 'any' },
					{ name: 'Checkout Button', value: 'checkout' },
					{ name: 'Checkout Button Carousel', value: 'checkout_carousel' },
					{ name: 'Order Details', value: 'order_details' },
					{ name: 'Order Status', value: 'order_status' },
					{ name: 'Payment Request', value: 'payment_request' },
				],
			},
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'APPROVED',
				options: [
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Disabled', value: 'DISABLED' },
					{ name: 'Paused', value: 'PAUSED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
			},
		],
	},
];

/** The WABA's templates, payment templates by default, each with a normalised status and its kind. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as {
		kind?: string;
		name?: string;
		status?: string;
	};
	const kind = filters.kind ?? 'payment';
	const list = await listTemplates(this, filters.name ? { name: filters.name } : {}, i);
	const items = list
		.map(templateItem)
		.filter((t) => (kind === 'any' ? true : kind === 'payment' ? t.kind !== null : t.kind === kind))
		.filter((t) => !filters.status || t.status === normaliseTemplateStatus(filters.status));
	return toItems(limited.call(this, i, items) as IDataObject[], i);
}
