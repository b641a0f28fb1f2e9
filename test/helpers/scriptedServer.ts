/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface ScriptedReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Destroy the connection instead of answering. */
	drop?: boolean;
}

/** A loopback server that answers from a script, in order, and records every request. */
export async function scriptedServer(
	replies: ScriptedReply[] | ((req: RecordedRequest, n: number) => ScriptedReply),
) {
	const requests: RecordedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const recorded = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			const reply =
				typeof replies === 'function'
					? replies(recorded, requests.length - 1)
					: replies[Math.min(requests.length - 1, replies.length - 1)];
			if (reply.drop) {
				req.socket.destroy();
				return;
			}
			const text =
				reply.body === undefined
					? ''
					: typeof reply.body === 'string'
						? reply.body
						: JSON.stringify(reply.body);
			res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
			res.end(text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
