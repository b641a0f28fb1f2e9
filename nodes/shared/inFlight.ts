/**
 * How many message sends one node run keeps waiting for Meta's answer at the same time.
 *
 * Starting `rate` messages per second when each one waits `answer` seconds for Meta's answer needs
 * `rate x answer` of them in flight (Little's law): at 1,000 messages per second and 600 ms answers, 600.
 * A fixed number caps the pace at `number / answer` whatever Messages Per Second says, so the run works it
 * out per sender number from the pace its pacer currently allows (lower after a 130429) and the answer time
 * it observes, adds headroom, and never goes above a cap or the user's own Concurrency. Sends beyond what the
 * pace needs would only wait in the pacer, holding an item each; fewer would leave the pace unreached.
 */

/** Extra share of `rate x answer` kept in flight: answers vary and the pacer must never wait for a free slot. */
export const IN_FLIGHT_HEADROOM = 1.25;
/** Added per sender number, so that a slow pace with fast answers still overlaps a few sends. */
export const IN_FLIGHT_SLACK = 2;
/** The most sends in flight a run derives, whatever the pace and the answer time. */
export const MAX_IN_FLIGHT = 1000;
/** The answer time assumed for a sender number before its first answer arrives (then it is measured). */
export const ASSUMED_ANSWER_MS = 1000;

export interface SenderPace {
	/** Messages per second this number's pacer currently allows. */
	ratePerSecond: number;
	/** Meta's observed answer time for this number in milliseconds; undefined before the first answer. */
	answerMs?: number;
}

/**
 * The number of sends to keep in flight: the sum over the sender numbers in use of
 * `rate x answer x headroom + slack`, at least 1, at most `cap` and at most the user's `override`.
 */
export function inFlightLimit(
	senders: readonly SenderPace[],
	override?: number,
	cap = MAX_IN_FLIGHT,
): number {
	let wanted = 0;
	for (const sender of senders) {
		const rate =
			Number.isFinite(sender.ratePerSecond) && sender.ratePerSecond > 0 ? sender.ratePerSecond : 0;
		const answerMs =
			sender.answerMs !== undefined && Number.isFinite(sender.answerMs) && sender.answerMs >= 0
				? sender.answerMs
				: ASSUMED_ANSWER_MS;
		wanted += Math.ceil((rate * answerMs * IN_FLIGHT_HEADROOM) / 1000) + IN_FLIGHT_SLACK;
	}
	let limit = Math.max(1, Math.min(Math.floor(cap), wanted));
	if (override !== undefined && Number.isFinite(override) && override >= 1)
		limit = Math.min(limit, Math.floor(override));
	return limit;
}

/**
 * The next answer-time estimate from the previous one and a new answer: it follows a rise quickly (half
 * the difference per answer) and a fall slowly (a tenth), so a slower Meta gets more sends in flight at
 * once and a single fast answer does not take them away.
 */
export function nextAnswerEstimate(
	previous: number | undefined,
	sampleMs: number,
): number | undefined {
	if (!Number.isFinite(sampleMs) || sampleMs < 0) return previous;
	if (previous === undefined) return sampleMs;
	const weight = sampleMs > previous ? 0.5 : 0.1;
	return previous + weight * (sampleMs - previous);
}

/** The pace a sender number's pacer allows, and until when a further 130429 does not lower it again. */
export interface ThrottledPace {
	ratePerSecond: number;
	cutUntil: number;
}

/**
 * The share of the current pace a 130429 answer leaves at most: even when Meta accepted the whole pace over the
 * last second, the refusal says a second at Meta held more than the limit, so the pace comes down a little.
 */
export const THROTTLED_PACE_MAX_SHARE = 0.95;
/** The share of the current pace a 130429 answer leaves at least (when Meta accepted far less than the pace). */
export const THROTTLED_PACE_MIN_SHARE = 0.8;
/**
 * The share of a limit a pacer aims at: requests reach Meta with some jitter and a limit hit costs a retry. A pacer
 * aims this far under the configured rate, and a pace cut after 130429 this far under what Meta accepted.
 */
export const PACING_MARGIN = 0.97;

/**
 * The pace after a 130429 answer at `now` (ms), once per answer time: 97% of what Meta accepted for the number
 * over the last second (`acceptedLastSecond`, its limit as far as the run can see it), but at least 80% and at
 * most 95% of the current pace, never below 1 message per second. A number whose limit is far below the pace
 * (or the first second of a run, before much was accepted) loses 20% per answer time as it converges; a number
 * running at about its limit, refused because requests reached Meta in bunches (a busy process sends them
 * unevenly), loses 5%, instead of a fifth of its pace for the second it takes to recover. The sends already in
 * flight when the pace was cut left at the old pace, and their 130429 answers arrive within one answer time:
 * cutting again for each of them would take hundreds of sends in flight down to 1 message per second from a
 * single burst.
 */
