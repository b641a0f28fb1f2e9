/**
 * The one order builder: UI form fields or an order given as JSON -> Meta's exact `action.parameters`,
 * amounts converted exactly to minor units, subtotal and total computed when left empty, then validated
 * once. Send Details (form and both JSON modes) and the template operations all build through it.
 */
import { amount, formatMinor, toMinorUnits } from '../money';
import { fail, isBlank, isPlainObject, requireString } from '../validation';
import { COUNTRY_CURRENCY } from './limits';
import type { Country, JsonObject } from './limits';
import { normaliseStatus } from './status';
import { validateOrderDetailsParameters, validateOrderStatusParameters } from './validate';
import type { ValidateOptions } from './validate';

export interface ItemInput {
	name: string;
	retailerId?: string;
	amount: unknown;
	saleAmount?: unknown;
	quantity: unknown;
	imageUrl?: string;
	countryOfOrigin?: string;
	importerName?: string;
	importerAddress?: JsonObject;
}

export interface OrderFormInput {
	country: Country;
	referenceId: string;
	goodsType: string;
	paymentSettings: JsonObject[];
	/** Brazil only: no itemised order, total only. */
	simplified?: boolean;
	/** The whole order in Meta's shape (Order JSON mode); when set, the item and amount fields are not used. */
	order?: unknown;
	/** Decimal amounts; empty/undefined means "compute". */
	total?: unknown;
	subtotal?: unknown;
	items?: ItemInput[];
	tax?: unknown;
	taxDescription?: string;
	shipping?: unknown;
	shippingDescription?: string;
	discount?: unknown;
	discountDescription?: string;
	discountProgramName?: string;
	catalogId?: string;
	expirationTimestamp?: number | string;
	expirationDescription?: string;
	quickPay?: boolean;
	beneficiaries?: JsonObject[];
	/** India checkout button templates: where physical goods can be shipped (`shipping_info`). */
	shippingInfo?: JsonObject;
}

function describedAmount(valueMinor: number, description?: string, extra?: JsonObject): JsonObject {
	const out: JsonObject = { ...amount(valueMinor) };
	if (!isBlank(description)) out.description = description;
	if (extra) Object.assign(out, extra);
	return out;
}

/** Sum of Meta's amount objects in an order given as JSON; undefined when it has no subtotal to sum. */
function orderTotal(order: JsonObject): number | undefined {
	const v = (k: string) => {
		const a = order[k];
		return isPlainObject(a) && typeof a.value === 'number' ? a.value : 0;
	};
	if (!isPlainObject(order.subtotal)) return undefined;
	return v('subtotal') + v('tax') + v('shipping') - v('discount');
}

/** The `order` object and its computed total from form items and amounts (decimals, converted exactly). */
function orderFromForm(input: OrderFormInput): { order: JsonObject; computedTotal: number } {
	const items = input.items ?? [];
	if (items.length === 0) fail('order.items', 'must have at least 1 entry', undefined, 'missing');
	let sum = 0;
	const builtItems = items.map((item, i) => {
		const f = `order.items[${i}]`;
		const unit = toMinorUnits(item.amount, `${f}.amount`);
		const out: JsonObject = {};
		if (!isBlank(item.retailerId)) out.retailer_id = item.retailerId;
		out.name = item.name;
		out.amount = amount(unit);
		let effective = unit;
		if (!isBlank(item.saleAmount)) {
			effective = toMinorUnits(item.saleAmount, `${f}.sale_amount`);
			out.sale_amount = amount(effective);
		}
		const q =
			typeof item.quantity === 'string' && /^\d+$/.test(item.quantity.trim())
				? Number(item.quantity)
				: item.quantity;
		out.quantity = q;
		if (!isBlank(item.imageUrl)) out.image = { link: item.imageUrl };
		if (!isBlank(item.countryOfOrigin)) out.country_of_origin = item.countryOfOrigin;
		if (!isBlank(item.importerName)) out.importer_name = item.importerName;
		if (item.importerAddress && Object.keys(item.importerAddress).length > 0) {
			out.importer_address = item.importerAddress;
		}
		if (typeof q === 'number' && Number.isInteger(q)) sum += effective * q;
		return out;
	});

	const subtotal = isBlank(input.subtotal) ? sum : toMinorUnits(input.subtotal, 'order.subtotal');
	const tax = isBlank(input.tax) ? 0 : toMinorUnits(input.tax, 'order.tax', { allowZero: true });
	const shipping = isBlank(input.shipping)
		? undefined
		: toMinorUnits(input.shipping, 'order.shipping', { allowZero: true });
	const discount = isBlank(input.discount)
		? undefined
		: toMinorUnits(input.discount, 'order.discount', { allowZero: true });
	const order: JsonObject = { status: 'pending' };
	if (input.quickPay) order.type = 'quick_pay';
	if (!isBlank(input.catalogId)) order.catalog_id = input.catalogId;
	if (!isBlank(input.expirationTimestamp)) {
		const expiration: JsonObject = { timestamp: String(input.expirationTimestamp) };
		if (!isBlank(input.expirationDescription)) expiration.description = input.expirationDescription;
		order.expiration = expiration;
	}
	order.tax = describedAmount(tax, input.taxDescription);
	order.items = builtItems;
	order.subtotal = amount(subtotal);
	if (shipping !== undefined) order.shipping = describedAmount(shipping, input.shippingDescription);
	if (discount !== undefined) {
		order.discount = describedAmount(
			discount,
			input.discountDescription,
			isBlank(input.discountProgramName)
				? undefined
				: { discount_program_name: input.discountProgramName },
		);
	}
	return { order, computedTotal: subtotal + tax + (shipping ?? 0) - (discount ?? 0) };
}

