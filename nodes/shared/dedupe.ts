/**
 * A bounded memory of recently seen keys, oldest forgotten first. The state is a plain array so it
 * can live in n8n's workflow static data (JSON) and survive restarts of a published workflow.
 */
export const DEFAULT_DEDUPE_CAPACITY = 10000;

export class RecentKeys {
	private readonly order: string[];
	private readonly set: Set<string>;

	constructor(
		saved: unknown,
		private readonly capacity = DEFAULT_DEDUPE_CAPACITY,
	) {
		const list = Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string') : [];
		this.order = list.slice(-capacity);
		this.set = new Set(this.order);
	}

	has(key: string): boolean {
		return this.set.has(key);
	}

	/** Records the key; returns false when it was already there. */
	add(key: string): boolean {
		if (this.set.has(key)) return false;
		this.set.add(key);
		this.order.push(key);
		while (this.order.length > this.capacity) {
			const dropped = this.order.shift();
			if (dropped !== undefined) this.set.delete(dropped);
		}
		return true;
	}

	toJSON(): string[] {
		return this.order.slice();
	}

	get size(): number {
		return this.order.length;
	}
}
