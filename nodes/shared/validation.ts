/**
 * The one error type for payload rules. It names the field (as a path in Meta's payload), the rule,
 * and the value that broke it. Nodes turn it into a NodeOperationError; the sandbox turns it into
 * Meta's error envelope (`kind` picks the Graph error code).
 */
export type RuleKind = 'missing' | 'invalid' | 'length' | 'arithmetic' | 'unknown';

export class PaymentsValidationError extends Error {
	readonly field: string;
	readonly rule: string;
	readonly value: unknown;
	readonly kind: RuleKind;

	constructor(field: string, rule: string, value: unknown, kind: RuleKind = 'invalid') {
		super(`${field}: ${rule}${value === undefined ? '' : ` (got ${describeValue(value)})`}`);
		this.name = 'PaymentsValidationError';
		this.field = field;
		this.rule = rule;
		this.value = value;
		this.kind = kind;
	}
}

export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
		return `"${shown}" (${value.length} characters)`;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	try {
		const text = JSON.stringify(value);
		return text.length > 80 ? `${text.slice(0, 77)}...` : text;
	} catch {
		return typeof value;
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fail(field: string, rule: string, value?: unknown, kind?: RuleKind): never {
	throw new PaymentsValidationError(field, rule, value, kind);
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
	if (value === undefined || value === null) fail(field, 'is required', undefined, 'missing');
	if (!isPlainObject(value)) fail(field, 'must be an object', value);
	return value;
}

export function requireString(
	value: unknown,
	field: string,
	opts: { max?: number; min?: number; pattern?: RegExp; patternRule?: string } = {},
): string {
	if (value === undefined || value === null || value === '')
		fail(field, 'is required', undefined, 'missing');
	if (typeof value !== 'string') fail(field, 'must be text', value);
	if (value.trim() === '') fail(field, 'must not be blank', value, 'missing');
	checkLength(value, field, opts.max, opts.min);
	if (opts.pattern && !opts.pattern.test(value))
		fail(field, opts.patternRule ?? `must match ${opts.pattern}`, value);
	return value;
}

export function optionalString(
	value: unknown,
	field: string,
	opts: { max?: number; pattern?: RegExp; patternRule?: string } = {},
): string | undefined {
	if (value === undefined || value === null) return undefined;
	return requireString(value, field, opts);
}

/** Lengths count user-perceived characters the way Meta does for UTF-16 text: code points. */
export function checkLength(value: string, field: string, max?: number, min?: number): void {
	const length = Array.from(value).length;
	if (max !== undefined && length > max)
		fail(field, `must be at most ${max} characters`, value, 'length');
	if (min !== undefined && length < min)
		fail(field, `must be at least ${min} characters`, value, 'length');
}

export function requireEnum<T extends string>(
	value: unknown,
	field: string,
	allowed: readonly T[],
): T {
	if (value === undefined || value === null || value === '')
		fail(field, 'is required', undefined, 'missing');
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		fail(field, `must be one of ${allowed.join(', ')}`, value);
	}
	return value as T;
}

export function requireArray(
	value: unknown,
	field: string,
	opts: { min?: number; max?: number } = {},
): unknown[] {
	if (value === undefined || value === null) fail(field, 'is required', undefined, 'missing');
	if (!Array.isArray(value)) fail(field, 'must be a list', value);
	if (opts.min !== undefined && value.length < opts.min) {
		fail(
			field,
			`must have at least ${opts.min} entr${opts.min === 1 ? 'y' : 'ies'}`,
			value,
			opts.min > 0 && value.length === 0 ? 'missing' : 'invalid',
		);
	}
	if (opts.max !== undefined && value.length > opts.max)
		fail(field, `must have at most ${opts.max} entries`, value, 'length');
	return value;
}

export function rejectUnknownKeys(
	obj: Record<string, unknown>,
	field: string,
	allowed: readonly string[],
): void {
	for (const key of Object.keys(obj)) {
		if (!allowed.includes(key)) {
			fail(
				`${field}.${key}`,
				`is not a field Meta accepts here (allowed: ${allowed.join(', ')})`,
				obj[key],
				'unknown',
			);
		}
	}
}

/** http(s) URL check without URL globals beyond the standard constructor. */
export function requireUrl(
	value: unknown,
	field: string,
	schemes: readonly string[] = ['https:', 'http:'],
	max?: number,
): string {
	const text = requireString(value, field, { max });
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return fail(field, 'must be a full URL such as https://example.com/pay', value);
	}
	if (!schemes.includes(parsed.protocol))
		fail(field, `must be a ${schemes.map((s) => s.replace(':', '')).join(' or ')} URL`, value);
	return text;
}

/** Empty in a form field: undefined, null or only white space. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}
