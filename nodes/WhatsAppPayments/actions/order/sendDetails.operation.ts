import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	buildOrderDetailsInteractive,
	buildOrderDetailsParameters,
	COUNTRY_CURRENCY,
	fail,
	formatMinor,
	isPlainObject,
	paymentSetting,
	validateOrderDetailsInteractive,
	validateOrderDetailsParameters,
} from '../../../shared';
import type { Country, ItemInput, JsonObject } from '../../../shared';
import { countryField, getCountry, readTime, referenceIdField, sendInteractive, senderFields } from './common';
import { validated } from '../utils';
import type { RunContext } from '../router';

const op = ['sendDetails'];
const show = { resource: ['order'], operation: op };
const showForm = { ...show, inputMode: ['form'] };
const showFormOrJsonOrder = { ...show, inputMode: ['form', 'jsonOrder'] };
const showBR = { ...showForm, country: ['BR'] };

const amountPlaceholder = '12.34';

const itemFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Item name shown to the buyer (at most 60 characters)' },
	{ displayName: 'Retailer ID', name: 'retailerId', type: 'string', default: '', description: 'Catalog content ID (SKU). Required in Brazil.' },
	{ displayName: 'Unit Amount', name: 'amount', type: 'string', default: '', placeholder: amountPlaceholder, description: 'Price of one unit as a decimal, e.g. 19.99' },
	{ displayName: 'Sale Amount', name: 'saleAmount', type: 'string', default: '', placeholder: amountPlaceholder, description: 'Discounted unit price (must be below the unit amount); used for the subtotal when set' },
	{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1, numberPrecision: 0 }, default: 1 },
	{ displayName: 'Image URL (India)', name: 'imageUrl', type: 'string', default: '', description: 'India only: JPEG/PNG image of the item; not with a retailer ID or catalog ID, at most 10 items' },
	{ displayName: 'Country of Origin (India)', name: 'countryOfOrigin', type: 'string', default: '', description: 'India only, required when no catalog ID is set' },
	{ displayName: 'Importer Name (India)', name: 'importerName', type: 'string', default: '', description: 'India only, required when no catalog ID is set' },
	{ displayName: 'Importer Address (India)', name: 'importerAddress', type: 'json', default: '', placeholder: '{"address_line1":"1 MG Road","city":"Bengaluru","zone_code":"KA","postal_code":"560001","country_code":"IN"}', description: 'India only, required when no catalog ID is set' },
];

