'use strict';
const crypto = require('node:crypto');
/** Real n8n, headless on 127.0.0.1, with this package installed from its packed tarball. */
const fs = require('fs');
const path = require('path');

const { ROOT, RUNTIME, PORTS, OWNER, ensureDir, step } = require('./env');
const { major } = require('./versions');
const { run } = require('./proc');
const { Service } = require('./services');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const EXAMPLES = path.join(ROOT, 'examples');
const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4010';

/** Settings for an offline, loopback-only n8n: every outward feature off (telemetry, templates, banners, AI, version checks), the owner from the environment, community packages on. */
function n8nEnv(home, tools, extra = {}) {
	const bcrypt = require(path.join(tools.modules, 'bcryptjs'));
	const base = `http://127.0.0.1:${PORTS.n8n}`;
	return {
		...process.env,
		// n8n starts its JavaScript task runner as `node` from PATH: this n8n's own Node comes first, so the
		// runner runs on the same Node as n8n (not on whichever Node the machine has).
		PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: home,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(PORTS.n8n),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${base}/`,
		N8N_WEBHOOK_URL: `${base}/`,
		N8N_RUNNERS_BROKER_PORT: String(PORTS.broker),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
		NODE_OPTIONS: '--max-old-space-size=4096',
		...extra,
	};
}

class N8n {
	constructor(home, tools) {
		this.home = home;
		this.tools = tools;
		this.url = `http://127.0.0.1:${PORTS.n8n}`;
		this.logFile = path.join(home, 'n8n.log');
		this.process = undefined;
		/** Settings every n8n process and command of this instance gets (queue mode: database, Redis, key). */
		this.sharedEnv = {};
	}

	cli(args, { extraEnv = {}, ...options } = {}) {
		return run(this.tools.node, [this.tools.n8n, ...args], { cwd: this.home, env: n8nEnv(this.home, this.tools, { ...this.sharedEnv, ...extraEnv }), label: `n8n ${args[0]}`, ...options });
	}

	/** Installs the packed tarball the way n8n's community package installer does. */
	async installPackage(tarball) {
		const nodesDir = ensureDir(path.join(this.home, '.n8n', 'nodes'));
		const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		ensureDir(target);
		await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { heartbeat: 0 });
		const pkgFile = path.join(target, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
		const manifest = path.join(nodesDir, 'package.json');
		const nodesPkg = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
		nodesPkg.dependencies = { ...(nodesPkg.dependencies || {}), [PACKAGE_NAME]: pkg.version };
		fs.writeFileSync(manifest, JSON.stringify(nodesPkg, null, 2));
		return target;
	}

	/** Credentials for the sandbox's businesses, by the ids the examples reference. */
	async importCredentials(sandbox) {
		const [br, inb, brShop, inShop] = sandbox.businesses;
		const data = (b) => ({
			accessToken: sandbox.options.accessTokens[0],
			businessAccountId: b.wabaId,
			appId: b.appId,
			appSecret: b.appSecret,
			graphApiVersion: 'v25.0',
			baseUrl: sandbox.url,
		});
		// The checkout endpoint's key pair, made here for this n8n home (a merchant makes theirs with openssl).
		const passphrase = crypto.randomBytes(12).toString('hex');
		const { privateKey } = crypto.generateKeyPairSync('rsa', {
			modulusLength: 2048,
			publicKeyEncoding: { type: 'spki', format: 'pem' },
			privateKeyEncoding: { type: 'pkcs1', format: 'pem', cipher: 'des-ede3-cbc', passphrase },
		});
		const creds = [
			{ id: 'wapaySandboxBR01', name: 'WhatsApp Payments (sandbox Brazil)', type: 'whatsAppPaymentsApi', data: data(br) },
			{ id: 'wapaySandboxIN01', name: 'WhatsApp Payments (sandbox India)', type: 'whatsAppPaymentsApi', data: data(inb) },
			{ id: 'wapaySandboxBR02', name: 'WhatsApp Payments (sandbox Brazil shop)', type: 'whatsAppPaymentsApi', data: data(brShop) },
			{ id: 'wapaySandboxIN02', name: 'WhatsApp Payments (sandbox India shop)', type: 'whatsAppPaymentsApi', data: data(inShop) },
			{ id: 'wapaySandboxCK01', name: 'WhatsApp Checkout (sandbox India)', type: 'whatsAppCheckoutEndpointApi', data: { privateKey, passphrase } },
			// The AI shop assistant example's model: the key (and an OpenAI-compatible server's URL) from the
			// environment when set, else a credential the user completes in the editor.
			{ id: 'wapayOpenAIkey01', name: 'OpenAI account (add your API key)', type: 'openAiApi', data: openAiCredential() },
		];
		const file = path.join(this.home, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(creds));
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	/**
	 * Imports every example (sandbox URL adjusted to the running sandbox), or the given workflows, in one
	 * `import:workflow` call (a file holding them all: each n8n command spends seconds starting), and publishes
	 * the ones with triggers (unless `publish: false`), one command each: n8n 2.x publishes by id only.
	 */
	async importExamples(sandboxUrl, workflows, { publish = true } = {}) {
		const dir = ensureDir(path.join(this.home, 'examples'));
		const sources = workflows
			? workflows.map((w, n) => ({ file: `custom-${n}.json`, text: JSON.stringify(w) }))
			: fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, text: fs.readFileSync(path.join(EXAMPLES, file), 'utf8') }));
		const imported = sources.map(({ file, text: original }) => {
			const workflow = JSON.parse(original.split(DEFAULT_SANDBOX_URL).join(sandboxUrl));
			// The crash tests' baseline: every payment trigger answers Meta at once, as trigger 1.1 did.
			if (process.env.WAPAY_CRASH_BASELINE === '1') {
				for (const node of workflow.nodes.filter((n) => n.type.endsWith('.whatsAppPaymentsTrigger'))) node.parameters.respond = 'onReceived';
			}
			return { workflow, file };
		});
		const all = path.join(dir, 'all-workflows.json');
		fs.writeFileSync(all, JSON.stringify(imported.map((i) => i.workflow)));
		await this.cli(['import:workflow', `--input=${all}`]);
		const result = [];
		for (const { workflow, file } of imported) {
			const published = publish && workflow.nodes.some(startsItself);
			if (published) await this.publish(workflow.id);
			result.push({ id: workflow.id, name: workflow.name, file, published, nodes: workflow.nodes });
		}
		return result;
	}

	/** Publishes (2.x) or activates (1.x) a workflow, so its triggers register and its webhooks listen. */
	async publish(id) {
		if (major(this.tools.version) >= 2) await this.cli(['publish:workflow', `--id=${id}`]);
		else await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/**
	 * n8n 2.x creates the owner from N8N_INSTANCE_OWNER_* at start-up; 1.x has no such settings, so the
	 * owner is set up the way the editor's first page does it.
	 */
	async ensureOwner() {
		if (major(this.tools.version) >= 2) return;
		const login = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (login.ok) return;
		const res = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: OWNER.email, firstName: OWNER.firstName, lastName: OWNER.lastName, password: OWNER.password }),
		});
		if (!res.ok) throw new Error(`owner set-up in n8n ${this.tools.version} failed: ${res.status} ${await res.text()}`);
	}

	async start(extraEnv = {}) {
		this.startEnv = extraEnv;
		fs.writeFileSync(this.logFile, '');
		this.service = new Service('n8n', this.logFile);
		this.process = this.service.spawn(this.tools.node, [this.tools.n8n, 'start'], { cwd: this.home, env: n8nEnv(this.home, this.tools, { ...this.sharedEnv, ...extraEnv }) });
		await this.service.waitUntil(async () => {
			const res = await fetch(`${this.url}/healthz/readiness`);
			return res.ok && /Editor is now accessible/.test(fs.readFileSync(this.logFile, 'utf8'));
		}, 180000);
		await this.ensureOwner();
	}

	tail(lines = 30) {
		return (this.service ?? new Service('n8n', this.logFile)).tail(lines);
	}

	async stop() {
		await this.service?.stop('SIGTERM', 20000);
		this.process = undefined;
	}

	/** The crash tests stop and start processes by name; one process here, named as queue mode's main. */
	async stopProcess(name, signal = 'SIGTERM') {
		if (name !== 'main') throw new Error(`n8n runs as one process here; there is no ${name}`);
		await this.service?.stop(signal, 20000);
	}

	async startProcess(name) {
		if (name !== 'main') throw new Error(`n8n runs as one process here; there is no ${name}`);
		await this.start(this.startEnv);
	}

	async restartProcess(name) {
		await this.stopProcess(name);
		await this.startProcess(name);
	}

	/** The n8n user folder (one process here). */
	userFolder() {
		return this.home;
	}

	/** Nothing to start before the first n8n command with SQLite (queue mode starts its database here). */
	async prepare() {}

	isFirstSetup() {
		return !fs.existsSync(path.join(this.home, '.n8n', 'database.sqlite'));
	}

	markSetUp() {}

	/** Every process's log (one process here). */
	logs() {
		return fs.readFileSync(this.logFile, 'utf8');
	}

	/** Logs in as the owner (REST session cookie) for reading executions. */
	async login() {
		const res = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!res.ok) throw new Error(`n8n login failed: ${res.status} ${await res.text()}`);
		this.cookie = (res.headers.get('set-cookie') || '').split(';')[0];
		return this.cookie;
	}

	async rest(pathname) {
		if (!this.cookie) await this.login();
		const res = await fetch(`${this.url}/rest${pathname}`, { headers: { cookie: this.cookie } });
		if (!res.ok) throw new Error(`GET /rest${pathname} -> ${res.status} ${await res.text()}`);
		return (await res.json()).data;
	}
}

