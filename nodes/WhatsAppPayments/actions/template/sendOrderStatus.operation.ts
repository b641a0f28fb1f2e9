import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildOrderStatusTemplate, buildTemplateMessage } from '../../../shared';
import { INDIA_STATUS_OPTIONS, referenceIdField } from '../shared/descriptions';
import { recipientOf, sendMessage } from '../shared/message';
import type { RunContext } from '../node.type';
import { itemParameter, validated } from '../shared/item';
import { bodyVariablesField, RESOURCE, templateBase, templatePicker } from './fields';
import { approvedTemplate } from './lookup';

const op = ['sendOrderStatus'];
const show = { resource: [RESOURCE], operation: op };

export const description: INodeProperties[] = [
	...templatePicker(op),
	bodyVariablesField(op),
	referenceIdField(op, 'The reference ID of the order this status belongs to', RESOURCE),
	{
		displayName: 'Order Status',
		name: 'orderStatus',
		type: 'options',
		default: 'processing',
		options: INDIA_STATUS_OPTIONS,
		displayOptions: { show },
	},
	{
		displayName: 'Status Description',
		name: 'statusDescription',
		type: 'string',
		default: '',
		description: 'Shown with the status (at most 120 characters)',
		displayOptions: { show },
	},
];

/** Order status template (India): an order's new status outside the 24-hour window. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const base = validated(this, i, () => templateBase.call(this, i, false));
	const referenceId = itemParameter.call(this, 'referenceId', i) as string;
	const message = validated(this, i, () =>
		buildTemplateMessage(
			recipientOf.call(this, i),
			buildOrderStatusTemplate(base, {
				referenceId,
				status: this.getNodeParameter('orderStatus', i) as string,
				description: this.getNodeParameter('statusDescription', i, '') as string,
			}),
		),
	);
	await approvedTemplate.call(this, i, base, 'sendOrderStatus', run);
	return await sendMessage.call(
		this,
		i,
		message,
		{ reference_id: referenceId, template: base.name, language: base.language },
		run,
	);
}