export const description: INodeProperties[] = [
	...senderFields(op),
	countryField(op),
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'form',
		options: [
			{ name: 'Form', value: 'form', description: 'Fill in the order field by field' },
			{ name: 'Order JSON (Whole Parameters)', value: 'json', description: "Take Meta's whole order_details parameters from JSON, e.g. from a shop webhook" },
			{ name: 'Order JSON (Order Only)', value: 'jsonOrder', description: 'Take just the order (items, subtotal, tax...) from JSON; reference ID, goods type and payment options come from the form' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		description: 'Message text above the order (at most 1024 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'Order JSON',
		name: 'orderJson',
		type: 'json',
		required: true,
		default: '',
		placeholder: '={{ $json.order }}',
		description: 'Amounts in Meta\'s form {"value": 1999, "offset": 100}. Validated with the same rules as the form before anything is sent.',
		displayOptions: { show: { ...show, inputMode: ['json', 'jsonOrder'] } },
	},
	{
		...referenceIdField(op, 'Your unique ID for this order message: letters, digits, _ - . only; at most 60 characters (Brazil) or 35 (India). Add a suffix when re-sending for the same invoice.'),
		displayOptions: { show: showFormOrJsonOrder },
	},
	{
		displayName: 'Goods Type',
		name: 'goodsType',
		type: 'options',
		default: 'digital-goods',
		options: [
			{ name: 'Digital Goods', value: 'digital-goods' },
			{ name: 'Physical Goods', value: 'physical-goods' },
		],
		displayOptions: { show: showFormOrJsonOrder },
	},
	{
		displayName: 'Brazil Payment Settings',
		name: 'brPaymentSettings',
		type: 'fixedCollection',
		placeholder: 'Add Payment Option',
		default: {},
		description: 'How the buyer can pay; any combination',
		displayOptions: { show: { ...showFormOrJsonOrder, country: ['BR'] } },
		options: [
			{
				displayName: 'Boleto',
				name: 'boleto',
				values: [{ displayName: 'Digitable Line', name: 'digitableLine', type: 'string', default: '', description: 'The Boleto line the buyer copies' }],
			},
			{
				displayName: 'One-Click Card (Offsite Card Pay)',
				name: 'oneClick',
				values: [
					{ displayName: 'Last Four Digits', name: 'lastFourDigits', type: 'string', default: '', placeholder: '5235', description: 'Shown to the buyer to confirm the card' },
					{ displayName: 'Credential ID', name: 'credentialId', type: 'string', default: '', description: 'Your PSP\'s ID of the stored card; it comes back in the payment_method webhook' },
				],
			},
			{
				displayName: 'Payment Link',
				name: 'paymentLink',
				values: [{ displayName: 'URI', name: 'uri', type: 'string', default: '', placeholder: 'https://pay.example.com/o/123' }],
			},
			{
				displayName: 'Pix Dynamic Code',
				name: 'pix',
				values: [
					{ displayName: 'Code (Copia E Cola)', name: 'code', type: 'string', default: '', description: 'The Pix EMV string the buyer copies' },
					{ displayName: 'Merchant Name', name: 'merchantName', type: 'string', default: '', description: 'Account holder name shown to the buyer' },
					{ displayName: 'Key', name: 'key', type: 'string', default: '', description: 'Pix key shown to the buyer' },
					{
						displayName: 'Key Type',
						name: 'keyType',
						type: 'options',
						default: 'CNPJ',
						options: ['CNPJ', 'CPF', 'EMAIL', 'EVP', 'PHONE'].map((k) => ({ name: k, value: k })),
					},
				],
			},
		],
	},
	{
		displayName: 'India Payment Settings',
		name: 'inPaymentSettings',
		type: 'fixedCollection',
		placeholder: 'Add Payment Option',
		default: {},
		description: 'How the buyer can pay',
		displayOptions: { show: { ...showFormOrJsonOrder, country: ['IN'] } },
		options: [
			{
				displayName: 'Payment Gateway',
				name: 'paymentGateway',
				values: [
					{
						displayName: 'Configuration Name or ID',
						name: 'configurationName',
						type: 'options',
						default: '',
						description: 'Payment configuration of the WhatsApp Business Account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Enabled Payment Options',
						name: 'enabledOptions',
						type: 'multiOptions',
						default: [	],
						options: [
							{
								name: 'UPI',
								value: 'upi',
							},
							{
								name: 'Web (Cards, Netbanking, Wallets)',
								value: 'web',
							},
					],
						description: 'Limit the checkout to these options. Totals above INR 5,00,000 need Web only.',
					},
					{
						displayName: 'Gateway',
						name: 'gateway',
						type: 'options',
						default: 'razorpay',
						options: [
							{
								name: 'BillDesk',
								value: 'billdesk',
							},
							{
								name: 'PayU',
								value: 'payu',
							},
							{
								name: 'Razorpay',
								value: 'razorpay',
							},
							{
								name: 'Zaakpay',
								value: 'zaakpay',
							},
					]
					},
					{
						displayName: 'Pass-Through Fields',
						name: 'passThrough',
						type: 'json',
						default: '',
						placeholder: '{\'receipt\':\'r-12\',\'notes\':{\'order\':\'12\'}}',
						description: 'Razorpay:	receipt, notes. PayU:	udf1-udf4. Zaakpay:	extra1, extra2. BillDesk:	additional_info1-7. Echoed back in payment webhooks.',
					},
					{
						displayName: 'Preferred Payment App',
						name: 'preferredApp',
						type: 'options',
						default: '',
						options: [
							{
								name: 'Amazon Pay',
								value: 'amazonpay',
							},
							{
								name: 'BHIM',
								value: 'bhim',
							},
							{
								name: 'CRED',
								value: 'cred',
							},
							{
								name: 'Google Pay',
								value: 'gpay',
							},
							{
								name: 'MobiKwik',
								value: 'mobikwik',
							},
							{
								name: 'None',
								value: '',
							},
							{
								name: 'Paytm',
								value: 'paytm',
							},
							{
								name: 'PhonePe',
								value: 'phonepe',
							},
					]
					},
			],
			},
			{
				displayName: 'Payment Link',
				name: 'paymentLink',
				values: [
					{ displayName: 'URI', name: 'uri', type: 'string', default: '', placeholder: 'https://rzp.io/i/abc' },
					{ displayName: 'Success URL', name: 'successUrl', type: 'string', default: '' },
					{ displayName: 'Cancel URL', name: 'cancelUrl', type: 'string', default: '' },
				],
			},
			{
				displayName: 'UPI Intent Link',
				name: 'upiIntentLink',
				values: [{ displayName: 'Link', name: 'link', type: 'string', default: '', placeholder: 'upi://pay?pa=shop@okbank&pn=Shop&tr=INV12-1' }],
			},
		],
	},
	{
		displayName: 'Itemised Order',
		name: 'itemised',
		type: 'boolean',
		default: true,
		description: 'Whether to send items, subtotal and tax. Off sends the simplified Brazil message with the total only.',
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
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show: showForm, hide: { itemised: [false] } },
		options: [{ displayName: 'Item', name: 'item', values: itemFields }],
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
			{ displayName: 'Discount', name: 'discount', type: 'string', default: '', placeholder: amountPlaceholder },
			{ displayName: 'Discount Description', name: 'discountDescription', type: 'string', default: '' },
			{ displayName: 'Discount Program Name', name: 'discountProgramName', type: 'string', default: '' },
			{ displayName: 'Expiration Description', name: 'expirationDescription', type: 'string', default: '', description: 'Shown with the expiry (at most 120 characters; required in Brazil when an expiration is set)' },
			{ displayName: 'Expires At', name: 'expiresAt', type: 'dateTime', default: '', description: 'After this time the buyer can no longer pay; at least 5 minutes ahead' },
			{ displayName: 'Quick Pay (India)', name: 'quickPay', type: 'boolean', default: false, description: 'Whether to show only "Pay now" (India)' },
			{ displayName: 'Shipping', name: 'shipping', type: 'string', default: '', placeholder: amountPlaceholder },
			{ displayName: 'Shipping Description', name: 'shippingDescription', type: 'string', default: '' },
			{ displayName: 'Subtotal', name: 'subtotal', type: 'string', default: '', placeholder: 'computed from the items', description: 'Leave empty to compute it; when set it must match the items' },
			{ displayName: 'Tax', name: 'tax', type: 'string', default: '', placeholder: '0.00' },
			{ displayName: 'Tax Description', name: 'taxDescription', type: 'string', default: '' },
			{ displayName: 'Total', name: 'total', type: 'string', default: '', placeholder: 'computed', description: 'Leave empty to compute subtotal + tax + shipping - discount; when set it must match' },
		],
	},
	{
		displayName: 'Beneficiaries (India Physical Goods)',
		name: 'beneficiaries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Beneficiary',
		default: {},
		displayOptions: { show: { ...showFormOrJsonOrder, country: ['IN'], goodsType: ['physical-goods'] } },
		options: [
			{
				displayName: 'Beneficiary',
				name: 'beneficiary',
				values: [
					{
						displayName: 'Address Line 1',
						name: 'address_line1',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Address Line 2',
						name: 'address_line2',
						type: 'string',
						default: '',
					},
					{
						displayName: 'City',
						name: 'city',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
					},
					{
						displayName: 'PIN Code',
						name: 'postal_code',
						type: 'string',
						default: '',
					},
					{
						displayName: 'State',
						name: 'state',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Message Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Footer Text', name: 'footer', type: 'string', default: '', description: 'At most 60 characters' },
			{ displayName: 'Header Image URL', name: 'headerImageUrl', type: 'string', default: '', description: 'Image above the order (not with the simplified Brazil message)' },
		],
	},
];

function parseJsonParam(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		return fail(field, 'must be valid JSON', value);
	}
}

function paymentSettingsFromForm(this: IExecuteFunctions, i: number, country: Country): JsonObject[] {
	const settings: JsonObject[] = [];
	if (country === 'BR') {
		const br = this.getNodeParameter('brPaymentSettings', i, {}) as IDataObject;
		const pix = br.pix as IDataObject | undefined;
		if (pix) settings.push(paymentSetting.pix(pix as never));
		if (br.paymentLink) settings.push(paymentSetting.paymentLink({ uri: (br.paymentLink as IDataObject).uri as string }));
		if (br.boleto) settings.push(paymentSetting.boleto(br.boleto as never));
		if (br.oneClick) settings.push(paymentSetting.oneClick(br.oneClick as never));
	} else {
		const inSettings = this.getNodeParameter('inPaymentSettings', i, {}) as IDataObject;
		const pg = inSettings.paymentGateway as IDataObject | undefined;
		if (pg) {
			const passThrough = parseJsonParam(pg.passThrough, `payment_settings.payment_gateway.${String(pg.gateway)}`);
			if (passThrough !== undefined && !isPlainObject(passThrough)) fail('payment_gateway pass-through fields', 'must be a JSON object', passThrough);
			settings.push(
				paymentSetting.paymentGateway({
					gateway: pg.gateway as string,
					configurationName: pg.configurationName as string,
					passThrough: passThrough as JsonObject | undefined,
					preferredApp: pg.preferredApp as string,
					enabledOptions: pg.enabledOptions as string[],
				}),
			);
		}
		if (inSettings.upiIntentLink) settings.push(paymentSetting.upiIntentLink(inSettings.upiIntentLink as never));
		if (inSettings.paymentLink) settings.push(paymentSetting.paymentLink(inSettings.paymentLink as never));
	}
	if (settings.length === 0 && country === 'IN') fail('payment_settings', 'add at least one payment option (payment gateway, UPI intent link or payment link)', undefined, 'missing');
	return settings;
}

function beneficiariesFromForm(this: IExecuteFunctions, i: number, country: Country): JsonObject[] | undefined {
	if (country !== 'IN') return undefined;
	const goodsType = this.getNodeParameter('goodsType', i, 'digital-goods');
	if (goodsType !== 'physical-goods') return undefined;
	const raw = (this.getNodeParameter('beneficiaries', i, {}) as IDataObject).beneficiary as IDataObject[] | undefined;
	return (raw ?? []).map((b) => {
		const out: JsonObject = {};
		for (const [k, v] of Object.entries(b)) if (v !== '' && v !== undefined) out[k] = v;
		out.country = 'India';
		return out;
	});
}

function buildFromForm(this: IExecuteFunctions, i: number, country: Country): JsonObject {
	const referenceId = this.getNodeParameter('referenceId', i) as string;
	const goodsType = this.getNodeParameter('goodsType', i) as string;
	const paymentSettings = paymentSettingsFromForm.call(this, i, country);
	const beneficiaries = beneficiariesFromForm.call(this, i, country);
	const itemised = country === 'IN' ? true : (this.getNodeParameter('itemised', i, true) as boolean);
	if (!itemised) {
		return buildOrderDetailsParameters({
			country,
			referenceId,
			goodsType,
			paymentSettings,
			simplified: true,
			total: this.getNodeParameter('simplifiedTotal', i),
		});
	}
	const rawItems = ((this.getNodeParameter('items', i, {}) as IDataObject).item as IDataObject[] | undefined) ?? [];
	const items: ItemInput[] = rawItems.map((it, n) => ({
		name: it.name as string,
		retailerId: it.retailerId as string,
		amount: it.amount,
		saleAmount: it.saleAmount,
		quantity: it.quantity,
		imageUrl: it.imageUrl as string,
		countryOfOrigin: it.countryOfOrigin as string,
		importerName: it.importerName as string,
		importerAddress: parseJsonParam(it.importerAddress, `order.items[${n}].importer_address`) as JsonObject | undefined,
	}));
	const f = this.getNodeParameter('orderFields', i, {}) as IDataObject;
	return buildOrderDetailsParameters({
		country,
		referenceId,
		goodsType,
		paymentSettings,
		beneficiaries,
		items,
		total: f.total,
		subtotal: f.subtotal,
		tax: f.tax,
		taxDescription: f.taxDescription as string,
		shipping: f.shipping,
		shippingDescription: f.shippingDescription as string,
		discount: f.discount,
		discountDescription: f.discountDescription as string,
		discountProgramName: f.discountProgramName as string,
		catalogId: f.catalogId as string,
		expirationTimestamp: readTime(f.expiresAt, 'order.expiration.timestamp'),
		expirationDescription: f.expirationDescription as string,
		quickPay: f.quickPay === true,
	});
}

function sumOrder(order: JsonObject): number | undefined {
	const v = (k: string) => {
		const a = order[k];
		return isPlainObject(a) && typeof a.value === 'number' ? a.value : 0;
	};
	if (!isPlainObject(order.subtotal)) return undefined;
	return v('subtotal') + v('tax') + v('shipping') - v('discount');
}

function buildFromJson(this: IExecuteFunctions, i: number, country: Country): JsonObject {
	const parsed = parseJsonParam(this.getNodeParameter('orderJson', i), 'Order JSON');
	if (this.getNodeParameter('inputMode', i) === 'json') {
		if (!isPlainObject(parsed)) return fail('parameters', 'Order JSON must be an object with reference_id, type, currency, total_amount...', parsed);
		validateOrderDetailsParameters(parsed, country);
		return parsed;
	}
	if (!isPlainObject(parsed)) return fail('order', 'Order JSON must be an order object with items, subtotal and tax', parsed);
	const params: JsonObject = {
		reference_id: this.getNodeParameter('referenceId', i),
		type: this.getNodeParameter('goodsType', i),
	};
	const settings = paymentSettingsFromForm.call(this, i, country);
	if (country === 'BR') params.payment_type = 'br';
	else if (settings.some((s) => s.type === 'payment_link')) params.payment_type = 'upi';
	if (settings.length > 0) params.payment_settings = settings;
	params.currency = COUNTRY_CURRENCY[country];
	const beneficiaries = beneficiariesFromForm.call(this, i, country);
	if (beneficiaries && beneficiaries.length > 0) params.beneficiaries = beneficiaries;
	const total = sumOrder(parsed);
	params.total_amount = { value: total ?? 0, offset: 100 };
	params.order = parsed;
	if (total !== undefined && total <= 0) fail('total_amount', 'must be greater than 0 (subtotal + tax + shipping - discount)', formatMinor(total));
	validateOrderDetailsParameters(params, country);
	return params;
}

export async function execute(this: IExecuteFunctions, i: number, run?: RunContext): Promise<INodeExecutionData[]> {
	const country = getCountry.call(this, i);
	const mode = this.getNodeParameter('inputMode', i, 'form');
	const messageOptions = this.getNodeParameter('messageOptions', i, {}) as IDataObject;
	const interactive = validated(this, i, () => {
		const parameters = mode === 'form' ? buildFromForm.call(this, i, country) : buildFromJson.call(this, i, country);
		const built = buildOrderDetailsInteractive(parameters, {
			body: this.getNodeParameter('bodyText', i) as string,
			footer: messageOptions.footer as string,
			headerImageUrl: messageOptions.headerImageUrl as string,
		});
		// Body, footer and header rules are checked with the rest of the message.
		validateOrderDetailsInteractive(built, country);
		return built;
	});
	return await sendInteractive.call(this, i, interactive, (interactive.action as JsonObject & { parameters: JsonObject }).parameters.reference_id, run);
}

