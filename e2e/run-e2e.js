'use strict';
/**
 * `npm run test:e2e`: brings up a real n8n with the packed package and the sandbox (fresh data), runs
 * e2e/tests with Node's test runner against them over HTTP, then stops everything.
 *
 *   npm run test:e2e                         the default n8n (e2e/lib/versions.js)
 *   npm run test:e2e -- --n8n=1.123.81       one version (or WAPAY_N8N_VERSION=1.123.81)
 *   npm run test:e2e -- --matrix             every version of the matrix, one after the other
 *   npm run test:e2e -- --matrix --quick-editor   the matrix, the every-panel editor check on the first version only
 *   npm run test:e2e:queue                   n8n in queue mode (PostgreSQL, Redis, nginx, 2 webhook
 *                                            processes, 2 workers): every suite, plus e2e/tests-queue
 *   npm run test:e2e:install                 n8n without the package, a local npm registry with it published:
 *                                            e2e/tests-install installs, updates and uninstalls it from the
 *                                            editor (with --matrix, --n8n=<version> and --queue as above)
 *
 * Every suite but the install suite puts the packed package into n8n's nodes folder itself before n8n starts
 * (n8n.js installPackage: fast, and the same files n8n's installer would unpack).
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawn } = require('child_process');

const { RUNTIME, OWNER, E2E, PORTS, log, step, elapsed } = require('./lib/env');
const { ensureN8n } = require('./lib/install');
const { bringUp } = require('./lib/bringUp');
const { MATRIX, selectedVersion } = require('./lib/versions');
const { track, exited, run, stopOnSignals } = require('./lib/proc');
const { Registry } = require('./lib/registry');

const QUEUE = process.argv.includes('--queue');
const INSTALL = process.argv.includes('--install');
const QUEUE_PORTS_JSON = () => JSON.stringify(require('./lib/queue').QUEUE_PORTS.webhooks);

/** What is running now (n8n, the sandbox, the test runner), for a stop on Ctrl-C or SIGTERM. */
const current = {};
// Ctrl-C or a kill at any moment: the test runner first, then n8n and the sandbox in order, then anything
// else still running (an install, an n8n command); the run exits with 130.
const stopping = stopOnSignals(async () => {
	if (current.tests) {
		current.tests.kill('SIGTERM');
		await exited(current.tests);
	}
	if (current.up) {
		await current.up.n8n.stop();
		await current.up.sandbox.stop();
	}
	await current.registry?.stop();
});

// Every flow and editor test first, then (queue mode) the queue-only scenarios in a second run: node's
// test runner does not keep the order of the files it is given, and the scenarios add many executions.
// WAPAY_E2E_ONLY=3-crash,queue runs only the test files whose names contain one of those words.
const only = (process.env.WAPAY_E2E_ONLY || '').split(',').map((w) => w.trim()).filter(Boolean);
// WAPAY_E2E_GREP='chaos' runs only the tests whose names match that regular expression (node --test-name-pattern).
const grep = process.env.WAPAY_E2E_GREP ? [`--test-name-pattern=${process.env.WAPAY_E2E_GREP}`] : [];
const filesIn = (dir) =>
	fs.readdirSync(path.join(E2E, dir))
		.filter((f) => f.endsWith('.test.js') && (only.length === 0 || only.some((w) => f.includes(w))))
		.sort()
		.map((f) => path.join(E2E, dir, f));
/** The test files of one folder this run runs (the install suite runs only e2e/tests-install). */
const files = (dir) => (INSTALL && dir !== 'tests-install' ? [] : filesIn(dir));

