'use strict';
/* eslint-disable no-console */
/**
 * Load in a real n8n (`npm run bench:e2e`): the packed package installed in n8n 2.40.7, a published workflow
 * "WhatsApp Payments Trigger -> HTTP Request to a local sink". Signed deliveries go straight to n8n's
 * production webhook URL, as Meta sends them.
 *  1. Rising rates: deliveries per second sustained with nothing lost, and delivery-to-execution latency
 *     (time from sending the delivery until the workflow's HTTP Request reaches the sink), p50/p99.
 *  2. 10,000 deliveries with 5% exact redeliveries and 2% tampered: executions must equal the unique valid
 *     events, no tampered delivery accepted, and no error in n8n's log.
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const { RUNTIME } = require('../e2e/lib/env');
const { bringUp, sleep } = require('../e2e/lib/n8n');

const WEBHOOK_ID = '7c0a9d61-3f2b-4e8a-9b1c-5d6e7f8a9b0c';
const RATES = process.env.BENCH_E2E_RATES === 'none' ? [] : (process.env.BENCH_E2E_RATES || '10,20,25,50,100').split(',').map(Number);
const PHASE_SECONDS = Number(process.env.BENCH_E2E_SECONDS || 5);
const LOAD_TOTAL = Number(process.env.BENCH_E2E_LOAD || 10000);
const LOAD_RATE = Number(process.env.BENCH_E2E_LOAD_RATE || 20);
/** Meta keeps a bounded number of deliveries in flight and retries failed ones; so does this benchmark. */
const MAX_IN_FLIGHT = 64;
let retried = 0;

function pct(values, p) {
	const s = [...values].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

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
			{ id: 'a1', name: 'Trigger', type: 'n8n-nodes-whatsapp-payments.whatsAppPaymentsTrigger', typeVersion: 1, position: [0, 0], webhookId: WEBHOOK_ID, parameters: { registration: 'app', events: ['payment_method'], options: process.env.BENCH_E2E_DEDUPE === 'off' ? { dedupe: false } : {} }, credentials: { whatsAppPaymentsApi: { id: 'wapaySandboxBR01', name: 'WhatsApp Payments (sandbox Brazil)' } } },
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
	const home = path.join(RUNTIME, 'bench-home');
	const { n8n, sandbox } = await bringUp({ home, fresh: true, workflows: [workflow, baseline] });
	try {
		await measure(n8n, sandbox, received);
	} finally {
		await n8n.stop();
		await sandbox.stop();
		sink.close();
	}
}

async function measure(n8n, sandbox, received) {
	const [br] = sandbox.businesses;
	const url = `${n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	const logBefore = fs.readFileSync(n8n.logFile, 'utf8').length;
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
					await res.arrayBuffer();
					return res.status;
				} catch (error) {
					if (attempt >= 4) throw error;
					retried++;
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

	if (RATES.length > 0) {
		const targets = [
			{ name: 'WhatsApp Payments Trigger workflow', url },
			{ name: "baseline: n8n's Webhook node workflow", url: `${n8n.url}/webhook/bench-baseline` },
		];
		console.log(`\n## End to end in n8n 2.40.7: signed deliveries into a published workflow (${PHASE_SECONDS} s per rate)\n`);
		console.log('| workflow | offered deliveries/s | sent | 200 answers | executions reached the sink | lost | achieved/s | latency p50 | latency p99 |');
		console.log('|---|---|---|---|---|---|---|---|---|');
		for (const target of targets) {
			let best = 0;
			let peak = 0;
			for (const rate of RATES) {
				const n = rate * PHASE_SECONDS;
				const sent = new Map();
				const t0 = Date.now();
				const statuses = await paced(n, rate, async () => {
					const d = make();
					sent.set(d.id, Date.now());
					return post(d, d.signature, target.url);
				});
				const sendSeconds = (Date.now() - t0) / 1000;
				await drain([...sent.keys()]);
				const lat = [...sent.entries()].filter(([id]) => received.has(id)).map(([id, at]) => received.get(id).at - at);
				const lost = [...sent.keys()].filter((id) => !received.has(id)).length;
				if (lost === 0 && n / sendSeconds >= rate * 0.95) best = rate;
				peak = Math.max(peak, n / sendSeconds);
				console.log(`| ${target.name} | ${rate} | ${n} | ${statuses.filter((s) => s === 200).length} | ${lat.length} | ${lost} | ${(n / sendSeconds).toFixed(1)} | ${pct(lat, 50)} ms | ${pct(lat, 99)} ms |`);
				await sleep(2000);
			}
			console.log(`|   ${target.name}: highest offered rate kept up with (95%+) and nothing lost: ${best || 'none tried'}/s; most completed: ${peak.toFixed(1)}/s | | | | | | | | |`);
		}
	}

	if (LOAD_TOTAL <= 0) return;
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

}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
