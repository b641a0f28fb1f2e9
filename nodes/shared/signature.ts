import { createHmac, createSecretKey, timingSafeEqual } from 'crypto';
import type { KeyObject } from 'crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=<lowercase hex HMAC-SHA256 of the exact bytes, keyed with the app secret>`. */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

// Importing the key once per secret makes each HMAC cheaper; a handful of secrets at most per process.
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
	let key = keys.get(secret);
	if (!key) {
		if (keys.size >= 64) keys.clear();
		key = createSecretKey(Buffer.from(secret, 'utf8'));
		keys.set(secret, key);
	}
	return key;
}

/**
 * Whether two secrets are equal, in a time that depends on neither their content nor their lengths:
 * both are first hashed to 32 bytes, and only then compared with `timingSafeEqual`.
 */
export function constantTimeEqual(a: string, b: string): boolean {
	const x = createHmac('sha256', 'compare').update(a).digest();
	const y = createHmac('sha256', 'compare').update(b).digest();
	return timingSafeEqual(x, y) && a.length === b.length;
}

/**
 * Constant-time check of `X-Hub-Signature-256` over the raw bytes. Both sides are 64 lowercase hex
 * characters when compared, so neither length nor content of the expected value leaks through timing.
 */
export function verifySignature(
	rawBody: Buffer | string | undefined,
	header: unknown,
	appSecret: string,
): boolean {
	if (rawBody === undefined || typeof header !== 'string' || !appSecret) return false;
	const value = header.trim();
	if (value.length !== 71 || !value.startsWith('sha256=')) return false;
	const given = value.slice(7).toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(given)) return false;
	const expected = createHmac('sha256', keyFor(appSecret)).update(rawBody).digest('hex');
	return constantTimeEqual(expected, given);
}
