'use strict';
/**
 * Load in a real n8n (`npm run bench:e2e`): the packed package installed in n8n 2.40.7, a published workflow
 * "WhatsApp Payments Trigger -> HTTP Request to a local sink". Signed deliveries go straight to n8n's
 * production webhook URL, as Meta sends them.
 *  1. Side by side, in the same n8n: the trigger workflow against n8n's own Webhook node workflow (same
 *     sink call), and the trigger with a full redelivery memory (10,000 events). Warm-up first, then rounds
 *     that alternate which workflow goes first, each at a saturating rate (completed per second) and at a
 *     rate the Webhook node keeps up with (latency from sending to the sink, p50). Medians of the rounds and
 *     the ratios are printed last. BENCH_E2E_PROFILE=trigger|webhook instead loads one workflow only with
 *     n8n under --cpu-prof and prints where n8n's CPU time went. All of it runs once per n8n configuration
 *     (BENCH_E2E_CONFIGS, default `defaults,legacy`: n8n's defaults, then its expression engine without isolates).
 *  2. 10,000 deliveries with 5% exact redeliveries and 2% tampered (first configuration only): executions
 *     must equal the unique valid events, no tampered delivery accepted, and no error in n8n's log.
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const { RUNTIME } = require('../e2e/lib/env');
const { bringUp } = require('../e2e/lib/bringUp');
const { sleep } = require('../e2e/lib/n8n');
const { stopOnSignals } = require('../e2e/lib/proc');
const { pct } = require('./percentile');

// Ctrl-C or SIGTERM: every n8n process and server the run started is stopped before it exits.
stopOnSignals(() => undefined);

const WEBHOOK_ID = '7c0a9d61-3f2b-4e8a-9b1c-5d6e7f8a9b0c';
const ROUNDS = Number(process.env.BENCH_E2E_ROUNDS ?? 2);
const SATURATING_RATE = Number(process.env.BENCH_E2E_SATURATING_RATE || 40);
const KEEP_UP_RATE = Number(process.env.BENCH_E2E_KEEP_UP_RATE || 10);
const PHASE_SECONDS = Number(process.env.BENCH_E2E_SECONDS || 8);
const PROFILE = process.env.BENCH_E2E_PROFILE;
const TOPOLOGY = process.env.BENCH_E2E_TOPOLOGY === 'queue' ? 'queue' : 'single';
const FULL_WEBHOOK_ID = '1f0e9d8c-7b6a-4c5d-8e4f-3a2b1c0d9e8f';
const LOAD_TOTAL = Number(process.env.BENCH_E2E_LOAD || 10000);
const LOAD_RATE = Number(process.env.BENCH_E2E_LOAD_RATE || 20);
/**
 * The n8n configurations compared (BENCH_E2E_CONFIGS, comma-separated; default `defaults,legacy`). n8n 2.x
 * acquires an expression-engine isolate for the webhook phase of every start node except its own Webhook
 * node, and builds a fresh isolated-vm isolate per acquisition. `legacy` (n8n's previous engine, no
 * isolates; n8n no longer calls it secure, so this is a measurement, not a recommendation) shows what is
 * left without that cost; `lazy` builds an isolate only when an expression is evaluated.
 */
