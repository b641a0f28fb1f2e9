'use strict';
/**
 * A paid order always ends confirmed: the Brazil One-Click example, with a fault at the worst moment (the PSP
 * has charged the card, `order_status` has not gone out yet), in one n8n process and in queue mode. After each
 * fault the card must be charged exactly once and the order must reach completed + captured within 5 minutes,
 * through Meta's redelivery (the trigger answers when the run has finished) and the PSP's Idempotency-Key.
 *
 * WAPAY_CRASH_BASELINE=1 runs the same faults with the triggers answering Meta at once (Respond to Meta
 * "Immediately", what trigger 1.1 did): nothing is asserted then but "never charged twice"; each outcome is
 * reported, for RELIABILITY.md's before/after table. Every outcome is appended to e2e/artifacts/crash-report.md.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, after } = require('node:test');

const { N8N, sandbox, waitFor, n8nExecute, oneClickOrder } = require('./helpers');

const CONTROL = process.env.WAPAY_CONTROL_URL;
const QUEUE = process.env.WAPAY_TOPOLOGY === 'queue';
const BASELINE = process.env.WAPAY_CRASH_BASELINE === '1';
const VERSION = process.env.WAPAY_N8N_VERSION;
const REPORT = path.join(__dirname, '..', 'artifacts', 'crash-report.md');
/** How long an order may take to be confirmed after a fault (the bound). */
const CONVERGE_MS = 5 * 60 * 1000;
/** With the baseline, how long to watch an order that will not be confirmed by itself. */
const BASELINE_WATCH_MS = 60 * 1000;
/** How long the PSP's answer (One-Click) or Meta's payment lookup (India) is held, so a fault lands in between. */
const HOLD_MS = 8000;

const rows = [];

const control = async (method, what) => {
	const res = await fetch(`${CONTROL}/${what}`, { method });
	if (!res.ok) throw new Error(`control ${what}: ${res.status} ${await res.text()}`);
	return res.json();
};

/** The Brazil One-Click example: the shop starts an order, the buyer pays with a stored card, the PSP charges. */
const ONE_CLICK = {
	async start(ref) {
		const res = await fetch(`${N8N}/webhook/wapay-oneclick-order`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(oneClickOrder(ref)),
		});
		assert.equal(res.status, 200, await res.text());
	},
	pay: (ref) => sandbox.post('/buyer/send-payment', { reference_id: ref, name: 'Ana' }),
	/** The fake PSP charges at once and holds its answer back, so a fault lands after the charge. */
	hold: (on) => sandbox.post('/psp/latency', { ms: on ? HOLD_MS : 0 }),
	held: async (ref) => (await chargesFor(ref)).length >= 1,
	heldWhat: 'the PSP to charge',
	done: (o) => o.status === 'completed' && o.payment === 'captured',
	charges: (ref) => chargesFor(ref),
};

/**
 * The India payment gateway example: the shop sends an invoice, the buyer pays in WhatsApp, Meta sends
 * payment_status captured, the workflow looks the payment up and sends order_status completed. The money moved
 * before n8n heard of it, so the worst moment is any time before order_status: the lookup is held.
 */
const INDIA = {
	async start(ref) {
		const res = await fetch(`${N8N}/webhook/wapay-in-invoice`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ wa_id: '919999990001', reference_id: ref, item: { name: 'Course fee', sku: 'course-1', price: '1499.50', quantity: 1 } }),
		});
		assert.equal(res.status, 200, await res.text());
	},
	pay: (ref) => sandbox.post('/buyer/india-payment', { reference_id: ref, outcome: 'captured' }),
	hold: (on) => sandbox.post('/faults', on ? { payments: { latencyMs: HOLD_MS } } : {}),
	held: async (ref) => ((await sandbox.state()).payment_lookups[ref] ?? 0) >= 1,
	heldWhat: 'the workflow to look the payment up',
	done: (o) => o.status === 'completed',
	/** One successful transaction for the order: what the buyer paid (n8n charges nothing here). */
	charges: async (ref) => (await sandbox.order(ref)).transactions.filter((t) => t.status === 'success'),
};

const chargesFor = async (ref) => (await sandbox.state()).charges.filter((c) => c.reference_id === ref);

/**
 * The buyer pays ref; `fault` runs at the worst moment (the money has moved, order_status has not gone out);
 * then the order is watched. Returns what happened, and asserts (unless the baseline runs) one charge and a
 * confirmed order.
 */
