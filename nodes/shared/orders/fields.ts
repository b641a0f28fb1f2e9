/** Field rules shared by every order message: reference ID, configuration name and Meta's amount object. */
import { OFFSET } from '../money';
import { fail, requireObject, requireString } from '../validation';
import { LIMITS } from './limits';
import type { Country } from './limits';

const REFERENCE_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
const REFERENCE_ID_RULE = 'may contain only English letters, digits, underscore, hyphen and dot';

export function validateReferenceId(
	value: unknown,
	country: Country,
	field = 'reference_id',
): string {
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
export function validateAmountObject(
	value: unknown,
	field: string,
	opts: { allowZero?: boolean } = {},
): number {
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
