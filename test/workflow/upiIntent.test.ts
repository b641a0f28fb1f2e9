/**
 * India dynamic-VPA UPI intent through n8n-core against the sandbox: Send Details and the order details
 * template with a UPI intent link, refusals before sending, Continue On Fail, and Parse UPI Link.
 */
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { WEB_ORDER_BUYERS } from '../../sandbox/seeds';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import type { P } from '../helpers/orderParameters';
import { BUYER_IN, indiaDetails, phone } from '../helpers/orderParameters';
import { graphOf, message } from '../helpers/graph';
import { upiLink } from '../helpers/payloads';
import { credentialsFor, PHONE_IN, sandboxFor } from '../helpers/sandbox';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Course fee 1499.50 x 2 (indiaDetails' item): the total the link's am must match.
const TOTAL = '2999.00';

describe('UPI intent (dynamic VPA) through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor();
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const run = (params: P, opts?: Parameters<typeof actionWorkflow>[1]) =>
		runWorkflow(actionWorkflow(params as never, opts), credentialsFor(sandbox));
	const graph = graphOf(() => sandbox);
	const parametersOf = (out: J): J => out.payload.interactive.action.parameters;

	test('Send Details: the link alone, no payment_type or payment_configuration; reference ID taken from tr; the sandbox keeps the order', async () => {
		const link = upiLink('PG-TR-77', `&am=${TOTAL}&cu=INR&mode=00&tn=PG-TR-77`);
		const result = await run(
			indiaDetails({
				referenceId: '',
				referenceFromUpiLink: true,
				inPaymentSettings: { upiIntentLink: { link } },
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments');
		const params = parametersOf(out as J);
		expect(params.reference_id).toBe('PG-TR-77');
		expect(params.payment_settings).toEqual([
			{ type: 'upi_intent_link', upi_intent_link: { link } },
		]);
		expect(params).not.toHaveProperty('payment_type');
		expect(params).not.toHaveProperty('payment_configuration');
		expect(out.reference_id).toBe('PG-TR-77');
		const order = sandbox.getOrder('PG-TR-77');
		expect(order.settings).toEqual(['upi_intent_link']);
		expect(order.total).toBe(299900);
	});

	test('refused before sending, naming the field and the rule: a missing tr, an am off the total, a second payment option, tr as reference without a link', async () => {
		const before = sandbox.requestLog.length;
		const cases: Array<[P, string]> = [
			[
				{ inPaymentSettings: { upiIntentLink: { link: upiLink().replace('&tr=INV12-1', '') } } },
				'Invalid parameters.payment_settings[0].upi_intent_link.link.tr: is required',
			],
			[
				{ inPaymentSettings: { upiIntentLink: { link: upiLink('INV12-1', '&am=2999.01') } } },
				'Invalid parameters.payment_settings[0].upi_intent_link.link.am: must equal the order total 2999.00',
			],
			[
				{
					inPaymentSettings: {
						upiIntentLink: { link: upiLink() },
						paymentLink: { uri: 'https://rzp.io/i/abc' },
					},
				},
				'Invalid parameters.payment_settings: must hold the upi_intent_link setting alone',
			],
			[
				{
					referenceFromUpiLink: true,
					inPaymentSettings: { paymentLink: { uri: 'https://rzp.io/i/abc' } },
				},
				'Invalid reference_id: can come from the UPI intent link only when the payment options have a UPI intent link',
			],
		];
		for (const [extra, message] of cases) {
			const result = await run(indiaDetails({ referenceId: 'UPI-BAD', ...extra }));
			expect(result.error?.message).toContain(message);
			expect((result.error as { description?: string }).description).toMatch(
				/Nothing was sent to Meta/,
			);
		}
		expect(sandbox.requestLog.length).toBe(before);
		expect(sandbox.orders.size).toBe(0);
	});

	test('Continue On Fail: the bad link becomes an error item paired with its input, the next item is sent', async () => {
		const result = await run(
			indiaDetails({
				referenceId: '={{ $json.ref }}',
				inPaymentSettings: { upiIntentLink: { link: '={{ $json.link }}' } },
			}),
			{
				items: [
					{ ref: 'UPI-A', link: upiLink('UPI-A').replace('mc=5399', 'mc=53') },
					{ ref: 'UPI-B', link: upiLink('UPI-B') },
				],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(
			/upi_intent_link\.link\.mc: must be a four-digit merchant category code/,
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.reference_id).toBe('UPI-B');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect([...sandbox.orders.values()].map((o) => o.reference_id)).toEqual(['UPI-B']);
	});

	test('the legacy configuration path still sends: Order JSON with payment_type upi and payment_configuration', async () => {
		const result = await run(
			indiaDetails({
				inputMode: 'json',
				orderJson: JSON.stringify({
					reference_id: 'LEGACY-1',
					type: 'digital-goods',
					payment_type: 'upi',
					payment_configuration: 'upi-main',
					currency: 'INR',
					total_amount: { value: 10000, offset: 100 },
					order: {
						status: 'pending',
						items: [
							{
								retailer_id: 'a',
								name: 'Fee',
								amount: { value: 10000, offset: 100 },
								quantity: 1,
							},
						],
						subtotal: { value: 10000, offset: 100 },
						tax: { value: 0, offset: 100 },
						catalog_id: 'c',
					},
				}),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.getOrder('LEGACY-1').settings).toEqual(['legacy_upi']);
	});

	test('the sandbox refuses what the node refuses: payment_type with a UPI intent link, a link without mc', async () => {
		const interactive = (parameters: J) => ({
			type: 'order_details',
			body: { text: 'Invoice #12' },
			action: { name: 'review_and_pay', parameters },
		});
		const base = {
			reference_id: 'INV12-1',
			type: 'digital-goods',
			currency: 'INR',
			total_amount: { value: 10000, offset: 100 },
			payment_settings: [
				{ type: 'upi_intent_link', upi_intent_link: { link: upiLink('INV12-1', '&am=100.00') } },
			],
			order: {
				status: 'pending',
				catalog_id: 'c',
				items: [
					{ retailer_id: 'a', name: 'Fee', amount: { value: 10000, offset: 100 }, quantity: 1 },
				],
				subtotal: { value: 10000, offset: 100 },
				tax: { value: 0, offset: 100 },
			},
		};
		const withType = await graph(
			'POST',
			`/${PHONE_IN}/messages`,
			message(interactive({ ...base, payment_type: 'upi' }), BUYER_IN),
		);
		expect(withType.status).toBe(400);
		expect(withType.json.error.error_data.details).toMatch(
			/parameters\.payment_type: must be absent with a upi_intent_link setting/,
		);
		const noMc = await graph(
			'POST',
			`/${PHONE_IN}/messages`,
			message(
				interactive({
					...base,
					payment_settings: [
						{
							type: 'upi_intent_link',
							upi_intent_link: { link: upiLink().replace('mc=5399&', '') },
						},
					],
				}),
				BUYER_IN,
			),
		);
		expect(noMc.json.error.error_data.details).toMatch(/upi_intent_link\.link\.mc: is required/);
		const ok = await graph('POST', `/${PHONE_IN}/messages`, message(interactive(base), BUYER_IN));
		expect(ok.status).toBe(200);
		expect(sandbox.getOrder('INV12-1').settings).toEqual(['upi_intent_link']);
	});

	test('Parse UPI Link: the attributes, tr as reference_id, no request to Meta; a bad link with Continue On Fail is an error item', async () => {
		const before = sandbox.requestLog.length;
		const sample =
			'upi://pay?pa=abc@psp&pn=ABC&tr=877376394&am=10.00&cu=INR&mode=00&purpose=00&mc=5399&tn=877376394';
		const result = await run(
			{
				resource: 'order',
				operation: 'parseUpiLink',
				upiLink: '={{ $json.link }}',
				orderTotal: '={{ $json.total }}',
			},
			{
				items: [
					{ link: sample, total: '10.00' },
					{ link: sample, total: '12.00' },
					{ link: 'https://pay.example/x', total: '' },
				],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items[0].json).toMatchObject({
			pa: 'abc@psp',
			pn: 'ABC',
			mc: '5399',
			purpose: '00',
			tr: '877376394',
			am: '10.00',
			reference_id: '877376394',
			ignored_attributes: ['am', 'cu', 'mode', 'tn'],
		});
		expect(items[1].json.error).toMatch(
			/upi_intent_link\.link\.am: must equal the order total 12\.00/,
		);
		expect(items[2].json.error).toMatch(/upi_intent_link\.link: must start with "upi:\/\/pay\?"/);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sandbox.requestLog.length).toBe(before);
	});
});

describe('UPI intent in the order details template (the demo India shop)', () => {
	const IN = SANDBOX_DEFAULTS.businesses[1];
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses });
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	test('the link alone in the ORDER_DETAILS button, reference ID from tr, no payment_type', async () => {
		const link = upiLink('TPL-TR-1', '&am=2999.00');
		const result = await runWorkflow(
			actionWorkflow({
				resource: 'template',
				operation: 'sendOrderDetails',
				phoneNumberId: phone(IN.phoneNumbers[0].id),
				to: WEB_ORDER_BUYERS[1],
				templateName: 'order_details_in',
				templateLanguage: 'en_US',
				country: 'IN',
				bodyVariables: { variable: [{ value: 'Nidhi' }, { value: 'TPL-TR-1' }] },
				inputMode: 'form',
				referenceFromUpiLink: true,
				goodsType: 'digital-goods',
				inPaymentSettings: { upiIntentLink: { link } },
				items: {
					item: [{ name: 'Course fee', retailerId: 'SKU-1', amount: '1499.50', quantity: 2 }],
				},
				orderFields: { catalogId: 'catalog-1', tax: '0' },
				options: { maxRetries: 0 },
			} as never),
			credentialsFor(sandbox, {
				businessAccountId: IN.wabaId,
				appId: IN.appId,
				appSecret: IN.appSecret,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('WhatsApp Payments')[0]).toMatchObject({
			reference_id: 'TPL-TR-1',
			template: 'order_details_in',
		});
		const order = sandbox.getOrder('TPL-TR-1', IN.wabaId);
		expect(order.settings).toEqual(['upi_intent_link']);
		const params = (order.details.action as J).parameters as J;
		expect(params.payment_settings).toEqual([
			{ type: 'upi_intent_link', upi_intent_link: { link } },
		]);
		expect(params).not.toHaveProperty('payment_type');
	});
});
