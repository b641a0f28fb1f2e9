/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Malformed and garbled checkout endpoint requests: the endpoint's decision never throws, answers 432 when
 * the signature is wrong and 421 when the request cannot be decrypted, and what it logs (the reason)
 * never carries decrypted content.
 */
import * as crypto from 'crypto';

import fc from 'fast-check';

import { decide } from '../../nodes/shared/checkout/endpoint';
import { signPayload } from '../../nodes/shared';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const SECRET = 'fuzz-app-secret';
const MARKER = 'SECRET-ORDER-MARKER-42';
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

function valid(): Record<string, string> {
	const aesKey = crypto.randomBytes(16);
	const iv = crypto.randomBytes(16);
	const c = crypto.createCipheriv('aes-128-gcm', aesKey, iv);
	const payload = {
		version: '1.0',
		action: 'data_exchange',
		sub_action: 'get_coupons',
		data: { input: { user_id: MARKER } },
	};
	const data = Buffer.concat([c.update(JSON.stringify(payload)), c.final(), c.getAuthTag()]);
	const wrapped = crypto.publicEncrypt(
		{ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
		aesKey,
	);
	return {
		encrypted_flow_data: data.toString('base64'),
		encrypted_aes_key: wrapped.toString('base64'),
		initial_vector: iv.toString('base64'),
	};
}
const BASE = valid();

/** Ways to break a valid request: flip a byte, cut, swap fields, replace a field with junk, or no JSON at all. */
const garbled = fc.oneof(
	fc
		.record({
			field: fc.constantFrom('encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'),
			at: fc.nat(),
			bit: fc.integer({ min: 0, max: 7 }),
		})
		.map(({ field, at, bit }) => {
			const raw = Buffer.from(BASE[field], 'base64');
			raw[at % raw.length] ^= 1 << bit;
			return JSON.stringify({ ...BASE, [field]: raw.toString('base64') });
		}),
	fc
		.record({
			field: fc.constantFrom('encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'),
			keep: fc.nat(),
		})
		// Cutting only base64 padding leaves the same bytes: that is not a broken request.
		.filter(
			({ field, keep }) =>
				BASE[field].slice(0, keep % BASE[field].length).replace(/=+$/, '') !==
				BASE[field].replace(/=+$/, ''),
		)
		.map(({ field, keep }) =>
			JSON.stringify({ ...BASE, [field]: BASE[field].slice(0, keep % BASE[field].length) }),
		),
	fc
		.record({
			field: fc.constantFrom('encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'),
			junk: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.base64String()),
		})
		.map(({ field, junk }) => JSON.stringify({ ...BASE, [field]: junk })),
	fc.constant(
		JSON.stringify({
			encrypted_flow_data: BASE.encrypted_flow_data,
			encrypted_aes_key: BASE.encrypted_aes_key,
			initial_vector: BASE.encrypted_aes_key.slice(0, 24),
		}),
	),
	fc.json(),
	fc.string(),
);

describe(`checkout endpoint fuzzing (${RUNS} requests, seed ${SEED})`, () => {
	test('garbled requests with a valid signature get 421; nothing decrypted is in the reason', () => {
		fc.assert(
			fc.property(garbled, (body) => {
				const raw = Buffer.from(body);
				const d = decide(raw, signPayload(raw, SECRET), SECRET, privateKey, '');
				expect(d.kind).toBe('refuse');
				if (d.kind === 'refuse') {
					expect(d.status).toBe(421);
					expect(d.reason).not.toContain(MARKER);
				}
			}),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('any request with a wrong or missing signature gets 432 before anything is decrypted', () => {
		fc.assert(
			fc.property(
				garbled,
				fc.oneof(
					fc.constant(undefined),
					fc.string(),
					fc
						.uint8Array({ minLength: 32, maxLength: 32 })
						.map((b) => `sha256=${Buffer.from(b).toString('hex')}`),
				),
				(body, signature) => {
					const d = decide(Buffer.from(body), signature, SECRET, privateKey, '');
					expect(d).toMatchObject({ kind: 'refuse', status: 432 });
				},
			),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('the unbroken request decrypts (the fuzz starts from a request that works)', () => {
		const raw = Buffer.from(JSON.stringify(BASE));
		expect(decide(raw, signPayload(raw, SECRET), SECRET, privateKey, '')).toMatchObject({
			kind: 'run',
			request: { action: 'get_coupons' },
		});
	});
});
