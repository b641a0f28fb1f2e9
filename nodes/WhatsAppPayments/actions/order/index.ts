import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, phoneNumberLocator } from '../common.descriptions';
import * as lookupPayment from './lookupPayment.operation';
import * as refund from './refund.operation';
import * as sendDetails from './sendDetails.operation';
import * as sendStatus from './sendStatus.operation';

export { lookupPayment, refund, sendDetails, sendStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Lookup Payment (India)',
				value: 'lookupPayment',
				description: 'Confirm the payment of an order with Meta (payment gateway orders)',
				action: 'Look up the payment of an order',
			},
			{
				name: 'Refund (India)',
				value: 'refund',
				description: 'Refund a payment gateway payment, fully or partly',
				action: 'Refund an order payment',
			},
			{
				name: 'Send Details',
				value: 'sendDetails',
				description: 'Send an order_details message the buyer can pay',
				action: 'Send order details',
			},
			{
				name: 'Send Status',
				value: 'sendStatus',
				description: 'Send an order_status update for an order',
				action: 'Send an order status',
			},
		],
		default: 'sendDetails',
	},
	...sendDetails.description,
	...sendStatus.description,
	{
		...phoneNumberLocator,
		displayOptions: { show: { resource: ['order'], operation: ['lookupPayment', 'refund'] } },
	},
	...lookupPayment.description,
	...refund.description,
	optionsCollection(['sendDetails', 'sendStatus'], 'order', [
		{
			displayName: 'Messages Per Second',
			name: 'messagesPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 80,
			description:
				"Most messages this node starts per second for one sender number. Meta's default Cloud API throughput is 80; raise it only if Meta raised your number's limit. On a throttling answer (130429) the node slows down and retries.",
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 20,
			description:
				"How many messages may wait for Meta's answer at the same time. 1 sends one item after the other.",
		},
	]),
	optionsCollection(['lookupPayment', 'refund'], 'order'),
];