/**
 * Builds `action.parameters` of an order_details message and validates it once. The order comes from
 * form fields (`items`, `tax`...), or whole from JSON (`order`, Meta's shape); the rest (reference ID,
 * goods type, payment settings, beneficiaries) is the same for both. Subtotal and total are computed
 * when left empty.
 */
export function buildOrderDetailsParameters(
	input: OrderFormInput,
	opts: ValidateOptions = {},
): JsonObject {
	const { country } = input;
	const checkout = opts.flavor === 'checkout';
	const params: JsonObject = {
		reference_id: input.referenceId,
		type: input.goodsType,
	};
	const hasPaymentLink = input.paymentSettings.some((s) => s.type === 'payment_link');
	if (checkout) {
		// Checkout button templates carry no payment_type: their order is paid through the one payment
		// gateway configuration the template names (Meta's checkout button templates page).
	} else if (country === 'BR') params.payment_type = 'br';
	else if (hasPaymentLink) params.payment_type = 'upi';
	if (input.paymentSettings.length > 0) params.payment_settings = input.paymentSettings;
	params.currency = COUNTRY_CURRENCY[country];
	if (checkout) {
		if (input.shippingInfo && input.goodsType === 'physical-goods')
			params.shipping_info = input.shippingInfo;
	} else if (country === 'IN' && input.beneficiaries && input.beneficiaries.length > 0) {
		params.beneficiaries = input.beneficiaries;
	}

	if (input.simplified) {
		if (country !== 'BR') {
			fail(
				'order',
				'an itemised order is required for India (simplified messages are Brazil only)',
				undefined,
				'missing',
			);
		}
		params.total_amount = amount(toMinorUnits(input.total, 'total_amount'));
		validateOrderDetailsParameters(params, country, opts);
		return params;
	}

	let order: JsonObject;
	let computedTotal: number | undefined;
	if (input.order !== undefined) {
		if (!isPlainObject(input.order)) {
			fail('order', 'must be an order object with items, subtotal and tax', input.order);
		}
		order = input.order;
		computedTotal = orderTotal(order);
	} else {
		({ order, computedTotal } = orderFromForm(input));
		// Checkout templates require the shipping amount; an empty form field means free shipping.
		if (checkout && order.shipping === undefined) order.shipping = amount(0);
	}
	if (computedTotal !== undefined && computedTotal <= 0 && isBlank(input.total)) {
		fail(
			'total_amount',
			'must be greater than 0 (subtotal + tax + shipping - discount)',
			formatMinor(computedTotal),
		);
	}
	params.total_amount = amount(
		isBlank(input.total) ? (computedTotal ?? 0) : toMinorUnits(input.total, 'total_amount'),
	);
	params.order = order;
	validateOrderDetailsParameters(params, country, opts);
	return params;
}

/** Wraps parameters into the interactive object of an order_details message. */
export function buildOrderDetailsInteractive(
	parameters: JsonObject,
	content: { body: string; footer?: string; headerImageUrl?: string },
): JsonObject {
	const interactive: JsonObject = { type: 'order_details' };
	if (!isBlank(content.headerImageUrl))
		interactive.header = { type: 'image', image: { link: content.headerImageUrl } };
	interactive.body = { text: content.body };
	if (!isBlank(content.footer)) interactive.footer = { text: content.footer };
	interactive.action = { name: 'review_and_pay', parameters };
	return interactive;
}

export interface OrderStatusInput {
	country: Country;
	referenceId: string;
	/** Empty for the Brazil simplified status (payment only). */
	status?: string;
	description?: string;
	paymentStatus?: string;
	paymentTimestamp?: number | string;
}

export function buildOrderStatusParameters(input: OrderStatusInput): JsonObject {
	const params: JsonObject = { reference_id: input.referenceId };
	if (!isBlank(input.status)) {
		const order: JsonObject = { status: normaliseStatus(input.status) };
		if (!isBlank(input.description)) order.description = input.description;
		params.order = order;
	}
	if (!isBlank(input.paymentStatus)) {
		if (input.country !== 'BR')
			fail('payment', 'a payment status can only be sent for Brazil orders', input.paymentStatus);
		const payment: JsonObject = { status: input.paymentStatus };
		if (!isBlank(input.paymentTimestamp)) {
			const ts = input.paymentTimestamp;
			payment.timestamp = typeof ts === 'string' && /^\d+$/.test(ts.trim()) ? Number(ts) : ts;
		}
		params.payment = payment;
	}
	validateOrderStatusParameters(params, input.country);
	return params;
}

export function buildOrderStatusInteractive(
	parameters: JsonObject,
	content: { body: string; footer?: string },
): JsonObject {
	const interactive: JsonObject = { type: 'order_status', body: { text: content.body } };
	if (!isBlank(content.footer)) interactive.footer = { text: content.footer };
	interactive.action = { name: 'review_order', parameters };
	return interactive;
}

/** The Cloud API envelope of a message to one buyer: `type` names the key that carries `content`. */
export function buildMessage(
	to: string,
	type: 'interactive' | 'template',
	content: JsonObject,
): JsonObject {
	requireString(to, 'to', {
		pattern: /^\+?\d{6,20}$/,
		patternRule: "must be the buyer's WhatsApp number or ID (digits, country code first)",
	});
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type, [type]: content };
}

/** The Cloud API envelope for an interactive message. */
export function buildInteractiveMessage(to: string, interactive: JsonObject): JsonObject {
	return buildMessage(to, 'interactive', interactive);
}
