'use strict';
/**
 * The servers n8n's queue mode needs, each run on loopback with its own data folder under the n8n home:
 * PostgreSQL (database), Redis (job queue) and nginx (reverse proxy: `/webhook/` to the webhook
 * processes, everything else to the main process). Debian's packages, installed when absent by
 * scripts/ensure-queue-services.sh. Nothing here touches the system's own instances.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const { ROOT, ensureDir } = require('./env');
const { run, track } = require('./proc');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

async function ensureInstalled() {
	await run('bash', [path.join(ROOT, 'scripts', 'ensure-queue-services.sh')], { label: 'ensure-queue-services.sh', quiet: false });
}

function postgresBin() {
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
	if (versions.length === 0) throw new Error('PostgreSQL is not installed (run scripts/ensure-queue-services.sh)');
	versions.sort((a, b) => Number(a) - Number(b));
	return path.join(base, versions[versions.length - 1], 'bin');
}

/** A long-running server process: output to a log file, stopped on Ctrl-C or SIGTERM, killed when this script exits (e2e/lib/proc.js). */
class Service {
	constructor(name, logFile, stopSignal = 'SIGTERM') {
		this.name = name;
		this.logFile = logFile;
		this.stopSignal = stopSignal;
		this.child = undefined;
	}

	spawn(command, args, options = {}) {
		const out = fs.openSync(this.logFile, 'a');
		this.child = track(spawn(command, args, { stdio: ['ignore', out, out], ...options }), this.stopSignal);
		fs.closeSync(out);
		const child = this.child;
		this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
		return child;
	}

	async waitUntil(ready, timeoutMs = 60000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const state = await Promise.race([this.exited.then((code) => ({ code })), sleep(200).then(() => null)]);
			if (state) throw new Error(`${this.name} exited with ${state.code} while starting; log:\n${this.tail()}`);
			if (await ready().catch(() => false)) return;
		}
		throw new Error(`${this.name} did not become ready within ${timeoutMs / 1000}s; log:\n${this.tail()}`);
	}

	tail(lines = 30) {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '';
		}
	}

	async stop(signal = this.stopSignal, graceMs = 15000) {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		child.kill(signal);
		// The grace timer is cleared once the process has exited, so it keeps nothing waiting after a stop.
		let timer;
		const done = await Promise.race([this.exited.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), graceMs)))]);
		clearTimeout(timer);
		if (!done) {
			child.kill('SIGKILL');
			await this.exited;
		}
	}
}

/** PostgreSQL: a cluster of its own (initdb on first use), password authentication, database `n8n`. */
class Postgres extends Service {
	constructor(dir, port) {
		// SIGINT is PostgreSQL's "fast" shutdown: running sessions are ended, data is consistent.
		super('PostgreSQL', path.join(dir, 'postgres.log'), 'SIGINT');
		this.dir = dir;
		this.data = path.join(dir, 'data');
		this.port = port;
		this.user = 'n8n';
		this.database = 'n8n';
		this.passwordFile = path.join(dir, 'password');
	}

	/** Runs a PostgreSQL program as the `postgres` system user when this script runs as root (PostgreSQL refuses root). */
	asOwner(program, args) {
		const bin = path.join(postgresBin(), program);
		return isRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] } : { command: bin, args };
	}

	/** The server itself is spawned directly (not through runuser), so stopping or killing it reaches PostgreSQL. */
	owner() {
		if (!isRoot) return {};
		const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
		return { uid: id('-u'), gid: id('-g') };
	}

	async start() {
		ensureDir(this.dir);
		fs.writeFileSync(this.logFile, '');
		if (isRoot) execFileSync('chown', ['-R', 'postgres', this.dir]);
		if (!fs.existsSync(path.join(this.data, 'PG_VERSION'))) {
			if (!fs.existsSync(this.passwordFile)) fs.writeFileSync(this.passwordFile, crypto.randomBytes(12).toString('hex'), { mode: 0o600 });
			const pwfile = path.join(this.dir, 'pwfile');
			fs.copyFileSync(this.passwordFile, pwfile);
			if (isRoot) execFileSync('chown', ['postgres', pwfile]);
			const init = this.asOwner('initdb', ['-D', this.data, '-U', this.user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
			await run(init.command, init.args, { label: 'initdb' });
			fs.rmSync(pwfile);
		}
		this.password = fs.readFileSync(this.passwordFile, 'utf8').trim();
		const args = ['-D', this.data, '-p', String(this.port), '-h', '127.0.0.1', '-k', this.dir, '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off'];
		this.spawn(path.join(postgresBin(), 'postgres'), args, this.owner());
		await this.waitUntil(async () => /ready to accept connections/.test(fs.readFileSync(this.logFile, 'utf8')));
		const psql = (sql) => {
			const p = this.asOwner('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '-d', 'postgres', '-tAc', sql]);
			return run(p.command, p.args, { env: { ...process.env, PGPASSWORD: this.password }, label: 'psql' });
		};
		if (!(await psql(`SELECT 1 FROM pg_database WHERE datname = '${this.database}'`)).includes('1')) await psql(`CREATE DATABASE ${this.database}`);
	}

	env() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: this.password,
		};
	}
}

