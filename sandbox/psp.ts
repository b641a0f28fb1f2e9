/** The fake PSP: charges stored card credentials and reports Pix or boleto payments to the shop's webhook. */
import { GraphError } from './errors';
import type { SandboxContext } from './context';
import type { Charge, Json } from './types';

/**
 * Charges a stored card credential. Credentials starting with "decline" are declined. With an
 * idempotency key (the `Idempotency-Key` header), as real PSPs do: a repeated key returns the original
 * charge (marked `idempotent_replay`) and charges nothing; the same key with other parameters is refused.
 */
export function charge(sb: SandboxContext, input: Json, idempotencyKey?: string): Charge {
	const credential = String(input.credential_id ?? '');
	const amount = Number(input.amount);
	if (!credential) throw new GraphError(400, 100, 'credential_id is required');
	if (!Number.isFinite(amount) || amount <= 0)
		throw new GraphError(400, 100, 'amount must be a positive number (minor units)');
	const key = idempotencyKey?.trim() || undefined;
	const original = key ? sb.store.charges.find((c) => c.idempotency_key === key) : undefined;
	if (original) {
		if (original.credential_id !== credential || original.amount !== amount) {
			throw new GraphError(
				409,
				100,
				`Idempotency-Key ${key} was used for a charge of ${original.amount} on another credential or amount; a key can only repeat the same charge`,
			);
		}
		sb.store.chargeReplays++;
		return { ...original, idempotent_replay: true };
	}
	const charge: Charge = {
		id: sb.id('ch_'),
		credential_id: credential,
		amount,
		currency: String(input.currency ?? 'BRL'),
		reference_id: input.reference_id ? String(input.reference_id) : undefined,
		status: credential.startsWith('decline') ? 'declined' : 'succeeded',
		at: sb.nowSeconds(),
	};
	if (key) charge.idempotency_key = key;
	sb.store.charges.push(charge);
	return charge;
}

/** The charges matching every filter given: reference_id, idempotency_key, status, since and until (epoch s). */
export function listCharges(sb: SandboxContext, filter: Json): Charge[] {
	const since = filter.since !== undefined ? Number(filter.since) : undefined;
	const until = filter.until !== undefined ? Number(filter.until) : undefined;
	return sb.store.charges.filter(
		(c) =>
			(filter.reference_id === undefined || c.reference_id === String(filter.reference_id)) &&
			(filter.idempotency_key === undefined ||
				c.idempotency_key === String(filter.idempotency_key)) &&
			(filter.status === undefined || c.status === String(filter.status)) &&
			(since === undefined || !Number.isFinite(since) || c.at >= since) &&
			(until === undefined || !Number.isFinite(until) || c.at <= until),
	);
}

/** The PSP reports a Pix (or boleto) payment: POSTs a "paid" notification to the given URL. */
export async function confirmPix(
	sb: SandboxContext,
	referenceId: string,
	notifyUrl?: string,
): Promise<Json> {
	const order = sb.store.getOrder(referenceId);
	const url = notifyUrl || sb.pspNotifyUrl;
	if (!url)
		throw new GraphError(
			400,
			100,
			'No notify_url given and the sandbox has no PSP notify URL configured (--psp-notify-url)',
		);
	order.history.push({ at: sb.nowSeconds(), kind: 'payment', payment: 'paid at PSP' });
	const body = JSON.stringify({
		event: 'pix.paid',
		reference_id: order.reference_id,
		amount: order.total,
		currency: order.currency,
		wa_id: order.wa_id,
		paid_at: sb.nowSeconds(),
	});
	const record = sb.deliverer.deliver(url, 'psp', order.waba_id, body, {
		secret: '',
		signature: 'none',
		note: 'fake PSP notification',
	});
	return { delivery_id: record.id };
}
