'use strict';
/**
 * Sending at Meta's throughput tiers in a real n8n (`npm run bench:e2e:send`): the packed package installed in
 * n8n 2.40.7 (one process, SQLite), the sandbox limiting one sender number to the tier (20, 80, 250 or 1,000
 * messages per second) and answering every message request in 200 or 600 ms. One execution per run sends
 * BENCH_E2E_SEND_ITEMS (default 10,000) order_status messages for orders the sandbox holds:
 *   Webhook -> Code (one item per order) -> the sender
 * where the sender is, side by side in each round:
 *  - this node with its defaults and Options > Messages Per Second set to the tier (what the README tells a
 *    merchant on that tier);
 *  - n8n's HTTP Request node as a careful user sets it for the tier (Batching: a tenth of the tier every
 *    100 ms, the setting bench/tiers.ts uses; On Error: Continue), posting the same message body.
 * One published workflow per sender and tier, its settings constants as a merchant's are. A warm-up run of each
 * first, then BENCH_E2E_SEND_ROUNDS (default 2) rounds alternating which goes first. Counts come from the
 * sandbox (each order's accepted order_status messages: 0 is lost, 2 or more is sent twice); error items and
 * the execution's size from n8n's saved execution; memory from the n8n process (its resident size, sampled
 * every 100 ms, the peak above what it was before the run). Each run also prints the CPU time of n8n and of the
 * sandbox (this process: both share the machine), and per second what the sandbox accepted and refused.
 * BENCH_E2E_SEND_TIERS (default 20,80,250,1000), BENCH_E2E_SEND_LATENCIES (default 200,600).
 * BENCH_E2E_CONFIG=legacy runs n8n with N8N_EXPRESSION_ENGINE=legacy (n8n's engine without isolates; n8n no
 * longer calls it secure, so a measurement, not a recommendation). BENCH_E2E_SEND_PROFILE=1 runs n8n under
 * --cpu-prof and prints where its CPU time went over the whole run. BENCH_E2E_SEND_NODE_OPTIONS is handed to
 * n8n's processes as NODE_OPTIONS (a V8 setting such as --max-semi-space-size=64, or a --require'd observer).
 * BENCH_E2E_SEND_GC=1 preloads bench/n8n-gc-observer.js into n8n and prints, for each run's sending span, n8n's full
 * collections, its longest stop and how fast its old generation grew (where the slow seconds at 1,000/s come from).
 * BENCH_E2E_SEND_FIRST=http lets the HTTP Request node go first in the first round.
 * BENCH_E2E_TOPOLOGY=queue runs n8n in queue mode (nginx, 2 webhook processes, 2 workers, PostgreSQL, Redis) and
 * splits each campaign into BENCH_E2E_SEND_SPLIT executions (default 2, one per worker), started together, each
 * sending its share of the orders with its share of the tier (Messages Per Second, or the HTTP Request node's
 * batch, set to tier / split): what the README advises a merchant on the 1,000 tier. Default tier there: 1,000.
 * The sustained rate is then the number's, over all the executions' accepted messages; memory is each worker's.
 * The whole default run takes about an hour and a half, most of it the 20/s tier (500 s per run).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { monitorEventLoopDelay } = require('perf_hooks');

const { ROOT, RUNTIME } = require('../e2e/lib/env');
const { bringUp } = require('../e2e/lib/bringUp');
const { sleep } = require('../e2e/lib/n8n');
const { run, stopOnSignals } = require('../e2e/lib/proc');

// Ctrl-C or SIGTERM: every n8n process and server the run started is stopped before it exits.
stopOnSignals(() => undefined);

const numbers = (value, fallback) => (value ? value.split(',').map(Number).filter((v) => Number.isFinite(v) && v > 0) : fallback);
const TOPOLOGY = process.env.BENCH_E2E_TOPOLOGY === 'queue' ? 'queue' : 'single';
const TIERS = numbers(process.env.BENCH_E2E_SEND_TIERS, TOPOLOGY === 'queue' ? [1000] : [20, 80, 250, 1000]);
/** Executions a campaign is split into, started together, each with its share of the orders and of the tier. */
const SPLIT = Math.max(1, Math.round(Number(process.env.BENCH_E2E_SEND_SPLIT || (TOPOLOGY === 'queue' ? 2 : 1))));
const LATENCIES = numbers(process.env.BENCH_E2E_SEND_LATENCIES, [200, 600]);
const ITEMS = Number(process.env.BENCH_E2E_SEND_ITEMS || 10000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_E2E_SEND_ROUNDS || 2));
/** The sandbox's Brazilian business: its credential in n8n, its sender number, a buyer. */
const CREDENTIAL = { whatsAppPaymentsApi: { id: 'wapaySandboxBR01', name: 'WhatsApp Payments (sandbox Brazil)' } };
// The sandbox's Brazil number and buyer, as in bench/common.ts (sendStatusParameters).
const PHONE = '200000000000001';
const BUYER = '5511999990001';
const CONFIG = process.env.BENCH_E2E_CONFIG === 'legacy' ? { name: 'N8N_EXPRESSION_ENGINE=legacy (no isolates)', env: { N8N_EXPRESSION_ENGINE: 'legacy' } } : { name: "n8n's defaults", env: {} };
const PROFILE = process.env.BENCH_E2E_SEND_PROFILE === '1';
const GC = process.env.BENCH_E2E_SEND_GC === '1';
/** Where n8n's processes write what bench/n8n-gc-observer.js sees (one file per process: the name plus its pid). */
const GC_LOG = path.join(RUNTIME, 'bench-send-gc', 'n8n');
// BENCH_E2E_SEND_FIRST=http starts each tier's first round with the HTTP Request node (this node by default), to
// tell n8n's memory growth in a process's first large run from what a sender adds.
const FIRST = process.env.BENCH_E2E_SEND_FIRST === 'http' ? 1 : 0;
// BENCH_E2E_SEND_SENDERS=node (or http) runs one sender only (a profile of it alone, say); both by default.
const VARIANTS = [
	{ key: 'node', name: 'this node' },
	{ key: 'http', name: 'HTTP Request node' },
].filter((v) => !process.env.BENCH_E2E_SEND_SENDERS || process.env.BENCH_E2E_SEND_SENDERS.split(',').includes(v.key));

