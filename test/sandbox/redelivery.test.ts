/* eslint-disable @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The sandbox plays Meta's webhook retries (sent again until answered 200, with growing delays, for Meta's
 * 7 days on a compressed clock) and a PSP whose answer can be lost after it charged, with a charge list to
 * reconcile against.
 */
import { RETRY_MAX_DELAY_FACTOR, RETRY_WINDOW_FACTOR, retryDelayMs } from '../../sandbox/webhooks';
import type { Sandbox } from '../../sandbox/server';
import { sandboxFor } from '../helpers/sandbox';
import { receiver } from '../helpers/receiver';

type J = Record<string, any>;

describe("Meta's retry schedule and the fake PSP", () => {
	let sandbox: Sandbox;
	afterEach(async () => {
		sandbox?.deliverer.stop();
		await sandbox?.stop();
	});

	test("retry delays double from the base up to 120 times it (30 s to an hour on Meta's clock)", () => {
		expect([1, 2, 3, 4, 7, 8, 9, 50].map((n) => retryDelayMs(250, n))).toEqual([
			250, 500, 1000, 2000, 16000, 30000, 30000, 30000,
		]);
		expect(RETRY_MAX_DELAY_FACTOR * 30).toBe(3600); // seconds: an hour
		expect(RETRY_WINDOW_FACTOR * 30).toBe(7 * 24 * 3600); // seconds: Meta's 7 days
	});

	test('a callback that fails for a long time still gets the delivery once it answers 200; no attempt limit by default', async () => {
		sandbox = await sandboxFor({ webhookRetryBaseMs: 1 });
		const cb = await receiver({ failFirst: 12 });
		try {
			const record = sandbox.emit('messages', { statuses: [] }, { url: cb.url });
			await sandbox.idle();
			expect(record.state).toBe('delivered');
			expect(record.attempts).toHaveLength(13);
			expect(cb.posts).toHaveLength(1);
		} finally {
			await cb.close();
		}
	});

	test('the sandbox gives up only when the compressed 7-day window has passed', async () => {
		// A base of 0.05 ms makes the window 1 s.
		sandbox = await sandboxFor({ webhookRetryBaseMs: 0.05 });
		const cb = await receiver({ failFirst: 1e9 });
		try {
			const record = sandbox.emit('messages', { statuses: [] }, { url: cb.url });
			await sandbox.idle();
			expect(record.state).toBe('failed');
			const first = Date.parse(record.attempts[0].at);
			const last = Date.parse(record.attempts[record.attempts.length - 1].at);
			// No retry is scheduled past the window (a timer may fire a little late on a busy machine).
			expect(last - first).toBeLessThanOrEqual(0.05 * RETRY_WINDOW_FACTOR + 200);
			// It kept trying for most of the window (the exact end depends on how busy the machine is).
			expect(last - first).toBeGreaterThan((0.05 * RETRY_WINDOW_FACTOR) / 2);
			expect(record.attempts.every((a) => a.status === 500)).toBe(true);
		} finally {
			await cb.close();
		}
	});

	test('webhookMaxAttempts still caps the attempts when a test asks for it', async () => {
		sandbox = await sandboxFor({ webhookRetryBaseMs: 1, webhookMaxAttempts: 3 });
		const cb = await receiver({ failFirst: 10 });
		try {
			const record = sandbox.emit('messages', { statuses: [] }, { url: cb.url });
			await sandbox.idle();
			expect(record.state).toBe('failed');
			expect(record.attempts).toHaveLength(3);
		} finally {
			await cb.close();
		}
	});

	test('the PSP can charge and lose its answer; its charge list filters by reference, key, status and time', async () => {
		sandbox = await sandboxFor();
		const psp = (path: string, body?: J, headers: Record<string, string> = {}) =>
			fetch(`${sandbox.url}/_sandbox/psp/${path}`, {
				method: body ? 'POST' : 'GET',
				headers: { 'content-type': 'application/json', ...headers },
				body: body ? JSON.stringify(body) : undefined,
			});
		const chargeBody = (ref: string) => ({
			credential_id: 'card_abc',
			amount: 4990,
			reference_id: ref,
		});
		expect(((await (await psp('drop-answers', { count: 1 })).json()) as J).psp_drop_answers).toBe(
			1,
		);
		await expect(psp('charge', chargeBody('r-1'), { 'idempotency-key': 'k-1' })).rejects.toThrow();
		expect(sandbox.charges).toHaveLength(1);
		// The shop's retry with the same key gets the original charge, and the answer this time.
		const replay = (await (
			await psp('charge', chargeBody('r-1'), { 'idempotency-key': 'k-1' })
		).json()) as J;
		expect(replay).toMatchObject({
			reference_id: 'r-1',
			idempotent_replay: true,
			id: sandbox.charges[0].id,
		});
		await psp('charge', chargeBody('r-2'), { 'idempotency-key': 'k-2' });
		await psp(
			'charge',
			{ ...chargeBody('r-3'), credential_id: 'decline_1' },
			{ 'idempotency-key': 'k-3' },
		);
		const list = async (query: string) =>
			((await (await psp(`charges?${query}`)).json()) as J).charges.map((c: J) => c.reference_id);
		expect(await list('')).toEqual(['r-1', 'r-2', 'r-3']);
		expect(await list('reference_id=r-2')).toEqual(['r-2']);
		expect(await list('idempotency_key=k-1')).toEqual(['r-1']);
		expect(await list('status=succeeded')).toEqual(['r-1', 'r-2']);
		expect(await list(`since=${sandbox.nowSeconds() + 60}`)).toEqual([]);
		expect(await list(`until=${sandbox.nowSeconds() - 60}`)).toEqual([]);
		expect(await list(`until=${sandbox.nowSeconds()}&status=declined`)).toEqual(['r-3']);
	});
});
