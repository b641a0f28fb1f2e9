/** Deterministic fault injection: seeded randomness, latency, 5xx, throttling and dropped connections. */

export interface FaultSettings {
	/** Added latency in milliseconds for every matching request. */
	latencyMs?: number;
	/** A further random latency of 0 to this many milliseconds per request (seeded), to shuffle concurrent calls. */
	jitterMs?: number;
	/** Share (0-1) of requests answered with a 5xx Graph error (code 131000 or 2). */
	errorRate?: number;
	/** Share (0-1) of requests answered with 429 / code 130429 before anything is accepted. */
	throttleRate?: number;
	/** Share (0-1) of requests whose connection is destroyed without an answer (after processing). */
	dropRate?: number;
	/** Messages per second per phone number; above it the answer is 130429 (messages endpoint only). */
	messagesPerSecond?: number;
}

/** Fault rules by endpoint group: `messages`, `payment_configuration`, `subscriptions`, `payments`, or `*`. */
export type FaultConfig = Record<string, FaultSettings>;

export type FaultOutcome = 'ok' | 'error' | 'throttle' | 'drop';

/** mulberry32: small, fast, deterministic for a given seed. */
export function createRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultInjector {
	private random: () => number;
	private config: FaultConfig = {};
	private readonly windows = new Map<string, number[]>();

	constructor(
		private seed: number,
		config: FaultConfig = {},
	) {
		this.random = createRandom(seed);
		this.set(config);
	}

	set(config: FaultConfig): void {
		this.config = { ...config };
		this.random = createRandom(this.seed);
		this.windows.clear();
	}

	get(): FaultConfig {
		return { ...this.config };
	}

	settingsFor(group: string): FaultSettings {
		return { ...(this.config['*'] ?? {}), ...(this.config[group] ?? {}) };
	}

	/** Draws the outcome for one request of a group. One random draw per request keeps runs repeatable. */
	draw(group: string): FaultOutcome {
		const s = this.settingsFor(group);
		const r = this.random();
		let edge = s.throttleRate ?? 0;
		if (r < edge) return 'throttle';
		edge += s.errorRate ?? 0;
		if (r < edge) return 'error';
		edge += s.dropRate ?? 0;
		if (r < edge) return 'drop';
		return 'ok';
	}

	/**
	 * Sliding one-second window per phone number. Returns true when the message is over the limit.
	 * Only accepted messages count towards the window.
	 */
	overLimit(phoneNumberId: string, now: number): boolean {
		const limit = this.settingsFor('messages').messagesPerSecond;
		if (!limit || limit <= 0) return false;
		const list = this.windows.get(phoneNumberId) ?? [];
		while (list.length > 0 && now - list[0] >= 1000) list.shift();
		if (list.length >= limit) {
			this.windows.set(phoneNumberId, list);
			return true;
		}
		list.push(now);
		this.windows.set(phoneNumberId, list);
		return false;
	}
}
