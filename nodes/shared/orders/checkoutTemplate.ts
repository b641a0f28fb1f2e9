/**
 * What an order_details object in an India checkout button template has of its own (Meta, "Checkout
 * button templates", https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/checkout-button-templates,
 * "Send a checkout button template"): one payment gateway setting, and `shipping_info` with its address limits.
 */
import {
	fail,
	optionalString,
	rejectUnknownKeys,
	requireArray,
	requireEnum,
	requireObject,
	requireString,
} from '../validation';
import type { JsonObject } from './limits';

/** Gateways Meta lists for checkout button templates (BillDesk is not among them). */
export const CHECKOUT_GATEWAYS = ['razorpay', 'payu', 'zaakpay'] as const;

export function validateCheckoutPayment(p: JsonObject): void {
	const settings = requireArray(p.payment_settings, 'parameters.payment_settings', {
		min: 1,
		max: 1,
	}) as JsonObject[];
	if (settings[0].type !== 'payment_gateway')
		fail(
			'parameters.payment_settings[0].type',
			'must be "payment_gateway" in a checkout button template',
			settings[0].type,
		);
	const pg = settings[0].payment_gateway as JsonObject;
	requireEnum(pg.type, 'parameters.payment_settings[0].payment_gateway.type', CHECKOUT_GATEWAYS);
}

/** `shipping_info` of a checkout order: India, addresses known so far (may be empty), limits per field. */
export function validateShippingInfo(value: unknown, field: string): void {
	const info = requireObject(value, field);
	rejectUnknownKeys(info, field, ['country', 'addresses', 'selected_address']);
	if (info.country !== 'IN')
		fail(
			`${field}.country`,
			'must be "IN"',
			info.country,
			info.country === undefined ? 'missing' : 'invalid',
		);
	const addresses = requireArray(info.addresses, `${field}.addresses`);
	addresses.forEach((a, i) => validateShippingAddress(a, `${field}.addresses[${i}]`));
	if (info.selected_address !== undefined)
		validateShippingAddress(info.selected_address, `${field}.selected_address`);
}

export function validateShippingAddress(value: unknown, field: string): void {
	const a = requireObject(value, field);
	const limits = SHIPPING_ADDRESS_LIMITS;
	rejectUnknownKeys(a, field, Object.keys(limits));
	for (const [key, max] of Object.entries(limits))
		optionalString(a[key], `${field}.${key}`, { max });
	if (a.in_pin_code !== undefined)
		requireString(a.in_pin_code, `${field}.in_pin_code`, {
			pattern: /^\d{6}$/,
			patternRule: 'must be a 6-digit PIN code',
		});
	if (a.phone_number !== undefined)
		requireString(a.phone_number, `${field}.phone_number`, {
			pattern: /^\d{1,12}$/,
			patternRule: 'must be digits only (at most 12)',
		});
}

/** Field limits of a checkout shipping address (Meta's checkout button templates page, "Send a checkout button template"). */
export const SHIPPING_ADDRESS_LIMITS: Record<string, number> = {
	name: 256,
	phone_number: 12,
	address: 512,
	city: 100,
	state: 100,
	in_pin_code: 6,
	house_number: 8,
	tower_number: 8,
	floor_number: 10,
	building_name: 128,
	landmark_area: 128,
};
