/**
 * Enhanced Payment Links (India): an ordinary template whose single dynamic URL button points at a payment
 * gateway's link, which WhatsApp draws as a payment card with "Pay now" (amount, status and expiry come
 * from the gateway). Meta's page:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/enhanced-payment-links
 * (its template rules, its table of supported link prefixes and its send example).
 *
 * The template holds the gateway's prefix followed by {{1}}; a send carries only the rest of the link
 * (the suffix). This file has the prefixes, the rules on both and the splitting of a full link.
 */
import { fail, isBlank, requireString } from '../validation';

export const PAYMENT_LINK_GATEWAYS = ['razorpay', 'payu', 'cashfree'] as const;
export type PaymentLinkGateway = (typeof PAYMENT_LINK_GATEWAYS)[number];

/**
 * The link prefixes Meta renders as a payment card, exactly as its table spells them. Cashfree's
 * `https://payments.cashfree.com/links` has no trailing slash there while every other prefix has one;
 * prefixes are compared literally, character by character, so that prefix is kept as Meta lists it.
 */
export const PAYMENT_LINK_PREFIXES: ReadonlyArray<{
	prefix: string;
	gateway: PaymentLinkGateway;
}> = [
	{ prefix: 'https://rzp.io/rzp/', gateway: 'razorpay' },
	{ prefix: 'https://rzp.io/i/', gateway: 'razorpay' },
	{ prefix: 'https://pmny.in/PAYUMN/', gateway: 'payu' },
	{ prefix: 'https://api.payu.in/', gateway: 'payu' },
	{ prefix: 'https://u.payu.in/PAYUMN/', gateway: 'payu' },
	{ prefix: 'https://payments.cashfree.com/links', gateway: 'cashfree' },
	{ prefix: 'https://payments.cashfree.com/link/', gateway: 'cashfree' },
	{ prefix: 'https://cfre.in/CSHFRE/', gateway: 'cashfree' },
];

export const PAYMENT_LINK_LIMITS = {
	/** Meta's limit for a URL button's URL (the prefix and the filled-in suffix together). */
	url: 2000,
	/** Meta's limit for a button's text. */
	buttonText: 25,
};

/** Meta's example button text. */
export const PAYMENT_LINK_BUTTON_TEXT = 'Pay Now';

/** The variable a dynamic URL button ends with. */
export const URL_VARIABLE = '{{1}}';

const GATEWAY_NAMES: Record<PaymentLinkGateway, string> = {
	razorpay: 'Razorpay',
	payu: 'PayU',
	cashfree: 'Cashfree',
};

export function gatewayName(gateway: PaymentLinkGateway): string {
	return GATEWAY_NAMES[gateway];
}

const PREFIX_LIST = PAYMENT_LINK_PREFIXES.map((p) => p.prefix).join(', ');

/** The listed prefix a link starts with (the longest, should two ever overlap), or undefined. */
export function paymentLinkPrefixOf(
	link: string,
): { prefix: string; gateway: PaymentLinkGateway } | undefined {
	let best: { prefix: string; gateway: PaymentLinkGateway } | undefined;
	for (const p of PAYMENT_LINK_PREFIXES)
		if (link.startsWith(p.prefix) && (!best || p.prefix.length > best.prefix.length)) best = p;
	return best;
}

/** A template URL prefix: one of the listed gateway prefixes, as Meta spells it. */
export function requirePaymentLinkPrefix(value: unknown, field: string): string {
	const prefix = requireString(value, field);
	if (!PAYMENT_LINK_PREFIXES.some((p) => p.prefix === prefix))
		fail(
			field,
			`must be one of the gateway link prefixes WhatsApp renders as a payment card: ${PREFIX_LIST}`,
			value,
		);
	return prefix;
}

/**
 * The part of a link after the template's prefix: what a send carries. It must not be empty, hold white
 * space or control characters, or be a whole link itself (WhatsApp would append it to the prefix and the
 * buyer would get a broken link).
 */
export function requirePaymentLinkSuffix(value: unknown, field: string, prefix?: string): string {
	const suffix = requireString(value, field);
	// eslint-disable-next-line no-control-regex -- control characters are what this refuses
	if (/[\s\u0000-\u001f\u007f]/.test(suffix))
		fail(field, 'must not contain spaces, line breaks or control characters', value);
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(suffix) || suffix.includes('://'))
		fail(
			field,
			"must be only the end of the gateway link, not a whole or wrapped link (WhatsApp appends it to the template's prefix; give the full gateway link instead and it is split for you)",
			value,
		);
	const length = Array.from((prefix ?? '') + suffix).length;
	if (length > PAYMENT_LINK_LIMITS.url)
		fail(
			field,
			`makes a link of ${length} characters with the template's prefix (at most ${PAYMENT_LINK_LIMITS.url})`,
			value,
			'length',
		);
	return suffix;
}

/**
 * A full gateway link split into the listed prefix it starts with and the suffix after it. A link of
 * another domain, a shortener or a redirect through the business's own site is refused: WhatsApp draws
 * the payment card only for the gateways' own links.
 */
export function splitPaymentLink(
	value: unknown,
	field: string,
): { prefix: string; suffix: string; gateway: PaymentLinkGateway } {
	const link = requireString(value, field).trim();
	if (!/^https:\/\//i.test(link))
		fail(field, 'must be an https link of Razorpay, PayU or Cashfree', value);
	const found = paymentLinkPrefixOf(link);
	if (!found)
		fail(
			field,
			`must start with one of the gateway link prefixes WhatsApp renders as a payment card (${PREFIX_LIST}); links of other domains, shorteners or redirects are shown as a plain button`,
			value,
		);
	const suffix = requirePaymentLinkSuffix(link.slice(found.prefix.length), field, found.prefix);
	return { prefix: found.prefix, suffix, gateway: found.gateway };
}

/**
 * What a send puts in the button: the suffix, from either a suffix or a full gateway link (split for the
 * user). With the template's prefix known, a full link must start with exactly that prefix.
 */
export function resolvePaymentLink(
	value: unknown,
	field: string,
	templatePrefix?: string,
): { suffix: string; url?: string } {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(text)) {
		const split = splitPaymentLink(text, field);
		if (templatePrefix === undefined) return { suffix: split.suffix };
		if (!text.startsWith(templatePrefix) || isBlank(text.slice(templatePrefix.length)))
			fail(
				field,
				`must start with ${templatePrefix}, the prefix of the template's button (this link is a ${gatewayName(split.gateway)} link starting with ${split.prefix})`,
				value,
			);
		const suffix = requirePaymentLinkSuffix(
			text.slice(templatePrefix.length),
			field,
			templatePrefix,
		);
		return { suffix, url: templatePrefix + suffix };
	}
	const suffix = requirePaymentLinkSuffix(text, field, templatePrefix);
	return templatePrefix === undefined ? { suffix } : { suffix, url: templatePrefix + suffix };
}

/** The prefix of a template's dynamic URL button (`<prefix>{{1}}`), or undefined when it is not one. */
export function dynamicUrlPrefix(url: unknown): string | undefined {
	if (typeof url !== 'string' || !url.endsWith(URL_VARIABLE)) return undefined;
	const prefix = url.slice(0, -URL_VARIABLE.length);
	return prefix.includes('{{') ? undefined : prefix;
}
