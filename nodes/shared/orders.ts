import { amount, formatMinor, OFFSET, toMinorUnits } from './money';
import type { Amount } from './money';
import {
	checkLength,
	fail,
	isPlainObject,
	optionalString,
	rejectUnknownKeys,
	requireArray,
	requireEnum,
	requireObject,
	requireString,
	requireUrl,
} from './validation';

export type Country = 'BR' | 'IN';
export type JsonObject = Record<string, unknown>;

export const COUNTRY_CURRENCY: Record<Country, string> = { BR: 'BRL', IN: 'INR' };
export const GOODS_TYPES = ['digital-goods', 'physical-goods'] as const;
export const BR_PAYMENT_SETTING_TYPES = ['pix_dynamic_code', 'payment_link', 'boleto', 'offsite_card_pay'] as const;
export const IN_PAYMENT_SETTING_TYPES = ['payment_gateway', 'upi_intent_link', 'payment_link'] as const;
export const PIX_KEY_TYPES = ['CPF', 'CNPJ', 'EMAIL', 'PHONE', 'EVP'] as const;
export const PAYMENT_GATEWAYS = ['billdesk', 'razorpay', 'payu', 'zaakpay'] as const;
export const PREFERRED_PAYMENT_APPS = ['gpay', 'phonepe', 'paytm', 'bhim', 'amazonpay', 'cred', 'mobikwik'] as const;
export const ENABLED_PAYMENT_OPTIONS = ['upi', 'web'] as const;
export const ORDER_STATUSES = ['pending', 'processing', 'partially_shipped', 'shipped', 'completed', 'canceled'] as const;
export const INDIA_ORDER_STATUSES = ['processing', 'partially_shipped', 'shipped', 'completed', 'canceled'] as const;
export const BR_PAYMENT_STATUSES = ['pending', 'captured', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const LIMITS = {
	body: 1024,
	footer: 60,
	itemName: 60,
	amountDescription: 60,
	discountProgramName: 60,
	expirationDescription: 120,
	statusDescription: 120,
	referenceId: { BR: 60, IN: 35 } as Record<Country, number>,
	configurationName: 60,
	razorpayReceipt: 40,
	razorpayNotesKeys: 15,
	razorpayNoteValue: 256,
	payuUdf: 255,
	zaakpayExtra: 180,
	billdeskInfo: 120,
	beneficiaryName: 200,
	addressLine: 100,
	itemsWithImages: 10,
	/** UPI is capped at INR 5,00,000 (in paise). */
	upiCapMinor: 500000 * OFFSET,
	/** Meta's "minimum threshold" for order expiration, in seconds ahead of now. */
	expirationMinSeconds: 300,
};

const REFERENCE_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
const REFERENCE_ID_RULE = 'may contain only English letters, digits, underscore, hyphen and dot';

export function validateReferenceId(value: unknown, country: Country, field = 'reference_id'): string {
	return requireString(value, field, {
		max: LIMITS.referenceId[country],
		pattern: REFERENCE_ID_PATTERN,
		patternRule: REFERENCE_ID_RULE,
	});
}

export function validateConfigurationName(value: unknown, field = 'configuration_name'): string {
	return requireString(value, field, { max: LIMITS.configurationName });
}

/** Validates Meta's `{value, offset}` object and returns the value in minor units. */
export function validateAmountObject(value: unknown, field: string, opts: { allowZero?: boolean } = {}): number {
	const obj = requireObject(value, field);
	if (obj.offset !== OFFSET) fail(`${field}.offset`, `must be ${OFFSET}`, obj.offset);
	const v = obj.value;
	if (v === undefined || v === null) fail(`${field}.value`, 'is required', undefined, 'missing');
	if (typeof v !== 'number' || !Number.isInteger(v)) {
		fail(`${field}.value`, 'must be a whole number of minor units (cents or paise)', v);
	}
	if (v < 0) fail(`${field}.value`, 'must not be negative', v);
	if (v === 0 && !opts.allowZero) fail(`${field}.value`, 'must be greater than 0', v);
	return v;
}

// ---------------------------------------------------------------------------------------------
// Payment settings
// ---------------------------------------------------------------------------------------------

function validatePaymentSetting(setting: unknown, field: string, country: Country): string {
	const obj = requireObject(setting, field);
	const allowed: readonly string[] = country === 'BR' ? BR_PAYMENT_SETTING_TYPES : IN_PAYMENT_SETTING_TYPES;
	const type = requireEnum(obj.type, `${field}.type`, allowed);
	rejectUnknownKeys(obj, field, ['type', type]);
	const sub = requireObject(obj[type], `${field}.${type}`);
	const f = `${field}.${type}`;
	switch (type) {
		case 'pix_dynamic_code':
			rejectUnknownKeys(sub, f, ['code', 'merchant_name', 'key', 'key_type']);
			requireString(sub.code, `${f}.code`);
			requireString(sub.merchant_name, `${f}.merchant_name`);
			requireString(sub.key, `${f}.key`);
			requireEnum(sub.key_type, `${f}.key_type`, PIX_KEY_TYPES);
			break;
		case 'boleto':
			rejectUnknownKeys(sub, f, ['digitable_line']);
			requireString(sub.digitable_line, `${f}.digitable_line`);
			break;
		case 'offsite_card_pay':
			rejectUnknownKeys(sub, f, ['last_four_digits', 'credential_id']);
			requireString(sub.last_four_digits, `${f}.last_four_digits`, {
				pattern: /^\d{4}$/,
				patternRule: 'must be exactly four digits',
			});
			requireString(sub.credential_id, `${f}.credential_id`);
			break;
		case 'payment_link':
			if (country === 'BR') {
				rejectUnknownKeys(sub, f, ['uri']);
				requireUrl(sub.uri, `${f}.uri`);
			} else {
				rejectUnknownKeys(sub, f, ['uri', 'success_url', 'cancel_url']);
				requireUrl(sub.uri, `${f}.uri`);
				if (sub.success_url !== undefined) requireUrl(sub.success_url, `${f}.success_url`);
				if (sub.cancel_url !== undefined) requireUrl(sub.cancel_url, `${f}.cancel_url`);
			}
			break;
		case 'upi_intent_link':
			rejectUnknownKeys(sub, f, ['link']);
			requireUrl(sub.link, `${f}.link`, ['upi:']);
			break;
		case 'payment_gateway':
			validatePaymentGateway(sub, f);
			break;
	}
	return type;
}

function validatePaymentGateway(pg: JsonObject, f: string): void {
	const gateway = requireEnum(pg.type, `${f}.type`, PAYMENT_GATEWAYS);
	rejectUnknownKeys(pg, f, ['type', 'configuration_name', gateway, 'preferred_payment_methods', 'enabled_payment_options']);
	validateConfigurationName(pg.configuration_name, `${f}.configuration_name`);
	if (pg[gateway] !== undefined) validatePassThrough(gateway, requireObject(pg[gateway], `${f}.${gateway}`), `${f}.${gateway}`);
	if (pg.preferred_payment_methods !== undefined) {
		const list = requireArray(pg.preferred_payment_methods, `${f}.preferred_payment_methods`, { min: 1, max: 1 });
		const entry = requireObject(list[0], `${f}.preferred_payment_methods[0]`);
		rejectUnknownKeys(entry, `${f}.preferred_payment_methods[0]`, ['method']);
		requireEnum(entry.method, `${f}.preferred_payment_methods[0].method`, PREFERRED_PAYMENT_APPS);
	}
	if (pg.enabled_payment_options !== undefined) {
		const list = requireArray(pg.enabled_payment_options, `${f}.enabled_payment_options`, { min: 1, max: 2 });
		list.forEach((o, i) => requireEnum(o, `${f}.enabled_payment_options[${i}]`, ENABLED_PAYMENT_OPTIONS));
		if (new Set(list).size !== list.length) fail(`${f}.enabled_payment_options`, 'must not repeat an option', list);
	}
}

function validatePassThrough(gateway: string, sub: JsonObject, f: string): void {
	const stringFields = (names: string[], max: number) => {
		rejectUnknownKeys(sub, f, names);
		for (const name of names) optionalString(sub[name], `${f}.${name}`, { max });
	};
	switch (gateway) {
		case 'razorpay': {
			rejectUnknownKeys(sub, f, ['receipt', 'notes']);
			if (sub.receipt !== undefined) requireString(sub.receipt, `${f}.receipt`, { max: LIMITS.razorpayReceipt, min: 1 });
			if (sub.notes !== undefined) {
				const notes = requireObject(sub.notes, `${f}.notes`);
				const keys = Object.keys(notes);
				if (keys.length > LIMITS.razorpayNotesKeys) {
					fail(`${f}.notes`, `must have at most ${LIMITS.razorpayNotesKeys} keys`, `${keys.length} keys`, 'length');
				}
				for (const key of keys) {
					const v = notes[key];
					if (typeof v !== 'string') fail(`${f}.notes.${key}`, 'must be text', v);
					checkLength(v, `${f}.notes.${key}`, LIMITS.razorpayNoteValue);
				}
			}
			break;
		}
		case 'payu':
			stringFields(['udf1', 'udf2', 'udf3', 'udf4'], LIMITS.payuUdf);
			break;
		case 'zaakpay':
			stringFields(['extra1', 'extra2'], LIMITS.zaakpayExtra);
			break;
		case 'billdesk':
			stringFields([1, 2, 3, 4, 5, 6, 7].map((n) => `additional_info${n}`), LIMITS.billdeskInfo);
			break;
	}
}

// ---------------------------------------------------------------------------------------------
// Order object
// ---------------------------------------------------------------------------------------------

interface OrderTotals {
	subtotal: number;
	tax: number;
	shipping: number;
	discount: number;
}

function validateDescribedAmount(value: unknown, field: string, extra: string[], allowZero: boolean): number {
	const obj = requireObject(value, field);
	rejectUnknownKeys(obj, field, ['value', 'offset', 'description', ...extra]);
	optionalString(obj.description, `${field}.description`, { max: LIMITS.amountDescription });
	if (extra.includes('discount_program_name')) {
		optionalString(obj.discount_program_name, `${field}.discount_program_name`, { max: LIMITS.discountProgramName });
	}
	return validateAmountObject(obj, field, { allowZero });
}

function validateItem(item: unknown, field: string, country: Country, hasCatalog: boolean): { line: number; image: boolean } {
	const obj = requireObject(item, field);
	const allowed = ['retailer_id', 'name', 'amount', 'sale_amount', 'quantity'];
	if (country === 'IN') allowed.push('image', 'country_of_origin', 'importer_name', 'importer_address');
	rejectUnknownKeys(obj, field, allowed);
	requireString(obj.name, `${field}.name`, { max: LIMITS.itemName });
	const hasImage = obj.image !== undefined;
	if (country === 'BR') requireString(obj.retailer_id, `${field}.retailer_id`);
	else if (obj.retailer_id !== undefined) {
		requireString(obj.retailer_id, `${field}.retailer_id`);
		if (hasImage) fail(`${field}.image`, 'cannot be combined with retailer_id (Meta uses either catalog items or item images)', obj.image);
	}
	const unit = validateAmountObject(obj.amount, `${field}.amount`);
	let effective = unit;
	if (obj.sale_amount !== undefined) {
		const sale = validateAmountObject(obj.sale_amount, `${field}.sale_amount`);
		if (sale >= unit) {
			fail(`${field}.sale_amount`, `must be below the unit amount ${formatMinor(unit)}`, formatMinor(sale));
		}
		effective = sale;
	}
	const q = obj.quantity;
	if (q === undefined || q === null) fail(`${field}.quantity`, 'is required', undefined, 'missing');
	if (typeof q !== 'number' || !Number.isInteger(q) || q <= 0) {
		fail(`${field}.quantity`, 'must be a whole number greater than 0', q);
	}
	if (country === 'IN') {
		if (hasImage) {
			const image = requireObject(obj.image, `${field}.image`);
			rejectUnknownKeys(image, `${field}.image`, ['link']);
			requireUrl(image.link, `${field}.image.link`);
		}
		if (!hasCatalog) {
			requireString(obj.country_of_origin, `${field}.country_of_origin`);
			requireString(obj.importer_name, `${field}.importer_name`);
			const address = requireObject(obj.importer_address, `${field}.importer_address`);
			const a = `${field}.importer_address`;
			rejectUnknownKeys(address, a, ['address_line1', 'address_line2', 'city', 'zone_code', 'postal_code', 'country_code']);
			requireString(address.address_line1, `${a}.address_line1`, { max: LIMITS.addressLine });
			optionalString(address.address_line2, `${a}.address_line2`, { max: LIMITS.addressLine });
			requireString(address.city, `${a}.city`);
			requireString(address.zone_code, `${a}.zone_code`);
			requireString(address.postal_code, `${a}.postal_code`);
			requireString(address.country_code, `${a}.country_code`, { pattern: /^[A-Z]{2}$/, patternRule: 'must be a two-letter ISO country code such as IN' });
		}
	}
	return { line: effective * q, image: hasImage };
}

function validateOrder(order: unknown, field: string, country: Country, now: number): OrderTotals {
	const obj = requireObject(order, field);
	const allowed = ['status', 'catalog_id', 'expiration', 'items', 'subtotal', 'tax', 'shipping', 'discount'];
	if (country === 'IN') allowed.push('type');
	rejectUnknownKeys(obj, field, allowed);
	if (obj.status === undefined) fail(`${field}.status`, 'is required', undefined, 'missing');
	if (obj.status !== 'pending') fail(`${field}.status`, 'must be "pending" in an order_details message', obj.status);
	if (obj.type !== undefined && obj.type !== 'quick_pay') fail(`${field}.type`, 'must be "quick_pay" when set', obj.type);
	const hasCatalog = obj.catalog_id !== undefined;
	if (hasCatalog) requireString(obj.catalog_id, `${field}.catalog_id`);
	if (obj.expiration !== undefined) validateExpiration(obj.expiration, `${field}.expiration`, country, now);
	const items = requireArray(obj.items, `${field}.items`, { min: 1 });
	let sum = 0;
	let withImages = 0;
	items.forEach((item, i) => {
		const r = validateItem(item, `${field}.items[${i}]`, country, hasCatalog);
		sum += r.line;
		if (r.image) withImages++;
	});
	if (withImages > 0) {
		if (hasCatalog) fail(`${field}.catalog_id`, 'cannot be combined with item images', obj.catalog_id);
		if (items.length > LIMITS.itemsWithImages) {
			fail(`${field}.items`, `must have at most ${LIMITS.itemsWithImages} entries when items carry images`, `${items.length} items`, 'length');
		}
	}
	const subtotal = validateAmountObject(obj.subtotal, `${field}.subtotal`);
	if (subtotal !== sum) {
		fail(
			`${field}.subtotal`,
			`must equal the sum of item (sale) amount x quantity: expected ${formatMinor(sum)} (value ${sum}), got ${formatMinor(subtotal)} (value ${subtotal})`,
			undefined,
			'arithmetic',
		);
	}
	const tax = validateDescribedAmount(obj.tax, `${field}.tax`, [], true);
	const shipping = obj.shipping === undefined ? 0 : validateDescribedAmount(obj.shipping, `${field}.shipping`, [], true);
	const discount =
		obj.discount === undefined ? 0 : validateDescribedAmount(obj.discount, `${field}.discount`, ['discount_program_name'], true);
	return { subtotal, tax, shipping, discount };
}

function validateExpiration(value: unknown, field: string, country: Country, now: number): void {
	const exp = requireObject(value, field);
	rejectUnknownKeys(exp, field, ['timestamp', 'description']);
	const ts = exp.timestamp;
	if (ts === undefined || ts === null || ts === '') fail(`${field}.timestamp`, 'is required', undefined, 'missing');
	const seconds = typeof ts === 'number' ? ts : typeof ts === 'string' && /^\d+$/.test(ts) ? Number(ts) : NaN;
	if (!Number.isInteger(seconds)) fail(`${field}.timestamp`, 'must be a UTC epoch time in whole seconds', ts);
	if (seconds < now + LIMITS.expirationMinSeconds) {
		fail(
			`${field}.timestamp`,
			`must be at least ${LIMITS.expirationMinSeconds} seconds in the future (now is ${now})`,
			ts,
		);
	}
	if (country === 'BR') requireString(exp.description, `${field}.description`, { max: LIMITS.expirationDescription });
	else optionalString(exp.description, `${field}.description`, { max: LIMITS.expirationDescription });
}

function validateBeneficiaries(value: unknown, field: string): void {
	const list = requireArray(value, field, { min: 1 });
	list.forEach((b, i) => {
		const f = `${field}[${i}]`;
		const obj = requireObject(b, f);
		rejectUnknownKeys(obj, f, ['name', 'address_line1', 'address_line2', 'city', 'state', 'country', 'postal_code']);
		requireString(obj.name, `${f}.name`, { max: LIMITS.beneficiaryName });
		requireString(obj.address_line1, `${f}.address_line1`, { max: LIMITS.addressLine });
		optionalString(obj.address_line2, `${f}.address_line2`, { max: LIMITS.addressLine });
		requireString(obj.city, `${f}.city`);
		requireString(obj.state, `${f}.state`);
		if (obj.country !== 'India') fail(`${f}.country`, 'must be "India"', obj.country, obj.country === undefined ? 'missing' : 'invalid');
		requireString(obj.postal_code, `${f}.postal_code`, { pattern: /^\d{6}$/, patternRule: 'must be a 6-digit PIN code' });
	});
}

export interface ValidateOptions {
	/** Current time in epoch seconds (injected so tests and the sandbox are deterministic). */
	now?: number;
}

function nowSeconds(opts: ValidateOptions): number {
	return opts.now ?? Math.floor(Date.now() / 1000);
}

/**
 * Every rule of spec sections 2.2-2.6 for `action.parameters` of an order_details message.
 * Returns the total in minor units.
 */
export function validateOrderDetailsParameters(parameters: unknown, country: Country, opts: ValidateOptions = {}): number {
	const p = requireObject(parameters, 'parameters');
	const now = nowSeconds(opts);
	const allowed = ['reference_id', 'type', 'payment_type', 'payment_settings', 'currency', 'total_amount', 'order'];
	if (country === 'IN') allowed.push('beneficiaries', 'payment_configuration');
	rejectUnknownKeys(p, 'parameters', allowed);
	validateReferenceId(p.reference_id, country, 'parameters.reference_id');
	const goods = requireEnum(p.type, 'parameters.type', GOODS_TYPES);
	const currency = COUNTRY_CURRENCY[country];
	if (p.currency === undefined) fail('parameters.currency', 'is required', undefined, 'missing');
	if (p.currency !== currency) fail('parameters.currency', `must be "${currency}" for ${country === 'BR' ? 'Brazil' : 'India'}`, p.currency);

	const settingTypes: string[] = [];
	if (p.payment_settings !== undefined) {
		const list = requireArray(p.payment_settings, 'parameters.payment_settings', { min: 1 });
		list.forEach((s, i) => settingTypes.push(validatePaymentSetting(s, `parameters.payment_settings[${i}]`, country)));
		const seen = new Set<string>();
		for (const t of settingTypes) {
			if (seen.has(t)) fail('parameters.payment_settings', `must not contain two "${t}" settings`, settingTypes);
			seen.add(t);
		}
	}

	if (country === 'BR') {
		if (p.payment_type === undefined) fail('parameters.payment_type', 'is required', undefined, 'missing');
		if (p.payment_type !== 'br') fail('parameters.payment_type', 'must be "br" for Brazil', p.payment_type);
	} else {
		const legacy = p.payment_configuration !== undefined;
		if (p.payment_type !== undefined && p.payment_type !== 'upi') fail('parameters.payment_type', 'must be "upi" when set for India', p.payment_type);
		if (legacy) {
			if (p.payment_type !== 'upi') fail('parameters.payment_type', 'must be "upi" with payment_configuration (legacy UPI)', p.payment_type, p.payment_type === undefined ? 'missing' : 'invalid');
			validateConfigurationName(p.payment_configuration, 'parameters.payment_configuration');
			if (p.payment_settings !== undefined) fail('parameters.payment_settings', 'cannot be combined with the legacy payment_configuration field', p.payment_settings);
		} else if (p.payment_settings === undefined) {
			fail('parameters.payment_settings', 'is required for India (or the legacy payment_configuration)', undefined, 'missing');
		}
		if (settingTypes.includes('payment_link') && p.payment_type !== 'upi') {
			fail('parameters.payment_type', 'must be "upi" when a payment_link setting is used in India', p.payment_type, p.payment_type === undefined ? 'missing' : 'invalid');
		}
		if (goods === 'physical-goods' || p.beneficiaries !== undefined) {
			if (goods === 'physical-goods' && p.beneficiaries === undefined) {
				fail('parameters.beneficiaries', 'is required for physical-goods orders in India', undefined, 'missing');
			}
			validateBeneficiaries(p.beneficiaries, 'parameters.beneficiaries');
		}
	}

	const total = validateAmountObject(p.total_amount, 'parameters.total_amount');
	if (p.order === undefined) {
		if (country === 'IN') fail('parameters.order', 'is required for India', undefined, 'missing');
	} else {
		const t = validateOrder(p.order, 'parameters.order', country, now);
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

	if (country === 'IN' && total > LIMITS.upiCapMinor) {
		const settings = (p.payment_settings as JsonObject[] | undefined) ?? [];
		settings.forEach((s, i) => {
			if (s.type === 'upi_intent_link') {
				fail(`parameters.payment_settings[${i}]`, `UPI intent links cannot collect more than INR ${formatMinor(LIMITS.upiCapMinor)}`, formatMinor(total));
			}
			if (s.type === 'payment_gateway') {
				const opts = (s.payment_gateway as JsonObject).enabled_payment_options as unknown[] | undefined;
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
			fail('parameters.total_amount', `exceeds the UPI cap of INR ${formatMinor(LIMITS.upiCapMinor)}`, formatMinor(total));
		}
	}
	return total;
}

function validateHeader(header: unknown, country: Country, simplified: boolean): void {
	const h = requireObject(header, 'header');
	if (country === 'BR' && simplified) fail('header', 'is not supported on a Brazil order without an itemised order (simplified message)', h);
	if (h.type !== 'image') fail('header.type', 'must be "image"', h.type, h.type === undefined ? 'missing' : 'invalid');
	rejectUnknownKeys(h, 'header', ['type', 'image']);
	const image = requireObject(h.image, 'header.image');
	rejectUnknownKeys(image, 'header.image', ['link', 'id', 'provider']);
	if (image.link === undefined && image.id === undefined) fail('header.image.link', 'is required (or an uploaded media id)', undefined, 'missing');
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

/** Country of an order message, from its currency / payment_type (used by the sandbox). */
export function detectCountry(parameters: unknown): Country | undefined {
	if (!isPlainObject(parameters)) return undefined;
	if (parameters.currency === 'BRL' || parameters.payment_type === 'br') return 'BR';
	if (parameters.currency === 'INR' || parameters.payment_type === 'upi') return 'IN';
	return undefined;
}

/** Validates a whole `interactive` object of type order_details. Returns the total in minor units. */
export function validateOrderDetailsInteractive(interactive: unknown, country: Country, opts: ValidateOptions = {}): number {
	const i = requireObject(interactive, 'interactive');
	rejectUnknownKeys(i, 'interactive', ['type', 'header', 'body', 'footer', 'action']);
	if (i.type !== 'order_details') fail('interactive.type', 'must be "order_details"', i.type);
	validateBodyFooter(i);
	const action = requireObject(i.action, 'action');
	rejectUnknownKeys(action, 'action', ['name', 'parameters']);
	if (action.name !== 'review_and_pay') fail('action.name', 'must be "review_and_pay"', action.name, action.name === undefined ? 'missing' : 'invalid');
	const total = validateOrderDetailsParameters(action.parameters, country, opts);
	if (i.header !== undefined) validateHeader(i.header, country, (action.parameters as JsonObject).order === undefined);
	return total;
}

/** Accepts Meta's two spellings of partially shipped and returns the one its JSON examples use. */
export function normaliseOrderStatus(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const v = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
	return v === 'cancelled' ? 'canceled' : v;
}

export function validateOrderStatusParameters(parameters: unknown, country: Country): void {
	const p = requireObject(parameters, 'parameters');
	rejectUnknownKeys(p, 'parameters', country === 'BR' ? ['reference_id', 'order', 'payment'] : ['reference_id', 'order']);
	validateReferenceId(p.reference_id, country, 'parameters.reference_id');
	if (p.order === undefined) {
		if (country === 'IN') fail('parameters.order', 'is required for India', undefined, 'missing');
		if (p.payment === undefined) fail('parameters.order', 'is required unless a payment status is sent (simplified status)', undefined, 'missing');
	} else {
		const order = requireObject(p.order, 'parameters.order');
		rejectUnknownKeys(order, 'parameters.order', ['status', 'description']);
		requireEnum(normaliseOrderStatus(order.status), 'parameters.order.status', country === 'BR' ? ORDER_STATUSES : INDIA_ORDER_STATUSES);
		optionalString(order.description, 'parameters.order.description', { max: LIMITS.statusDescription });
	}
	if (p.payment !== undefined) {
		const payment = requireObject(p.payment, 'parameters.payment');
		rejectUnknownKeys(payment, 'parameters.payment', ['status', 'timestamp']);
		requireEnum(payment.status, 'parameters.payment.status', BR_PAYMENT_STATUSES);
		if (payment.timestamp !== undefined) {
			const ts = payment.timestamp;
			if (!(typeof ts === 'number' && Number.isInteger(ts) && ts > 0) && !(typeof ts === 'string' && /^\d+$/.test(ts))) {
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
		if (country === 'IN') fail('header', 'is not supported on India order_status messages', i.header);
		validateHeader(i.header, country, false);
	}
	const action = requireObject(i.action, 'action');
	rejectUnknownKeys(action, 'action', ['name', 'parameters']);
	if (action.name !== 'review_order') fail('action.name', 'must be "review_order"', action.name, action.name === undefined ? 'missing' : 'invalid');
	validateOrderStatusParameters(action.parameters, country);
}

/**
 * Order status transitions Meta enforces (spec 3.3). Returns Meta's error code for a refused
 * transition, or undefined when it is allowed.
 */
export function checkOrderTransition(
	from: OrderStatus,
	to: OrderStatus,
	paymentState: 'none' | 'pending' | 'captured',
): { code: 2046 | 2047; reason: string } | undefined {
	if (from === 'completed' || from === 'canceled') {
		return { code: 2046, reason: `the order is already ${from}; no further status updates are allowed` };
	}
	if (to === 'pending' && from !== 'pending') {
		return { code: 2046, reason: `an order cannot go back to pending from ${from}` };
	}
	if (to === 'canceled' && paymentState !== 'none') {
		return { code: 2047, reason: `could not change order status to 'canceled': a payment is already ${paymentState}` };
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Builders (UI form -> Meta payload)
// ---------------------------------------------------------------------------------------------

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
}

function isBlank(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function describedAmount(valueMinor: number, description?: string, extra?: JsonObject): JsonObject {
	const out: JsonObject = { ...amount(valueMinor) };
	if (!isBlank(description)) out.description = description;
	if (extra) Object.assign(out, extra);
	return out;
}

/**
 * Builds `action.parameters` from form fields, converting decimals exactly, computing subtotal and
 * total when left empty, then validates the result with the same rules as JSON mode.
 */
export function buildOrderDetailsParameters(input: OrderFormInput, opts: ValidateOptions = {}): JsonObject {
	const { country } = input;
	const params: JsonObject = {
		reference_id: input.referenceId,
		type: input.goodsType,
	};
	const hasPaymentLink = input.paymentSettings.some((s) => s.type === 'payment_link');
	if (country === 'BR') params.payment_type = 'br';
	else if (hasPaymentLink) params.payment_type = 'upi';
	if (input.paymentSettings.length > 0) params.payment_settings = input.paymentSettings;
	params.currency = COUNTRY_CURRENCY[country];
	if (country === 'IN' && input.beneficiaries && input.beneficiaries.length > 0) params.beneficiaries = input.beneficiaries;

	if (input.simplified) {
		if (country !== 'BR') fail('order', 'an itemised order is required for India (simplified messages are Brazil only)', undefined, 'missing');
		params.total_amount = amount(toMinorUnits(input.total, 'total_amount'));
		validateOrderDetailsParameters(params, country, opts);
		return params;
	}

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
		const q = typeof item.quantity === 'string' && /^\d+$/.test(item.quantity.trim()) ? Number(item.quantity) : item.quantity;
		out.quantity = q;
		if (!isBlank(item.imageUrl)) out.image = { link: item.imageUrl };
		if (!isBlank(item.countryOfOrigin)) out.country_of_origin = item.countryOfOrigin;
		if (!isBlank(item.importerName)) out.importer_name = item.importerName;
		if (item.importerAddress && Object.keys(item.importerAddress).length > 0) out.importer_address = item.importerAddress;
		if (typeof q === 'number' && Number.isInteger(q)) sum += effective * q;
		return out;
	});

	const subtotal = isBlank(input.subtotal) ? sum : toMinorUnits(input.subtotal, 'order.subtotal');
	const tax = isBlank(input.tax) ? 0 : toMinorUnits(input.tax, 'order.tax', { allowZero: true });
	const shipping = isBlank(input.shipping) ? undefined : toMinorUnits(input.shipping, 'order.shipping', { allowZero: true });
	const discount = isBlank(input.discount) ? undefined : toMinorUnits(input.discount, 'order.discount', { allowZero: true });
	const order: JsonObject = { status: 'pending' };
	if (input.quickPay) order.type = 'quick_pay';
	if (!isBlank(input.catalogId)) order.catalog_id = input.catalogId;
	if (!isBlank(input.expirationTimestamp)) {
		order.expiration = { timestamp: String(input.expirationTimestamp) };
		if (!isBlank(input.expirationDescription)) (order.expiration as JsonObject).description = input.expirationDescription;
	}
	order.tax = describedAmount(tax, input.taxDescription);
	order.items = builtItems;
	order.subtotal = amount(subtotal);
	if (shipping !== undefined) order.shipping = describedAmount(shipping, input.shippingDescription);
	if (discount !== undefined) {
		order.discount = describedAmount(
			discount,
			input.discountDescription,
			isBlank(input.discountProgramName) ? undefined : { discount_program_name: input.discountProgramName },
		);
	}
	const computedTotal = subtotal + tax + (shipping ?? 0) - (discount ?? 0);
	if (computedTotal <= 0 && isBlank(input.total)) {
		fail('total_amount', 'must be greater than 0 (subtotal + tax + shipping - discount)', formatMinor(computedTotal));
	}
	params.total_amount = amount(isBlank(input.total) ? computedTotal : toMinorUnits(input.total, 'total_amount'));
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
	if (!isBlank(content.headerImageUrl)) interactive.header = { type: 'image', image: { link: content.headerImageUrl } };
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
		const order: JsonObject = { status: normaliseOrderStatus(input.status) };
		if (!isBlank(input.description)) order.description = input.description;
		params.order = order;
	}
	if (!isBlank(input.paymentStatus)) {
		if (input.country !== 'BR') fail('payment', 'a payment status can only be sent for Brazil orders', input.paymentStatus);
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

/** The Cloud API envelope for an interactive message. */
export function buildInteractiveMessage(to: string, interactive: JsonObject): JsonObject {
	requireString(to, 'to', { pattern: /^\+?\d{6,20}$/, patternRule: 'must be the buyer\'s WhatsApp number or ID (digits, country code first)' });
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type: 'interactive',
		interactive,
	};
}

// Payment setting builders: one per type, Meta's shape `{type, [type]: {...}}`.
export const paymentSetting = {
	pix(s: { code: string; merchantName: string; key: string; keyType: string }): JsonObject {
		return {
			type: 'pix_dynamic_code',
			pix_dynamic_code: { code: s.code, merchant_name: s.merchantName, key: s.key, key_type: s.keyType },
		};
	},
	paymentLink(s: { uri: string; successUrl?: string; cancelUrl?: string }): JsonObject {
		const sub: JsonObject = { uri: s.uri };
		if (!isBlank(s.successUrl)) sub.success_url = s.successUrl;
		if (!isBlank(s.cancelUrl)) sub.cancel_url = s.cancelUrl;
		return { type: 'payment_link', payment_link: sub };
	},
	boleto(s: { digitableLine: string }): JsonObject {
		return { type: 'boleto', boleto: { digitable_line: s.digitableLine } };
	},
	oneClick(s: { lastFourDigits: string; credentialId: string }): JsonObject {
		return { type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: s.lastFourDigits, credential_id: s.credentialId } };
	},
	upiIntentLink(s: { link: string }): JsonObject {
		return { type: 'upi_intent_link', upi_intent_link: { link: s.link } };
	},
	paymentGateway(s: {
		gateway: string;
		configurationName: string;
		passThrough?: JsonObject;
		preferredApp?: string;
		enabledOptions?: string[];
	}): JsonObject {
		const pg: JsonObject = { type: s.gateway, configuration_name: s.configurationName };
		const pass = Object.fromEntries(Object.entries(s.passThrough ?? {}).filter(([, v]) => !isBlank(v)));
		if (Object.keys(pass).length > 0) pg[s.gateway] = pass;
		if (!isBlank(s.preferredApp)) pg.preferred_payment_methods = [{ method: s.preferredApp }];
		if (s.enabledOptions && s.enabledOptions.length > 0) pg.enabled_payment_options = s.enabledOptions;
		return { type: 'payment_gateway', payment_gateway: pg };
	},
};

export type { Amount };
