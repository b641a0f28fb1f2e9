/* eslint-disable @n8n/community-nodes/require-node-api-error -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** Template rules from spec templates-and-checkout sections 0 to 3, 5 and 6, as tables. */
import {
	buildCheckoutCarouselTemplate,
	buildCheckoutTemplate,
	buildOrderDetailsParameters,
	buildOrderDetailsTemplate,
	buildOrderStatusTemplate,
	buildPaymentRequestTemplate,
	buildTemplateDefinition,
	buildTemplateMessage,
	describeTemplate,
	normaliseTemplateStatus,
	parseDelivery,
	paymentSetting,
	PaymentsValidationError,
	validateTemplate,
} from '../../nodes/shared';
import type { JsonObject, TemplateDefinitionInput } from '../../nodes/shared';

const NOW = 1_800_000_000;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function ruleOf(fn: () => unknown): { field: string; rule: string } {
	try {
		fn();
	} catch (e) {
		if (e instanceof PaymentsValidationError) return { field: e.field, rule: e.rule };
		throw e;
	}
	throw new Error('expected a rule error, none was raised');
}

const PIX = paymentSetting.pix({
	code: '00020101021226700014br.gov.bcb.pix',
	merchantName: 'Loja X',
	key: '39580525000189',
	keyType: 'CNPJ',
});

function brOrder(): JsonObject {
	return buildOrderDetailsParameters(
		{
			country: 'BR',
			referenceId: 'ord-123.1',
			goodsType: 'digital-goods',
			paymentSettings: [PIX],
			items: [{ name: 'Cake', retailerId: '1234567', amount: '500.00', quantity: 1 }],
		},
		{ now: NOW, flavor: 'template' },
	);
}

function checkoutOrder(ref = 'abc.123_xyz-1', goods = 'physical-goods'): JsonObject {
	return buildOrderDetailsParameters(
		{
			country: 'IN',
			referenceId: ref,
			goodsType: goods,
			paymentSettings: [
				paymentSetting.paymentGateway({
					gateway: 'razorpay',
					configurationName: 'prod-razor-pay-config-05',
				}),
			],
			shippingInfo: { country: 'IN', addresses: [] },
			catalogId: undefined,
			items: [
				{
					name: 'Blue Elf Aloe',
					amount: '2000.00',
					saleAmount: '1500.00',
					quantity: 1,
					countryOfOrigin: 'India',
					importerName: 'Lucky Shrub Imports and Exports',
					importerAddress: {
						address_line1: 'One BKC',
						city: 'Mumbai',
						zone_code: 'MH',
						postal_code: '400051',
						country_code: 'IN',
					},
				},
			],
			shipping: '200.00',
			tax: '100.00',
			discount: '150.00',
			discountDescription: 'Additional 10% off',
			expirationTimestamp: NOW + 600,
		},
		{ now: NOW, flavor: 'checkout' },
	);
}

