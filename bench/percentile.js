'use strict';
/** The value at rank floor(p% of n) of a list of numbers (NaN for an empty list); the real-n8n benchmarks' percentile. */
function pct(values, p) {
	const s = [...values].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

module.exports = { pct };
