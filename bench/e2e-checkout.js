'use strict';
/**
 * Checkout endpoint latency in a real n8n (`npm run bench:e2e:checkout`): the packed package installed in
 * n8n 2.40.7, one process (SQLite) or queue mode (BENCH_E2E_TOPOLOGY=queue: nginx, 2 webhook processes,
 * 2 workers, PostgreSQL, Redis; the answer is relayed from a worker). Three published workflows:
 *  - the package: WhatsApp Checkout Endpoint -> Which request? -> Checkout > Respond (the coupon table and
 *    shipping rule of examples/india-checkout-coupons.json), encrypted end to end;
 *  - the package on n8n's Webhook node: Webhook (Raw Body) -> Checkout > Read Request -> the same router and
 *    Respond nodes -> Respond to Webhook (which n8n's Webhook node requires; it answers nothing, as Checkout >
 *    Respond already did). n8n builds no expression isolate for the webhook phase of its own Webhook node,
 *    which it does for every other start node (BENCHMARKS.md, "Checkout endpoint in a real n8n");
 *  - the baseline: n8n's Webhook node (Respond: Using 'Respond to Webhook' Node) -> a Code node with the same
 *    coupon and shipping rule on plain JSON -> Respond to Webhook. No signature, no encryption.
 * Buyers send `apply_coupon` and `apply_shipping` (several buyers and orders, several codes and PIN codes) at
 * rising rates (BENCH_E2E_CHECKOUT_RATES, default 2,5,10,20,40 per second), BENCH_E2E_CHECKOUT_SECONDS
 * (default 10) per step, alternating which workflow goes first in each step. The package's requests are
 * encrypted and signed as Meta's client does it (RSA-OAEP-SHA256 wrapped AES-128-GCM key, X-Hub-Signature-256),
 * before each step, so that the client's own RSA work is not in the way of the rate. Latency runs from the
 * client's send to the decrypted (baseline: parsed) answer; every answer is checked (total, coupon discount,
 * shipping cost). A workflow's rate stops rising after the first step where its p99 passes 1 s.
 * BENCH_E2E_CHECKOUT_WARM_UP (default 20) requests to each workflow first; BENCH_E2E_CONFIG=legacy and
 * BENCH_E2E_CHECKOUT_ROUTER=off: see below.
 *
 * Meta's encryption of endpoint requests and answers: https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint
 * ("Request Decryption and Encryption"); the checkout endpoint's requests: Meta's checkout button templates
 * page (https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/checkout-button-templates, "Checkout endpoint").
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { ROOT, RUNTIME, PORTS } = require('../e2e/lib/env');
const { bringUp } = require('../e2e/lib/bringUp');
const { sleep } = require('../e2e/lib/n8n');
const { stopOnSignals } = require('../e2e/lib/proc');
const { pct } = require('./percentile');

// Ctrl-C or SIGTERM: every n8n process and server the run started is stopped before it exits.
stopOnSignals(() => undefined);

const TOPOLOGY = process.env.BENCH_E2E_TOPOLOGY === 'queue' ? 'queue' : 'single';
const RATES = (process.env.BENCH_E2E_CHECKOUT_RATES || '2,5,10,20,40').split(',').map(Number).filter((r) => r > 0);
const STEP_SECONDS = Number(process.env.BENCH_E2E_CHECKOUT_SECONDS || 10);
const WARM_UP = Number(process.env.BENCH_E2E_CHECKOUT_WARM_UP ?? 20);
/** Where a buyer stops waiting: p99 above this is "not keeping up". */
const LIMIT_MS = 1000;
/** The client gives up after this long (the endpoint answers 427 for a slow run after 4 s, its default budget). */
const CLIENT_TIMEOUT_MS = 10000;
/**
 * BENCH_E2E_CONFIG=legacy runs n8n with N8N_EXPRESSION_ENGINE=legacy (no expression isolates; n8n no longer
 * calls it secure, so a measurement, not a recommendation): n8n 2.x acquires an isolate for the webhook phase of
 * every start node except its own Webhook node (see BENCHMARKS.md, "End to end in n8n 2.40.7: trigger 1.1").
 */
