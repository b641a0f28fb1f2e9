/* eslint-disable @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Enhanced Payment Links (India) through real n8n-core (WorkflowExecute) against the sandbox over
 * loopback: creating the template, sending a suffix or a full gateway link (split against the template's
 * prefix), refusals before anything is sent, Continue On Fail with pairedItem, and the
 * "Pay now" card the sandbox draws for the buyer.
 */
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { WEB_ORDER_BUYERS } from '../../sandbox/seeds';
import { reviewTemplate } from '../../sandbox/templates';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import { credentialsFor, sandboxFor } from '../helpers/sandbox';

type P = Record<string, any>;
const IN = SANDBOX_DEFAULTS.businesses[1];
const BUYER = WEB_ORDER_BUYERS[1];
const phone = { __rl: true, mode: 'id', value: IN.phoneNumbers[0].id };

describe('Enhanced Payment Links through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses });
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const creds = () =>
		credentialsFor(sandbox, {
			businessAccountId: IN.wabaId,
			appId: IN.appId,
			appSecret: IN.appSecret,
		});
	const run = (params: P, opts?: Parameters<typeof actionWorkflow>[1]) =>
		runWorkflow(
			actionWorkflow(
				{ resource: 'template', options: { maxRetries: 0 }, ...params } as never,
				opts,
			),
			creds(),
		);
	const send = (extra: P = {}): P => ({
		operation: 'sendPaymentLink',
		phoneNumberId: phone,
		to: BUYER,
		templateName: 'payment_reminder',
		templateLanguage: 'en_US',
		bodyVariables: { variable: [{ value: 'Rishi' }, { value: 'ORD-12345' }, { value: '1,999' }] },
		paymentLink: 'abc123XYZ',
		...extra,
	});
	const messagesSent = () => sandbox.requestLog.filter((r) => r.path.endsWith('/messages')).length;
	const links = () => sandbox.store.chat.filter((e) => e.kind === 'payment_link');

	test('the suffix alone: the exact payload (body variables, one url button with index "0"), accepted, and the buyer sees a Pay now card', async () => {
		const result = await run(send());
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments') as P[];
		expect(out).toMatchObject({
			template: 'payment_reminder',
			language: 'en_US',
			payment_link: 'https://rzp.io/rzp/abc123XYZ',
			wa_id: BUYER,
			message_id: expect.stringMatching(/^wamid\./),
		});
		expect(out.payload).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: BUYER,
			type: 'template',
			template: {
				name: 'payment_reminder',
				language: { policy: 'deterministic', code: 'en_US' },
				components: [
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Rishi' },
							{ type: 'text', text: 'ORD-12345' },
							{ type: 'text', text: '1,999' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: 'abc123XYZ' }],
					},
				],
			},
		});
		expect(links()).toEqual([
			expect.objectContaining({
				wa_id: BUYER,
				template: 'payment_reminder',
				text: 'Hi Rishi, your order #ORD-12345 of ₹1,999 is ready. Tap Pay now to pay.',
				payment_link: { url: 'https://rzp.io/rzp/abc123XYZ', card: true, gateway: 'razorpay' },
			}),
		]);
		// No order and no reference ID: the gateway, not Meta, reports the payment.
		expect(sandbox.orders.size).toBe(0);
	});

	test('a full gateway link is split: only the part after the template prefix is sent', async () => {
		const result = await run(send({ paymentLink: '  https://rzp.io/rzp/Qx9-Lm_2?ref=7  ' }));
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments') as P[];
		expect(out.payload.template.components[1].parameters).toEqual([
			{ type: 'text', text: 'Qx9-Lm_2?ref=7' },
		]);
		expect(out.payload.template.components[1].parameters[0].text).not.toMatch(/^https/);
		expect(out.payment_link).toBe('https://rzp.io/rzp/Qx9-Lm_2?ref=7');
		expect(links()[0].payment_link).toMatchObject({ url: 'https://rzp.io/rzp/Qx9-Lm_2?ref=7' });
	});

	test('refused before anything reaches the sandbox, naming the field and the rule', async () => {
		const cases: Array<[P, RegExp]> = [
			[
				{ paymentLink: 'https://shop.example.com/pay?to=https://rzp.io/rzp/abc' },
				/^Invalid payment_link: must start with one of the gateway link prefixes WhatsApp renders as a payment card/,
			],
			[{ paymentLink: '={{ "" }}' }, /^Invalid payment_link: is required/],
			[{ paymentLink: 'abc 123' }, /^Invalid payment_link: must not contain spaces/],
			[{ paymentLink: 'https://rzp.io/rzp/' }, /^Invalid payment_link: is required/],
			[{ paymentLink: 'http://rzp.io/rzp/abc' }, /^Invalid payment_link: must be an https link/],
			[
				{ bodyVariables: { variable: [{ value: 'Rishi' }, { value: '' }] } },
				/^Invalid template\.components\[0\]\.parameters\[1\]\.text: is required/,
			],
		];
		for (const [extra, message] of cases) {
			const result = await run(send(extra));
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toMatch(/Nothing was sent to Meta/);
		}
		expect(sandbox.requestLog).toHaveLength(0);
	});

	test("refused after reading the template, before sending: another gateway's link, a template of another kind, too few variables", async () => {
		const payu = await run(send({ paymentLink: 'https://pmny.in/PAYUMN/zz9' }));
		expect(payu.error?.message).toBe(
			'Invalid payment_link: must start with https://rzp.io/rzp/, the prefix of the template\'s button (this link is a PayU link starting with https://pmny.in/PAYUMN/) (got "https://pmny.in/PAYUMN/zz9" (26 characters)). Nothing was sent to Meta: correct payment_link and try again.',
		);
		const other = await run(send({ templateName: 'order_details_in' }));
		expect(other.error?.message).toBe(
			'Template "order_details_in" is not an Enhanced Payment Link template (no header, one URL button on a listed payment gateway prefix followed by {{1}})',
		);
		// 1990 characters fit alone; with the template's 19-character prefix the link is over Meta's 2000.
		const long = await run(send({ paymentLink: 'x'.repeat(1990) }));
		expect(long.error?.message).toMatch(
			/^Invalid payment_link: makes a link of 2009 characters with the template's prefix \(at most 2000\)/,
		);
		const few = await run(send({ bodyVariables: { variable: [{ value: 'Rishi' }] } }));
		expect(few.error?.message).toBe('Template "payment_reminder" has 3 body variable(s); 1 given');
		expect(messagesSent()).toBe(0);
	});

	test('Continue On Fail: the bad link becomes an error item paired with its input, the next item is sent', async () => {
		const result = await run(send({ paymentLink: '={{ $json.link }}' }), {
			items: [{ link: 'https://bit.ly/3xyz' }, { link: 'https://rzp.io/rzp/good1' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(
			/^Invalid payment_link: must start with one of the gateway/,
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.payment_link).toBe('https://rzp.io/rzp/good1');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(messagesSent()).toBe(1);
	});

	test('Create: no header, one URL button on the prefix with {{1}}, the example, UTILITY by default; PENDING, then sendable once approved', async () => {
		const created = await run({
			operation: 'create',
			kind: 'enhanced_payment_link',
			name: 'fee_due',
			language: 'en',
			body: 'Hello {{1}}, your fee of ₹{{2}} is due. Pay below.',
			bodyExamples: { example: [{ value: 'Asha' }, { value: '500' }] },
			paymentLinkPrefix: 'https://payments.cashfree.com/links',
			paymentLinkExample: 'https://payments.cashfree.com/links/o/sample1',
		});
		expect(created.error).toBeUndefined();
		const [out] = created.output('WhatsApp Payments');
		expect(out).toMatchObject({ status: 'PENDING', category: 'UTILITY', name: 'fee_due' });
		expect(out.definition).toEqual({
			name: 'fee_due',
			language: 'en',
			category: 'UTILITY',
			components: [
				{
					type: 'BODY',
					text: 'Hello {{1}}, your fee of ₹{{2}} is due. Pay below.',
					example: { body_text: [['Asha', '500']] },
				},
				{
					type: 'BUTTONS',
					buttons: [
						{
							type: 'URL',
							text: 'Pay Now',
							url: 'https://payments.cashfree.com/links{{1}}',
							example: ['https://payments.cashfree.com/links/o/sample1'],
						},
					],
				},
			],
		});
		reviewTemplate(sandbox, { name: 'fee_due', status: 'APPROVED' });
		const got = await run({ operation: 'get', name: 'fee_due' });
		expect(got.output('WhatsApp Payments')[0]).toMatchObject({
			kind: 'enhanced_payment_link',
			payment_link_prefix: 'https://payments.cashfree.com/links',
			buttons: [
				{ index: 0, type: 'URL', text: 'Pay Now', url: 'https://payments.cashfree.com/links{{1}}' },
			],
		});
		const sent = await run(
			send({
				templateName: 'fee_due',
				templateLanguage: 'en',
				bodyVariables: { variable: [{ value: 'Asha' }, { value: '500' }] },
				paymentLink: 'https://payments.cashfree.com/links/o/4kq',
			}),
		);
		expect(sent.error).toBeUndefined();
		// Cashfree's prefix has no trailing slash in Meta's table: the slash belongs to the suffix.
		expect(
			(sent.output('WhatsApp Payments')[0] as P).payload.template.components[1].parameters,
		).toEqual([{ type: 'text', text: '/o/4kq' }]);
		expect(links()[0].payment_link).toEqual({
			url: 'https://payments.cashfree.com/links/o/4kq',
			card: true,
			gateway: 'cashfree',
		});
	});

	test('Create refusals name the field and the rule, and nothing is submitted', async () => {
		const base = {
			operation: 'create',
			kind: 'enhanced_payment_link',
			name: 'fee_due',
			language: 'en',
			body: 'Your fee is due. Pay below.',
			paymentLinkPrefix: 'https://rzp.io/i/',
			paymentLinkExample: 'https://rzp.io/i/abc',
		};
		const cases: Array<[P, RegExp]> = [
			[
				{ paymentLinkPrefix: 'https://pay.example.com/' },
				/^Invalid button\.url: must be one of the gateway link prefixes/,
			],
			[
				{ paymentLinkExample: 'https://rzp.io/rzp/abc' },
				/^Invalid button\.example: must start with the button's prefix https:\/\/rzp\.io\/i\//,
			],
			[{ paymentLinkExample: '={{ "" }}' }, /^Invalid button\.example: is required/],
			[
				{ buttonText: 'Pay now for your order today' },
				/^Invalid button\.text: must be at most 25 characters/,
			],
			[{ category: 'AUTHENTICATION' }, /^Invalid category: must be one of UTILITY, MARKETING/],
		];
		for (const [extra, message] of cases) {
			const result = await run({ ...base, ...extra });
			expect(result.error?.message).toMatch(message);
		}
		expect(sandbox.requestLog).toHaveLength(0);
	});
});