describe('order details template (spec 1.3)', () => {
	it('puts the order under the button with integer index 0 and the deterministic language policy', () => {
		const t = buildOrderDetailsTemplate(
			{
				name: 'order_details_pix',
				language: 'pt_BR',
				header: { type: 'document', link: 'https://x.example/boleto.pdf', filename: 'pedido.pdf' },
			},
			brOrder(),
			'BR',
			{ now: NOW },
		);
		expect(t.language).toEqual({ policy: 'deterministic', code: 'pt_BR' });
		const components = t.components as JsonObject[];
		expect(components[0]).toEqual({
			type: 'header',
			parameters: [
				{
					type: 'document',
					document: { link: 'https://x.example/boleto.pdf', filename: 'pedido.pdf' },
				},
			],
		});
		const button = components[1];
		expect(button).toMatchObject({ type: 'button', sub_type: 'order_details', index: 0 });
		const od = ((button.parameters as JsonObject[])[0].action as JsonObject)
			.order_details as JsonObject;
		expect(od).toMatchObject({
			reference_id: 'ord-123.1',
			payment_type: 'br',
			currency: 'BRL',
			total_amount: { value: 50000, offset: 100 },
		});
		expect((od.order as JsonObject).status).toBe('pending');
		expect(od).not.toHaveProperty('name');
	});

	it('refuses a simplified Brazil order (no order object) inside a template', () => {
		const params = brOrder();
		delete params.order;
		expect(
			ruleOf(() =>
				validateTemplate(
					{
						name: 'x',
						language: { policy: 'deterministic', code: 'pt_BR' },
						components: [
							{
								type: 'button',
								sub_type: 'order_details',
								index: 0,
								parameters: [{ type: 'action', action: { order_details: params } }],
							},
						],
					},
					'BR',
					{ now: NOW },
				),
			),
		).toEqual({
			field: 'parameters.order',
			rule: 'is required in a template (Meta documents no simplified order for templates)',
		});
	});

	it.each([
		[{ policy: 'fallback', code: 'pt_BR' }, 'template.language.policy'],
		[{ policy: 'deterministic', code: 'Portuguese' }, 'template.language.code'],
	])('refuses language %j', (language, field) => {
		expect(
			ruleOf(() => validateTemplate({ name: 'a', language, components: [] }, 'BR')).field,
		).toBe(field);
	});

	it('accepts the index as text ("0") as Meta does, and refuses a negative or fractional index', () => {
		const od = brOrder();
		const button = (index: unknown) => ({
			name: 'a',
			language: { code: 'pt_BR' },
			components: [
				{
					type: 'button',
					sub_type: 'order_details',
					index,
					parameters: [{ type: 'action', action: { order_details: od } }],
				},
			],
		});
		expect(validateTemplate(button('0'), 'BR', { now: NOW }).orders[0].index).toBe(0);
		expect(ruleOf(() => validateTemplate(button(-1), 'BR', { now: NOW })).field).toBe(
			'template.components[0].index',
		);
		expect(ruleOf(() => validateTemplate(button(0.5), 'BR', { now: NOW })).field).toBe(
			'template.components[0].index',
		);
	});

	it('refuses an order whose status is not pending', () => {
		const od = brOrder();
		(od.order as JsonObject).status = 'processing';
		expect(
			ruleOf(() =>
				buildOrderDetailsTemplate({ name: 'a', language: 'pt_BR' }, od, 'BR', { now: NOW }),
			).field,
		).toBe('parameters.order.status');
	});
});

describe('payment request template (spec 2)', () => {
	const base = { name: 'cobranca_pix', language: 'pt_BR' };
	it('sends one button per method with the simple payment_setting shapes', () => {
		const t = buildPaymentRequestTemplate(base, [
			{ index: 0, type: 'boleto', value: '03399026944140000002628346101018898510000008848' },
			{ index: 1, type: 'pix_dynamic_code', value: '00020101021226700014br.gov.bcb.pix' },
			{ index: 2, type: 'payment_link', value: 'https://pay.example/abc' },
		]);
		const settings = (t.components as JsonObject[]).map(
			(c) =>
				(((c.parameters as JsonObject[])[0].action as JsonObject).payment_request as JsonObject)
					.payment_setting,
		);
		expect(settings).toEqual([
			{
				type: 'boleto',
				boleto: { digitable_line: '03399026944140000002628346101018898510000008848' },
			},
			{
				type: 'pix_dynamic_code',
				pix_dynamic_code: { code: '00020101021226700014br.gov.bcb.pix' },
			},
			{ type: 'payment_link', payment_link: { uri: 'https://pay.example/abc' } },
		]);
	});
	it.each([
		['pix_dynamic_code', 'not-a-pix-code', 'pix_dynamic_code.code'],
		['boleto', '1234', 'boleto.digitable_line'],
		['payment_link', 'http://insecure.example', 'payment_link.uri'],
	] as const)('refuses a bad %s value', (type, value, suffix) => {
		expect(ruleOf(() => buildPaymentRequestTemplate(base, [{ index: 0, type, value }])).field).toBe(
			`template.components[0].parameters[0].action.payment_request.payment_setting.${suffix}`,
		);
	});
	it('refuses two buttons of the same method', () => {
		const code = '00020101021226700014br.gov.bcb.pix';
		expect(
			ruleOf(() =>
				buildPaymentRequestTemplate(base, [
					{ index: 0, type: 'pix_dynamic_code', value: code },
					{ index: 1, type: 'pix_dynamic_code', value: code },
				]),
			).rule,
		).toMatch(/two "pix_dynamic_code"/);
	});
	it('is Brazil only', () => {
		const t = buildPaymentRequestTemplate(base, [
			{ index: 0, type: 'payment_link', value: 'https://pay.example/abc' },
		]);
		expect(ruleOf(() => validateTemplate(t, 'IN')).field).toBe('template.components[0].sub_type');
	});
});

