/* eslint-disable @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The sandbox as the WhatsApp client of a checkout data endpoint, against a shop on a loopback port that
 * behaves as Meta's published sample endpoint does: `apply_coupon` needs the coupon's `id`, a request it
 * cannot use is answered 200 with `data.error`, and `remove_coupon` without a coupon is a 421.
 */
import * as crypto from 'crypto';

import {
	decryptCheckoutRequest,
	encryptCheckoutResponse,
	loadPrivateKey,
} from '../../nodes/shared/checkout';
import type { Sandbox } from '../../sandbox/server';
import { graphOf, message } from '../helpers/graph';
import { sandboxFor, PHONE_IN, WABA_ID } from '../helpers/sandbox';
import { scriptedServer } from '../helpers/scriptedServer';

type J = Record<string, any>;

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const KEY = loadPrivateKey(privateKey);
const COUPONS = [
	{ code: 'TRYNEW20', id: 'try_new_20_id', description: 'Save 20 on the order' },
	{ code: 'NOID5', description: 'A coupon the shop gave without an id' },
];

/** The shop's answer to one decrypted request, as Meta's sample endpoint gives it. */
function shopAnswer(payload: J): { status: number; answer: J } {
	const od = payload.data?.order_details as J;
	const input = (payload.data?.input ?? {}) as J;
	if (payload.sub_action === 'get_coupons')
		return { status: 200, answer: { version: '1.0', data: { coupons: COUPONS } } };
	if (payload.sub_action === 'apply_coupon') {
		if (!input.coupon?.id)
			return { status: 200, answer: { version: '1.0', data: { error: 'Coupon id is missing' } } };
		const discount = 2000;
		return {
			status: 200,
			answer: {
				version: '1.0',
				data: {
					order_details: {
						...od,
						coupon: { ...input.coupon, discount: { value: discount, offset: 100 } },
						total_amount: { value: od.total_amount.value - discount, offset: 100 },
					},
				},
			},
		};
	}
	if (payload.sub_action === 'remove_coupon') {
		if (!od.coupon) return { status: 421, answer: { error_msg: 'No coupon to remove' } };
		const rest = { ...od };
		delete rest.coupon;
		return {
			status: 200,
			answer: {
				version: '1.0',
				data: {
					order_details: {
						...rest,
						total_amount: { value: od.total_amount.value + od.coupon.discount.value, offset: 100 },
					},
				},
			},
		};
	}
	if (payload.sub_action === 'apply_shipping')
		return { status: 421, answer: { error_msg: 'Address fields are missing' } };
	return { status: 200, answer: { version: '1.0', data: { acknowledged: true } } };
}

