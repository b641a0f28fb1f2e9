import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	buildOrderStatusInteractive,
	buildOrderStatusParameters,
	validateOrderStatusInteractive,
} from '../../../shared';
import type { RunContext } from '../node.type';
import {
	countryField,
	INDIA_STATUS_OPTIONS,
	referenceIdField,
	senderFields,
} from '../shared/descriptions';
import { getCountry, itemParameter, readTime, validated } from '../shared/item';
import { sendInteractive } from '../shared/message';

const op = ['sendStatus'];
const show = { resource: ['order'], operation: op };

export const description: INodeProperties[] = [
	...senderFields(op),
	countryField(op),
	referenceIdField(op, 'The reference ID of the order_details message this status belongs to'),
	{
		displayName: 'Order Status',
		name: 'status',
		type: 'options',
		default: '',
		options: [
			{
				name: 'Canceled',
				value: 'canceled',
				description: 'Final. Fails if a payment is already captured or pending (error 2047).',
			},
			{
				name: 'Completed',
				value: 'completed',
				description: 'Final: nothing more will happen to this order',
			},
			{
				name: 'No Order Status (Payment Status Only)',
				value: '',
				description: 'Simplified Brazil status: only the payment label changes',
			},
			{ name: 'Partially Shipped', value: 'partially_shipped' },
			{ name: 'Pending', value: 'pending', description: 'The status every order starts with' },
			{ name: 'Processing', value: 'processing' },
			{ name: 'Shipped', value: 'shipped' },
		],
		displayOptions: { show: { ...show, country: ['BR'] } },
	},
	{
		displayName: 'Order Status',
		name: 'status',
		type: 'options',
		default: 'processing',
		options: INDIA_STATUS_OPTIONS,
		displayOptions: { show: { ...show, country: ['IN'] } },
	},
	{
		displayName: 'Payment Status',
		name: 'paymentStatus',
		type: 'options',
		default: '',
		options: [
			{
				name: 'Captured',
				value: 'captured',
				description: 'Shows the green "paid" label on the order',
			},
			{ name: 'Failed', value: 'failed' },
			{ name: 'None', value: '' },
			{ name: 'Pending', value: 'pending' },
		],
		description: 'Brazil: the payment state to show on the order',
		displayOptions: { show: { ...show, country: ['BR'] } },
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		description: 'Message text (at most 1024 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'Already Done Counts as Sent',
		name: 'alreadyDone',
		type: 'boolean',
		default: false,
		description:
			'Whether Meta refusing the status because the order is already past it (#2046, e.g. a run repeated after a crash sends "completed" again) gives an output item with already_done: true instead of an error. Meta gives #2046 for any refused transition, so turn it on where the workflow sends statuses in order and may run twice for one payment.',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'statusFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Shown on the order page, e.g. a cancellation reason (at most 120 characters)',
			},
			{
				displayName: 'Footer Text',
				name: 'footer',
				type: 'string',
				default: '',
				description: 'At most 60 characters',
			},
			{
				displayName: 'Payment Timestamp',
				name: 'paymentTimestamp',
				type: 'dateTime',
				default: '',
				description: 'Brazil: when the payment happened',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const country = getCountry.call(this, i);
	const fields = this.getNodeParameter('statusFields', i, {}) as IDataObject;
	const interactive = validated(this, i, () => {
		const parameters = buildOrderStatusParameters({
			country,
			referenceId: itemParameter.call(this, 'referenceId', i) as string,
			status: this.getNodeParameter('status', i, '') as string,
			description: fields.description as string,
			paymentStatus:
				country === 'BR' ? (this.getNodeParameter('paymentStatus', i, '') as string) : undefined,
			paymentTimestamp: readTime(fields.paymentTimestamp, 'parameters.payment.timestamp'),
		});
		const built = buildOrderStatusInteractive(parameters, {
			body: this.getNodeParameter('bodyText', i) as string,
			footer: fields.footer as string,
		});
		validateOrderStatusInteractive(built, country);
		return built;
	});
	const parameters = (interactive.action as IDataObject).parameters as IDataObject;
	try {
		return await sendInteractive.call(this, i, interactive, parameters.reference_id, run);
	} catch (error) {
		if (!isRefusedTransition(error) || !this.getNodeParameter('alreadyDone', i, false)) {
			// Both constructors hand back the error they are given when it is already of their kind.
			if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		// Meta's order_status rules: completed and canceled are final, an order never returns to pending
		// (Meta, "Receive payments via payment gateways",
		// https://developers.facebook.com/docs/whatsapp/cloud-api/payments-api/payments-in/pg, order status
		// section; Brazil answers the same code). A repeated run meets exactly this refusal.
		return [
			{
				json: {
					message_id: null,
					reference_id: parameters.reference_id as string,
					already_done: true,
					refused_with: 2046,
					payload: interactive as IDataObject,
				},
				pairedItem: { item: i },
			},
		];
	}
}

/** Meta's #2046: the new order status does not follow from the order's current one. */
function isRefusedTransition(error: unknown): boolean {
	return (error as { context?: IDataObject } | null)?.context?.graphErrorCode === 2046;
}
