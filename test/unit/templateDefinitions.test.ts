/** Template creation bodies and reading templates back, cart orders, and template status webhooks. */
import {
	buildTemplateDefinition,
	describeTemplate,
	normaliseTemplateStatus,
	parseDelivery,
} from '../../nodes/shared';
import type { JsonObject, TemplateDefinitionInput } from '../../nodes/shared';
import { clone, ruleOf } from '../helpers/payloads';

describe('template creation', () => {
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

describe('cart orders and template status webhooks', () => {
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
