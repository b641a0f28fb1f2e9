/**
 * A bounded memory of recently seen keys, oldest forgotten first: a Set for lookups and a ring buffer
 * for the eviction order, so adding a key costs O(1) even when the memory is full. toJSON() gives the
 * keys oldest first, so the state can live in n8n's workflow static data (JSON) and be read back.
 */
export const DEFAULT_DEDUPE_CAPACITY = 10000;

export class RecentKeys {
	private readonly ring: Array<string | undefined>;
	private readonly set = new Set<string>();
	private head = 0;
	private count = 0;

	constructor(
		saved: unknown,
		private readonly capacity = DEFAULT_DEDUPE_CAPACITY,
	) {
		this.ring = new Array<string | undefined>(capacity);
		const source = saved instanceof RecentKeys ? saved.toJSON() : saved;
		const list = Array.isArray(source)
			? source.filter((k): k is string => typeof k === 'string')
			: [];
		for (const key of list.slice(-capacity)) this.add(key);
	}

	has(key: string): boolean {
		return this.set.has(key);
	}

	/** Records the key; returns false when it was already there. */
	add(key: string): boolean {
		if (this.set.has(key)) return false;
		const slot = (this.head + this.count) % this.capacity;
		if (this.count === this.capacity) {
			const evicted = this.ring[this.head];
			if (evicted !== undefined) this.set.delete(evicted);
			this.head = (this.head + 1) % this.capacity;
		} else {
			this.count++;
		}
		this.ring[slot] = key;
		this.set.add(key);
		return true;
	}

	toJSON(): string[] {
		const out: string[] = new Array(this.count);
		for (let i = 0; i < this.count; i++)
			out[i] = this.ring[(this.head + i) % this.capacity] as string;
		return out;
	}

	get size(): number {
		return this.count;
	}
}
