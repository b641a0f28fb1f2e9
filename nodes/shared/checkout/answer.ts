/**
 * The checkout data endpoint's requests and answers (Meta's checkout button templates page,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/checkout-button-templates, "Checkout endpoint"), with the
 * arithmetic done here, so that a workflow only says which coupons exist and where it ships: a coupon
 * (fixed or percentage, rounded half up to the paisa) or a shipping cost reprices the order with
 * total = subtotal + shipping + tax - discount - coupon. Every answer is validated as orders are.
 */
import { formatMinor, toMinorUnits } from '../money';
import {
	validateAmountObject,
	validateOrder,
	validateShippingAddress,
	validateShippingInfo,
} from '../orders';
import type { JsonObject } from '../orders';
import {
	fail,
	isBlank,
	isPlainObject,
	optionalString,
	rejectUnknownKeys,
	requireObject,
	requireString,
} from '../validation';

export const CHECKOUT_ACTIONS = [
	'ping',
	'error_notification',
	'get_coupons',
	'apply_coupon',
	'remove_coupon',
	'apply_shipping',
] as const;
export type CheckoutAction = (typeof CHECKOUT_ACTIONS)[number];

export interface CheckoutRequest {
	version: string;
	action: CheckoutAction | 'unknown';
	/** Meta's own words: `data_exchange` + sub_action, `ping`... */
	rawAction: string;
	orderDetails?: JsonObject;
	input: JsonObject;
	/** Error notification: what the client reported about an earlier answer. */
	error?: string;
}

/** Reads a decrypted request: which action it is and its order and input. Never throws. */
export function readCheckoutRequest(payload: JsonObject): CheckoutRequest {
	const version = typeof payload.version === 'string' ? payload.version : '1.0';
	const data = isPlainObject(payload.data) ? payload.data : {};
	const rawAction = String(payload.action ?? '');
	const sub = String(payload.sub_action ?? '');
	let action: CheckoutRequest['action'] = 'unknown';
	if (rawAction === 'ping') action = 'ping';
	else if (data.error !== undefined) action = 'error_notification';
	else if (rawAction === 'data_exchange' && (CHECKOUT_ACTIONS as readonly string[]).includes(sub))
		action = sub as CheckoutAction;
	return {
		version,
		action,
		rawAction: sub ? `${rawAction}:${sub}` : rawAction,
		orderDetails: isPlainObject(data.order_details) ? data.order_details : undefined,
		input: isPlainObject(data.input) ? data.input : {},
		error: data.error === undefined ? undefined : String(data.error_message ?? data.error),
	};
}

export interface CouponRule {
	code: string;
	id?: string;
	description?: string;
	type: 'fixed' | 'percent';
	/** A decimal amount (fixed) or a percentage such as 10 or 12.5. */
	value: string | number;
}

export interface Answer {
	/** 200 with the encrypted answer, or 427 with an encrypted `error_msg` the client shows. */
	status: 200 | 427;
	body: JsonObject;
}

const value = (a: unknown) => (isPlainObject(a) && typeof a.value === 'number' ? a.value : 0);

function orderOf(od: JsonObject): JsonObject {
	return requireObject(od.order, 'order_details.order');
}

/** subtotal + shipping + tax - discount - coupon discount, from the order details' own amounts. */
export function checkoutTotal(od: JsonObject): number {
	const o = orderOf(od);
	const coupon = isPlainObject(od.coupon) ? od.coupon.discount : undefined;
	return value(o.subtotal) + value(o.shipping) + value(o.tax) - value(o.discount) - value(coupon);
}

/**
 * The rules an answer's order details must keep: the order itself (items, subtotal, tax...), shipping
 * info, the coupon, and the total. Expiration is not re-checked: the order was valid when sent.
 */
export function validateCheckoutOrderDetails(od: unknown): number {
	const obj = requireObject(od, 'order_details');
	validateOrder(obj.order, 'order_details.order', 'IN', 0);
	if (obj.shipping_info !== undefined)
		validateShippingInfo(obj.shipping_info, 'order_details.shipping_info');
	if (obj.coupon !== undefined) {
		const c = requireObject(obj.coupon, 'order_details.coupon');
		rejectUnknownKeys(c, 'order_details.coupon', ['code', 'id', 'discount']);
		requireString(c.code, 'order_details.coupon.code', { max: 20 });
		optionalString(c.id, 'order_details.coupon.id');
		validateAmountObject(c.discount, 'order_details.coupon.discount', { allowZero: true });
	}
	const total = validateAmountObject(obj.total_amount, 'order_details.total_amount');
	const expected = checkoutTotal(obj);
	if (total !== expected)
		fail(
			'order_details.total_amount',
			`must equal subtotal + shipping + tax - discount - coupon: expected ${formatMinor(expected)}, got ${formatMinor(total)}`,
			undefined,
			'arithmetic',
		);
	return total;
}

function withTotal(od: JsonObject): JsonObject {
	od.total_amount = { value: checkoutTotal(od), offset: 100 };
	validateCheckoutOrderDetails(od);
	return od;
}

/** The order details of a request, copied (the answer never changes the request). */
function orderDetailsOf(req: CheckoutRequest): JsonObject {
	if (!req.orderDetails)
		fail('data.order_details', 'is required for this action', undefined, 'missing');
	const od = JSON.parse(JSON.stringify(req.orderDetails)) as JsonObject;
	delete od.payment_settings;
	return od;
}

