import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	buildTemplateDefinition,
	gatewayName,
	PAYMENT_LINK_BUTTON_TEXT,
	PAYMENT_LINK_PREFIXES,
} from '../../../shared';
import type { Country, PaymentRequestType, TemplateKind } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { requireWabaId, toItems, validated } from '../shared/item';
import { RESOURCE } from './fields';

const displayOptions = { show: { resource: [RESOURCE], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		noDataExpression: true,
		default: 'order_details',
		options: [
			{
				name: 'Checkout Button (India)',
				value: 'checkout',
				description: 'Marketing: a product with a "Buy now" button',
			},
			{
				name: 'Checkout Button Carousel (India)',
				value: 'checkout_carousel',
				description: 'Marketing: 2 to 10 product cards, each with "Buy now"',
			},
			{
				name: 'Enhanced Payment Link (India)',
				value: 'enhanced_payment_link',
				description:
					'A Razorpay, PayU or Cashfree payment link drawn as a "Pay now" card (Meta enables it per account)',
			},
			{
				name: 'Order Details (Brazil, India)',
				value: 'order_details',
				description: 'An order the buyer can pay, outside the 24-hour window',
			},
			{
				name: 'Order Status (India)',
				value: 'order_status',
				description: 'Order updates outside the 24-hour window',
			},
			{
				name: 'Payment Request (Brazil)',
				value: 'payment_request',
				description: 'Pix, boleto and payment link buttons without an order',
			},
		],
	},
	{
		displayName:
			'Meta must enable Enhanced Payment Links for your WhatsApp Business Account (ask your Solution Partner or Meta with the account ID, a sample link and your gateway); until then the template shows an ordinary link button. The template has no header and one button whose link is the gateway prefix below followed by what each send gives. Meta suggests the Utility category.',
		name: 'paymentLinkCreateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { kind: ['enhanced_payment_link'] } },
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'options',
		default: 'BR',
		options: [
			{ name: 'Brazil', value: 'BR' },
			{ name: 'India', value: 'IN' },
		],
		displayOptions: { show: { kind: ['order_details'] } },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_details_pix',
		description: 'Lower-case letters, digits and underscores',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'pt_BR',
		placeholder: 'e.g. pt_BR',
		description: 'Template language code, such as pt_BR, en_US or hi',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		options: [
			{ name: 'Utility', value: 'UTILITY' },
			{ name: 'Marketing', value: 'MARKETING' },
		],
		description:
			'Utility for transactions (cheaper); India order details in marketing use display_format',
		displayOptions: {
			show: { kind: ['order_details', 'payment_request', 'enhanced_payment_link'] },
		},
	},
	{
		displayName: 'Header Format',
		name: 'headerFormat',
		type: 'options',
		default: 'NONE',
		options: [
			{ name: 'Document', value: 'DOCUMENT' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'None', value: 'NONE' },
			{ name: 'Text', value: 'TEXT' },
		],
		displayOptions: { show: { kind: ['order_details', 'payment_request'] } },
	},
	{
		displayName: 'Header Format',
		name: 'headerFormat',
		type: 'options',
		default: 'IMAGE',
		options: [
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Video', value: 'VIDEO' },
		],
		displayOptions: { show: { kind: ['checkout'] } },
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: 'Fixed text, at most 60 characters',
		displayOptions: {
			show: { kind: ['order_details', 'payment_request'], headerFormat: ['TEXT'] },
		},
	},
	{
		displayName: 'Header Sample Handle',
		name: 'headerHandle',
		type: 'string',
		default: '',
		placeholder: 'e.g. 4::aW1hZ2UvanBlZw==',
		description:
			"A sample media handle from Meta's Resumable Upload API (Meta reviews the template with it)",
		displayOptions: {
			show: {
				kind: ['order_details', 'payment_request', 'checkout'],
				headerFormat: ['IMAGE', 'DOCUMENT', 'VIDEO'],
			},
		},
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{1}}, your order {{2}} is ready.',
		description: 'At most 1024 characters; {{1}}, {{2}}... are filled in at send time.',
	},
	{
		displayName: 'Body Examples',
		name: 'bodyExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Example',
		default: {},
		description:
			'One sample value per {{n}} variable, in order (Meta reviews the template with them)',
		options: [
			{
				displayName: 'Example',
				name: 'example',
				values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
			},
		],
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		description: 'At most 60 characters',
		displayOptions: {
			show: {
				kind: [
					'order_details',
					'payment_request',
					'checkout',
					'order_status',
					'enhanced_payment_link',
				],
			},
		},
	},
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		default: 'Copy Pix code',
		description: 'Brazil order details button (India\'s is fixed: "Review and Pay")',
		displayOptions: { show: { kind: ['order_details'], country: ['BR'] } },
	},
	{
		displayName: 'Payment Link Prefix',
		name: 'paymentLinkPrefix',
		type: 'options',
		default: 'https://rzp.io/rzp/',
		description:
			"The start of the gateway's payment links; each send gives the rest. Only these prefixes are drawn as a payment card.",
		options: PAYMENT_LINK_PREFIXES.map((p) => ({
			name: `${gatewayName(p.gateway)}: ${p.prefix}`,
			value: p.prefix,
		})),
		displayOptions: { show: { kind: ['enhanced_payment_link'] } },
	},
	{
		displayName: 'Example Payment Link',
		name: 'paymentLinkExample',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://rzp.io/rzp/abc123XYZ',
		description: "A sample link starting with the prefix, for Meta's review",
		displayOptions: { show: { kind: ['enhanced_payment_link'] } },
	},
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		default: PAYMENT_LINK_BUTTON_TEXT,
		description: 'At most 25 characters',
		displayOptions: { show: { kind: ['enhanced_payment_link'] } },
	},
	{
		displayName: 'Payment Buttons',
		name: 'paymentRequestTypes',
		type: 'multiOptions',
		required: true,
		default: ['pix_dynamic_code'],
		description: 'At most 3, each method once; Meta fixes the button texts',
		options: [
			{ name: 'Boleto (Copy Boleto Code)', value: 'boleto' },
			{ name: 'Payment Link (Open Payment Link)', value: 'payment_link' },
			{ name: 'Pix (Copy Pix Code)', value: 'pix_dynamic_code' },
		],
		displayOptions: { show: { kind: ['payment_request'] } },
	},
	{
		displayName: 'Quick Replies',
		name: 'quickReplies',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Quick Reply',
		default: {},
		description: 'Up to 9 buttons after "Buy now" (25 characters each), such as "Stop"',
		displayOptions: { show: { kind: ['checkout'] } },
		options: [
			{
				displayName: 'Quick Reply',
				name: 'reply',
				values: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }],
			},
		],
	},
	{
		displayName: 'Cards',
		name: 'cards',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Card',
		default: {},
		description: '2 to 10 cards; the number is fixed once the template is created',
		displayOptions: { show: { kind: ['checkout_carousel'] } },
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					{
						displayName: 'Header Format',
						name: 'headerFormat',
						type: 'options',
						default: 'IMAGE',
						options: [
							{ name: 'Image', value: 'IMAGE' },
							{ name: 'Video', value: 'VIDEO' },
						],
					},
					{
						displayName: 'Header Sample Handle',
						name: 'headerHandle',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Card Body',
						name: 'body',
						type: 'string',
						default: '',
						description: 'Optional, at most 160 characters',
					},
					{
						displayName: 'Quick Reply',
						name: 'quickReply',
						type: 'string',
						default: '',
						description: 'Optional second button',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const kind = this.getNodeParameter('kind', i) as TemplateKind;
	const list = (name: string, key: string, field: string) =>
		(
			((this.getNodeParameter(name, i, {}) as IDataObject)[key] as IDataObject[] | undefined) ?? []
		).map((e) => String(e[field] ?? ''));
	const definition = validated(this, i, () =>
		buildTemplateDefinition({
			kind,
			paymentLinkPrefix: this.getNodeParameter('paymentLinkPrefix', i, '') as string,
			paymentLinkExample: String(this.getNodeParameter('paymentLinkExample', i, '')).trim(),
			country: (kind === 'order_details'
				? this.getNodeParameter('country', i)
				: kind === 'payment_request'
					? 'BR'
					: 'IN') as Country,
			name: String(this.getNodeParameter('name', i)).trim(),
			language: String(this.getNodeParameter('language', i)).trim(),
			category: this.getNodeParameter('category', i, '') as string,
			headerFormat: this.getNodeParameter('headerFormat', i, 'NONE') as 'NONE',
			headerText: this.getNodeParameter('headerText', i, '') as string,
			headerHandle: this.getNodeParameter('headerHandle', i, '') as string,
			body: this.getNodeParameter('body', i) as string,
			bodyExamples: list('bodyExamples', 'example', 'value'),
			footer: this.getNodeParameter('footer', i, '') as string,
			buttonText: this.getNodeParameter('buttonText', i, '') as string,
			paymentRequestTypes: this.getNodeParameter(
				'paymentRequestTypes',
				i,
				[],
			) as PaymentRequestType[],
			quickReplies: list('quickReplies', 'reply', 'text'),
			cards: (
				((this.getNodeParameter('cards', i, {}) as IDataObject).card as
					IDataObject[] | undefined) ?? []
			).map((c) => ({
				headerFormat: c.headerFormat as 'IMAGE',
				headerHandle: String(c.headerHandle ?? ''),
				body: String(c.body ?? ''),
				quickReply: String(c.quickReply ?? ''),
			})),
		}),
	);
	const wabaId = await requireWabaId.call(this, i);
	const response = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${wabaId}/message_templates`,
		body: definition as IDataObject,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems(
		{
			...response,
			name: definition.name as string,
			language: definition.language as string,
			definition: definition as IDataObject,
		},
		i,
	);
}
