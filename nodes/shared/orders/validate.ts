/**
 * Validation of whole order messages: order_details parameters and interactive objects, order_status
 * parameters and interactive objects, by the rules of Meta's order pages (Brazil:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-br/orders; India: https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/pg, sections
 * "Send order details message" and "Send order status message"). Every rule names its field.
 */
import { formatMinor } from '../money';
import {
	fail,
	optionalString,
	rejectUnknownKeys,
	requireArray,
	requireEnum,
	requireObject,
	requireString,
	requireUrl,
} from '../validation';
import { validateAmountObject, validateConfigurationName, validateReferenceId } from './fields';
import {
	BR_PAYMENT_STATUSES,
	COUNTRY_CURRENCY,
	GOODS_TYPES,
	INDIA_ORDER_STATUSES,
	LIMITS,
	ORDER_STATUSES,
} from './limits';
import type { Country, JsonObject } from './limits';
import { validateBeneficiaries, validateOrder } from './order';
import { validateCheckoutPayment, validateShippingInfo } from './checkoutTemplate';
import { validatePaymentSetting } from './paymentSettings';
import { validateUpiIntentLink } from './upiIntent';
import { normaliseStatus } from './status';

export interface ValidateOptions {
	/** Current time in epoch seconds (injected so tests and the sandbox are deterministic). */
	now?: number;
	/**
	 * Where the order_details object goes: an interactive message (default), the button of an order
	 * details template (an itemised order is required), or the button of an India checkout button
	 * template (payment gateway only, `shipping_info` instead of beneficiaries, shipping required).
	 */
	flavor?: OrderFlavor;
}

export type OrderFlavor = 'interactive' | 'template' | 'checkout';

function nowSeconds(opts: ValidateOptions): number {
	return opts.now ?? Math.floor(Date.now() / 1000);
}

/**
 * Every rule Meta's order pages give for `action.parameters` of an order_details message (payment
 * type, payment settings, the order object and its arithmetic: total = subtotal + tax + shipping - discount).
 * Returns the total in minor units.
 */
