import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, sendOptionFields } from '../shared/descriptions';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as sendCheckout from './sendCheckout.operation';
import * as sendOrderDetails from './sendOrderDetails.operation';
import * as sendOrderStatus from './sendOrderStatus.operation';
import * as sendPaymentLink from './sendPaymentLink.operation';
import * as sendPaymentRequest from './sendPaymentRequest.operation';
import { operationsOf } from '../registry';
import { RESOURCE } from './fields';

export {
	create,
	deleteTemplate as delete,
	get,
	getAll,
	sendCheckout,
	sendOrderDetails,
	sendOrderStatus,
	sendPaymentLink,
	sendPaymentRequest,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [RESOURCE] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Submit a payment template for review',
				action: 'Create a template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a template by name',
				action: 'Delete a template',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a template by name',
				action: 'Get a template',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List templates with their status',
				action: 'Get many templates',
			},
			{
				name: 'Send Checkout Button Template (India)',
				value: 'sendCheckout',
				description:
					'India only: a product, or a carousel of products, with "Buy now" and an in-WhatsApp checkout',
				action: 'Send a checkout button template (INDIA)',
			},
			{
				name: 'Send Enhanced Payment Link (India)',
				value: 'sendPaymentLink',
				description:
					'India only: a Razorpay, PayU or Cashfree payment link drawn as a "Pay now" card (Meta enables it per account)',
				action: 'Send an enhanced payment link template (INDIA)',
			},
			{
				name: 'Send Order Details Template',
				value: 'sendOrderDetails',
				description: 'An order the buyer can pay, outside the 24-hour window (Brazil and India)',
				action: 'Send an order details template',
			},
			{
				name: 'Send Order Status Template (India)',
				value: 'sendOrderStatus',
				description: 'India only: an order status update outside the 24-hour window',
				action: 'Send an order status template (INDIA)',
			},
			{
				name: 'Send Payment Request (Brazil)',
				value: 'sendPaymentRequest',
				description: 'Brazil only: Pix, boleto and payment link buttons without an order',
				action: 'Send a payment request template (BRAZIL)',
			},
		],
		default: 'sendOrderDetails',
	},
	...sendOrderDetails.description,
	...sendPaymentRequest.description,
	...sendCheckout.description,
	...sendOrderStatus.description,
	...sendPaymentLink.description,
	...create.description,
	...get.description,
	...deleteTemplate.description,
	...getAll.description,
	optionsCollection(operationsOf(RESOURCE, 'send'), RESOURCE, sendOptionFields),
	optionsCollection(operationsOf(RESOURCE, 'other'), RESOURCE),
];
