/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The sandbox's template side over real HTTP: message_templates with a review step and its signed status
 * webhook, template sends checked against the stored definition (132001, 132015, 132016, 132000, 132012,
 * 132005), the 24-hour window (131047 for interactive, templates accepted), carts and buyer texts.
 */
import { createHmac } from 'crypto';

import {
	buildCheckoutCarouselTemplate,
	buildOrderDetailsParameters,
	buildOrderDetailsTemplate,
	buildOrderDetailsInteractive,
	buildOrderStatusTemplate,
	buildPaymentRequestTemplate,
	buildTemplateMessage,
	paymentSetting,
	parseDelivery,
} from '../../nodes/shared';
import type { JsonObject } from '../../nodes/shared';
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { WEB_ORDER_BUYERS } from '../../sandbox/seeds';
import { receiver } from '../helpers/receiver';
import { sandboxFor, TOKEN } from '../helpers/sandbox';

type J = Record<string, any>;
const [BR, IN] = SANDBOX_DEFAULTS.businesses;
const BR_PHONE = BR.phoneNumbers[0].id;
const IN_PHONE = IN.phoneNumbers[0].id;

describe('sandbox templates', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses });
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	async function graph(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; json: J }> {
		const res = await fetch(`${sandbox.url}/v25.0${path}`, {
			method,
			headers: {
				authorization: `Bearer ${TOKEN}`,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		return { status: res.status, json: (await res.json()) as J };
	}
	async function control(path: string, body: unknown): Promise<J> {
		const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
			method: 'POST',
			body: JSON.stringify(body),
		});
		return (await res.json()) as J;
	}
	const send = (phone: string, message: unknown) => graph('POST', `/${phone}/messages`, message);

	function brOrder(ref: string): JsonObject {
		return buildOrderDetailsParameters(
			{
				country: 'BR',
				referenceId: ref,
				goodsType: 'digital-goods',
				paymentSettings: [
					paymentSetting.pix({
						code: '00020101021226700014br.gov.bcb.pix',
						merchantName: 'Loja',
						key: '39580525000189',
						keyType: 'CNPJ',
					}),
				],
				items: [{ name: 'Bolo', retailerId: 'bolo-1', amount: '49.90', quantity: 2 }],
			},
			{ flavor: 'template' },
		);
	}
	function pedidoPix(to: string, ref: string, vars = ['Ana', ref]): JsonObject {
		return buildTemplateMessage(
			to,
			buildOrderDetailsTemplate(
				{ name: 'pedido_pix', language: 'pt_BR', bodyVariables: vars },
				brOrder(ref),
				'BR',
			),
		);
	}
	function inOrder(ref: string): JsonObject {
		return buildOrderDetailsParameters(
			{
				country: 'IN',
				referenceId: ref,
				goodsType: 'digital-goods',
				paymentSettings: [
					paymentSetting.paymentGateway({ gateway: 'razorpay', configurationName: 'rzp-demo' }),
				],
				catalogId: '194836987000002',
				items: [{ name: 'Blue Elf Aloe', retailerId: 'aloe-1', amount: '1500.00', quantity: 1 }],
			},
			{ flavor: 'checkout' },
		);
	}

	test('lists the seeded templates with Meta statuses; create is PENDING until reviewed, and the review sends a signed status webhook to the app callback', async () => {
		const list = await graph('GET', `/${BR.wabaId}/message_templates`);
		expect(list.json.data.map((t: J) => `${t.name}:${t.status}`)).toEqual([
			'pedido_pix:APPROVED',
			'cobranca_web:APPROVED',
			'pedido_boleto_pdf:PENDING',
		]);
		const cb = await receiver();
		try {
			sandbox.subscribedApps.set(BR.wabaId, {});
			sandbox.subscriptions.set(BR.appId, {
				object: 'whatsapp_business_account',
				callback_url: cb.url,
				verify_token: 'v',
				fields: ['messages', 'message_template_status_update'],
				active: true,
			});
			const created = await graph('POST', `/${BR.wabaId}/message_templates`, {
				name: 'novo_pedido',
				language: 'pt_BR',
				category: 'UTILITY',
				display_format: 'ORDER_DETAILS',
				components: [
					{ type: 'BODY', text: 'Pague seu pedido.' },
					{ type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text: 'Copy Pix code' }] },
				],
			});
			expect(created.json).toEqual({
				id: expect.stringMatching(/^\d+$/),
				status: 'PENDING',
				category: 'UTILITY',
			});
			const again = await graph('POST', `/${BR.wabaId}/message_templates`, {
				name: 'novo_pedido',
				language: 'pt_BR',
				category: 'UTILITY',
				components: [{ type: 'BODY', text: 'x' }],
			});
			expect(again.json.error.code).toBe(100);
			expect(again.json.error.error_data.details).toMatch(/already exists/);
			const sent = await send(
				BR_PHONE,
				buildTemplateMessage(
					'5511999990001',
					buildOrderDetailsTemplate(
						{ name: 'novo_pedido', language: 'pt_BR' },
						brOrder('np-1'),
						'BR',
					),
				),
			);
			expect(sent.json.error.code).toBe(132001);
			await control('/templates/review', {
				name: 'novo_pedido',
				status: 'REJECTED',
				reason: 'INVALID_FORMAT',
			});
			await control('/templates/review', { name: 'novo_pedido', status: 'APPROVED' });
			await sandbox.idle();
			expect(cb.posts).toHaveLength(2);
			const events = cb.posts.map((p) => {
				expect(p.signature).toBe(
					`sha256=${createHmac('sha256', BR.appSecret).update(p.raw).digest('hex')}`,
				);
				return parseDelivery(JSON.parse(p.raw.toString())).events[0].data;
			});
			expect(events.map((e) => [e.event, e.template_name, e.status, e.reason])).toEqual([
				['template_status', 'novo_pedido', 'REJECTED', 'INVALID_FORMAT'],
				['template_status', 'novo_pedido', 'APPROVED', 'NONE'],
			]);
			expect(
				(
					await send(
						BR_PHONE,
						buildTemplateMessage(
							'5511999990001',
							buildOrderDetailsTemplate(
								{ name: 'novo_pedido', language: 'pt_BR' },
								brOrder('np-1'),
								'BR',
							),
						),
					)
				).json.messages[0],
			).toEqual({ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' });
			expect(
				(await graph('DELETE', `/${BR.wabaId}/message_templates?name=novo_pedido`)).json,
			).toEqual({ success: true });
			expect(
				(await graph('GET', `/${BR.wabaId}/message_templates?name=novo_pedido`)).json.data,
			).toEqual([]);
		} finally {
			await cb.close();
		}
	});

	test.each([
		[
			'creation with a body that ends with a variable',
			'POST',
			{
				name: 'x',
				language: 'pt_BR',
				category: 'UTILITY',
				components: [{ type: 'BODY', text: 'Oi {{1}}', example: { body_text: [['a']] } }],
			},
			2388299,
		],
		[
			'creation with variables and no examples',
			'POST',
			{
				name: 'x',
				language: 'pt_BR',
				category: 'UTILITY',
				components: [{ type: 'BODY', text: 'Oi {{1}}, tudo bem?' }],
			},
			2388072,
		],
		[
			'creation with a 61-character footer',
			'POST',
			{
				name: 'x',
				language: 'pt_BR',
				category: 'UTILITY',
				components: [
					{ type: 'BODY', text: 'Oi' },
					{ type: 'FOOTER', text: 'f'.repeat(61) },
				],
			},
			2388073,
		],
	])('refuses %s', async (_what, method, body, code) => {
		expect((await graph(method, `/${BR.wabaId}/message_templates`, body)).json.error.code).toBe(
			code,
		);
	});

	test.each([
		[
			'an unknown template',
			() => ({
				...pedidoPix('5511999990001', 'a-1'),
				template: { ...(pedidoPix('5511999990001', 'a-1').template as J), name: 'nao_existe' },
			}),
			132001,
		],
		[
			'a language the template lacks',
			() => ({
				...pedidoPix('5511999990001', 'a-1'),
				template: {
					...(pedidoPix('5511999990001', 'a-1').template as J),
					language: { policy: 'deterministic', code: 'en_US' },
				},
			}),
			132001,
		],
		[
			'a pending template',
			() =>
				buildTemplateMessage(
					'5511999990001',
					buildOrderDetailsTemplate(
						{
							name: 'pedido_boleto_pdf',
							language: 'pt_BR',
							header: { type: 'document', link: 'https://x.example/b.pdf' },
						},
						brOrder('a-1'),
						'BR',
					),
				),
			132001,
		],
		['one body value for two variables', () => pedidoPix('5511999990001', 'a-1', ['Ana']), 132000],
		[
			'a header for a fixed text header',
			() =>
				buildTemplateMessage(
					'5511999990001',
					buildOrderDetailsTemplate(
						{
							name: 'pedido_pix',
							language: 'pt_BR',
							header: { type: 'text', text: 'Oi' },
							bodyVariables: ['Ana', 'x'],
						},
						brOrder('a-1'),
						'BR',
					),
				),
			132000,
		],
		[
			'a body filled past 1024 characters',
			() => pedidoPix('5511999990001', 'a-1', ['Ana', 'x'.repeat(1000)]),
			132005,
		],
	])('a template send with %s is refused as Meta does', async (_what, message, code) => {
		const { status, json } = await send(BR_PHONE, message());
		expect([status, json.error.code]).toEqual([code === 132001 ? 404 : 400, code]);
		expect(sandbox.orders.size).toBe(0);
	});

	test('wrong parameter type (image for the checkout image header sent as a document) is 132012; paused is 132015; disabled is 132016', async () => {
		const checkout = (header: J) =>
			buildTemplateMessage('919000090000', {
				name: 'back_in_stock',
				language: { policy: 'deterministic', code: 'en_US' },
				components: [
					{ type: 'header', parameters: [header] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Pablo' },
							{ type: 'text', text: 'Aloe' },
						],
					},
					{
						type: 'button',
						sub_type: 'order_details',
						index: 0,
						parameters: [{ type: 'action', action: { order_details: inOrder('chk-1') } }],
					},
				],
			});
		expect(
			(await send(IN_PHONE, checkout({ type: 'document', document: { id: '1' } }))).json.error.code,
		).toBe(132012);
		expect(
			(await send(IN_PHONE, checkout({ type: 'image', image: { id: '1' } }))).json.messages[0]
				.message_status,
		).toBe('accepted');
		await control('/templates/review', { name: 'back_in_stock', status: 'PAUSED' });
		expect(
			(await send(IN_PHONE, checkout({ type: 'image', image: { id: '1' } }))).json.error.code,
		).toBe(132015);
		await control('/templates/review', { name: 'back_in_stock', status: 'DISABLED' });
		expect(
			(await send(IN_PHONE, checkout({ type: 'image', image: { id: '1' } }))).json.error.code,
		).toBe(132016);
	});

	test('the 24-hour window: interactive order_details to a web-order buyer gets 131047, the template is accepted and the order is payable; once the buyer writes, interactive works', async () => {
		const buyer = WEB_ORDER_BUYERS[0];
		const interactive = {
			messaging_product: 'whatsapp',
			to: buyer,
			type: 'interactive',
			interactive: buildOrderDetailsInteractive(brOrder('w-1'), { body: 'Pague' }),
		};
		const refused = await send(BR_PHONE, interactive);
		expect([refused.status, refused.json.error.code]).toEqual([400, 131047]);
		expect(refused.json.error.error_data.details).toMatch(/has not written/);
		const viaTemplate = await send(BR_PHONE, pedidoPix(buyer, 'w-1'));
		expect(viaTemplate.json.messages[0].message_status).toBe('accepted');
		const order = sandbox.getOrder('w-1');
		expect(order).toMatchObject({ total: 9980, status: 'pending', settings: ['pix_dynamic_code'] });
		expect((order.details as J).body.text).toBe(
			'Olá Ana, seu pedido w-1 está pronto. Pague abaixo.',
		);
		expect((order.details as J).template).toMatchObject({
			name: 'pedido_pix',
			button: 'Copy Pix code',
			header: { format: 'TEXT', text: 'Seu pedido' },
		});
		// order_status is interactive too: refused until the buyer writes.
		const status = {
			messaging_product: 'whatsapp',
			to: buyer,
			type: 'interactive',
			interactive: {
				type: 'order_status',
				body: { text: 'Pago' },
				action: {
					name: 'review_order',
					parameters: {
						reference_id: 'w-1',
						order: { status: 'processing' },
						payment: { status: 'captured' },
					},
				},
			},
		};
		expect((await send(BR_PHONE, status)).json.error.code).toBe(131047);
		await control('/buyer/message', { wa_id: buyer, phone_number_id: BR_PHONE, text: 'Paguei!' });
		expect((await send(BR_PHONE, status)).json.messages).toHaveLength(1);
		expect(sandbox.getOrder('w-1').payment).toBe('captured');
		// 25 hours later the window is closed again.
		await control('/buyer/window', {
			wa_id: buyer,
			phone_number_id: BR_PHONE,
			open: false,
			hours_ago: 25,
		});
		expect((await send(BR_PHONE, interactive)).json.error.error_data.details).toMatch(
			/more than 24 hours/,
		);
	});

	test('strict window: a buyer the sandbox never heard from is outside it', async () => {
		const strict = await sandboxFor({
			businesses: SANDBOX_DEFAULTS.businesses,
			sessionWindow: 'strict',
		});
		try {
			const res = await fetch(`${strict.url}/v25.0/${BR_PHONE}/messages`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					messaging_product: 'whatsapp',
					to: '5511999990001',
					type: 'interactive',
					interactive: buildOrderDetailsInteractive(brOrder('s-1'), { body: 'x' }),
				}),
			});
			expect(((await res.json()) as J).error.code).toBe(131047);
		} finally {
			await strict.stop();
		}
	});

	test('carousel: one order per card, drawn as one carousel message; the India buyer pays a card via the gateway', async () => {
		const t = buildCheckoutCarouselTemplate(
			{ name: 'festive_picks', language: 'en_US', bodyVariables: ['Nidhi'] },
			['c-1', 'c-2', 'c-3'].map((ref) => ({
				header: { type: 'image' as const, id: '42' },
				parameters: inOrder(ref),
				quickReply: { index: 1, payload: 'more' },
			})),
		);
		const { json } = await send(IN_PHONE, buildTemplateMessage('919000090000', t));
		expect(json.messages[0].message_status).toBe('accepted');
		expect(['c-1', 'c-2', 'c-3'].map((r) => sandbox.getOrder(r).history[0].carousel)).toEqual([
			json.messages[0].id,
			json.messages[0].id,
			json.messages[0].id,
		]);
		expect(sandbox.store.chat).toEqual([
			expect.objectContaining({
				kind: 'carousel',
				cards: ['c-1', 'c-2', 'c-3'],
				text: 'Festive picks for Nidhi: tap Buy now on the one you like.',
			}),
		]);
		sandbox.buyerIndiaPayment('c-2', 'captured');
		expect(sandbox.getOrder('c-2').payment).toBe('captured');
		const two = await send(
			IN_PHONE,
			buildTemplateMessage('919000090000', {
				...t,
				components: [
					(t.components as J[])[0],
					{ type: 'carousel', cards: ((t.components as J[])[1].cards as J[]).slice(0, 2) },
				],
			}),
		);
		expect(two.json.error.code).toBe(132000);
	});

	test('payment request: drawn with its buttons and values, no order; order status template moves an India order', async () => {
		const pr = buildPaymentRequestTemplate(
			{ name: 'cobranca_web', language: 'pt_BR', bodyVariables: ['Ana', 'F-9'] },
			[
				{ index: 0, type: 'pix_dynamic_code', value: '00020101021226700014br.gov.bcb.pix' },
				{ index: 1, type: 'boleto', value: '03399026944140000002628346101018898510000008848' },
				{ index: 2, type: 'payment_link', value: 'https://pay.example/F-9' },
			],
		);
		expect(
			(await send(BR_PHONE, buildTemplateMessage(WEB_ORDER_BUYERS[0], pr))).json.messages[0]
				.message_status,
		).toBe('accepted');
		expect(sandbox.store.chat[0]).toMatchObject({
			kind: 'payment_request',
			header: 'Sua fatura',
			text: 'Olá Ana, sua fatura F-9 está disponível.',
			buttons: [
				{ text: 'Copy Pix code', type: 'pix_dynamic_code' },
				{ text: 'Copy Boleto code', type: 'boleto' },
				{ text: 'Open payment link', value: 'https://pay.example/F-9' },
			],
		});
		expect(sandbox.orders.size).toBe(0);
		await send(
			IN_PHONE,
			buildTemplateMessage(
				'919000090000',
				buildOrderDetailsTemplate(
					{ name: 'order_details_in', language: 'en_US', bodyVariables: ['Nidhi', 'os-1'] },
					{
						...inOrder('os-1'),
						payment_settings: [
							paymentSetting.paymentGateway({ gateway: 'razorpay', configurationName: 'rzp-demo' }),
						],
					},
					'IN',
				),
			),
		);
		const update = buildOrderStatusTemplate(
			{ name: 'order_update', language: 'en_US' },
			{ referenceId: 'os-1', status: 'shipped' },
		);
		expect(
			(await send(IN_PHONE, buildTemplateMessage('919000090000', update))).json.messages,
		).toHaveLength(1);
		expect(sandbox.getOrder('os-1')).toMatchObject({ status: 'shipped' });
		// The buyer page shows the template's text and footer, as the buyer reads them.
		expect(sandbox.getOrder('os-1').history[1]).toMatchObject({
			kind: 'order_status',
			template: 'order_update',
			text: 'There is an update on your order from Sandbox Store.',
			footer: 'Sandbox Store',
		});
	});

	test('a cart from the catalog is a signed order webhook with major-unit prices, and opens the window', async () => {
		const cb = await receiver();
		try {
			sandbox.subscribedApps.set(IN.wabaId, { override_callback_uri: cb.url });
			const buyer = WEB_ORDER_BUYERS[1];
			expect(
				(await control('/buyer/window', { wa_id: buyer, phone_number_id: IN_PHONE, open: false }))
					.window_open,
			).toBe(false);
			await control('/buyer/cart', {
				wa_id: buyer,
				phone_number_id: IN_PHONE,
				items: [
					{ retailer_id: 'diya-1', quantity: 3 },
					{ retailer_id: 'chai-1', quantity: 1 },
				],
				text: 'For Diwali',
				as_strings: true,
			});
			await sandbox.idle();
			const raw = cb.posts[0].raw;
			expect(cb.posts[0].signature).toBe(
				`sha256=${createHmac('sha256', IN.appSecret).update(raw).digest('hex')}`,
			);
			const message = JSON.parse(raw.toString()).entry[0].changes[0].value.messages[0];
			expect(message.order).toEqual({
				catalog_id: '194836987000002',
				text: 'For Diwali',
				product_items: [
					{ product_retailer_id: 'diya-1', quantity: '3', item_price: '199.5', currency: 'INR' },
					{ product_retailer_id: 'chai-1', quantity: '1', item_price: '349', currency: 'INR' },
				],
			});
			const cart = parseDelivery(JSON.parse(raw.toString())).events[0].data;
			expect(cart).toMatchObject({
				event: 'cart_order',
				wa_id: buyer,
				subtotal: { value: 3 * 19950 + 34900, offset: 100 },
				problems: [],
			});
			const res = await fetch(
				`${sandbox.url}/_sandbox/buyer/window?wa_id=${buyer}&phone_number_id=${IN_PHONE}`,
			);
			expect(((await res.json()) as J).window_open).toBe(true);
		} finally {
			await cb.close();
		}
	});
});

test('the buyer page script parses (its template string escapes survive)', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { buyerPage } = require('../../sandbox/page') as typeof import('../../sandbox/page');
	const script = buyerPage().split('<script>')[1].split('</script>')[0];
	expect(() => new Function(script)).not.toThrow();
});