export function validateOrderDetailsParameters(
	parameters: unknown,
	country: Country,
	opts: ValidateOptions = {},
): number {
	const p = requireObject(parameters, 'parameters');
	const now = nowSeconds(opts);
	const flavor = opts.flavor ?? 'interactive';
	if (flavor === 'checkout' && country !== 'IN')
		fail('country', 'checkout button templates exist only for India', country);
	const allowed = ['reference_id', 'type', 'payment_settings', 'currency', 'total_amount', 'order'];
	if (flavor === 'checkout') allowed.push('shipping_info');
	else {
		allowed.push('payment_type');
		if (country === 'IN') allowed.push('beneficiaries', 'payment_configuration');
	}
	rejectUnknownKeys(p, 'parameters', allowed);
	validateReferenceId(p.reference_id, country, 'parameters.reference_id');
	const goods = requireEnum(p.type, 'parameters.type', GOODS_TYPES);
	const currency = COUNTRY_CURRENCY[country];
	if (p.currency === undefined) fail('parameters.currency', 'is required', undefined, 'missing');
	if (p.currency !== currency)
		fail(
			'parameters.currency',
			`must be "${currency}" for ${country === 'BR' ? 'Brazil' : 'India'}`,
			p.currency,
		);

	const settingTypes: string[] = [];
	if (p.payment_settings !== undefined) {
		const list = requireArray(p.payment_settings, 'parameters.payment_settings', { min: 1 });
		list.forEach((s, i) =>
			settingTypes.push(validatePaymentSetting(s, `parameters.payment_settings[${i}]`, country)),
		);
		const seen = new Set<string>();
		for (const t of settingTypes) {
			if (seen.has(t))
				fail('parameters.payment_settings', `must not contain two "${t}" settings`, settingTypes);
			seen.add(t);
		}
	}

	if (flavor === 'checkout') {
		validateCheckoutPayment(p);
		if (goods === 'physical-goods') {
			if (p.shipping_info === undefined)
				fail(
					'parameters.shipping_info',
					'is required for physical-goods checkout orders (the addresses may be an empty list)',
					undefined,
					'missing',
				);
		} else if (p.shipping_info !== undefined) {
			fail('parameters.shipping_info', 'is only for physical-goods orders', p.shipping_info);
		}
		if (p.shipping_info !== undefined)
			validateShippingInfo(p.shipping_info, 'parameters.shipping_info');
	} else if (country === 'BR') {
		if (p.payment_type === undefined)
			fail('parameters.payment_type', 'is required', undefined, 'missing');
		if (p.payment_type !== 'br')
			fail('parameters.payment_type', 'must be "br" for Brazil', p.payment_type);
	} else {
		const legacy = p.payment_configuration !== undefined;
		if (p.payment_type !== undefined && p.payment_type !== 'upi')
			fail('parameters.payment_type', 'must be "upi" when set for India', p.payment_type);
		if (legacy) {
			if (p.payment_type !== 'upi')
				fail(
					'parameters.payment_type',
					'must be "upi" with payment_configuration (legacy UPI)',
					p.payment_type,
					p.payment_type === undefined ? 'missing' : 'invalid',
				);
			validateConfigurationName(p.payment_configuration, 'parameters.payment_configuration');
			if (p.payment_settings !== undefined)
				fail(
					'parameters.payment_settings',
					'cannot be combined with the legacy payment_configuration field',
					p.payment_settings,
				);
		} else if (p.payment_settings === undefined) {
			fail(
				'parameters.payment_settings',
				'is required for India (or the legacy payment_configuration)',
				undefined,
				'missing',
			);
		}
		// Dynamic-VPA UPI intent: payment_settings is one upi_intent_link item and the parameters carry no
		// payment_type and no payment_configuration (those belong to the legacy UPI intent page). Meta's
		// "Receive UPI payments" (dynamic VPA) page, parameters table and example:
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/upi-intent/dynamic-vpa
		if (settingTypes.includes('upi_intent_link')) {
			if (settingTypes.length > 1)
				fail(
					'parameters.payment_settings',
					'must hold the upi_intent_link setting alone (dynamic-VPA UPI intent: one upi_intent_link item)',
					settingTypes,
				);
			if (p.payment_type !== undefined)
				fail(
					'parameters.payment_type',
					'must be absent with a upi_intent_link setting (dynamic-VPA UPI intent sends no payment_type)',
					p.payment_type,
				);
		}
		if (settingTypes.includes('payment_link') && p.payment_type !== 'upi') {
			fail(
				'parameters.payment_type',
				'must be "upi" when a payment_link setting is used in India',
				p.payment_type,
				p.payment_type === undefined ? 'missing' : 'invalid',
			);
		}
		if (goods === 'physical-goods' || p.beneficiaries !== undefined) {
			if (goods === 'physical-goods' && p.beneficiaries === undefined) {
				fail(
					'parameters.beneficiaries',
					'is required for physical-goods orders in India',
					undefined,
					'missing',
				);
			}
			validateBeneficiaries(p.beneficiaries, 'parameters.beneficiaries');
		}
	}

	const total = validateAmountObject(p.total_amount, 'parameters.total_amount');
	if (p.order === undefined) {
		if (country === 'IN') fail('parameters.order', 'is required for India', undefined, 'missing');
		if (flavor !== 'interactive')
			fail(
				'parameters.order',
				'is required in a template (Meta documents no simplified order for templates)',
				undefined,
				'missing',
			);
	} else {
		const t = validateOrder(p.order, 'parameters.order', country, now);
		if (flavor === 'checkout' && (p.order as JsonObject).shipping === undefined)
			fail(
				'parameters.order.shipping',
				'is required in a checkout button template (0 when free)',
				undefined,
				'missing',
			);
		const expected = t.subtotal + t.tax + t.shipping - t.discount;
		if (total !== expected) {
			fail(
				'parameters.total_amount',
				`must equal subtotal + tax + shipping - discount: expected ${formatMinor(expected)} (value ${expected}), got ${formatMinor(total)} (value ${total})`,
				undefined,
				'arithmetic',
			);
		}
	}

	if (country === 'IN' && flavor !== 'checkout') {
		((p.payment_settings as JsonObject[] | undefined) ?? []).forEach((s, i) => {
			if (s.type === 'upi_intent_link')
				validateUpiIntentLink(
					(s.upi_intent_link as JsonObject).link,
					`parameters.payment_settings[${i}].upi_intent_link.link`,
					total,
				);
		});
	}

	if (country === 'IN' && total > LIMITS.upiCapMinor) {
		const settings = (p.payment_settings as JsonObject[] | undefined) ?? [];
		settings.forEach((s, i) => {
			if (s.type === 'upi_intent_link') {
				fail(
					`parameters.payment_settings[${i}]`,
					`UPI intent links cannot collect more than INR ${formatMinor(LIMITS.upiCapMinor)}`,
					formatMinor(total),
				);
			}
			if (s.type === 'payment_gateway') {
				const opts = (s.payment_gateway as JsonObject).enabled_payment_options as
					unknown[] | undefined;
				if (!opts || opts.length !== 1 || opts[0] !== 'web') {
					fail(
						`parameters.payment_settings[${i}].payment_gateway.enabled_payment_options`,
						`must be ["web"] when the total exceeds the UPI cap of INR ${formatMinor(LIMITS.upiCapMinor)} (total ${formatMinor(total)})`,
						opts,
					);
				}
			}
		});
		if (p.payment_configuration !== undefined) {
			fail(
				'parameters.total_amount',
				`exceeds the UPI cap of INR ${formatMinor(LIMITS.upiCapMinor)}`,
				formatMinor(total),
			);
		}
	}
	return total;
}

