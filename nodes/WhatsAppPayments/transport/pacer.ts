import { sleep } from 'n8n-workflow';

/**
 * Spaces message sends for one phone number: at most `rate` starts per second, never two closer than
 * 1/rate apart. When Meta answers 130429 the rate halves and then recovers by one message per second
 * for each accepted message, back up to the configured rate (additive increase, multiplicative decrease).
 */
export class SendPacer {
	private rate: number;
	private next = 0;

	constructor(private readonly maxRate: number) {
		this.rate = maxRate;
	}

	get currentRate(): number {
		return this.rate;
	}

	async wait(): Promise<void> {
		if (!(this.maxRate > 0)) return;
		const now = Date.now();
		const slot = Math.max(now, this.next);
		this.next = slot + 1000 / this.rate;
		if (slot > now) await sleep(slot - now);
	}

	throttled(): void {
		this.rate = Math.max(1, this.rate / 2);
		this.next = Math.max(this.next, Date.now() + 1000 / this.rate);
	}

	accepted(): void {
		if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + 1);
	}
}

/** One pacer per sender phone number for the duration of a node run. */
export class SendPacers {
	private readonly pacers = new Map<string, SendPacer>();

	constructor(readonly messagesPerSecond: number) {}

	for(phoneNumberId: string): SendPacer {
		let pacer = this.pacers.get(phoneNumberId);
		if (!pacer) {
			pacer = new SendPacer(this.messagesPerSecond);
			this.pacers.set(phoneNumberId, pacer);
		}
		return pacer;
	}
}
