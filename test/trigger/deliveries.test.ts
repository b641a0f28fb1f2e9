/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** The trigger's deliveries: signatures, parsing, the App Secret cache, redeliveries, event selection. */

import seedPaymentMethod from '../fixtures/seed-000-payment-method-webhook.json';
import { signPayload } from '../../nodes/shared';
import type { Sandbox } from '../../sandbox/server';
import { request } from '../../sandbox/webhooks';
import {
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

import { ALL_EVENTS, post } from '../helpers/trigger';

describe('WhatsApp Payments Trigger deliveries (n8n-core contexts, loopback, sandbox as Meta)', () => {
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

		test('a Brazil payment_configuration_update (a provider and a status spelling Meta does not list) is one clean item', async () => {
			await setup();
			await host.activate();
			const value = {
				configuration_name: 'br-pix-main',
				provider_name: 'Mercado Pago',
				provider_mid: 'MP-000123',
				status: 'NEEDS_CONNECTING',
				created_timestamp: 1767225600,
				updated_timestamp: 1767225660,
			};
			const record = sandbox.emit('payment_configuration_update', value);
			await sandbox.idle();
			expect(record.state).toBe('delivered');
			expect(host.runs).toHaveLength(1);
			expect(host.runs[0].items).toHaveLength(1);
			const item = host.runs[0].items[0];
			expect(item).toEqual({
				event: 'payment_configuration_update',
				waba_id: WABA_ID,
				configuration_name: 'br-pix-main',
				provider_name: 'mercado pago',
				provider_mid: 'MP-000123',
				status: 'Needs Connecting',
				status_raw: 'NEEDS_CONNECTING',
				created_timestamp: 1767225600,
				created_timestamp_iso: '2026-01-01T00:00:00.000Z',
				updated_timestamp: 1767225660,
				updated_timestamp_iso: '2026-01-01T00:01:00.000Z',
				time: expect.any(Number),
				time_iso: expect.any(String),
				idempotency_key: expect.stringMatching(/^wapay_[0-9a-f]+$/),
				raw: { field: 'payment_configuration_update', value },
			});
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
});
