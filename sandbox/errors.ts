/* eslint-disable @n8n/community-nodes/require-node-api-error -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Graph API errors as the sandbox answers them, in Meta's envelope. Titles come from the shared error
 * catalogue (nodes/shared/graphErrors.ts), the same one the nodes explain errors with.
 */
import { randomBytes } from 'crypto';

import { GRAPH_ERRORS, PaymentsValidationError } from '../nodes/shared';
import type { Json } from './types';

export class GraphError extends Error {
	constructor(
		readonly http: number,
		readonly code: number,
		message: string,
		readonly details?: string,
		readonly type = 'OAuthException',
	) {
		super(message);
	}
}

/** Where Meta's own message differs from the catalogue's plain title, Meta's words (what clients see). */
const META_WORDING: Record<number, string> = {
	131005: 'Access denied',
	130429: 'Rate limit hit',
	131008: 'Required parameter is missing',
	134011: 'WhatsApp Payments Terms of Service not accepted',
	2046: 'New order status was not correctly transitioned',
	2047: "Could not change order status to 'canceled'",
};

/** Meta's error for a catalogue code: `(#code) title`, with the details Meta puts in error_data. */
export function metaError(code: number, details?: string, http = 400): GraphError {
	const title = META_WORDING[code] ?? GRAPH_ERRORS[code]?.title ?? 'An unknown error occurred';
	return new GraphError(http, code, `(#${code}) ${title}`, details);
}

export function graphErrorBody(e: GraphError): Json {
	const error: Json = {
		message: e.message,
		type: e.type,
		code: e.code,
		fbtrace_id: `sandbox-${randomBytes(6).toString('hex')}`,
	};
	if (e.details) error.error_data = { messaging_product: 'whatsapp', details: e.details };
	return { error };
}

/** A shared rule broken in a request, as Meta reports it: 131008 missing, 100 unknown or too long, else 131009. */
export function validationToGraph(e: PaymentsValidationError): GraphError {
	const code =
		e.kind === 'missing' ? 131008 : e.kind === 'length' || e.kind === 'unknown' ? 100 : 131009;
	return metaError(code, e.message);
}

/** Runs a shared validator and answers its rule errors as Meta would. */
export function asGraph<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof PaymentsValidationError) throw validationToGraph(e);
		throw e;
	}
}
