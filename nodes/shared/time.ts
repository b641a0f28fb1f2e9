/**
 * Epoch seconds from what Meta, expressions and n8n's date fields produce: a number (milliseconds are
 * detected and scaled), a numeric string, or a date-time text such as an ISO string. Undefined when empty
 * or unreadable.
 */
export function epochSeconds(v: unknown): number | undefined {
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v === 'string') {
		const text = v.trim();
		if (/^\d+(\.\d+)?$/.test(text)) return epochSeconds(Number(text));
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
	}
	if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return undefined;
	return v > 1e12 ? Math.floor(v / 1000) : Math.floor(v);
}

// Deliveries carry the same few timestamps over and over: remember the last one formatted.
let lastSeconds = -1;
let lastIso = '';

/** ISO 8601 text of epoch seconds. */
export function isoOf(seconds: number): string {
	if (seconds !== lastSeconds) {
		lastIso = new Date(seconds * 1000).toISOString();
		lastSeconds = seconds;
	}
	return lastIso;
}
