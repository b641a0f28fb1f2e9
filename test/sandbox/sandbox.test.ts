/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** The sandbox's webhooks (registration, signed delivery, retries), several businesses, fault injection and its state file. */
import { createHmac } from 'crypto';

import seed from '../fixtures/seed-000-order-details.json';
import type { Sandbox } from '../../sandbox/server';
import { graphOf, message, seedInteractive } from '../helpers/graph';
import { receiver } from '../helpers/receiver';
import { APP_ID, APP_SECRET, PHONE_BR, sandboxFor, TOKEN, WABA_ID } from '../helpers/sandbox';

type J = Record<string, any>;

describe('sandbox Graph API', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor();
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const graph = graphOf(() => sandbox);

	describe('webhook registration and delivery', () => {
		test('setting a callback performs the handshake; a callback that does not echo is refused with #2200', async () => {
			for (const handshake of ['wrong', '403'] as const) {
				const cb = await receiver({ handshake });
				try {
					const { json } = await graph(
						'POST',
						`/${APP_ID}/subscriptions`,
						{
							object: 'whatsapp_business_account',
							callback_url: cb.url,
							verify_token: 'v',
							fields: 'messages',
						},
						`${APP_ID}|${APP_SECRET}`,
					);
					expect(json.error.code).toBe(2200);
					expect(json.error.message).toMatch(/Callback verification failed/);
				} finally {
					await cb.close();
				}
			}
			expect(sandbox.subscriptions.size).toBe(0);
		});

		test('subscriptions: GET lists fields, DELETE removes; WABA subscribed_apps with override needs the app subscribed first', async () => {
			const cb = await receiver();
			try {
				const appToken = `${APP_ID}|${APP_SECRET}`;
				await graph(
					'POST',
					`/${APP_ID}/subscriptions`,
					{
						object: 'whatsapp_business_account',
						callback_url: cb.url,
						verify_token: 'v',
						fields: 'messages,payment_configuration_update',
					},
					appToken,
				);
				expect(
					(await graph('GET', `/${APP_ID}/subscriptions`, undefined, appToken)).json.data[0],
				).toMatchObject({
					object: 'whatsapp_business_account',
					callback_url: cb.url,
					active: true,
					fields: [{ name: 'messages' }, { name: 'payment_configuration_update' }],
				});
				expect(
					(
						await graph('POST', `/${WABA_ID}/subscribed_apps`, {
							override_callback_uri: cb.url,
							verify_token: 'v',
						})
					).json.error.error_data.details,
				).toMatch(/must be subscribed/);
				expect((await graph('POST', `/${WABA_ID}/subscribed_apps`)).json).toEqual({
					success: true,
				});
				expect(
					(
						await graph('POST', `/${WABA_ID}/subscribed_apps`, {
							override_callback_uri: cb.url,
							verify_token: 'v',
						})
					).json,
				).toEqual({ success: true });
				expect(
					(await graph('GET', `/${WABA_ID}/subscribed_apps`)).json.data[0].override_callback_uri,
				).toBe(cb.url);
				expect(
					(
						await graph(
							'DELETE',
							`/${APP_ID}/subscriptions?object=whatsapp_business_account`,
							undefined,
							appToken,
						)
					).json,
				).toEqual({ success: true });
				expect(
					(await graph('GET', `/${APP_ID}/subscriptions`, undefined, appToken)).json.data,
				).toEqual([]);
				expect((await graph('DELETE', `/${WABA_ID}/subscribed_apps`)).json).toEqual({
					success: true,
				});
			} finally {
				await cb.close();
			}
		});

		test('payment_configuration_update goes only to the app callback; messages go to the override when set', async () => {
			const app = await receiver();
			const override = await receiver();
			try {
				sandbox.subscriptions.set(APP_ID, {
					object: 'whatsapp_business_account',
					callback_url: app.url,
					verify_token: 'v',
					fields: ['messages', 'payment_configuration_update'],
					active: true,
				});
				sandbox.subscribedApps.set(WABA_ID, { override_callback_uri: override.url });
				sandbox.emit('payment_configuration_update', { configuration_name: 'x', status: 'Active' });
				sandbox.emit('messages', { statuses: [] });
				await sandbox.idle();
				expect(
					app.posts.map((p) => JSON.parse(p.raw.toString()).entry[0].changes[0].field),
				).toEqual(['payment_configuration_update']);
				expect(
					override.posts.map((p) => JSON.parse(p.raw.toString()).entry[0].changes[0].field),
				).toEqual(['messages']);
			} finally {
				await app.close();
				await override.close();
			}
		});

		test('a callback that first answers 500 gets the same signed bytes again until it answers 200; the log shows every attempt', async () => {
			const cb = await receiver({ failFirst: 2 });
			try {
				sandbox.subscribedApps.set(WABA_ID, { override_callback_uri: cb.url });
				const record = sandbox.emit('messages', { statuses: [{ id: 'wamid.x', status: 'read' }] });
				await sandbox.idle();
				expect(record.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
				expect(record.state).toBe('delivered');
				expect(cb.posts).toHaveLength(1);
				expect(cb.posts[0].raw.toString()).toBe(record.body);
				expect(cb.posts[0].signature).toBe(
					`sha256=${createHmac('sha256', APP_SECRET).update(record.body).digest('hex')}`,
				);
				const log = (await (await fetch(`${sandbox.url}/_sandbox/deliveries`)).json()) as J;
				expect(log.deliveries.find((d: J) => d.id === record.id).attempts).toHaveLength(3);
			} finally {
				await cb.close();
			}
		});

		test("buyer simulator: Send payment emits the seed-shaped payment_method with the order's credential", async () => {
			const cb = await receiver();
			try {
				sandbox.subscribedApps.set(WABA_ID, { override_callback_uri: cb.url });
				await graph('POST', `/${PHONE_BR}/messages`, message(seedInteractive('oc-1')));
				const res = await fetch(`${sandbox.url}/_sandbox/buyer/send-payment`, {
					method: 'POST',
					body: JSON.stringify({ reference_id: 'oc-1', name: 'Ana' }),
				});
				expect(res.status).toBe(200);
				await sandbox.idle();
				const payload = JSON.parse(cb.posts[0].raw.toString());
				const value = payload.entry[0].changes[0].value;
				expect(payload.object).toBe('whatsapp_business_account');
				expect(value.contacts[0]).toEqual({ profile: { name: 'Ana' }, wa_id: '5511999990001' });
				expect(value.messages[0].interactive).toEqual({
					type: 'payment_method',
					payment_method: {
						payment_method: 'offsite_card_pay',
						payment_timestamp: expect.any(Number),
						reference_id: 'oc-1',
						last_four_digits: '5235',
						credential_id: '1234567',
					},
				});
				expect(sandbox.getOrder('oc-1').payment).toBe('pending');
			} finally {
				await cb.close();
			}
		});

		test('fake PSP: charges succeed or decline by credential; Pix confirmation notifies a URL', async () => {
			const cb = await receiver();
			try {
				const charge = async (credential_id: string) =>
					(await (
						await fetch(`${sandbox.url}/_sandbox/psp/charge`, {
							method: 'POST',
							body: JSON.stringify({ credential_id, amount: 50000, reference_id: 'r' }),
						})
					).json()) as J;
				expect((await charge('1234567')).status).toBe('succeeded');
				expect((await charge('decline-insufficient')).status).toBe('declined');
				await graph('POST', `/${PHONE_BR}/messages`, message(seedInteractive('pix-1')));
				await fetch(`${sandbox.url}/_sandbox/psp/pix-confirm`, {
					method: 'POST',
					body: JSON.stringify({ reference_id: 'pix-1', notify_url: cb.url }),
				});
				await sandbox.idle();
				expect(JSON.parse(cb.posts[0].raw.toString())).toMatchObject({
					event: 'pix.paid',
					reference_id: 'pix-1',
					amount: 50000,
				});
			} finally {
				await cb.close();
			}
		});

		test('fake PSP honours Idempotency-Key: a repeated key returns the original charge and charges nothing', async () => {
			const charge = async (body: J, key?: string) => {
				const res = await fetch(`${sandbox.url}/_sandbox/psp/charge`, {
					method: 'POST',
					headers: key ? { 'idempotency-key': key } : {},
					body: JSON.stringify(body),
				});
				return { status: res.status, body: (await res.json()) as J };
			};
			const body = { credential_id: 'card_idem', amount: 1990, reference_id: 'idem-1' };
			const first = await charge(body, 'wapay_key_1');
			const again = await charge(body, 'wapay_key_1');
			expect(first.status).toBe(200);
			expect(first.body.idempotency_key).toBe('wapay_key_1');
			expect(again.body).toMatchObject({ id: first.body.id, idempotent_replay: true });
			expect(first.body.idempotent_replay).toBeUndefined();
			const other = await charge(body, 'wapay_key_2');
			expect(other.body.id).not.toBe(first.body.id);
			const misuse = await charge({ ...body, amount: 2990 }, 'wapay_key_1');
			expect(misuse.status).toBe(409);
			expect(misuse.body.error.message).toMatch(/wapay_key_1.*same charge/);
			const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as J;
			const made = state.charges.filter((c: J) => c.credential_id === 'card_idem');
			expect(made.map((c: J) => c.idempotency_key)).toEqual(['wapay_key_1', 'wapay_key_2']);
			expect(state.charge_replays).toBe(1);
		});

		test('the buyer page lists orders', async () => {
			await graph('POST', `/${PHONE_BR}/messages`, message(seedInteractive('page-1')));
			const html = await (await fetch(`${sandbox.url}/_sandbox/buyer`)).text();
			expect(html).toContain('buyer simulator');
			const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as J;
			expect(state.orders.map((o: J) => o.reference_id)).toEqual(['page-1']);
		});

		test('/favicon.ico is answered without a Graph error (no console error on the buyer page)', async () => {
			const res = await fetch(`${sandbox.url}/favicon.ico`);
			expect(res.status).toBe(204);
			expect(await res.text()).toBe('');
		});
	});
});