const CONFIG = process.env.BENCH_E2E_CONFIG === 'legacy' ? { name: 'N8N_EXPRESSION_ENGINE=legacy (no isolates)', env: { N8N_EXPRESSION_ENGINE: 'legacy' } } : { name: "n8n's defaults", env: {} };
const ROUTER = process.env.BENCH_E2E_CHECKOUT_ROUTER !== 'off';
const ENDPOINT_WEBHOOK_ID = '4b8e2c7a-1d3f-4e6a-9b0c-2f1e3d4c5b61';
const BASELINE_PATH = 'bench-checkout-baseline';
const WEBHOOK_NODE_PATH = 'bench-checkout-webhook-node';


/**
 * The coupon and shipping rule of the example, on a plain request: a coupon (code case-insensitive) is a
 * fixed amount or a percentage of the total before the coupon, rounded half up to the paisa, refused when it
 * leaves nothing to pay; shipping costs 49.00 to PIN codes starting 400 or 560; total = subtotal + shipping +
 * tax - discount - coupon. It runs as the baseline's Code node (its source is put there) and computes what
 * every answer, the package's included, must say.
 */
function checkoutRule(request) {
	const coupons = [
		{ code: 'DIWALI10', id: 'diwali-10', percent: 10 },
		{ code: 'FLAT200', id: 'flat-200', fixed: 20000 },
	];
	const pins = ['400', '560'];
	const value = (a) => (a && typeof a.value === 'number' ? a.value : 0);
	const total = (od) => value(od.order.subtotal) + value(od.order.shipping) + value(od.order.tax) - value(od.order.discount) - value(od.coupon && od.coupon.discount);
	const reject = (message) => ({ status: 427, body: { error_msg: message } });
	const data = request.data || {};
	const input = data.input || {};
	const od = JSON.parse(JSON.stringify(data.order_details));
	delete od.payment_settings;
	if (request.sub_action === 'apply_coupon') {
		const typed = String((input.coupon && input.coupon.code) || '').trim().toLowerCase();
		const coupon = coupons.find((c) => c.code.toLowerCase() === typed);
		if (!coupon) return reject('The offer code you have entered is not valid.');
		delete od.coupon;
		const before = total(od);
		const discount = coupon.fixed !== undefined ? coupon.fixed : Math.floor((before * coupon.percent * 100 + 5000) / 10000);
		if (discount >= before) return reject('This offer cannot be used on this order.');
		od.coupon = { code: coupon.code, id: coupon.id, discount: { value: discount, offset: 100 } };
	} else if (request.sub_action === 'apply_shipping') {
		const address = input.selected_address;
		const pin = String((address && address.in_pin_code) || '');
		if (!pins.some((p) => pin.startsWith(p))) return reject('We deliver only to Mumbai (400...) and Bengaluru (560...) for now.');
		od.shipping_info = { ...(od.shipping_info || { country: 'IN', addresses: [] }), selected_address: address };
		od.order.shipping = { value: 4900, offset: 100 };
	} else {
		return reject('This shop cannot handle this request.');
	}
	od.total_amount = { value: total(od), offset: 100 };
	return { status: 200, body: { version: request.version, sub_action: request.sub_action, data: { order_details: od } } };
}

/**
 * The package's workflow: the example's endpoint, router, coupon table and shipping rule (nothing else). With
 * BENCH_E2E_CHECKOUT_ROUTER=off, no router: one Respond with the Automatic answer, holding the same coupon table
 * and shipping rule (a run then evaluates no expression of the workflow's own).
 */
function endpointWorkflow() {
	const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'india-checkout-coupons.json'), 'utf8'));
	const byName = (name) => example.nodes.find((n) => n.name === name);
	const endpoint = { ...byName('Checkout endpoint'), webhookId: ENDPOINT_WEBHOOK_ID };
	const base = { id: 'wapayBenchCkout01', name: 'bench: checkout endpoint (coupons and shipping)', settings: { executionOrder: 'v1' } };
	if (!ROUTER) {
		const shipping = byName('Shipping rule').parameters;
		const respond = { ...byName('Coupon table'), name: 'Respond', parameters: { ...byName('Coupon table').parameters, answer: 'auto', shippingCost: shipping.shippingCost, serviceablePins: shipping.serviceablePins, unserviceableMessage: shipping.unserviceableMessage } };
		return { ...base, nodes: [endpoint, respond], connections: { [endpoint.name]: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } } };
	}
	const keep = ['Checkout endpoint', 'Which request?', 'Coupon table', 'Remove the coupon', 'Shipping rule'];
	const nodes = example.nodes.filter((n) => keep.includes(n.name)).map((n) => (n.name === endpoint.name ? endpoint : n));
	const connections = Object.fromEntries(Object.entries(example.connections).filter(([from]) => keep.includes(from)));
	return { ...base, nodes, connections };
}

