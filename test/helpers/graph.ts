/* eslint-disable @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** Calls to a test sandbox's Graph API, and the interactive messages the sandbox tests send through it. */
import seed from '../fixtures/seed-000-order-details.json';
import type { Sandbox } from '../../sandbox/server';
import { TOKEN } from './sandbox';

type J = Record<string, any>;

/** A Graph API caller for the sandbox `current()` returns (tests start a new one per test). */
export function graphOf(current: () => Sandbox) {
	return async function graph(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		body?: unknown,
		token: string | null = TOKEN,
	): Promise<{ status: number; json: J }> {
		const res = await fetch(`${current().url}/v25.0${path}`, {
			method,
			headers: {
				...(token ? { authorization: `Bearer ${token}` } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: res.status, json: (await res.json()) as J };
	};
}

export function message(interactive: unknown, to = '5511999990001') {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type: 'interactive',
		interactive,
	};
}

export function seedInteractive(ref = 'seed-1'): J {
	const i = JSON.parse(JSON.stringify(seed.interactive));
	i.action.parameters.reference_id = ref;
	return i;
}