describe('sandbox checkout client against a shop shaped like Meta sample endpoint', () => {
	let sandbox: Sandbox;
	let shop: Awaited<ReturnType<typeof scriptedServer>>;
	const seen: J[] = [];
	const graph = graphOf(() => sandbox);

	beforeEach(async () => {
		seen.length = 0;
		sandbox = await sandboxFor();
		shop = await scriptedServer((req) => {
			let opened: ReturnType<typeof decryptCheckoutRequest>;
			try {
				opened = decryptCheckoutRequest(JSON.parse(req.body), KEY);
			} catch {
				return { status: 421 }; // not for this key: the client refreshes it and retries
			}
			const { payload, session } = opened;
			seen.push(payload);
			const { status, answer } = shopAnswer(payload);
			return {
				status,
				body: encryptCheckoutResponse(answer, session),
				headers: { 'content-type': 'text/plain' },
			};
		});
		await graph('POST', `/${WABA_ID}/payment_configuration`, {
			configuration_name: 'shop-pg',
			provider_name: 'razorpay',
		});
		expect(
			(
				await graph('POST', `/${WABA_ID}/payment_configuration/shop-pg`, {
					data_endpoint_url: `${shop.url}/checkout`,
				})
			).json,
		).toEqual({ success: true });
		expect(
			(
				await graph('POST', `/${PHONE_IN}/whatsapp_business_encryption`, {
					business_public_key: publicKey,
				})
			).json,
		).toEqual({ success: true });
		const sent = await graph(
			'POST',
			`/${PHONE_IN}/messages`,
			message(
				{
					type: 'order_details',
					body: { text: 'Invoice' },
					action: {
						name: 'review_and_pay',
						parameters: {
							reference_id: 'CK-1',
							type: 'digital-goods',
							currency: 'INR',
							total_amount: { value: 10000, offset: 100 },
							payment_settings: [
								{
									type: 'payment_gateway',
									payment_gateway: {
										type: 'razorpay',
										configuration_name: 'shop-pg',
										razorpay: { receipt: 'r-1' },
									},
								},
							],
							order: {
								status: 'pending',
								catalog_id: 'c',
								items: [
									{
										retailer_id: 'a',
										name: 'A',
										amount: { value: 10000, offset: 100 },
										quantity: 1,
									},
								],
								subtotal: { value: 10000, offset: 100 },
								tax: { value: 0, offset: 100 },
							},
						},
					},
				},
				'919999990001',
			),
		);
		expect(sent.status).toBe(200);
	});
	afterEach(async () => {
		await shop.close();
		await sandbox.stop();
	});

	async function buyer(body: J): Promise<{ status: number; json: J }> {
		const res = await fetch(`${sandbox.url}/_sandbox/buyer/checkout`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ reference_id: 'CK-1', ...body }),
		});
		return { status: res.status, json: (await res.json()) as J };
	}
	const history = () => sandbox.getOrder('CK-1').history.map((h) => h.description);

	test('each offered coupon keeps its id; a coupon picked from the list is sent as {code, id} and applies', async () => {
		const offered = await buyer({ action: 'get_coupons' });
		expect(offered.json.status).toBe(200);
		expect(sandbox.getOrder('CK-1').offers).toEqual([
			{ code: 'TRYNEW20', id: 'try_new_20_id', description: 'Save 20 on the order' },
			{ code: 'NOID5', id: undefined, description: 'A coupon the shop gave without an id' },
		]);
		const applied = await buyer({ action: 'apply_coupon', code: 'TRYNEW20', id: 'try_new_20_id' });
		expect(applied.json.status).toBe(200);
		expect(seen[1].data.input.coupon).toEqual({ code: 'TRYNEW20', id: 'try_new_20_id' });
		expect(sandbox.getOrder('CK-1').total).toBe(8000);
		const params = (sandbox.getOrder('CK-1').details.action as J).parameters;
		expect(params.coupon).toMatchObject({ code: 'TRYNEW20', id: 'try_new_20_id' });
		// The coupon goes back to the shop on the next request, and removing it restores the total.
		const removed = await buyer({ action: 'remove_coupon' });
		expect(removed.json.status).toBe(200);
		expect(seen[2].data.order_details.coupon.id).toBe('try_new_20_id');
		expect(sandbox.getOrder('CK-1').total).toBe(10000);
	});

	test('a typed code has no id; the shop refuses it with data.error and that text is the recorded reason', async () => {
		await buyer({ action: 'get_coupons' });
		const typed = await buyer({ action: 'apply_coupon', code: 'trynew20' });
		expect(seen[1].data.input.coupon).toEqual({ code: 'trynew20' });
		expect(typed.json).toMatchObject({ status: 200, refused: 'Coupon id is missing' });
		expect(history()).toContain('apply_coupon: the shop answered an error (Coupon id is missing)');
		expect(sandbox.getOrder('CK-1').total).toBe(10000);
		// Answering the shop's own error with an error notification would be an echo: none is sent.
		expect(seen).toHaveLength(2);
	});

	test('an id that get_coupons did not offer, or apply_coupon without any code, is refused before any request', async () => {
		await buyer({ action: 'get_coupons' });
		const unknown = await buyer({ action: 'apply_coupon', code: 'TRYNEW20', id: 'other' });
		expect(unknown.json.error.error_data.details).toMatch(
			/apply_coupon: id other is not one of the coupons/,
		);
		const empty = await buyer({ action: 'apply_coupon', code: ' ' });
		expect(empty.json.error.error_data.details).toMatch(/apply_coupon: code is required/);
		expect(seen).toHaveLength(1);
	});

	test('remove_coupon with no coupon applied is refused by the client and never reaches the shop', async () => {
		const res = await buyer({ action: 'remove_coupon' });
		expect(res.json.error.error_data.details).toMatch(
			/remove_coupon: order CK-1 has no coupon applied/,
		);
		expect(seen).toHaveLength(0);
	});

	test('421 still means refresh the key and retry once; the text a shop puts in a 421 is the attempt note', async () => {
		await fetch(`${sandbox.url}/_sandbox/checkout/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ wrong_key: true }),
		});
		const stale = await buyer({ action: 'get_coupons' });
		expect(stale.json.attempts).toEqual([
			{ status: 421, note: 'encrypted for a stale key' },
			{ status: 200 },
		]);
		expect(stale.json.status).toBe(200);
		// Meta's sample answers an apply_shipping it cannot read with 421 and an encrypted error_msg.
		const shipping = await buyer({ action: 'apply_shipping' });
		expect(shipping.json.attempts).toEqual([
			{ status: 421, note: 'Address fields are missing' },
			{ status: 421, note: 'Address fields are missing' },
		]);
		expect(seen.filter((p) => p.sub_action === 'apply_shipping')).toHaveLength(2);
	});
});
