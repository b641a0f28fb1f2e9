/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** What the trigger tests share: the default events, a signed POST, and another receiver of Meta's handshake. */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { request } from '../../sandbox/webhooks';

export const ALL_EVENTS = [
	'payment_method',
	'payment_configuration_update',
	'payment_status',
	'order_message_status',
];

export async function post(
	url: string,
	raw: string | Buffer,
	signature?: string | null,
): Promise<{ status: number | null; body: string }> {
	const headers: Record<string, string> = {};
	if (signature) headers['x-hub-signature-256'] = signature;
	return await request('POST', url, raw.toString(), headers);
}

/** Another receiver (e.g. the built-in WhatsApp Trigger elsewhere) that passes Meta's handshake. */
export async function foreignReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
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