async function runSuite(version, { quickEditor = false } = {}) {
	const home = path.join(RUNTIME, `e2e${INSTALL ? '-install' : ''}${QUEUE ? '-queue' : ''}-home`);
	const t0 = Date.now();
	let registry;
	let env;
	// The editor tests drive Debian's Chromium: installed when absent, as PostgreSQL, Redis and nginx are.
	if (INSTALL || files('tests').some((f) => path.basename(f).includes('editor'))) {
		await step('checking Chromium (installed from Debian when absent)', () => run('bash', [path.join(E2E, '..', 'scripts', 'ensure-chromium.sh')], { label: 'ensure-chromium.sh' }));
	}
	if (INSTALL) {
		registry = new Registry(path.join(RUNTIME, 'registry'));
		current.registry = registry;
		await step(`starting the local npm registry (verdaccio, no uplink) on port ${PORTS.registry}`, () => registry.start());
		const tools = await ensureN8n(version);
		// n8n's npm commands go to the local registry (e2e/lib/registry.js says why through PATH).
		env = { PATH: [registry.binDir, path.dirname(tools.node), process.env.PATH].join(path.delimiter) };
	}
	const up = await bringUp({ home, fresh: true, version, topology: QUEUE ? 'queue' : 'single', unpack: !INSTALL, env, workflows: INSTALL ? installWorkflows() : undefined });
	current.up = up;
	if (INSTALL) await registry.publish(up.tarball);
	const { n8n, sandbox } = up;
	const checkedFile = path.join(RUNTIME, 'executions-checked.txt');
	fs.rmSync(checkedFile, { force: true });
	let code = 1;
	const control = await controlServer(n8n);
	const runTests = (list) =>
		new Promise((resolve) => {
			const child = track(spawn(process.execPath, ['--test', '--test-concurrency=1', ...grep, ...list], {
				stdio: 'inherit',
				env: {
					...process.env,
					WAPAY_N8N_URL: n8n.url,
					WAPAY_SANDBOX_URL: sandbox.url,
					WAPAY_N8N_HOME: home,
					WAPAY_N8N_NODE: n8n.tools.node,
					WAPAY_N8N_BIN: n8n.tools.n8n,
					WAPAY_N8N_MODULES: n8n.tools.modules,
					WAPAY_N8N_VERSION: version,
					WAPAY_N8N_EMAIL: OWNER.email,
					WAPAY_N8N_PASSWORD: OWNER.password,
					WAPAY_N8N_BROKER_PORT: String(PORTS.broker),
					WAPAY_CHECKED_FILE: checkedFile,
					WAPAY_N8N_SHARED_ENV: JSON.stringify(n8n.sharedEnv),
					WAPAY_TOPOLOGY: QUEUE ? 'queue' : 'single',
					WAPAY_E2E_QUICK_EDITOR: quickEditor ? '1' : '0',
					WAPAY_CONTROL_URL: control.url,
					...(INSTALL ? { WAPAY_REGISTRY_URL: registry.url, WAPAY_PACKAGE_TARBALL: up.tarball, WAPAY_RUNTIME: RUNTIME } : {}),
					...(QUEUE ? { WAPAY_QUEUE_CONTROL_URL: control.url, WAPAY_QUEUE_WEBHOOK_PORTS: QUEUE_PORTS_JSON() } : {}),
				},
			}));
			current.tests = child;
			child.on('close', (c) => resolve(c ?? 1));
		});
	try {
		if (INSTALL) code = await step(`installing, updating and uninstalling the package from the editor of n8n ${version}${QUEUE ? ' (queue mode)' : ''}`, () => runTests(files('tests-install')));
		else code = files('tests').length === 0 ? 0 : await step(`running the end-to-end tests in n8n ${version}${QUEUE ? ' (queue mode)' : ''}`, () => runTests(files('tests')));
		if (QUEUE && !stopping() && files('tests-queue').length > 0) {
			const queueCode = await step('running the queue-mode scenarios', () => runTests(files('tests-queue')));
			code = code || queueCode;
		}
		const ids = fs.existsSync(checkedFile) ? new Set(fs.readFileSync(checkedFile, 'utf8').split('\n').filter(Boolean)) : new Set();
		log(`n8n ${version}: executions checked by the suite: ${ids.size}`);
	} finally {
		if (control) control.server.close();
		// On Ctrl-C or SIGTERM the stop handler stops n8n and the sandbox.
		if (!stopping()) {
			if (code !== 0) log(`n8n log tail:\n${n8n.tail(60)}`);
			await n8n.stop();
			await sandbox.stop();
			await registry?.stop();
			current.up = undefined;
			current.registry = undefined;
		}
	}
	return { version, code, time: elapsed(t0) };
}

/**
 * Lets the tests restart or kill -9 one n8n process of the topology ('main' in one process; queue mode also
 * webhook-N and worker-N), restart PostgreSQL or Redis (queue mode), and read which webhook process nginx
 * sent each delivery to (loopback, for the duration of the suite).
 */
async function controlServer(n8n) {
	const server = http.createServer(async (req, res) => {
		try {
			const [, action, name] = req.url.split('/');
			let body = {};
			if (req.method === 'POST' && action === 'restart') await n8n.restartProcess(name);
			else if (req.method === 'POST' && action === 'kill') await n8n.stopProcess(name, 'SIGKILL');
			else if (req.method === 'POST' && action === 'start') await n8n.startProcess(name);
			else if (req.method === 'POST' && action === 'restart-service') await n8n.restartService(name);
			else if (req.method === 'GET' && action === 'upstreams') body = n8n.nginx.upstreams();
			else if (req.method === 'GET' && action === 'processes') body = Object.fromEntries((n8n.procs ? [...n8n.procs.keys()] : ['main']).map((k) => [k, { folder: n8n.userFolder(k), log: n8n.procs ? n8n.procs.get(k).service.logFile : n8n.logFile }]));
			else if (req.method === 'GET' && action === 'pids') body = Object.fromEntries([...n8n.procs.keys()].map((k) => [k, n8n.pid(k)]));
			else return res.writeHead(404).end();
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		} catch (error) {
			res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
		}
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** The install suite's workflow: the One-Click example, imported before the package exists, published by the test after the install. */
function installWorkflows() {
	return [JSON.parse(fs.readFileSync(path.join(E2E, '..', 'examples', 'brazil-one-click.json'), 'utf8'))];
}

async function main() {
	const versions = process.argv.includes('--matrix') ? MATRIX : [selectedVersion()];
	const results = [];
	// --quick-editor: skip the every-panel editor check (everywhere, or with --matrix on all but the first version).
	const quick = process.argv.includes('--quick-editor');
	for (const [n, version] of versions.entries()) {
		await ensureN8n(version);
		// The next version of the matrix installs (at low priority) while this one's suite runs.
		if (versions[n + 1]) ensureN8n(versions[n + 1], { background: true }).catch(() => {});
		results.push(await runSuite(version, { quickEditor: quick && (versions.length === 1 || n > 0) }));
		if (stopping()) return;
	}
	if (results.length > 1) {
		log('version matrix:');
		for (const r of results) log(`  n8n ${r.version.padEnd(9)} ${r.code === 0 ? 'passed' : 'FAILED'} (${r.time} with the bring-up)`);
	}
	process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

main().catch((error) => {
	if (stopping()) return;
	process.stderr.write(`\nnpm run test:e2e failed: ${error.stack || error.message}\n`);
	process.exit(1);
});
