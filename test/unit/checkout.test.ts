/**
 * Checkout data endpoint: the crypto against vectors made here independently with node:crypto (the
 * client's side written out step by step from Meta's description of the endpoint's encryption), and the
 * answers' arithmetic against Meta's own samples.
 */
import * as crypto from 'crypto';

import {
	applyCoupon,
	applyShipping,
	couponsAnswer,
	CheckoutDecryptError,
	CheckoutKeyError,
	decryptCheckoutRequest,
	encryptCheckoutResponse,
	loadPrivateKey,
	openSession,
	readCheckoutRequest,
	removeCoupon,
	sealSession,
} from '../../nodes/shared';
import type { CouponRule, JsonObject } from '../../nodes/shared';

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: {
		type: 'pkcs1',
		format: 'pem',
		cipher: 'des-ede3-cbc',
		passphrase: 'open sesame',
	},
});

/** The WhatsApp client's side, as Meta's Flow endpoint guide describes it (not the package's code). */
function clientEncrypt(
	payload: unknown,
	aesKey = crypto.randomBytes(16),
	iv = crypto.randomBytes(16),
) {
	const cipher = crypto.createCipheriv('aes-128-gcm', aesKey, iv);
	const data = Buffer.concat([
		cipher.update(JSON.stringify(payload)),
		cipher.final(),
		cipher.getAuthTag(),
	]);
	const wrapped = crypto.publicEncrypt(
		{ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
		aesKey,
	);
	return {
		body: {
			encrypted_flow_data: data.toString('base64'),
			encrypted_aes_key: wrapped.toString('base64'),
			initial_vector: iv.toString('base64'),
		},
		aesKey,
		iv,
	};
}
function clientDecrypt(answer: string, aesKey: Buffer, iv: Buffer): unknown {
	const raw = Buffer.from(answer, 'base64');
	const flipped = Buffer.from(iv.map((b) => ~b & 0xff));
	const d = crypto.createDecipheriv('aes-128-gcm', aesKey, flipped);
	d.setAuthTag(raw.subarray(raw.length - 16));
	return JSON.parse(
		Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]).toString(),
	);
}

const key = loadPrivateKey(privateKey, 'open sesame');

