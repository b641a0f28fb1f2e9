'use strict';
/**
 * `npm run test:e2e`: brings up a real n8n with the packed package and the sandbox (fresh data), runs
 * e2e/tests with Node's test runner against them over HTTP, then stops everything.
 *
 *   npm run test:e2e                         the default n8n (e2e/lib/versions.js)
 *   npm run test:e2e -- --n8n=1.123.81       one version (or WAPAY_N8N_VERSION=1.123.81)
 *   npm run test:e2e -- --matrix             every version of the matrix, one after the other
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { RUNTIME, OWNER, E2E, PORTS, log, step, elapsed } = require('./lib/env');
const { bringUp } = require('./lib/n8n');
const { MATRIX, selectedVersion } = require('./lib/versions');

async function runSuite(version) {
	const home = path.join(RUNTIME, 'e2e-home');
	const t0 = Date.now();
	const up = await bringUp({ home, fresh: true, version });
	const { n8n, sandbox } = up;
	const checkedFile = path.join(RUNTIME, 'executions-checked.txt');
	fs.rmSync(checkedFile, { force: true });
	let code = 1;
	try {
		code = await step(`running the end-to-end tests in n8n ${version}`, () =>
			new Promise((resolve) => {
				const child = spawn(process.execPath, ['--test', '--test-concurrency=1', path.join(E2E, 'tests')], {
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
					},
				});
				child.on('close', (c) => resolve(c ?? 1));
			}),
		);
		const ids = fs.existsSync(checkedFile) ? new Set(fs.readFileSync(checkedFile, 'utf8').split('\n').filter(Boolean)) : new Set();
		log(`n8n ${version}: executions checked by the suite: ${ids.size}`);
	} finally {
		if (code !== 0) log(`n8n log tail:\n${n8n.tail(60)}`);
		await n8n.stop();
		await sandbox.stop();
	}
	return { version, code, time: elapsed(t0) };
}

async function main() {
	const versions = process.argv.includes('--matrix') ? MATRIX : [selectedVersion()];
	const results = [];
	for (const version of versions) results.push(await runSuite(version));
	if (results.length > 1) {
		log('version matrix:');
		for (const r of results) log(`  n8n ${r.version.padEnd(9)} ${r.code === 0 ? 'passed' : 'FAILED'} (${r.time}, install included)`);
	}
	process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

main().catch((error) => {
	process.stderr.write(`\nnpm run test:e2e failed: ${error.stack || error.message}\n`);
	process.exit(1);
});