/** The OpenAI credential's fields: OPENAI_API_KEY and OPENAI_BASE_URL when set (never printed). */
function openAiCredential() {
	return { apiKey: process.env.OPENAI_API_KEY || 'add-your-api-key', url: process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1', header: false };
}

/** A node that starts its workflow by itself (so the workflow is published): triggers, n8n's Webhook node, and the checkout endpoint (a trigger not named "...Trigger"). */
function startsItself(node) {
	return /Trigger$|\.webhook$|\.whatsAppCheckoutEndpoint$/.test(node.type) && !['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.errorTrigger'].includes(node.type);
}

function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')));
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/**
 * Whether n8n has registered a production webhook for `method` on `path`, asked without starting an
 * execution. A bare OPTIONS proves nothing: n8n answers any OPTIONS without an Origin header with 204,
 * registered path or not (seen in 2.40.7). With an Origin header (a CORS preflight) n8n first looks the path
 * up in its table of registered webhooks, the table it serves webhooks from, and lists the methods found in
 * Access-Control-Allow-Methods: just "OPTIONS" until the workflow's activation has registered the path, then
 * "OPTIONS, POST" (n8n 1.123.81, 2.40.7, 2.41.1). No Access-Control-Request-Method is sent: with one, n8n also
 * looks the webhook up by method and logs a stack trace for every probe of an unregistered path. Only the
 * header naming `method` counts, so a change in n8n's answer makes the wait fail rather than pass early.
 */
async function webhookRegistered(baseUrl, path, method = 'GET') {
	const res = await fetch(`${baseUrl}/webhook/${path}`, { method: 'OPTIONS', headers: { origin: baseUrl } }).catch(() => undefined);
	if (!res || res.status >= 300) return false;
	const allowed = (res.headers.get('access-control-allow-methods') || '').split(',').map((m) => m.trim().toUpperCase());
	return allowed.includes(method.toUpperCase());
}

/**
 * Waits, on conditions rather than fixed sleeps, until n8n has activated the published workflows: each
 * WhatsApp Payments Trigger (App Subscription or WABA Override) is registered with the sandbox under its
 * own webhook ID, and each Webhook node's production path is registered (webhookRegistered).
 * n8n reports itself ready before activation has finished.
 */
async function waitForActivation(n8n, sandbox, workflows, timeoutMs = 120000) {
	const pending = [];
	for (const workflow of workflows.filter((w) => w.published)) {
		for (const node of workflow.nodes) {
			if (/whatsAppPaymentsTrigger$/.test(node.type) && node.parameters?.registration !== 'manual') {
				pending.push({ what: `${workflow.name} > ${node.name} registered with the sandbox`, ready: async () => JSON.stringify(sandbox.snapshot()).includes(`/webhook/${node.webhookId}/webhook`) });
			}
			if (/whatsAppCheckoutEndpoint$/.test(node.type)) {
				pending.push({ what: `${workflow.name} > ${node.name} linked as the data endpoint`, ready: async () => (sandbox.snapshot().checkout_endpoints || []).some((e) => e.url.includes(`/webhook/${node.webhookId}/checkout`)) });
			}
			if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger' && node.parameters?.public) {
				pending.push({ what: `${workflow.name} > ${node.name} listening`, ready: () => webhookRegistered(n8n.url, `${node.webhookId}/chat`, 'POST') });
			}
			if (node.type === 'n8n-nodes-base.webhook') {
				const method = node.parameters.httpMethod ?? 'GET';
				pending.push({ what: `${workflow.name} > ${node.name} listening`, ready: () => webhookRegistered(n8n.url, node.parameters.path, method) });
			}
		}
	}
	const deadline = Date.now() + timeoutMs;
	while (pending.length > 0) {
		for (let n = pending.length - 1; n >= 0; n--) if (await pending[n].ready()) pending.splice(n, 1);
		if (pending.length === 0) break;
		if (Date.now() > deadline) throw new Error(`n8n did not activate in ${timeoutMs / 1000}s: ${pending.map((p) => p.what).join('; ')}`);
		await sleep(200);
	}
}

/** Builds the package and packs it (the tarball users install). */
async function packPackage() {
	const out = ensureDir(path.join(RUNTIME, 'pack'));
	for (const f of fs.readdirSync(out)) fs.rmSync(path.join(out, f));
	await step('building the package (tsc + icons)', () => run('npm', ['run', 'build', '--silent'], { cwd: ROOT, label: 'npm run build' }));
	const text = await step('packing it (npm pack)', () => run('npm', ['pack', '--silent', `--pack-destination=${out}`], { cwd: ROOT, label: 'npm pack' }));
	const name = text.trim().split('\n').pop();
	return path.join(out, name);
}

module.exports = { N8n, packPackage, n8nEnv, exampleWorkflows, startsItself, waitForActivation, webhookRegistered, PACKAGE_NAME, sleep };
