/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Sends in flight derived from Messages Per Second and Meta's answer time (nodes/shared/inFlight.ts), through
 * n8n-core against the sandbox: Meta slowing down mid-run, bursts of 130429, one and several sender numbers.
 * Every case counts what the sandbox accepted: each message exactly once. The in-flight figures asserted
 * are the sandbox's own count of requests arrived and not yet answered; none of the assertions is a time.
 */
import type { Sandbox } from '../../sandbox/server';
import type { FaultConfig } from '../../sandbox/faults';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import { BUYER_BR, status } from '../helpers/orderParameters';
import {
	credentialsFor,
	PHONE_BR,
	PHONE_IN,
	sandboxFor,
	seedPendingOrders,
} from '../helpers/sandbox';

/** The in-flight count of n8n's previous fixed default (Concurrency 20). */
const OLD_FIXED_CONCURRENCY = 20;

function seedOrders(sandbox: Sandbox, prefix: string, total: number): string[] {
	return seedPendingOrders(sandbox, prefix, total, PHONE_BR, BUYER_BR);
}

function accepted(sandbox: Sandbox): number {
	let sum = 0;
	for (const count of sandbox.messageCounts.values()) sum += count;
	return sum;
}

/**
 * Applies `steps` to the sandbox's faults as accepted messages pass each threshold (checked every 5 ms),
 * and records the sandbox's peak in flight between steps. Returns a stop function giving those peaks.
 */
function faultsByProgress(
	sandbox: Sandbox,
	steps: Array<{ after: number; faults: FaultConfig }>,
): () => number[] {
	const peaks: number[] = [];
	let step = 0;
	const timer = setInterval(() => {
		if (step < steps.length && accepted(sandbox) >= steps[step].after) {
			peaks.push(sandbox.store.peakMessagesInFlight);
			sandbox.store.peakMessagesInFlight = sandbox.store.messagesInFlight;
			sandbox.faults.set(steps[step].faults);
			step++;
		}
	}, 5);
	return () => {
		clearInterval(timer);
		peaks.push(sandbox.store.peakMessagesInFlight);
		return peaks;
	};
}

function expectEachOnce(sandbox: Sandbox, refs: string[]): void {
	const counts = refs.map((ref) => sandbox.messageCounts.get(`${ref}:order_status`) ?? 0);
	expect({
		lost: counts.filter((c) => c === 0).length,
		twice: counts.filter((c) => c > 1).length,
	}).toEqual({ lost: 0, twice: 0 });
}

async function send(
	sandbox: Sandbox,
	refs: string[],
	options: Record<string, unknown>,
	phoneOf: (n: number) => string = () => PHONE_BR,
) {
	const result = await runWorkflow(
		actionWorkflow(
			status({
				phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phone }}' },
				referenceId: '={{ $json.ref }}',
				status: 'processing',
				paymentStatus: '',
				options,
			}) as never,
			{ items: refs.map((ref, n) => ({ ref, phone: phoneOf(n) })) },
		),
		credentialsFor(sandbox),
	);
	expect(result.error).toBeUndefined();
	const items = result.items('WhatsApp Payments');
	expect(items.map((i) => i.json.reference_id)).toEqual(refs);
	return items;
}

jest.setTimeout(90_000);

