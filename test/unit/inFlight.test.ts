import fc from 'fast-check';

import {
	ASSUMED_ANSWER_MS,
	CATCH_UP_MS,
	dueReleases,
	IN_FLIGHT_HEADROOM,
	IN_FLIGHT_SLACK,
	inFlightLimit,
	MAX_IN_FLIGHT,
	nextAnswerEstimate,
	PACING_MARGIN,
	paceAfterThrottle,
	RecentReleases,
	retryAtNextSlot,
} from '../../nodes/shared';
import { SendPacer } from '../../nodes/common/transport/pacer';

describe('inFlightLimit: sends in flight derived from the pace and the answer time', () => {
	test.each([
		// [messages per second, answer ms, expected]: ceil(rate x answer x 1.25) + 2
		[20, 200, 7],
		[80, 200, 22],
		[80, 600, 62],
		[250, 200, 65],
		[250, 600, 190],
		[1000, 200, 252],
		[1000, 600, 752],
		[1, 50, 3],
	])('%p msg/s with %p ms answers -> %p in flight', (rate, answerMs, expected) => {
		expect(inFlightLimit([{ ratePerSecond: rate, answerMs }])).toBe(expected);
	});

	test('the in-flight count reaches the pace at any answer time below the cap (Little)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1000 }),
				fc.integer({ min: 0, max: 5000 }),
				(rate, answerMs) => {
					const limit = inFlightLimit([{ ratePerSecond: rate, answerMs }]);
					if (limit < MAX_IN_FLIGHT) {
						// The pace it allows: limit sends per answer time.
						expect(limit / Math.max(answerMs / 1000, 1e-9)).toBeGreaterThanOrEqual(rate);
						expect(limit).toBeLessThanOrEqual(
							Math.ceil((rate * answerMs * IN_FLIGHT_HEADROOM) / 1000) + IN_FLIGHT_SLACK,
						);
					} else expect(limit).toBe(MAX_IN_FLIGHT);
				},
			),
		);
	});

	test('several sender numbers add up; a number without an answer yet counts the assumed answer time', () => {
		const one = inFlightLimit([{ ratePerSecond: 80, answerMs: 200 }]);
		const other = inFlightLimit([{ ratePerSecond: 20, answerMs: 600 }]);
		expect(
			inFlightLimit([
				{ ratePerSecond: 80, answerMs: 200 },
				{ ratePerSecond: 20, answerMs: 600 },
			]),
		).toBe(one + other);
		expect(inFlightLimit([{ ratePerSecond: 80 }])).toBe(
			inFlightLimit([{ ratePerSecond: 80, answerMs: ASSUMED_ANSWER_MS }]),
		);
	});

	test('a slower pace after 130429 needs fewer in flight; a slower Meta needs more', () => {
		expect(inFlightLimit([{ ratePerSecond: 64, answerMs: 200 }])).toBeLessThan(
			inFlightLimit([{ ratePerSecond: 80, answerMs: 200 }]),
		);
		expect(inFlightLimit([{ ratePerSecond: 80, answerMs: 600 }])).toBeGreaterThan(
			inFlightLimit([{ ratePerSecond: 80, answerMs: 200 }]),
		);
	});

	test('the cap and the user override bound it; the override never raises it; at least 1', () => {
		expect(inFlightLimit([{ ratePerSecond: 1000, answerMs: 5000 }])).toBe(MAX_IN_FLIGHT);
		expect(inFlightLimit([{ ratePerSecond: 1000, answerMs: 600 }], undefined, 100)).toBe(100);
		expect(inFlightLimit([{ ratePerSecond: 1000, answerMs: 600 }], 20)).toBe(20);
		expect(inFlightLimit([{ ratePerSecond: 80, answerMs: 200 }], 1)).toBe(1);
		expect(inFlightLimit([{ ratePerSecond: 80, answerMs: 200 }], 500)).toBe(22);
		expect(inFlightLimit([{ ratePerSecond: 80, answerMs: 200 }], 7.9)).toBe(7);
		expect(inFlightLimit([])).toBe(1);
		expect(inFlightLimit([{ ratePerSecond: 0, answerMs: 0 }])).toBe(IN_FLIGHT_SLACK);
	});

	test('nonsense input falls back instead of yielding NaN or 0', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						ratePerSecond: fc.double(),
						answerMs: fc.option(fc.double(), { nil: undefined }),
					}),
					{ maxLength: 5 },
				),
				fc.option(fc.double(), { nil: undefined }),
				(senders, override) => {
					const limit = inFlightLimit(senders, override);
					expect(Number.isInteger(limit)).toBe(true);
					expect(limit).toBeGreaterThanOrEqual(1);
					expect(limit).toBeLessThanOrEqual(MAX_IN_FLIGHT);
				},
			),
		);
	});
});

