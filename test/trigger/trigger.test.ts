/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import * as http from 'http';
import type { AddressInfo } from 'net';

import seedPaymentMethod from '../fixtures/seed-000-payment-method-webhook.json';
import { signPayload } from '../../nodes/shared';
import type { Sandbox } from '../../sandbox/server';
import { request } from '../../sandbox/webhooks';
import {
	APP_ID,
	APP_SECRET,
	credentialsFor,
	PHONE_BR,
	PHONE_IN,
	sandboxFor,
	TOKEN,
	WABA_ID,
} from '../helpers/sandbox';
import { credentialReads } from '../helpers/n8n';
import { WebhookHost } from '../helpers/webhookHost';
import { buyerCart } from '../../sandbox/conversation';
import { messageTemplates, reviewTemplate } from '../../sandbox/templates';

const ALL_EVENTS = [
	'payment_method',
	'payment_configuration_update',
	'payment_status',
	'order_message_status',
];

async function post(
	url: string,
	raw: string | Buffer,
	signature?: string | null,
): Promise<{ status: number | null; body: string }> {
	const headers: Record<string, string> = {};
	if (signature) headers['x-hub-signature-256'] = signature;
	return await request('POST', url, raw.toString(), headers);
}

/** Another receiver (e.g. the built-in WhatsApp Trigger elsewhere) that passes Meta's handshake. */
async function foreignReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
	const server = http.createServer((req, res) => {
		const u = new URL(req.url ?? '/', 'http://x');
		res.writeHead(200).end(u.searchParams.get('hub.challenge') ?? '');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/other-receiver`,
		close: () =>
			new Promise<void>((r) => {
				server.close(() => r());
				server.closeAllConnections();
			}),
	};
}

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

	describe('deliveries', () => {
		test('seed webhook signed with the app secret -> one payment_method item; one byte changed -> 401 and no item', async () => {
			await setup();
			await host.activate();
			const raw = Buffer.from(JSON.stringify(seedPaymentMethod));
			const ok = await post(host.productionUrl, raw, signPayload(raw, APP_SECRET));
			expect(ok.status).toBe(200);
			expect(host.runs).toHaveLength(1);
			expect(host.runs[0].items).toHaveLength(1);
			expect(host.runs[0].items[0]).toMatchObject({
				event: 'payment_method',
				credential_id: '1234567',
				reference_id: 'pix_test_webhook',
			});

			const tampered = Buffer.from(raw);
			tampered[tampered.indexOf('1234567')] = '9'.charCodeAt(0);
			const refused = await post(host.productionUrl, tampered, signPayload(raw, APP_SECRET));
			expect(refused.status).toBe(401);
			expect(host.runs).toHaveLength(1);
			expect(
				host.logs.some((l) => l.level === 'warn' && /invalid X-Hub-Signature-256/.test(l.message)),
			).toBe(true);
			expect(JSON.stringify(host.logs)).not.toContain(APP_SECRET);
		});

		test.each([
			['missing', null],
			['truncated', (raw: Buffer) => signPayload(raw, APP_SECRET).slice(0, 30)],
			['wrong secret', (raw: Buffer) => signPayload(raw, 'not-the-secret')],
		])('%s signature -> 401, no run', async (_name, sign) => {
			await setup();
			const raw = Buffer.from(JSON.stringify(seedPaymentMethod));
			const res = await post(host.productionUrl, raw, sign ? sign(raw) : null);
			expect(res.status).toBe(401);
			expect(host.runs).toHaveLength(0);
		});

		test('non-ASCII names escaped as \\uXXXX verify over the exact bytes and decode correctly', async () => {
			await setup();
			const raw = JSON.stringify(seedPaymentMethod).replace(
				'[<WHATSAPP_USER_NAME>]',
				'Jo\\u00e3o Gon\\u00e7alves',
			);
			const res = await post(host.productionUrl, raw, signPayload(raw, APP_SECRET));
			expect(res.status).toBe(200);
			expect(host.runs[0].items[0].name).toBe('João Gonçalves');
		});

		test('malformed JSON -> 400 and no run; a non-WhatsApp object -> 200, no run, logged', async () => {
			await setup();
			const bad = '{"object":"whatsapp_business_account","entry":[';
			expect((await post(host.productionUrl, bad, signPayload(bad, APP_SECRET))).status).toBe(400);
			const page = JSON.stringify({ object: 'page', entry: [] });
			expect((await post(host.productionUrl, page, signPayload(page, APP_SECRET))).status).toBe(
				200,
			);
			expect(host.runs).toHaveLength(0);
			expect(host.logs.some((l) => /ignored a delivery for object "page"/.test(l.message))).toBe(
				true,
			);
		});

		test('the App Secret is read once and cached, never trusted on a mismatch: a rotated secret applies from the next delivery, the old one is refused', async () => {
			await setup();
			const creds = credentialsFor(sandbox);
			const deliver = async (n: number, secret: string) => {
				const body = JSON.parse(JSON.stringify(seedPaymentMethod));
				body.entry[0].changes[0].value.messages[0].id = `wamid.rotate${n}`;
				const raw = Buffer.from(JSON.stringify(body));
				return (await post(host.productionUrl, raw, signPayload(raw, secret))).status;
			};
			const before = credentialReads.count;
			for (let n = 1; n <= 5; n++) expect(await deliver(n, APP_SECRET)).toBe(200);
			expect(credentialReads.count - before).toBe(1);
			expect(host.runs).toHaveLength(5);

			host.setCredentials({ ...creds, appSecret: 'rotated-app-secret-2' });
			expect(await deliver(6, 'rotated-app-secret-2')).toBe(200);
			expect(await deliver(7, APP_SECRET)).toBe(401);
			expect(await deliver(8, 'rotated-app-secret-2')).toBe(200);
			expect(host.runs).toHaveLength(7);
			// The reads: the first delivery, the mismatch that found the new secret, the refused old one.
			expect(credentialReads.count - before).toBe(3);
		});

		test('the same delivery twice gives one run; a batch gives every event in order', async () => {
			await setup();
			const change = (id: string, ref: string) => ({
				field: 'messages',
				value: {
					messaging_product: 'whatsapp',
					metadata: { display_phone_number: '1', phone_number_id: PHONE_BR },
					contacts: [{ profile: { name: 'B' }, wa_id: '55' }],
					messages: [
						{
							from: '55',
							id,
							timestamp: '1700000000',
							type: 'interactive',
							interactive: {
								type: 'payment_method',
								payment_method: {
									payment_method: 'offsite_card_pay',
									reference_id: ref,
									credential_id: 'c',
									last_four_digits: '1111',
									payment_timestamp: 1700000000,
								},
							},
						},
					],
				},
			});
			const batch = JSON.stringify({
				object: 'whatsapp_business_account',
				entry: [
					{
						id: WABA_ID,
						changes: [
							change('wamid.1', 'r1'),
							{
								field: 'payment_configuration_update',
								value: {
									configuration_name: 'c1',
									provider_name: 'razorpay',
									status: 'Active',
									updated_timestamp: 5,
								},
							},
						],
					},
					{ id: WABA_ID, changes: [change('wamid.2', 'r2'), change('wamid.3', 'r3')] },
				],
			});
			const sig = signPayload(batch, APP_SECRET);
			expect((await post(host.productionUrl, batch, sig)).status).toBe(200);
			expect((await post(host.productionUrl, batch, sig)).status).toBe(200);
			expect(host.runs).toHaveLength(1);
			expect(host.runs[0].items.map((i) => i.reference_id ?? i.configuration_name)).toEqual([
				'r1',
				'c1',
				'r2',
				'r3',
			]);
			// Static data is saved as JSON: the memory serialises compactly, four 16-character tokens in one
			// string, oldest first, each the start of the event's idempotency key.
			const saved = JSON.parse(JSON.stringify(host.staticData)).seenEvents;
			expect(saved).toMatchObject({ v: 2 });
			expect(saved.keys).toBe(
				host.runs[0].items.map((i) => String(i.idempotency_key).slice(6, 22)).join(''),
			);
		});

		test('event selection and phone number filter', async () => {
			await setup({ events: ['payment_status'], options: { phoneNumberIds: PHONE_IN } });
			const mk = (phone: string, type: string) =>
				JSON.stringify({
					object: 'whatsapp_business_account',
					entry: [
						{
							id: WABA_ID,
							changes: [
								{
									field: 'messages',
									value: {
										metadata: { phone_number_id: phone },
										statuses: [
											{
												id: `s-${phone}-${type}`,
												status: 'captured',
												type,
												recipient_id: '91',
												payment: { reference_id: 'x', amount: { value: 100, offset: 100 } },
												timestamp: '1700000000',
											},
										],
									},
								},
							],
						},
					],
				});
			for (const raw of [
				mk(PHONE_BR, 'payment'),
				mk(PHONE_IN, 'message'),
				mk(PHONE_IN, 'payment'),
			]) {
				expect((await post(host.productionUrl, raw, signPayload(raw, APP_SECRET))).status).toBe(
					200,
				);
			}
			expect(host.runs).toHaveLength(1);
			expect(host.runs[0].items[0]).toMatchObject({
				event: 'payment_status',
				phone_number_id: PHONE_IN,
				amount_decimal: 1,
			});
		});

		test('every event type from the sandbox reaches the workflow, signed by the sandbox', async () => {
			await setup();
			await host.activate();
			sandbox.options.statusDelayMs = 5;
			// One-Click order -> buyer taps Send payment.
			const message = (
				ref: string,
				currency: string,
				settings: unknown[],
				phoneId: string,
				to: string,
				order?: unknown,
			) => ({
				messaging_product: 'whatsapp',
				to,
				type: 'interactive',
				interactive: {
					type: 'order_details',
					body: { text: 'Order' },
					action: {
						name: 'review_and_pay',
						parameters: {
							reference_id: ref,
							type: 'digital-goods',
							...(currency === 'BRL' ? { payment_type: 'br' } : {}),
							currency,
							total_amount: { value: 2500, offset: 100 },
							payment_settings: settings,
							...(order ? { order } : {}),
						},
					},
				},
			});
			const send = (phoneId: string, body: unknown) =>
				request('POST', `${sandbox.url}/v25.0/${phoneId}/messages`, JSON.stringify(body), {
					authorization: `Bearer ${TOKEN}`,
				});
			expect(
				(
					await send(
						PHONE_BR,
						message(
							'oc-1',
							'BRL',
							[
								{
									type: 'offsite_card_pay',
									offsite_card_pay: { last_four_digits: '4242', credential_id: 'cred-77' },
								},
							],
							PHONE_BR,
							'5511999990001',
						),
					)
				).status,
			).toBe(200);
			sandbox.buyerSendPayment('oc-1', 'Maria');
			// India gateway order -> captured payment.
			sandbox.configurations.set(WABA_ID, new Map());
			sandbox.configurations.get(WABA_ID)!.set('rzp', {
				configuration_name: 'rzp',
				provider_name: 'razorpay',
				status: 'Needs_Connecting',
				merchant_category_code: { code: '0000', description: '' },
				purpose_code: { code: '00', description: '' },
				created_timestamp: 1,
				updated_timestamp: 1,
			});
			const order = {
				status: 'pending',
				catalog_id: 'cat',
				items: [{ retailer_id: 'a', name: 'A', amount: { value: 2500, offset: 100 }, quantity: 1 }],
				subtotal: { value: 2500, offset: 100 },
				tax: { value: 0, offset: 100 },
			};
			expect(
				(
					await send(
						PHONE_IN,
						message(
							'in-1',
							'INR',
							[
								{
									type: 'payment_gateway',
									payment_gateway: { type: 'razorpay', configuration_name: 'rzp' },
								},
							],
							PHONE_IN,
							'919999990001',
							order,
						),
					)
				).status,
			).toBe(200);
			sandbox.buyerIndiaPayment('in-1', 'captured');
			sandbox.advanceConfiguration('rzp');
			await new Promise((r) => setTimeout(r, 60));
			await sandbox.idle();
			const items = host.runs.flatMap((r) => r.items);
			const events = new Set(items.map((i) => i.event));
			expect(events).toEqual(new Set(ALL_EVENTS));
			expect(items.find((i) => i.event === 'payment_method')).toMatchObject({
				reference_id: 'oc-1',
				credential_id: 'cred-77',
				last_four_digits: '4242',
				name: 'Maria',
				phone_number_id: PHONE_BR,
			});
			expect(items.find((i) => i.event === 'payment_status')).toMatchObject({
				reference_id: 'in-1',
				status: 'captured',
				transaction_status: 'success',
				amount_decimal: 25,
			});
			expect(items.find((i) => i.event === 'payment_configuration_update')).toMatchObject({
				configuration_name: 'rzp',
				status: 'Needs Testing',
			});
			expect(items.filter((i) => i.event === 'order_message_status').map((i) => i.status)).toEqual(
				expect.arrayContaining(['sent', 'delivered', 'read']),
			);
			expect(sandbox.deliveries.every((d) => d.state === 'delivered')).toBe(true);
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
