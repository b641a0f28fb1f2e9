/**
 * The sandbox as the WhatsApp client during a checkout: it holds each phone number's uploaded business
 * public key (`/{phone}/whatsapp_business_encryption`), and calls the data endpoint linked to the order's
 * payment configuration as Meta's client does: a fresh AES-128 key and IV per request, the key wrapped with
 * RSA-OAEP-SHA256, the body signed with the app secret. On 421 it fetches the key again and retries once;
 * 427 shows the shop's message; an answer that breaks the order rules is refused and reported back to the
 * endpoint as an error notification. Faults: a wrong key (421, then the key-refresh path) or a bad signature.
 */
import * as crypto from 'crypto';

import { flipIv, signPayload, validateCheckoutOrderDetails } from '../nodes/shared';
import type { PaymentsValidationError } from '../nodes/shared';
import { metaError } from './errors';
import type { SandboxContext } from './context';
import type { Json, StoredOrder } from './types';
import { request } from './webhooks';

/** `/{phone}/whatsapp_business_encryption`: upload (form or JSON) and read back the business public key. */
export function businessEncryption(
	sb: SandboxContext,
	method: string,
	phoneId: string,
	body: Json,
): Json {
	if (method === 'POST') {
		const pem = String(body.business_public_key ?? '');
		try {
			crypto.createPublicKey(pem);
		} catch {
			throw metaError(
				100,
				'business_public_key must be a PEM public key (-----BEGIN PUBLIC KEY-----).',
			);
		}
		sb.store.publicKeys.set(phoneId, pem);
		return { success: true };
	}
	const pem = sb.store.publicKeys.get(phoneId);
	return {
		data: pem ? [{ business_public_key: pem, business_public_key_signature_status: 'VALID' }] : [],
	};
}

interface Attempt {
	status: number | null;
	note?: string;
}

/**
 * One request as Meta's client encrypts it: a fresh AES-128 key and IV, the payload sealed with AES-GCM
 * (tag appended) and the key wrapped with RSA-OAEP-SHA256 for the business public key. Exported so that a
 * load test can encrypt its requests ahead of sending them.
 */
export function encrypt(payload: Json, publicKey: string) {
	const aesKey = crypto.randomBytes(16);
	const iv = crypto.randomBytes(16);
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
		body: JSON.stringify({
			encrypted_flow_data: data.toString('base64'),
			encrypted_aes_key: wrapped.toString('base64'),
			initial_vector: iv.toString('base64'),
		}),
		aesKey,
		iv,
	};
}

/** An answer as the client reads it: AES-128-GCM with the request's key and the IV flipped; undefined when it cannot. */
export function decrypt(answer: string, aesKey: Buffer, iv: Buffer): Json | undefined {
	try {
		const raw = Buffer.from(answer.trim(), 'base64');
		const d = crypto.createDecipheriv('aes-128-gcm', aesKey, flipIv(iv));
		d.setAuthTag(raw.subarray(raw.length - 16));
		return JSON.parse(
			Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]).toString('utf8'),
		) as Json;
	} catch {
		return undefined;
	}
}

/** Where an order's checkout requests go: its payment configuration's data endpoint. */
export function endpointOf(
	sb: SandboxContext,
	order: StoredOrder,
): { url: string; configuration: string } {
	const params = (order.details.action as Json).parameters as Json;
	const pg = ((params.payment_settings as Json[] | undefined) ?? []).find(
		(s) => s.type === 'payment_gateway',
	)?.payment_gateway as Json | undefined;
	if (!pg)
		throw metaError(
			131009,
			`Order ${order.reference_id} has no payment gateway, so no checkout data endpoint.`,
		);
	const name = String(pg.configuration_name);
	const config = sb.store.findConfig(name, order.waba_id);
	if (!config.data_endpoint_url)
		throw metaError(131009, `Payment configuration ${name} has no data endpoint linked.`);
	return { url: config.data_endpoint_url, configuration: name };
}

