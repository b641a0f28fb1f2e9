import type { Sandbox } from '../../sandbox/server';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import { credentialsFor, sandboxFor, TOKEN, WABA_ID } from '../helpers/sandbox';
import { scriptedServer } from '../helpers/scriptedServer';

const fastRetry = { options: { maxRetries: 3, retryDelayMs: 5 } };

function configParams(operation: string, extra: Record<string, unknown> = {}) {
	return { resource: 'paymentConfiguration', operation, ...fastRetry, ...extra };
}
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Payment Configuration operations through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor();
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	test('create a gateway configuration returns the OAuth link with its expiration as epoch and ISO', async () => {
		const result = await runWorkflow(
			actionWorkflow(
				configParams('create', {
					configurationName: 'razorpay-prod',
					providerName: 'razorpay',
					purposeCode: '03',
					merchantCategoryCode: '4722',
					redirectUrl: 'https://shop.example/linked',
				}),
			),
			credentialsFor(sandbox),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.output('WhatsApp Payments');
		expect(item.success).toBe(true);
		expect(item.oauth_url).toContain('/_sandbox/oauth?configuration_name=razorpay-prod');
		expect(typeof item.expiration).toBe('number');
		expect(item.expiration_time).toBe(new Date((item.expiration as number) * 1000).toISOString());
		const stored = sandbox.configurations.get(WABA_ID)!.get('razorpay-prod')!;
		expect(stored.status).toBe('Needs_Connecting');
		expect(stored.purpose_code.code).toBe('03');
		expect(stored.merchant_category_code.code).toBe('4722');
		expect(result.items('WhatsApp Payments')[0].pairedItem).toEqual({ item: 0 });
	});

	test('create UPI VPA: merchant VPA is sent and only success comes back', async () => {
		const result = await runWorkflow(
			actionWorkflow(
				configParams('create', {
					configurationName: 'upi-main',
					providerName: 'upi_vpa',
					merchantVpa: 'shop@okbank',
				}),
			),
			credentialsFor(sandbox),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('WhatsApp Payments')[0]).toEqual({
			configuration_name: 'upi-main',
			provider_name: 'upi_vpa',
			success: true,
		});
		expect(sandbox.configurations.get(WABA_ID)!.get('upi-main')!.merchant_vpa).toBe('shop@okbank');
	});

	test('get many unwraps data[0].payment_configurations, one item each, normalised status, honours limit', async () => {
		for (const name of ['a-conf', 'b-conf', 'c-conf']) {
			await runWorkflow(
				actionWorkflow(configParams('create', { configurationName: name, providerName: 'payu' })),
				credentialsFor(sandbox),
			);
		}
		sandbox.advanceConfiguration('b-conf');
		const all = await runWorkflow(
			actionWorkflow(configParams('getAll', { returnAll: true })),
			credentialsFor(sandbox),
		);
		const items = all.output('WhatsApp Payments');
		expect(items.map((i) => i.configuration_name)).toEqual(['a-conf', 'b-conf', 'c-conf']);
		expect(items[1].status).toBe('Needs Testing');
		expect(items[1].status_raw).toBe('Needs_Testing');
		expect(items[0].status).toBe('Needs Connecting');
		const limited = await runWorkflow(
			actionWorkflow(configParams('getAll', { returnAll: false, limit: 2 })),
			credentialsFor(sandbox),
		);
		expect(limited.output('WhatsApp Payments')).toHaveLength(2);
	});

	test('get, update data endpoint, generate OAuth link and delete hit the documented paths', async () => {
		await runWorkflow(
			actionWorkflow(
				configParams('create', { configurationName: 'zaak', providerName: 'zaakpay' }),
			),
			credentialsFor(sandbox),
		);
		const got = await runWorkflow(
			actionWorkflow(configParams('get', { configurationName: byName('zaak') })),
			credentialsFor(sandbox),
		);
		expect(got.output('WhatsApp Payments')[0]).toMatchObject({
			configuration_name: 'zaak',
			provider_name: 'zaakpay',
			status: 'Needs Connecting',
		});

		const updated = await runWorkflow(
			actionWorkflow(
				configParams('updateDataEndpoint', {
					configurationName: byName('zaak'),
					dataEndpointUrl: 'https://shop.example/data',
				}),
			),
			credentialsFor(sandbox),
		);
		expect(updated.output('WhatsApp Payments')[0]).toMatchObject({
			success: true,
			data_endpoint_url: 'https://shop.example/data',
		});
		expect(sandbox.configurations.get(WABA_ID)!.get('zaak')!.data_endpoint_url).toBe(
			'https://shop.example/data',
		);

		const link = await runWorkflow(
			actionWorkflow(
				configParams('generateOAuthLink', {
					configurationName: byName('zaak'),
					redirectUrl: 'https://shop.example/back',
				}),
			),
			credentialsFor(sandbox),
		);
		expect(link.output('WhatsApp Payments')[0].oauth_url).toContain('configuration_name=zaak');

		const deleted = await runWorkflow(
			actionWorkflow(configParams('delete', { configurationName: byName('zaak') })),
			credentialsFor(sandbox),
		);
		expect(deleted.output('WhatsApp Payments')[0]).toEqual({
			configuration_name: 'zaak',
			success: true,
		});
		expect(sandbox.configurations.get(WABA_ID)!.has('zaak')).toBe(false);
	});

	test('configuration name over 60 characters is refused before any request', async () => {
		const before = sandbox.requestLog.length;
		const result = await runWorkflow(
			actionWorkflow(configParams('get', { configurationName: byName('x'.repeat(61)) })),
			credentialsFor(sandbox),
		);
		expect(result.error?.message).toMatch(/configuration_name: must be at most 60 characters/);
		expect(sandbox.requestLog.length).toBe(before);
	});

	test('131005 terms pending: the error shows the terms-of-service link', async () => {
		sandbox.termsPending.add(WABA_ID);
		const result = await runWorkflow(
			actionWorkflow(configParams('getAll', { returnAll: true })),
			credentialsFor(sandbox),
		);
		expect(result.error?.message).toMatch(/#131005/);
		expect((result.error as { description?: string }).description).toContain(
			'https://fb.me/sandbox-payments-terms',
		);
	});

	test('190 wrong token: explained, and the token never appears in the error', async () => {
		const wrong = 'EAAB-wrong-token-should-never-leak-123456';
		const result = await runWorkflow(
			actionWorkflow(configParams('getAll', { returnAll: true })),
			credentialsFor(sandbox, { accessToken: wrong }),
		);
		expect(result.error?.message).toMatch(/#190/);
		expect(JSON.stringify(result.error)).not.toContain(wrong);
		expect(JSON.stringify(result.run.data)).not.toContain(wrong);
	});

	test('100 duplicate name comes back as Meta explained it', async () => {
		await runWorkflow(
			actionWorkflow(configParams('create', { configurationName: 'dup', providerName: 'payu' })),
			credentialsFor(sandbox),
		);
		const result = await runWorkflow(
			actionWorkflow(configParams('create', { configurationName: 'dup', providerName: 'payu' })),
			credentialsFor(sandbox),
		);
		expect(result.error?.message).toMatch(/Invalid parameter \(#100\)/);
		expect((result.error as { description?: string }).description).toContain('already exists');
	});

	test('expression-driven configuration name and continueOnFail item by item', async () => {
		await runWorkflow(
			actionWorkflow(configParams('create', { configurationName: 'exists', providerName: 'payu' })),
			credentialsFor(sandbox),
		);
		const result = await runWorkflow(
			actionWorkflow(
				configParams('get', {
					configurationName: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
				}),
				{
					items: [{ name: 'missing' }, { name: 'exists' }],
					continueOnFail: true,
				},
			),
			credentialsFor(sandbox),
		);
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(/#100/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.configuration_name).toBe('exists');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('transport retry policy (scripted loopback server)', () => {
	const graphError = (code: number, status: number) => ({
		status,
		body: { error: { message: `(#${code}) test`, type: 'OAuthException', code } },
	});

	test('a GET is retried after 503 and then succeeds; the Bearer header comes from the credential', async () => {
		const server = await scriptedServer([
			graphError(131016, 503),
			{
				status: 200,
				body: {
					data: [{ payment_configurations: [{ configuration_name: 'ok', status: 'Active' }] }],
				},
			},
		]);
		try {
			const result = await runWorkflow(
				actionWorkflow(configParams('getAll', { returnAll: true })),
				{
					accessToken: TOKEN,
					businessAccountId: WABA_ID,
					baseUrl: server.url,
					graphApiVersion: 'v25.0',
				},
			);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(2);
			expect(server.requests[0].url).toBe(`/v25.0/${WABA_ID}/payment_configurations`);
			expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(result.output('WhatsApp Payments')[0].configuration_name).toBe('ok');
		} finally {
			await server.close();
		}
	});

	test('a POST is not retried after 500', async () => {
		const server = await scriptedServer([
			graphError(131000, 500),
			{ status: 200, body: { success: true } },
		]);
		try {
			const result = await runWorkflow(
				actionWorkflow(configParams('create', { configurationName: 'p', providerName: 'payu' })),
				{ accessToken: TOKEN, businessAccountId: WABA_ID, baseUrl: server.url },
			);
			expect(result.error?.message).toMatch(/#131000/);
			expect(server.requests).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	test('a throttled POST (130429) is retried and then succeeds; Retry-After is honoured', async () => {
		const server = await scriptedServer([
			{ ...graphError(130429, 400), headers: { 'retry-after': '0' } },
			graphError(80007, 400),
			{ status: 200, body: { success: true } },
		]);
		try {
			const result = await runWorkflow(
				actionWorkflow(configParams('create', { configurationName: 'p', providerName: 'payu' })),
				{ accessToken: TOKEN, businessAccountId: WABA_ID, baseUrl: server.url },
			);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(3);
			expect(JSON.parse(server.requests[2].body)).toEqual({
				configuration_name: 'p',
				provider_name: 'payu',
				purpose_code: '00',
				merchant_category_code: '0000',
			});
		} finally {
			await server.close();
		}
	});

	test('retries stop at Max Retries and say how many attempts were made', async () => {
		const server = await scriptedServer([graphError(4, 400)]);
		try {
			const result = await runWorkflow(
				actionWorkflow({
					resource: 'paymentConfiguration',
					operation: 'getAll',
					returnAll: true,
					options: { maxRetries: 2, retryDelayMs: 1 },
				}),
				{ accessToken: TOKEN, businessAccountId: WABA_ID, baseUrl: server.url },
			);
			expect(server.requests).toHaveLength(3);
			expect((result.error as { description?: string }).description).toMatch(
				/Gave up after 3 attempts/,
			);
		} finally {
			await server.close();
		}
	});

	test('a dropped connection on a send is reported as ambiguous and not retried', async () => {
		const server = await scriptedServer([{ status: 200, drop: true }]);
		try {
			const result = await runWorkflow(
				actionWorkflow(configParams('create', { configurationName: 'p', providerName: 'payu' })),
				{ accessToken: TOKEN, businessAccountId: WABA_ID, baseUrl: server.url },
			);
			expect(result.error?.message).toMatch(/may or may not have accepted/);
			expect(server.requests).toHaveLength(1);
		} finally {
			await server.close();
		}
	});
});
