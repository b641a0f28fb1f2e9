import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, phoneNumberLocator, sendOptionFields } from '../shared/descriptions';
import { operationsOf } from '../registry';
import * as lookupPayment from './lookupPayment.operation';
import * as parseUpiLink from './parseUpiLink.operation';
import * as refund from './refund.operation';
import * as sendDetails from './sendDetails.operation';
import * as sendStatus from './sendStatus.operation';

export { lookupPayment, parseUpiLink, refund, sendDetails, sendStatus };

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
				description:
					'India only: confirm the payment of an order with Meta (payment gateway orders)',
				action: 'Look up the payment of an order (INDIA)',
			},
			{
				name: 'Parse UPI Link (India)',
				value: 'parseUpiLink',
				description:
					"India only: read a gateway's UPI intent link (pa, pn, mc, purpose, tr...) and check it, without calling Meta",
				action: 'Parse a UPI intent link (INDIA)',
			},
			{
				name: 'Refund (India)',
				value: 'refund',
				description: 'India only: refund a payment gateway payment, fully or partly',
				action: 'Refund an order payment (INDIA)',
			},
			{
				name: 'Send Details',
				value: 'sendDetails',
				description:
					'A payment request the buyer pays in WhatsApp (order_details, Brazil and India), within 24 hours of their last message',
				action: 'Send order details',
			},
			{
				name: 'Send Status',
				value: 'sendStatus',
				description: 'An order status update for an order the buyer received (Brazil and India)',
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
	...parseUpiLink.description,
	optionsCollection(operationsOf('order', 'send'), 'order', sendOptionFields),
	optionsCollection(operationsOf('order', 'other'), 'order'),
];