/** One request to a data endpoint, with the client's key refresh on 421. */
export async function callEndpoint(
	sb: SandboxContext,
	url: string,
	phoneId: string,
	secret: string,
	payload: Json,
): Promise<{ status: number | null; answer?: Json; attempts: Attempt[] }> {
	const attempts: Attempt[] = [];
	for (let n = 0; n < 2; n++) {
		const realKey = sb.store.publicKeys.get(phoneId);
		if (!realKey)
			throw metaError(131009, `No business public key uploaded for phone number ${phoneId}.`);
		const wrong = sb.checkoutFaults.wrong_key === true;
		if (wrong) sb.checkoutFaults.wrong_key = false;
		const key = wrong
			? crypto
					.generateKeyPairSync('rsa', { modulusLength: 2048 })
					.publicKey.export({ type: 'spki', format: 'pem' })
					.toString()
			: realKey;
		const { body, aesKey, iv } = encrypt(payload, key);
		const signature = sb.checkoutFaults.bad_signature
			? signPayload(body, `${secret}-wrong`)
			: signPayload(body, secret);
		const res = await request('POST', url, body, { 'x-hub-signature-256': signature }, 10000);
		const answer =
			res.status === 200 || res.status === 427 ? decrypt(res.body, aesKey, iv) : undefined;
		// A 421 may still carry the shop's own encrypted `error_msg` (Meta's sample endpoint does): kept as the note.
		const said = res.status === 421 ? decrypt(res.body, aesKey, iv)?.error_msg : undefined;
		attempts.push({
			status: res.status,
			note:
				res.error ??
				(typeof said === 'string' ? said : undefined) ??
				(wrong ? 'encrypted for a stale key' : undefined),
		});
		sb.log(
			`checkout: ${String(payload.sub_action ?? payload.action)} -> ${url}: ${res.status ?? res.error}`,
		);
		if (res.status === 421 && n === 0) continue; // the client fetches the public key again and retries once
		return { status: res.status, answer, attempts };
	}
	return { status: 421, attempts };
}

const DEFAULT_ADDRESS = {
	name: 'Nidhi Tripathi',
	phone_number: '919000090000',
	address: 'Bandra Kurla Complex',
	city: 'Mumbai',
	state: 'Maharastra',
	in_pin_code: '400051',
	house_number: '12',
	building_name: 'One BKC',
	landmark_area: 'Near BKC Circle',
};

/**
 * The coupon an `apply_coupon` carries: `{code, id}` for a coupon picked from the list `get_coupons` offered
 * (the request's `id` names it), `{code}` alone for a code the buyer typed (a typed code has no id).
 */
function couponInput(order: StoredOrder, body: Json): Json {
	const picked = body.id;
	if (picked === undefined || picked === null || picked === '') {
		const code = String(body.code ?? '').trim();
		if (!code)
			throw metaError(131009, 'apply_coupon: code is required (the coupon the buyer typed).');
		return { code };
	}
	const offer = (order.offers ?? []).find((o) => o.id !== undefined && o.id === String(picked));
	if (!offer)
		throw metaError(
			131009,
			`apply_coupon: id ${String(picked)} is not one of the coupons get_coupons offered for order ${order.reference_id}.`,
		);
	return { code: offer.code, id: offer.id };
}

/**
 * The buyer's checkout step: get the coupons, apply or remove one, or pick an address. A valid answer
 * updates the order (total, coupon, shipping), which the buyer then pays.
 */
