/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** HTTP helpers of the sandbox: request bodies, JSON and form parsing, HTML escaping. */
import type * as http from 'http';

import { GraphError } from './errors';
import type { Json } from './types';

export function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A request body as an object: JSON, or form-encoded with JSON-looking values parsed (as Graph accepts both). */
export function parseJson(raw: string, contentType: string | undefined): Json {
	if (raw.trim() === '') return {};
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		const out: Json = {};
		for (const [k, v] of new URLSearchParams(raw)) {
			out[k] = /^[[{]/.test(v) ? (safeJson(v) ?? v) : v;
		}
		return out;
	}
	const parsed = safeJson(raw);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new GraphError(
			400,
			100,
			'(#100) Invalid parameter',
			'The request body is not a valid JSON object.',
		);
	}
	return parsed as Json;
}

export function escapeHtml(s: string): string {
	return s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
	);
}
