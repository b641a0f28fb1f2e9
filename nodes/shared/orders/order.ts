/** The `order` object of an order_details message: items, amounts, expiration, and India's beneficiaries. */
import { formatMinor } from '../money';
import {
	fail,
	optionalString,
	rejectUnknownKeys,
	requireArray,
	requireObject,
	requireString,
	requireUrl,
} from '../validation';
import { validateAmountObject } from './fields';
import { LIMITS } from './limits';
import type { Country } from './limits';

export interface OrderTotals {
	subtotal: number;
	tax: number;
	shipping: number;
	discount: number;
}

function validateDescribedAmount(
	value: unknown,
	field: string,
	extra: string[],
	allowZero: boolean,
): number {
	const obj = requireObject(value, field);
	rejectUnknownKeys(obj, field, ['value', 'offset', 'description', ...extra]);
	optionalString(obj.description, `${field}.description`, { max: LIMITS.amountDescription });
	if (extra.includes('discount_program_name')) {
		optionalString(obj.discount_program_name, `${field}.discount_program_name`, {
			max: LIMITS.discountProgramName,
		});
	}
	return validateAmountObject(obj, field, { allowZero });
}

function validateItem(
	item: unknown,
	field: string,
	country: Country,
	hasCatalog: boolean,
): { line: number; image: boolean } {
	const obj = requireObject(item, field);
	const allowed = ['retailer_id', 'name', 'amount', 'sale_amount', 'quantity'];
	if (country === 'IN')
		allowed.push('image', 'country_of_origin', 'importer_name', 'importer_address');
	rejectUnknownKeys(obj, field, allowed);
	requireString(obj.name, `${field}.name`, { max: LIMITS.itemName });
	const hasImage = obj.image !== undefined;
	if (country === 'BR') requireString(obj.retailer_id, `${field}.retailer_id`);
	else if (obj.retailer_id !== undefined) {
		requireString(obj.retailer_id, `${field}.retailer_id`);
		if (hasImage)
			fail(
				`${field}.image`,
				'cannot be combined with retailer_id (Meta uses either catalog items or item images)',
				obj.image,
			);
	}
	const unit = validateAmountObject(obj.amount, `${field}.amount`);
	let effective = unit;
	if (obj.sale_amount !== undefined) {
		const sale = validateAmountObject(obj.sale_amount, `${field}.sale_amount`);
		if (sale >= unit) {
			fail(
				`${field}.sale_amount`,
				`must be below the unit amount ${formatMinor(unit)}`,
				formatMinor(sale),
			);
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
			rejectUnknownKeys(address, a, [
				'address_line1',
				'address_line2',
				'city',
				'zone_code',
				'postal_code',
				'country_code',
			]);
			requireString(address.address_line1, `${a}.address_line1`, { max: LIMITS.addressLine });
			optionalString(address.address_line2, `${a}.address_line2`, { max: LIMITS.addressLine });
			requireString(address.city, `${a}.city`);
			requireString(address.zone_code, `${a}.zone_code`);
			requireString(address.postal_code, `${a}.postal_code`);
			requireString(address.country_code, `${a}.country_code`, {
				pattern: /^[A-Z]{2}$/,
				patternRule: 'must be a two-letter ISO country code such as IN',
			});
		}
	}
	return { line: effective * q, image: hasImage };
}

export function validateOrder(
	order: unknown,
	field: string,
	country: Country,
	now: number,
): OrderTotals {
	const obj = requireObject(order, field);
	const allowed = [
		'status',
		'catalog_id',
		'expiration',
		'items',
		'subtotal',
		'tax',
		'shipping',
		'discount',
	];
	if (country === 'IN') allowed.push('type');
	rejectUnknownKeys(obj, field, allowed);
	if (obj.status === undefined) fail(`${field}.status`, 'is required', undefined, 'missing');
	if (obj.status !== 'pending')
		fail(`${field}.status`, 'must be "pending" in an order_details message', obj.status);
	if (obj.type !== undefined && obj.type !== 'quick_pay')
		fail(`${field}.type`, 'must be "quick_pay" when set', obj.type);
	const hasCatalog = obj.catalog_id !== undefined;
	if (hasCatalog) requireString(obj.catalog_id, `${field}.catalog_id`);
	if (obj.expiration !== undefined)
		validateExpiration(obj.expiration, `${field}.expiration`, country, now);
	const items = requireArray(obj.items, `${field}.items`, { min: 1 });
	let sum = 0;
	let withImages = 0;
	items.forEach((item, i) => {
		const r = validateItem(item, `${field}.items[${i}]`, country, hasCatalog);
		sum += r.line;
		if (r.image) withImages++;
	});
	if (withImages > 0) {
		if (hasCatalog)
			fail(`${field}.catalog_id`, 'cannot be combined with item images', obj.catalog_id);
		if (items.length > LIMITS.itemsWithImages) {
			fail(
				`${field}.items`,
				`must have at most ${LIMITS.itemsWithImages} entries when items carry images`,
				`${items.length} items`,
				'length',
			);
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
	const shipping =
		obj.shipping === undefined
			? 0
			: validateDescribedAmount(obj.shipping, `${field}.shipping`, [], true);
	const discount =
		obj.discount === undefined
			? 0
			: validateDescribedAmount(obj.discount, `${field}.discount`, ['discount_program_name'], true);
	return { subtotal, tax, shipping, discount };
}

function validateExpiration(value: unknown, field: string, country: Country, now: number): void {
	const exp = requireObject(value, field);
	rejectUnknownKeys(exp, field, ['timestamp', 'description']);
	const ts = exp.timestamp;
	if (ts === undefined || ts === null || ts === '')
		fail(`${field}.timestamp`, 'is required', undefined, 'missing');
	const seconds =
		typeof ts === 'number' ? ts : typeof ts === 'string' && /^\d+$/.test(ts) ? Number(ts) : NaN;
	if (!Number.isInteger(seconds))
		fail(`${field}.timestamp`, 'must be a UTC epoch time in whole seconds', ts);
	if (seconds < now + LIMITS.expirationMinSeconds) {
		fail(
			`${field}.timestamp`,
			`must be at least ${LIMITS.expirationMinSeconds} seconds in the future (now is ${now})`,
			ts,
		);
	}
	if (country === 'BR')
		requireString(exp.description, `${field}.description`, { max: LIMITS.expirationDescription });
	else
		optionalString(exp.description, `${field}.description`, { max: LIMITS.expirationDescription });
}

export function validateBeneficiaries(value: unknown, field: string): void {
	const list = requireArray(value, field, { min: 1 });
	list.forEach((b, i) => {
		const f = `${field}[${i}]`;
		const obj = requireObject(b, f);
		rejectUnknownKeys(obj, f, [
			'name',
			'address_line1',
			'address_line2',
			'city',
			'state',
			'country',
			'postal_code',
		]);
		requireString(obj.name, `${f}.name`, { max: LIMITS.beneficiaryName });
		requireString(obj.address_line1, `${f}.address_line1`, { max: LIMITS.addressLine });
		optionalString(obj.address_line2, `${f}.address_line2`, { max: LIMITS.addressLine });
		requireString(obj.city, `${f}.city`);
		requireString(obj.state, `${f}.state`);
		if (obj.country !== 'India')
			fail(
				`${f}.country`,
				'must be "India"',
				obj.country,
				obj.country === undefined ? 'missing' : 'invalid',
			);
		requireString(obj.postal_code, `${f}.postal_code`, {
			pattern: /^\d{6}$/,
			patternRule: 'must be a 6-digit PIN code',
		});
	});
}
