import { sleep } from 'n8n-workflow';

import {
	dueReleases,
	nextAnswerEstimate,
	PACING_MARGIN,
	paceAfterThrottle,
	RecentReleases,
	retryAtNextSlot,
} from '../../shared';
import type { SenderPace } from '../../shared';

/**
 * Spaces message sends for one phone number, one start every 1/rate, released from a queue by one timer:
 * after the process was busy it catches up the slots of a short pause (shared/inFlight.ts) as far as its
 * last second stays within the configured rate, so that a late timer neither costs the pace nor sends a
 * burst above Meta's limit. It aims 3% under
 * the configured rate, because requests reach Meta with some jitter and a limit hit costs a retry. When
 * Meta answers 130429 the rate drops by 5 to 20%, to just under what Meta accepted over the last second (once
 * per answer time, shared/inFlight.ts) and then recovers by
 * half a message per second for each accepted message (additive increase, multiplicative decrease). When
 * the run stops (an item failed), sends still waiting for their slot are not made. It also keeps Meta's answer time for the
 * number, from which the run works out how many sends to keep in flight (shared/inFlight.ts).
 */
export class SendPacer {
	private rate: number;
	/** The next send's slot; unset until the first send, which goes at once (there is nothing to catch up). */
	private next: number | undefined;
	private readonly maxRate: number;
	private answerMs: number | undefined;
	private cutUntil = 0;
	private readonly queue: Array<() => void> = [];
	private readonly recent = new RecentReleases();
	/** When Meta accepted this number's messages over the last second (answer times). */
	private readonly acceptedRecently = new RecentReleases();
	private timer = false;

	constructor(
		configuredRate: number,
		private readonly run: { stopped: boolean } = { stopped: false },
	) {
		this.maxRate = configuredRate * PACING_MARGIN;
		this.rate = this.maxRate;
	}

	get currentRate(): number {
		return this.rate;
	}

	/** The pace allowed now and the answer time observed, for the in-flight limit. */
	get pace(): SenderPace {
		return { ratePerSecond: this.rate, answerMs: this.answerMs };
	}

	/** Records how long Meta took to answer one request (accepted or refused). */
	answered(ms: number): void {
		this.answerMs = nextAnswerEstimate(this.answerMs, ms);
	}

	async wait(): Promise<void> {
		if (this.run.stopped) throw new RunStoppedError();
		if (!(this.maxRate > 0)) return;
		await new Promise<void>((resolve) => {
			this.queue.push(resolve);
			this.release();
		});
		if (this.run.stopped) throw new RunStoppedError();
	}

	/** Lets every waiting send go (each then sees that the run stopped). */
	flush(): void {
		for (const resolve of this.queue.splice(0)) resolve();
	}

	private release(): void {
		if (this.timer) return;
		const now = Date.now();
		// The window holds the configured rate (with the margin), not the current pace: after a 130429 the pace
		// is lower and spaces the sends itself.
		const room = this.recent.room(now, this.maxRate);
		const due = dueReleases(this.next ?? now, now, 1000 / this.rate, this.queue.length, room);
		this.next = due.next;
		this.recent.add(now, due.release);
		for (const resolve of this.queue.splice(0, due.release)) resolve();
		if (this.queue.length === 0) return;
		const wakeAt = due.release >= room ? Math.max(due.next, this.recent.freesAt()) : due.next;
		this.timer = true;
		void sleep(Math.max(1, wakeAt - now)).then(() => {
			this.timer = false;
			this.release();
		});
	}

	throttled(): void {
		const now = Date.now();
		const cut = paceAfterThrottle(
			{ ratePerSecond: this.rate, cutUntil: this.cutUntil },
			now,
			this.answerMs,
			this.acceptedRecently.count(now),
		);
		this.rate = cut.ratePerSecond;
		this.cutUntil = cut.cutUntil;
		this.next = Math.max(this.next ?? now, now + 1000 / this.rate);
	}

	accepted(): void {
		this.acceptedRecently.add(Date.now(), 1);
		if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + 0.5);
	}

	/** Whether a send refused with 130429 on its attempt `attempt` (0: the first) retries at its next slot (shared/inFlight.ts). */
	retriesAtNextSlot(attempt: number): boolean {
		return retryAtNextSlot(this.acceptedRecently.count(Date.now()), this.maxRate, attempt);
	}
}

/** A send not made because the run stopped before its slot came; the run reports the item that failed. */
export class RunStoppedError extends Error {
	constructor() {
		super('Not sent: the node stopped after an earlier item failed.');
	}
}

/** One pacer per sender phone number for the duration of a node run. */
export class SendPacers {
	private readonly pacers = new Map<string, SendPacer>();
	private readonly run = { stopped: false };

	constructor(readonly messagesPerSecond: number) {}

	/** No further send starts: each one still waiting for its slot throws RunStoppedError instead. */
	stop(): void {
		this.run.stopped = true;
		for (const pacer of this.pacers.values()) pacer.flush();
	}

	for(phoneNumberId: string): SendPacer {
		let pacer = this.pacers.get(phoneNumberId);
		if (!pacer) {
			pacer = new SendPacer(this.messagesPerSecond, this.run);
			this.pacers.set(phoneNumberId, pacer);
		}
		return pacer;
	}

	/** The pace and answer time of every sender number used so far in the run. */
	paces(): SenderPace[] {
		return Array.from(this.pacers.values(), (pacer) => pacer.pace);
	}
}
