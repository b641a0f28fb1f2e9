/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The sandbox's side of Enhanced Payment Links over real HTTP: the URL button rules at creation, the send
 * checks (a parameter for the dynamic button, only a suffix in it, none for a fixed URL), and what the buyer
 * sees: a "Pay now" card for a gateway link template, an ordinary button for any other URL template.
 */
import { buildTemplateDefinition } from '../../nodes/shared';
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { reviewTemplate } from '../../sandbox/templates';
import { buyerPage } from '../../sandbox/page';
import { graphOf } from '../helpers/graph';
import { sandboxFor } from '../helpers/sandbox';

type J = Record<string, any>;
const IN = SANDBOX_DEFAULTS.businesses[1];
const PHONE = IN.phoneNumbers[0].id;
const BUYER = '919999990001';

const send = (name: string, components: unknown[]) => ({
	messaging_product: 'whatsapp',
	to: BUYER,
	type: 'template',
	template: { name, language: { code: 'en_US' }, components },
});
const body = [
	{
		type: 'body',
		parameters: [
			{ type: 'text', text: 'Rishi' },
			{ type: 'text', text: 'ORD-1' },
			{ type: 'text', text: '1,999' },
		],
	},
];
const button = (text: string, index: unknown = '0') => ({
	type: 'button',
	sub_type: 'url',
	index,
	parameters: [{ type: 'text', text }],
});

/** The buyer page's own chatBubble, run outside a browser (its page script with the DOM stubbed). */
function chatBubble(): (entry: unknown) => string {
	const script = buyerPage().split('<script>')[1].split('</script>')[0];
	const make = new Function(
		'document',
		'fetch',
		'setInterval',
		`${script}\nreturn chatBubble;`,
	) as (...a: unknown[]) => (entry: unknown) => string;
	return make(
		{ addEventListener: () => undefined },
		() => new Promise(() => undefined),
		() => 0,
	);
}

