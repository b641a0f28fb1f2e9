/* eslint-disable @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** The sandbox's Graph API: authentication, and payment configurations as Meta's Onboarding APIs answer them. */
import { createHmac } from 'crypto';

import type { Sandbox } from '../../sandbox/server';
import { graphOf } from '../helpers/graph';
import { receiver } from '../helpers/receiver';
import { APP_ID, APP_SECRET, sandboxFor, TOKEN, WABA_ID } from '../helpers/sandbox';

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

	describe('auth', () => {
		test.each([
			['missing', null],
			['wrong', 'not-a-token'],
		])('%s Bearer token -> 190 OAuthException envelope', async (_n, token) => {
			const { status, json } = await graph(
				'GET',
				`/${WABA_ID}/payment_configurations`,
				undefined,
				token,
			);
			expect(status).toBe(401);
			expect(json.error).toMatchObject({ type: 'OAuthException', code: 190 });
			expect(json.error.fbtrace_id).toBeDefined();
		});

		test('app subscriptions need the app token app_id|app_secret', async () => {
			expect((await graph('GET', `/${APP_ID}/subscriptions`)).json.error.code).toBe(190);
			expect(
				(await graph('GET', `/${APP_ID}/subscriptions`, undefined, `${APP_ID}|${APP_SECRET}`)).json,
			).toEqual({ data: [] });
		});

		test("unknown object id and missing version are refused in Meta's envelope", async () => {
			expect((await graph('GET', '/123/phone_numbers')).json.error.code).toBe(100);
			const res = await fetch(`${sandbox.url}/${WABA_ID}/phone_numbers`, {
				headers: { authorization: `Bearer ${TOKEN}` },
			});
			expect(((await res.json()) as J).error.message).toMatch(/Graph API version/);
		});
	});

	describe('payment configurations (seed 004)', () => {
		test('create (gateway -> oauth_url + expiration + success; UPI VPA -> success), list nesting, get, update, link, delete', async () => {
			const pg = await graph('POST', `/${WABA_ID}/payment_configuration`, {
				configuration_name: 'test-payment-configuration',
				purpose_code: '00',
				merchant_category_code: '0000',
				provider_name: 'razorpay',
				redirect_url: 'https://test-redirect-url.com',
			});
			expect(pg.status).toBe(200);
			expect(Object.keys(pg.json).sort()).toEqual(['expiration', 'oauth_url', 'success']);
			const upi = await graph('POST', `/${WABA_ID}/payment_configuration`, {
				configuration_name: 'upi',
				provider_name: 'upi_vpa',
				merchant_vpa: 'test-upi-merchant-vpa@test',
			});
			expect(upi.json).toEqual({ success: true });

			const list = await graph('GET', `/${WABA_ID}/payment_configurations`);
			expect(list.json.data).toHaveLength(1);
			expect(
				list.json.data[0].payment_configurations.map((c: J) => [c.configuration_name, c.status]),
			).toEqual([
				['test-payment-configuration', 'Needs_Connecting'],
				['upi', 'Active'],
			]);
			expect(list.json.data[0].payment_configurations[0].merchant_category_code).toEqual({
				code: '0000',
				description: 'Sandbox MCC',
			});

			const one = await graph('GET', `/${WABA_ID}/payment_configuration/upi`);
			expect(one.json.data[0]).toMatchObject({
				configuration_name: 'upi',
				merchant_vpa: 'test-upi-merchant-vpa@test',
				provider_name: 'upi_vpa',
			});

			expect(
				(
					await graph('POST', `/${WABA_ID}/payment_configuration/test-payment-configuration`, {
						data_endpoint_url: 'https://test-data-endpoint-url.com',
					})
				).json,
			).toEqual({ success: true });
			const link = await graph('POST', `/${WABA_ID}/generate_payment_configuration_oauth_link`, {
				configuration_name: 'test-payment-configuration',
				redirect_url: 'https://test-redirect-url.com',
			});
			expect(Object.keys(link.json).sort()).toEqual(['expiration', 'oauth_url']);

			expect(
				(await graph('DELETE', `/${WABA_ID}/payment_configuration`, { configuration_name: 'upi' }))
					.json,
			).toEqual({ success: true });
			// DELETE with the name only in the query string (HTTP stacks that drop DELETE bodies).
			expect(
				(
					await graph(
						'DELETE',
						`/${WABA_ID}/payment_configuration?configuration_name=test-payment-configuration`,
					)
				).json,
			).toEqual({ success: true });
			expect(
				(await graph('GET', `/${WABA_ID}/payment_configurations`)).json.data[0]
					.payment_configurations,
			).toEqual([]);
		});

		test.each([
			['unknown name', 'GET', `/payment_configuration/nope`, undefined, 100, /does not exist/],
			[
				'missing provider',
				'POST',
				'/payment_configuration',
				{ configuration_name: 'a' },
				131008,
				/provider_name is required/,
			],
			[
				'bad provider',
				'POST',
				'/payment_configuration',
				{ configuration_name: 'a', provider_name: 'stripe' },
				131009,
				/upi_vpa, razorpay, payu, zaakpay/,
			],
			[
				'missing name',
				'POST',
				'/payment_configuration',
				{ provider_name: 'payu' },
				131008,
				/configuration_name/,
			],
			[
				'name too long',
				'POST',
				'/payment_configuration',
				{ configuration_name: 'x'.repeat(61), provider_name: 'payu' },
				100,
				/at most 60/,
			],
			[
				'UPI without VPA',
				'POST',
				'/payment_configuration',
				{ configuration_name: 'a', provider_name: 'upi_vpa' },
				131008,
				/merchant_vpa/,
			],
			[
				'data endpoint on an unknown configuration',
				'POST',
				'/payment_configuration/x',
				{ data_endpoint_url: 'ftp://x' },
				100,
				/does not exist/,
			],
		])('%s', async (_n, method, path, body, code, details) => {
			const { json } = await graph(method as 'GET', `/${WABA_ID}${path}`, body);
			expect(json.error.code).toBe(code);
			expect(json.error.error_data?.details ?? json.error.message).toMatch(details);
		});

		test('duplicate name -> #100', async () => {
			await graph('POST', `/${WABA_ID}/payment_configuration`, {
				configuration_name: 'a',
				provider_name: 'payu',
			});
			expect(
				(
					await graph('POST', `/${WABA_ID}/payment_configuration`, {
						configuration_name: 'a',
						provider_name: 'payu',
					})
				).json.error,
			).toMatchObject({
				code: 100,
				error_data: { details: expect.stringMatching(/already exists/) },
			});
		});

		test('terms pending -> 131005 with the link in error_data.details (seed 004 shape)', async () => {
			sandbox.termsPending.add(WABA_ID);
			const { status, json } = await graph('GET', `/${WABA_ID}/payment_configurations`);
			expect(status).toBe(403);
			expect(json.error).toMatchObject({
				message: '(#131005) Access denied',
				type: 'OAuthException',
				code: 131005,
				error_data: { messaging_product: 'whatsapp' },
			});
			expect(json.error.error_data.details).toMatch(
				/Terms of Service acceptance pending.*https:\/\/fb\.me\//,
			);
		});

		test('simulated OAuth completion: Needs_Connecting -> Needs_Testing -> Active, each with a signed payment_configuration_update to the app callback', async () => {
			const cb = await receiver();
			try {
				sandbox.subscribedApps.set(WABA_ID, {});
				expect(
					(
						await graph(
							'POST',
							`/${APP_ID}/subscriptions`,
							{
								object: 'whatsapp_business_account',
								callback_url: cb.url,
								verify_token: 'v',
								fields: 'messages,payment_configuration_update',
							},
							`${APP_ID}|${APP_SECRET}`,
						)
					).json,
				).toEqual({ success: true });
				const created = await graph('POST', `/${WABA_ID}/payment_configuration`, {
					configuration_name: 'rzp',
					provider_name: 'razorpay',
				});
				const page = await fetch(created.json.oauth_url);
				expect(await page.text()).toMatch(/linked/);
				const ctl = await fetch(`${sandbox.url}/_sandbox/configurations/advance`, {
					method: 'POST',
					body: JSON.stringify({ configuration_name: 'rzp' }),
				});
				expect(((await ctl.json()) as J).status).toBe('Active');
				await sandbox.idle();
				expect(cb.posts).toHaveLength(2);
				const statuses = cb.posts.map((p) => JSON.parse(p.raw.toString()).entry[0].changes[0]);
				expect(statuses.map((c: J) => [c.field, c.value.status])).toEqual([
					['payment_configuration_update', 'Needs Testing'],
					['payment_configuration_update', 'Active'],
				]);
				for (const p of cb.posts) {
					expect(p.signature).toBe(
						`sha256=${createHmac('sha256', APP_SECRET).update(p.raw).digest('hex')}`,
					);
				}
			} finally {
				await cb.close();
			}
		});
	});
});
