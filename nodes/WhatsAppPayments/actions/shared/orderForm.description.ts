import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { paymentFields } from './paymentSettings.description';

/**
 * The order form every order-sending operation shares (Send Details and the template sends): input mode,
 * Order JSON, reference ID, goods type, payment options, items and order fields. `show` is where they
 * appear; the operation file maps them to the one order builder (orderForm.ts).
 */
type Show = NonNullable<IDisplayOptions['show']>;

const amountPlaceholder = 'e.g. 12.34';

/**
 * Where the India-only fields show: `'choice'` when the form has a Country parameter (they show only for
 * India, read from the node's root with n8n's `/` path, since they sit inside a collection), `'IN'` when the
 * operation is India-only (always shown).
 */
export type CountryScope = 'choice' | 'IN';

function indiaOnly(scope: CountryScope): Pick<INodeProperties, 'displayOptions'> {
	return scope === 'IN' ? {} : { displayOptions: { show: { '/country': ['IN'] } } };
}

const itemFields = (scope: CountryScope): INodeProperties[] => [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Item name shown to the buyer (at most 60 characters)',
	},
	{
		displayName: 'Retailer ID',
		name: 'retailerId',
		type: 'string',
		default: '',
		description: 'Catalog content ID (SKU). Required in Brazil.',
	},
	{
		displayName: 'Unit Amount',
		name: 'amount',
		type: 'string',
		default: '',
		placeholder: amountPlaceholder,
		description: 'Price of one unit as a decimal, e.g. 19.99',
	},
	{
		displayName: 'Sale Amount',
		name: 'saleAmount',
		type: 'string',
		default: '',
		placeholder: amountPlaceholder,
		description:
			'Discounted unit price (must be below the unit amount); used for the subtotal when set',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
	},
	{
		displayName: 'Image URL (India)',
		name: 'imageUrl',
		...indiaOnly(scope),
		type: 'string',
		default: '',
		description:
			'India only: JPEG/PNG image of the item; not with a retailer ID or catalog ID, at most 10 items',
	},
	{
		displayName: 'Country of Origin (India)',
		name: 'countryOfOrigin',
		...indiaOnly(scope),
		type: 'string',
		default: '',
		description: 'India only, required when no catalog ID is set',
	},
	{
		displayName: 'Importer Name (India)',
		name: 'importerName',
		...indiaOnly(scope),
		type: 'string',
		default: '',
		description: 'India only, required when no catalog ID is set',
	},
	{
		displayName: 'Importer Address (India)',
		name: 'importerAddress',
		...indiaOnly(scope),
		type: 'json',
		// `{}` rather than empty text: n8n's JSON editor marks empty text as invalid JSON. `{}` means "not set".
		default: '{}',
		placeholder:
			'{"address_line1":"1 MG Road","city":"Bengaluru","zone_code":"KA","postal_code":"560001","country_code":"IN"}',
		description: 'India only, required when no catalog ID is set',
	},
];

export function goodsTypeField(show: Show): INodeProperties {
	return {
		displayName: 'Goods Type',
		name: 'goodsType',
		type: 'options',
		default: 'digital-goods',
		options: [
			{ name: 'Digital Goods', value: 'digital-goods' },
			{ name: 'Physical Goods', value: 'physical-goods' },
		],
		displayOptions: { show },
	};
}

export function inputModeField(show: Show): INodeProperties {
	return {
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'form',
		options: [
			{ name: 'Form', value: 'form', description: 'Fill in the order field by field' },
			{
				name: 'Order JSON (Whole Parameters)',
				value: 'json',
				description:
					"Take Meta's whole order_details parameters from JSON, e.g. from a shop webhook",
			},
			{
				name: 'Order JSON (Order Only)',
				value: 'jsonOrder',
				description:
					'Take just the order (items, subtotal, tax...) from JSON; reference ID, goods type and payment options come from the form',
			},
		],
		displayOptions: { show },
	};
}

function simplifiedFields(showBR: Show): INodeProperties[] {
	return [
		{
			displayName: 'Itemised Order',
			name: 'itemised',
			type: 'boolean',
			default: true,
			description:
				'Whether to send items, subtotal and tax. Off sends the simplified Brazil message with the total only.',
			displayOptions: { show: showBR },
		},
		{
			displayName: 'Total (BRL)',
			name: 'simplifiedTotal',
			type: 'string',
			required: true,
			default: '',
			placeholder: amountPlaceholder,
			displayOptions: { show: { ...showBR, itemised: [false] } },
		},
	];
}