const ALL_CONFIGS = {
	defaults: { name: "n8n's defaults", env: {} },
	legacy: { name: 'N8N_EXPRESSION_ENGINE=legacy (no isolates)', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	lazy: { name: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
};
const CONFIGS = (process.env.BENCH_E2E_CONFIGS || 'defaults,legacy').split(',').map((k) => {
	const config = ALL_CONFIGS[k.trim()];
	if (!config) throw new Error(`BENCH_E2E_CONFIGS: unknown configuration "${k}" (known: ${Object.keys(ALL_CONFIGS).join(', ')})`);
	return config;
});
/** Meta keeps a bounded number of deliveries in flight and retries failed ones; so does this benchmark. */
const MAX_IN_FLIGHT = 64;
let retried = 0;
/** What a non-200 answer said, by status (first one of each), to tell n8n's answers from a proxy's. */
const nonOkSamples = new Map();


async function main() {
	const received = new Map();
	const sink = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			try {
				const body = JSON.parse(Buffer.concat(chunks).toString());
				if (!received.has(body.message_id)) received.set(body.message_id, { at: Date.now(), count: 0 });
				received.get(body.message_id).count++;
			} catch {
				// ignore
			}
			res.writeHead(200).end('{}');
		});
	});
	await new Promise((r) => sink.listen(0, '127.0.0.1', r));
	const sinkUrl = `http://127.0.0.1:${sink.address().port}/sink`;

	const workflow = {
		id: 'wapayBenchLoad01',
		name: 'bench: trigger to sink',
		settings: { executionOrder: 'v1' },
		connections: { Trigger: { main: [[{ node: 'Sink', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'a1', name: 'Trigger', type: 'n8n-nodes-whatsapp-payments.whatsAppPaymentsTrigger', typeVersion: 1.1, position: [0, 0], webhookId: WEBHOOK_ID, parameters: { registration: 'app', events: ['payment_method'], options: process.env.BENCH_E2E_DEDUPE === 'off' ? { dedupe: false } : {} }, credentials: { whatsAppPaymentsApi: { id: 'wapaySandboxBR01', name: 'WhatsApp Payments (sandbox Brazil)' } } },
			{ id: 'a2', name: 'Sink', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0], parameters: { method: 'POST', url: sinkUrl, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ message_id: $json.message_id }) }}', options: {} } },
		],
	};
	// Baseline: n8n's own Webhook node (no signature check, no parsing into events) with the same sink call,
	// to tell n8n's own per-execution cost from the trigger's.
	const baseline = {
		id: 'wapayBenchBase01',
		name: 'bench: n8n Webhook node to sink',
		settings: { executionOrder: 'v1' },
		connections: { Webhook: { main: [[{ node: 'Sink', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b7d1e2f3-0a4b-4c5d-8e6f-7a8b9c0d1e2f', parameters: { httpMethod: 'POST', path: 'bench-baseline', responseMode: 'onReceived', options: {} } },
			{ id: 'b2', name: 'Sink', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0], parameters: { method: 'POST', url: sinkUrl, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ message_id: $json.body.entry[0].changes[0].value.messages[0].id }) }}', options: {} } },
		],
	};
	// The same trigger with a redelivery memory already full (10,000 events), as after a day of traffic:
	// n8n reads and writes the static data with the workflow on every delivery.
	let tokens = '';
	for (let n = 0; n < 10000; n++) tokens += crypto.createHash('sha256').update(`seed-${n}`).digest('hex').slice(0, 16);
	const full = {
		...workflow,
		id: 'wapayBenchFull01',
		name: 'bench: trigger with 10,000 remembered events to sink',
		nodes: workflow.nodes.map((n) => (n.name === 'Trigger' ? { ...n, id: 'c1', webhookId: FULL_WEBHOOK_ID, parameters: { ...n.parameters, registration: 'manual', verifyToken: 'bench-verify' } } : { ...n, id: 'c2' })),
		staticData: { 'node:Trigger': { seenEvents: { v: 2, keys: tokens, writer: 'bench' } } },
	};
	const home = path.join(RUNTIME, TOPOLOGY === 'queue' ? 'bench-queue-home' : 'bench-home');
	const profileDir = path.join(RUNTIME, 'bench-profile');
	try {
		for (const config of CONFIGS) {
			console.log(`\n# n8n configured with ${config.name}`);
			if (PROFILE) fs.rmSync(profileDir, { recursive: true, force: true });
			const env = { ...config.env, ...(PROFILE ? { NODE_OPTIONS: `--max-old-space-size=4096 --cpu-prof --cpu-prof-dir=${profileDir}` } : {}) };
			const { n8n, sandbox } = await bringUp({ home, fresh: true, workflows: [workflow, baseline, full], env, topology: TOPOLOGY });
			try {
				await measure(n8n, sandbox, received, config);
			} finally {
				await n8n.stop();
				await sandbox.stop();
			}
			if (PROFILE) require('./cpu-profile').summarise(profileDir, PROFILE);
		}
	} finally {
		sink.close();
	}
}

