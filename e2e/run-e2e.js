'use strict';
/**
 * `npm run test:e2e`: brings up a real n8n with the packed package and the sandbox (fresh data), runs
 * e2e/tests with Node's test runner against them over HTTP, then stops everything.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { RUNTIME, OWNER, E2E, PORTS, log, step } = require('./lib/env');
const { bringUp } = require('./lib/n8n');

async function main() {
	const home = path.join(RUNTIME, 'e2e-home');
	const up = await bringUp({ home, fresh: true });
	const { n8n, sandbox } = up;
	const checkedFile = path.join(RUNTIME, 'executions-checked.txt');
	fs.rmSync(checkedFile, { force: true });
	let code = 1;
	try {
		code = await step('running the end-to-end tests', () =>
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
		log(`n8n executions checked by the suite: ${ids.size}`);
	} finally {
		if (code !== 0) log(`n8n log tail:\n${n8n.tail(60)}`);
		await n8n.stop();
		await sandbox.stop();
	}
	process.exit(code);
}

main().catch((error) => {
	process.stderr.write(`\nnpm run test:e2e failed: ${error.stack || error.message}\n`);
	process.exit(1);
});