function validateHeader(header: unknown, country: Country, simplified: boolean): void {
	const h = requireObject(header, 'header');
	if (country === 'BR' && simplified)
		fail(
			'header',
			'is not supported on a Brazil order without an itemised order (simplified message)',
			h,
		);
	if (h.type !== 'image')
		fail('header.type', 'must be "image"', h.type, h.type === undefined ? 'missing' : 'invalid');
	rejectUnknownKeys(h, 'header', ['type', 'image']);
	const image = requireObject(h.image, 'header.image');
	rejectUnknownKeys(image, 'header.image', ['link', 'id', 'provider']);
	if (image.link === undefined && image.id === undefined)
		fail('header.image.link', 'is required (or an uploaded media id)', undefined, 'missing');
	if (image.link !== undefined) requireUrl(image.link, 'header.image.link');
	if (image.id !== undefined) requireString(image.id, 'header.image.id');
}

function validateBodyFooter(i: JsonObject): void {
	const body = requireObject(i.body, 'body');
	requireString(body.text, 'body.text', { max: LIMITS.body });
	if (i.footer !== undefined) {
		const footer = requireObject(i.footer, 'footer');
		requireString(footer.text, 'footer.text', { max: LIMITS.footer });
	}
}

/** Type, body, footer and action name of an order_details interactive object; returns its action. */
function validateOrderDetailsHead(interactive: unknown): { i: JsonObject; action: JsonObject } {
	const i = requireObject(interactive, 'interactive');
	rejectUnknownKeys(i, 'interactive', ['type', 'header', 'body', 'footer', 'action']);
	if (i.type !== 'order_details') fail('interactive.type', 'must be "order_details"', i.type);
	validateBodyFooter(i);
	const action = requireObject(i.action, 'action');
	rejectUnknownKeys(action, 'action', ['name', 'parameters']);
	if (action.name !== 'review_and_pay') {
		fail(
			'action.name',
			'must be "review_and_pay"',
			action.name,
			action.name === undefined ? 'missing' : 'invalid',
		);
	}
	return { i, action };
}