async function measure(n8n, sandbox, received, config) {
	const [br] = sandbox.businesses;
	const url = `${n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	const logBefore = fs.readFileSync(n8n.logFile, 'utf8').length;
	nonOkSamples.clear();
	retried = 0;
	let seq = 0;
	const make = () => {
		const id = `wamid.load${Date.now().toString(36)}${(++seq).toString(36)}`;
		const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: br.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '551140000001', phone_number_id: br.phoneNumbers[0].id }, contacts: [{ profile: { name: 'Load' }, wa_id: '5511999990001' }], messages: [{ from: '5511999990001', id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'interactive', interactive: { type: 'payment_method', payment_method: { payment_method: 'offsite_card_pay', payment_timestamp: Math.floor(Date.now() / 1000), reference_id: `load-${seq}`, last_four_digits: '4242', credential_id: 'card_abc' } } }] } }] }] });
		return { id, raw, signature: `sha256=${crypto.createHmac('sha256', br.appSecret).update(raw).digest('hex')}` };
	};
	let inFlight = 0;
	const post = async (d, signature = d.signature, target = url) => {
		while (inFlight >= MAX_IN_FLIGHT) await sleep(5);
		inFlight++;
		try {
			for (let attempt = 0; ; attempt++) {
				try {
					const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: d.raw });
					const text = await res.text();
					if (res.status !== 200 && !nonOkSamples.has(res.status)) {
						nonOkSamples.set(res.status, `${res.headers.get('server') ?? 'no server header'}: ${text.slice(0, 200).replace(/\s+/g, ' ')}`);
					}
					return res.status;
				} catch (error) {
					if (attempt >= 4) throw error;
					retried++;
					const code = `connection error ${error.cause?.code ?? error.message}`;
					if (!nonOkSamples.has(code)) nonOkSamples.set(code, 'retried, as Meta retries');
					await sleep(500 * 2 ** attempt);
				}
			}
		} finally {
			inFlight--;
		}
	};
	const drain = async (ids, timeoutMs = 60000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline && ids.some((id) => !received.has(id))) await sleep(200);
	};
	const paced = async (count, rate, next) => {
		const t0 = Date.now();
		const pending = [];
		for (let i = 0; i < count; i++) {
			const due = t0 + (i * 1000) / rate;
			const wait = due - Date.now();
			if (wait > 0) await sleep(wait);
			pending.push(next(i));
		}
		return Promise.all(pending);
	};

	if (ROUNDS > 0) await sideBySide(n8n, make, post, received, drain, paced, config);

	// The long load checks correctness (nothing lost, nothing run twice), so it runs once, in the first configuration.
	if (LOAD_TOTAL <= 0 || config !== CONFIGS[0]) return;
	console.log(`\n## ${LOAD_TOTAL} deliveries at ${LOAD_RATE}/s: 5% exact redeliveries, 2% tampered\n`);
	received.clear();
	const valid = [];
	const plan = [];
	let rnd = 12345;
	const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648);
	for (let i = 0; i < LOAD_TOTAL; i++) {
		const r = random();
		if (r < 0.05 && valid.length > 0) plan.push({ kind: 'redelivery', d: valid[Math.floor(random() * valid.length)] });
		else if (r < 0.07) {
			const d = make();
			const raw = Buffer.from(d.raw);
			raw[Math.floor(random() * raw.length)] ^= 1;
			plan.push({ kind: 'tampered', d: { id: d.id, raw: raw.toString('latin1'), signature: d.signature } });
		} else {
			const d = make();
			valid.push(d);
			plan.push({ kind: 'valid', d });
		}
	}
	const t0 = Date.now();
	const results = await paced(plan.length, LOAD_RATE, async (i) => ({ kind: plan[i].kind, status: await post(plan[i].d) }));
	const seconds = (Date.now() - t0) / 1000;
	await drain(valid.map((d) => d.id), 120000);
	await sleep(3000);
	const count = (kind, pred) => results.filter((r) => r.kind === kind && pred(r.status)).length;
	const tamperedIds = plan.filter((p) => p.kind === 'tampered').map((p) => p.d.id);
	const executionsTwice = [...received.values()].filter((v) => v.count > 1).length;
	const log = fs.readFileSync(n8n.logFile, 'utf8').slice(logBefore);
	const errorLines = log.split('\n').filter((l) => /error/i.test(l) && !/api\.n8n\.io|Strapi|AxiosError|ENOTFOUND|^\s+at /.test(l));
	console.log('| measure | value |');
	console.log('|---|---|');
	console.log(`| deliveries sent | ${plan.length} in ${seconds.toFixed(1)} s (at most ${MAX_IN_FLIGHT} in flight; ${retried} retried after a connection error, as Meta retries) |`);
	console.log(`| valid (unique events) | ${valid.length}, answered 200: ${count('valid', (s) => s === 200)} |`);
	console.log(`| exact redeliveries | ${plan.length - valid.length - tamperedIds.length}, answered 200: ${count('redelivery', (s) => s === 200)} |`);
	console.log(`| tampered | ${tamperedIds.length}, answered 401: ${count('tampered', (s) => s === 401)} |`);
	console.log(`| executions that reached the sink | ${received.size} (expected ${valid.length}) |`);
	console.log(`| valid events lost | ${valid.filter((d) => !received.has(d.id)).length} |`);
	console.log(`| events executed twice | ${executionsTwice} |`);
	console.log(`| tampered events executed | ${tamperedIds.filter((id) => received.has(id)).length} |`);
	console.log(`| error lines in n8n's log | ${errorLines.length}${errorLines.length ? `: ${errorLines.slice(0, 3).join(' / ')}` : ''} |`);
	for (const [status, said] of nonOkSamples) if (status !== 401) console.log(`| answer other than 200 or 401 | ${status} (${said}) |`);

}

