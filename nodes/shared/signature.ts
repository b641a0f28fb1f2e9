import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=<lowercase hex HMAC-SHA256 of the exact bytes, keyed with the app secret>`. */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Constant-time check of `X-Hub-Signature-256` over the raw bytes. Compares digests of equal length,
 * so neither the length nor the content of the expected value leaks through timing.
 */
export function verifySignature(rawBody: Buffer | string | undefined, header: unknown, appSecret: string): boolean {
	if (rawBody === undefined || typeof header !== 'string' || !appSecret) return false;
	const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
	if (!match) return false;
	const expected = createHmac('sha256', appSecret).update(rawBody).digest();
	const given = Buffer.from(match[1], 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
