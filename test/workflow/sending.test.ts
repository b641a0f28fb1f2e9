/** Sending many messages in one run: concurrency, pacing per sender number, and Meta's throttling (130429). */
import type { Sandbox } from '../../sandbox/server';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import { BUYER_BR, status } from '../helpers/orderParameters';
import {
	credentialsFor,
	PHONE_BR,
	sandboxFor,
	seedPendingOrders,
	TOKEN,
	WABA_ID,
} from '../helpers/sandbox';
import { scriptedServer } from '../helpers/scriptedServer';

describe('sending many messages: concurrency, pacing and 130429', () => {
	let sandbox: Sandbox;
	afterEach(async () => {
		await sandbox.stop();
	});

	/** Runs Send Status ('processing') with `options` for the orders `${prefix}-0` to `${prefix}-${total - 1}`. */
	async function sendStatuses(prefix: string, total: number, options: Record<string, number>) {
		return await runWorkflow(
			actionWorkflow(
				status({
					referenceId: '={{ $json.ref }}',
					status: 'processing',
					paymentStatus: '',
					options,
				}) as never,
				{ items: Array.from({ length: total }, (_, n) => ({ ref: `${prefix}-${n}` })) },
			),
			credentialsFor(sandbox),
		);
	}

	test('40 statuses with a 20 msg/s limit and 50 ms latency: none lost, none twice, output in input order, paced', async () => {
		sandbox = await sandboxFor({ faults: { messages: { latencyMs: 50, messagesPerSecond: 20 } } });
		const total = 40;
		seedPendingOrders(sandbox, 'bulk', total, PHONE_BR, BUYER_BR);
		const started = Date.now();
		const result = await sendStatuses('bulk', total, {
			messagesPerSecond: 20,
			concurrency: 8,
			maxRetries: 5,
			retryDelayMs: 50,
		});
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

	test.each([
		// Four times what the number allows, short retries: throttling must be absorbed.
		[
			'10/s, the node told 40/s',
			10,
			0,
			20,
			{ messagesPerSecond: 40, concurrency: 10, maxRetries: 8, retryDelayMs: 50 },
		],
		// A little under the pace (the pacer aims at 19.4/s), default retries: each cut aims just under what Meta
		// accepted, 5% that the pace wins back within a second, so refusals come back and must be absorbed too.
		['18/s, the node told 20/s with the default retries', 18, 0, 80, { messagesPerSecond: 20 }],
		// Shared with the WhatsApp Business app, Messages Per Second left at 80, Meta answering in 600 ms: one cut
		// per 600 ms, the refused sends retry within the default Max Retries and Retry Delay.
		['20/s with Messages Per Second left at 80 and 600 ms answers', 20, 600, 60, {}],
	])(
		'a number limited to %s: the node slows down on 130429 and retries, every message arrives once',
		async (_name, limit, latencyMs, total, options) => {
			sandbox = await sandboxFor({ faults: { messages: { latencyMs, messagesPerSecond: limit } } });
			seedPendingOrders(sandbox, 't', total, PHONE_BR, BUYER_BR);
			const result = await sendStatuses('t', total, options);
			expect(result.error).toBeUndefined();
			const items = result.items('WhatsApp Payments');
			expect(items).toHaveLength(total);
			expect(items.filter((i) => i.json.error !== undefined)).toEqual([]);
			expect(sandbox.requestLog.some((r) => r.status === 400)).toBe(true);
			for (let n = 0; n < total; n++)
				expect(sandbox.messageCounts.get(`t-${n}:order_status`)).toBe(1);
		},
	);

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

	/**
	 * A Graph API that accepts every message except the `refuse`-th request, refused once with 130429; it records
	 * when each request arrived and for which reference.
	 */
	async function refusingOnce(refuse: number) {
		const arrivals: Array<{ ref: string; at: number; refused: boolean }> = [];
		const server = await scriptedServer((req, n) => {
			const ref = String(JSON.parse(req.body).interactive?.action?.parameters?.reference_id);
			const refused = n === refuse;
			arrivals.push({ ref, at: Date.now(), refused });
			return refused
				? {
						status: 400,
						body: { error: { code: 130429, message: 'Rate limit hit', type: 'OAuthException' } },
					}
				: {
						status: 200,
						body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.${n}` }] },
					};
		});
		return { server, arrivals };
	}

	const sendThrough = (url: string, total: number, retryDelayMs: number) =>
		runWorkflow(
			actionWorkflow(
				status({
					referenceId: '={{ $json.ref }}',
					status: 'processing',
					paymentStatus: '',
					options: { messagesPerSecond: 20, maxRetries: 3, retryDelayMs },
				}) as never,
				{ items: Array.from({ length: total }, (_, n) => ({ ref: `r-${n}` })) },
			),
			{ accessToken: TOKEN, businessAccountId: WABA_ID, baseUrl: url },
		);

	/**
	 * Sends `total` messages at 20/s through a Graph API that refuses the `refuse`-th request once with 130429;
	 * checks that the run succeeded and every message was accepted once, and returns the time from the refusal
	 * to its accepted retry.
	 */
	async function retryWaitAfterRefusal(refuse: number, total: number, retryDelayMs: number) {
		sandbox = await sandboxFor();
		const { server, arrivals } = await refusingOnce(refuse);
		try {
			const result = await sendThrough(server.url, total, retryDelayMs);
			expect(result.error).toBeUndefined();
			const accepted = arrivals.filter((a) => !a.refused).map((a) => a.ref);
			expect(accepted.sort()).toEqual(Array.from({ length: total }, (_, n) => `r-${n}`).sort());
			const refused = arrivals.filter((a) => a.refused);
			expect(refused).toHaveLength(1);
			return arrivals.find((a) => a.ref === refused[0].ref && !a.refused)!.at - refused[0].at;
		} finally {
			await server.close();
		}
	}

	test('a 130429 while Meta accepts about the pace retries at the next slot, not after Retry Delay', async () => {
		// 20/s for 1.5 s before the refusal: Meta accepted about the pace over the last second, so the refusal
		// came from bunching, and the slowed pacer's next slot fits. Retry Delay is 5 s.
		expect(await retryWaitAfterRefusal(30, 40, 5000)).toBeLessThan(2500);
	});

	test('a 130429 in the first second of a run waits Retry Delay (Meta has not yet shown it accepts the pace)', async () => {
		expect(await retryWaitAfterRefusal(3, 10, 1500)).toBeGreaterThanOrEqual(1450);
	});
});
