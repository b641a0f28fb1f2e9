'use strict';
/**
 * n8n in queue mode, the way a merchant scales it, all on loopback:
 *
 *   Meta / buyers ──> nginx :5688 ──/webhook/*──> n8n webhook #1 :5691 ─┐
 *                        │          (round robin) n8n webhook #2 :5692 ─┤──> Redis (Bull queue) ──> n8n worker #1, #2
 *                        └──── everything else ──> n8n main :5690 ──────┘        │                    │
 *                              (editor, REST, test webhooks, activation)  PostgreSQL (workflows, executions, static data)
 *
 * The main process activates workflows (so it registers the triggers with Meta) but serves no production
 * webhook (N8N_DISABLE_PRODUCTION_MAIN_PROCESS); the webhook processes run the trigger's webhook() and
 * put executions on the queue; the workers run them. Every process shares the n8n home (community
 * package, encryption key) and the database.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { PORTS, log, step } = require('./env');
const { N8n, n8nEnv } = require('./n8n');
const { Service, Postgres, Redis, Nginx, ensureInstalled } = require('./services');

function port(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

const BASE = port('WAPAY_QUEUE_PORT_BASE', 5690);
const QUEUE_PORTS = {
	main: BASE,
	webhooks: [BASE + 1, BASE + 2],
	workerHealth: [BASE + 3, BASE + 4],
	workerBrokers: [BASE + 5, BASE + 6],
	postgres: BASE + 7,
	redis: BASE + 8,
};

/** Worker concurrency (n8n's default is 10). */
const WORKER_CONCURRENCY = 10;

class QueueN8n extends N8n {
	/** `ownFolders`: each webhook process and worker gets its own n8n user folder (home/processes/<name>), nodes folder included. */
	constructor(home, tools, { ownFolders = false } = {}) {
		super(home, tools);
		this.ownFolders = ownFolders;
		this.topology = 'queue';
		const dir = path.join(home, 'services');
		this.postgres = new Postgres(path.join(dir, 'postgres'), QUEUE_PORTS.postgres);
		this.redis = new Redis(path.join(dir, 'redis'), QUEUE_PORTS.redis);
		this.nginx = new Nginx(path.join(dir, 'nginx'), { port: PORTS.n8n, mainPort: QUEUE_PORTS.main, webhookPorts: QUEUE_PORTS.webhooks });
		this.logFile = path.join(home, 'n8n-main.log');
		/** name -> { service, kind, port } for main, webhook-1, webhook-2, worker-1, worker-2. */
		this.procs = new Map();
		this.startEnv = {};
	}

	/** Installs (when absent) and starts PostgreSQL and Redis; every n8n command after this uses them. */
	async prepare() {
		await step('checking PostgreSQL, Redis and nginx (installed from Debian when absent)', () => ensureInstalled());
		await step(`starting PostgreSQL on ${QUEUE_PORTS.postgres} and Redis on ${QUEUE_PORTS.redis}`, async () => {
			await Promise.all([this.postgres.start(), this.redis.start()]);
		});
		const keyFile = path.join(this.home, 'encryption-key');
		if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
		this.sharedEnv = {
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: fs.readFileSync(keyFile, 'utf8').trim(),
			...this.postgres.env(),
			...this.redis.env(),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// n8n pings its database every 2 s through the same pool its requests use; a ping that waits more
			// than 5 s for a connection marks the database down, and the process answers every request 503
			// "Database is not ready!" until a ping succeeds. With n8n's default pool of 2, 16 concurrent
			// payments did that to the webhook processes (165 answers in one run). 10 per process: 50 in all.
			DB_POSTGRESDB_POOL_SIZE: '10',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			// A crashed worker's job is noticed after 15 s instead of n8n's 60 s (the crash test waits for it).
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		};
	}

	isFirstSetup() {
		return !fs.existsSync(path.join(this.home, 'queue-imported'));
	}

	markSetUp() {
		fs.writeFileSync(path.join(this.home, 'queue-imported'), new Date().toISOString());
	}

