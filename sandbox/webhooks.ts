/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import * as http from 'http';
import * as https from 'https';
import { randomBytes } from 'crypto';

import { signPayload } from '../nodes/shared/signature';

export interface DeliveryAttempt {
	at: string;
	status: number | null;
	error?: string;
	durationMs: number;
}

export interface DeliveryRecord {
	id: number;
	url: string | null;
	field: string;
	wabaId: string;
	body: string;
	signature: string | null;
	attempts: DeliveryAttempt[];
	state: 'pending' | 'delivered' | 'failed' | 'undeliverable';
	/** Why it went nowhere (no subscription) or what it is (test tampering). */
	note?: string;
}

export interface PostResult {
	status: number | null;
	body: string;
	error?: string;
}

/** One HTTP request from the sandbox to a callback (verification GET or webhook POST). */
export function request(
	method: 'GET' | 'POST',
	url: string,
	body?: string,
	headers: Record<string, string> = {},
	timeoutMs = 10000,
): Promise<PostResult> {
	return new Promise((resolve) => {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			resolve({ status: null, body: '', error: 'invalid URL' });
			return;
		}
		const lib = parsed.protocol === 'https:' ? https : http;
		const req = lib.request(
			parsed,
			{
				method,
				headers:
					body !== undefined
						? {
								'content-type': 'application/json',
								'content-length': String(Buffer.byteLength(body)),
								...headers,
							}
						: headers,
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', (e) =>
					resolve({ status: res.statusCode ?? null, body: '', error: e.message }),
				);
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ status: null, body: '', error: e.message }));
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/** Meta's verification handshake: GET callback?hub.mode=subscribe&hub.challenge=..&hub.verify_token=.. */
export async function verifyCallback(
	callbackUrl: string,
	verifyToken: string,
): Promise<{ ok: boolean; reason?: string }> {
	const challenge = String(randomBytes(4).readUInt32BE() + 1000000000);
	let url: URL;
	try {
		url = new URL(callbackUrl);
	} catch {
		return { ok: false, reason: 'the callback URL is not a valid URL' };
	}
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.challenge', challenge);
	url.searchParams.set('hub.verify_token', verifyToken);
	const res = await request('GET', url.toString());
	if (res.status === null) return { ok: false, reason: `could not connect (${res.error})` };
	if (res.status !== 200) return { ok: false, reason: `HTTP Status Code = ${res.status}` };
	if (res.body.trim() !== challenge)
		return { ok: false, reason: 'the response did not match the challenge' };
	return { ok: true };
}

/**
 * Meta's retry schedule on a compressed clock. Meta retries a delivery not answered 200 at once, then with
 * decreasing frequency for up to 7 days. The sandbox models that as: the first retry after `retryBaseMs`
 * (30 s of Meta's time), each delay doubling up to 120 times the base (an hour), until 20,160 times the base
 * (7 days) have passed since the first attempt. With the default base of 250 ms the whole week takes 84
 * minutes, so no test runs long enough to see the sandbox give up; a base of 30,000 ms is Meta's own clock.
 */
export const RETRY_MAX_DELAY_FACTOR = 120;
export const RETRY_WINDOW_FACTOR = 20160;

export interface DelivererOptions {
	/** First retry delay (30 s of Meta's time); doubles each time up to the cap above. */
	retryBaseMs: number;
	/** Gives up after this many attempts even inside the retry window (unset: only the window ends it). */
	maxAttempts?: number;
	/** How long an attempt waits for the callback's answer (default 10,000 ms); then the attempt has failed. */
	timeoutMs?: number;
	log?: (line: string) => void;
}

/** The delay before retry n (n = 1 for the first retry) on the sandbox's clock. */
export function retryDelayMs(retryBaseMs: number, n: number): number {
	return Math.min(retryBaseMs * 2 ** Math.min(n - 1, 30), retryBaseMs * RETRY_MAX_DELAY_FACTOR);
}

/** Signs and POSTs webhook bodies, retrying until the callback answers 200 or attempts run out. */
export class WebhookDeliverer {
	readonly records: DeliveryRecord[] = [];
	private nextId = 1;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly timers = new Map<NodeJS.Timeout, () => void>();
	private stopped = false;

	constructor(private readonly options: DelivererOptions) {}

	/** Queues a delivery; returns its record at once (delivery happens in the background). */
	deliver(
		url: string | null,
		field: string,
		wabaId: string,
		body: string,
		opts: { secret: string; signature?: 'valid' | 'invalid' | 'none'; note?: string },
	): DeliveryRecord {
		const { secret, note } = opts;
		const signature = opts.signature ?? 'valid';
		let sig: string | null = signPayload(body, secret);
		if (signature === 'invalid') sig = signPayload(body, `${secret}-wrong`);
		if (signature === 'none') sig = null;
		const record: DeliveryRecord = {
			id: this.nextId++,
			url,
			field,
			wabaId,
			body,
			signature: sig,
			attempts: [],
			state: url ? 'pending' : 'undeliverable',
			note: url ? note : (note ?? 'no callback is subscribed for this field'),
		};
		this.records.push(record);
		// The newest 20,000 to 25,000 are kept. Trimmed 5,000 at a time: trimming one per delivery moved the whole
		// list each time (three status webhooks per message, thousands per second in a large send).
		if (this.records.length > 25000) this.records.splice(0, this.records.length - 20000);
		if (url) this.track(this.attempt(record, 0));
		return record;
	}

	private track(p: Promise<void>): void {
		this.inFlight.add(p);
		void p.finally(() => this.inFlight.delete(p));
	}

	private async attempt(record: DeliveryRecord, n: number): Promise<void> {
		if (this.stopped || !record.url) return;
		const started = Date.now();
		const headers: Record<string, string> = { 'user-agent': 'WhatsAppPaymentsSandbox/1.0' };
		if (record.signature) headers['x-hub-signature-256'] = record.signature;
		const res = await request('POST', record.url, record.body, headers, this.options.timeoutMs);
		record.attempts.push({
			at: new Date(started).toISOString(),
			status: res.status,
			error: res.error,
			durationMs: Date.now() - started,
		});
		if (res.status === 200) {
			record.state = 'delivered';
			return;
		}
		const { retryBaseMs, maxAttempts } = this.options;
		const delay = retryDelayMs(retryBaseMs, n + 1);
		const firstAt = Date.parse(record.attempts[0].at);
		const windowEnds = firstAt + retryBaseMs * RETRY_WINDOW_FACTOR;
		if ((maxAttempts !== undefined && n + 1 >= maxAttempts) || Date.now() + delay > windowEnds) {
			record.state = 'failed';
			this.options.log?.(
				`webhook #${record.id} to ${record.url} failed after ${n + 1} attempts (last: ${res.status ?? res.error})`,
			);
			return;
		}
		if (this.stopped) return;
		await new Promise<void>((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, delay);
			this.timers.set(t, resolve);
		});
		await this.attempt(record, n + 1);
	}

	/** Resolves when every queued delivery has finished (delivered or given up). */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	stop(): void {
		this.stopped = true;
		for (const [t, resolve] of this.timers) {
			clearTimeout(t);
			resolve();
		}
		this.timers.clear();
	}
}