describe('sends in flight follow Messages Per Second and the answer time', () => {
	let sandbox: Sandbox;
	afterEach(async () => {
		await sandbox.stop();
	});

	test('Meta slowing from 40 ms to 400 ms mid-run: more sends in flight than a fixed 20, each message once', async () => {
		sandbox = await sandboxFor({
			faults: { messages: { latencyMs: 40, messagesPerSecond: 150 } },
		});
		const refs = seedOrders(sandbox, 'slow', 450);
		const stop = faultsByProgress(sandbox, [
			{ after: 100, faults: { messages: { latencyMs: 400, messagesPerSecond: 150 } } },
		]);
		await send(sandbox, refs, { messagesPerSecond: 150, maxRetries: 8, retryDelayMs: 50 });
		const [beforeSwitch, afterSwitch] = stop();
		expectEachOnce(sandbox, refs);
		// 145 msg/s x 40 ms is about 6 at once; 145 msg/s x 400 ms about 58, which a fixed 20 could not reach.
		expect(beforeSwitch).toBeLessThan(afterSwitch);
		expect(afterSwitch).toBeGreaterThan(OLD_FIXED_CONCURRENCY + 10);
	});

	test('Meta speeding up from 400 ms to 40 ms mid-run: each message once', async () => {
		sandbox = await sandboxFor({
			faults: { messages: { latencyMs: 400, messagesPerSecond: 150 } },
		});
		const refs = seedOrders(sandbox, 'fast', 300);
		const stop = faultsByProgress(sandbox, [
			{ after: 80, faults: { messages: { latencyMs: 40, messagesPerSecond: 150 } } },
		]);
		await send(sandbox, refs, { messagesPerSecond: 150, maxRetries: 8, retryDelayMs: 50 });
		stop();
		expectEachOnce(sandbox, refs);
	});

	test('bursts of 130429 mid-run: the node slows down, retries and recovers; each message once', async () => {
		sandbox = await sandboxFor({
			faults: { messages: { latencyMs: 200, messagesPerSecond: 120 } },
		});
		const refs = seedOrders(sandbox, 'burst', 600);
		const calm = { messages: { latencyMs: 200, messagesPerSecond: 120 } };
		const burst = { messages: { latencyMs: 200, messagesPerSecond: 120, throttleRate: 0.5 } };
		const stop = faultsByProgress(sandbox, [
			{ after: 60, faults: burst },
			{ after: 120, faults: calm },
			{ after: 220, faults: burst },
			{ after: 260, faults: calm },
		]);
		await send(sandbox, refs, { messagesPerSecond: 120, maxRetries: 12, retryDelayMs: 50 });
		const peaks = stop();
		expectEachOnce(sandbox, refs);
		expect(sandbox.requestLog.filter((r) => r.status === 400).length).toBeGreaterThan(0);
		// After the last burst the pace recovers (half a message per second per accepted message, so within
		// about 120 of the last 340): more in flight than the old fixed default allowed.
		expect(peaks[peaks.length - 1]).toBeGreaterThan(OLD_FIXED_CONCURRENCY);
	});

	test('two sender numbers in one run: paced per number, in flight for both, each message once', async () => {
		sandbox = await sandboxFor({
			faults: { messages: { latencyMs: 300, messagesPerSecond: 60 } },
		});
		const refs = seedOrders(sandbox, 'two', 300);
		await send(sandbox, refs, { messagesPerSecond: 60, maxRetries: 8, retryDelayMs: 50 }, (n) =>
			n % 2 === 0 ? PHONE_BR : PHONE_IN,
		);
		expectEachOnce(sandbox, refs);
		const byPhone = (phone: string) =>
			sandbox.requestLog.filter((r) => r.path.endsWith(`${phone}/messages`) && r.status === 200)
				.length;
		expect([byPhone(PHONE_BR), byPhone(PHONE_IN)]).toEqual([150, 150]);
		// Each number needs about 58 msg/s x 300 ms = 17 in flight, together about 35.
		expect(sandbox.store.peakMessagesInFlight).toBeGreaterThan(OLD_FIXED_CONCURRENCY + 4);
	});

	test("the user's Concurrency caps it: never more in flight than set, each message once", async () => {
		sandbox = await sandboxFor({
			faults: { messages: { latencyMs: 100, messagesPerSecond: 200 } },
		});
		const refs = seedOrders(sandbox, 'cap', 60);
		await send(sandbox, refs, { messagesPerSecond: 200, concurrency: 3 });
		expectEachOnce(sandbox, refs);
		expect(sandbox.store.peakMessagesInFlight).toBeLessThanOrEqual(3);
		expect(sandbox.store.peakMessagesInFlight).toBeGreaterThan(1);
	});

	test('an item failing without Continue On Fail: sends still waiting are not made, the node fails once', async () => {
		sandbox = await sandboxFor({
			faults: { messages: { latencyMs: 50, messagesPerSecond: 200 } },
		});
		const refs = seedOrders(sandbox, 'stop', 200);
		// Item 20 names a sender number the sandbox does not know: Meta refuses it (not retried).
		const result = await runWorkflow(
			actionWorkflow(
				status({
					phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phone }}' },
					referenceId: '={{ $json.ref }}',
					status: 'processing',
					paymentStatus: '',
					options: { messagesPerSecond: 200 },
				}) as never,
				{ items: refs.map((ref, n) => ({ ref, phone: n === 20 ? '299999999999999' : PHONE_BR })) },
			),
			credentialsFor(sandbox),
		);
		expect(result.error).toBeDefined();
		// Item 20 fails at once while the others are paced at 194 a second: the sends still waiting for
		// their slot are not made (without the stop, all 199 others would be).
		expect(accepted(sandbox)).toBeLessThan(refs.length / 2);
		// Nothing was left running: the sandbox has no request under way once the node has failed.
		expect(sandbox.store.messagesInFlight).toBe(0);
	});
});