/** The Code node: one item per order. */
const ORDERS_CODE = "const { prefix, count } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, n) => ({ json: { ref: prefix + '-' + n } }));";

/** Where a variant's workflow for a tier listens, and its id. */
const at = (variant, tier) => ({ id: `wapayBenchSend${variant.key === 'node' ? 'N' : 'H'}${tier}`, path: `bench-send-${variant.key}-${tier}` });

/**
 * A variant's workflow for a tier, with the settings a merchant on that tier uses as constants (an expression
 * in Options would be evaluated for every item, by either node).
 */
function workflow(variant, tier, sandboxUrl, token, batching, sendStatusParameters) {
	const { id, path: webhookPath } = at(variant, tier);
	const webhookId = `${variant.key === 'node' ? '6a1d' : '6a2d'}0c3e-5b7f-4e9a-8c1d-${String(tier).padStart(12, '0')}`;
	const webhook = { id: 's1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId, parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} } };
	const items = { id: 's2', name: 'Orders', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: ORDERS_CODE } };
	const sender =
		variant.key === 'node'
			? {
					id: 's3',
					name: 'Send',
					type: 'n8n-nodes-whatsapp-payments.whatsAppPayments',
					typeVersion: 1,
					position: [400, 0],
					credentials: CREDENTIAL,
					parameters: sendStatusParameters({ messagesPerSecond: tier / SPLIT }),
				}
			: {
					id: 's3',
					name: 'Send',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [400, 0],
					onError: 'continueRegularOutput',
					parameters: {
						method: 'POST',
						url: `${sandboxUrl}/v25.0/${PHONE}/messages`,
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
						sendBody: true,
						specifyBody: 'json',
						jsonBody: `={{ JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '${BUYER}', type: 'interactive', interactive: { type: 'order_status', body: { text: 'Your order is being prepared' }, action: { name: 'review_order', parameters: { reference_id: $json.ref, order: { status: 'processing' } } } } }) }}`,
						options: { batching: { batch: batching(tier / SPLIT) } },
					},
				};
	return {
		id,
		name: `bench: sending at ${tier}/s, ${variant.name}`,
		settings: { executionOrder: 'v1' },
		connections: { Webhook: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] }, Orders: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
		nodes: [webhook, items, sender],
	};
}

