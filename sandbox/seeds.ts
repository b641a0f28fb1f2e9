/**
 * What the default sandbox shops already have at Meta: approved payment templates (and one pending) and
 * a catalog for carts. Built with the package's own template builder, so they are valid by construction.
 * `npm run dev`, the examples and the e2e suite use them; tests may pass their own.
 */
import { buildTemplateDefinition } from '../nodes/shared';
import type { TemplateDefinitionInput } from '../nodes/shared';
import type { Sandbox } from './server';
import type {
	Business,
	Catalog,
	Json,
	PhoneNumber,
	StoredConfiguration,
	StoredOrder,
} from './types';

const HANDLE = '4::c2FuZGJveC1zYW1wbGUtaW1hZ2U=';

function seeded(input: TemplateDefinitionInput, status = 'APPROVED'): Json {
	return { ...buildTemplateDefinition(input), status };
}

export const BRAZIL_TEMPLATES: Json[] = [
	seeded({
		kind: 'order_details',
		country: 'BR',
		name: 'pedido_pix',
		language: 'pt_BR',
		headerFormat: 'TEXT',
		headerText: 'Seu pedido',
		body: 'Olá {{1}}, seu pedido {{2}} está pronto. Pague abaixo.',
		bodyExamples: ['Ana', '1234'],
		footer: 'Loja Sandbox',
	}),
	seeded({
		kind: 'payment_request',
		country: 'BR',
		name: 'cobranca_web',
		language: 'pt_BR',
		headerFormat: 'TEXT',
		headerText: 'Sua fatura',
		body: 'Olá {{1}}, sua fatura {{2}} está disponível.',
		bodyExamples: ['Ana', 'F-1234'],
		paymentRequestTypes: ['pix_dynamic_code', 'boleto', 'payment_link'],
	}),
	seeded(
		{
			kind: 'order_details',
			country: 'BR',
			name: 'pedido_boleto_pdf',
			language: 'pt_BR',
			headerFormat: 'DOCUMENT',
			headerHandle: HANDLE,
			body: 'Seu boleto está anexo. Obrigado pela compra.',
		},
		'PENDING',
	),
];

export const INDIA_TEMPLATES: Json[] = [
	seeded({
		kind: 'order_details',
		country: 'IN',
		name: 'order_details_in',
		language: 'en_US',
		body: 'Hi {{1}}, your order {{2}} is ready. Review and pay below.',
		bodyExamples: ['Nidhi', 'INV-12'],
	}),
	seeded({
		kind: 'order_status',
		country: 'IN',
		name: 'order_update',
		language: 'en_US',
		body: 'There is an update on your order from Sandbox Store.',
		footer: 'Sandbox Store',
	}),
	seeded({
		kind: 'checkout',
		country: 'IN',
		name: 'back_in_stock',
		language: 'en_US',
		headerFormat: 'IMAGE',
		headerHandle: HANDLE,
		body: 'Hi {{1}}! The {{2}} is back in stock. Buy it right here.',
		bodyExamples: ['Pablo', 'Blue Elf Aloe'],
		footer: "Tap 'Stop' to opt out.",
		quickReplies: ['Stop'],
	}),
	seeded({
		kind: 'checkout_carousel',
		country: 'IN',
		name: 'festive_picks',
		language: 'en_US',
		body: 'Festive picks for {{1}}: tap Buy now on the one you like.',
		bodyExamples: ['you'],
		cards: [1, 2, 3].map(() => ({
			headerFormat: 'IMAGE' as const,
			headerHandle: HANDLE,
			quickReply: 'More like this',
		})),
	}),
	seeded({
		kind: 'enhanced_payment_link',
		country: 'IN',
		name: 'payment_reminder',
		language: 'en_US',
		body: 'Hi {{1}}, your order #{{2}} of ₹{{3}} is ready. Tap Pay now to pay.',
		bodyExamples: ['Rishi', 'ORD-12345', '1,999'],
		paymentLinkPrefix: 'https://rzp.io/rzp/',
		paymentLinkExample: 'https://rzp.io/rzp/abc123XYZ',
	}),
];

export const BRAZIL_CATALOG: Catalog = {
	id: '194836987000001',
	products: [
		{ retailer_id: 'bolo-1', name: 'Bolo de cenoura', price: '49.90', currency: 'BRL' },
		{ retailer_id: 'cafe-1', name: 'Café 250 g', price: '32.50', currency: 'BRL' },
		{ retailer_id: 'pao-1', name: 'Pão de queijo', price: '7.99', currency: 'BRL' },
	],
};

export const INDIA_CATALOG: Catalog = {
	id: '194836987000002',
	products: [
		{ retailer_id: 'aloe-1', name: 'Blue Elf Aloe', price: '1500.00', currency: 'INR' },
		{ retailer_id: 'chai-1', name: 'Masala Chai 250 g', price: '349.00', currency: 'INR' },
		{ retailer_id: 'diya-1', name: 'Clay Diya set', price: '199.50', currency: 'INR' },
	],
};

/** Buyers of the demo who never wrote to the shop (web orders): interactive messages to them get 131047. */
export const WEB_ORDER_BUYERS = ['5511955550100', '919955550100'];

/**
 * India's payment gateway configuration dedicated to checkout templates, already Active (a checkout
 * template names a configuration whose data endpoint the client calls: Meta's checkout button templates page).
 */