async function payThrough(flow, ref, what, fault) {
	await flow.start(ref);
	await flow.hold(Boolean(fault));
	const t0 = Date.now();
	const pay = await flow.pay(ref);
	assert.equal(pay.status, 200, JSON.stringify(pay.body));
	if (fault) {
		await waitFor(`${flow.heldWhat} (${ref})`, () => flow.held(ref), 60000);
		await fault();
		await flow.hold(false);
	}
	const confirmed = await waitFor(`${ref} to be completed and paid`, async () => {
		const o = await sandbox.order(ref);
		return flow.done(o) ? o : null;
	}, BASELINE ? BASELINE_WATCH_MS : CONVERGE_MS).catch(() => null);
	const seconds = (Date.now() - t0) / 1000;
	const charges = await flow.charges(ref);
	const order = await sandbox.order(ref);
	const delivery = (await sandbox.deliveries(pay.body.delivery_id - 1)).find((d) => d.id === pay.body.delivery_id);
	const attempts = delivery.attempts.map((a) => a.status ?? 'no answer');
	const row = {
		what,
		charges: charges.length,
		outcome: confirmed ? `confirmed after ${seconds.toFixed(0)} s` : `${order.status}/${order.payment ?? 'no payment'} after ${seconds.toFixed(0)} s`,
		attempts: `${attempts.length} (${attempts.join(', ')})`,
	};
	rows.push(row);
	process.stdout.write(`# ${what}: ${row.outcome}; charges ${row.charges}; Meta's delivery attempts ${row.attempts}\n`);
	assert.equal(charges.length, 1, `${ref}: the buyer paid exactly once`);
	if (!BASELINE) assert.ok(confirmed, `${ref}: the order is completed and paid within ${CONVERGE_MS / 60000} minutes (it is ${order.status}/${order.payment})`);
	return row;
}

/** The n8n processes that run executions: the workers in queue mode, n8n itself in one process. */
const RUNNERS = QUEUE ? ['worker-1', 'worker-2'] : ['main'];
async function killRunners() {
	for (const name of RUNNERS) await control('POST', `kill/${name}`);
	await Promise.all(RUNNERS.map((name) => control('POST', `start/${name}`)));
}

describe(`a paid order ends confirmed whatever crashes (${QUEUE ? 'queue mode' : 'one process'}${BASELINE ? ', baseline: triggers answer at once' : ''})`, () => {
	after(() => {
		if (rows.length === 0) return;
		fs.mkdirSync(path.dirname(REPORT), { recursive: true });
		const head = `## n8n ${VERSION}, ${QUEUE ? 'queue mode' : 'one process'}, ${BASELINE ? 'baseline (Respond to Meta: Immediately)' : 'trigger 1.2 (Respond to Meta: When the Workflow Finishes)'}, ${new Date().toISOString()}`;
		const table = ['| fault at the worst moment | charges | order | Meta\'s delivery attempts |', '|---|---|---|---|', ...rows.map((r) => `| ${r.what} | ${r.charges} | ${r.outcome} | ${r.attempts} |`)];
		fs.appendFileSync(REPORT, `${head}\n\n${table.join('\n')}\n\n`);
	});

	test('the PSP charges but its answer is lost (the HTTP node fails)', async () => {
		await sandbox.post('/psp/drop-answers', { count: 1 });
		await payThrough(ONE_CLICK, 'crash-psp-answer', 'the PSP charged, its answer was lost', null);
	});

	test('kill -9 of the n8n process running the charge, then started again', async () => {
		await payThrough(ONE_CLICK, `crash-kill-${QUEUE ? 'worker' : 'main'}`, QUEUE ? 'kill -9 of the workers' : 'kill -9 of n8n', killRunners);
	});

	test('India: kill -9 of the n8n process confirming a captured payment, then started again', async () => {
		// The India example's payment configuration (its set-up workflow, run once), when this file runs alone.
		if (!(await sandbox.state()).configurations.some((c) => c.configuration_name === 'rzp-demo')) await n8nExecute('wapayExIndiaPG01');
		await payThrough(INDIA, `crash-in-kill-${QUEUE ? 'worker' : 'main'}`, `India payment_status captured: ${QUEUE ? 'kill -9 of the workers' : 'kill -9 of n8n'}`, killRunners);
	});

	test('n8n restarted gracefully (SIGTERM) during the charge', async () => {
		await payThrough(ONE_CLICK, 'crash-restart-main', QUEUE ? 'restart of the main process' : 'restart of n8n (SIGTERM)', async () => {
			await control('POST', 'restart/main');
		});
	});

	test('queue mode: kill -9 of both webhook processes while they hold the delivery', { skip: !QUEUE }, async () => {
		await payThrough(ONE_CLICK, 'crash-kill-webhooks', 'kill -9 of the webhook processes', async () => {
			await Promise.all(['webhook-1', 'webhook-2'].map((name) => control('POST', `kill/${name}`)));
			await Promise.all(['webhook-1', 'webhook-2'].map((name) => control('POST', `start/${name}`)));
		});
	});

	test('queue mode: PostgreSQL restarted during the charge', { skip: !QUEUE }, async () => {
		await payThrough(ONE_CLICK, 'crash-postgres', 'PostgreSQL restarted', () => control('POST', 'restart-service/postgres'));
	});

	test('queue mode: Redis restarted during the charge', { skip: !QUEUE }, async () => {
		await payThrough(ONE_CLICK, 'crash-redis', 'Redis restarted (no persistence: queued jobs are gone)', () => control('POST', 'restart-service/redis'));
	});
});