export async function buyerCheckout(sb: SandboxContext, body: Json): Promise<Json> {
	const order = sb.store.getOrder(String(body.reference_id ?? ''));
	if (order.status !== 'pending')
		throw metaError(131009, `The order is ${order.status}; it can no longer be changed.`);
	const { url } = endpointOf(sb, order);
	const business = sb.businessByWaba(order.waba_id)!;
	const params = (order.details.action as Json).parameters as Json;
	const orderDetails: Json = { ...params };
	delete orderDetails.payment_settings;
	const action = String(body.action ?? 'get_coupons');
	const input: Json = { user_id: order.wa_id };
	if (action === 'apply_coupon') input.coupon = couponInput(order, body);
	// The client offers "remove" only for an applied coupon; Meta's sample endpoint answers a
	// remove_coupon without one as a key failure (421), which the client would take for a stale key.
	if (action === 'remove_coupon' && !(params.coupon as Json | undefined)?.code)
		throw metaError(
			131009,
			`remove_coupon: order ${order.reference_id} has no coupon applied, so there is nothing to remove.`,
		);
	if (action === 'apply_shipping')
		input.selected_address = (body.address as Json | undefined) ?? DEFAULT_ADDRESS;
	const payload = {
		version: '1.0',
		action: 'data_exchange',
		sub_action: action,
		data: { order_details: orderDetails, input },
	};
	const result = await callEndpoint(sb, url, order.phone_number_id, business.appSecret, payload);
	const out: Json = { status: result.status, attempts: result.attempts };
	if (result.status === 427) {
		out.error_msg = result.answer?.error_msg ?? null;
		order.history.push({
			at: sb.nowSeconds(),
			kind: 'checkout',
			description: `${action}: ${String(out.error_msg)}`,
		});
		return out;
	}
	if (result.status !== 200 || !result.answer) {
		order.history.push({
			at: sb.nowSeconds(),
			kind: 'checkout',
			description: `${action}: the shop did not answer (${result.status ?? 'no answer'})`,
		});
		return out;
	}
	const data = (result.answer.data ?? {}) as Json;
	out.answer = result.answer;
	if (action === 'get_coupons') {
		// Each coupon's id is kept: picking one from the list sends it back with the code.
		order.offers = ((data.coupons as Json[] | undefined) ?? []).map((c) => ({
			code: String(c.code),
			id: c.id === undefined || c.id === null ? undefined : String(c.id),
			description: c.description ? String(c.description) : undefined,
		}));
		return out;
	}
	if (data.error !== undefined && data.order_details === undefined) {
		// The shop answered with its own error (`data.error`): that text is the reason, not a missing field.
		const reason = typeof data.error === 'string' ? data.error : JSON.stringify(data.error);
		out.refused = reason;
		order.history.push({
			at: sb.nowSeconds(),
			kind: 'checkout',
			description: `${action}: the shop answered an error (${reason})`,
		});
		return out;
	}
	const next = data.order_details as Json | undefined;
	try {
		order.total = validateCheckoutOrderDetails(next);
	} catch (error) {
		// The client refuses an answer it cannot use and tells the endpoint.
		const message = (error as PaymentsValidationError).message;
		out.refused = message;
		await callEndpoint(sb, url, order.phone_number_id, business.appSecret, {
			version: '1.0',
			action: 'data_exchange',
			data: { error: 'INVALID_RESPONSE', error_message: message },
		});
		order.history.push({
			at: sb.nowSeconds(),
			kind: 'checkout',
			description: `${action}: answer refused (${message})`,
		});
		return out;
	}
	const updated: Json = { ...params, ...next, payment_settings: params.payment_settings };
	if (!next!.coupon) delete updated.coupon;
	(order.details.action as Json).parameters = updated;
	order.history.push({
		at: sb.nowSeconds(),
		kind: 'checkout',
		description: `${action}: total ${(order.total / 100).toFixed(2)}`,
	});
	return out;
}

/** Meta's health check of a data endpoint. */
export async function pingEndpoint(sb: SandboxContext, body: Json): Promise<Json> {
	const name = String(body.configuration_name ?? '');
	const config = sb.store.findConfig(name);
	if (!config.data_endpoint_url)
		throw metaError(131009, `Payment configuration ${name} has no data endpoint linked.`);
	const business = sb.businessByWaba(sb.store.wabaOfConfig(config))!;
	const result = await callEndpoint(
		sb,
		config.data_endpoint_url,
		business.phoneNumbers[0].id,
		business.appSecret,
		{ version: '1.0', action: 'ping' },
	);
	return { status: result.status, answer: result.answer ?? null, attempts: result.attempts };
}
