/**
 * The trigger's redelivery memory: a bounded set of recently seen events, oldest forgotten first.
 *
 * Each event is remembered by a token of 16 hex characters (64 bits of the SHA-256 behind its
 * idempotency key), so 10,000 events take 160 KB in n8n's workflow static data, stored as one string
 * rather than an array of long keys. n8n reads and writes that static data with the workflow on every
 * delivery, so its size is paid on every delivery.
 *
 * Several n8n processes (queue mode: webhook processes) each keep their own memory and save it last-writer
 * wins. `absorb` merges what another process saved (n8n hands every delivery the static data fresh from
 * the database), so a redelivery reaching another process is usually recognised too. Usually, not
 * always: two processes can still both accept one event at the same instant. That is why the charge
 * itself is made safe by the idempotency key, and this memory only saves executions.
 */
export const DEFAULT_DEDUPE_CAPACITY = 10000;

/** Characters per token. */
export const TOKEN_LENGTH = 16;

/** The memory of an event whose idempotency key is `wapay_<40 hex>`. */
export function dedupeToken(idempotencyKey: string): string {
	return idempotencyKey.slice(6, 6 + TOKEN_LENGTH);
}

/** What is saved in static data: format version, tokens oldest first, and which memory wrote it. */
export interface SavedMemory {
	v: 2;
	keys: string;
	writer: string;
}

function isSaved(value: unknown): value is SavedMemory {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as SavedMemory).v === 2 &&
		typeof (value as SavedMemory).keys === 'string'
	);
}

export class RecentKeys {
	private readonly set = new Set<string>();
	/** The tokens oldest first: the eviction order and, as is, what is saved (no 160 KB rebuild per save). */
	private joined = '';
	/** The last foreign save merged in; the same save again holds nothing new. */
	private absorbed = '';
	/** Tells this memory's saves from other processes' (random per memory). */
	readonly writer = Math.random().toString(36).slice(2, 10);

	constructor(
		saved: unknown,
		private readonly capacity = DEFAULT_DEDUPE_CAPACITY,
	) {
		this.absorb(saved);
	}

	has(key: string): boolean {
		return this.set.has(key);
	}

	/** Records a token (TOKEN_LENGTH characters); returns false when it was already there. */
	add(key: string): boolean {
		if (key.length !== TOKEN_LENGTH)
			throw new Error(`A redelivery token has ${TOKEN_LENGTH} characters`);
		if (this.set.has(key)) return false;
		if (this.set.size === this.capacity) {
			this.set.delete(this.joined.slice(0, TOKEN_LENGTH));
			this.joined = this.joined.slice(TOKEN_LENGTH);
		}
		this.set.add(key);
		this.joined += key;
		return true;
	}

	/**
	 * Adds the tokens of a saved memory that this one lacks. Free when this memory wrote the saved state
	 * (one process: everything in it came from here) or when it is the same save as last time (n8n hands
	 * every delivery the stored state, which changes only when a process saves); otherwise one Set lookup
	 * per saved token. Anything else than the current format (an older version's list of keys) is ignored.
	 */
	absorb(saved: unknown): void {
		if (!isSaved(saved) || saved.writer === this.writer || saved.keys === this.absorbed) return;
		this.absorbed = saved.keys;
		const keys = saved.keys;
		const from = Math.max(0, keys.length - this.capacity * TOKEN_LENGTH);
		for (let i = from; i + TOKEN_LENGTH <= keys.length; i += TOKEN_LENGTH) {
			const token = keys.slice(i, i + TOKEN_LENGTH);
			if (!this.set.has(token)) this.add(token);
		}
	}

	toJSON(): SavedMemory {
		return { v: 2, keys: this.joined, writer: this.writer };
	}

	get size(): number {
		return this.set.size;
	}
}
