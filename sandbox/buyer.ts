/** The buyer simulator: what a buyer (and Meta on the buyer's behalf) does after an order arrives. */
import { metaError } from './errors';
import type { SandboxContext } from './context';
import type { Json, PhoneNumber, StoredOrder } from './types';

export function phoneOf(sb: SandboxContext, order: StoredOrder): PhoneNumber {
	return sb.businessByPhone(order.phone_number_id)?.phone ?? sb.options.phoneNumbers[0];
}

export function metadata(sb: SandboxContext, order: StoredOrder): Json {
	const phone = phoneOf(sb, order);
	return {
		display_phone_number: phone.display_phone_number.replace(/\D/g, ''),
		phone_number_id: phone.id,
	};
}

/** The buyer taps "Send payment" on a One-Click order: emits the payment_method webhook. */
export function buyerSendPayment(
	sb: SandboxContext,
	referenceId: string,
	buyerName = 'Sandbox Buyer',
): Json {
	const order = sb.store.getOrder(referenceId);
	const setting = ((order.details.action as Json).parameters as Json).payment_settings as
		Json[] | undefined;
	const card = setting?.find((s) => s.type === 'offsite_card_pay')?.offsite_card_pay as
		Json | undefined;
	if (!card)
		throw metaError(131009, 'This order has no One-Click (offsite_card_pay) payment option.');
	if (order.status !== 'pending')
		throw metaError(131009, `The order is ${order.status}; it can no longer be paid.`);
	const now = sb.nowSeconds();
	const messageId = `wamid.${Buffer.from(sb.id('PAY')).toString('base64').replace(/=+$/, '')}`;
	order.payment = 'pending';
	order.history.push({
		at: now,
		kind: 'payment_method',
		payment: 'pending',
		message_id: messageId,
	});
	const value = {
		messaging_product: 'whatsapp',
		metadata: metadata(sb, order),
		contacts: [{ profile: { name: buyerName }, wa_id: order.wa_id }],
		messages: [
			{
				from: order.wa_id,
				id: messageId,
				timestamp: String(now),
				from_logical_id: String(Math.floor(sb.random() * 1e14)),
				type: 'interactive',
				interactive: {
					type: 'payment_method',
					payment_method: {
						payment_method: 'offsite_card_pay',
						payment_timestamp: now,
						reference_id: order.reference_id,
						last_four_digits: card.last_four_digits,
						credential_id: card.credential_id,
					},
				},
			},
		],
	};
	const record = sb.emit('messages', value, { wabaId: order.waba_id });
	return { message_id: messageId, delivery_id: record.id, url: record.url };
}

/** India gateway: the buyer pays (captured) or the gateway fails; emits statuses[type=payment]. */
export function buyerIndiaPayment(
	sb: SandboxContext,
	referenceId: string,
	outcome: 'captured' | 'failed',
	method = 'upi',
): Json {
	const order = sb.store.getOrder(referenceId);
	if (order.country !== 'IN') throw metaError(131009, 'Gateway payments are India orders only.');
	const params = (order.details.action as Json).parameters as Json;
	const pgSetting = ((params.payment_settings as Json[] | undefined) ?? []).find(
		(s) => s.type === 'payment_gateway',
	)?.payment_gateway as Json | undefined;
	if (!pgSetting) throw metaError(131009, 'This order has no payment_gateway option.');
	const now = sb.nowSeconds();
	const gateway = String(pgSetting.type);
	const txn: Json = {
		id: sb.id('order_'),
		pg_transaction_id: sb.id('pay_'),
		type: gateway,
		status: outcome === 'captured' ? 'success' : 'failed',
		created_timestamp: now,
		updated_timestamp: now,
		amount: { value: order.total, offset: 100 },
		currency: 'INR',
		method: { type: method },
	};
	if (outcome === 'failed') txn.error = { code: 'BAD_REQUEST_ERROR', reason: 'incorrect_pin' };
	order.transactions.push(txn);
	if (outcome === 'captured') order.payment = 'captured';
	order.history.push({ at: now, kind: 'payment', payment: outcome });
	const payment: Json = {
		reference_id: order.reference_id,
		amount: { value: order.total, offset: 100 },
		currency: 'INR',
		transaction: txn,
	};
	const pass = pgSetting[gateway];
	if (pass && typeof pass === 'object') Object.assign(payment, pass);
	const statusId = sb.id('gBG');
	const record = sb.emit(
		'messages',
		{
			messaging_product: 'whatsapp',
			metadata: metadata(sb, order),
			statuses: [
				{
					id: statusId,
					recipient_id: order.wa_id,
					type: 'payment',
					status: outcome === 'captured' ? 'captured' : 'pending',
					payment,
					timestamp: String(now),
				},
			],
		},
		{ wabaId: order.waba_id },
	);
	return { status_id: statusId, delivery_id: record.id, transaction: txn };
}
