/* eslint-disable no-console */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The checkout data endpoint: the package's own share of one round trip, without n8n. For each request the
 * buyer's client encrypts (RSA-OAEP 2048 + AES-128-GCM, as Meta's Flow endpoint guide describes) and signs an
 * `apply_coupon` or `apply_shipping`; then, timed, the steps the package runs: the trigger's decision
 * (signature, cached key, RSA and AES decryption, reading the request) and the session it seals into the item;
 * the Respond operation's answer (coupon or shipping rule, order validation) and its encryption. The client
 * decrypts each answer (not timed) to check it. What n8n adds between the two (the webhook, the run, the
 * expression isolate) is not here: see BENCHMARKS.md.
 *
 * BENCH_CHECKOUT_REQUESTS (default 5000) after 500 warm-up.
 */
import * as crypto from 'crypto';

import { decide } from '../nodes/shared/checkout/endpoint';
import {
	applyCoupon,
	applyShipping,
	encryptCheckoutResponse,
	flipIv,
	openSession,
	sealSession,
	signPayload,
} from '../nodes/shared';
import type { CouponRule, JsonObject } from '../nodes/shared';
import { fmt, header, percentile, table } from './common';

const SECRET = 'bench-app-secret';
const RULES: CouponRule[] = [
	{ code: 'TRYNEW10', type: 'percent', value: 10, description: '10% off' },
	{ code: 'FLAT50', id: 'flat-50', type: 'fixed', value: '50' },
];
const SHIPPING = { cost: '49.00', serviceablePins: ['40', '41', '56'] };

function orderDetails(ref: string): JsonObject {
	return {
		reference_id: ref,
		type: 'physical-goods',
		currency: 'INR',
		shipping_info: { country: 'IN', addresses: [] },
		order: {
			status: 'pending',
			items: [
				{ name: 'Blue Elf Aloe', quantity: 1, amount: { offset: 100, value: 200000 }, sale_amount: { offset: 100, value: 150000 }, country_of_origin: 'India', importer_name: 'Lucky Shrub', importer_address: { address_line1: 'One BKC', city: 'Mumbai', zone_code: 'MH', postal_code: '400051', country_code: 'IN' } },
				{ name: 'Terracotta pot', quantity: 2, amount: { offset: 100, value: 35000 }, country_of_origin: 'India', importer_name: 'Lucky Shrub', importer_address: { address_line1: 'One BKC', city: 'Mumbai', zone_code: 'MH', postal_code: '400051', country_code: 'IN' } },
			],
			subtotal: { offset: 100, value: 220000 },
			shipping: { offset: 100, value: 0 },
			tax: { offset: 100, value: 10000 },
		},
		total_amount: { offset: 100, value: 230000 },
	};
}

const ADDRESS = { name: 'Nidhi Tripathi', phone_number: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharastra', in_pin_code: '400051', house_number: '12', building_name: 'One BKC', landmark_area: 'Near BKC Circle' };

function clientRequest(n: number, publicKey: crypto.KeyObject) {
	const coupon = n % 2 === 0;
	const payload = {
		version: '1.0',
		action: 'data_exchange',
		sub_action: coupon ? 'apply_coupon' : 'apply_shipping',
		data: { order_details: orderDetails(`bench-${n}`), input: coupon ? { user_id: '919000090000', coupon: { code: 'trynew10' } } : { user_id: '919000090000', selected_address: ADDRESS } },
	};
	const aesKey = crypto.randomBytes(16);
	const iv = crypto.randomBytes(16);
	const cipher = crypto.createCipheriv('aes-128-gcm', aesKey, iv);
	const data = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final(), cipher.getAuthTag()]);
	const wrapped = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
	const raw = Buffer.from(JSON.stringify({ encrypted_flow_data: data.toString('base64'), encrypted_aes_key: wrapped.toString('base64'), initial_vector: iv.toString('base64') }));
	return { raw, signature: signPayload(raw, SECRET), aesKey, iv, coupon };
}

function clientDecrypt(answer: string, aesKey: Buffer, iv: Buffer): JsonObject {
	const bytes = Buffer.from(answer, 'base64');
	const d = crypto.createDecipheriv('aes-128-gcm', aesKey, flipIv(iv));
	d.setAuthTag(bytes.subarray(bytes.length - 16));
	return JSON.parse(Buffer.concat([d.update(bytes.subarray(0, bytes.length - 16)), d.final()]).toString()) as JsonObject;
}

const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;

export async function benchCheckout(): Promise<void> {
	const n = Number(process.env.BENCH_CHECKOUT_REQUESTS ?? 5000);
	const warm = 500;
	header(`Checkout endpoint: the package's share of one apply_coupon / apply_shipping round trip (${n} requests after ${warm} warm-up, no n8n)`);
	const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
	const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const steps = { trigger: [] as number[], respond: [] as number[], total: [] as number[], cpu: [] as number[] };
	let wrong = 0;
	for (let k = 0; k < warm + n; k++) {
		const req = clientRequest(k, publicKey);
		const c0 = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		const decision = decide(req.raw, req.signature, SECRET, pem, '');
		if (decision.kind !== 'run') throw new Error(`request ${k}: ${decision.kind}`);
		const sealed = sealSession(decision.session, decision.key);
		const t1 = process.hrtime.bigint();
		const answer = req.coupon ? applyCoupon(decision.request, RULES) : applyShipping(decision.request, SHIPPING);
		const body = encryptCheckoutResponse(answer.body, openSession(sealed, decision.key));
		const t2 = process.hrtime.bigint();
		const c = process.cpuUsage(c0);
		const back = clientDecrypt(body, req.aesKey, req.iv);
		const total = ((back.data as JsonObject)?.order_details as JsonObject | undefined)?.total_amount as { value: number } | undefined;
		if (answer.status !== 200 || total?.value !== (req.coupon ? 207000 : 234900)) wrong++;
		if (k < warm) continue;
		steps.trigger.push(ms(t0, t1));
		steps.respond.push(ms(t1, t2));
		steps.total.push(ms(t0, t2));
		steps.cpu.push((c.user + c.system) / 1000);
		// Let timers and I/O run between requests, as a server would.
		if (k % 100 === 0) await new Promise((r) => setImmediate(r));
	}
	const row = (name: string, values: number[]) => ({ step: name, p50: `${fmt(percentile(values, 50), 3)} ms`, p95: `${fmt(percentile(values, 95), 3)} ms`, p99: `${fmt(percentile(values, 99), 3)} ms`, max: `${fmt(Math.max(...values), 3)} ms` });
	table([
		row('trigger: signature, decrypt (RSA-OAEP + AES-GCM), read, seal session', steps.trigger),
		row('Respond: answer (coupon or shipping, order checks), open session, encrypt', steps.respond),
		row("the package's share per request", steps.total),
		row("the package's share per request, CPU time of the process (time descheduled left out)", steps.cpu),
	]);
	console.log(`\nAnswers the client could not read or with a wrong total: ${wrong} of ${warm + n}. Target: the package's share under 5 ms at p99 (${fmt(percentile(steps.total, 99), 3)} ms).`);
}

if (require.main === module) void benchCheckout();