/** Redis without persistence (n8n's queue holds jobs only while they are waiting or running). */
class Redis extends Service {
	constructor(dir, port) {
		super('Redis', path.join(dir, 'redis.log'));
		this.dir = dir;
		this.port = port;
	}

	async start() {
		ensureDir(this.dir);
		fs.writeFileSync(this.logFile, '');
		this.spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--daemonize', 'no']);
		await this.waitUntil(async () => /Ready to accept connections/.test(fs.readFileSync(this.logFile, 'utf8')));
	}

	env() {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}
}

/** nginx in front of n8n: `/webhook/` and `/webhook-waiting/` round-robin to the webhook processes, the rest to main. */
class Nginx extends Service {
	constructor(dir, { port, mainPort, webhookPorts }) {
		super('nginx', path.join(dir, 'nginx.log'));
		this.dir = dir;
		this.port = port;
		this.mainPort = mainPort;
		this.webhookPorts = webhookPorts;
		this.accessLog = path.join(dir, 'access.log');
	}

	config() {
		const tmp = path.join(this.dir, 'tmp');
		return `# Written by e2e/lib/services.js for n8n queue mode on loopback.
daemon off;
master_process off;
pid ${this.dir}/nginx.pid;
error_log ${this.logFile} warn;
events { worker_connections 2048; }
http {
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  log_format upstream '$remote_addr [$time_local] "$request" $status $upstream_addr $upstream_status $request_time';
  access_log ${this.accessLog} upstream;
  client_max_body_size 16m;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream n8n_webhooks {
${this.webhookPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    # max_fails=0: one slow answer (a timed-out request) must not take a webhook process out for 10 s, which
    # with nginx's default (max_fails=1) answered every request 502 "no live upstreams" (seen under load). A
    # process that is down still fails the connect, and nginx then tries the other one.
    keepalive 32;
    # Shorter than Node's 5 s keep-alive in n8n: otherwise n8n closes an idle connection just as nginx sends a
    # request on it, and that request gets 502 (seen under load before this line).
    keepalive_timeout 2s;
  }
  upstream n8n_main {
    server 127.0.0.1:${this.mainPort};
  }
  server {
    listen 127.0.0.1:${this.port};
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_read_timeout 300s;
    # Production webhooks go to the webhook processes. A POST that reached one is never re-sent to the
    # other (nginx retries only requests that were not sent); Meta retries what fails.
    location ~ ^/(webhook|webhook-waiting)/ {
      proxy_pass http://n8n_webhooks;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
    location / {
      proxy_pass http://n8n_main;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
    }
  }
}
`;
	}

	async start() {
		ensureDir(this.dir);
		const tmp = ensureDir(path.join(this.dir, 'tmp'));
		if (isRoot) fs.chmodSync(tmp, 0o777);
		fs.writeFileSync(this.logFile, '');
		fs.writeFileSync(this.accessLog, '');
		const conf = path.join(this.dir, 'nginx.conf');
		fs.writeFileSync(conf, this.config());
		const bin = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
		this.spawn(bin, ['-p', this.dir, '-c', conf, '-e', this.logFile]);
		await this.waitUntil(async () => {
			const res = await fetch(`http://127.0.0.1:${this.port}/nginx-probe`).catch(() => null);
			return res !== null;
		});
	}

	/** Which webhook process answered each proxied webhook request, from the access log. */
	upstreams() {
		const counts = {};
		for (const line of fs.readFileSync(this.accessLog, 'utf8').split('\n')) {
			const m = / "POST \/webhook\/\S+ [^"]+" (\d+) (127\.0\.0\.1:\d+)/.exec(line);
			if (m) counts[m[2]] = (counts[m[2]] || 0) + 1;
		}
		return counts;
	}
}

module.exports = { Service, Postgres, Redis, Nginx, ensureInstalled };
