/** The trigger's registration with Meta (app subscription, WABA override, manual), the handshake, and event kinds. */
import seedPaymentMethod from '../fixtures/seed-000-payment-method-webhook.json';
import type { Sandbox } from '../../sandbox/server';
import { request } from '../../sandbox/webhooks';
import { APP_ID, credentialsFor, PHONE_IN, sandboxFor, WABA_ID } from '../helpers/sandbox';
import { WebhookHost } from '../helpers/webhookHost';
import { buyerCart, buyerText } from '../../sandbox/conversation';
import { messageTemplates, reviewTemplate } from '../../sandbox/templates';

import { ALL_EVENTS, foreignReceiver, post } from '../helpers/trigger';

describe('WhatsApp Payments Trigger (n8n-core contexts, loopback, sandbox as Meta)', () => {
	let sandbox: Sandbox;
	let host: WebhookHost;

	async function setup(
		parameters: Record<string, unknown> = {},
		creds: Partial<ReturnType<typeof credentialsFor>> = {},
	): Promise<void> {
		sandbox = await sandboxFor();
		host = new WebhookHost(credentialsFor(sandbox, creds), {
			registration: 'app',
			events: ALL_EVENTS,
			options: {},
			...parameters,
		});
		await host.start();
	}

	afterEach(async () => {
		await sandbox?.idle();
		await host?.stop();
		await sandbox?.stop();
	});

	test.each([
		["without it a buyer's text starts nothing", ALL_EVENTS, 0],
		['with it, one run with the text', [...ALL_EVENTS, 'buyer_message'], 1],
	])('Buyer Message is opt-in: %s', async (_what, events, runs) => {
		await setup({ events });
		await host.activate();
		buyerText(sandbox, {
			wa_id: '919999990008',
			phone_number_id: PHONE_IN,
			name: 'Priya',
			text: 'Hi!',
		});
		await sandbox.idle();
		const text = expect.objectContaining({
			event: 'buyer_message',
			wa_id: '919999990008',
			name: 'Priya',
			phone_number_id: PHONE_IN,
			message_type: 'text',
			text: 'Hi!',
		});
		expect(host.runs.flatMap((r) => r.items)).toEqual(Array(runs).fill(text));
	});

	test('Cart Order and Template Status are opt-in: with them selected, a catalog cart and a template review each start one run with a clean item', async () => {
		await setup({ events: ['payment_method', 'cart_order', 'template_status'] });
		await host.activate();
		buyerCart(sandbox, {
			wa_id: '919999990007',
			phone_number_id: PHONE_IN,
			items: [{ retailer_id: 'tea-1', quantity: 2, item_price: 349.5, currency: 'INR' }],
		});
		const business = sandbox.businesses[0];
		messageTemplates(
			sandbox,
			'POST',
			{
				name: 'pedido',
				language: 'pt_BR',
				category: 'UTILITY',
				components: [{ type: 'BODY', text: 'Pague.' }],
			},
			business,
		);
		reviewTemplate(sandbox, { name: 'pedido', status: 'REJECTED', reason: 'INVALID_FORMAT' });
		await sandbox.idle();
		const items = host.runs.flatMap((r) => r.items);
		expect(items.map((i) => i.event)).toEqual(['cart_order', 'template_status']);
		expect(items[0]).toMatchObject({
			wa_id: '919999990007',
			items: [{ retailer_id: 'tea-1', quantity: 2, unit_amount: { value: 34950, offset: 100 } }],
			subtotal: { value: 69900, offset: 100 },
		});
		expect(items[1]).toMatchObject({
			template_name: 'pedido',
			status: 'REJECTED',
			reason: 'INVALID_FORMAT',
			waba_id: WABA_ID,
		});

		host.setParameters({ registration: 'app', events: ALL_EVENTS, options: {} });
		buyerCart(sandbox, {
			wa_id: '919999990007',
			phone_number_id: PHONE_IN,
			items: [{ retailer_id: 'tea-1', item_price: 1, currency: 'INR' }],
		});
		await sandbox.idle();
		expect(host.runs.flatMap((r) => r.items)).toHaveLength(2);
	});

	test('two triggers on one WABA activating at once, 20 times with shuffled latencies: the override is never cleared', async () => {
		sandbox = await sandboxFor();
		sandbox.faults.set({ subscriptions: { jitterMs: 40 } });
		const app = new WebhookHost(
			credentialsFor(sandbox),
			{ registration: 'app', events: ALL_EVENTS, options: {} },
			'a0000000-0000-4000-8000-000000000001',
		);
		const override = new WebhookHost(
			credentialsFor(sandbox),
			{ registration: 'wabaOverride', events: ALL_EVENTS, options: {} },
			'b0000000-0000-4000-8000-000000000002',
		);
		await app.start();
		await override.start();
		host = app;
		const outcomes: string[] = [];
		try {
			for (let round = 0; round < 20; round++) {
				await Promise.all([app.activate(), override.activate()]);
				const sub = sandbox.subscribedApps.get(WABA_ID);
				outcomes.push(
					sub?.override_callback_uri === override.productionUrl
						? 'kept'
						: `lost (${JSON.stringify(sub)})`,
				);
				expect(sandbox.subscriptions.get(APP_ID)?.callback_url).toBe(app.productionUrl);
				await override.deactivate();
				await app.deactivate();
				expect(sandbox.subscribedApps.has(WABA_ID)).toBe(false);
			}
		} finally {
			await override.stop();
		}
		expect(outcomes).toEqual(Array(20).fill('kept'));
	});

	describe('app subscription mode', () => {
		test('activation registers the production URL, passes the handshake, subscribes the WABA; checkExists then answers true', async () => {
			await setup();
			expect(await host.activate()).toEqual({ existed: false });
			const handshake = host.requests.find((r) => r.method === 'GET');
			expect(handshake?.status).toBe(200);
			expect(handshake?.body).toMatch(/^\d+$/);
			const sub = sandbox.subscriptions.get(APP_ID)!;
			expect(sub.callback_url).toBe(host.productionUrl);
			expect(sub.fields).toEqual([
				'messages',
				'payment_configuration_update',
				'message_template_status_update',
			]);
			expect(sandbox.subscribedApps.has(WABA_ID)).toBe(true);
			expect(host.staticData.wabaSubscribedByNode).toBe(true);
			expect(await host.activate()).toEqual({ existed: true });
		});

		test('a manual test run registers the /webhook-test/ URL', async () => {
			await setup();
			await host.activate(true);
			expect(sandbox.subscriptions.get(APP_ID)!.callback_url).toBe(
				`${host.baseUrl}/webhook-test/${host.node.webhookId}/webhook`,
			);
			await host.deactivate(true);
			expect(sandbox.subscriptions.size).toBe(0);
		});

		test('refuses to take over a callback pointing elsewhere, saying where; Replace Existing takes over', async () => {
			await setup();
			const other = await foreignReceiver();
			try {
				sandbox.subscribedApps.set(WABA_ID, {});
				sandbox.subscriptions.set(APP_ID, {
					object: 'whatsapp_business_account',
					callback_url: other.url,
					verify_token: 't',
					fields: ['messages'],
					active: true,
				});
				await expect(host.activate()).rejects.toThrow(
					`already sends WhatsApp webhooks to ${other.url}`,
				);
				expect(sandbox.subscriptions.get(APP_ID)!.callback_url).toBe(other.url);

				host.setParameters({
					registration: 'app',
					events: ALL_EVENTS,
					options: {},
					replaceExisting: true,
				});
				await host.activate();
				expect(sandbox.subscriptions.get(APP_ID)!.callback_url).toBe(host.productionUrl);
				expect(host.staticData.replacedUrl).toBe(other.url);
				expect(host.staticData.wabaSubscribedByNode).toBeUndefined();
			} finally {
				await other.close();
			}
		});

		test('delete removes only what this node created', async () => {
			await setup();
			await host.activate();
			await host.deactivate();
			expect(sandbox.subscriptions.size).toBe(0);
			expect(sandbox.subscribedApps.has(WABA_ID)).toBe(false);

			// Someone else took the app callback meanwhile: deactivation leaves it alone.
			await host.activate();
			const other = await foreignReceiver();
			try {
				sandbox.subscriptions.set(APP_ID, {
					object: 'whatsapp_business_account',
					callback_url: other.url,
					verify_token: 't',
					fields: ['messages'],
					active: true,
				});
				await host.deactivate();
				expect(sandbox.subscriptions.get(APP_ID)!.callback_url).toBe(other.url);
			} finally {
				await other.close();
			}
		});

		test('without App ID the app mode explains what to add', async () => {
			await setup({}, { appId: '' });
			await expect(host.activate()).rejects.toThrow(/needs the App ID and App Secret/);
		});

		test('without App Secret activation is refused unless unsigned requests are allowed (testing only)', async () => {
			await setup({ registration: 'wabaOverride' }, { appSecret: '' });
			await expect(host.activate()).rejects.toThrow(/no App Secret/);
			host.setParameters({
				registration: 'wabaOverride',
				events: ALL_EVENTS,
				options: { allowUnsigned: true },
			});
			await host.activate();
			const raw = JSON.stringify(seedPaymentMethod);
			expect((await post(host.productionUrl, raw, null)).status).toBe(200);
			expect(host.runs).toHaveLength(1);
		});
	});

	describe('verification handshake', () => {
		test('answers the challenge only for hub.mode=subscribe with the right token; otherwise 403', async () => {
			await setup({ registration: 'manual', verifyToken: 'my-verify-token' });
			const url = (mode: string, token: string) =>
				`${host.productionUrl}?hub.mode=${mode}&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(token)}`;
			const ok = await request('GET', url('subscribe', 'my-verify-token'));
			expect([ok.status, ok.body]).toEqual([200, '1158201444']);
			expect((await request('GET', url('subscribe', 'wrong'))).status).toBe(403);
			expect((await request('GET', url('unsubscribe', 'my-verify-token'))).status).toBe(403);
			expect(
				(await request('GET', `${host.productionUrl}?hub.mode=subscribe&hub.challenge=1`)).status,
			).toBe(403);
			expect(host.runs).toHaveLength(0);
		});

		test('manual mode registers nothing with Meta', async () => {
			await setup({ registration: 'manual', verifyToken: 't' });
			await host.activate();
			await host.deactivate();
			expect(sandbox.requestLog).toHaveLength(0);
		});
	});

	describe('WABA override mode', () => {
		test('sets the override (handshake passes), messages arrive there; configuration updates do not; delete removes only the override', async () => {
			await setup({ registration: 'wabaOverride' });
			await host.activate();
			expect(sandbox.subscribedApps.get(WABA_ID)?.override_callback_uri).toBe(host.productionUrl);
			expect(await host.activate()).toEqual({ existed: true });

			const raw = JSON.stringify(seedPaymentMethod);
			sandbox.deliverRaw(raw, { field: 'messages' });
			const cfg = sandbox.emit('payment_configuration_update', {
				configuration_name: 'x',
				status: 'Active',
			});
			await sandbox.idle();
			expect(host.runs).toHaveLength(1);
			expect(cfg.state).toBe('undeliverable');

			await host.deactivate();
			expect(sandbox.subscribedApps.get(WABA_ID)?.override_callback_uri).toBeUndefined();
		});

		test('refuses to replace another override unless allowed', async () => {
			await setup({ registration: 'wabaOverride' });
			const other = await foreignReceiver();
			try {
				sandbox.subscribedApps.set(WABA_ID, {
					override_callback_uri: other.url,
					verify_token: 'x',
				});
				await expect(host.activate()).rejects.toThrow(
					`already overrides its callback to ${other.url}`,
				);
				host.setParameters({
					registration: 'wabaOverride',
					events: ALL_EVENTS,
					options: {},
					replaceExisting: true,
				});
				await host.activate();
				expect(sandbox.subscribedApps.get(WABA_ID)?.override_callback_uri).toBe(host.productionUrl);
			} finally {
				await other.close();
			}
		});
	});
});
