'use strict';
/** Brings up what `npm run dev`, the e2e suites and the load benchmark run against: n8n (one process, or queue mode) and the sandbox. */
const fs = require('fs');
const path = require('path');

const { ROOT, PORTS, ensureDir, step } = require('./env');
const { ensureN8n } = require('./install');
const { N8n, exampleWorkflows, packPackage, startsItself, waitForActivation } = require('./n8n');
const { run } = require('./proc');
const { QueueN8n } = require('./queue');
const { selectedVersion } = require('./versions');

async function buildSandbox() {
	await step('compiling the sandbox', () => run('npm', ['run', 'build:sandbox', '--silent'], { cwd: ROOT, label: 'build:sandbox' }));
	return require(path.join(ROOT, 'build', 'sandbox', 'sandbox', 'server.js'));
}

/**
 * Everything `npm run dev` and the e2e suite need: n8n installed, the package packed and installed,
 * the sandbox running, credentials and examples imported and published, n8n started.
 *
 * `unpack: false` (the install suite) leaves the package out of n8n: the tests install it from the editor.
 * The workflows are then imported unpublished (n8n cannot publish a workflow whose nodes it does not know),
 * and in queue mode every n8n process gets a user folder of its own, as separate machines or containers
 * have, so that each one installs the package itself when the editor's process tells it to.
 *
 * `keepSandboxState: false` (the sending benchmark) keeps the sandbox's state in memory only: with tens of
 * thousands of orders, writing it to disk after every change would take the CPU the measurement needs.
 * `sandboxOptions` are passed to the sandbox as they are (the sending benchmark turns its status webhooks off).
 */
async function bringUp({ home, fresh = true, sandboxLog, workflows, env, version = selectedVersion(), topology = 'single', unpack = true, keepSandboxState = true, sandboxOptions = {} } = {}) {
	const tools = await ensureN8n(version);
	const tarball = await packPackage();
	const { Sandbox, SANDBOX_DEFAULTS } = await buildSandbox();
	if (fresh) fs.rmSync(home, { recursive: true, force: true });
	ensureDir(home);
	const n8n = topology === 'queue' ? new QueueN8n(home, tools, { ownFolders: !unpack }) : new N8n(home, tools);
	if (unpack) await step(`installing ${path.basename(tarball)} as a community package (unpacked into the nodes folder)`, () => n8n.installPackage(tarball));
	const sandbox = new Sandbox({
		port: PORTS.sandbox,
		businesses: SANDBOX_DEFAULTS.businesses,
		pspNotifyUrl: `${n8n.url}/webhook/wapay-psp-paid`,
		stateFile: keepSandboxState ? path.join(home, 'sandbox-state.json') : undefined,
		log: sandboxLog,
		...sandboxOptions,
	});
	await step(`starting the sandbox on port ${PORTS.sandbox}`, () => sandbox.start());
	try {
		return await setUp({ n8n, sandbox, home, workflows, env, topology, tarball, publish: unpack });
	} catch (error) {
		// Leave nothing running (databases, proxies, n8n processes) when bringing up fails.
		await n8n.stop().catch(() => undefined);
		await sandbox.stop().catch(() => undefined);
		throw error;
	}
}

async function setUp({ n8n, sandbox, workflows, env, topology, tarball, publish }) {
	await n8n.prepare();
	let examples = [];
	if (n8n.isFirstSetup()) {
		await step('importing the sandbox credentials', () => n8n.importCredentials(sandbox));
		const what = `${workflows ? 'the workflows' : 'the example workflows'}${publish ? ' and publishing them' : ' (unpublished)'}`;
		examples = await step(`importing ${what}`, () => n8n.importExamples(sandbox.url, workflows, { publish }));
		n8n.markSetUp();
	}
	await step(topology === 'queue' ? 'starting n8n in queue mode (nginx, main, 2 webhook processes, 2 workers)' : `starting n8n on port ${PORTS.n8n}`, () => n8n.start(env));
	const published = (workflows ?? exampleWorkflows()).map((w) => ({ ...w, published: publish && w.nodes.some(startsItself) }));
	await step('waiting for n8n to activate the published workflows', () => waitForActivation(n8n, sandbox, published));
	return { n8n, sandbox, examples, tarball };
}

module.exports = { bringUp };