describe('nextAnswerEstimate: follows a slower Meta quickly and a faster one slowly', () => {
	test('the first answer is the estimate; invalid samples change nothing', () => {
		expect(nextAnswerEstimate(undefined, 180)).toBe(180);
		expect(nextAnswerEstimate(200, Number.NaN)).toBe(200);
		expect(nextAnswerEstimate(200, -5)).toBe(200);
		expect(nextAnswerEstimate(undefined, Number.POSITIVE_INFINITY)).toBeUndefined();
	});

	test('200 ms answers turning into 600 ms: above 550 ms within 4 answers', () => {
		let estimate: number | undefined = 200;
		for (let n = 0; n < 4; n++) estimate = nextAnswerEstimate(estimate, 600);
		expect(estimate).toBeGreaterThan(550);
		expect(estimate).toBeLessThanOrEqual(600);
	});

	test('600 ms answers turning into 200 ms: one fast answer moves it a tenth of the way', () => {
		expect(nextAnswerEstimate(600, 200)).toBe(560);
		let estimate: number | undefined = 600;
		for (let n = 0; n < 60; n++) estimate = nextAnswerEstimate(estimate, 200);
		expect(estimate).toBeLessThan(201);
	});

	test('always between the previous estimate and the sample', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 1e6, noNaN: true }),
				fc.double({ min: 0, max: 1e6, noNaN: true }),
				(previous, sample) => {
					const next = nextAnswerEstimate(previous, sample)!;
					expect(next).toBeGreaterThanOrEqual(Math.min(previous, sample) - 1e-9);
					expect(next).toBeLessThanOrEqual(Math.max(previous, sample) + 1e-9);
				},
			),
		);
	});
});

describe('paceAfterThrottle: 80% once per answer time before Meta accepted much, never below 1 msg/s', () => {
	test('a burst of 130429 answers within one answer time cuts the pace once', () => {
		let pace = { ratePerSecond: 970, cutUntil: 0 };
		// 500 sends in flight at 600 ms answers, all refused within 300 ms.
		for (let n = 0; n < 500; n++) pace = paceAfterThrottle(pace, 10_000 + (n * 300) / 500, 600);
		expect(pace.ratePerSecond).toBeCloseTo(776, 6);
		expect(pace.cutUntil).toBe(10_600);
	});

	test('130429 answers one answer time apart cut it again; the floor is 1 msg/s', () => {
		let pace = { ratePerSecond: 80, cutUntil: 0 };
		pace = paceAfterThrottle(pace, 1000, 200);
		pace = paceAfterThrottle(pace, 1200, 200);
		expect(pace.ratePerSecond).toBeCloseTo(51.2, 6);
		for (let n = 0; n < 100; n++) pace = paceAfterThrottle(pace, 2000 + n * 1000, 200);
		expect(pace.ratePerSecond).toBe(1);
	});

	test('before any answer time is known, the assumed one holds it', () => {
		expect(paceAfterThrottle({ ratePerSecond: 100, cutUntil: 0 }, 5000, undefined)).toEqual({
			ratePerSecond: 80,
			cutUntil: 5000 + ASSUMED_ANSWER_MS,
		});
	});
});