describe('checkout button template (spec 3.2)', () => {
	it("reproduces Meta's single-product sample arithmetic: 150000 + 20000 + 10000 - 15000 = 165000", () => {
		const od = checkoutOrder();
		expect(od.total_amount).toEqual({ value: 165000, offset: 100 });
		expect(od).not.toHaveProperty('payment_type');
		expect(od).not.toHaveProperty('beneficiaries');
		expect(od.shipping_info).toEqual({ country: 'IN', addresses: [] });
		const t = buildCheckoutTemplate(
			{
				name: 'item_back_in_stock_v1',
				language: 'en_US',
				header: { type: 'image', id: '1558081531584829' },
				bodyVariables: ['Nidhi', 'Blue Elf Aloe'],
			},
			od,
			[{ index: 1, payload: 'opt-out' }],
			{ now: NOW },
		);
		expect(
			(t.components as JsonObject[]).map((c) => `${c.type}:${c.sub_type ?? ''}:${c.index ?? ''}`),
		).toEqual(['header::', 'body::', 'button:order_details:0', 'button:quick_reply:1']);
	});
	it.each([
		[
			'an expiration under 300 s ahead',
			(od: JsonObject) => ((od.order as JsonObject).expiration = { timestamp: String(NOW + 299) }),
			'parameters.order.expiration.timestamp',
		],
		[
			'a UPI intent link instead of a gateway',
			(od: JsonObject) =>
				(od.payment_settings = [paymentSetting.upiIntentLink({ link: 'upi://pay?pa=x' })]),
			'parameters.payment_settings[0].type',
		],
		[
			'BillDesk (not offered for checkout)',
			(od: JsonObject) =>
				(((od.payment_settings as JsonObject[])[0].payment_gateway as JsonObject).type =
					'billdesk'),
			'parameters.payment_settings[0].payment_gateway.type',
		],
		[
			'physical goods without shipping_info',
			(od: JsonObject) => delete od.shipping_info,
			'parameters.shipping_info',
		],
		[
			'no shipping amount',
			(od: JsonObject) => {
				const o = od.order as JsonObject;
				const s = (o.shipping as JsonObject).value as number;
				delete o.shipping;
				(od.total_amount as JsonObject).value =
					((od.total_amount as JsonObject).value as number) - s;
			},
			'parameters.order.shipping',
		],
		[
			'a 7-digit PIN code',
			(od: JsonObject) =>
				(od.shipping_info = { country: 'IN', addresses: [{ name: 'N', in_pin_code: '4000510' }] }),
			'parameters.shipping_info.addresses[0].in_pin_code',
		],
		[
			'beneficiaries (interactive only)',
			(od: JsonObject) => (od.beneficiaries = []),
			'parameters.beneficiaries',
		],
	])('refuses %s', (_what, change, field) => {
		const od = checkoutOrder();
		change(od);
		expect(
			ruleOf(() => buildCheckoutTemplate({ name: 'a', language: 'en_US' }, od, [], { now: NOW }))
				.field,
		).toBe(field);
	});
	it('carousel: 2 to 10 cards, each with its own reference ID', () => {
		const card = (ref: string) => ({
			header: { type: 'image' as const, id: '1' },
			parameters: checkoutOrder(ref),
		});
		const t = buildCheckoutCarouselTemplate(
			{ name: 'c', language: 'en_US', bodyVariables: ['Diwali'] },
			[card('a-1'), card('a-2')],
			{ now: NOW },
		);
		const summary = validateTemplate(t, 'IN', { now: NOW, flavor: 'checkout' });
		expect(summary.orders.map((o) => [o.card, o.parameters.reference_id])).toEqual([
			[0, 'a-1'],
			[1, 'a-2'],
		]);
		expect(
			ruleOf(() =>
				buildCheckoutCarouselTemplate({ name: 'c', language: 'en_US' }, [card('a-1')], {
					now: NOW,
				}),
			).rule,
		).toBe('must have at least 2 entries');
		expect(
			ruleOf(() =>
				buildCheckoutCarouselTemplate(
					{ name: 'c', language: 'en_US' },
					[card('a-1'), card('a-1')],
					{ now: NOW },
				),
			).rule,
		).toMatch(/reuses reference_id "a-1" of card 0/);
		expect(
			ruleOf(() =>
				buildCheckoutCarouselTemplate(
					{ name: 'c', language: 'en_US' },
					Array.from({ length: 11 }, (_, n) => card(`r-${n}`)),
					{ now: NOW },
				),
			).rule,
		).toBe('must have at most 10 entries');
	});
});