describe('sandbox with two businesses (one app and WABA each)', () => {
	test('each app has its own callback and signs with its own secret; phone numbers belong to their WABA', async () => {
		const { SANDBOX_DEFAULTS } = await import('../../sandbox/server');
		const [br, inb] = SANDBOX_DEFAULTS.businesses;
		const sandbox = await sandboxFor({
			businesses: SANDBOX_DEFAULTS.businesses,
			appId: undefined,
			appSecret: undefined,
			wabaId: undefined,
		});
		const a = await receiver();
		const b = await receiver();
		try {
			const sub = (biz: typeof br, url: string) =>
				fetch(`${sandbox.url}/v25.0/${biz.appId}/subscriptions`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${biz.appId}|${biz.appSecret}`,
						'content-type': 'application/json',
					},
					body: JSON.stringify({
						object: 'whatsapp_business_account',
						callback_url: url,
						verify_token: 'v',
						fields: 'messages,payment_configuration_update',
					}),
				});
			expect((await sub(br, a.url)).status).toBe(200);
			expect((await sub(inb, b.url)).status).toBe(200);
			// The Brazil app token cannot manage the India app.
			const cross = await fetch(`${sandbox.url}/v25.0/${inb.appId}/subscriptions`, {
				headers: { authorization: `Bearer ${br.appId}|${br.appSecret}` },
			});
			expect(((await cross.json()) as J).error.code).toBe(190);
			sandbox.subscribedApps.set(br.wabaId, {});
			sandbox.subscribedApps.set(inb.wabaId, {});
			sandbox.emit('messages', { statuses: [] }, { wabaId: br.wabaId });
			sandbox.emit(
				'payment_configuration_update',
				{ configuration_name: 'x', status: 'Active' },
				{ wabaId: inb.wabaId },
			);
			await sandbox.idle();
			expect(a.posts).toHaveLength(1);
			expect(b.posts).toHaveLength(1);
			expect(a.posts[0].signature).toBe(
				`sha256=${createHmac('sha256', br.appSecret).update(a.posts[0].raw).digest('hex')}`,
			);
			expect(b.posts[0].signature).toBe(
				`sha256=${createHmac('sha256', inb.appSecret).update(b.posts[0].raw).digest('hex')}`,
			);
			const phones = await fetch(`${sandbox.url}/v25.0/${inb.wabaId}/phone_numbers`, {
				headers: { authorization: `Bearer ${TOKEN}` },
			});
			expect(((await phones.json()) as J).data.map((p: J) => p.id)).toEqual([
				inb.phoneNumbers[0].id,
			]);
		} finally {
			await a.close();
			await b.close();
			await sandbox.stop();
		}
	});
});

describe('sandbox fault injection', () => {
	let sandbox: Sandbox;
	afterEach(async () => {
		await sandbox.stop();
	});

	const send = (ref: string) =>
		fetch(`${sandbox.url}/v25.0/${PHONE_BR}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				messaging_product: 'whatsapp',
				to: '5511999990001',
				type: 'interactive',
				interactive: {
					type: 'order_status',
					body: { text: 'x' },
					action: {
						name: 'review_order',
						parameters: { reference_id: ref, payment: { status: 'pending' } },
					},
				},
			}),
		}).then(async (r) => ({ status: r.status, json: (await r.json()) as J }));

	/** An order_details for `ref`, so that order_status messages for it are valid. */
	const sendOrder = (ref: string) =>
		fetch(`${sandbox.url}/v25.0/${PHONE_BR}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				messaging_product: 'whatsapp',
				to: '5511999990001',
				type: 'interactive',
				interactive: {
					...JSON.parse(JSON.stringify(seed.interactive)),
					action: {
						name: 'review_and_pay',
						parameters: { ...seed.interactive.action.parameters, reference_id: ref },
					},
				},
			}),
		});

	test('a message counts against the limit when it arrives, not when its answer is due', async () => {
		// Limit 1 per second, answers after 300 ms, the sandbox's clock moved by hand. A arrives at T, B at T + 5 s
		// (100 ms later in real time): each within its own second. Counted when their answers were due, both
		// would fall at T + 5 s and B would be refused.
		let clock = Date.now();
		sandbox = await sandboxFor({
			now: () => clock,
			faults: { messages: { messagesPerSecond: 1, latencyMs: 300 } },
		});
		expect((await sendOrder('limit-1')).status).toBe(200);
		clock += 5000;
		const first = send('limit-1');
		await new Promise((r) => setTimeout(r, 100));
		clock += 5000;
		const second = send('limit-1');
		expect([(await first).status, (await second).status]).toEqual([200, 200]);
		// Two messages in the same second: the second one is over the limit.
		const third = await send('limit-1');
		expect(third.json.error?.code).toBe(130429);
	});

	test('the messages-per-second limit holds within 10% over a few seconds (130429 above it)', async () => {
		sandbox = await sandboxFor({ faults: { messages: { messagesPerSecond: 40 } } });
		await sendOrder('rate-1');
		const started = Date.now();
		let accepted = 0;
		let throttled = 0;
		// Offer about 3x the limit for 3 seconds.
		while (Date.now() - started < 3000) {
			const batch = await Promise.all(Array.from({ length: 6 }, () => send('rate-1')));
			for (const r of batch) {
				if (r.status === 200) accepted++;
				else if (r.json.error?.code === 130429) throttled++;
			}
			await new Promise((r) => setTimeout(r, 40));
		}
		const seconds = (Date.now() - started) / 1000;
		const rate = accepted / seconds;
		expect(throttled).toBeGreaterThan(0);
		expect(rate).toBeGreaterThan(40 * 0.9 * ((seconds - 1) / seconds));
		expect(rate).toBeLessThanOrEqual(40 * 1.1 * (Math.ceil(seconds) / seconds));
	});

	test('error and throttle rates are deterministic for a seed', async () => {
		const outcomes: string[][] = [];
		for (let run = 0; run < 2; run++) {
			sandbox = await sandboxFor({
				seed: 99,
				faults: { messages: { errorRate: 0.2, throttleRate: 0.1 } },
			});
			const list: string[] = [];
			for (let i = 0; i < 40; i++) {
				const r = await send('none');
				list.push(String(r.json.error?.code ?? r.status));
			}
			outcomes.push(list);
			await sandbox.stop();
		}
		expect(outcomes[0]).toEqual(outcomes[1]);
		expect(outcomes[0]).toContain('131000');
		expect(outcomes[0]).toContain('130429');
		sandbox = await sandboxFor();
	});

	test('latency is added and dropped connections close without an answer', async () => {
		sandbox = await sandboxFor({ faults: { payment_configuration: { latencyMs: 150 } } });
		const list = () =>
			fetch(`${sandbox.url}/v25.0/${WABA_ID}/payment_configurations`, {
				headers: { authorization: `Bearer ${TOKEN}` },
			});
		const t0 = Date.now();
		expect((await list()).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		sandbox.faults.set({ payment_configuration: { dropRate: 1 } });
		await expect(list()).rejects.toThrow();
	});

	test('faults can be changed at run time through the control API', async () => {
		sandbox = await sandboxFor();
		await fetch(`${sandbox.url}/_sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ messages: { throttleRate: 1 } }),
		});
		expect((await send('x')).json.error.code).toBe(130429);
	});
});

