/**
 * Respond to Meta "When the Workflow Finishes" (trigger 1.2's default): n8n answers the delivery when the run
 * has ended, so Meta retries a delivery whose run failed or whose process died, and the redelivery memory
 * counts an event as handled only once its run succeeded. The sandbox plays Meta (signed deliveries, retries
 * until 200); the host plays n8n's lastNode answer (200 on success, 500 on failure, no answer on a crash).
 */
import { sleep } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { credentialsFor, PHONE_BR, sandboxFor } from '../helpers/sandbox';
import { WebhookHost } from '../helpers/webhookHost';
import type { RunOutcome } from '../helpers/webhookHost';

describe('Respond to Meta: When the Workflow Finishes', () => {
	let sandbox: Sandbox;
	let host: WebhookHost;

	async function setup(
		typeVersion: number,
		parameters: Record<string, unknown> = {},
		meta: { webhookRetryBaseMs?: number; webhookTimeoutMs?: number } = {},
	) {
		sandbox = await sandboxFor({ webhookRetryBaseMs: 10, ...meta });
		host = new WebhookHost(
			credentialsFor(sandbox),
			{ registration: 'app', events: ['payment_method'], options: {}, ...parameters },
			undefined,
			typeVersion,
		);
		await host.start();
	}

	/** Meta delivers a One-Click payment_method event to the trigger, signed, retrying until answered 200. */
	async function payment(ref: string) {
		const record = sandbox.emit(
			'messages',
			{
				messaging_product: 'whatsapp',
				metadata: { display_phone_number: '5511900000000', phone_number_id: PHONE_BR },
				contacts: [{ profile: { name: 'Ana' }, wa_id: '5511999990001' }],
				messages: [
					{
						from: '5511999990001',
						id: `wamid.${ref}`,
						timestamp: '1764900000',
						type: 'interactive',
						interactive: {
							type: 'payment_method',
							payment_method: {
								payment_method: 'offsite_card_pay',
								payment_timestamp: 1764900000,
								reference_id: ref,
								last_four_digits: '4242',
								credential_id: 'card_abc',
							},
						},
					},
				],
			},
			{ url: host.productionUrl },
		);
		await sandbox.idle();
		return record;
	}

	afterEach(async () => {
		sandbox?.deliverer.stop();
		await host?.stop();
		await sandbox?.stop();
	});

	test('version 1.2 answers when the run ends; runs that fail or crash are delivered again until one succeeds, then never again', async () => {
		await setup(1.2);
		const outcomes: RunOutcome[] = ['error', 'crash', 'success'];
		host.runOutcome = () => outcomes.shift() ?? 'success';
		const record = await payment('resp-1');
		expect(record.state).toBe('delivered');
		expect(record.attempts.map((a) => a.status)).toEqual([500, null, 200]);
		expect(host.runs).toHaveLength(3);
		expect(new Set(host.runs.map((r) => r.items[0].idempotency_key)).size).toBe(1);

		// A later redelivery of the same event (Meta may repeat one it got 200 for): no fourth run.
		const again = sandbox.deliverer.deliver(record.url, record.field, record.wabaId, record.body, {
			secret: sandbox.options.appSecret,
		});
		await sandbox.idle();
		expect(again.attempts.map((a) => a.status)).toEqual([200]);
		expect(host.runs).toHaveLength(3);
		// Nothing is written to static data in this mode: it is saved before the run's outcome is known.
		expect(host.staticData.seenEvents).toBeUndefined();
	});

	test('a run that succeeds after Meta stopped waiting counts as handled: the retry is answered 200 without another run', async () => {
		// Meta gives up on an attempt after 300 ms and retries 2 s later; the run takes 900 ms and succeeds, so
		// n8n answers a connection Meta has closed. The retry must find the event handled.
		await setup(1.2, {}, { webhookTimeoutMs: 300, webhookRetryBaseMs: 2000 });
		host.runOutcome = async (): Promise<RunOutcome> => {
			await sleep(900);
			return 'success';
		};
		const record = await payment('resp-late');
		expect(record.attempts.map((a) => a.status)).toEqual([null, 200]);
		expect(record.attempts[0].error).toBe('timeout');
		expect(host.runs).toHaveLength(1);
	});

	test('a run that fails after Meta stopped waiting is run again on the retry', async () => {
		await setup(1.2, {}, { webhookTimeoutMs: 300, webhookRetryBaseMs: 2000 });
		const outcomes: RunOutcome[] = ['error', 'success'];
		host.runOutcome = async () => {
			const outcome = outcomes.shift() ?? 'success';
			if (outcome === 'error') await sleep(900);
			return outcome;
		};
		const record = await payment('resp-late-error');
		expect(record.attempts.map((a) => a.status)).toEqual([null, 200]);
		expect(host.runs).toHaveLength(2);
	});

	test('version 1.1 keeps answering at once: a failed run is not delivered again', async () => {
		await setup(1.1);
		host.runOutcome = () => 'error';
		const record = await payment('resp-2');
		expect(record.attempts.map((a) => a.status)).toEqual([200]);
		expect(host.runs).toHaveLength(1);
	});

	test('version 1.2 with Respond to Meta "Immediately" behaves as 1.1', async () => {
		await setup(1.2, { respond: 'onReceived' });
		host.runOutcome = () => 'crash';
		const record = await payment('resp-3');
		expect(record.attempts.map((a) => a.status)).toEqual([200]);
		expect(host.runs).toHaveLength(1);
	});

	test('with Skip Redeliveries off, every delivery runs, also after a success', async () => {
		await setup(1.2, { options: { dedupe: false } });
		const record = await payment('resp-4');
		sandbox.deliverer.deliver(record.url, record.field, record.wabaId, record.body, {
			secret: sandbox.options.appSecret,
		});
		await sandbox.idle();
		expect(host.runs).toHaveLength(2);
	});
});
