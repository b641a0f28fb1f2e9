/** India payment routes: payment lookup and refund. */
import { metaError } from './errors';
import type { SandboxContext } from './context';
import { orderKey } from './store';
import type { Json } from './types';

export function lookupPayment(
	sb: SandboxContext,
	wabaId: string,
	configurationName: string,
	referenceId: string,
): Json {
	sb.store.findConfig(configurationName, wabaId);
	const order = sb.store.orders.get(orderKey(referenceId, wabaId));
	if (!order) return { payments: [] };
	const captured = order.transactions.some((t) => t.status === 'success');
	const payment: Json = {
		reference_id: order.reference_id,
		status: captured ? 'captured' : 'pending',
		currency: 'INR',
		amount: { value: order.total, offset: 100 },
	};
	if (order.transactions.length > 0)
		payment.transactions = order.transactions.map((t) => ({ ...t, refunds: order.refunds }));
	return { payments: [payment] };
}

export function refund(sb: SandboxContext, wabaId: string, body: Json): Json {
	const ref = String(body.reference_id ?? '');
	if (!ref) throw metaError(131008, 'reference_id is required.');
	const order = sb.store.getOrder(ref, wabaId);
	const amount = body.amount as Json | undefined;
	const value = Number(amount?.value);
	if (!amount || !Number.isInteger(value) || value <= 0)
		throw metaError(131009, 'amount.value must be a positive whole number of paise.');
	if (Number(amount.offset) !== 100) throw metaError(131009, 'amount.offset must be 100.');
	if (!order.transactions.some((t) => t.status === 'success'))
		throw metaError(131009, 'The order has no captured payment to refund.');
	const refunded = order.refunds.reduce((s, r) => s + Number((r.amount as Json).value), 0);
	if (refunded + value > order.total)
		throw metaError(
			131009,
			`Refunds would exceed the captured amount (${order.total - refunded} paise left).`,
		);
	const speed = body.speed === 'instant' ? 'instant' : 'normal';
	const refund = {
		id: sb.id('rfnd_'),
		amount: { value, offset: 100 },
		speed_processed: speed,
		status: 'success',
		created_timestamp: sb.nowSeconds(),
		updated_timestamp: sb.nowSeconds(),
	};
	order.refunds.push(refund);
	order.history.push({ at: sb.nowSeconds(), kind: 'refund', payment: `refunded ${value}` });
	return { id: refund.id, status: 'completed', speed_processed: speed };
}