describe('sandbox state file', () => {
	test('subscriptions, overrides, configurations and orders survive a restart', async () => {
		const fs = await import('fs');
		const os = await import('os');
		const path = await import('path');
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-')), 'state.json');
		const first = await sandboxFor({ stateFile: file });
		first.subscriptions.set(APP_ID, {
			object: 'whatsapp_business_account',
			callback_url: 'http://127.0.0.1:1/cb',
			verify_token: 'v',
			fields: ['messages'],
			active: true,
		});
		first.subscribedApps.set(WABA_ID, { override_callback_uri: 'http://127.0.0.1:1/o' });
		await fetch(`${first.url}/v25.0/${WABA_ID}/payment_configuration`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ configuration_name: 'keep', provider_name: 'payu' }),
		});
		const sendSeed = async (sandbox: Sandbox, ref: string) => {
			const i = JSON.parse(JSON.stringify(seed.interactive));
			i.action.parameters.reference_id = ref;
			const res = await fetch(`${sandbox.url}/v25.0/${PHONE_BR}/messages`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					messaging_product: 'whatsapp',
					to: '5511999990001',
					type: 'interactive',
					interactive: i,
				}),
			});
			return ((await res.json()) as J).messages[0].id as string;
		};
		const before = await sendSeed(first, 'keep-1');
		await first.stop();
		const second = await sandboxFor({ stateFile: file });
		try {
			expect(second.subscriptions.get(APP_ID)?.callback_url).toBe('http://127.0.0.1:1/cb');
			expect(second.subscribedApps.get(WABA_ID)?.override_callback_uri).toBe(
				'http://127.0.0.1:1/o',
			);
			expect(second.configurations.get(WABA_ID)?.has('keep')).toBe(true);
			expect(second.getOrder('keep-1').total).toBe(50000);
			// Message IDs keep counting after a restart: a new message never reuses an earlier wamid.
			expect(await sendSeed(second, 'keep-2')).not.toBe(before);
		} finally {
			await second.stop();
		}
	});
});
