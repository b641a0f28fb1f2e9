/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The WhatsApp Payments sandbox: a local emulator of the Graph API endpoints this package uses, with
 * state, Meta's error envelope and codes, signed webhook delivery with retries, a buyer simulator, a
 * fake PSP, and fault injection. Built on Node's own http module. This file holds the server: its
 * lifecycle, HTTP plumbing, IDs and clock, and webhook emission. What it answers lives beside it:
 * graph.ts (Graph route table), configurations.ts, messages.ts, payments.ts, subscriptions.ts,
 * buyer.ts, psp.ts, control.ts (the /_sandbox API), store.ts (state), rules.ts (Meta-side rules).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { buyerIndiaPayment, buyerSendPayment } from './buyer';
import { advanceConfiguration } from './configurations';
import { handleControl, snapshot } from './control';
import { GraphError, graphErrorBody } from './errors';
import { createRandom, FaultInjector } from './faults';
import { handleGraph } from './graph';
import { readBody } from './http';
import { charge, confirmPix } from './psp';
import { SandboxStore } from './store';
import { targetFor } from './subscriptions';
import type { SandboxContext } from './context';
import { SANDBOX_DEFAULTS } from './seeds';
import type {
	Business,
	Charge,
	CheckoutFaults,
	ResolvedOptions,
	SignatureMode,
	Json,
	PhoneNumber,
	SandboxOptions,
	StoredConfiguration,
	StoredOrder,
} from './types';
import { WebhookDeliverer } from './webhooks';
import type { DeliveryRecord } from './webhooks';

export * from './types';
export { SANDBOX_DEFAULTS } from './seeds';

export class Sandbox implements SandboxContext {
	readonly options: ResolvedOptions;
	pspNotifyUrl: string | undefined;
	/** How long the fake PSP waits before answering a charge it has already made (POST /_sandbox/psp/latency). */
	pspLatencyMs = 0;
	/** How many of the next charges the fake PSP makes without answering (POST /_sandbox/psp/drop-answers). */
	pspDropAnswers = 0;
	readonly businesses: Business[];
	readonly store: SandboxStore;
	readonly faults: FaultInjector;
	readonly deliverer: WebhookDeliverer;
	/** WABAs whose Payments terms are not accepted (answer 131005 / 134011). */
	readonly termsPending: Set<string>;
	/** Faults of the WhatsApp client's calls to checkout data endpoints. */
	readonly checkoutFaults: CheckoutFaults = {};
	/** The 24-hour window rule for interactive messages (see SandboxOptions.sessionWindow). */
	readonly sessionWindow: 'open' | 'strict';
	readonly requestLog: Array<{ method: string; path: string; status: number; at: number }> = [];
	readonly log: (line: string) => void;
	readonly now: () => number;
	readonly random: () => number;
	url = '';
	private readonly stateFile: string | undefined;
	private saveTimer?: NodeJS.Timeout;
	private server?: http.Server;
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(opts: SandboxOptions = {}) {
		this.options = {
			host: opts.host ?? SANDBOX_DEFAULTS.host,
			port: opts.port ?? SANDBOX_DEFAULTS.port,
			appId: opts.appId ?? SANDBOX_DEFAULTS.appId,
			appSecret: opts.appSecret ?? SANDBOX_DEFAULTS.appSecret,
			accessTokens: opts.accessTokens ?? SANDBOX_DEFAULTS.accessTokens,
			wabaId: opts.wabaId ?? SANDBOX_DEFAULTS.wabaId,
			phoneNumbers: opts.phoneNumbers ?? SANDBOX_DEFAULTS.phoneNumbers,
			seed: opts.seed ?? SANDBOX_DEFAULTS.seed,
			webhookRetryBaseMs: opts.webhookRetryBaseMs ?? SANDBOX_DEFAULTS.webhookRetryBaseMs,
			statusDelayMs: opts.statusDelayMs ?? SANDBOX_DEFAULTS.statusDelayMs,
		};
		this.businesses = opts.businesses ?? [
			{
				appId: this.options.appId,
				appSecret: this.options.appSecret,
				wabaId: this.options.wabaId,
				name: 'WhatsApp Payments Sandbox',
				phoneNumbers: this.options.phoneNumbers,
			},
		];
		const first = this.businesses[0];
		Object.assign(this.options, {
			appId: first.appId,
			appSecret: first.appSecret,
			wabaId: first.wabaId,
			phoneNumbers: first.phoneNumbers,
		});
		this.pspNotifyUrl = opts.pspNotifyUrl;
		this.stateFile = opts.stateFile;
		this.log = opts.log ?? (() => undefined);
		this.now = opts.now ?? (() => Date.now());
		this.random = createRandom(this.options.seed ^ 0x5eed);
		this.faults = new FaultInjector(this.options.seed, opts.faults);
		this.termsPending = new Set(opts.termsPendingWabas ?? []);
		this.store = new SandboxStore(this.businesses, this.options.wabaId);
		this.sessionWindow = opts.sessionWindow ?? 'open';
		for (const waId of opts.buyersOutsideWindow ?? SANDBOX_DEFAULTS.buyersOutsideWindow)
			this.store.outsideWindow.add(waId);
		this.deliverer = new WebhookDeliverer({
			retryBaseMs: this.options.webhookRetryBaseMs,
			maxAttempts: opts.webhookMaxAttempts,
			timeoutMs: opts.webhookTimeoutMs,
			log: this.log,
		});
	}

