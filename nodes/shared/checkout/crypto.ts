/**
 * The checkout data endpoint's cryptography (Meta, "Implementing your Flow endpoint",
 * https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint, "Request
 * decryption and encryption"; the checkout endpoint uses the same scheme), endpoint side: the request's
 * AES-128 key is unwrapped with the business private key (RSA-OAEP, SHA-256 for hash and MGF1), the body is
 * AES-128-GCM with a 16-byte IV and the 16-byte tag at the end; the answer is encrypted with the same key and
 * the IV with every bit flipped, and sent as base64. Only `crypto`.
 */
import * as crypto from 'crypto';
import type { KeyObject } from 'crypto';

/** The request cannot be decrypted with this key: answer 421 so that the client fetches the public key again. */
export class CheckoutDecryptError extends Error {
	constructor(reason: string) {
		super(`Checkout request could not be decrypted: ${reason}`);
		this.name = 'CheckoutDecryptError';
	}
}

/** The private key in the credential is unusable (wrong passphrase, not a PEM private key). Never shows the key. */
export class CheckoutKeyError extends Error {
	constructor(reason: string) {
		super(`The business private key in the credential cannot be used: ${reason}`);
		this.name = 'CheckoutKeyError';
	}
}

export interface CheckoutSession {
	aesKey: Buffer;
	iv: Buffer;
}

const keyCache = new Map<string, KeyObject>();

/** The value, or undefined when computing it throws (a crypto or parse failure the caller names). */
export function attempt<T>(fn: () => T): T | undefined {
	try {
		return fn();
	} catch {
		return undefined;
	}
}

/** JSON text parsed, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
	return attempt(() => JSON.parse(text) as unknown);
}

/** The private key as a KeyObject (PKCS#1 or PKCS#8 PEM, optionally encrypted with the passphrase). */
export function loadPrivateKey(pem: string, passphrase?: string): KeyObject {
	const cacheKey = crypto
		.createHash('sha256')
		.update(`${pem}\u0000${passphrase ?? ''}`)
		.digest('hex');
	const cached = keyCache.get(cacheKey);
	if (cached) return cached;
	let key: KeyObject | undefined;
	let problem = '';
	try {
		key = crypto.createPrivateKey({
			key: pem.replace(/\\n/g, '\n').trim(),
			format: 'pem',
			passphrase: passphrase || undefined,
		});
	} catch (error) {
		problem = (error as Error).message;
	}
	if (!key) {
		throw new CheckoutKeyError(
			/passphrase|decrypt|bad decrypt/i.test(problem)
				? 'the passphrase is missing or wrong'
				: 'it is not a PEM private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)',
		);
	}
	if (key.asymmetricKeyType !== 'rsa') throw new CheckoutKeyError('it is not an RSA key');
	if (keyCache.size > 16) keyCache.clear();
	keyCache.set(cacheKey, key);
	return key;
}

function base64Field(body: Record<string, unknown>, name: string): Buffer {
	const value = body[name];
	if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/=\s_-]+$/.test(value))
		throw new CheckoutDecryptError(`${name} is missing or not base64`);
	return Buffer.from(value, 'base64');
}

/** Decrypts one request body `{encrypted_flow_data, encrypted_aes_key, initial_vector}`. */
export function decryptCheckoutRequest(
	body: unknown,
	privateKey: KeyObject,
): { payload: Record<string, unknown>; session: CheckoutSession } {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw new CheckoutDecryptError('the body is not a JSON object');
	const b = body as Record<string, unknown>;
	const wrappedKey = base64Field(b, 'encrypted_aes_key');
	const iv = base64Field(b, 'initial_vector');
	const data = base64Field(b, 'encrypted_flow_data');
	const aesKey = attempt(() =>
		crypto.privateDecrypt(
			{ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
			wrappedKey,
		),
	);
	if (!aesKey)
		throw new CheckoutDecryptError('the AES key was not encrypted for this business key');
	if (aesKey.length !== 16) throw new CheckoutDecryptError('the AES key is not 128 bits');
	if (iv.length !== 16) throw new CheckoutDecryptError('the initial vector is not 16 bytes');
	if (data.length <= 16) throw new CheckoutDecryptError('encrypted_flow_data is too short');
	const text = attempt(() => {
		const decipher = crypto.createDecipheriv('aes-128-gcm', aesKey, iv, { authTagLength: 16 });
		decipher.setAuthTag(data.subarray(data.length - 16));
		return Buffer.concat([
			decipher.update(data.subarray(0, data.length - 16)),
			decipher.final(),
		]).toString('utf8');
	});
	if (text === undefined)
		throw new CheckoutDecryptError('the data does not authenticate (tampered, or another key)');
	const payload = parseJson(text);
	if (payload === undefined) throw new CheckoutDecryptError('the decrypted data is not JSON');
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
		throw new CheckoutDecryptError('the decrypted data is not a JSON object');
	return { payload: payload as Record<string, unknown>, session: { aesKey, iv } };
}

/** The IV of the answer: every bit of the request's IV flipped. */
export function flipIv(iv: Buffer): Buffer {
	return Buffer.from(iv.map((b) => b ^ 0xff));
}

/** Encrypts an answer for the session of its request: base64(ciphertext || tag). */
export function encryptCheckoutResponse(answer: unknown, session: CheckoutSession): string {
	const cipher = crypto.createCipheriv('aes-128-gcm', session.aesKey, flipIv(session.iv), {
		authTagLength: 16,
	});
	const body = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
	return Buffer.concat([body, cipher.getAuthTag()]).toString('base64');
}

/**
 * The session as the trigger item carries it to the Respond operation: sealed (AES-256-GCM) with a key
 * derived from the business private key, so execution data holds no usable session key.
 */
export function sealSession(session: CheckoutSession, privateKey: KeyObject): string {
	const nonce = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', sessionKey(privateKey), nonce);
	const sealed = Buffer.concat([
		cipher.update(Buffer.concat([session.aesKey, session.iv])),
		cipher.final(),
	]);
	return `v1.${Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64')}`;
}

export function openSession(token: unknown, privateKey: KeyObject): CheckoutSession {
	const text = typeof token === 'string' && token.startsWith('v1.') ? token.slice(3) : '';
	const raw = Buffer.from(text, 'base64');
	if (raw.length !== 12 + 32 + 16)
		throw new CheckoutDecryptError(
			'the item has no checkout session (it must come from the WhatsApp Checkout Endpoint trigger or Checkout > Read Request)',
		);
	const plain = attempt(() => {
		const decipher = crypto.createDecipheriv(
			'aes-256-gcm',
			sessionKey(privateKey),
			raw.subarray(0, 12),
		);
		decipher.setAuthTag(raw.subarray(44));
		return Buffer.concat([decipher.update(raw.subarray(12, 44)), decipher.final()]);
	});
	if (!plain)
		throw new CheckoutDecryptError(
			'the checkout session was sealed with another key (check the credential)',
		);
	return { aesKey: plain.subarray(0, 16), iv: plain.subarray(16) };
}

const sessionKeys = new WeakMap<KeyObject, Buffer>();
function sessionKey(privateKey: KeyObject): Buffer {
	let key = sessionKeys.get(privateKey);
	if (!key) {
		const der = privateKey.export({ type: 'pkcs8', format: 'der' });
		key = crypto.createHmac('sha256', der).update('wapay checkout session v1').digest();
		sessionKeys.set(privateKey, key);
	}
	return key;
}