function validateOrderDetailsHeader(i: JsonObject, action: JsonObject, country: Country): void {
	if (i.header !== undefined) {
		validateHeader(i.header, country, (action.parameters as JsonObject).order === undefined);
	}
}

/** Validates a whole `interactive` object of type order_details. Returns the total in minor units. */
export function validateOrderDetailsInteractive(
	interactive: unknown,
	country: Country,
	opts: ValidateOptions = {},
): number {
	const { i, action } = validateOrderDetailsHead(interactive);
	const total = validateOrderDetailsParameters(action.parameters, country, opts);
	validateOrderDetailsHeader(i, action, country);
	return total;
}

/**
 * Validates everything of an order_details interactive object except its parameters, for a message
 * whose parameters come from the order builder (which validated them already): each rule is checked once.
 */
export function validateOrderDetailsEnvelope(interactive: unknown, country: Country): void {
	const { i, action } = validateOrderDetailsHead(interactive);
	validateOrderDetailsHeader(i, action, country);
}

export function validateOrderStatusParameters(parameters: unknown, country: Country): void {
	const p = requireObject(parameters, 'parameters');
	rejectUnknownKeys(
		p,
		'parameters',
		country === 'BR' ? ['reference_id', 'order', 'payment'] : ['reference_id', 'order'],
	);
	validateReferenceId(p.reference_id, country, 'parameters.reference_id');
	if (p.order === undefined) {
		if (country === 'IN') fail('parameters.order', 'is required for India', undefined, 'missing');
		if (p.payment === undefined)
			fail(
				'parameters.order',
				'is required unless a payment status is sent (simplified status)',
				undefined,
				'missing',
			);
	} else {
		const order = requireObject(p.order, 'parameters.order');
		rejectUnknownKeys(order, 'parameters.order', ['status', 'description']);
		requireEnum(
			normaliseStatus(order.status) ?? order.status,
			'parameters.order.status',
			country === 'BR' ? ORDER_STATUSES : INDIA_ORDER_STATUSES,
		);
		optionalString(order.description, 'parameters.order.description', {
			max: LIMITS.statusDescription,
		});
	}
	if (p.payment !== undefined) {
		const payment = requireObject(p.payment, 'parameters.payment');
		rejectUnknownKeys(payment, 'parameters.payment', ['status', 'timestamp']);
		requireEnum(payment.status, 'parameters.payment.status', BR_PAYMENT_STATUSES);
		if (payment.timestamp !== undefined) {
			const ts = payment.timestamp;
			if (
				!(typeof ts === 'number' && Number.isInteger(ts) && ts > 0) &&
				!(typeof ts === 'string' && /^\d+$/.test(ts))
			) {
				fail('parameters.payment.timestamp', 'must be a UTC epoch time in whole seconds', ts);
			}
		}
	}
}

export function validateOrderStatusInteractive(interactive: unknown, country: Country): void {
	const i = requireObject(interactive, 'interactive');
	rejectUnknownKeys(i, 'interactive', ['type', 'header', 'body', 'footer', 'action']);
	if (i.type !== 'order_status') fail('interactive.type', 'must be "order_status"', i.type);
	validateBodyFooter(i);
	if (i.header !== undefined) {
		if (country === 'IN')
			fail('header', 'is not supported on India order_status messages', i.header);
		validateHeader(i.header, country, false);
	}
	const action = requireObject(i.action, 'action');
	rejectUnknownKeys(action, 'action', ['name', 'parameters']);
	if (action.name !== 'review_order')
		fail(
			'action.name',
			'must be "review_order"',
			action.name,
			action.name === undefined ? 'missing' : 'invalid',
		);
	validateOrderStatusParameters(action.parameters, country);
}
