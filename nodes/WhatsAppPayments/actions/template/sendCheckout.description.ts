/** The Send Checkout Button Template form: single product or carousel, gateway, shipping, quick replies. */
import type { INodeProperties } from 'n8n-workflow';

import { SHIPPING_ADDRESS_LIMITS } from '../../../shared';
import { goodsTypeField, inputModeField, orderFields } from '../shared/orderForm.description';
import { bodyVariablesField, headerFields, RESOURCE, templatePicker } from './fields';

const op = ['sendCheckout'];
const show = { resource: [RESOURCE], operation: op };
const single = { ...show, checkoutFormat: ['single'] };
const carousel = { ...show, checkoutFormat: ['carousel'] };

const GATEWAYS = [
	{ name: 'PayU', value: 'payu' },
	{ name: 'Razorpay', value: 'razorpay' },
	{ name: 'Zaakpay', value: 'zaakpay' },
];

const ADDRESS_LABELS: Record<string, string> = {
	name: 'Name',
	phone_number: 'Phone Number',
	address: 'Address',
	city: 'City',
	state: 'State',
	in_pin_code: 'PIN Code',
	house_number: 'House Number',
	tower_number: 'Tower Number',
	floor_number: 'Floor Number',
	building_name: 'Building Name',
	landmark_area: 'Landmark / Area',
};

const configurationField = {
	displayName: 'Configuration Name or ID',
	name: 'configurationName',
	type: 'options' as const,
	typeOptions: { loadOptionsMethod: 'getPaymentConfigurations' },
	default: '',
	description:
		'The payment gateway configuration dedicated to checkout templates. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const cardFields: INodeProperties[] = [
	{
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		default: 'image',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
	},
	{
		displayName: 'Header Media (Link or Media ID)',
		name: 'headerMedia',
		type: 'string',
		default: '',
		description: 'The product image or video: a public https link or an uploaded media ID',
	},
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		default: '',
		description: 'Unique per card and per send (letters, digits, _ - . ; at most 35 characters).',
	},
	{ displayName: 'Product Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Retailer ID', name: 'retailerId', type: 'string', default: '' },
	{
		displayName: 'Unit Amount',
		name: 'amount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1999.00',
	},
	{
		displayName: 'Sale Amount',
		name: 'saleAmount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1499.00',
		description: 'Discounted unit price; the subtotal uses it when set',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
	},
	{ displayName: 'Tax', name: 'tax', type: 'string', default: '', placeholder: '0.00' },
	{ displayName: 'Shipping', name: 'shipping', type: 'string', default: '', placeholder: '0.00' },
	{
		displayName: 'Payment Gateway',
		name: 'gateway',
		type: 'options',
		default: 'razorpay',
		options: GATEWAYS,
	},
	configurationField,
	{
		displayName: 'Country of Origin',
		name: 'countryOfOrigin',
		type: 'string',
		default: '',
		description: 'Required without a retailer ID from your catalog',
	},
	{ displayName: 'Importer Name', name: 'importerName', type: 'string', default: '' },
	{
		displayName: 'Importer Address',
		name: 'importerAddress',
		type: 'json',
		// `{}` rather than empty text, which n8n's JSON editor marks as invalid JSON; `{}` means "not set".
		default: '{}',
		placeholder:
			'{"address_line1":"One BKC","city":"Mumbai","zone_code":"MH","postal_code":"400051","country_code":"IN"}',
	},
	{
		displayName: 'Quick Reply Payload',
		name: 'quickReplyPayload',
		type: 'string',
		default: '',
		description: "Echoed back when the buyer taps the card's quick reply (if the template has one)",
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Format',
		name: 'checkoutFormat',
		type: 'options',
		noDataExpression: true,
		default: 'single',
		options: [
			{
				name: 'Single Product',
				value: 'single',
				description: 'One product with a "Buy now" button',
			},
			{
				name: 'Carousel',
				value: 'carousel',
				description: '2 to 10 product cards, each with its own order and "Buy now" button',
			},
		],
		displayOptions: { show },
	},
	...templatePicker(op),
	...headerFields(op, { checkoutFormat: ['single'] }),
	bodyVariablesField(op),
	inputModeField(single),
	...orderFields(single, { payments: false, country: 'IN' }),
	{
		displayName: 'Payment Gateway',
		name: 'checkoutGateway',
		type: 'options',
		default: 'razorpay',
		options: GATEWAYS,
		displayOptions: { show: { ...single, inputMode: ['form', 'jsonOrder'] } },
	},
	{
		...configurationField,
		name: 'checkoutConfiguration',
		required: true,
		displayOptions: { show: { ...single, inputMode: ['form', 'jsonOrder'] } },
	},
	{
		displayName: 'Cards Input',
		name: 'cardsInput',
		type: 'options',
		default: 'form',
		options: [
			{ name: 'Form', value: 'form', description: 'Fill in each card' },
			{
				name: 'Cards JSON',
				value: 'json',
				description:
					'A list of cards: {header: {type, link or ID}, order_details: {...}, quick_reply_payload?}',
			},
		],
		displayOptions: { show: carousel },
	},
	goodsTypeField({ ...carousel, cardsInput: ['form'] }),
	{
		displayName: 'Cards',
		name: 'cards',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Card',
		default: {},
		description: 'As many cards as the template has (2 to 10), in order',
		displayOptions: { show: { ...carousel, cardsInput: ['form'] } },
		options: [{ displayName: 'Card', name: 'card', values: cardFields }],
	},
	{
		displayName: 'Cards JSON',
		name: 'cardsJson',
		type: 'json',
		// `[]` rather than empty text, which n8n's JSON editor marks as invalid JSON; `[]` means "not given".
		default: '[]',
		placeholder: '={{ $json.cards }}',
		displayOptions: { show: { ...carousel, cardsInput: ['json'] } },
	},
	{
		displayName: 'Expires At',
		name: 'cardsExpiresAt',
		type: 'dateTime',
		default: '',
		description: 'After this time "Buy now" is disabled on every card; at least 5 minutes ahead',
		displayOptions: { show: { ...carousel, cardsInput: ['form'] } },
	},
	{
		displayName: 'Shipping Addresses',
		name: 'shippingAddresses',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Address',
		default: {},
		description:
			'Physical goods: addresses the buyer can pick from. Leave empty when you do not know one: the buyer adds it.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: Object.keys(SHIPPING_ADDRESS_LIMITS).map((key) => ({
					displayName: ADDRESS_LABELS[key],
					name: key,
					type: 'string' as const,
					default: '',
				})),
			},
		],
	},
	{
		displayName: 'Quick Reply Payloads',
		name: 'quickReplies',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Payload',
		default: {},
		description:
			'One per quick reply button of the template, in order; echoed when the buyer taps it',
		displayOptions: { show: single },
		options: [
			{
				displayName: 'Quick Reply',
				name: 'reply',
				values: [{ displayName: 'Payload', name: 'payload', type: 'string', default: '' }],
			},
		],
	},
];