describe('order status template (spec 1.6)', () => {
	it('builds the order_status component for India, normalising partially-shipped', () => {
		const t = buildOrderStatusTemplate(
			{ name: 'order_update', language: 'en_US' },
			{
				referenceId: 'INV12-1',
				status: 'partially-shipped',
				description: 'Two of three items shipped',
			},
		);
		expect(t.components).toEqual([
			{
				type: 'order_status',
				parameters: [
					{
						type: 'order_status',
						order_status: {
							reference_id: 'INV12-1',
							order: { status: 'partially_shipped', description: 'Two of three items shipped' },
						},
					},
				],
			},
		]);
		expect(
			ruleOf(() =>
				buildOrderStatusTemplate(
					{ name: 'order_update', language: 'en_US' },
					{ referenceId: 'INV12-1', status: 'pending' },
				),
			).field,
		).toBe('parameters.order.status');
	});
	it('wraps a template into the message envelope and checks the recipient', () => {
		expect(buildTemplateMessage('919000090000', { name: 'x' })).toMatchObject({
			type: 'template',
			to: '919000090000',
		});
		expect(ruleOf(() => buildTemplateMessage('nine', {})).field).toBe('to');
	});
});

describe('template creation (spec 1.1, 1.6, 2.1, 3.1)', () => {
	const base: TemplateDefinitionInput = {
		kind: 'order_details',
		country: 'BR',
		name: 'order_details_pix',
		language: 'pt_BR',
		body: 'Obrigado pela compra. Pague abaixo.',
	};
	it.each([
		[
			{ ...base, headerFormat: 'TEXT' as const, headerText: 'Seu pedido', footer: 'Loja X' },
			{
				category: 'UTILITY',
				display_format: 'ORDER_DETAILS',
				button: { type: 'ORDER_DETAILS', text: 'Copy Pix code' },
			},
		],
		[
			{ ...base, country: 'IN' as const, language: 'en_US' },
			{
				category: 'UTILITY',
				display_format: undefined,
				button: { type: 'ORDER_DETAILS', text: 'Review and Pay' },
			},
		],
		[
			{ ...base, country: 'IN' as const, language: 'en_US', category: 'marketing' },
			{
				category: 'MARKETING',
				display_format: 'order_details',
				button: { type: 'ORDER_DETAILS', text: 'Review and Pay' },
			},
		],
	])('order details %#', (input, expected) => {
		const def = buildTemplateDefinition(input);
		expect(def.category).toBe(expected.category);
		expect(def.display_format).toBe(expected.display_format);
		const buttons = (def.components as JsonObject[]).find((c) => c.type === 'BUTTONS')!
			.buttons as JsonObject[];
		expect(buttons).toEqual([expected.button]);
	});
	it('payment request: fixed button texts, a sample payment_setting each, at most 3 distinct', () => {
		const def = buildTemplateDefinition({
			...base,
			kind: 'payment_request',
			name: 'cobranca',
			paymentRequestTypes: ['boleto', 'pix_dynamic_code', 'payment_link'],
		});
		const buttons = (def.components as JsonObject[]).find((c) => c.type === 'BUTTONS')!
			.buttons as JsonObject[];
		expect(buttons.map((b) => b.text)).toEqual([
			'Copy Boleto code',
			'Copy Pix code',
			'Open payment link',
		]);
		expect(buttons.every((b) => (b.payment_setting as JsonObject).type !== undefined)).toBe(true);
		expect(
			ruleOf(() =>
				buildTemplateDefinition({
					...base,
					kind: 'payment_request',
					paymentRequestTypes: ['boleto', 'boleto'],
				}),
			).rule,
		).toMatch(/different method/);
		expect(
			ruleOf(() =>
				buildTemplateDefinition({
					...base,
					kind: 'payment_request',
					country: 'IN',
					paymentRequestTypes: ['boleto'],
				}),
			).field,
		).toBe('kind');
	});
	it('checkout: MARKETING, media header required, Buy now first, at most 9 quick replies', () => {
		const input: TemplateDefinitionInput = {
			kind: 'checkout',
			country: 'IN',
			name: 'back_in_stock',
			language: 'en_US',
			headerFormat: 'IMAGE',
			headerHandle: '4::aW1h',
			body: 'Hi {{1}}! The {{2}} is back in stock!',
			bodyExamples: ['Pablo', 'Blue Elf Aloe'],
			quickReplies: ['Stop'],
		};
		const def = buildTemplateDefinition(input);
		expect(def.category).toBe('MARKETING');
		const info = describeTemplate({ ...def, status: 'APPROVED' });
		expect(info).toMatchObject({
			kind: 'checkout',
			headerFormat: 'IMAGE',
			bodyVariables: 2,
			buttons: [
				{ index: 0, type: 'ORDER_DETAILS', text: 'Buy now' },
				{ index: 1, type: 'QUICK_REPLY', text: 'Stop' },
			],
		});
		expect(ruleOf(() => buildTemplateDefinition({ ...input, headerFormat: 'NONE' })).field).toBe(
			'header.format',
		);
		expect(
			ruleOf(() => buildTemplateDefinition({ ...input, bodyExamples: ['Pablo'] })).rule,
		).toMatch(/one sample value per variable: the text has 2/);
		expect(ruleOf(() => buildTemplateDefinition({ ...input, category: 'UTILITY' })).field).toBe(
			'category',
		);
		expect(
			ruleOf(() =>
				buildTemplateDefinition({
					...input,
					quickReplies: Array.from({ length: 10 }, (_, i) => `r${i}`),
				}),
			).rule,
		).toBe('must have at most 9 entries');
	});
	it('carousel and order status kinds are recognised from their definitions', () => {
		const carousel = buildTemplateDefinition({
			kind: 'checkout_carousel',
			country: 'IN',
			name: 'festive',
			language: 'en_US',
			body: 'Festive picks for you',
			cards: [
				{ headerFormat: 'IMAGE', headerHandle: 'h1' },
				{ headerFormat: 'IMAGE', headerHandle: 'h2', quickReply: 'More' },
			],
		});
		expect(describeTemplate(carousel).kind).toBe('checkout_carousel');
		expect(describeTemplate(carousel).cards).toHaveLength(2);
		const status = buildTemplateDefinition({
			kind: 'order_status',
			country: 'IN',
			name: 'order_update',
			language: 'en_US',
			body: 'Your order was updated.',
		});
		expect(status.sub_category).toBe('ORDER_STATUS');
		expect(describeTemplate(status).kind).toBe('order_status');
		expect(ruleOf(() => buildTemplateDefinition({ ...base, name: 'Has Spaces' })).field).toBe(
			'name',
		);
	});
	it.each([
		['ACTIVE', 'APPROVED'],
		['Approved', 'APPROVED'],
		['paused', 'PAUSED'],
		['PENDING_DELETION', 'PENDING_DELETION'],
	])('normalises template status %s -> %s', (raw, out) =>
		expect(normaliseTemplateStatus(raw)).toBe(out),
	);
});

