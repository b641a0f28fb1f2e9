/** Template sends by Meta's payment template pages (order details, payment request, checkout button, order status), as tables. */
import {
	buildCheckoutCarouselTemplate,
	buildCheckoutTemplate,
	buildOrderDetailsParameters,
	buildOrderDetailsTemplate,
	buildOrderStatusTemplate,
	buildPaymentRequestTemplate,
	buildTemplateMessage,
	paymentSetting,
	validateTemplate,
} from '../../nodes/shared';
import type { JsonObject } from '../../nodes/shared';
import { NOW, ruleOf, upiLink } from '../helpers/payloads';

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

describe('order details template', () => {
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

describe('payment request template', () => {
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

describe('checkout button template', () => {
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
				(od.payment_settings = [paymentSetting.upiIntentLink({ link: upiLink() })]),
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

describe('order status template', () => {
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
