/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import { GRAPH_ERRORS, signPayload } from '../../nodes/shared';
import seedPaymentMethod from '../fixtures/seed-000-payment-method-webhook.json';
import { actionWorkflow, credentialReads, runWorkflow } from '../helpers/n8n';
import { status as statusParameters } from '../helpers/orderParameters';
import type { RunResult, TestCredentials } from '../helpers/n8n';
import { scriptedServer } from '../helpers/scriptedServer';
import { sandboxFor } from '../helpers/sandbox';
import { WebhookHost } from '../helpers/webhookHost';
import { request } from '../../sandbox/webhooks';

/** Distinctive values that must never surface anywhere. */
const TOKEN = 'EAAG-secret-access-token-5f1d0c9e8b7a6f5e4d3c2b1a';
const APP_SECRET = 'app-secret-3e4f5a6b7c8d9e0f1a2b3c4d';

/** The test credential with the distinctive token and App Secret, pointing at a local server. */
function credentialsAt(baseUrl: string): TestCredentials {
	return {
		accessToken: TOKEN,
		businessAccountId: '100000000000001',
		appId: '1',
		appSecret: APP_SECRET,
		baseUrl,
	};
}

function everything(result: RunResult): string {
	const e = result.error as
		(Error & { description?: string; context?: unknown; cause?: unknown }) | undefined;
	return JSON.stringify({
		run: result.run.data,
		message: e?.message,
		description: e?.description,
		stack: e?.stack,
		context: e?.context,
	});
}

function expectClean(text: string): void {
	expect(text).not.toContain(TOKEN);
	expect(text).not.toContain(APP_SECRET);
	expect(text).not.toContain(TOKEN.slice(5, 25));
}

const status = (retry: string) => (retry === 'transient' ? 503 : retry === 'throttle' ? 429 : 400);

