/** What Meta fixes for payment templates: kinds, fixed button texts, categories, statuses and limits. */
import type { Country } from '../orders';

/**
 * The payment templates this package creates, lists and sends: order details (Brazil and India), payment
 * request (Brazil), checkout button, single and carousel (India), order status (India) and Enhanced
 * Payment Link (India: one dynamic URL button on a payment gateway's link, see paymentLink.ts).
 */
export const TEMPLATE_KINDS = [
	'order_details',
	'payment_request',
	'checkout',
	'checkout_carousel',
	'order_status',
	'enhanced_payment_link',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** Which countries each kind exists for. */
export const KIND_COUNTRIES: Record<TemplateKind, Country[]> = {
	order_details: ['BR', 'IN'],
	payment_request: ['BR'],
	checkout: ['IN'],
	checkout_carousel: ['IN'],
	order_status: ['IN'],
	enhanced_payment_link: ['IN'],
};

export const TEMPLATE_CATEGORIES = ['UTILITY', 'MARKETING'] as const;

/** Payment Request CTA button types and the text Meta fixes for each. */
export const PAYMENT_REQUEST_TYPES = ['pix_dynamic_code', 'boleto', 'payment_link'] as const;
export type PaymentRequestType = (typeof PAYMENT_REQUEST_TYPES)[number];
export const PAYMENT_REQUEST_TEXT: Record<PaymentRequestType, string> = {
	pix_dynamic_code: 'Copy Pix code',
	boleto: 'Copy Boleto code',
	payment_link: 'Open payment link',
};

export const BUTTON_TEXT = {
	/** India's order details template button (fixed). */
	orderDetailsIN: 'Review and Pay',
	/** Brazil's order details template button: Meta's sample has a placeholder; BSPs use this. */
	orderDetailsBR: 'Copy Pix code',
	/** The checkout button of India's checkout button templates (fixed, not customisable). */
	checkout: 'Buy now',
};

/** Template statuses as the API and webhooks spell them (WhatsApp Manager says ACTIVE for APPROVED). */
export const TEMPLATE_STATUSES = [
	'APPROVED',
	'PENDING',
	'REJECTED',
	'FLAGGED',
	'PAUSED',
	'DISABLED',
	'REINSTATED',
	'IN_APPEAL',
	'LOCKED',
	'LIMIT_EXCEEDED',
	'ARCHIVED',
	'UNARCHIVED',
	'DELETED',
	'PENDING_DELETION',
] as const;

export const TEMPLATE_HEADER_FORMATS = ['TEXT', 'IMAGE', 'DOCUMENT', 'VIDEO'] as const;
export type HeaderFormat = (typeof TEMPLATE_HEADER_FORMATS)[number];

export const TEMPLATE_LIMITS = {
	name: 512,
	headerText: 60,
	body: 1024,
	footer: 60,
	cardBody: 160,
	quickReplies: 9,
	quickReplyText: 25,
	cardsMin: 2,
	cardsMax: 10,
	paymentRequestButtons: 3,
};

export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]+$/;
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(_[A-Z]{2}|_[A-Za-z]{4})?$/;
