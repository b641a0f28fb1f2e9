/**
 * What the endpoint trigger does with one request, apart from n8n: check the signature, load the key,
 * decrypt, and decide (answer now, or start a run). Returns the decision; never throws for a bad request.
 */
import type { KeyObject } from 'crypto';

import {
	acknowledgeAnswer,
	CheckoutDecryptError,
	CheckoutKeyError,
	decryptCheckoutRequest,
	loadPrivateKey,
	parseJson,
	pingAnswer,
	readCheckoutRequest,
	rejectAnswer,
	verifySignature,
} from '../shared';
import type { Answer, CheckoutRequest, CheckoutSession } from '../shared';

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