describe('secrets never appear in errors, outputs or logs', () => {
	const codes = Object.keys(GRAPH_ERRORS).map(Number);

	test.each(codes)(
		'Graph error #%s on a read and on a send (with and without Continue On Fail)',
		async (code) => {
			const info = GRAPH_ERRORS[code];
			const server = await scriptedServer(() => ({
				status: status(info.retry),
				body: {
					error: {
						message: `(#${code}) ${info.title}`,
						type: 'OAuthException',
						code,
						error_data: { messaging_product: 'whatsapp', details: 'details https://fb.me/x' },
						fbtrace_id: 'Abc',
					},
				},
			}));
			const creds = credentialsAt(server.url);
			try {
				const read = await runWorkflow(
					actionWorkflow({
						resource: 'paymentConfiguration',
						operation: 'getAll',
						returnAll: true,
						options: { maxRetries: 0 },
					}),
					creds,
				);
				expect(read.error?.message).toContain(`#${code}`);
				expectClean(everything(read));
				const send = await runWorkflow(
					actionWorkflow(
						{
							resource: 'order',
							operation: 'sendStatus',
							phoneNumberId: { __rl: true, mode: 'id', value: '200000000000001' },
							to: '5511999990001',
							country: 'BR',
							referenceId: 'r1',
							status: 'processing',
							paymentStatus: '',
							bodyText: 'x',
							options: { maxRetries: 0 },
						},
						{ continueOnFail: true },
					),
					creds,
				);
				expect(JSON.stringify(send.output('WhatsApp Payments'))).toContain(`#${code}`);
				expectClean(everything(send));
				// Every request did carry the token: the test would be vacuous otherwise.
				expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(
					true,
				);
			} finally {
				await server.close();
			}
		},
	);

	test('network failures (refused, dropped) and validation errors', async () => {
		const dropped = await scriptedServer([{ status: 200, drop: true }]);
		try {
			for (const baseUrl of ['http://127.0.0.1:1', dropped.url]) {
				const creds: TestCredentials = {
					accessToken: TOKEN,
					businessAccountId: '100000000000001',
					appSecret: APP_SECRET,
					baseUrl,
				};
				for (const operation of ['getAll', 'create']) {
					const r = await runWorkflow(
						actionWorkflow({
							resource: 'paymentConfiguration',
							operation,
							returnAll: true,
							configurationName: 'x',
							providerName: 'payu',
							options: { maxRetries: 0 },
						}),
						creds,
					);
					expect(r.error).toBeDefined();
					expectClean(everything(r));
				}
			}
		} finally {
			await dropped.close();
		}
		const invalid = await runWorkflow(
			actionWorkflow({
				resource: 'order',
				operation: 'sendDetails',
				phoneNumberId: { __rl: true, mode: 'id', value: '1' },
				to: 'x',
				country: 'BR',
				inputMode: 'form',
				bodyText: 'b',
				referenceId: 'bad ref!',
				goodsType: 'digital-goods',
				items: { item: [{ name: 'a', retailerId: 'a', amount: '-1', quantity: 1 }] },
			}),
			{
				accessToken: TOKEN,
				businessAccountId: '1',
				appSecret: APP_SECRET,
				baseUrl: 'http://127.0.0.1:1',
			},
		);
		expect(invalid.error?.message).toMatch(/^Invalid /);
		expectClean(everything(invalid));
	});

	test('trigger: refused deliveries, refused handshakes and activation errors log and answer without secrets', async () => {
		const sandbox = await sandboxFor({ appSecret: APP_SECRET, accessTokens: [TOKEN] });
		const host = new WebhookHost(
			{
				accessToken: TOKEN,
				businessAccountId: '100000000000001',
				appId: '',
				appSecret: APP_SECRET,
				baseUrl: sandbox.url,
			},
			{ registration: 'app', events: ['payment_method'], options: {} },
		);
		await host.start();
		try {
			const raw = JSON.stringify(seedPaymentMethod);
			await request('POST', host.productionUrl, raw, {
				'x-hub-signature-256': signPayload(raw, 'wrong'),
			});
			await request('POST', host.productionUrl, raw);
			await request(
				'GET',
				`${host.productionUrl}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`,
			);
			let activationError = '';
			await host
				.activate()
				.catch(
					(e: Error & { description?: string }) =>
						(activationError = `${e.message} ${e.description}`),
				);
			expect(activationError).toMatch(/App ID and App Secret/);
			expectClean(activationError);
			expect(host.logs.length).toBeGreaterThanOrEqual(3);
			expectClean(JSON.stringify(host.logs));
			expectClean(JSON.stringify(host.requests));
			expect(host.runs).toHaveLength(0);
		} finally {
			await host.stop();
			await sandbox.stop();
		}
	});

	test('checkout endpoint key: Respond and Upload Business Public Key fail without showing the private key or its passphrase', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const crypto = require('crypto') as typeof import('crypto');
		const passphrase = 'passphrase-9d8c7b6a5f4e3d2c';
		const { privateKey } = crypto.generateKeyPairSync('rsa', {
			modulusLength: 2048,
			publicKeyEncoding: { type: 'spki', format: 'pem' },
			privateKeyEncoding: { type: 'pkcs1', format: 'pem', cipher: 'des-ede3-cbc', passphrase },
		});
		const body = privateKey.split('\n').slice(2, 5).join('');
		const sandbox = await sandboxFor();
		try {
			const creds = credentialsAt(sandbox.url);
			const cases: Array<
				[Record<string, unknown>, Record<string, unknown>, Record<string, unknown>[] | undefined]
			> = [
				// Wrong passphrase, on both operations that read the key.
				[
					{
						resource: 'checkout',
						operation: 'uploadPublicKey',
						phoneNumberId: { __rl: true, mode: 'id', value: '200000000000001' },
					},
					{ privateKey, passphrase: `${passphrase}x` },
					undefined,
				],
				[
					{ resource: 'checkout', operation: 'respond', answer: 'reject', rejectMessage: 'No' },
					{ privateKey, passphrase: `${passphrase}x` },
					[{ action: 'get_coupons', session: 'v1.AAAA' }],
				],
				// The right key, but an item that did not come from the endpoint trigger.
				[
					{ resource: 'checkout', operation: 'respond', answer: 'reject', rejectMessage: 'No' },
					{ privateKey, passphrase },
					[{ action: 'get_coupons', session: 'forged' }],
				],
			];
			for (const [params, keys, items] of cases) {
				const result = await runWorkflow(
					actionWorkflow(params as never, items ? { items: items as never } : {}),
					creds,
					{
						others: { whatsAppCheckoutEndpointApi: keys as never },
					},
				);
				expect(result.error).toBeDefined();
				const text = everything(result);
				expectClean(text);
				expect(text).not.toContain(passphrase);
				expect(text).not.toContain(body);
			}
		} finally {
			await sandbox.stop();
		}
	});

	test('every request of a run carries the token as a Bearer header, and the run reads the credential once', async () => {
		const server = await scriptedServer((req) => ({
			status: 200,
			body: {
				messaging_product: 'whatsapp',
				contacts: [{ input: '5511999990001', wa_id: '5511999990001' }],
				messages: [{ id: `wamid.${req.body.length}-${Math.random()}` }],
			},
		}));
		const creds = credentialsAt(server.url);
		try {
			const before = credentialReads.count;
			const result = await runWorkflow(
				actionWorkflow(
					statusParameters({
						referenceId: '={{ $json.ref }}',
						status: 'processing',
						paymentStatus: '',
						options: { concurrency: 3 },
					}) as never,
					{ items: Array.from({ length: 7 }, (_, n) => ({ ref: `auth-${n}` })) },
				),
				creds,
			);
			expect(result.error).toBeUndefined();
			expect(result.items('WhatsApp Payments')).toHaveLength(7);
			expect(server.requests).toHaveLength(7);
			for (const req of server.requests) expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(credentialReads.count - before).toBe(1);
			expectClean(everything(result));
		} finally {
			await server.close();
		}
	});
	test('a redirect is not followed: the token never goes to another address, and the error names the Base URL to set', async () => {
		const elsewhere = await scriptedServer(() => ({ status: 200, body: { data: [] } }));
		const server = await scriptedServer((req) => ({
			status: 301,
			headers: { location: `${elsewhere.url}${req.url}` },
		}));
		const creds = credentialsAt(server.url);
		try {
			const send = await runWorkflow(
				actionWorkflow(
					statusParameters({
						referenceId: 'redirect-1',
						status: 'processing',
						paymentStatus: '',
					}) as never,
				),
				creds,
			);
			const read = await runWorkflow(
				actionWorkflow({
					resource: 'paymentConfiguration',
					operation: 'getAll',
					options: { maxRetries: 0 },
				}),
				creds,
			);
			for (const result of [send, read]) {
				expect(result.error?.message).toBe(
					`The Base URL in the credential answered with a redirect (HTTP 301 to ${elsewhere.url}) instead of the Graph API, so nothing was sent; set the Base URL to ${elsewhere.url} and try again.`,
				);
				expectClean(everything(result));
			}
			expect(server.requests).toHaveLength(2);
			expect(elsewhere.requests).toHaveLength(0);
		} finally {
			await server.close();
			await elsewhere.close();
		}
	});
});