/** A process's resident size in bytes (Linux). */
function rss(pid) {
	const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) * 1024 : NaN;
}

/** Seconds of CPU in a process.cpuUsage() difference (user and system). */
const cpuOf = (usage) => (usage.user + usage.system) / 1e6;

/** A process's CPU time so far (user + system), in seconds (Linux; clock ticks are 100 per second). */
function cpuSeconds(pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The n8n processes that run executions: the one process, or queue mode's workers. */
const runners = (n8n) => (TOPOLOGY === 'queue' ? ['worker-1', 'worker-2'].map((name) => ({ name, pid: n8n.pid(name) })) : [{ name: 'n8n', pid: n8n.process.pid }]);

async function main() {
	await run('npx', ['tsc', '-p', 'tsconfig.bench.json'], { cwd: ROOT, label: 'compiling the benchmarks' });
	await run('npm', ['run', 'build:sandbox', '--silent'], { cwd: ROOT, label: 'build:sandbox' });
	const { httpBatching } = require(path.join(ROOT, 'build', 'bench', 'bench', 'tiers.js'));
	const { sendStatusParameters } = require(path.join(ROOT, 'build', 'bench', 'bench', 'common.js'));
	const home = path.join(RUNTIME, TOPOLOGY === 'queue' ? 'bench-send-queue-home' : 'bench-send-home');
	// The sandbox URL and token are known only once it runs; the workflows take them from its defaults.
	const { SANDBOX_DEFAULTS } = require(path.join(ROOT, 'build', 'sandbox', 'sandbox', 'server.js'));
	const { PORTS } = require('../e2e/lib/env');
	const sandboxUrl = `http://127.0.0.1:${PORTS.sandbox}`;
	// Tier 80 is the warm-up's.
	const workflows = [...new Set([80, ...TIERS])].flatMap((tier) => VARIANTS.map((v) => workflow(v, tier, sandboxUrl, SANDBOX_DEFAULTS.accessTokens[0], httpBatching, sendStatusParameters)));
	const profileDir = path.join(RUNTIME, 'bench-send-profile');
	fs.rmSync(profileDir, { recursive: true, force: true });
	fs.rmSync(path.dirname(GC_LOG), { recursive: true, force: true });
	if (GC) fs.mkdirSync(path.dirname(GC_LOG), { recursive: true });
	const nodeOptions = [process.env.BENCH_E2E_SEND_NODE_OPTIONS, PROFILE ? `--max-old-space-size=4096 --cpu-prof --cpu-prof-dir=${profileDir}` : '', GC ? `--require ${path.join(__dirname, 'n8n-gc-observer.js')}` : ''].filter(Boolean).join(' ');
	const env = { ...CONFIG.env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...(GC ? { WAPAY_GC_LOG: GC_LOG } : {}) };
	// No status webhooks (sent, delivered, read): nothing here subscribes to them, and building and signing three per
	// accepted message (3,000 a second at the top tier) took this process's CPU, the 2 cores n8n has, and made the
	// sandbox late in counting arrivals against the limit. The n8n-core benchmarks run without them too.
	const { n8n, sandbox } = await bringUp({ home, fresh: true, workflows, env, keepSandboxState: false, topology: TOPOLOGY, sandboxOptions: { statusDelayMs: 0 } });
	try {
		await measure(n8n, sandbox, httpBatching);
	} finally {
		await n8n.stop();
		await sandbox.stop();
	}
	if (PROFILE) require('./cpu-profile').summarise(profileDir, 'sending');
}

/**
 * What n8n's collector did between `from` and `to` (ms since epoch), from bench/n8n-gc-observer.js's files: full
 * collections (count and each one's time), the longest stop of a process's event loop, and how fast the old
 * generation grew (what it gained between samples, its drops at collections left out, per second).
 */
function gcSummary(from, to) {
	const dir = path.dirname(GC_LOG);
	const parts = [];
	for (const name of fs.readdirSync(dir).filter((n) => n.startsWith(`${path.basename(GC_LOG)}.`))) {
		const events = fs
			.readFileSync(path.join(dir, name), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line))
			.filter((e) => e.at >= from && e.at <= to);
		const full = events.filter((e) => e.gc !== undefined && e.kind === 4).map((e) => `${e.gc} ms`);
		const longest = Math.max(0, ...events.filter((e) => e.stall !== undefined).map((e) => e.stall));
		const old = events.filter((e) => e.old !== undefined);
		let grown = 0;
		for (let k = 1; k < old.length; k++) grown += Math.max(0, old[k].old - old[k - 1].old);
		const span = old.length > 1 ? (old[old.length - 1].at - old[0].at) / 1000 : NaN;
		parts.push(`pid ${name.split('.').pop()}: ${full.length} full collection${full.length === 1 ? '' : 's'}${full.length ? ` (${full.join(', ')})` : ''}, longest stop ${longest ? `${longest} ms` : 'under 100 ms'}, old generation growing ${Number.isFinite(span) && span > 0 ? (grown / span).toFixed(0) : 'n/a'} MB/s`);
	}
	return `n8n's collector while sending: ${parts.join('; ') || 'nothing logged'}`;
}

