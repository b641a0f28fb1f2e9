/**
 * UPI intent links for India's dynamic-VPA integration: the `upi://pay?...` intent a payment gateway
 * generates, sent as the `upi_intent_link` payment setting of an order_details message. Meta's page
 * ("Receive UPI payments", dynamic VPA,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/upi-intent/dynamic-vpa,
 * step 1) says the intent is used with only these attributes: `pa` (payee VPA), `pn` (payee name), `mc`
 * (merchant category code), `purpose` (purpose code) and `tr` (the gateway's transaction reference), and
 * that the intent may be sent as the gateway made it, so other attributes (`am`, `cu`, `mode`, `tn`...) are
 * accepted but not used: the amount the buyer pays is the order's `total_amount`.
 */
import { formatMinor } from '../money';
import { fail } from '../validation';
import { validateReferenceId } from './fields';

export const UPI_INTENT_PREFIX = 'upi://pay?';

/** The attributes Meta uses, each required, with what it is. */
export const UPI_INTENT_ATTRIBUTES = {
	pa: 'the payee VPA',
	pn: 'the payee name',
	mc: 'the merchant category code',
	purpose: 'the purpose code',
	tr: "the gateway's transaction reference",
} as const;

export type UpiIntentAttribute = keyof typeof UPI_INTENT_ATTRIBUTES;

export interface UpiIntent {
	link: string;
	pa: string;
	pn: string;
	mc: string;
	purpose: string;
	tr: string;
	/** The amount in the link (major units, as written), when it has one. */
	am?: string;
	cu?: string;
	mode?: string;
	tn?: string;
	/** Every attribute of the link, decoded, in link order. */
	attributes: Record<string, string>;
	/** Attributes Meta does not use (kept in the link, ignored by WhatsApp). */
	ignored_attributes: string[];
}

const VPA = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;

function decode(text: string, field: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return fail(
			field,
			'must be percent-encoded correctly (a "%" followed by two hex digits)',
			text,
		);
	}
}

/**
 * Reads a UPI intent link into its attributes and checks each rule, naming the attribute as
 * `<field>.<attribute>`: the `upi://pay?` form, `pa`, `pn`, `mc`, `purpose` and `tr` present (each once),
 * `pa` a VPA, `mc` four digits, `purpose` two digits, `tr` usable as the order's reference ID, and, when
 * present, `am` a plain amount and `cu` INR.
 */
export function parseUpiIntentLink(link: unknown, field = 'upi_intent_link.link'): UpiIntent {
	if (link === undefined || link === null || link === '')
		fail(field, 'is required', undefined, 'missing');
	if (typeof link !== 'string') fail(field, 'must be text', link);
	const text = link.trim();
	if (text !== link) fail(field, 'must not start or end with spaces', link);
	if (!text.toLowerCase().startsWith(UPI_INTENT_PREFIX))
		fail(
			field,
			`must start with "${UPI_INTENT_PREFIX}" (the UPI intent the gateway generated)`,
			link,
		);
	const query = text.slice(UPI_INTENT_PREFIX.length);
	if (query.includes('#')) fail(field, 'must not contain "#"', link);
	const attributes: Record<string, string> = {};
	for (const part of query.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const name = decode(eq === -1 ? part : part.slice(0, eq), field);
		if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
			fail(field, 'must be attributes written name=value, joined by "&"', part);
		const value = eq === -1 ? '' : decode(part.slice(eq + 1), `${field}.${name}`);
		if (Object.prototype.hasOwnProperty.call(attributes, name))
			fail(`${field}.${name}`, 'must appear only once in the link', value);
		attributes[name] = value;
	}
	for (const [name, what] of Object.entries(UPI_INTENT_ATTRIBUTES)) {
		const value = attributes[name];
		if (value === undefined)
			fail(
				`${field}.${name}`,
				`is required (${what}); Meta uses pa, pn, mc, purpose and tr`,
				undefined,
				'missing',
			);
		if (value.trim() === '')
			fail(`${field}.${name}`, `must not be empty (${what})`, value, 'missing');
	}
	if (!VPA.test(attributes.pa))
		fail(`${field}.pa`, 'must be a VPA written name@handle', attributes.pa);
	if (!/^\d{4}$/.test(attributes.mc))
		fail(`${field}.mc`, 'must be a four-digit merchant category code', attributes.mc);
	if (!/^\d{2}$/.test(attributes.purpose))
		fail(
			`${field}.purpose`,
			'must be a two-digit purpose code (00 by default)',
			attributes.purpose,
		);
	// The tr can be the order's reference ID (Meta's legacy UPI intent page requires reference_id == tr).
	validateReferenceId(attributes.tr, 'IN', `${field}.tr`);
	if (attributes.am !== undefined && !AMOUNT.test(attributes.am))
		fail(
			`${field}.am`,
			'must be an amount in rupees with at most two decimals (e.g. 10.00)',
			attributes.am,
		);
	if (attributes.cu !== undefined && attributes.cu !== 'INR')
		fail(`${field}.cu`, 'must be INR when present', attributes.cu);
	const used = Object.keys(UPI_INTENT_ATTRIBUTES);
	const out: UpiIntent = {
		link: text,
		pa: attributes.pa,
		pn: attributes.pn,
		mc: attributes.mc,
		purpose: attributes.purpose,
		tr: attributes.tr,
		attributes,
		ignored_attributes: Object.keys(attributes).filter((n) => !used.includes(n)),
	};
	for (const name of ['am', 'cu', 'mode', 'tn'] as const)
		if (attributes[name] !== undefined) out[name] = attributes[name];
	return out;
}

/** The link's `am` in paise, or undefined when it has none (the link was parsed, so `am` is well formed). */
export function upiAmountMinor(intent: UpiIntent): number | undefined {
	if (intent.am === undefined) return undefined;
	const [rupees, paise = ''] = intent.am.split('.');
	return Number(rupees) * 100 + Number(paise.padEnd(2, '0'));
}

/**
 * The link checked against the order it is sent with: `am`, when the link has it, equal to the total
 * (WhatsApp charges `total_amount`; a different `am` would show the buyer two amounts).
 */
export function validateUpiIntentLink(
	link: unknown,
	field: string,
	totalMinor?: number,
): UpiIntent {
	const intent = parseUpiIntentLink(link, field);
	const am = upiAmountMinor(intent);
	if (am !== undefined && totalMinor !== undefined && am !== totalMinor)
		fail(
			`${field}.am`,
			`must equal the order total ${formatMinor(totalMinor)} when present (WhatsApp charges total_amount)`,
			intent.am,
		);
	return intent;
}

/**
 * The reference ID taken from the `tr` of the order's UPI intent link (one `upi_intent_link` setting in
 * `settings`). Meta's legacy UPI intent page requires reference_id to be the intent's tr; the dynamic-VPA
 * page allows any ID, and tr keeps the gateway's webhooks matching the order by reference_id.
 */
export function referenceIdFromUpiLink(settings: Array<Record<string, unknown>>): string {
	const index = settings.findIndex((s) => s.type === 'upi_intent_link');
	if (index === -1)
		fail(
			'reference_id',
			'can come from the UPI intent link only when the payment options have a UPI intent link',
			undefined,
			'missing',
		);
	const sub = settings[index].upi_intent_link as Record<string, unknown> | undefined;
	return parseUpiIntentLink(sub?.link, `payment_settings[${index}].upi_intent_link.link`).tr;
}