describe('cart orders and template status webhooks (spec 5, 6.1)', () => {
	const delivery = (value: JsonObject, field = 'messages') => ({
		object: 'whatsapp_business_account',
		entry: [{ id: '100', time: 1751247548, changes: [{ field, value }] }],
	});
	const cart = (items: unknown[]) =>
		delivery({
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
			contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
			messages: [
				{
					from: '16505551234',
					id: 'wamid.CART1',
					timestamp: '1750096325',
					type: 'order',
					order: { catalog_id: '194836987003835', text: 'Love these!', product_items: items },
				},
			],
		});
	it('converts unit prices exactly to cents (7.99 -> 799, 0.1 + 0.2 style drift never leaks)', () => {
		const { events } = parseDelivery(
			cart([
				{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 7.99, currency: 'INR' },
				{ product_retailer_id: 'nqryix03ez', quantity: '3', item_price: '0.30', currency: 'INR' },
			]),
		);
		expect(events).toHaveLength(1);
		const e = events[0].data;
		expect(e).toMatchObject({
			event: 'cart_order',
			wa_id: '16505551234',
			name: 'Sheena Nelson',
			catalog_id: '194836987003835',
			currency: 'INR',
			subtotal: { value: 2 * 799 + 3 * 30, offset: 100 },
			problems: [],
		});
		expect(e.items).toEqual([
			{
				retailer_id: 'di9ozbzfi4',
				quantity: 2,
				unit_price: 7.99,
				unit_amount: { value: 799, offset: 100 },
				line_amount: { value: 1598, offset: 100 },
				currency: 'INR',
			},
			{
				retailer_id: 'nqryix03ez',
				quantity: 3,
				unit_price: 0.3,
				unit_amount: { value: 30, offset: 100 },
				line_amount: { value: 90, offset: 100 },
				currency: 'INR',
			},
		]);
		expect(e.idempotency_key).toMatch(/^wapay_[0-9a-f]{40}$/);
	});
	it('emits a cart it cannot fully read, with the problems listed and no subtotal', () => {
		const { events } = parseDelivery(
			cart([
				{ product_retailer_id: 'a', quantity: 1, item_price: 7.999, currency: 'USD' },
				{ product_retailer_id: 'b', quantity: 0, item_price: 1, currency: 'INR' },
			]),
		);
		const e = events[0].data;
		expect(e.subtotal).toBeNull();
		expect(e.currency).toBeNull();
		expect(e.problems).toEqual([
			'order.product_items[0].item_price: must have at most two decimal places (whole cents or paise) (got 7.999)',
			'order.product_items[1].quantity: must be a whole number above 0 (got 0)',
			'order.product_items: mixed currencies USD, INR',
		]);
	});
	it('turns message_template_status_update into a template_status event', () => {
		const { events } = parseDelivery(
			delivery(
				{
					event: 'REJECTED',
					message_template_id: 1689556908129835,
					message_template_name: 'abandoned_cart',
					message_template_language: 'en-US',
					reason: 'INVALID_FORMAT',
					message_template_category: 'MARKETING',
					rejection_info: { reason: 'r', recommendation: 'x' },
				},
				'message_template_status_update',
			),
		);
		expect(events[0].data).toMatchObject({
			event: 'template_status',
			template_id: '1689556908129835',
			template_name: 'abandoned_cart',
			language: 'en-US',
			status: 'REJECTED',
			reason: 'INVALID_FORMAT',
			category: 'MARKETING',
			rejection_info: { reason: 'r', recommendation: 'x' },
			time: 1751247548,
		});
	});
	it('keeps the same idempotency key for a redelivered cart', () => {
		const a = parseDelivery(
			cart([{ product_retailer_id: 'a', quantity: 1, item_price: 1, currency: 'INR' }]),
		).events[0].data.idempotency_key;
		const b = parseDelivery(
			clone(cart([{ product_retailer_id: 'a', quantity: 1, item_price: 1, currency: 'INR' }])),
		).events[0].data.idempotency_key;
		expect(a).toBe(b);
	});
});
