import type { RequestKind, RetryClass } from './graphErrors';

export type { RequestKind };

/**
 * The retry rule in one place: reads retry on throttling and on server errors; sends (POST) retry
 * only on throttling, where Meta refused the request and nothing was accepted. Nothing else retries.
 */
export function shouldRetry(kind: RequestKind, retry: RetryClass): boolean {
	if (retry === 'throttle') return true;
	if (retry === 'transient') return kind === 'read';
	return false;
}

/** Exponential backoff with a cap; Retry-After (seconds) wins when Meta sends it. */
export function backoffDelay(
	attempt: number,
	baseMs: number,
	retryAfterHeader?: unknown,
	capMs = 60000,
): number {
	const fromHeader = Number(retryAfterHeader);
	if (Number.isFinite(fromHeader) && fromHeader > 0) return Math.min(fromHeader * 1000, capMs);
	return Math.min(baseMs * 2 ** attempt, capMs);
}
