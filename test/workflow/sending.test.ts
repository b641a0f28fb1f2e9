/** Sending many messages in one run: concurrency, pacing per sender number, and Meta's throttling (130429). */
import type { Sandbox } from '../../sandbox/server';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import { BUYER_BR, status } from '../helpers/orderParameters';
import { credentialsFor, PHONE_BR, sandboxFor, seedPendingOrders } from '../helpers/sandbox';

describe('sending many messages: concurrency, pacing and 130429', () => {
	let sandbox: Sandbox;
	afterEach(async () => {
		await sandbox.stop();
	});

	test('40 statuses with a 20 msg/s limit and 50 ms latency: none lost, none twice, output in input order, paced', async () => {
		sandbox = await sandboxFor({ faults: { messages: { latencyMs: 50, messagesPerSecond: 20 } } });
		const total = 40;
		seedPendingOrders(sandbox, 'bulk', total, PHONE_BR, BUYER_BR);
		const started = Date.now();
		const result = await runWorkflow(
			actionWorkflow(
				status({
					referenceId: '={{ $json.ref }}',
					status: 'processing',
					paymentStatus: '',
					options: { messagesPerSecond: 20, concurrency: 8, maxRetries: 5, retryDelayMs: 50 },
				}) as never,
				{
					items: Array.from({ length: total }, (_, n) => ({ ref: `bulk-${n}` })),
				},
			),
			credentialsFor(sandbox),
		);
		const seconds = (Date.now() - started) / 1000;
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items.map((i) => i.json.reference_id)).toEqual(
			Array.from({ length: total }, (_, n) => `bulk-${n}`),
		);
		expect(items.map((i) => i.pairedItem)).toEqual(
			Array.from({ length: total }, (_, n) => ({ item: n })),
		);
		for (let n = 0; n < total; n++)
			expect(sandbox.messageCounts.get(`bulk-${n}:order_status`)).toBe(1);
		// 40 messages at 20/s take about 2 s; concurrency 8 with 50 ms latency alone would take 0.25 s.
		expect(seconds).toBeGreaterThan(1.5);
	});

	test('the node answers 130429 by slowing down and retrying: every message arrives once', async () => {
		sandbox = await sandboxFor({ faults: { messages: { messagesPerSecond: 10 } } });
		const total = 20;
		seedPendingOrders(sandbox, 't', total, PHONE_BR, BUYER_BR);
		// The node is told 40/s, four times what the number allows: throttling must be absorbed.
		const result = await runWorkflow(
			actionWorkflow(
				status({
					referenceId: '={{ $json.ref }}',
					status: 'processing',
					paymentStatus: '',
					options: { messagesPerSecond: 40, concurrency: 10, maxRetries: 8, retryDelayMs: 50 },
				}) as never,
				{
					items: Array.from({ length: total }, (_, n) => ({ ref: `t-${n}` })),
				},
			),
			credentialsFor(sandbox),
		);
		expect(result.error).toBeUndefined();
		const throttled = sandbox.requestLog.filter((r) => r.status === 400).length;
		expect(throttled).toBeGreaterThan(0);
		for (let n = 0; n < total; n++)
			expect(sandbox.messageCounts.get(`t-${n}:order_status`)).toBe(1);
	});

	test('a send refused with 130429 is retried Retry Delay after it was sent, not after its late answer', async () => {
		// Meta answers in 600 ms and allows 1 message per second; the node is told 40/s. The second message is
		// refused for the second it arrived in, which has passed 1,000 ms after it was sent: its retry goes then,
		// not 1,000 ms after the refusal came back (1,600 ms).
		sandbox = await sandboxFor({ faults: { messages: { latencyMs: 600, messagesPerSecond: 1 } } });
		seedPendingOrders(sandbox, 'late', 2, PHONE_BR, BUYER_BR);
		const result = await runWorkflow(
			actionWorkflow(
				status({
					referenceId: '={{ $json.ref }}',
					status: 'processing',
					paymentStatus: '',
					options: { messagesPerSecond: 40, concurrency: 2, maxRetries: 3, retryDelayMs: 1000 },
				}) as never,
				{ items: [{ ref: 'late-0' }, { ref: 'late-1' }] },
			),
			credentialsFor(sandbox),
		);
		expect(result.error).toBeUndefined();
		expect([0, 1].map((n) => sandbox.messageCounts.get(`late-${n}:order_status`))).toEqual([1, 1]);
		// The log stamps each answer 600 ms after its request arrived, so answers are as far apart as requests.
		const answers = sandbox.requestLog.filter((r) => r.path.endsWith('/messages'));
		expect(answers.map((r) => r.status)).toEqual([200, 400, 200]);
		const retryAfterMs = answers[2].at - answers[1].at;
		expect(retryAfterMs).toBeGreaterThanOrEqual(990);
		expect(retryAfterMs).toBeLessThan(1400);
	});
});