describe('sandbox: Enhanced Payment Links', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses });
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const graph = graphOf(() => sandbox);
	const create = (buttons: unknown[], extra: J = {}) =>
		graph('POST', `/${IN.wabaId}/message_templates`, {
			name: 'link_tpl',
			language: 'en_US',
			category: 'UTILITY',
			components: [
				{ type: 'BODY', text: 'Your bill is ready. Pay below.' },
				{ type: 'BUTTONS', buttons },
			],
			...extra,
		});

	test("creation: Meta's URL button rules (text, http(s) URL, one {{1}} at the end, an example for a dynamic URL)", async () => {
		const cases: Array<[unknown, RegExp]> = [
			[{ type: 'URL', text: 'Pay Now', url: 'https://rzp.io/i/{{1}}' }, /needs one example/],
			[
				{
					type: 'URL',
					text: 'Pay Now',
					url: 'https://rzp.io/i/{{1}}',
					example: ['https://other.example/x'],
				},
				/needs one example, a full URL starting with its fixed part/,
			],
			[
				{
					type: 'URL',
					text: 'Pay Now',
					url: 'https://rzp.io/{{1}}/x',
					example: ['https://rzp.io/a/x'],
				},
				/one variable, \{\{1\}\}, and only at its end/,
			],
			[{ type: 'URL', text: 'Pay Now', url: 'ftp://rzp.io/i/x' }, /http\(s\) URL/],
			[{ type: 'URL', text: 'x'.repeat(26), url: 'https://rzp.io/i/x' }, /text must be 1 to 25/],
		];
		for (const [b, message] of cases) {
			const res = await create([b]);
			expect(res.status).toBe(400);
			expect(res.json.error.code).toBe(100);
			expect(res.json.error.error_data.details).toMatch(message);
		}
		const ok = await create([
			{
				type: 'URL',
				text: 'Pay Now',
				url: 'https://rzp.io/i/{{1}}',
				example: ['https://rzp.io/i/abc'],
			},
		]);
		expect(ok.json).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
	});

	test('send: the suffix is appended to the template prefix and the buyer page draws a Pay now card', async () => {
		const res = await graph(
			'POST',
			`/${PHONE}/messages`,
			send('payment_reminder', [...body, button('abc123XYZ')]),
		);
		expect(res.status).toBe(200);
		const [entry] = sandbox.store.chat.filter((e) => e.kind === 'payment_link');
		expect(entry.payment_link).toEqual({
			url: 'https://rzp.io/rzp/abc123XYZ',
			card: true,
			gateway: 'razorpay',
		});
		const html = chatBubble()(entry);
		expect(html).toContain('class="bubble in paylink card-on"');
		expect(html).toContain('Payment &middot; Razorpay');
		expect(html).toContain(
			'<a class="cta" href="https://rzp.io/rzp/abc123XYZ" target="_blank" rel="noopener noreferrer">Pay now</a>',
		);
		expect(html).toContain('Hi Rishi, your order #ORD-1 of ₹1,999 is ready.');
	});

	test('send refusals: a whole link as the suffix (131009), no button parameter (132000), a url parameter for another button type (132012)', async () => {
		const whole = await graph(
			'POST',
			`/${PHONE}/messages`,
			send('payment_reminder', [...body, button('https://rzp.io/rzp/abc')]),
		);
		expect(whole.status).toBe(400);
		expect(whole.json.error.code).toBe(131009);
		expect(whole.json.error.error_data.details).toMatch(
			/^template\.components\[1\]\.parameters\[0\]\.text: must be only the end of the gateway link/,
		);
		const none = await graph('POST', `/${PHONE}/messages`, send('payment_reminder', body));
		expect(none.json.error.code).toBe(132000);
		expect(none.json.error.error_data.details).toMatch(/button 0 \(URL\) needs its parameter/);
		const wrong = await graph(
			'POST',
			`/${PHONE}/messages`,
			send('payment_reminder', [
				...body,
				{
					type: 'button',
					sub_type: 'quick_reply',
					index: 0,
					parameters: [{ type: 'payload', payload: 'x' }],
				},
			]),
		);
		expect(wrong.json.error.code).toBe(132012);
		expect(sandbox.store.chat.filter((e) => e.kind === 'payment_link')).toHaveLength(0);
	});

	test('a URL template that is not an Enhanced Payment Link (other domain) is an ordinary button; a fixed URL takes no parameter', async () => {
		const other = buildTemplateDefinition({
			kind: 'enhanced_payment_link',
			country: 'IN',
			name: 'own_site',
			language: 'en_US',
			body: 'Your bill is ready.',
			paymentLinkPrefix: 'https://rzp.io/i/',
			paymentLinkExample: 'https://rzp.io/i/abc',
		});
		const buttons = [
			{
				type: 'URL',
				text: 'Pay',
				url: 'https://shop.example.com/pay/{{1}}',
				example: ['https://shop.example.com/pay/1'],
			},
		];
		(other.components as J[])[1].buttons = buttons;
		expect((await graph('POST', `/${IN.wabaId}/message_templates`, other)).status).toBe(200);
		reviewTemplate(sandbox, { name: 'own_site', status: 'APPROVED' });
		const res = await graph('POST', `/${PHONE}/messages`, {
			...send('own_site', [button('77')]),
		});
		expect(res.status).toBe(200);
		const [entry] = sandbox.store.chat.filter((e) => e.kind === 'payment_link');
		expect(entry.payment_link).toEqual({ url: 'https://shop.example.com/pay/77', card: false });
		const html = chatBubble()(entry);
		expect(html).not.toContain('Pay now');
		expect(html).toContain('>Pay</a>');

		expect(
			(
				await create([{ type: 'URL', text: 'Site', url: 'https://shop.example.com/' }], {
					name: 'fixed',
				})
			).status,
		).toBe(200);
		reviewTemplate(sandbox, { name: 'fixed', status: 'APPROVED' });
		const fixed = await graph('POST', `/${PHONE}/messages`, send('fixed', [button('x')]));
		expect(fixed.json.error.code).toBe(132000);
		expect(fixed.json.error.error_data.details).toMatch(
			/has a fixed URL in the template and takes no parameter/,
		);
	});
});