describe('paceAfterThrottle: just under what Meta accepted over the last second, 5 to 20% per answer time', () => {
	test.each([
		// [pace, accepted over the last second, pace after the cut]
		[970, 970, 921.5], // running at its limit, refused for bunched requests: 5% off
		[970, 1000, 921.5], // a catch-up second: still 5% off, never more than 95%
		[970, 900, 873], // a limit a little under the pace: 97% of what Meta accepted
		[970, 500, 776], // a limit far under the pace: 20% off
		[970, 0, 776], // nothing accepted yet
		[80, 78, 75.66], // 97% of 78
		[1, 1, 1], // never below 1 msg/s
	])('pace %p, %p accepted -> %p', (rate, accepted, expected) => {
		expect(paceAfterThrottle({ ratePerSecond: rate, cutUntil: 0 }, 5000, 200, accepted)).toEqual({
			ratePerSecond: expect.closeTo(expected, 6) as number,
			cutUntil: 5200,
		});
	});

	test('a number whose limit is 900/s, paced at 970/s: one cut brings the pace just under its limit', () => {
		let pace = { ratePerSecond: 970, cutUntil: 0 };
		const rates: number[] = [];
		// Meta accepts the limit each second while the pace is above it; each refusal comes one answer time apart.
		for (let n = 0; n < 5; n++) {
			const accepted = Math.min(900, pace.ratePerSecond);
			if (pace.ratePerSecond <= 900) break;
			pace = paceAfterThrottle(pace, 1000 + n * 200, 200, accepted);
			rates.push(pace.ratePerSecond);
		}
		expect(rates).toEqual([873]);
		expect(pace.ratePerSecond).toBeLessThan(900);
		expect(pace.ratePerSecond).toBeGreaterThan(0.95 * 900);
	});

	test('bad accepted counts count as none', () => {
		for (const accepted of [NaN, -5, Infinity])
			expect(
				paceAfterThrottle({ ratePerSecond: 100, cutUntil: 0 }, 0, 200, accepted).ratePerSecond,
			).toBeCloseTo(80, 6);
	});

	test('a burst of refusals within one answer time still cuts once', () => {
		let pace = { ratePerSecond: 970, cutUntil: 0 };
		for (let n = 0; n < 120; n++) pace = paceAfterThrottle(pace, 10_000 + n, 200, 960);
		expect(pace.ratePerSecond).toBeCloseTo(921.5, 6);
		expect(pace.cutUntil).toBe(10_200);
	});
});

describe('retryAtNextSlot: a 130429 retries at once only while Meta accepts about the pace', () => {
	test.each([
		// [accepted over the last second, aimed rate, attempt, at the next slot]
		[970, 970, 0, true],
		[873, 970, 0, true],
		[872, 970, 0, false], // under 90% of the pace: the limit may be lower, wait Retry Delay
		[80, 970, 0, false], // the number's limit is far below the pace
		[120, 970, 0, false], // the first second of a run
		[970, 970, 1, false], // only the first retry goes at once
		[19, 19.4, 0, true],
		[0, 0, 0, false],
	])('%p accepted at %p/s, attempt %p -> %p', (accepted, rate, attempt, expected) => {
		expect(retryAtNextSlot(accepted, rate, attempt)).toBe(expected);
	});
});

describe('dueReleases: one send per interval, a bounded catch-up after the process was busy', () => {
	test('on schedule: the slot that has come, then the next one an interval later', () => {
		expect(dueReleases(1000, 1000, 12.5, 5)).toEqual({ release: 1, next: 1012.5 });
		expect(dueReleases(1012.5, 1005, 12.5, 5)).toEqual({ release: 0, next: 1012.5 });
		expect(dueReleases(1000, 1000, 12.5, 0)).toEqual({ release: 0, next: 1000 });
	});

	test('500 ms late at 1,000 msg/s: releases CATCH_UP_MS worth, not 500', () => {
		const due = dueReleases(10_000, 10_500, 1, 1000);
		expect(due.release).toBe(CATCH_UP_MS + 1);
		expect(due.next).toBe(10_501);
	});

	test('a pause shorter than CATCH_UP_MS at 1,000 msg/s: every slot it missed is caught up', () => {
		expect(dueReleases(10_000, 10_030, 1, 1000)).toEqual({ release: 31, next: 10_031 });
	});

	test('the room left in the last second stops it: the next slot is then already due', () => {
		expect(dueReleases(10_000, 10_030, 1, 1000, 10)).toEqual({ release: 10, next: 10_010 });
		expect(dueReleases(10_000, 10_030, 1, 1000, 0)).toEqual({ release: 0, next: 10_000 });
		expect(dueReleases(10_000, 10_030, 1, 1000, -5)).toEqual({ release: 0, next: 10_000 });
	});
});

