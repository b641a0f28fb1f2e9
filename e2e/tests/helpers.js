'use strict';
const { execFile } = require('node:child_process');
/** HTTP helpers for the end-to-end tests: n8n and the sandbox are reached only over loopback HTTP. */
const N8N = process.env.WAPAY_N8N_URL;
const SANDBOX = process.env.WAPAY_SANDBOX_URL;
if (!N8N || !SANDBOX) throw new Error('Run the end-to-end tests with `npm run test:e2e` (it starts n8n and the sandbox).');

const BR = { app: '900000000000001', waba: '100000000000001', phone: '200000000000001' };
const IN = { app: '900000000000002', waba: '100000000000002', phone: '200000000000002' };
/** The shop-loop examples' shops (their own apps, WABAs and numbers). */
const BR_SHOP = { app: '900000000000003', waba: '100000000000003', phone: '200000000000003' };
const IN_SHOP = { app: '900000000000004', waba: '100000000000004', phone: '200000000000004' };

async function json(method, url, body) {
	const res = await fetch(url, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: res.status, body: parsed };
}

const sandbox = {
	state: async () => (await json('GET', `${SANDBOX}/_sandbox/state`)).body,
	order: async (ref) => (await json('GET', `${SANDBOX}/_sandbox/orders/${encodeURIComponent(ref)}`)).body,
	post: async (path, body) => json('POST', `${SANDBOX}/_sandbox${path}`, body),
	deliveries: async (since = 0) => (await json('GET', `${SANDBOX}/_sandbox/deliveries?since=${since}`)).body.deliveries,
};

let cookie;
/** GET /rest<pathname> as the owner; its `data`. */
async function n8nRest(pathname) {
	return n8nRequest('GET', pathname);
}

/** A request to n8n's REST API as the owner (the editor's own API); its `data`. */
async function n8nRequest(method, pathname, body, retried = false) {
	if (!cookie) {
		const res = await fetch(`${N8N}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: process.env.WAPAY_N8N_EMAIL, password: process.env.WAPAY_N8N_PASSWORD }),
		});
		if (!res.ok) throw new Error(`n8n login failed: ${res.status}`);
		cookie = (res.headers.get('set-cookie') || '').split(';')[0];
	}
	const res = await fetch(`${N8N}/rest${pathname}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	// A restarted main process (queue-mode tests) may not know the session any more: log in again once.
	if (res.status === 401 && !retried) {
		cookie = undefined;
		return n8nRequest(method, pathname, body, true);
	}
	if (!res.ok) throw new Error(`${method} /rest${pathname}: ${res.status} ${await res.text()}`);
	return (await res.json()).data;
}

/** Finished executions of a workflow, newest first. */
async function executions(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = await n8nRest(`/executions?filter=${filter}&limit=100`);
	return (data.results || data).filter((e) => e.status !== 'running' && e.status !== 'new');
}

async function waitFor(what, check, timeoutMs = 20000) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await check();
		if (last) return last;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Waits until a workflow has at least `count` successful finished executions and returns them. n8n saves an
 * execution after its last node has answered, so what the sandbox saw can be ahead of what n8n has recorded.
 */
async function successfulRuns(workflowId, count, timeoutMs) {
	return waitFor(`${count} successful executions of workflow ${workflowId}`, async () => {
		const list = (await executions(workflowId)).filter((e) => e.status === 'success');
		return list.length >= count ? list : null;
	}, timeoutMs);
}

/** `n8n execute --id=...`: runs a workflow's manual trigger in a separate n8n process, as a user can. */
function n8nExecute(id) {
	const home = process.env.WAPAY_N8N_HOME;
	const { n8nEnv } = require('../lib/n8n');
	// Queue mode: the same database, Redis and encryption key as the running processes.
	const shared = JSON.parse(process.env.WAPAY_N8N_SHARED_ENV || '{}');
	const env = n8nEnv(home, { modules: process.env.WAPAY_N8N_MODULES, node: process.env.WAPAY_N8N_NODE }, { ...shared, N8N_RUNNERS_BROKER_PORT: String(Number(process.env.WAPAY_N8N_BROKER_PORT || 5689) + 10) });
	return new Promise((resolve, reject) => {
		execFile(process.env.WAPAY_N8N_NODE, [process.env.WAPAY_N8N_BIN, 'execute', `--id=${id}`, '--rawOutput'], { cwd: home, env, maxBuffer: 50 * 1024 * 1024, timeout: 180000 }, (error, stdout, stderr) => {
			if (!error) return resolve(stdout);
			// n8n 2.40.7 sometimes exits non-zero after printing a finished, successful run (seen in CI: the run was
			// stored as success). The run is what the tests are about: it counts when n8n printed it as a success;
			// the exit is reported. Anything else fails.
			const run = finishedRun(stdout);
			if (run && run.status === 'success' && run.finished === true) {
				process.stdout.write(`# n8n execute --id=${id}: the run finished with success, then n8n exited with ${error.code ?? error.signal}\n`);
				return resolve(stdout);
			}
			reject(new Error(`n8n execute --id=${id} exited with ${error.code ?? error.signal}: ${error.message}\n${stdout}\n${stderr}`));
		});
	});
}

/** The run `n8n execute --rawOutput` printed (the JSON after its log lines), or null. */
function finishedRun(stdout) {
	const start = stdout.search(/^\{/m);
	if (start < 0) return null;
	try {
		return JSON.parse(stdout.slice(start));
	} catch {
		return null;
	}
}
/** The shop's request that starts a Brazil One-Click order in the example (a stored card, one cake). */
function oneClickOrder(ref) {
	return {
		wa_id: '5511999990001',
		reference_id: ref,
		card: { last_four: '4242', credential_id: 'card_abc' },
		item: { name: 'Bolo', sku: 'cake-1', price: '49.90', quantity: 1 },
	};
}

/** Counts every execution the tests look at, for the closing summary. */
const fs = require('fs');
const checked = new Set();
function noteChecked(list) {
	for (const e of list) checked.add(e.id);
	if (process.env.WAPAY_CHECKED_FILE) fs.appendFileSync(process.env.WAPAY_CHECKED_FILE, list.map((e) => `${e.workflowId}:${e.id}\n`).join(''));
	return checked.size;
}

module.exports = { N8N, SANDBOX, BR, IN, BR_SHOP, IN_SHOP, json, sandbox, n8nRest, n8nRequest, executions, successfulRuns, waitFor, noteChecked, checked, n8nExecute, oneClickOrder };
