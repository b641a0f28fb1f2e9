import { sleep } from 'n8n-workflow';

/**
 * Spaces message sends for one phone number, never two starts closer than 1/rate apart. It aims 3% under
 * the configured rate, because requests reach Meta with some jitter and a limit hit costs a retry. When
 * Meta answers 130429 the rate drops to 80% and then recovers by half a message per second for each
 * accepted message (additive increase, multiplicative decrease).
 */
export const PACING_MARGIN = 0.97;

export class SendPacer {
	private rate: number;
	private next = 0;
	private readonly maxRate: number;

	constructor(configuredRate: number) {
		this.maxRate = configuredRate * PACING_MARGIN;
		this.rate = this.maxRate;
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
		this.rate = Math.max(1, this.rate * 0.8);
		this.next = Math.max(this.next, Date.now() + 1000 / this.rate);
	}

	accepted(): void {
		if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + 0.5);
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