	/** One n8n process of the topology: `n8n start` (main), `n8n webhook` or `n8n worker`. */
	async startProcess(name) {
		const [kind, n] = name.split('-');
		const index = Number(n || 1) - 1;
		const logFile = path.join(this.home, `n8n-${name}.log`);
		// A process started again (crash tests) appends to its log, so what it did before the kill stays readable.
		if (fs.existsSync(logFile)) fs.appendFileSync(logFile, `\n--- n8n ${name} started again ${new Date().toISOString()} ---\n`);
		else fs.writeFileSync(logFile, '');
		const service = new Service(`n8n ${name}`, logFile);
		let args;
		let env;
		let readyUrl;
		if (kind === 'main') {
			args = ['start'];
			env = { N8N_PORT: String(QUEUE_PORTS.main), N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' };
			readyUrl = `http://127.0.0.1:${QUEUE_PORTS.main}/healthz/readiness`;
		} else if (kind === 'webhook') {
			args = ['webhook'];
			env = { N8N_PORT: String(QUEUE_PORTS.webhooks[index]), N8N_RUNNERS_BROKER_PORT: String(QUEUE_PORTS.webhooks[index] + 100) };
			readyUrl = `http://127.0.0.1:${QUEUE_PORTS.webhooks[index]}/healthz/readiness`;
		} else {
			args = ['worker', `--concurrency=${WORKER_CONCURRENCY}`];
			env = {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(QUEUE_PORTS.workerHealth[index]),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(QUEUE_PORTS.workerBrokers[index]),
			};
			readyUrl = `http://127.0.0.1:${QUEUE_PORTS.workerHealth[index]}/healthz/readiness`;
		}
		if (this.ownFolders && kind !== 'main') env.N8N_USER_FOLDER = this.userFolder(name);
		service.spawn(this.tools.node, [this.tools.n8n, ...args], { cwd: this.home, env: n8nEnv(this.home, this.tools, { ...this.sharedEnv, ...this.startEnv, ...env }) });
		const port = Number(env.N8N_PORT || env.QUEUE_HEALTH_CHECK_PORT);
		this.procs.set(name, { service, kind, port });
		await service.waitUntil(async () => {
			const res = await fetch(readyUrl);
			if (!res.ok) return false;
			return kind !== 'main' || /Editor is now accessible/.test(fs.readFileSync(logFile, 'utf8'));
		}, 180000);
		return service;
	}

	async start(extraEnv = {}) {
		this.startEnv = extraEnv;
		await this.nginx.start();
		// Webhook processes and workers first: when the main process activates the workflows, the triggers
		// register with Meta, and Meta's verification request must find a webhook process listening.
		await step(`two n8n webhook processes (${QUEUE_PORTS.webhooks.join(', ')}) and two workers`, () =>
			Promise.all(['webhook-1', 'webhook-2', 'worker-1', 'worker-2'].map((name) => this.startProcess(name))),
		);
		await step(`n8n main process on ${QUEUE_PORTS.main}`, () => this.startProcess('main'));
		this.process = this.procs.get('main').service.child;
		await this.ensureOwner();
		log(`queue mode up: nginx ${this.url} -> webhooks ${QUEUE_PORTS.webhooks.join(', ')} | main ${QUEUE_PORTS.main}; workers x2 (concurrency ${WORKER_CONCURRENCY}); PostgreSQL ${QUEUE_PORTS.postgres}; Redis ${QUEUE_PORTS.redis}`);
	}

	/** Stops one n8n process (SIGKILL with `kill`), for the restart and crash tests. */
	async stopProcess(name, signal = 'SIGTERM') {
		const proc = this.procs.get(name);
		if (!proc) return;
		await proc.service.stop(signal, 20000);
	}

	async restartProcess(name) {
		await this.stopProcess(name);
		await this.startProcess(name);
	}

	/** Restarts PostgreSQL or Redis under the running n8n processes (the crash tests). */
	async restartService(name) {
		const service = { postgres: this.postgres, redis: this.redis }[name];
		if (!service) throw new Error(`no service ${name}`);
		await service.stop();
		await service.start();
	}

	/** The n8n user folder of one process (its nodes folder is <folder>/.n8n/nodes). */
	userFolder(name) {
		if (!this.ownFolders || name === 'main') return this.home;
		const dir = path.join(this.home, 'processes', name);
		fs.mkdirSync(dir, { recursive: true });
		return dir;
	}

	pid(name) {
		return this.procs.get(name)?.service.child?.pid;
	}

	tail(lines = 30) {
		return [...this.procs.entries()].map(([name, p]) => `--- n8n ${name}\n${p.service.tail(lines)}`).join('\n');
	}

	async stop() {
		await this.nginx.stop();
		const order = ['webhook-1', 'webhook-2', 'worker-1', 'worker-2', 'main'];
		await Promise.all(order.slice(0, 4).map((name) => this.stopProcess(name)));
		await this.stopProcess('main');
		this.process = undefined;
		await this.redis.stop();
		await this.postgres.stop();
	}

	/** Every process's log, concatenated (for scanning errors). */
	logs() {
		return [...this.procs.values()].map((p) => fs.readFileSync(p.service.logFile, 'utf8')).join('\n');
	}
}

module.exports = { QueueN8n, QUEUE_PORTS, WORKER_CONCURRENCY };