	// State lives in the store; these are the names tests and scripts read.
	get orders(): Map<string, StoredOrder> {
		return this.store.orders;
	}
	get configurations(): Map<string, Map<string, StoredConfiguration>> {
		return this.store.configurations;
	}
	get subscriptions(): SandboxStore['subscriptions'] {
		return this.store.subscriptions;
	}
	get subscribedApps(): SandboxStore['subscribedApps'] {
		return this.store.subscribedApps;
	}
	get charges(): Charge[] {
		return this.store.charges;
	}
	get notifications(): Json[] {
		return this.store.notifications;
	}
	get messageCounts(): Map<string, number> {
		return this.store.messageCounts;
	}
	get deliveries(): DeliveryRecord[] {
		return this.deliverer.records;
	}

	// ---- lifecycle ------------------------------------------------------------------------------

	async start(): Promise<string> {
		if (this.stateFile) this.store.load(this.stateFile, this.log);
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 5000;
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(this.options.port, this.options.host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.url = `http://${this.options.host}:${address.port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		if (this.saveTimer) clearTimeout(this.saveTimer);
		if (this.stateFile) this.store.save(this.stateFile);
		this.deliverer.stop();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		if (!this.server) return;
		const server = this.server;
		this.server = undefined;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections?.();
		});
	}

	/** Resolves when no webhook delivery or scheduled status webhook is pending. */
	async idle(): Promise<void> {
		while (this.timers.size > 0) await new Promise((r) => setTimeout(r, 10));
		await this.deliverer.idle();
	}

	private saveSoon(): void {
		if (!this.stateFile || this.saveTimer) return;
		this.saveTimer = setTimeout(() => {
			this.saveTimer = undefined;
			if (this.stateFile) this.store.save(this.stateFile);
		}, 250);
	}

	// ---- lookups, clock, IDs ----------------------------------------------------------------------

	businessByWaba(wabaId: string): Business | undefined {
		return this.businesses.find((b) => b.wabaId === wabaId);
	}

	businessByPhone(phoneId: string): { business: Business; phone: PhoneNumber } | undefined {
		for (const business of this.businesses) {
			const phone = business.phoneNumbers.find((p) => p.id === phoneId);
			if (phone) return { business, phone };
		}
		return undefined;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	/** Runs fn after ms; idle() waits for it. */
	later(ms: number, fn: () => void): void {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		this.timers.add(t);
	}

	/** A new ID with this prefix; never repeats, across restarts too. */
	id(prefix: string): string {
		return `${prefix}${Math.floor(this.random() * 1e16).toString(36)}${(++this.store.seq).toString(36)}`;
	}

	// ---- HTTP -----------------------------------------------------------------------------------

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const raw = await readBody(req);
		if (method !== 'GET') this.saveSoon();
		const send = (status: number, body: unknown, contentType = 'application/json') => {
			if (res.writableEnded || res.destroyed) return;
			this.requestLog.push({ method, path: url.pathname, status, at: this.now() });
			if (this.requestLog.length > 50000) this.requestLog.splice(0, 10000);
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			res.writeHead(status, {
				'content-type': contentType,
				'content-length': Buffer.byteLength(text),
			});
			res.end(text);
		};
		try {
			if (url.pathname === '/' || url.pathname === '/_sandbox' || url.pathname === '/_sandbox/') {
				res.writeHead(302, { location: '/_sandbox/buyer' });
				res.end();
				return;
			}
			// Browsers ask for it on every page; without this the Graph emulator answered an error (a console error on the buyer page).
			if (url.pathname === '/favicon.ico') {
				res.writeHead(204);
				res.end();
				return;
			}
			if (url.pathname.startsWith('/_sandbox/')) {
				const out = await handleControl(this, method, url, raw, req.headers, () => {
					this.requestLog.push({ method, path: url.pathname, status: 0, at: this.now() });
					res.destroy();
				});
				if (typeof out === 'string') send(200, out, 'text/html; charset=utf-8');
				else send(200, out);
				return;
			}
			await handleGraph(this, method, url, raw, req, res, send);
		} catch (error) {
			if (error instanceof GraphError) send(error.http, graphErrorBody(error));
			else {
				this.log(`sandbox error: ${(error as Error).stack ?? error}`);
				send(500, graphErrorBody(new GraphError(500, 1, '(#1) An unknown error occurred')));
			}
		}
	}

	// ---- webhooks -------------------------------------------------------------------------------

	/** Builds Meta's envelope for one change and delivers it, signed. */
	emit(
		field: string,
		value: Json,
		opts: { wabaId?: string; signature?: SignatureMode; url?: string } = {},
	): DeliveryRecord {
		const wabaId = opts.wabaId ?? this.options.wabaId;
		const payload = {
			object: 'whatsapp_business_account',
			entry: [{ id: wabaId, time: this.nowSeconds(), changes: [{ value, field }] }],
		};
		return this.deliverRaw(JSON.stringify(payload), {
			field,
			wabaId,
			signature: opts.signature,
			url: opts.url,
		});
	}

	/** Delivers an arbitrary body (exact bytes) to the subscribed callback, for tests and tampering. */
	deliverRaw(
		body: string,
		opts: {
			field?: string;
			signature?: SignatureMode;
			url?: string;
			note?: string;
			wabaId?: string;
		} = {},
	): DeliveryRecord {
		const field = opts.field ?? 'messages';
		const wabaId = opts.wabaId ?? this.options.wabaId;
		const secret = this.businessByWaba(wabaId)?.appSecret ?? this.options.appSecret;
		return this.deliverer.deliver(opts.url ?? targetFor(this, field, wabaId), field, wabaId, body, {
			secret,
			signature: opts.signature,
			note: opts.note,
		});
	}

	// ---- what tests and scripts drive directly (the same functions the HTTP routes call) -----------

	getOrder(referenceId: string, wabaId?: string): StoredOrder {
		return this.store.getOrder(referenceId, wabaId);
	}
	advanceConfiguration(name: string, to?: StoredConfiguration['status']): StoredConfiguration {
		return advanceConfiguration(this, name, to);
	}
	buyerSendPayment(referenceId: string, buyerName?: string): Json {
		return buyerSendPayment(this, referenceId, buyerName);
	}
	buyerIndiaPayment(referenceId: string, outcome: 'captured' | 'failed', method?: string): Json {
		return buyerIndiaPayment(this, referenceId, outcome, method);
	}
	charge(input: Json, idempotencyKey?: string): Charge {
		return charge(this, input, idempotencyKey);
	}
	async confirmPix(referenceId: string, notifyUrl?: string): Promise<Json> {
		return await confirmPix(this, referenceId, notifyUrl);
	}
	targetFor(field: string, wabaId?: string): string | null {
		return targetFor(this, field, wabaId);
	}
	snapshot(): Json {
		return snapshot(this);
	}
}

/** Starts a sandbox on a free loopback port (for tests). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = new Sandbox({ port: 0, ...options });
	await sandbox.start();
	return sandbox;
}
