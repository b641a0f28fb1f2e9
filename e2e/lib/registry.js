'use strict';
/**
 * A local npm registry for the install suite (`npm run test:e2e:install`): verdaccio on 127.0.0.1 with no
 * uplink (it serves only what the suite publishes to it, and never asks another registry), fresh storage per
 * run. The packed package is published to it with `npm publish`, as a maintainer publishes to npm.
 *
 * n8n's installer talks to the registry only through `npm` (`npm pack`, `npm install`, `npm view`,
 * `npm outdated`). N8N_COMMUNITY_PACKAGES_REGISTRY would point it elsewhere, but n8n 1.123, 2.40 and 2.41
 * accept another registry only with an enterprise licence (`getNpmRegistry()` in n8n's
 * `modules/community-packages/community-packages.service.js` throws "feat:communityNodes:customRegistry"
 * otherwise), in every process that installs: the editor's process and, in queue mode, each worker and
 * webhook process. So n8n keeps its default registry setting and finds, first on its PATH, an `npm` that
 * sends every command to this registry: n8n passes `--registry=https://registry.npmjs.org` explicitly, which
 * the wrapper replaces, and runs `npm outdated` (the "update available" check) without one, which the
 * wrapper's npm_config_registry covers. Everything else about the install is n8n's own.
 *
 * One request bypasses npm: before running it, n8n asks the default registry over HTTPS whether the version
 * exists (`GET https://registry.npmjs.org/<name>/<version>`), and falls back to `npm view` when that fails,
 * which is what happens here (the package is not on the public registry). n8n 2.40 and 2.41 then accept
 * npm's answer; n8n 1.123 compares it with the version asked for, so its install by bare name (`latest`)
 * and its Update button fail with "Failed to check package version existence". The install suite therefore
 * installs `<name>@<version>` on n8n 1.x and does not run the update there (e2e/tests-install).
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const { PORTS, ensureDir, step } = require('./env');
const { ensureRegistryTool } = require('./install');
const { run } = require('./proc');
const { Service } = require('./services');

class Registry {
	constructor(dir, port = PORTS.registry) {
		this.dir = dir;
		this.port = port;
		this.url = `http://127.0.0.1:${port}/`;
		this.logFile = path.join(dir, 'registry.log');
		/** Folder with the `npm` wrapper, to put first on n8n's PATH. */
		this.binDir = path.join(dir, 'bin');
	}

	async start() {
		const { bin, version } = await ensureRegistryTool();
		fs.rmSync(this.dir, { recursive: true, force: true });
		ensureDir(path.join(this.dir, 'storage'));
		const config = path.join(this.dir, 'config.yaml');
		fs.writeFileSync(
			config,
			[
				`storage: ${path.join(this.dir, 'storage')}`,
				'auth:',
				'  htpasswd:',
				`    file: ${path.join(this.dir, 'htpasswd')}`,
				'    max_users: -1',
				// No uplinks: a name the suite did not publish is a 404, never a request to another registry.
				'uplinks: {}',
				'packages:',
				"  '**':",
				'    access: $all',
				'    publish: $all',
				'    unpublish: $all',
				'web:',
				'  enable: false',
				'max_body_size: 20mb',
				'log: { type: stdout, format: pretty, level: warn }',
				'',
			].join('\n'),
		);
		this.writeNpmWrapper();
		this.service = new Service(`verdaccio ${version}`, this.logFile);
		this.service.spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${this.port}`], { cwd: this.dir, env: { ...process.env, NODE_ENV: 'production' } });
		await this.service.waitUntil(async () => (await fetch(`${this.url}-/ping`)).ok, 60000);
	}

	/** The `npm` n8n finds first on its PATH: the real npm, every command sent to this registry, its own cache. */
	writeNpmWrapper() {
		const realNpm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8', env: process.env }).stdout.trim();
		if (!realNpm) throw new Error('npm is not on PATH');
		ensureDir(this.binDir);
		const wrapper = path.join(this.binDir, 'npm');
		fs.writeFileSync(
			wrapper,
			[
				'#!/bin/sh',
				'# Written by e2e/lib/registry.js: n8n\'s npm commands go to the test registry (see there why).',
				`export npm_config_registry='${this.url}'`,
				// A cache of its own, fresh each run: no package metadata from an earlier run hides the update.
				`export npm_config_cache='${path.join(this.dir, 'npm-cache')}'`,
				'export npm_config_update_notifier=false',
				'for a do',
				'  shift',
				`  case "$a" in --registry=*) a='--registry=${this.url}' ;; esac`,
				'  set -- "$@" "$a"',
				'done',
				`exec '${realNpm}' "$@"`,
				'',
			].join('\n'),
			{ mode: 0o755 },
		);
	}

	async publish(tarball) {
		await step(`publishing ${path.basename(tarball)} to the local registry`, () => publish(this.url, tarball));
	}

	/** The versions the registry has of a package, and its `latest`. */
	async versions(name) {
		const res = await fetch(`${this.url}${encodeURIComponent(name)}`);
		if (!res.ok) return { versions: [], latest: undefined };
		const doc = await res.json();
		return { versions: Object.keys(doc.versions || {}), latest: doc['dist-tags']?.latest };
	}

	async stop() {
		await this.service?.stop('SIGTERM', 10000);
	}
}

/**
 * `npm publish` of a tarball to the registry at `url`, as a maintainer publishes (provenance exists only in
 * CI, so it is off here; verdaccio takes any token for its anonymous publishing).
 */
async function publish(url, tarball) {
	const host = url.replace(/^http:/, '');
	await run('npm', ['publish', path.resolve(tarball), `--registry=${url}`, `--${host}:_authToken=e2e`, '--provenance=false', '--ignore-scripts', '--tag=latest'], {
		cwd: path.dirname(path.resolve(tarball)),
		label: 'npm publish',
		heartbeat: 0,
	});
}

/** A copy of a packed tarball with another version in its package.json (the "new release" of the update test). */
async function reversion(tarball, version, outDir) {
	const work = path.join(outDir, `reversion-${version}`);
	fs.rmSync(work, { recursive: true, force: true });
	ensureDir(work);
	await run('tar', ['-xzf', tarball, '-C', work], { heartbeat: 0 });
	const pkgFile = path.join(work, 'package', 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	pkg.version = version;
	fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
	const out = path.join(outDir, `${pkg.name}-${version}.tgz`);
	await run('tar', ['-czf', out, '-C', work, 'package'], { heartbeat: 0 });
	fs.rmSync(work, { recursive: true, force: true });
	return out;
}

/** The next patch version (0.1.0 -> 0.1.1). */
function nextPatch(version) {
	const [major, minor, patch] = version.split('-')[0].split('.').map(Number);
	return `${major}.${minor}.${patch + 1}`;
}

module.exports = { Registry, publish, reversion, nextPatch };