/** The `count` executions of a workflow started since `since`, once all have finished. */
async function finishedExecutions(n8n, workflowId, since, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	while (Date.now() < deadline) {
		const data = await n8n.rest(`/executions?filter=${filter}&limit=${count + 5}`);
		const done = (data.results || data).filter((e) => new Date(e.startedAt).getTime() >= since - 1000 && e.status !== 'running' && e.status !== 'new' && e.stoppedAt);
		if (done.length >= count) return await Promise.all(done.slice(0, count).map((e) => n8n.rest(`/executions/${e.id}`)));
		await sleep(500);
	}
	throw new Error(`fewer than ${count} finished executions of ${workflowId} within ${timeoutMs / 1000} s`);
}

async function runOnce(n8n, sandbox, variant, tier, latencyMs, items, round) {
	const { seedPendingOrders } = require(path.join(ROOT, 'build', 'sandbox', 'sandbox', 'seeds.js'));
	const prefix = `e${tier}l${latencyMs}r${round}${variant.key}`;
	// One slice of the orders per execution (the last takes what does not divide).
	const parts = Array.from({ length: SPLIT }, (_, k) => ({ prefix: SPLIT === 1 ? prefix : `${prefix}p${k}`, count: k < SPLIT - 1 ? Math.floor(items / SPLIT) : items - (SPLIT - 1) * Math.floor(items / SPLIT) }));
	const refs = parts.flatMap((part) => seedPendingOrders(sandbox, part.prefix, part.count, PHONE, BUYER));
	sandbox.faults.set({ messages: { latencyMs, messagesPerSecond: tier } });
	// The sandbox counts a number's messages over its last second: the previous run's last ones must leave it first.
	await sleep(1500);
	sandbox.store.peakMessagesInFlight = sandbox.store.messagesInFlight;
	const procs = runners(n8n).map((p) => ({ ...p, rss0: rss(p.pid), cpu0: cpuSeconds(p.pid) }));
	const ownCpu0 = process.cpuUsage();
	// How late this process (the sandbox) ran its callbacks: a stalled sandbox counts a backlog of requests at once.
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	for (const p of procs) p.peak = p.rss0;
	const sampler = setInterval(() => {
		for (const p of procs) p.peak = Math.max(p.peak, rss(p.pid));
	}, 100);
	const t0 = Date.now();
	let executions;
	try {
		await Promise.all(
			parts.map(async (part) => {
				const res = await fetch(`${n8n.url}/webhook/${at(variant, tier).path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(part) });
				if (!res.ok) throw new Error(`starting ${variant.name}: ${res.status} ${await res.text()}`);
			}),
		);
		// Generous: the tier's time, plus a minute, times three.
		executions = await finishedExecutions(n8n, at(variant, tier).id, t0, SPLIT, 3 * (60000 + (1000 * items) / tier));
	} finally {
		clearInterval(sampler);
	}
	const seconds = (Date.now() - t0) / 1000;
	loopDelay.disable();
	// bench/n8n-gc-observer.js writes once a second.
	if (GC) await sleep(1100);
	const counts = refs.map((r) => sandbox.messageCounts.get(`${r}:order_status`) ?? 0);
	// Counted: the sandbox forgets the run's orders, or its heap grows by about 100 MB a run and its garbage-collection
	// pauses (which hold the requests it is counting) grow with it.
	for (const r of refs) {
		sandbox.store.orders.delete(`${sandbox.options.wabaId}:${r}`);
		sandbox.messageCounts.delete(`${r}:order_status`);
	}
	// The sandbox's log keeps its last 40,000 to 50,000 requests; a run's are the newest.
	const messages = sandbox.requestLog.filter((r) => r.at >= t0 && r.path.endsWith('/messages'));
	const acceptedAt = messages.filter((r) => r.status === 200).map((r) => r.at);
	const span = acceptedAt.length > 1 ? (acceptedAt[acceptedAt.length - 1] - acceptedAt[0]) / 1000 : NaN;
	// Per second of the run (from its first accepted message): what the sandbox accepted and refused with 130429,
	// to see where a run lost its pace (a busy process, a throttling burst).
	const perSecond = (times) => {
		const counts = new Array(Math.max(1, Math.ceil(span))).fill(0);
		for (const at of times) counts[Math.min(counts.length - 1, Math.max(0, Math.floor((at - acceptedAt[0]) / 1000)))]++;
		return counts.join(' ');
	};
	const refusedAt = messages.filter((r) => r.status === 400).map((r) => r.at);
	const timeline = `accepted per second ${perSecond(acceptedAt)}; 130429 per second ${perSecond(refusedAt)}`;
	const datas = executions.map((execution) => (typeof execution.data === 'string' ? execution.data : JSON.stringify(execution.data)));
	// n8n stores an execution's data flattened (flatted); error items carry an "error" key in their json.
	const errorItems = datas.reduce((sum, data) => sum + (data.match(/"error":/g) || []).length, 0);
	return {
		variant: variant.name,
		tier,
		latencyMs,
		round,
		items,
		seconds,
		status: [...new Set(executions.map((e) => e.status))].join(', '),
		sustained: (acceptedAt.length - 1) / span,
		throttled: refusedAt.length,
		peakInFlight: sandbox.store.peakMessagesInFlight,
		lost: counts.filter((c) => c === 0).length,
		twice: counts.filter((c) => c > 1).length,
		errorItems,
		peakRssMb: Math.max(...procs.map((p) => (p.peak - p.rss0) / 2 ** 20)),
		cpu: [...procs.map((p) => `${p.name} ${(cpuSeconds(p.pid) - p.cpu0).toFixed(1)} s`), `sandbox (this process) ${cpuOf(process.cpuUsage(ownCpu0)).toFixed(1)} s, its event loop late by ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms at p99 and ${(loopDelay.max / 1e6).toFixed(0)} ms at most`].join(', '),
		executionMb: datas.reduce((sum, data) => sum + Buffer.byteLength(data), 0) / 2 ** 20,
		timeline,
		gc: GC && acceptedAt.length > 1 ? gcSummary(acceptedAt[0], acceptedAt[acceptedAt.length - 1]) : '',
	};
}

async function measure(n8n, sandbox, httpBatching) {
	const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
	const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
	const where = TOPOLOGY === 'queue' ? `queue mode (nginx, 2 webhook processes, 2 workers, PostgreSQL, Redis), each campaign split into ${SPLIT} executions started together` : `one process, SQLite${SPLIT > 1 ? `, each campaign split into ${SPLIT} executions started together` : ''}`;
	console.log(`\n# Sending at Meta's throughput tiers in a real n8n ${n8n.tools.version} (${where}), ${CONFIG.name}`);
	console.log(`\n${new Date().toISOString()}; ${os.cpus().length} CPUs (${os.cpus()[0].model}), load average before the run ${load}.`);
	console.log(`${ITEMS} order_status messages per execution; tiers ${TIERS.join(', ')}/s; Meta answering in ${LATENCIES.join(' and ')} ms; ${ROUNDS} rounds alternating which sender goes first, after a warm-up run of each.\n`);
	for (const v of VARIANTS) await runOnce(n8n, sandbox, v, 80, 20, 200, -1);
	const outcomes = [];
	for (const tier of TIERS)
		for (const latencyMs of LATENCIES)
			for (let round = 0; round < ROUNDS; round++) {
				const order = (round + FIRST) % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
				for (const v of order) {
					const o = await runOnce(n8n, sandbox, v, tier, latencyMs, ITEMS, round);
					outcomes.push(o);
					console.log(`  ${o.variant}, tier ${tier}, ${latencyMs} ms, round ${round + 1}: ${fmt(o.sustained)} msg/s (${fmt((100 * o.sustained) / tier)}%), ${o.lost} lost, ${o.twice} twice, ${o.errorItems} error items, execution ${o.status}, ${fmt(o.seconds)} s; CPU ${o.cpu}\n    ${o.timeline}${o.gc ? `\n    ${o.gc}` : ''}`);
					await sleep(1000);
				}
			}
	console.log(`\n| tier | answer | sender | settings | sustained / limit (rounds) | 130429 answers | peak in flight | lost | twice | error items | ${TOPOLOGY === 'queue' ? 'worker RSS peak growth MB (the larger)' : 'n8n RSS peak growth MB'} | execution MB${SPLIT > 1 ? ' (all executions)' : ''} |`);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const tier of TIERS)
		for (const latencyMs of LATENCIES)
			for (const v of VARIANTS) {
				const runs = outcomes.filter((o) => o.tier === tier && o.latencyMs === latencyMs && o.variant === v.name);
				const b = httpBatching(tier / SPLIT);
				const each = SPLIT > 1 ? `${SPLIT} executions, each ` : '';
				const settings = each + (v.key === 'node' ? `Messages Per Second ${tier / SPLIT}` : `Batching ${b.batchSize} items / ${b.batchInterval} ms, On Error: Continue`);
				const list = (f) => runs.map(f).join(', ');
				console.log(`| ${tier}/s | ${latencyMs} ms | ${v.name} | ${settings} | ${list((o) => `${fmt((100 * o.sustained) / tier)}%`)} | ${list((o) => o.throttled)} | ${list((o) => o.peakInFlight)} | ${list((o) => o.lost)} | ${list((o) => o.twice)} | ${list((o) => o.errorItems)} | ${list((o) => fmt(o.peakRssMb, 0))} | ${fmt(runs[0].executionMb)} |`);
			}
	const ours = outcomes.filter((o) => o.variant === 'this node');
	if (ours.length) console.log(`\nThis node: lowest sustained / limit ${fmt(100 * Math.min(...ours.map((o) => o.sustained / o.tier)))}% (target 95%), lost ${ours.reduce((s, o) => s + o.lost, 0)}, twice ${ours.reduce((s, o) => s + o.twice, 0)}.`);
	const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
	if (VARIANTS.length < 2) return;
	for (const tier of TIERS)
		for (const latencyMs of LATENCIES) {
			const of = (name) => median(outcomes.filter((o) => o.tier === tier && o.latencyMs === latencyMs && o.variant === name).map((o) => o.sustained));
			console.log(`RATIO tier ${tier}, ${latencyMs} ms: this node / HTTP Request node sustained = ${fmt(of('this node') / of('HTTP Request node'), 2)} x`);
		}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
