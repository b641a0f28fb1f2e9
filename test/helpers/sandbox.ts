/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import { INDIA_CATALOG } from '../../sandbox/seeds';
import { SANDBOX_DEFAULTS, startSandbox } from '../../sandbox/server';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import type { TestCredentials } from './n8n';

export const TOKEN = 'sandbox-access-token-for-tests-7f3a9c';
export const APP_SECRET = 'sandbox-app-secret-for-tests-91bd2e';
export const APP_ID = '900000000000001';
export const WABA_ID = '100000000000001';
export const PHONE_BR = '200000000000001';
export const PHONE_IN = '200000000000002';

export async function sandboxFor(options: SandboxOptions = {}): Promise<Sandbox> {
	return await startSandbox({
		accessTokens: [TOKEN],
		appSecret: APP_SECRET,
		appId: APP_ID,
		wabaId: WABA_ID,
		statusDelayMs: 0,
		webhookRetryBaseMs: 20,
		...options,
	});
}

export function credentialsFor(
	sandbox: Sandbox,
	overrides: Partial<TestCredentials> = {},
): TestCredentials {
	return {
		accessToken: TOKEN,
		businessAccountId: WABA_ID,
		appId: APP_ID,
		appSecret: APP_SECRET,
		graphApiVersion: 'v25.0',
		baseUrl: sandbox.url,
		...overrides,
	};
}

/** A test sandbox whose one business (the tests' app and WABA, both phone numbers) has the India shop's catalog. */
export async function sandboxWithCatalog(): Promise<Sandbox> {
	return await sandboxFor({
		businesses: [
			{
				appId: APP_ID,
				appSecret: APP_SECRET,
				wabaId: WABA_ID,
				name: 'Sandbox Store',
				phoneNumbers: SANDBOX_DEFAULTS.phoneNumbers,
				catalog: INDIA_CATALOG,
			},
		],
	});
}

export { seedPendingOrders } from '../../sandbox/seeds';
