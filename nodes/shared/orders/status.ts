/**
 * The one status normaliser. Meta spells statuses several ways (`Needs Testing`, `partially-shipped`,
 * `CAPTURED`, `cancelled`); this returns the lower-case, underscore spelling its JSON examples use.
 */
export function normaliseStatus(value: unknown): string | undefined {
	let s: string;
	if (typeof value === 'string') s = value;
	else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
	else return undefined;
	const v = s
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return v === 'cancelled' ? 'canceled' : v;
}