describe('checkout crypto', () => {
	it('decrypts what the client encrypted and answers so that the client can decrypt it (flipped IV)', () => {
		const ping = { version: '1.0', action: 'ping' };
		const c = clientEncrypt(ping);
		const { payload, session } = decryptCheckoutRequest(c.body, key);
		expect(payload).toEqual(ping);
		expect(session.aesKey.equals(c.aesKey)).toBe(true);
		const answer = encryptCheckoutResponse({ version: '1.0', data: { status: 'active' } }, session);
		expect(clientDecrypt(answer, c.aesKey, c.iv)).toEqual({
			version: '1.0',
			data: { status: 'active' },
		});
	});

	it('a fixed vector: key and IV given, the answer bytes are exactly AES-128-GCM under the flipped IV', () => {
		const aesKey = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
		const iv = Buffer.from('f0e0d0c0b0a090807060504030201000', 'hex');
		// Every bit of the IV flipped, written out by hand.
		const flipped = Buffer.from('0f1f2f3f4f5f6f7f8f9fafbfcfdfefff', 'hex');
		const c = crypto.createCipheriv('aes-128-gcm', aesKey, flipped);
		const expected = Buffer.concat([c.update('{"a":1}'), c.final(), c.getAuthTag()]).toString(
			'base64',
		);
		expect(encryptCheckoutResponse({ a: 1 }, { aesKey, iv })).toBe(expected);
	});

	it.each([
		['a body that is not an object', () => 'x'],
		['a missing field', () => ({ ...clientEncrypt({}).body, initial_vector: undefined })],
		[
			'an AES key encrypted for another key',
			() => {
				const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
				const c = clientEncrypt({ action: 'ping' });
				return {
					...c.body,
					encrypted_aes_key: crypto
						.publicEncrypt(
							{ key: other, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
							c.aesKey,
						)
						.toString('base64'),
				};
			},
		],
		[
			'a flipped bit in the data',
			() => {
				const c = clientEncrypt({ action: 'ping' });
				const raw = Buffer.from(c.body.encrypted_flow_data, 'base64');
				raw[0] ^= 1;
				return { ...c.body, encrypted_flow_data: raw.toString('base64') };
			},
		],
		[
			'an 8-byte IV',
			() => ({
				...clientEncrypt({}).body,
				initial_vector: crypto.randomBytes(8).toString('base64'),
			}),
		],
	])('refuses %s with a decrypt error (421), naming no secret', (_what, body) => {
		let error: unknown;
		try {
			decryptCheckoutRequest(body(), key);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(CheckoutDecryptError);
		expect(String((error as Error).message)).not.toMatch(/PRIVATE KEY|open sesame/);
	});

	it('a wrong passphrase or a non-key is a key error that does not show the key', () => {
		expect(() => loadPrivateKey(privateKey, 'wrong')).toThrow(CheckoutKeyError);
		expect(() => loadPrivateKey('not a key')).toThrow(/not a PEM private key/);
		try {
			loadPrivateKey(privateKey, 'wrong');
		} catch (e) {
			expect((e as Error).message).not.toContain('BEGIN');
		}
	});

	it('the sealed session opens only with the same private key', () => {
		const session = { aesKey: crypto.randomBytes(16), iv: crypto.randomBytes(16) };
		const sealed = sealSession(session, key);
		expect(sealed).toMatch(/^v1\./);
		expect(sealed).not.toContain(session.aesKey.toString('base64'));
		expect(openSession(sealed, key).aesKey.equals(session.aesKey)).toBe(true);
		const other = loadPrivateKey(
			crypto.generateKeyPairSync('rsa', {
				modulusLength: 2048,
				privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
				publicKeyEncoding: { type: 'spki', format: 'pem' },
			}).privateKey,
		);
		expect(() => openSession(sealed, other)).toThrow(CheckoutDecryptError);
	});
});

/** Meta's sample order details (checkout button templates page), minus payment_settings. */
function od(): JsonObject {
	return {
		reference_id: 'abc.123_xyz-1',
		type: 'physical-goods',
		currency: 'INR',
		shipping_info: { country: 'IN', addresses: [] },
		order: {
			status: 'pending',
			items: [
				{
					name: 'Blue Elf Aloe',
					quantity: 1,
					amount: { offset: 100, value: 200000 },
					sale_amount: { offset: 100, value: 150000 },
					country_of_origin: 'India',
					importer_name: 'Lucky Shrub',
					importer_address: {
						address_line1: 'One BKC',
						city: 'Mumbai',
						zone_code: 'MH',
						postal_code: '400051',
						country_code: 'IN',
					},
				},
			],
			subtotal: { offset: 100, value: 150000 },
			shipping: { offset: 100, value: 20000 },
			tax: { offset: 100, value: 10000 },
			discount: { offset: 100, value: 15000, description: 'Additional 10% off' },
		},
		total_amount: { offset: 100, value: 165000 },
	};
}
const request = (sub: string, input: JsonObject, order = od()) =>
	readCheckoutRequest({
		version: '1.0',
		action: 'data_exchange',
		sub_action: sub,
		data: { order_details: order, input: { user_id: '919000090000', ...input } },
	});
const RULES: CouponRule[] = [
	{ code: 'TRYNEW10', type: 'percent', value: 10, description: '10% off' },
	{ code: 'FLAT50', id: 'flat-50', type: 'fixed', value: '50' },
	{ code: 'THIRD', type: 'percent', value: '33.33' },
];

describe('checkout answers (Meta samples)', () => {
	it('get_coupons lists code, id and description', () => {
		expect(couponsAnswer(request('get_coupons', {}), RULES).body).toEqual({
			version: '1.0',
			sub_action: 'get_coupons',
			data: {
				coupons: [
					{ code: 'TRYNEW10', id: 'trynew10', description: '10% off' },
					{ code: 'FLAT50', id: 'flat-50' },
					{ code: 'THIRD', id: 'third' },
				],
			},
		});
	});

	it("apply_coupon TRYNEW10: 165000 -> 148500, subtotal and discount untouched (as Meta's sample)", () => {
		const a = applyCoupon(request('apply_coupon', { coupon: { code: 'trynew10' } }), RULES);
		expect(a.status).toBe(200);
		const out = (a.body.data as JsonObject).order_details as JsonObject;
		expect(out.coupon).toEqual({ code: 'TRYNEW10', discount: { value: 16500, offset: 100 } });
		expect(out.total_amount).toEqual({ offset: 100, value: 148500 });
		expect((out.order as JsonObject).subtotal).toEqual({ offset: 100, value: 150000 });
	});

	it('percent coupons round half up to the paisa: 33.33% of 1650.00 is 549.945 -> 549.95', () => {
		const out = (
			applyCoupon(request('apply_coupon', { coupon: { code: 'THIRD' } }), RULES).body
				.data as JsonObject
		).order_details as JsonObject;
		expect((out.coupon as JsonObject).discount).toEqual({ value: 54995, offset: 100 });
		expect(out.total_amount).toEqual({ offset: 100, value: 165000 - 54995 });
	});

	it('an unknown code, or a coupon worth the whole order, is a 427 with a message', () => {
		expect(applyCoupon(request('apply_coupon', { coupon: { code: 'NOPE' } }), RULES)).toEqual({
			status: 427,
			body: { error_msg: 'The offer code you have entered is not valid.' },
		});
		expect(
			applyCoupon(request('apply_coupon', { coupon: { code: 'ALL' } }), [
				{ code: 'ALL', type: 'percent', value: 100 },
			]).body,
		).toEqual({ error_msg: 'This offer cannot be used on this order.' });
	});

	it('apply_shipping after a coupon: shipping 20000 -> 40000, total 148500 -> 168500; remove_coupon restores 185000', () => {
		const withCoupon = (
			applyCoupon(request('apply_coupon', { coupon: { code: 'TRYNEW10' } }), RULES).body
				.data as JsonObject
		).order_details as JsonObject;
		const address = {
			name: 'Nidhi Tripathi',
			phone_number: '919000090000',
			address: 'Bandra Kurla Complex',
			city: 'Mumbai',
			state: 'Maharastra',
			in_pin_code: '400051',
		};
		const shipped = applyShipping(
			request('apply_shipping', { selected_address: address }, withCoupon),
			{ cost: '400', serviceablePins: ['4000'] },
		);
		const out = (shipped.body.data as JsonObject).order_details as JsonObject;
		expect((out.order as JsonObject).shipping).toEqual({ value: 40000, offset: 100 });
		expect(out.total_amount).toEqual({ offset: 100, value: 168500 });
		expect((out.shipping_info as JsonObject).selected_address).toEqual(address);
		const removed = (removeCoupon(request('remove_coupon', {}, out)).body.data as JsonObject)
			.order_details as JsonObject;
		expect(removed).not.toHaveProperty('coupon');
		expect(removed.total_amount).toEqual({ offset: 100, value: 185000 });
		expect(
			applyShipping(
				request('apply_shipping', { selected_address: { ...address, in_pin_code: '110001' } }),
				{ cost: '0', serviceablePins: ['4000'] },
			).body,
		).toEqual({ error_msg: 'We do not deliver to PIN code 110001 yet.' });
	});

	it('reads ping, error notifications and unknown actions', () => {
		expect(readCheckoutRequest({ version: '1.0', action: 'ping' }).action).toBe('ping');
		expect(
			readCheckoutRequest({
				version: '1.0',
				action: 'data_exchange',
				data: { error: 'INVALID', error_message: 'bad total' },
			}),
		).toMatchObject({ action: 'error_notification', error: 'bad total' });
		expect(readCheckoutRequest({ action: 'data_exchange', sub_action: 'teleport' }).action).toBe(
			'unknown',
		);
	});
});
