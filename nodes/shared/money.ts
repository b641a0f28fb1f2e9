import { fail } from './validation';

/** Meta's amount shape: an integer in minor units and a fixed offset of 100 (BRL and INR). */
export interface Amount {
	value: number;
	offset: number;
}

export const OFFSET = 100;
/** Largest whole-cent value we accept (keeps every sum exact in IEEE doubles). */
const MAX_MINOR = Number.MAX_SAFE_INTEGER / 1024;

/**
 * Converts a decimal currency amount typed by a person or produced by an expression into minor units,
 * exactly. Strings are parsed digit by digit; numbers (which may carry binary drift such as
 * 0.1 + 0.2 = 0.30000000000000004) are accepted only when they sit on a whole cent.
 */
export function toMinorUnits(
	input: unknown,
	field: string,
	opts: { allowZero?: boolean } = {},
): number {
	let minor: number;
	if (typeof input === 'number') {
		if (!Number.isFinite(input)) fail(field, 'must be a finite number', input);
		if (input < 0) fail(field, 'must not be negative', input);
		const scaled = input * OFFSET;
		minor = Math.round(scaled);
		const tolerance = 1e-6 + Math.abs(scaled) * Number.EPSILON * 4;
		if (Math.abs(scaled - minor) > tolerance) {
			fail(field, 'must have at most two decimal places (whole cents or paise)', input);
		}
	} else if (typeof input === 'string') {
		const text = input.trim();
		if (text === '') fail(field, 'is required', undefined, 'missing');
		if (text.includes(',')) {
			fail(
				field,
				'must use a dot as the decimal separator and no thousands separators, e.g. 1234.50',
				input,
			);
		}
		if (text.startsWith('-')) fail(field, 'must not be negative', input);
		const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
		if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
			fail(field, 'must be a plain decimal number such as 12.34', input);
		}
		const whole = match[1] === '' ? '0' : match[1];
		const fraction = match[2] ?? '';
		if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) {
			fail(field, 'must have at most two decimal places (whole cents or paise)', input);
		}
		const cents = (fraction + '00').slice(0, 2);
		const digits = whole.replace(/^0+(?=\d)/, '');
		if (digits.length > 14) fail(field, 'is too large', input);
		minor = Number(digits) * OFFSET + Number(cents);
	} else if (input === undefined || input === null) {
		return fail(field, 'is required', undefined, 'missing');
	} else {
		return fail(field, 'must be a decimal amount such as 12.34', input);
	}
	if (minor > MAX_MINOR) fail(field, 'is too large', input);
	if (minor === 0 && !opts.allowZero) fail(field, 'must be greater than 0', input);
	return minor;
}

export function amount(value: number): Amount {
	return { value, offset: OFFSET };
}

/** Formats minor units as a decimal string (50000 -> "500.00") for messages and outputs. */
export function formatMinor(value: number, offset = OFFSET): string {
	if (offset !== OFFSET) return String(value / offset);
	const sign = value < 0 ? '-' : '';
	const abs = Math.abs(value);
	return `${sign}${Math.floor(abs / OFFSET)}.${String(abs % OFFSET).padStart(2, '0')}`;
}

/** Decimal number for outputs ({value: 1999, offset: 100} -> 19.99). */
export function toDecimal(a: { value: number; offset: number }): number {
	return a.value / a.offset;
}