/**
 * The package's nodes on n8n's Webhook node: the same router and Respond nodes as endpointWorkflow(), started
 * by the Webhook node (Raw Body, Respond: Using 'Respond to Webhook' Node) and Checkout > Read Request.
 */
function webhookNodeWorkflow() {
	const { nodes, connections } = endpointWorkflow();
	const endpoint = nodes.find((n) => n.type.endsWith('.whatsAppCheckoutEndpoint'));
	const responders = nodes.filter((n) => n.parameters.operation === 'respond').map((n) => n.name);
	const rest = nodes.filter((n) => n !== endpoint);
	const webhook = { id: 'w1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '5d2c8e1f-7a3b-4c6d-9e0f-1a2b3c4d5e6f', parameters: { httpMethod: 'POST', path: WEBHOOK_NODE_PATH, responseMode: 'responseNode', options: { rawBody: true } } };
	const read = { id: 'w2', name: 'Read request', type: endpoint.type.replace('whatsAppCheckoutEndpoint', 'whatsAppPayments'), typeVersion: 1, position: [200, 0], parameters: { resource: 'checkout', operation: 'readRequest' }, credentials: endpoint.credentials };
	const done = { id: 'w3', name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [1000, 0], parameters: { respondWith: 'noData', options: {} } };
	const next = (name) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	const wired = { Webhook: next(read.name), [read.name]: connections[endpoint.name] };
	for (const [from, to] of Object.entries(connections)) if (from !== endpoint.name) wired[from] = to;
	for (const name of responders) wired[name] = next(done.name);
	return { id: 'wapayBenchCkWhN01', name: "bench: checkout endpoint on n8n's Webhook node", settings: { executionOrder: 'v1' }, nodes: [webhook, read, ...rest, done], connections: wired };
}

/** The baseline: n8n's Webhook node, the same rule in a Code node, Respond to Webhook; plain JSON both ways. */
function baselineWorkflow() {
	return {
		id: 'wapayBenchCkBase1',
		name: "bench: n8n's Webhook node, coupon and shipping rule in a Code node",
		settings: { executionOrder: 'v1' },
		connections: { Webhook: { main: [[{ node: 'Rule', type: 'main', index: 0 }]] }, Rule: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'k1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '0e6f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', parameters: { httpMethod: 'POST', path: BASELINE_PATH, responseMode: 'responseNode', options: {} } },
			{ id: 'k2', name: 'Rule', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { mode: 'runOnceForEachItem', jsCode: `${checkoutRule.toString()}\nreturn { json: checkoutRule($json.body) };` } },
			{ id: 'k3', name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [400, 0], parameters: { respondWith: 'json', responseBody: '={{ JSON.stringify($json.body) }}', options: { responseCode: '={{ $json.status }}' } } },
		],
	};
}

const ITEM = (name, quantity, amount, sale) => ({
	name,
	quantity,
	amount: { offset: 100, value: amount },
	...(sale ? { sale_amount: { offset: 100, value: sale } } : {}),
	country_of_origin: 'India',
	importer_name: 'Lucky Shrub',
	importer_address: { address_line1: 'One BKC', city: 'Mumbai', zone_code: 'MH', postal_code: '400051', country_code: 'IN' },
});

/** Buyer n's order as the client sends it: its own reference, quantities and so totals. */
function orderOf(n) {
	const aloes = 1 + (n % 3);
	const pots = n % 4;
	const subtotal = aloes * 150000 + pots * 35000;
	const tax = n % 2 ? 10000 : 0;
	return {
		reference_id: `bench-ck-${n}`,
		type: 'physical-goods',
		currency: 'INR',
		shipping_info: { country: 'IN', addresses: [] },
		order: {
			status: 'pending',
			items: [ITEM('Blue Elf Aloe', aloes, 200000, 150000), ...(pots ? [ITEM('Terracotta pot', pots, 35000)] : [])],
			subtotal: { offset: 100, value: subtotal },
			shipping: { offset: 100, value: 0 },
			tax: { offset: 100, value: tax },
		},
		total_amount: { offset: 100, value: subtotal + tax },
	};
}

const BUYERS = 8;
const CODES = ['DIWALI10', 'flat200', 'Diwali10 '];
const ADDRESSES = [
	{ name: 'Nidhi Tripathi', phone_number: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharastra', in_pin_code: '400051', house_number: '12', building_name: 'One BKC', landmark_area: 'Near BKC Circle' },
	{ name: 'Arjun Rao', phone_number: '919000090001', address: 'MG Road', city: 'Bengaluru', state: 'Karnataka', in_pin_code: '560001', house_number: '4', building_name: 'Prestige Tower', landmark_area: 'Near Trinity Metro' },
];

/** Request n of a step: buyer, action (coupon and shipping alternate) and input vary with n. */
function payloadOf(n) {
	const buyer = n % BUYERS;
	const coupon = Math.floor(n / BUYERS) % 2 === buyer % 2;
	const input = { user_id: `9190000901${String(buyer).padStart(2, '0')}` };
	if (coupon) input.coupon = { code: CODES[n % CODES.length] };
	else input.selected_address = ADDRESSES[n % ADDRESSES.length];
	return { version: '1.0', action: 'data_exchange', sub_action: coupon ? 'apply_coupon' : 'apply_shipping', data: { order_details: orderOf(buyer), input } };
}

/** What the answer must say: the total, the coupon's discount, the shipping cost. */
function summary(answer) {
	const od = answer && answer.data && answer.data.order_details;
	if (!od) return JSON.stringify(answer).slice(0, 200);
	return JSON.stringify({ total: od.total_amount, coupon: od.coupon ? [od.coupon.code, od.coupon.discount] : null, shipping: od.order && od.order.shipping, pin: od.shipping_info && od.shipping_info.selected_address ? od.shipping_info.selected_address.in_pin_code : null });
}

async function main() {
	const client = require(path.join(ROOT, 'build', 'sandbox', 'sandbox', 'checkoutClient.js'));
	const home = path.join(RUNTIME, TOPOLOGY === 'queue' ? 'bench-checkout-queue-home' : 'bench-checkout-home');
	const { n8n, sandbox } = await bringUp({ home, fresh: true, workflows: [endpointWorkflow(), webhookNodeWorkflow(), baselineWorkflow()], env: CONFIG.env, topology: TOPOLOGY });
	try {
		// The client encrypts for the business public key: the public half of the endpoint credential's key.
		const file = path.join(home, 'checkout-credential.json');
		await n8n.cli(['export:credentials', '--id=wapaySandboxCK01', '--decrypted', `--output=${file}`], { extraEnv: { N8N_RUNNERS_BROKER_PORT: String(PORTS.broker + 10) } });
		const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file);
		const publicKey = crypto.createPublicKey(crypto.createPrivateKey({ key: credential.data.privateKey, passphrase: credential.data.passphrase })).export({ type: 'spki', format: 'pem' }).toString();
		const india = sandbox.businesses.find((b) => b.phoneNumbers.some((p) => p.id === '200000000000002'));
		await measure(n8n, client, publicKey, india.appSecret);
	} finally {
		await n8n.stop();
		await sandbox.stop();
	}
}

async function measure(n8n, client, publicKey, appSecret) {
	const targets = [
		{ key: 'package', name: 'WhatsApp Checkout Endpoint -> Checkout > Respond (encrypted)', url: `${n8n.url}/webhook/${ENDPOINT_WEBHOOK_ID}/checkout`, rows: [], passedAt: null },
		{ key: 'webhook-node', name: "n8n's Webhook node -> Checkout > Read Request -> Checkout > Respond (encrypted)", url: `${n8n.url}/webhook/${WEBHOOK_NODE_PATH}`, rows: [], passedAt: null },
		{ key: 'baseline', name: "n8n's Webhook node -> Code -> Respond to Webhook (plain JSON)", url: `${n8n.url}/webhook/${BASELINE_PATH}`, rows: [], passedAt: null },
	];
	const samples = new Map();
	/** The requests of one step, made before it starts: the package's encrypted and signed by the client. */
	const prepare = (target, count) => {
		const out = [];
		for (let n = 0; n < count; n++) {
			const payload = payloadOf(n);
			const expected = checkoutRule(payload);
			if (target.key === 'baseline') {
				out.push({ body: JSON.stringify(payload), headers: { 'content-type': 'application/json' }, expected, read: (text) => JSON.parse(text) });
				continue;
			}
			const { body, aesKey, iv } = client.encrypt(payload, publicKey);
			const signature = `sha256=${crypto.createHmac('sha256', appSecret).update(body).digest('hex')}`;
			out.push({ body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, expected, read: (text) => client.decrypt(text, aesKey, iv) });
		}
		return out;
	};
	const send = async (target, r) => {
		const t0 = performance.now();
		try {
			const res = await fetch(target.url, { method: 'POST', headers: r.headers, body: r.body, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
			const text = await res.text();
			const answer = res.status === 200 || res.status === 427 ? r.read(text) : undefined;
			const ms = performance.now() - t0;
			if (res.status !== 200) {
				const said = answer && answer.error_msg ? `: ${answer.error_msg}` : text ? `: ${text.slice(0, 120)}` : '';
				const kind = `${res.status}${said}`;
				if (!samples.has(kind)) samples.set(kind, target.name);
				return { ms, outcome: String(res.status), at: performance.now() };
			}
			const right = answer !== undefined && summary(answer) === summary(r.expected.body);
			if (!right && !samples.has('wrong')) samples.set('wrong', `${target.name}: got ${summary(answer)}, expected ${summary(r.expected.body)}`);
			return { ms, outcome: right ? 'ok' : 'wrong', at: performance.now() };
		} catch (error) {
			const kind = error.name === 'TimeoutError' ? `no answer within ${CLIENT_TIMEOUT_MS / 1000} s` : `connection error ${error.cause?.code ?? error.message}`;
			if (!samples.has(kind)) samples.set(kind, target.name);
			return { ms: performance.now() - t0, outcome: kind, at: performance.now() };
		}
	};
	const step = async (target, rate, seconds) => {
		const count = Math.max(1, Math.round(rate * seconds));
		const requests = prepare(target, count);
		const t0 = performance.now();
		const pending = [];
		for (let i = 0; i < count; i++) {
			const wait = t0 + (i * 1000) / rate - performance.now();
			if (wait > 0) await sleep(wait);
			pending.push(send(target, requests[i]));
		}
		const results = await Promise.all(pending);
		const ok = results.filter((r) => r.outcome === 'ok');
		const lastAnswer = Math.max(...ok.map((r) => r.at));
		// Every request counts in the percentiles, a failed one with the time until it failed: the buyer waited that long.
		const all = results.map((r) => r.ms);
		// Each kind of failure with the median wait until it came (a 427 from the endpoint's budget, say).
		const failed = {};
		for (const r of results) if (r.outcome !== 'ok') (failed[r.outcome] ||= []).push(r.ms);
		const errors = Object.fromEntries(Object.entries(failed).map(([kind, waits]) => [`${kind} (median wait ${(pct(waits, 50) / 1000).toFixed(1)} s)`, waits.length]));
		return { rate, sent: count, ok: ok.length, achieved: ok.length ? ok.length / ((lastAnswer - t0) / 1000) : 0, p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99), errors };
	};

	const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
	console.log(`\n# Checkout endpoint in a real n8n ${n8n.tools.version}: ${TOPOLOGY === 'queue' ? 'queue mode (nginx, 2 webhook processes, 2 workers, PostgreSQL, Redis)' : 'single process, SQLite'}, ${CONFIG.name}${ROUTER ? '' : '; the endpoint workflow without its router (one Respond, Automatic)'}`);
	console.log(`\n${new Date().toISOString()}; ${os.cpus().length} CPUs (${os.cpus()[0].model}), load average before the run ${load}; Node ${process.version} for the client.`);
	console.log(`Rates ${RATES.join(', ')} requests/s, ${STEP_SECONDS} s per step, workflows alternating which goes first; ${BUYERS} buyers, apply_coupon and apply_shipping alternating; ${WARM_UP} warm-up requests to each at 5/s first.\n`);
	for (const t of targets) if (WARM_UP > 0) await step(t, 5, WARM_UP / 5);
	samples.clear();
	for (const [k, rate] of RATES.entries()) {
		// Each step starts with another workflow: 1 2 3, 2 3 1, 3 1 2...
		const order = targets.map((_, j) => targets[(j + k) % targets.length]);
		for (const t of order) {
			if (t.passedAt !== null) continue;
			const row = await step(t, rate, STEP_SECONDS);
			t.rows.push(row);
			if (row.p99 > LIMIT_MS) t.passedAt = rate;
			const errors = Object.entries(row.errors).map(([kind, n]) => `${n} x ${kind}`).join(', ') || '0';
			console.log(`  ${t.key} at ${rate}/s: ${row.ok}/${row.sent} right, p50 ${row.p50.toFixed(0)} ms, p99 ${row.p99.toFixed(0)} ms, errors ${errors}`);
			await sleep(1500);
		}
	}
	const ms = (v) => `${v.toFixed(0)} ms`;
	for (const t of targets) {
		console.log(`\n## ${t.name}\n`);
		console.log('| offered/s | sent | right answers | achieved/s | p50 | p95 | p99 | errors and non-200 |');
		console.log('|---|---|---|---|---|---|---|---|');
		for (const r of t.rows) {
			const errors = Object.entries(r.errors).map(([kind, n]) => `${n} x ${kind}`).join(', ') || '0';
			console.log(`| ${r.rate} | ${r.sent} | ${r.ok} | ${r.achieved.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${errors} |`);
		}
	}
	console.log('');
	for (const [kind, where] of samples) console.log(`First ${kind === 'wrong' ? 'wrong answer' : `"${kind}"`}: ${where}`);
	for (const t of targets) console.log(`${t.name}: p99 passes 1 s at ${t.passedAt === null ? `no rate tried (up to ${RATES[RATES.length - 1]}/s)` : `${t.passedAt}/s`}`);
	const sustained = (t) => t.rows.filter((r) => r.p99 <= LIMIT_MS && Object.keys(r.errors).length === 0).map((r) => r.rate);
	const base = targets.find((t) => t.key === 'baseline');
	const top = sustained(base);
	const best = top.length ? Math.max(...top) : null;
	for (const pkg of targets.filter((t) => t !== base)) {
		const both = sustained(pkg).filter((r) => top.includes(r));
		if (both.length) {
			const rate = Math.max(...both);
			const a = pkg.rows.find((r) => r.rate === rate);
			const b = base.rows.find((r) => r.rate === rate);
			console.log(`RATIO ${pkg.key} / baseline at ${rate}/s (the highest rate both answer with p99 under 1 s and no error): p50 ${(a.p50 / b.p50).toFixed(2)} x (${ms(a.p50)} / ${ms(b.p50)}), p99 ${(a.p99 / b.p99).toFixed(2)} x (${ms(a.p99)} / ${ms(b.p99)})`);
		} else console.log(`RATIO ${pkg.key} / baseline: no rate where both answered with p99 under 1 s and no error`);
		const atBest = best === null ? undefined : pkg.rows.find((r) => r.rate === best);
		let verdict = 'not measured (the baseline sustained no rate)';
		if (atBest) verdict = `${atBest.p99 <= LIMIT_MS && Object.keys(atBest.errors).length === 0 ? 'met' : 'not met'} (p99 ${ms(atBest.p99)})`;
		else if (best !== null) verdict = `not met (p99 passed 1 s already at ${pkg.passedAt}/s)`;
		console.log(`TARGET ${pkg.key}: p99 under 1 s at the highest rate the baseline sustains (${best === null ? 'none' : `${best}/s`}): ${verdict}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