function ok(req: CheckoutRequest, data: JsonObject, subAction?: string): Answer {
	return {
		status: 200,
		body: { version: req.version, ...(subAction ? { sub_action: subAction } : {}), data },
	};
}

export function rejectAnswer(message: string): Answer {
	return {
		status: 427,
		body: { error_msg: requireString(message, 'error message', { max: 200 }) },
	};
}

export function pingAnswer(req: CheckoutRequest): Answer {
	return ok(req, { status: 'active' });
}

export function acknowledgeAnswer(req: CheckoutRequest): Answer {
	return ok(req, { acknowledged: true });
}

function checkRule(
	rule: CouponRule,
	n: number,
): { code: string; minor?: number; basisPoints?: number } {
	const f = `coupons[${n}]`;
	const code = requireString(rule.code, `${f}.code`, { max: 20 }).trim();
	if (rule.type === 'percent') {
		const bp = toMinorUnits(rule.value, `${f}.value (percent)`);
		if (bp > 10000) fail(`${f}.value`, 'must be a percentage of at most 100', rule.value);
		return { code, basisPoints: bp };
	}
	if (rule.type !== 'fixed') fail(`${f}.type`, 'must be "fixed" or "percent"', rule.type);
	return { code, minor: toMinorUnits(rule.value, `${f}.value`) };
}

/** The coupons the buyer can pick (`get_coupons`). */
export function couponsAnswer(req: CheckoutRequest, rules: CouponRule[]): Answer {
	const coupons = rules.map((r, n) => {
		const { code } = checkRule(r, n);
		const out: JsonObject = { code, id: isBlank(r.id) ? code.toLowerCase() : r.id };
		if (!isBlank(r.description)) out.description = r.description;
		return out;
	});
	return ok(req, { coupons }, 'get_coupons');
}

export const DEFAULT_INVALID_COUPON = 'The offer code you have entered is not valid.';

/**
 * `apply_coupon`: finds the buyer's code (case-insensitive) among the rules and reprices the order:
 * fixed amount, or a percentage of the total before the coupon, rounded half up to the paisa. A code that
 * is unknown, or a coupon that would leave nothing to pay, is rejected (427) with a message for the buyer.
 */
export function applyCoupon(
	req: CheckoutRequest,
	rules: CouponRule[],
	invalidMessage = DEFAULT_INVALID_COUPON,
): Answer {
	const input = isPlainObject(req.input.coupon) ? req.input.coupon : {};
	const code = String(input.code ?? '').trim();
	const index = rules.findIndex((r) => String(r.code).trim().toLowerCase() === code.toLowerCase());
	if (!code || index < 0) return rejectAnswer(invalidMessage);
	const rule = checkRule(rules[index], index);
	const od = orderDetailsOf(req);
	delete od.coupon;
	const before = checkoutTotal(od);
	const discount = rule.minor ?? Math.floor((before * rule.basisPoints! + 5000) / 10000);
	if (discount >= before) return rejectAnswer('This offer cannot be used on this order.');
	const coupon: JsonObject = { code: rules[index].code.trim() };
	const id = input.id ?? rules[index].id;
	if (!isBlank(id)) coupon.id = String(id);
	coupon.discount = { value: discount, offset: 100 };
	od.coupon = coupon;
	return ok(req, { order_details: withTotal(od) }, 'apply_coupon');
}

/** `remove_coupon`: the order without its coupon, total restored. */
export function removeCoupon(req: CheckoutRequest): Answer {
	const od = orderDetailsOf(req);
	delete od.coupon;
	return ok(req, { order_details: withTotal(od) }, 'remove_coupon');
}

export interface ShippingRule {
	/** Decimal shipping cost for the chosen address. */
	cost: string | number;
	/** PIN codes (or their first digits) delivered to; empty means everywhere. */
	serviceablePins?: string[];
	/** Shown to the buyer when the address cannot be served; `{pin}` is replaced. */
	unserviceableMessage?: string;
}

/** `apply_shipping`: the selected address, its shipping cost, and the new total (a coupon stays as it is). */
export function applyShipping(req: CheckoutRequest, rule: ShippingRule): Answer {
	const address = req.input.selected_address;
	if (!isPlainObject(address)) return rejectAnswer('Please choose a delivery address.');
	validateShippingAddress(address, 'input.selected_address');
	const pin = String(address.in_pin_code ?? '');
	const pins = (rule.serviceablePins ?? []).map((p) => p.trim()).filter(Boolean);
	if (pins.length > 0 && !pins.some((p) => pin.startsWith(p)))
		return rejectAnswer(
			(rule.unserviceableMessage || 'We do not deliver to PIN code {pin} yet.').replace(
				'{pin}',
				pin || '(none)',
			),
		);
	const od = orderDetailsOf(req);
	const info = isPlainObject(od.shipping_info)
		? od.shipping_info
		: { country: 'IN', addresses: [] };
	od.shipping_info = { ...info, selected_address: address };
	const order = orderOf(od);
	order.shipping = {
		value: toMinorUnits(rule.cost, 'shipping cost', { allowZero: true }),
		offset: 100,
	};
	return ok(req, { order_details: withTotal(od) }, 'apply_shipping');
}
