/* eslint-disable @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The Template resource through real n8n-core (WorkflowExecute, LoadOptionsContext) against the sandbox
 * over loopback: every send type with its exact payload, checks made before anything is sent, template
 * management, the dropdowns, and the 131047 hint on interactive messages outside the window.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { WEB_ORDER_BUYERS } from '../../sandbox/seeds';
import { reviewTemplate } from '../../sandbox/templates';
import {
	ACTION_TYPE,
	actionWorkflow,
	additionalData,
	buildWorkflow,
	nodeErrorReports,
	runWorkflow,
} from '../helpers/n8n';
import { credentialsFor, sandboxFor } from '../helpers/sandbox';

type P = Record<string, any>;
const [BR, IN] = SANDBOX_DEFAULTS.businesses;
const phone = (id: string) => ({ __rl: true, mode: 'id', value: id });
const BUYER_BR = WEB_ORDER_BUYERS[0];
const BUYER_IN = WEB_ORDER_BUYERS[1];
const PIX = {
	pix: {
		code: '00020101021226700014br.gov.bcb.pix',
		merchantName: 'Loja Sandbox',
		key: '39580525000189',
		keyType: 'CNPJ',
	},
};

describe('Template operations through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses });
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const creds = (b = BR) =>
		credentialsFor(sandbox, {
			businessAccountId: b.wabaId,
			appId: b.appId,
			appSecret: b.appSecret,
		});
	const run = (params: P, b = BR, opts?: Parameters<typeof actionWorkflow>[1]) =>
		runWorkflow(
			actionWorkflow(
				{ resource: 'template', options: { maxRetries: 0 }, ...params } as never,
				opts,
			),
			creds(b),
		);
	const messagesSent = () => sandbox.requestLog.filter((r) => r.path.endsWith('/messages')).length;

	const brOrderTemplate = (extra: P = {}): P => ({
		operation: 'sendOrderDetails',
		phoneNumberId: phone(BR.phoneNumbers[0].id),
		to: BUYER_BR,
		templateName: 'pedido_pix',
		templateLanguage: 'pt_BR',
		country: 'BR',
		bodyVariables: { variable: [{ value: 'Ana' }, { value: 'web-1001' }] },
		inputMode: 'form',
		referenceId: 'web-1001',
		goodsType: 'physical-goods',
		brPaymentSettings: PIX,
		items: {
			item: [{ name: 'Bolo de cenoura', retailerId: 'bolo-1', amount: '49.90', quantity: 2 }],
		},
		orderFields: { tax: '0' },
		...extra,
	});

	test('Send Order Details Template (Brazil, form) to a buyer outside the window: the exact template payload, accepted, and the order is payable', async () => {
		const result = await run(brOrderTemplate());
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments');
		expect(out).toMatchObject({
			reference_id: 'web-1001',
			template: 'pedido_pix',
			language: 'pt_BR',
			wa_id: BUYER_BR,
			message_id: expect.stringMatching(/^wamid\./),
		});
		expect(out.payload).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: BUYER_BR,
			type: 'template',
			template: {
				name: 'pedido_pix',
				language: { policy: 'deterministic', code: 'pt_BR' },
				components: [
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Ana' },
							{ type: 'text', text: 'web-1001' },
						],
					},
					{
						type: 'button',
						sub_type: 'order_details',
						index: 0,
						parameters: [
							{
								type: 'action',
								action: {
									order_details: {
										reference_id: 'web-1001',
										type: 'physical-goods',
										payment_type: 'br',
										payment_settings: [
											{
												type: 'pix_dynamic_code',
												pix_dynamic_code: {
													code: '00020101021226700014br.gov.bcb.pix',
													merchant_name: 'Loja Sandbox',
													key: '39580525000189',
													key_type: 'CNPJ',
												},
											},
										],
										currency: 'BRL',
										total_amount: { value: 9980, offset: 100 },
										order: {
											status: 'pending',
											tax: { value: 0, offset: 100 },
											items: [
												{
													retailer_id: 'bolo-1',
													name: 'Bolo de cenoura',
													amount: { value: 4990, offset: 100 },
													quantity: 2,
												},
											],
											subtotal: { value: 9980, offset: 100 },
										},
									},
								},
							},
						],
					},
				],
			},
		});
		expect(out.response).toMatchObject({ messages: [{ message_status: 'accepted' }] });
		expect(sandbox.getOrder('web-1001')).toMatchObject({ status: 'pending', total: 9980 });
	});

	test('Send Order Details Template (Brazil): India-only item fields a saved workflow still holds are not sent', async () => {
		const result = await run(
			brOrderTemplate({
				items: {
					item: [
						{
							name: 'Bolo de cenoura',
							retailerId: 'bolo-1',
							amount: '49.90',
							quantity: 2,
							imageUrl: 'https://shop.example/bolo.png',
							countryOfOrigin: 'India',
							importerName: 'Imp Ltd',
							importerAddress: '{"address_line1":"2 MG Road","city":"Bengaluru"}',
						},
					],
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments');
		const button = (out.payload as P).template.components.find(
			(c: P) => c.sub_type === 'order_details',
		);
		expect(button.parameters[0].action.order_details.order.items).toEqual([
			{
				retailer_id: 'bolo-1',
				name: 'Bolo de cenoura',
				amount: { value: 4990, offset: 100 },
				quantity: 2,
			},
		]);
	});

	test.each([
		[
			'a pending template',
			{
				templateName: 'pedido_boleto_pdf',
				headerType: 'document',
				headerMedia: 'https://x.example/b.pdf',
			},
			'Template "pedido_boleto_pdf" (pt_BR) is PENDING, not APPROVED',
		],
		[
			'one body variable for two',
			{ bodyVariables: { variable: [{ value: 'Ana' }] } },
			'Template "pedido_pix" has 2 body variable(s); 1 given',
		],
		[
			'a header for its fixed text header',
			{ headerType: 'text', headerText: 'Oi' },
			'Template "pedido_pix" takes no header parameter',
		],
		[
			'a language it lacks',
			{ templateLanguage: 'en_US' },
			'Template "pedido_pix" does not exist in language en_US',
		],
		[
			'a payment request template',
			{ templateName: 'cobranca_web' },
			'Template "cobranca_web" is not an order details template (ORDER_DETAILS button)',
		],
	])('refuses %s before sending anything', async (_what, extra, message) => {
		const result = await run(brOrderTemplate(extra));
		expect(result.error?.message).toBe(message);
		expect((result.error as P).description).toMatch(/Nothing was sent\.$/);
		expect(messagesSent()).toBe(0);
		// n8n-core reported the node's error (kept by the harness rather than printed).
		expect(nodeErrorReports).toContainEqual({ node: 'WhatsApp Payments', message });
	});

	test('a broken order is refused before Meta is asked anything (not even for the template)', async () => {
		const result = await run(brOrderTemplate({ referenceId: 'has space' }));
		expect(result.error?.message).toMatch(/^Invalid parameters\.reference_id: may contain only/);
		expect(sandbox.requestLog).toHaveLength(0);
	});

	test('Send Payment Request: each value goes to the template button of its method, whatever order it was given in', async () => {
		const result = await run({
			operation: 'sendPaymentRequest',
			phoneNumberId: phone(BR.phoneNumbers[0].id),
			to: BUYER_BR,
			templateName: 'cobranca_web',
			templateLanguage: 'pt_BR',
			bodyVariables: { variable: [{ value: 'Ana' }, { value: 'F-77' }] },
			paymentButtons: {
				button: [
					{ type: 'payment_link', value: 'https://pay.example/F-77' },
					{ type: 'boleto', value: '0339 9026 9441 4000 0002 6283 4610 1018 8985 1000 0008 848' },
					{ type: 'pix_dynamic_code', value: '00020101021226700014br.gov.bcb.pix' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		const components = (result.output('WhatsApp Payments')[0].payload as P).template
			.components as P[];
		expect(
			components
				.slice(1)
				.map((c) => [c.index, c.parameters[0].action.payment_request.payment_setting.type]),
		).toEqual([
			[2, 'payment_link'],
			[1, 'boleto'],
			[0, 'pix_dynamic_code'],
		]);
		expect(sandbox.store.chat[0]).toMatchObject({
			kind: 'payment_request',
			text: 'Olá Ana, sua fatura F-77 está disponível.',
		});
		const missing = await run({
			operation: 'sendPaymentRequest',
			phoneNumberId: phone(BR.phoneNumbers[0].id),
			to: BUYER_BR,
			templateName: 'cobranca_web',
			templateLanguage: 'pt_BR',
			bodyVariables: { variable: [{ value: 'Ana' }, { value: 'F-78' }] },
			paymentButtons: {
				button: [{ type: 'pix_dynamic_code', value: '00020101021226700014br.gov.bcb.pix' }],
			},
		});
		expect(missing.error?.message).toBe(
			'Template "cobranca_web" needs a value for "Copy Boleto code", "Open payment link"',
		);
	});

	const checkoutBase = (extra: P = {}): P => ({
		operation: 'sendCheckout',
		phoneNumberId: phone(IN.phoneNumbers[0].id),
		to: BUYER_IN,
		bodyVariables: { variable: [{ value: 'Nidhi' }, { value: 'Blue Elf Aloe' }] },
		...extra,
	});

	test('Send Checkout Button Template, single product: shipping_info, shipping 0 when free, quick reply at the template index, no payment_type', async () => {
		const result = await run(
			checkoutBase({
				checkoutFormat: 'single',
				templateName: 'back_in_stock',
				templateLanguage: 'en_US',
				headerType: 'image',
				headerMedia: '1558081531584829',
				inputMode: 'form',
				referenceId: 'chk-1',
				goodsType: 'physical-goods',
				checkoutGateway: 'razorpay',
				checkoutConfiguration: 'rzp-demo',
				items: {
					item: [
						{
							name: 'Blue Elf Aloe',
							retailerId: 'aloe-1',
							amount: '2000',
							saleAmount: '1500',
							quantity: 1,
						},
					],
				},
				orderFields: {
					catalogId: '194836987000002',
					tax: '100',
					expiresAt: new Date(Date.now() + 3600e3).toISOString(),
				},
				shippingAddresses: {
					address: [
						{
							name: 'Nidhi Tripathi',
							phone_number: '919000090000',
							address: 'Bandra Kurla Complex',
							city: 'Mumbai',
							state: 'Maharastra',
							in_pin_code: '400051',
						},
					],
				},
				quickReplies: { reply: [{ payload: 'opt-out' }] },
			}),
			IN,
		);
		expect(result.error).toBeUndefined();
		const t = (result.output('WhatsApp Payments')[0].payload as P).template;
		expect(t.components.map((c: P) => c.sub_type ?? c.type)).toEqual([
			'header',
			'body',
			'order_details',
			'quick_reply',
		]);
		expect(t.components[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'image', image: { id: '1558081531584829' } }],
		});
		expect(t.components[3]).toEqual({
			type: 'button',
			sub_type: 'quick_reply',
			index: 1,
			parameters: [{ type: 'payload', payload: 'opt-out' }],
		});
		const od = t.components[2].parameters[0].action.order_details;
		expect(od).not.toHaveProperty('payment_type');
		expect(od.shipping_info.addresses[0]).toMatchObject({
			name: 'Nidhi Tripathi',
			in_pin_code: '400051',
		});
		expect(od.order.shipping).toEqual({ value: 0, offset: 100 });
		expect(od.total_amount).toEqual({ value: 160000, offset: 100 });
		expect(sandbox.getOrder('chk-1').total).toBe(160000);
	});

	test('Send Checkout Button Template, carousel from the form: one order per card, each with its own reference ID and gateway', async () => {
		const card = (n: number) => ({
			countryOfOrigin: 'India',
			importerName: 'Sandbox Store',
			importerAddress: JSON.stringify({
				address_line1: '1 MG Road',
				city: 'Bengaluru',
				zone_code: 'KA',
				postal_code: '560001',
				country_code: 'IN',
			}),
			headerType: 'image',
			headerMedia: `https://img.example/${n}.jpg`,
			referenceId: `fest-${n}`,
			name: `Diya set ${n}`,
			retailerId: `diya-${n}`,
			amount: `${n}99.00`,
			quantity: 1,
			tax: '0',
			gateway: n === 2 ? 'payu' : 'razorpay',
			configurationName: n === 2 ? 'payu-demo' : 'rzp-demo',
			quickReplyPayload: `more-${n}`,
		});
		const result = await run(
			checkoutBase({
				checkoutFormat: 'carousel',
				templateName: 'festive_picks',
				templateLanguage: 'en_US',
				bodyVariables: { variable: [{ value: 'Nidhi' }] },
				cardsInput: 'form',
				goodsType: 'digital-goods',
				cards: { card: [card(1), card(2), card(3)] },
			}),
			IN,
		);
		expect(result.error).toBeUndefined();
		const out = result.output('WhatsApp Payments')[0];
		expect(out.reference_ids).toEqual(['fest-1', 'fest-2', 'fest-3']);
		const cards = (out.payload as P).template.components[1].cards as P[];
		expect(
			cards.map((c) => [
				c.card_index,
				c.components[1].parameters[0].action.order_details.payment_settings[0].payment_gateway.type,
				c.components[2].index,
			]),
		).toEqual([
			[0, 'razorpay', 1],
			[1, 'payu', 1],
			[2, 'razorpay', 1],
		]);
		expect(sandbox.getOrder('fest-2').total).toBe(29900);
		const two = await run(
			checkoutBase({
				checkoutFormat: 'carousel',
				templateName: 'festive_picks',
				templateLanguage: 'en_US',
				bodyVariables: { variable: [{ value: 'Nidhi' }] },
				cardsInput: 'form',
				goodsType: 'digital-goods',
				cards: { card: [card(4), card(5)] },
			}),
			IN,
		);
		expect(two.error?.message).toBe('Template "festive_picks" has 3 cards; 2 given');
	});

	test('Send Order Status Template (India) moves an order sent by template; a refused transition is explained', async () => {
		await run(
			checkoutBase({
				checkoutFormat: 'single',
				templateName: 'back_in_stock',
				templateLanguage: 'en_US',
				headerType: 'image',
				headerMedia: '1',
				inputMode: 'form',
				referenceId: 'st-1',
				goodsType: 'digital-goods',
				checkoutGateway: 'razorpay',
				checkoutConfiguration: 'rzp-demo',
				items: { item: [{ name: 'Aloe', retailerId: 'aloe-1', amount: '10', quantity: 1 }] },
				orderFields: { catalogId: 'c' },
			}),
			IN,
		);
		const status = (s: string) =>
			run(
				{
					operation: 'sendOrderStatus',
					phoneNumberId: phone(IN.phoneNumbers[0].id),
					to: BUYER_IN,
					templateName: 'order_update',
					templateLanguage: 'en_US',
					referenceId: 'st-1',
					orderStatus: s,
					statusDescription: 'On its way',
				},
				IN,
			);
		const shipped = await status('shipped');
		expect((shipped.output('WhatsApp Payments')[0].payload as P).template.components).toEqual([
			{
				type: 'order_status',
				parameters: [
					{
						type: 'order_status',
						order_status: {
							reference_id: 'st-1',
							order: { status: 'shipped', description: 'On its way' },
						},
					},
				],
			},
		]);
		expect(sandbox.getOrder('st-1').status).toBe('shipped');
		await status('completed');
		const again = await status('processing');
		expect(again.error?.message).toMatch(/#2046/);
	});

	test('Create, Get Many, Get, Delete: a new template is PENDING, approved by review, then deleted', async () => {
		const created = await run({
			operation: 'create',
			kind: 'payment_request',
			name: 'cobranca_nova',
			language: 'pt_BR',
			category: 'UTILITY',
			headerFormat: 'NONE',
			body: 'Sua fatura {{1}} chegou.',
			bodyExamples: { example: [{ value: 'F-1' }] },
			paymentRequestTypes: ['pix_dynamic_code', 'boleto'],
		});
		expect(created.error).toBeUndefined();
		expect(created.output('WhatsApp Payments')[0]).toMatchObject({
			status: 'PENDING',
			category: 'UTILITY',
			name: 'cobranca_nova',
		});
		const pending = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'PENDING' },
		});
		expect(pending.output('WhatsApp Payments').map((t) => `${t.name}:${t.kind}`)).toEqual([
			'pedido_boleto_pdf:order_details',
			'cobranca_nova:payment_request',
		]);
		reviewTemplate(sandbox, { name: 'cobranca_nova', status: 'APPROVED' });
		const got = await run({ operation: 'get', name: 'cobranca_nova' });
		expect(got.output('WhatsApp Payments')[0]).toMatchObject({
			status: 'APPROVED',
			buttons: [
				{ text: 'Copy Pix code', paymentType: 'pix_dynamic_code' },
				{ text: 'Copy Boleto code' },
			],
		});
		const deleted = await run({ operation: 'delete', name: 'cobranca_nova' });
		expect(deleted.output('WhatsApp Payments')[0]).toEqual({
			deleted: true,
			name: 'cobranca_nova',
			template_id: null,
		});
		expect((await run({ operation: 'get', name: 'cobranca_nova' })).error?.message).toBe(
			'No template "cobranca_nova"',
		);
		const bad = await run({
			operation: 'create',
			kind: 'checkout',
			name: 'x',
			language: 'en_US',
			headerFormat: 'IMAGE',
			body: 'Hi {{1}}!',
			bodyExamples: {},
		});
		expect(bad.error?.message).toMatch(/^Invalid header\.example\.header_handle: is required/);
	});

	test('Send Details (interactive) to a buyer outside the window: 131047, and the hint names the template operation', async () => {
		const result = await run({
			resource: 'order',
			operation: 'sendDetails',
			phoneNumberId: phone(BR.phoneNumbers[0].id),
			to: BUYER_BR,
			country: 'BR',
			inputMode: 'form',
			bodyText: 'Pague',
			referenceId: 'int-1',
			goodsType: 'digital-goods',
			brPaymentSettings: PIX,
			items: { item: [{ name: 'Bolo', retailerId: 'bolo-1', amount: '10', quantity: 1 }] },
			orderFields: { tax: '0' },
		});
		expect(result.error?.message).toMatch(/\(#131047\)/);
		expect((result.error as P).description).toMatch(/"Send Order Details Template"/);
	});

	test('On Error "Continue (using error output)": the refused status goes to the error output paired to its input item, the next item is sent', async () => {
		await run(brOrderTemplate());
		sandbox.store.lastInbound.set(`${BR.phoneNumbers[0].id}:5511999990001`, sandbox.nowSeconds());
		const result = await run(
			{
				resource: 'order',
				operation: 'sendStatus',
				phoneNumberId: phone(BR.phoneNumbers[0].id),
				to: '={{ $json.wa_id }}',
				country: 'BR',
				referenceId: 'web-1001',
				status: 'processing',
				paymentStatus: 'captured',
				bodyText: 'Pago',
			},
			BR,
			{ items: [{ wa_id: BUYER_BR }, { wa_id: '5511999990001' }], errorOutput: true },
		);
		expect(result.error).toBeUndefined();
		const main = result.run.data.resultData.runData['WhatsApp Payments'][0].data!.main;
		expect(main[0]!.map((i) => i.json.wa_id)).toEqual(['5511999990001']);
		// n8n puts the error message on the error output, paired to the input item it came from.
		expect(main[1]!.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(String(main[1]![0].json.error)).toMatch(/#131047/);
	});

	describe('dropdowns (LoadOptionsContext)', () => {
		const node = new WhatsAppPayments();
		const ctx = (parameters: P, b = BR) => {
			const json: INode = {
				id: 'n1',
				name: 'WhatsApp Payments',
				type: ACTION_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'template', ...parameters },
				credentials: { whatsAppPaymentsApi: { id: '1', name: 'x' } },
			};
			// The editor sends the node's current parameters with every options request.
			const data = Object.assign(additionalData(creds(b)), {
				currentNodeParameters: json.parameters,
			});
			return new LoadOptionsContext(
				buildWorkflow({ nodes: [json], connections: {} }),
				json,
				data,
				'parameters.templateName',
			);
		};
		test.each([
			['sendOrderDetails', {}, BR, ['pedido_pix']],
			['sendPaymentRequest', {}, BR, ['cobranca_web']],
			['sendOrderDetails', {}, IN, ['order_details_in']],
			['sendCheckout', { checkoutFormat: 'single' }, IN, ['back_in_stock']],
			['sendCheckout', { checkoutFormat: 'carousel' }, IN, ['festive_picks']],
			['sendOrderStatus', {}, IN, ['order_update']],
			['sendPaymentLink', {}, IN, ['payment_reminder']],
		])(
			'%s %j lists only the approved templates of its kind',
			async (operation, extra, b, names) => {
				const options = await node.methods.loadOptions.getTemplates.call(
					ctx({ operation, ...extra }, b),
				);
				expect(options.map((o) => o.value)).toEqual(names);
			},
		);
		test('languages of the chosen template', async () => {
			expect(
				await node.methods.loadOptions.getTemplateLanguages.call(
					ctx({ operation: 'sendOrderDetails', templateName: 'pedido_pix' }),
				),
			).toEqual([{ name: 'pt_BR', value: 'pt_BR' }]);
		});
	});
});
