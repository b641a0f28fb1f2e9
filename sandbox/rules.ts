/**
 * Rules only Meta's side applies, so they live in the sandbox and not in the published nodes: which
 * country an order message is for, and which order status transitions Meta refuses (error 2046; Meta,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/pg, "Order status transitions").
 */
import { isPlainObject } from '../nodes/shared';
import type { Country, OrderStatus } from '../nodes/shared';

/** Country of an order message, from its currency / payment_type. */
export function detectCountry(parameters: unknown): Country | undefined {
	if (!isPlainObject(parameters)) return undefined;
	if (parameters.currency === 'BRL' || parameters.payment_type === 'br') return 'BR';
	if (parameters.currency === 'INR' || parameters.payment_type === 'upi') return 'IN';
	return undefined;
}

/** Meta's error code for a refused order status transition, or undefined when it is allowed. */
export function checkOrderTransition(
	from: OrderStatus,
	to: OrderStatus,
	paymentState: 'none' | 'pending' | 'captured',
): { code: 2046 | 2047; reason: string } | undefined {
	if (from === 'completed' || from === 'canceled') {
		return {
			code: 2046,
			reason: `the order is already ${from}; no further status updates are allowed`,
		};
	}
	if (to === 'pending' && from !== 'pending') {
		return { code: 2046, reason: `an order cannot go back to pending from ${from}` };
	}
	if (to === 'canceled' && paymentState !== 'none') {
		return {
			code: 2047,
			reason: `could not change order status to 'canceled': a payment is already ${paymentState}`,
		};
	}
	return undefined;
}