export const INDIA_CHECKOUT_CONFIGURATION: StoredConfiguration = {
	configuration_name: 'rzp-checkout',
	merchant_category_code: { code: '5815', description: 'Digital goods' },
	purpose_code: { code: '00', description: 'Default' },
	status: 'Active',
	provider_name: 'razorpay',
	provider_mid: 'sandbox-mid-checkout',
	created_timestamp: 1767225600,
	updated_timestamp: 1767225600,
};

/**
 * The shop-loop examples' shops: each its own app, WABA and number, so their triggers (buyer messages,
 * carts, payments) do not take the callbacks of the other examples' shops. Same products, own catalog.
 */
export const BRAZIL_SHOP_CATALOG: Catalog = {
	id: '194836987000003',
	products: BRAZIL_CATALOG.products,
};
export const INDIA_SHOP_CATALOG: Catalog = {
	id: '194836987000004',
	products: INDIA_CATALOG.products,
};

/** The India shop loop's payment gateway configuration, already Active. */
export const INDIA_SHOP_CONFIGURATION: StoredConfiguration = {
	...INDIA_CHECKOUT_CONFIGURATION,
	configuration_name: 'rzp-shop',
	provider_mid: 'sandbox-mid-shop',
};

/** What a sandbox uses for every option it is not given: four businesses (Brazil and India, and a shop of each for the shop-loop examples) with these seeds. */
export const SANDBOX_DEFAULTS = {
	host: '127.0.0.1',
	port: 4010,
	appId: '900000000000001',
	appSecret: 'sandbox-app-secret',
	accessTokens: ['sandbox-access-token'],
	wabaId: '100000000000001',
	phoneNumbers: [
		{
			id: '200000000000001',
			display_phone_number: '+55 11 4000-0001',
			verified_name: 'Loja Sandbox BR',
		},
		{
			id: '200000000000002',
			display_phone_number: '+91 80 4000 0002',
			verified_name: 'Sandbox Store IN',
		},
	] as PhoneNumber[],
	/** What `npm run sandbox` and `npm run dev` serve: a Brazil and an India business, and a shop of each for the shop-loop examples; each its own app and WABA. */
	businesses: [
		{
			appId: '900000000000001',
			appSecret: 'sandbox-app-secret-br',
			wabaId: '100000000000001',
			name: 'Loja Sandbox (Brazil)',
			phoneNumbers: [
				{
					id: '200000000000001',
					display_phone_number: '+55 11 4000-0001',
					verified_name: 'Loja Sandbox BR',
				},
			],
			templates: BRAZIL_TEMPLATES,
			catalog: BRAZIL_CATALOG,
		},
		{
			appId: '900000000000002',
			appSecret: 'sandbox-app-secret-in',
			wabaId: '100000000000002',
			name: 'Sandbox Store (India)',
			phoneNumbers: [
				{
					id: '200000000000002',
					display_phone_number: '+91 80 4000 0002',
					verified_name: 'Sandbox Store IN',
				},
			],
			templates: INDIA_TEMPLATES,
			catalog: INDIA_CATALOG,
			configurations: [INDIA_CHECKOUT_CONFIGURATION],
		},
		{
			appId: '900000000000003',
			appSecret: 'sandbox-app-secret-br-shop',
			wabaId: '100000000000003',
			name: 'Padaria Sandbox (Brazil shop loop)',
			phoneNumbers: [
				{
					id: '200000000000003',
					display_phone_number: '+55 11 4000-0003',
					verified_name: 'Padaria Sandbox BR',
				},
			],
			catalog: BRAZIL_SHOP_CATALOG,
		},
		{
			appId: '900000000000004',
			appSecret: 'sandbox-app-secret-in-shop',
			wabaId: '100000000000004',
			name: 'Chai Corner Sandbox (India shop loop)',
			phoneNumbers: [
				{
					id: '200000000000004',
					display_phone_number: '+91 80 4000 0004',
					verified_name: 'Chai Corner Sandbox IN',
				},
			],
			catalog: INDIA_SHOP_CATALOG,
			configurations: [INDIA_SHOP_CONFIGURATION],
		},
	] as Business[],
	/** The web-order buyers of the demo: they never wrote, so only templates reach them. */
	buyersOutsideWindow: WEB_ORDER_BUYERS,
	seed: 1,
	webhookRetryBaseMs: 250,
	statusDelayMs: 100,
};

/**
 * Stores `count` pending Brazilian orders `${prefix}-0`, `${prefix}-1`... (100.00 BRL) for order_status sends in
 * bulk, and returns their reference IDs.
 */
export function seedPendingOrders(
	sandbox: Sandbox,
	prefix: string,
	count: number,
	phoneNumberId: string,
	waId: string,
): string[] {
	const refs: string[] = [];
	for (let n = 0; n < count; n++) {
		const ref = `${prefix}-${n}`;
		refs.push(ref);
		const order: StoredOrder = {
			reference_id: ref,
			country: 'BR',
			waba_id: sandbox.options.wabaId,
			phone_number_id: phoneNumberId,
			wa_id: waId,
			total: 100,
			currency: 'BRL',
			status: 'pending',
			payment: 'none',
			details: {},
			settings: [],
			messages: [],
			details_count: 1,
			history: [],
			refunds: [],
			transactions: [],
		};
		sandbox.orders.set(`${sandbox.options.wabaId}:${ref}`, order);
	}
	return refs;
}
