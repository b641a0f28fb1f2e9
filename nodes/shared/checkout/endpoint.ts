/**
 * What the checkout data endpoint does with one request, apart from n8n: check the signature, load the key,
 * decrypt, and decide (answer now, or let the workflow answer). Used by the WhatsApp Checkout Endpoint
 * trigger and by Checkout > Read Request (after n8n's Webhook node). Never throws for a bad request.
 */
import type { KeyObject } from 'crypto';

import { toDecimal } from '../money';
import type { JsonObject } from '../orders';
import { verifySignature } from '../signature';
import { acknowledgeAnswer, pingAnswer, readCheckoutRequest, rejectAnswer } from './answer';
import type { Answer, CheckoutRequest } from './answer';
import {
	CheckoutDecryptError,
	CheckoutKeyError,
	decryptCheckoutRequest,
	loadPrivateKey,
	parseJson,
	sealSession,
} from './crypto';
import type { CheckoutSession } from './crypto';

export type Decision =
	/** Answer with an empty body and this status (432 signature, 421 decryption, 500 key). */
	| { kind: 'refuse'; status: 421 | 432 | 500; reason: string }
	/** Answer now, encrypted; `run` when the workflow should still hear of it (error notifications). */
	| {
			kind: 'answer';
			answer: Answer;
			session: CheckoutSession;
			request: CheckoutRequest;
			run: boolean;
			key: KeyObject;
	  }
	/** Start a run and let it answer. */
	| { kind: 'run'; session: CheckoutSession; request: CheckoutRequest; key: KeyObject };

export function decide(
	raw: Buffer | undefined,
	signature: unknown,
	appSecret: string,
	privateKeyPem: string,
	passphrase: string,
): Decision {
	if (!appSecret)
		return {
			kind: 'refuse',
			status: 432,
			reason: 'the WhatsApp Payments API credential has no App Secret to verify the signature',
		};
	if (!verifySignature(raw, signature, appSecret))
		return { kind: 'refuse', status: 432, reason: 'missing or wrong X-Hub-Signature-256' };
	let key: KeyObject;
	try {
		key = loadPrivateKey(privateKeyPem, passphrase);
	} catch (error) {
		return {
			kind: 'refuse',
			status: 500,
			reason:
				error instanceof CheckoutKeyError ? error.message : 'the private key cannot be loaded',
		};
	}
	let decrypted;
	try {
		const body = parseJson(raw ? raw.toString('utf8') : '');
		if (body === undefined) return { kind: 'refuse', status: 421, reason: 'the body is not JSON' };
		decrypted = decryptCheckoutRequest(body, key);
	} catch (error) {
		return {
			kind: 'refuse',
			status: 421,
			reason:
				error instanceof CheckoutDecryptError ? error.message : 'the request cannot be decrypted',
		};
	}
	const { payload, session } = decrypted;
	const request = readCheckoutRequest(payload);
	if (request.action === 'ping')
		return { kind: 'answer', answer: pingAnswer(request), session, request, run: false, key };
	if (request.action === 'unknown')
		return {
			kind: 'answer',
			answer: rejectAnswer('This shop cannot handle this request.'),
			session,
			request,
			run: false,
			key,
		};
	if (request.action === 'error_notification')
		return { kind: 'answer', answer: acknowledgeAnswer(request), session, request, run: true, key };
	return { kind: 'run', session, request, key };
}

/** One request as the workflow sees it, its session sealed with the private key (see sealSession). */
export function checkoutItem(
	request: CheckoutRequest,
	session: CheckoutSession,
	key: KeyObject,
): JsonObject {
	const od = request.orderDetails ?? {};
	const total = od.total_amount as { value: number; offset: number } | undefined;
	const hasTotal = total !== undefined && typeof total.value === 'number';
	const coupon = request.input.coupon as JsonObject | undefined;
	return {
		action: request.action,
		version: request.version,
		reference_id: (od.reference_id as string) ?? null,
		user_id: (request.input.user_id as string) ?? null,
		coupon_code: (coupon?.code as string) ?? null,
		selected_address: (request.input.selected_address as JsonObject) ?? null,
		total: hasTotal ? total : null,
		total_decimal: hasTotal ? toDecimal(total) : null,
		order_details: od,
		input: request.input,
		error: request.error ?? null,
		received_at: new Date().toISOString(),
		session: sealSession(session, key),
	};
}