export function paceAfterThrottle(
	pace: ThrottledPace,
	now: number,
	answerMs: number | undefined,
	acceptedLastSecond = 0,
): ThrottledPace {
	if (now < pace.cutUntil) return pace;
	const hold =
		answerMs !== undefined && Number.isFinite(answerMs) && answerMs >= 0
			? answerMs
			: ASSUMED_ANSWER_MS;
	const accepted =
		Number.isFinite(acceptedLastSecond) && acceptedLastSecond > 0 ? acceptedLastSecond : 0;
	const rate = Math.max(
		THROTTLED_PACE_MIN_SHARE * pace.ratePerSecond,
		Math.min(THROTTLED_PACE_MAX_SHARE * pace.ratePerSecond, PACING_MARGIN * accepted),
	);
	return { ratePerSecond: Math.max(1, rate), cutUntil: now + hold };
}

/** The share of its pace a number's Meta must have accepted over the last second for a refused send to retry at once. */
export const RETRY_AT_NEXT_SLOT_SHARE = 0.9;

/**
 * Whether a send Meta refused with 130429 retries at its pacer's next slot instead of after Retry Delay. When Meta
 * accepted at least 90% of the pace the pacer aims at (`aimedRate`) over the last second, the number's limit is
 * about that pace, and the refusal came from requests reaching Meta unevenly (a busy process sends them in
 * bunches); the pacer has already slowed down after the refusal, so its next slot fits. A number whose limit is
 * below the pace accepts less, and its sends wait Retry Delay while the pace comes down, as do the first second
 * of a run and every retry after the first (`attempt` 0 is the first).
 */
export function retryAtNextSlot(
	acceptedLastSecond: number,
	aimedRate: number,
	attempt: number,
): boolean {
	return (
		attempt === 0 && aimedRate > 0 && acceptedLastSecond >= RETRY_AT_NEXT_SLOT_SHARE * aimedRate
	);
}

/**
 * How far behind its schedule a pacer may catch up at once after the process was busy, in milliseconds. In a
 * large run at Meta's 1,000 messages per second tier, n8n's process stops for 20 to 40 ms to collect garbage
 * about three times a second; slots not caught up after such a pause are lost to the run's pace.
 */
export const CATCH_UP_MS = 40;

/**
 * Which of `waiting` sends a pacer releases at `now`: those whose slot (`next`, then one `intervalMs` apart)
 * has come, at most `room` of them. A pacer that fell behind (the process was busy, timers fired late)
 * catches up at most CATCH_UP_MS, and `room` (what its last second allows, RecentReleases) keeps the
 * catch-up from putting more than the limit into one second. Returns how many to release and the next
 * slot; when `room` stopped it, that slot is already due.
 */
export function dueReleases(
	next: number,
	now: number,
	intervalMs: number,
	waiting: number,
	room = Infinity,
): { release: number; next: number } {
	let slot = Math.max(next, now - CATCH_UP_MS);
	let release = 0;
	while (release < waiting && release < room && slot <= now) {
		release++;
		slot += intervalMs;
	}
	return { release, next: slot };
}

/**
 * The times a pacer released sends in the last second. Meta limits a number's messages per second and
 * answers 130429 "until you are within your allowed level again"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput), so a pacer
 * catching up after a pause only releases what keeps its last 1,000 ms within the limit.
 */
export class RecentReleases {
	private times: number[] = [];
	private first = 0;

	/** Releases in the 1,000 ms before `now` (a release exactly 1,000 ms ago no longer counts). */
	count(now: number): number {
		while (this.first < this.times.length && now - this.times[this.first] >= 1000) this.first++;
		if (this.first > 1024 && this.first * 2 > this.times.length) {
			this.times = this.times.slice(this.first);
			this.first = 0;
		}
		return this.times.length - this.first;
	}

	/**
	 * How many more sends fit into the last 1,000 ms at `ratePerSecond` (rounded up: as many slots as a schedule at
	 * that rate puts into one second); 0 or less when none does.
	 */
	room(now: number, ratePerSecond: number): number {
		return Math.max(1, Math.ceil(ratePerSecond)) - this.count(now);
	}

	/** When the oldest release still counted leaves the window (after count() or room() at the same time). */
	freesAt(): number {
		return this.first < this.times.length ? this.times[this.first] + 1000 : 0;
	}

	add(now: number, releases: number): void {
		for (let k = 0; k < releases; k++) this.times.push(now);
	}
}