describe('RecentReleases: the releases of the last 1,000 ms', () => {
	test('counts what was released less than a second ago and says when the oldest leaves', () => {
		const recent = new RecentReleases();
		expect(recent.count(0)).toBe(0);
		expect(recent.freesAt()).toBe(0);
		recent.add(100, 3);
		recent.add(600, 2);
		expect(recent.count(1099)).toBe(5);
		expect(recent.freesAt()).toBe(1100);
		expect(recent.count(1100)).toBe(2);
		expect(recent.freesAt()).toBe(1600);
		expect(recent.count(1600)).toBe(0);
	});

	test('keeps counting right after it let go of a long past (100,000 releases)', () => {
		const recent = new RecentReleases();
		for (let t = 0; t < 100_000; t++) recent.add(t, 1);
		expect(recent.count(99_999)).toBe(1000);
		recent.add(100_000, 1);
		expect(recent.count(100_000)).toBe(1000);
		expect(recent.freesAt()).toBe(100_001);
	});
});

describe("a pacer's releases: dueReleases within the room RecentReleases leaves", () => {
	/**
	 * The pacer's loop (nodes/common/transport/pacer.ts) with the clock in the test's hands: calls come `gaps`
	 * ms apart (a busy process makes them late); each releases what is due and what the last second allows.
	 */
	function releases(rate: number, gaps: number[]): number[] {
		const interval = 1000 / rate;
		const recent = new RecentReleases();
		const released: number[] = [];
		let next = 0;
		let now = 0;
		for (const gap of gaps) {
			now += gap;
			const due = dueReleases(next, now, interval, 10_000, recent.room(now, rate));
			next = due.next;
			recent.add(now, due.release);
			for (let k = 0; k < due.release; k++) released.push(now);
		}
		return released;
	}

	test('over any 1,000 ms, never more than the rate (rounded up), however late the calls', () => {
		fc.assert(
			fc.property(
				// Messages Per Second with the pacing margin, as the pacer holds it.
				fc.integer({ min: 1, max: 1000 }).map((configured) => configured * PACING_MARGIN),
				fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 400 }),
				(rate, gaps) => {
					const released = releases(rate, gaps);
					for (let a = 0, b = 0; b < released.length; b++) {
						while (released[b] - released[a] >= 1000) a++;
						expect(b - a + 1).toBeLessThanOrEqual(Math.ceil(rate));
					}
				},
			),
		);
	});

	test('on time, the window never holds the schedule back: 20, 80, 250 and 1,000 msg/s keep their pace', () => {
		for (const configured of [20, 80, 250, 1000]) {
			const rate = configured * PACING_MARGIN;
			const released = releases(rate, new Array<number>(30_000).fill(1));
			const seconds = (released[released.length - 1] - released[0]) / 1000;
			expect((released.length - 1) / seconds).toBeCloseTo(rate, 0);
		}
	});

	test('at 970 msg/s with a 35 ms pause three times a second (garbage collection), the pace holds', () => {
		const gaps: number[] = [];
		for (let k = 0; k < 30; k++) gaps.push(...new Array<number>(300).fill(1), 35);
		const released = releases(970, gaps);
		const seconds = released[released.length - 1] / 1000;
		expect(released.length / seconds).toBeGreaterThan(960);
	});
});

describe('SendPacer: the start of a run', () => {
	test('the first send goes at once and alone: a new pacer has no slots to catch up', async () => {
		const pacer = new SendPacer(1000);
		let released = 0;
		for (let k = 0; k < 100; k++) void pacer.wait().then(() => released++);
		// Let the released sends' continuations run, but no timer.
		for (let k = 0; k < 5; k++) await Promise.resolve();
		// One, or two if the clock ticked a millisecond between two calls; 41 when it caught up CATCH_UP_MS.
		expect(released).toBeGreaterThanOrEqual(1);
		expect(released).toBeLessThanOrEqual(2);
		pacer.flush();
	});
});

describe('SendPacer: a 130429 cuts the pace from what Meta accepted over the last second', () => {
	test('at its limit (960 accepted): 5% off; in the first second (none accepted): 20% off', () => {
		const atLimit = new SendPacer(1000);
		for (let k = 0; k < 960; k++) atLimit.accepted();
		atLimit.throttled();
		expect(atLimit.currentRate).toBeCloseTo(0.95 * 1000 * PACING_MARGIN, 6);
		const fresh = new SendPacer(1000);
		fresh.throttled();
		expect(fresh.currentRate).toBeCloseTo(0.8 * 1000 * PACING_MARGIN, 6);
	});
});