/** The order part of the form: Order JSON, reference ID, goods type, payment options, items and amounts. */
export function orderFields(
	show: Show,
	opts: { payments?: boolean; simplified?: boolean; country?: CountryScope } = {},
): INodeProperties[] {
	const scope = opts.country ?? 'choice';
	const showForm = { ...show, inputMode: ['form'] };
	const showFormOrJsonOrder = { ...show, inputMode: ['form', 'jsonOrder'] };
	const showBR = { ...showForm, country: ['BR'] };
	return [
		{
			displayName: 'Order JSON',
			name: 'orderJson',
			type: 'json',
			required: true,
			// Not empty text, which n8n's JSON editor marks as invalid JSON; `{}` is read as "not given".
			default: '{}',
			placeholder: '={{ $json.order }}',
			description:
				'Amounts in Meta\'s form {"value": 1999, "offset": 100}. Validated with the same rules as the form before anything is sent.',
			displayOptions: { show: { ...show, inputMode: ['json', 'jsonOrder'] } },
		},
		...(opts.payments === false
			? []
			: [
					{
						displayName:
							"India UPI: Meta recommends the UPI Intent Link (dynamic VPA) payment option, the intent your gateway generated, sent as is. Meta sends no payment webhook for it: the payment result comes from your gateway's own webhook, matched by reference ID.",
						name: 'upiIntentNotice',
						type: 'notice',
						default: '',
						displayOptions: { show: { ...showFormOrJsonOrder, country: ['IN'] } },
					} satisfies INodeProperties,
					{
						displayName: 'Reference ID From UPI Link (Tr)',
						name: 'referenceFromUpiLink',
						type: 'boolean',
						default: false,
						description:
							"Whether to use the UPI intent link's tr (the gateway's transaction reference) as the reference ID, so the gateway's webhooks match the order by it",
						displayOptions: { show: { ...showFormOrJsonOrder, country: ['IN'] } },
					} satisfies INodeProperties,
				]),
		{
			displayName: 'Reference ID',
			name: 'referenceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. order-1234.1',
			description:
				'Your unique ID for this order message: letters, digits, _ - . only; at most 60 characters (Brazil) or 35 (India). Add a suffix when re-sending for the same invoice.',
			displayOptions: { show: showFormOrJsonOrder, hide: { referenceFromUpiLink: [true] } },
		},
		goodsTypeField(showFormOrJsonOrder),
		...(opts.payments === false ? [] : paymentFields(showFormOrJsonOrder)),
		...(opts.simplified ? simplifiedFields(showBR) : []),
		{
			displayName: 'Items',
			name: 'items',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Item',
			default: {},
			displayOptions: { show: showForm, hide: { itemised: [false] } },
			options: [{ displayName: 'Item', name: 'item', values: itemFields(scope) }],
		},
		{
			displayName: 'Order Fields',
			name: 'orderFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showForm, hide: { itemised: [false] } },
			options: [
				{ displayName: 'Catalog ID', name: 'catalogId', type: 'string', default: '' },
				{
					displayName: 'Discount',
					name: 'discount',
					type: 'string',
					default: '',
					placeholder: amountPlaceholder,
				},
				{
					displayName: 'Discount Description',
					name: 'discountDescription',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Discount Program Name',
					name: 'discountProgramName',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Expiration Description',
					name: 'expirationDescription',
					type: 'string',
					default: '',
					description:
						'Shown with the expiry (at most 120 characters; required in Brazil when an expiration is set)',
				},
				{
					displayName: 'Expires At',
					name: 'expiresAt',
					type: 'dateTime',
					default: '',
					description: 'After this time the buyer can no longer pay; at least 5 minutes ahead',
				},
				{
					displayName: 'Quick Pay (India)',
					name: 'quickPay',
					...indiaOnly(scope),
					type: 'boolean',
					default: false,
					description: 'Whether to show only "Pay now" (India)',
				},
				{
					displayName: 'Shipping',
					name: 'shipping',
					type: 'string',
					default: '',
					placeholder: amountPlaceholder,
				},
				{
					displayName: 'Shipping Description',
					name: 'shippingDescription',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Subtotal',
					name: 'subtotal',
					type: 'string',
					default: '',
					placeholder: 'computed from the items',
					description: 'Leave empty to compute it; when set it must match the items',
				},
				{ displayName: 'Tax', name: 'tax', type: 'string', default: '', placeholder: '0.00' },
				{ displayName: 'Tax Description', name: 'taxDescription', type: 'string', default: '' },
				{
					displayName: 'Total',
					name: 'total',
					type: 'string',
					default: '',
					placeholder: 'computed',
					description:
						'Leave empty to compute subtotal + tax + shipping - discount; when set it must match',
				},
			],
		},
	];
}
