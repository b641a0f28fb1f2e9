/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import * as http from 'http';
import type { AddressInfo } from 'net';

/** A callback receiver that answers the handshake and records deliveries with their exact bytes. */
export async function receiver(
	opts: { failFirst?: number; handshake?: 'echo' | 'wrong' | '403' } = {},
) {
	const posts: Array<{ raw: Buffer; signature?: string }> = [];
	let failures = opts.failFirst ?? 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const u = new URL(req.url ?? '/', 'http://x');
			if (req.method === 'GET') {
				if (opts.handshake === '403') return void res.writeHead(403).end('no');
				return void res
					.writeHead(200)
					.end(opts.handshake === 'wrong' ? 'nope' : (u.searchParams.get('hub.challenge') ?? ''));
			}
			if (failures > 0) {
				failures--;
				return void res.writeHead(500).end('busy');
			}
			posts.push({
				raw: Buffer.concat(chunks),
				signature: req.headers['x-hub-signature-256'] as string | undefined,
			});
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		posts,
		close: () =>
			new Promise<void>((r) => {
				server.close(() => r());
				server.closeAllConnections();
			}),
	};
}