/**
 * The side-by-side comparison. Each round runs every workflow at the saturating rate (completed per
 * second) and at the keep-up rate (p50 latency); rounds alternate which workflow goes first.
 */
async function sideBySide(n8n, make, post, received, drain, paced, config) {
	const targets = [
		{ key: 'webhook', name: "n8n's Webhook node", url: `${n8n.url}/webhook/bench-baseline` },
		{ key: 'trigger', name: 'WhatsApp Payments Trigger', url: `${n8n.url}/webhook/${WEBHOOK_ID}/webhook` },
		{ key: 'full', name: 'WhatsApp Payments Trigger, 10,000 events remembered', url: `${n8n.url}/webhook/${FULL_WEBHOOK_ID}/webhook` },
	].filter((t) => !PROFILE || t.key === PROFILE);
	const phase = async (target, rate, seconds) => {
		const n = Math.round(rate * seconds);
		const sent = new Map();
		const t0 = Date.now();
		const statuses = await paced(n, rate, async () => {
			const d = make();
			sent.set(d.id, Date.now());
			return post(d, d.signature, target.url);
		});
		await drain([...sent.keys()]);
		const ids = [...sent.keys()];
		const done = ids.filter((id) => received.has(id));
		const last = Math.max(...done.map((id) => received.get(id).at));
		const lat = done.map((id) => received.get(id).at - sent.get(id));
		const other = {};
		for (const s of statuses) if (s !== 200) other[s] = (other[s] || 0) + 1;
		return { n, completed: done.length, lost: n - done.length, perSecond: done.length / ((last - t0) / 1000), p50: pct(lat, 50), p99: pct(lat, 99), other };
	};
	console.log(`\n## Side by side in one n8n (${TOPOLOGY === 'queue' ? 'queue mode' : 'single process, SQLite'}; ${config.name}): ${targets.map((t) => t.name).join(' / ')}\n`);
	console.log(`Warm-up: ${KEEP_UP_RATE}/s for 5 s to each. Then ${ROUNDS || 1} rounds, alternating which goes first; ${PHASE_SECONDS} s per phase.\n`);
	for (const t of targets) await phase(t, KEEP_UP_RATE, 5);
	console.log('| round | workflow | offered/s | sent | reached the sink | lost | completed/s | p50 | p99 | non-200 answers |');
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	const results = Object.fromEntries(targets.map((t) => [t.key, { sat: [], keep: [] }]));
	for (let round = 1; round <= Math.max(1, ROUNDS); round++) {
		const order = round % 2 === 1 ? targets : [...targets].reverse();
		for (const t of order) {
			for (const [kind, rate] of [['sat', SATURATING_RATE], ['keep', KEEP_UP_RATE]]) {
				const r = await phase(t, rate, PHASE_SECONDS);
				results[t.key][kind].push(r);
				const other = Object.entries(r.other).map(([k, v]) => `${v} x ${k}`).join(', ') || '0';
				console.log(`| ${round} | ${t.name} | ${rate} | ${r.n} | ${r.completed} | ${r.lost} | ${r.perSecond.toFixed(1)} | ${r.p50} ms | ${r.p99} ms | ${other} |`);
				await sleep(1500);
			}
		}
	}
	const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
	console.log('');
	for (const [status, said] of nonOkSamples) console.log(`Answer other than 200: ${status} (${said})`);
	if (retried > 0) console.log(`Connection errors retried: ${retried}`);
	for (const t of targets) {
		const r = results[t.key];
		t.rate = median(r.sat.map((x) => x.perSecond));
		t.p50 = median(r.keep.map((x) => x.p50));
		t.lost = [...r.sat, ...r.keep].reduce((a, x) => a + x.lost, 0);
		console.log(`${t.name}: ${t.rate.toFixed(1)} completed/s at ${SATURATING_RATE}/s offered, p50 ${t.p50} ms at ${KEEP_UP_RATE}/s, ${t.lost} lost (medians of ${r.sat.length} rounds)`);
	}
	const base = targets.find((t) => t.key === 'webhook');
	for (const t of targets.filter((x) => x.key !== 'webhook')) {
		if (!base) break;
		console.log(`RATIO (${config.name}) ${t.name} / n8n's Webhook node: ${(t.rate / base.rate).toFixed(2)} x the deliveries per second (target >= 0.90), p50 ${(t.p50 / base.p50).toFixed(2)} x (target <= 2.0)`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
