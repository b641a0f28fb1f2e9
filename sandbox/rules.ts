/**
 * Rules only Meta's side applies, so they live in the sandbox and not in the published nodes: which
 * country an order message is for, which order status transitions Meta refuses (error 2046; Meta,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/pg, "Order status transitions"),
 * and whether WhatsApp draws a URL button template as an Enhanced Payment Link card.
 */
import { isPlainObject, paymentLinkPrefixOf, PAYMENT_LINK_LIMITS } from '../nodes/shared';
import type { Country, OrderStatus, PaymentLinkGateway, TemplateInfo } from '../nodes/shared';

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

/**
 * The link a template's URL button opens once the send's suffix is appended, and whether WhatsApp draws it
 * as a payment card with "Pay now" (the checklist on Meta's Enhanced Payment Links page): the template
 * has no header and exactly one dynamic URL button on a listed gateway prefix, and the whole link fits.
 * Any other URL template is an ordinary "Visit website" button. Whether Meta enabled the WhatsApp Business
 * Account for the feature is not modelled: the sandbox draws the card as an enabled account sees it.
 */
export function paymentLinkCard(
	info: TemplateInfo,
	index: number,
	suffix: string,
): { url: string; card: boolean; gateway?: PaymentLinkGateway } {
	const defined = info.buttons[index]?.url ?? '';
	const url = defined.endsWith('{{1}}') ? defined.slice(0, -'{{1}}'.length) + suffix : defined;
	const card =
		info.kind === 'enhanced_payment_link' &&
		info.paymentLinkPrefix !== undefined &&
		url.startsWith(info.paymentLinkPrefix) &&
		url.length <= PAYMENT_LINK_LIMITS.url;
	return { url, card, gateway: card ? paymentLinkPrefixOf(url)?.gateway : undefined };
}
