/**
 * The WhatsApp Payments sandbox: a local emulator of the Graph API endpoints this package uses, with
 * state, Meta's error envelope and codes, signed webhook delivery with retries, a buyer simulator, a
 * fake PSP, and fault injection. Built on Node's own http module. Order rules come from
 * nodes/shared (the same code the nodes validate with).
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';

import {
	normaliseStatus,
	PaymentsValidationError,
	validateConfigurationName,
	validateOrderDetailsInteractive,
	validateOrderStatusInteractive,
	CONFIG_PROVIDERS,
} from '../nodes/shared';
import type { Country, OrderStatus } from '../nodes/shared';
import { createRandom, FaultInjector } from './faults';
import { checkOrderTransition, detectCountry } from './rules';
import type { FaultConfig } from './faults';
import { buyerPage } from './page';
import { verifyCallback, WebhookDeliverer } from './webhooks';
import type { DeliveryRecord } from './webhooks';

type Json = Record<string, unknown>;

export interface PhoneNumber {
	id: string;
	display_phone_number: string;
	verified_name: string;
}

/** One Meta app with its WhatsApp Business Account and phone numbers (a Brazil shop, an India shop...). */
export interface Business {
	appId: string;
	appSecret: string;
	wabaId: string;
	name: string;
	phoneNumbers: PhoneNumber[];
}

export interface SandboxOptions {
	/** Several apps/WABAs at once; when absent, one business from appId, appSecret, wabaId and phoneNumbers. */
	businesses?: Business[];
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	appId?: string;
	appSecret?: string;
	accessTokens?: string[];
	wabaId?: string;
	phoneNumbers?: PhoneNumber[];
	seed?: number;
	/** First webhook retry delay in ms (doubles per attempt). */
	webhookRetryBaseMs?: number;
	webhookMaxAttempts?: number;
	/** Delay between the sent, delivered and read status webhooks of a message; 0 turns them off. */
	statusDelayMs?: number;
	faults?: FaultConfig;
	/** WABAs whose Payments terms are not accepted (answer 131005 / 134011). */
	termsPendingWabas?: string[];
	log?: (line: string) => void;
	/**
	 * Keeps configurations, orders, subscriptions and overrides in this file across restarts, as Meta keeps
	 * them (n8n does not re-register a published trigger when it restarts). `npm run dev` uses it.
	 */
	stateFile?: string;
	/** Where the fake PSP posts "paid" notifications for Pix, boleto and payment-link orders (the shop's webhook). */
	pspNotifyUrl?: string;
	/** Fixed clock for deterministic tests (epoch ms). */
	now?: () => number;
}

export const SANDBOX_DEFAULTS = {
	host: '127.0.0.1',
	port: 4010,
	appId: '900000000000001',
	appSecret: 'sandbox-app-secret',
	accessTokens: ['sandbox-access-token'],
	wabaId: '100000000000001',
	phoneNumbers: [
		{ id: '200000000000001', display_phone_number: '+55 11 4000-0001', verified_name: 'Loja Sandbox BR' },
		{ id: '200000000000002', display_phone_number: '+91 80 4000 0002', verified_name: 'Sandbox Store IN' },
	] as PhoneNumber[],
	/** What `npm run sandbox` and `npm run dev` serve: a Brazil shop and an India shop, each its own app and WABA. */
	businesses: [
		{
			appId: '900000000000001',
			appSecret: 'sandbox-app-secret-br',
			wabaId: '100000000000001',
			name: 'Loja Sandbox (Brazil)',
			phoneNumbers: [{ id: '200000000000001', display_phone_number: '+55 11 4000-0001', verified_name: 'Loja Sandbox BR' }],
		},
		{
			appId: '900000000000002',
			appSecret: 'sandbox-app-secret-in',
			wabaId: '100000000000002',
			name: 'Sandbox Store (India)',
			phoneNumbers: [{ id: '200000000000002', display_phone_number: '+91 80 4000 0002', verified_name: 'Sandbox Store IN' }],
		},
	] as Business[],
	seed: 1,
	webhookRetryBaseMs: 250,
	webhookMaxAttempts: 6,
	statusDelayMs: 100,
};

export interface StoredConfiguration {
	configuration_name: string;
	merchant_category_code: { code: string; description: string };
	purpose_code: { code: string; description: string };
	status: 'Active' | 'Needs_Connecting' | 'Needs_Testing';
	provider_name: string;
	provider_mid?: string;
	merchant_vpa?: string;
	redirect_url?: string;
	data_endpoint_url?: string;
	created_timestamp: number;
	updated_timestamp: number;
}

export interface OrderHistoryEntry {
	at: number;
	kind: 'order_details' | 'order_status' | 'payment_method' | 'payment' | 'refund';
	status?: string;
	payment?: string;
	message_id?: string;
	description?: string;
}

export interface StoredOrder {
	reference_id: string;
	country: Country;
	waba_id: string;
	phone_number_id: string;
	wa_id: string;
	total: number;
	currency: string;
	status: OrderStatus;
	/** Label the buyer sees: none until a payment is attempted, then pending, captured or failed. */
	payment: 'none' | 'pending' | 'captured' | 'failed';
	details: Json;
	settings: string[];
	messages: string[];
	details_count: number;
	history: OrderHistoryEntry[];
	refunds: Json[];
	transactions: Json[];
}

export interface Subscription {
	object: string;
	callback_url: string;
	verify_token: string;
	fields: string[];
	active: boolean;
}

export interface Charge {
	id: string;
	credential_id: string;
	amount: number;
	currency: string;
	reference_id?: string;
	status: 'succeeded' | 'declined';
	at: number;
}

const VERSION_PATTERN = /^v\d+(\.\d+)?$/;

class GraphError extends Error {
	constructor(
		readonly http: number,
		readonly code: number,
		message: string,
		readonly details?: string,
		readonly type = 'OAuthException',
	) {
		super(message);
	}
}

function graphErrorBody(e: GraphError): Json {
	const error: Json = { message: e.message, type: e.type, code: e.code, fbtrace_id: `sandbox-${randomBytes(6).toString('hex')}` };
	if (e.details) error.error_data = { messaging_product: 'whatsapp', details: e.details };
	return { error };
}

function validationToGraph(e: PaymentsValidationError): GraphError {
	const code = e.kind === 'missing' ? 131008 : e.kind === 'length' || e.kind === 'unknown' ? 100 : 131009;
	const title = code === 131008 ? 'Required parameter is missing' : code === 100 ? 'Invalid parameter' : 'Parameter value is not valid';
	return new GraphError(400, code, `(#${code}) ${title}`, e.message);
}

export class Sandbox {
	readonly options: Required<Omit<SandboxOptions, 'faults' | 'termsPendingWabas' | 'log' | 'now' | 'businesses' | 'pspNotifyUrl' | 'stateFile'>>;
	private readonly stateFile: string | undefined;
	private saveTimer?: NodeJS.Timeout;
	pspNotifyUrl: string | undefined;
	/** What example workflows post to /_sandbox/notifications (a stand-in for Slack or e-mail). */
	readonly notifications: Json[] = [];
	readonly businesses: Business[];
	readonly faults: FaultInjector;
	readonly deliverer: WebhookDeliverer;
	readonly configurations = new Map<string, Map<string, StoredConfiguration>>();
	readonly orders = new Map<string, StoredOrder>();
	/** App id -> its WhatsApp webhook subscription (Meta allows one callback URL per app). */
	readonly subscriptions = new Map<string, Subscription>();
	/** WABA id -> subscribed (its business's app) and optional override. */
	readonly subscribedApps = new Map<string, { override_callback_uri?: string; verify_token?: string }>();
	readonly charges: Charge[] = [];
	readonly termsPending: Set<string>;
	/** Counts of accepted messages per reference_id and type (for duplicate detection in tests). */
	readonly messageCounts = new Map<string, number>();
	readonly requestLog: Array<{ method: string; path: string; status: number; at: number }> = [];
	private server?: http.Server;
	private readonly log: (line: string) => void;
	private readonly now: () => number;
	private readonly random: () => number;
	private readonly timers = new Set<NodeJS.Timeout>();
	private messageSeq = 0;
	url = '';

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
			webhookMaxAttempts: opts.webhookMaxAttempts ?? SANDBOX_DEFAULTS.webhookMaxAttempts,
			statusDelayMs: opts.statusDelayMs ?? SANDBOX_DEFAULTS.statusDelayMs,
		};
		this.businesses = opts.businesses ?? [
			{ appId: this.options.appId, appSecret: this.options.appSecret, wabaId: this.options.wabaId, name: 'WhatsApp Payments Sandbox', phoneNumbers: this.options.phoneNumbers },
		];
		const first = this.businesses[0];
		Object.assign(this.options, { appId: first.appId, appSecret: first.appSecret, wabaId: first.wabaId, phoneNumbers: first.phoneNumbers });
		this.pspNotifyUrl = opts.pspNotifyUrl;
		this.stateFile = opts.stateFile;
		this.log = opts.log ?? (() => undefined);
		this.now = opts.now ?? (() => Date.now());
		this.random = createRandom(this.options.seed ^ 0x5eed);
		this.faults = new FaultInjector(this.options.seed, opts.faults);
		this.termsPending = new Set(opts.termsPendingWabas ?? []);
		this.deliverer = new WebhookDeliverer({
			retryBaseMs: this.options.webhookRetryBaseMs,
			maxAttempts: this.options.webhookMaxAttempts,
			log: this.log,
		});
	}

	// -----------------------------------------------------------------------------------------
	// Lifecycle
	// -----------------------------------------------------------------------------------------

	async start(): Promise<string> {
		this.loadState();
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
		this.saveState();
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

	private loadState(): void {
		if (!this.stateFile || !fs.existsSync(this.stateFile)) return;
		try {
			const state = JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as Json;
			for (const [waba, list] of Object.entries((state.configurations ?? {}) as Record<string, StoredConfiguration[]>)) {
				this.configurations.set(waba, new Map(list.map((c) => [c.configuration_name, c])));
			}
			for (const order of (state.orders ?? []) as StoredOrder[]) this.orders.set(this.orderKey(order.reference_id, order.waba_id), order);
			for (const [app, sub] of Object.entries((state.subscriptions ?? {}) as Record<string, Subscription>)) this.subscriptions.set(app, sub);
			for (const [waba, sub] of Object.entries((state.subscribedApps ?? {}) as Record<string, { override_callback_uri?: string; verify_token?: string }>)) this.subscribedApps.set(waba, sub);
			this.charges.push(...((state.charges ?? []) as Charge[]));
			this.notifications.push(...((state.notifications ?? []) as Json[]));
			// IDs (wamids, status IDs) must never repeat across restarts, as Meta's do not.
			this.messageSeq = Number(state.seq ?? 0);
			this.log(`state loaded from ${this.stateFile}: ${this.orders.size} orders, ${this.subscriptions.size} app subscriptions`);
		} catch (error) {
			this.log(`could not read ${this.stateFile} (${(error as Error).message}); starting empty`);
		}
	}

	private saveState(): void {
		if (!this.stateFile) return;
		const state = {
			configurations: Object.fromEntries([...this.configurations.entries()].map(([waba, m]) => [waba, [...m.values()]])),
			orders: [...this.orders.values()],
			subscriptions: Object.fromEntries(this.subscriptions),
			subscribedApps: Object.fromEntries(this.subscribedApps),
			charges: this.charges,
			notifications: this.notifications,
			seq: this.messageSeq,
		};
		fs.writeFileSync(this.stateFile, JSON.stringify(state));
	}

	private saveSoon(): void {
		if (!this.stateFile || this.saveTimer) return;
		this.saveTimer = setTimeout(() => {
			this.saveTimer = undefined;
			this.saveState();
		}, 250);
	}

	/** Resolves when no webhook delivery or scheduled status webhook is pending. */
	async idle(): Promise<void> {
		while (this.timers.size > 0) await new Promise((r) => setTimeout(r, 10));
		await this.deliverer.idle();
	}

	get deliveries(): DeliveryRecord[] {
		return this.deliverer.records;
	}

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

	private nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	private later(ms: number, fn: () => void): void {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		this.timers.add(t);
	}

	private id(prefix: string): string {
		return `${prefix}${Math.floor(this.random() * 1e16).toString(36)}${(++this.messageSeq).toString(36)}`;
	}

	// -----------------------------------------------------------------------------------------
	// HTTP plumbing
	// -----------------------------------------------------------------------------------------

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const raw = await readBody(req);
		if (method !== 'GET') this.saveSoon();
		const send = (status: number, body: unknown, contentType = 'application/json') => {
			if (res.writableEnded) return;
			this.requestLog.push({ method, path: url.pathname, status, at: this.now() });
			if (this.requestLog.length > 50000) this.requestLog.splice(0, 10000);
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
			res.end(text);
		};
		try {
			if (url.pathname === '/' || url.pathname === '/_sandbox' || url.pathname === '/_sandbox/') {
				res.writeHead(302, { location: '/_sandbox/buyer' });
				res.end();
				return;
			}
			if (url.pathname.startsWith('/_sandbox/')) {
				const out = await this.control(method, url, raw);
				if (typeof out === 'string') send(200, out, 'text/html; charset=utf-8');
				else send(200, out);
				return;
			}
			await this.graph(method, url, raw, req, res, send);
		} catch (error) {
			if (error instanceof GraphError) send(error.http, graphErrorBody(error));
			else {
				this.log(`sandbox error: ${(error as Error).stack ?? error}`);
				send(500, graphErrorBody(new GraphError(500, 1, '(#1) An unknown error occurred')));
			}
		}
	}

	private parseJson(raw: string, contentType: string | undefined): Json {
		if (raw.trim() === '') return {};
		if (contentType?.includes('application/x-www-form-urlencoded')) {
			const out: Json = {};
			for (const [k, v] of new URLSearchParams(raw)) {
				out[k] = /^[[{]/.test(v) ? safeJson(v) ?? v : v;
			}
			return out;
		}
		const parsed = safeJson(raw);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw new GraphError(400, 100, '(#100) Invalid parameter', 'The request body is not a valid JSON object.');
		}
		return parsed as Json;
	}

	private bearer(req: http.IncomingMessage, url: URL): string | undefined {
		const header = req.headers.authorization;
		if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
		return url.searchParams.get('access_token') ?? undefined;
	}

	private requireUserToken(token: string | undefined): void {
		if (!token) throw new GraphError(401, 190, 'An active access token must be used to query information about the current user.');
		if (!this.options.accessTokens.includes(token)) {
			throw new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
		}
	}

	private requireAppToken(token: string | undefined, app: Business): void {
		if (!token) throw new GraphError(401, 190, 'An access token is required to request this resource.');
		if (token !== `${app.appId}|${app.appSecret}`) {
			throw new GraphError(401, 190, 'Invalid OAuth access token - an app access token (app_id|app_secret) of this app is required');
		}
	}

	private async applyFaults(group: string, res: http.ServerResponse): Promise<'ok' | 'drop'> {
		const settings = this.faults.settingsFor(group);
		if (settings.latencyMs) await new Promise((r) => setTimeout(r, settings.latencyMs));
		const outcome = this.faults.draw(group);
		if (outcome === 'throttle') {
			throw new GraphError(429, 130429, '(#130429) Rate limit hit', 'Cloud API message throughput has been reached.');
		}
		if (outcome === 'error') {
			throw new GraphError(503, 131016, '(#131016) Service unavailable', 'A service is temporarily unavailable.');
		}
		if (outcome === 'drop') {
			void res;
			return 'drop';
		}
		return 'ok';
	}

	// -----------------------------------------------------------------------------------------
	// Graph API
	// -----------------------------------------------------------------------------------------

	private async graph(
		method: string,
		url: URL,
		raw: string,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		send: (status: number, body: unknown) => void,
	): Promise<void> {
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		if (parts.length < 2 || !VERSION_PATTERN.test(parts[0])) {
			throw new GraphError(400, 2500, 'Unknown path components: the path must start with a Graph API version such as /v25.0/', undefined, 'OAuthException');
		}
		const [, objectId, edge, ...rest] = parts;
		const token = this.bearer(req, url);
		const body = method === 'GET' ? {} : this.parseJson(raw, req.headers['content-type']);
		for (const [k, v] of url.searchParams) if (k !== 'access_token' && body[k] === undefined) body[k] = v;

		// App subscriptions use the app token.
		const app = this.businesses.find((b) => b.appId === objectId);
		if (app && edge === 'subscriptions') {
			this.requireAppToken(token, app);
			await this.applyFaults('subscriptions', res);
			send(200, await this.appSubscriptions(method, body, app));
			return;
		}

		this.requireUserToken(token);
		const byPhone = this.businessByPhone(objectId);
		const phone = byPhone?.phone;
		const waba = this.businessByWaba(objectId);
		const isWaba = waba !== undefined;
		if (!phone && !isWaba) {
			throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`);
		}

		if (waba) {
			if (edge === undefined && method === 'GET') {
				send(200, { id: waba.wabaId, name: waba.name, timezone_id: '1' });
				return;
			}
			if (edge === 'phone_numbers' && method === 'GET') {
				send(200, { data: waba.phoneNumbers.map((p) => ({ ...p, quality_rating: 'GREEN' })) });
				return;
			}
			if (edge === 'subscribed_apps') {
				await this.applyFaults('subscriptions', res);
				send(200, await this.wabaSubscription(method, body, waba));
				return;
			}
			if (edge === 'payment_configurations' || edge === 'payment_configuration' || edge === 'generate_payment_configuration_oauth_link') {
				if (this.termsPending.has(objectId)) {
					throw new GraphError(
						403,
						131005,
						'(#131005) Access denied',
						'WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account. Please use the following link to accept terms of service before using Business APIs: https://fb.me/sandbox-payments-terms',
					);
				}
				if ((await this.applyFaults('payment_configuration', res)) === 'drop') {
					this.configurationEndpoint(method, edge, rest, body, waba.wabaId);
					res.destroy();
					return;
				}
				send(200, this.configurationEndpoint(method, edge, rest, body, waba.wabaId));
				return;
			}
		}

		if (phone && byPhone) {
			if (edge === 'messages' && method === 'POST') {
				if (this.termsPending.has(byPhone.business.wabaId)) {
					throw new GraphError(400, 134011, '(#134011) WhatsApp Payments Terms of Service not accepted', 'WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account. Accept them here: https://fb.me/sandbox-payments-terms');
				}
				const settings = this.faults.settingsFor('messages');
				if (settings.latencyMs) await new Promise((r) => setTimeout(r, settings.latencyMs));
				const outcome = this.faults.draw('messages');
				if (outcome === 'throttle' || this.faults.overLimit(phone.id, this.now())) {
					throw new GraphError(400, 130429, '(#130429) Rate limit hit', 'Cloud API message throughput has been reached.');
				}
				if (outcome === 'error') throw new GraphError(500, 131000, '(#131000) Something went wrong', 'Something went wrong. Please retry later.');
				const result = this.sendMessage(phone, byPhone.business, body);
				if (outcome === 'drop') {
					// Accepted, but the answer is lost: the ambiguous case a client must not blindly retry.
					res.destroy();
					return;
				}
				send(200, result);
				return;
			}
			if (edge === 'payments' && method === 'GET' && rest.length === 2) {
				await this.applyFaults('payments', res);
				send(200, this.lookupPayment(byPhone.business.wabaId, rest[0], rest[1]));
				return;
			}
			if (edge === 'payments_refund' && method === 'POST') {
				await this.applyFaults('payments', res);
				send(200, this.refund(byPhone.business.wabaId, body));
				return;
			}
		}
		throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request on /${objectId}${edge ? `/${edge}` : ''}`);
	}

	// ---- payment configurations -------------------------------------------------------------

	private configs(wabaId = this.options.wabaId): Map<string, StoredConfiguration> {
		let map = this.configurations.get(wabaId);
		if (!map) {
			map = new Map();
			this.configurations.set(wabaId, map);
		}
		return map;
	}

	private checkedName(value: unknown, field = 'configuration_name'): string {
		try {
			return validateConfigurationName(value, field);
		} catch (e) {
			if (e instanceof PaymentsValidationError) throw validationToGraph(e);
			throw e;
		}
	}

	private findConfig(name: string, wabaId?: string): StoredConfiguration {
		const config = wabaId ? this.configs(wabaId).get(name) : [...this.configurations.values()].map((m) => m.get(name)).find(Boolean);
		if (!config) {
			throw new GraphError(400, 100, '(#100) Invalid parameter', `Payment configuration "${name}" does not exist for this WhatsApp Business Account.`);
		}
		return config;
	}

	private configurationEndpoint(method: string, edge: string, rest: string[], body: Json, wabaId: string): Json {
		const configs = this.configs(wabaId);
		const findConfig = (name: string) => this.findConfig(name, wabaId);
		if (edge === 'payment_configurations' && method === 'GET') {
			return { data: [{ payment_configurations: [...configs.values()].map(publicConfig) }] };
		}
		if (edge === 'payment_configuration' && method === 'GET' && rest.length === 1) {
			return { data: [publicConfig(findConfig(rest[0]))] };
		}
		if (edge === 'payment_configuration' && method === 'POST' && rest.length === 0) {
			const name = this.checkedName(body.configuration_name);
			const provider = String(body.provider_name ?? '');
			if (!body.provider_name) throw new GraphError(400, 131008, '(#131008) Required parameter is missing', 'provider_name is required.');
			if (!(CONFIG_PROVIDERS as readonly string[]).includes(provider)) {
				throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', `provider_name must be one of ${CONFIG_PROVIDERS.join(', ')}.`);
			}
			if (configs.has(name)) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', `A payment configuration named "${name}" already exists.`);
			}
			if (provider === 'upi_vpa' && !body.merchant_vpa) {
				throw new GraphError(400, 131008, '(#131008) Required parameter is missing', 'merchant_vpa is required for provider upi_vpa.');
			}
			const now = this.nowSeconds();
			const config: StoredConfiguration = {
				configuration_name: name,
				merchant_category_code: { code: String(body.merchant_category_code ?? '0000'), description: 'Sandbox MCC' },
				purpose_code: { code: String(body.purpose_code ?? '00'), description: 'Sandbox purpose code' },
				status: provider === 'upi_vpa' ? 'Active' : 'Needs_Connecting',
				provider_name: provider,
				created_timestamp: now,
				updated_timestamp: now,
			};
			if (body.merchant_vpa) config.merchant_vpa = String(body.merchant_vpa);
			if (body.redirect_url) config.redirect_url = String(body.redirect_url);
			configs.set(name, config);
			if (provider === 'upi_vpa') return { success: true };
			return { oauth_url: this.oauthUrl(name), expiration: now + 3600, success: true };
		}
		if (edge === 'payment_configuration' && method === 'POST' && rest.length === 1) {
			const config = findConfig(rest[0]);
			const endpoint = body.data_endpoint_url ?? body['data-endpoint-url'];
			if (endpoint === undefined) throw new GraphError(400, 131008, '(#131008) Required parameter is missing', 'data_endpoint_url is required.');
			if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
				throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'data_endpoint_url must be an https URL.');
			}
			config.data_endpoint_url = endpoint;
			config.updated_timestamp = this.nowSeconds();
			return { success: true };
		}
		if (edge === 'generate_payment_configuration_oauth_link' && method === 'POST') {
			const config = findConfig(this.checkedName(body.configuration_name));
			if (config.provider_name === 'upi_vpa') {
				throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'UPI VPA configurations do not use an OAuth link.');
			}
			if (body.redirect_url) config.redirect_url = String(body.redirect_url);
			return { oauth_url: this.oauthUrl(config.configuration_name), expiration: this.nowSeconds() + 3600 };
		}
		if (edge === 'payment_configuration' && method === 'DELETE') {
			const name = this.checkedName(body.configuration_name);
			findConfig(name);
			configs.delete(name);
			return { success: true };
		}
		throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request on /${edge}`);
	}

	private oauthUrl(name: string): string {
		return `${this.url}/_sandbox/oauth?configuration_name=${encodeURIComponent(name)}`;
	}

	/** Simulated gateway linking: Needs_Connecting -> Needs_Testing -> Active, one webhook per step. */
	advanceConfiguration(name: string, to?: StoredConfiguration['status']): StoredConfiguration {
		const config = this.findConfig(name);
		const wabaId = [...this.configurations.entries()].find(([, m]) => m.get(name) === config)?.[0] ?? this.options.wabaId;
		const order: Array<StoredConfiguration['status']> = ['Needs_Connecting', 'Needs_Testing', 'Active'];
		const next = to ?? order[Math.min(order.indexOf(config.status) + 1, order.length - 1)];
		if (!order.includes(next)) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', `status must be one of ${order.join(', ')}`);
		config.status = next;
		config.updated_timestamp = Math.max(config.updated_timestamp + 1, this.nowSeconds());
		if (!config.provider_mid && next !== 'Needs_Connecting') config.provider_mid = `sandbox_mid_${config.configuration_name}`;
		this.emit('payment_configuration_update', {
			configuration_name: config.configuration_name,
			provider_name: config.provider_name,
			provider_mid: config.provider_mid ?? '',
			status: next.replace('_', ' '),
			created_timestamp: config.created_timestamp,
			updated_timestamp: config.updated_timestamp,
		}, { wabaId });
		return config;
	}

	// ---- messages ----------------------------------------------------------------------------

	private sendMessage(phone: PhoneNumber, business: Business, body: Json): Json {
		if (body.messaging_product !== 'whatsapp') {
			throw new GraphError(400, 100, '(#100) Invalid parameter', 'messaging_product is required and must be "whatsapp".');
		}
		const to = String(body.to ?? '');
		if (!/^\+?\d{6,20}$/.test(to)) throw new GraphError(400, 100, '(#100) Invalid parameter', `to must be a WhatsApp phone number or ID (got "${to}").`);
		const waId = to.replace(/^\+/, '');
		if (waId === phone.display_phone_number.replace(/\D/g, '')) throw new GraphError(400, 131021, '(#131021) Recipient cannot be sender');
		if (body.type !== 'interactive') throw new GraphError(400, 131051, '(#131051) Unsupported message type', 'The sandbox accepts only interactive order_details and order_status messages.');
		const interactive = body.interactive as Json | undefined;
		const type = interactive?.type;
		const parameters = ((interactive?.action as Json | undefined)?.parameters ?? {}) as Json;
		const wamid = `wamid.${Buffer.from(this.id('SBX')).toString('base64').replace(/=+$/, '')}`;
		try {
			if (type === 'order_details') {
				const country = detectCountry(parameters);
				if (!country) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'parameters.currency must be BRL (Brazil) or INR (India).');
				const total = validateOrderDetailsInteractive(interactive, country, { now: this.nowSeconds() });
				const ref = String(parameters.reference_id);
				const key = this.orderKey(ref, business.wabaId);
				const existing = this.orders.get(key);
				if (existing && existing.status !== 'pending') {
					throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', `reference_id "${ref}" belongs to an order that is already ${existing.status}; use a new reference_id.`);
				}
				const order: StoredOrder = existing ?? {
					reference_id: ref,
					country,
					waba_id: business.wabaId,
					phone_number_id: phone.id,
					wa_id: waId,
					total,
					currency: String(parameters.currency),
					status: 'pending',
					payment: 'none',
					details: interactive as Json,
					settings: [],
					messages: [],
					details_count: 0,
					history: [],
					refunds: [],
					transactions: [],
				};
				order.details = interactive as Json;
				order.total = total;
				order.wa_id = waId;
				order.settings = ((parameters.payment_settings as Json[] | undefined) ?? []).map((s) => String(s.type));
				if (parameters.payment_configuration) order.settings.push('legacy_upi');
				order.details_count++;
				order.messages.push(wamid);
				order.history.push({ at: this.nowSeconds(), kind: 'order_details', status: 'pending', message_id: wamid });
				this.orders.set(key, order);
				this.count(`${ref}:order_details`);
			} else if (type === 'order_status') {
				const ref = String(parameters.reference_id ?? '');
				const order = ref ? this.orders.get(this.orderKey(ref, business.wabaId)) : undefined;
				const country = order?.country ?? detectCountry(parameters) ?? 'BR';
				validateOrderStatusInteractive(interactive, country);
				if (!order) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', `parameters.reference_id "${ref}" does not match any order_details message sent by this business.`);
				const orderPart = parameters.order as Json | undefined;
				const paymentPart = parameters.payment as Json | undefined;
				if (orderPart) {
					const to = normaliseStatus(orderPart.status) as OrderStatus;
					const paymentState = order.payment === 'captured' ? 'captured' : order.payment === 'pending' ? 'pending' : 'none';
					const refused = to === order.status && to !== 'pending' ? undefined : checkOrderTransition(order.status, to, paymentState);
					if (refused) {
						const title = refused.code === 2046 ? 'New order status was not correctly transitioned' : "Could not change order status to 'canceled'";
						throw new GraphError(400, refused.code, `(#${refused.code}) ${title}`, refused.reason);
					}
					order.status = to;
				}
				if (paymentPart) order.payment = paymentPart.status as StoredOrder['payment'];
				order.messages.push(wamid);
				order.history.push({
					at: this.nowSeconds(),
					kind: 'order_status',
					status: orderPart ? String(order.status) : undefined,
					payment: paymentPart ? String(paymentPart.status) : undefined,
					description: orderPart?.description as string | undefined,
					message_id: wamid,
				});
				this.count(`${ref}:order_status`);
			} else {
				throw new GraphError(400, 131051, '(#131051) Unsupported message type', 'interactive.type must be order_details or order_status in the sandbox.');
			}
		} catch (e) {
			if (e instanceof PaymentsValidationError) throw validationToGraph(e);
			throw e;
		}
		this.scheduleStatuses(phone, business, waId, wamid);
		return { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waId }], messages: [{ id: wamid }] };
	}

	private count(key: string): void {
		this.messageCounts.set(key, (this.messageCounts.get(key) ?? 0) + 1);
	}

	private orderKey(referenceId: string, wabaId: string): string {
		return `${wabaId}:${referenceId}`;
	}

	private scheduleStatuses(phone: PhoneNumber, business: Business, waId: string, wamid: string): void {
		const delay = this.options.statusDelayMs;
		if (!delay) return;
		(['sent', 'delivered', 'read'] as const).forEach((status, n) => {
			this.later(delay * (n + 1), () =>
				this.emit('messages', {
					messaging_product: 'whatsapp',
					metadata: { display_phone_number: phone.display_phone_number.replace(/\D/g, ''), phone_number_id: phone.id },
					statuses: [{ id: wamid, status, timestamp: String(this.nowSeconds()), recipient_id: waId }],
				}, { wabaId: business.wabaId }),
			);
		});
	}

	/** The order with this reference ID (in the given WABA, or the first WABA that has one). */
	getOrder(referenceId: string, wabaId?: string): StoredOrder {
		const order = wabaId ? this.orders.get(this.orderKey(referenceId, wabaId)) : this.businesses.map((b) => this.orders.get(this.orderKey(referenceId, b.wabaId))).find(Boolean);
		if (!order) throw new GraphError(404, 100, '(#100) Invalid parameter', `No order with reference_id "${referenceId}".`);
		return order;
	}

	private phoneOf(order: StoredOrder): PhoneNumber {
		return this.businessByPhone(order.phone_number_id)?.phone ?? this.options.phoneNumbers[0];
	}

	private metadata(order: StoredOrder): Json {
		const phone = this.phoneOf(order);
		return { display_phone_number: phone.display_phone_number.replace(/\D/g, ''), phone_number_id: phone.id };
	}

	// ---- buyer actions -----------------------------------------------------------------------

	/** The buyer taps "Send payment" on a One-Click order: emits the payment_method webhook. */
	buyerSendPayment(referenceId: string, buyerName = 'Sandbox Buyer'): Json {
		const order = this.getOrder(referenceId);
		const setting = ((order.details.action as Json).parameters as Json).payment_settings as Json[] | undefined;
		const card = setting?.find((s) => s.type === 'offsite_card_pay')?.offsite_card_pay as Json | undefined;
		if (!card) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'This order has no One-Click (offsite_card_pay) payment option.');
		if (order.status !== 'pending') throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', `The order is ${order.status}; it can no longer be paid.`);
		const now = this.nowSeconds();
		const messageId = `wamid.${Buffer.from(this.id('PAY')).toString('base64').replace(/=+$/, '')}`;
		order.payment = 'pending';
		order.history.push({ at: now, kind: 'payment_method', payment: 'pending', message_id: messageId });
		const value = {
			messaging_product: 'whatsapp',
			metadata: this.metadata(order),
			contacts: [{ profile: { name: buyerName }, wa_id: order.wa_id }],
			messages: [
				{
					from: order.wa_id,
					id: messageId,
					timestamp: String(now),
					from_logical_id: String(Math.floor(this.random() * 1e14)),
					type: 'interactive',
					interactive: {
						type: 'payment_method',
						payment_method: {
							payment_method: 'offsite_card_pay',
							payment_timestamp: now,
							reference_id: order.reference_id,
							last_four_digits: card.last_four_digits,
							credential_id: card.credential_id,
						},
					},
				},
			],
		};
		const record = this.emit('messages', value, { wabaId: order.waba_id });
		return { message_id: messageId, delivery_id: record.id, url: record.url };
	}

	/** India gateway: the buyer pays (captured) or the gateway fails; emits statuses[type=payment]. */
	buyerIndiaPayment(referenceId: string, outcome: 'captured' | 'failed', method = 'upi'): Json {
		const order = this.getOrder(referenceId);
		if (order.country !== 'IN') throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'Gateway payments are India orders only.');
		const params = (order.details.action as Json).parameters as Json;
		const pgSetting = ((params.payment_settings as Json[] | undefined) ?? []).find((s) => s.type === 'payment_gateway')?.payment_gateway as Json | undefined;
		if (!pgSetting) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'This order has no payment_gateway option.');
		const now = this.nowSeconds();
		const gateway = String(pgSetting.type);
		const txn: Json = {
			id: this.id('order_'),
			pg_transaction_id: this.id('pay_'),
			type: gateway,
			status: outcome === 'captured' ? 'success' : 'failed',
			created_timestamp: now,
			updated_timestamp: now,
			amount: { value: order.total, offset: 100 },
			currency: 'INR',
			method: { type: method },
		};
		if (outcome === 'failed') txn.error = { code: 'BAD_REQUEST_ERROR', reason: 'incorrect_pin' };
		order.transactions.push(txn);
		if (outcome === 'captured') order.payment = 'captured';
		order.history.push({ at: now, kind: 'payment', payment: outcome });
		const payment: Json = {
			reference_id: order.reference_id,
			amount: { value: order.total, offset: 100 },
			currency: 'INR',
			transaction: txn,
		};
		const pass = pgSetting[gateway];
		if (pass && typeof pass === 'object') Object.assign(payment, pass);
		const statusId = this.id('gBG');
		const record = this.emit('messages', {
			messaging_product: 'whatsapp',
			metadata: this.metadata(order),
			statuses: [
				{
					id: statusId,
					recipient_id: order.wa_id,
					type: 'payment',
					status: outcome === 'captured' ? 'captured' : 'pending',
					payment,
					timestamp: String(now),
				},
			],
		}, { wabaId: order.waba_id });
		return { status_id: statusId, delivery_id: record.id, transaction: txn };
	}

	private lookupPayment(wabaId: string, configurationName: string, referenceId: string): Json {
		this.findConfig(configurationName, wabaId);
		const order = this.orders.get(this.orderKey(referenceId, wabaId));
		if (!order) return { payments: [] };
		const captured = order.transactions.some((t) => t.status === 'success');
		const payment: Json = {
			reference_id: order.reference_id,
			status: captured ? 'captured' : 'pending',
			currency: 'INR',
			amount: { value: order.total, offset: 100 },
		};
		if (order.transactions.length > 0) payment.transactions = order.transactions.map((t) => ({ ...t, refunds: order.refunds }));
		return { payments: [payment] };
	}

	private refund(wabaId: string, body: Json): Json {
		const ref = String(body.reference_id ?? '');
		if (!ref) throw new GraphError(400, 131008, '(#131008) Required parameter is missing', 'reference_id is required.');
		const order = this.getOrder(ref, wabaId);
		const amount = body.amount as Json | undefined;
		const value = Number(amount?.value);
		if (!amount || !Number.isInteger(value) || value <= 0) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'amount.value must be a positive whole number of paise.');
		if (Number(amount.offset) !== 100) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'amount.offset must be 100.');
		if (!order.transactions.some((t) => t.status === 'success')) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', 'The order has no captured payment to refund.');
		const refunded = order.refunds.reduce((s, r) => s + Number((r.amount as Json).value), 0);
		if (refunded + value > order.total) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', `Refunds would exceed the captured amount (${order.total - refunded} paise left).`);
		const speed = body.speed === 'instant' ? 'instant' : 'normal';
		const refund = { id: this.id('rfnd_'), amount: { value, offset: 100 }, speed_processed: speed, status: 'success', created_timestamp: this.nowSeconds(), updated_timestamp: this.nowSeconds() };
		order.refunds.push(refund);
		order.history.push({ at: this.nowSeconds(), kind: 'refund', payment: `refunded ${value}` });
		return { id: refund.id, status: 'completed', speed_processed: speed };
	}

	// ---- webhooks and subscriptions ----------------------------------------------------------

	/** Where a change of this field goes: the WABA override for messages, otherwise the app callback. */
	targetFor(field: string, wabaId = this.options.wabaId): string | null {
		const business = this.businessByWaba(wabaId);
		const wabaSub = this.subscribedApps.get(wabaId);
		if (!wabaSub || !business) return null;
		if (field === 'messages' && wabaSub.override_callback_uri) return wabaSub.override_callback_uri;
		const app = this.subscriptions.get(business.appId);
		if (!app || !app.active || !app.fields.includes(field)) return null;
		return app.callback_url;
	}

	/** Builds Meta's envelope for one change and delivers it, signed. */
	emit(field: string, value: Json, opts: { wabaId?: string; signature?: 'valid' | 'invalid' | 'none'; url?: string } = {}): DeliveryRecord {
		const wabaId = opts.wabaId ?? this.options.wabaId;
		const payload = { object: 'whatsapp_business_account', entry: [{ id: wabaId, time: this.nowSeconds(), changes: [{ value, field }] }] };
		const body = JSON.stringify(payload);
		return this.deliverer.deliver(opts.url ?? this.targetFor(field, wabaId), field, wabaId, body, { secret: this.secretOf(wabaId), signature: opts.signature });
	}

	private secretOf(wabaId: string): string {
		return this.businessByWaba(wabaId)?.appSecret ?? this.options.appSecret;
	}

	/** Delivers an arbitrary body (exact bytes) to the subscribed callback, for tests and tampering. */
	deliverRaw(body: string, opts: { field?: string; signature?: 'valid' | 'invalid' | 'none'; url?: string; note?: string; wabaId?: string } = {}): DeliveryRecord {
		const field = opts.field ?? 'messages';
		const wabaId = opts.wabaId ?? this.options.wabaId;
		return this.deliverer.deliver(opts.url ?? this.targetFor(field, wabaId), field, wabaId, body, { secret: this.secretOf(wabaId), signature: opts.signature, note: opts.note });
	}

	private async appSubscriptions(method: string, body: Json, app: Business): Promise<Json> {
		if (method === 'GET') {
			const sub = this.subscriptions.get(app.appId);
			return {
				data: (sub ? [sub] : []).map((s) => ({
					object: s.object,
					callback_url: s.callback_url,
					active: s.active,
					fields: s.fields.map((name) => ({ name, version: 'v25.0' })),
				})),
			};
		}
		if (method === 'POST') {
			const object = String(body.object ?? '');
			if (object !== 'whatsapp_business_account') {
				throw new GraphError(400, 100, '(#100) Invalid parameter', 'object must be whatsapp_business_account.');
			}
			const callback = String(body.callback_url ?? '');
			const verifyToken = String(body.verify_token ?? '');
			if (!callback) throw new GraphError(400, 100, '(#100) Param callback_url is required');
			let fields: string[] = [];
			if (Array.isArray(body.fields)) fields = body.fields.map(String);
			else if (typeof body.fields === 'string') fields = body.fields.startsWith('[') ? (safeJson(body.fields) as string[]) ?? [] : body.fields.split(',');
			fields = fields.map((f) => f.trim()).filter(Boolean);
			if (fields.length === 0) throw new GraphError(400, 100, '(#100) Param fields is required');
			const check = await verifyCallback(callback, verifyToken);
			if (!check.ok) {
				throw new GraphError(400, 2200, `(#2200) Callback verification failed with the following errors: ${check.reason}`);
			}
			const existing = this.subscriptions.get(app.appId);
			const merged = existing && existing.callback_url === callback ? [...new Set([...existing.fields, ...fields])] : fields;
			this.subscriptions.set(app.appId, { object, callback_url: callback, verify_token: verifyToken, fields: merged, active: true });
			return { success: true };
		}
		if (method === 'DELETE') {
			const sub = this.subscriptions.get(app.appId);
			if (body.fields && sub) {
				const drop = String(body.fields).split(',').map((f) => f.trim());
				sub.fields = sub.fields.filter((f) => !drop.includes(f));
				if (sub.fields.length === 0) this.subscriptions.delete(app.appId);
			} else {
				this.subscriptions.delete(app.appId);
			}
			return { success: true };
		}
		throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request`);
	}

	private async wabaSubscription(method: string, body: Json, business: Business): Promise<Json> {
		const wabaId = business.wabaId;
		const current = this.subscribedApps.get(wabaId);
		if (method === 'GET') {
			if (!current) return { data: [] };
			const entry: Json = { whatsapp_business_api_data: { id: business.appId, link: 'https://sandbox.local/app', name: `${business.name} app` } };
			if (current.override_callback_uri) entry.override_callback_uri = current.override_callback_uri;
			return { data: [entry] };
		}
		if (method === 'POST') {
			const uri = body.override_callback_uri;
			if (uri === undefined || uri === '') {
				this.subscribedApps.set(wabaId, {});
				return { success: true };
			}
			if (!current) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', 'Before override the current callback uri, your app must be subscribed to receive messages for WhatsApp Business Account.');
			}
			if (typeof uri !== 'string' || uri.length > 200) throw new GraphError(400, 100, '(#100) Invalid parameter', 'override_callback_uri must be a URL of at most 200 characters.');
			const token = String(body.verify_token ?? '');
			if (!token) throw new GraphError(400, 100, '(#100) Invalid parameter', 'verify_token is required with override_callback_uri.');
			const check = await verifyCallback(uri, token);
			if (!check.ok) throw new GraphError(400, 2200, `(#2200) Callback verification failed with the following errors: ${check.reason}`);
			this.subscribedApps.set(wabaId, { override_callback_uri: uri, verify_token: token });
			return { success: true };
		}
		if (method === 'DELETE') {
			this.subscribedApps.delete(wabaId);
			return { success: true };
		}
		throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request`);
	}

	// ---- fake PSP ----------------------------------------------------------------------------

	/** Charges a stored card credential. Credentials starting with "decline" are declined. */
	charge(input: Json): Charge {
		const credential = String(input.credential_id ?? '');
		const amount = Number(input.amount);
		if (!credential) throw new GraphError(400, 100, 'credential_id is required');
		if (!Number.isFinite(amount) || amount <= 0) throw new GraphError(400, 100, 'amount must be a positive number (minor units)');
		const charge: Charge = {
			id: this.id('ch_'),
			credential_id: credential,
			amount,
			currency: String(input.currency ?? 'BRL'),
			reference_id: input.reference_id ? String(input.reference_id) : undefined,
			status: credential.startsWith('decline') ? 'declined' : 'succeeded',
			at: this.nowSeconds(),
		};
		this.charges.push(charge);
		return charge;
	}

	/** The PSP reports a Pix (or boleto) payment: POSTs a "paid" notification to the given URL. */
	async confirmPix(referenceId: string, notifyUrl?: string): Promise<Json> {
		const order = this.getOrder(referenceId);
		const url = notifyUrl || this.pspNotifyUrl;
		if (!url) throw new GraphError(400, 100, 'No notify_url given and the sandbox has no PSP notify URL configured (--psp-notify-url)');
		order.history.push({ at: this.nowSeconds(), kind: 'payment', payment: 'paid at PSP' });
		const body = JSON.stringify({ event: 'pix.paid', reference_id: order.reference_id, amount: order.total, currency: order.currency, wa_id: order.wa_id, paid_at: this.nowSeconds() });
		const record = this.deliverer.deliver(url, 'psp', order.waba_id, body, { secret: '', signature: 'none', note: 'fake PSP notification' });
		return { delivery_id: record.id };
	}

	// -----------------------------------------------------------------------------------------
	// Control API (buyer simulator, PSP, faults, inspection)
	// -----------------------------------------------------------------------------------------

	snapshot(): Json {
		return {
			url: this.url,
			businesses: this.businesses.map((b) => ({ app_id: b.appId, waba_id: b.wabaId, name: b.name, phone_numbers: b.phoneNumbers })),
			orders: [...this.orders.values()],
			configurations: [...this.configurations.entries()].flatMap(([waba, m]) => [...m.values()].map((c) => ({ ...publicConfig(c), waba_id: waba }))),
			subscriptions: [...this.subscriptions.entries()].map(([appId, s]) => ({ app_id: appId, ...s, verify_token: undefined })),
			subscribed_apps: Object.fromEntries(this.subscribedApps),
			charges: this.charges,
			faults: this.faults.get(),
			psp_notify_url: this.pspNotifyUrl ?? null,
			notifications: this.notifications,
			terms_pending: [...this.termsPending],
		};
	}

	private async control(method: string, url: URL, raw: string): Promise<Json | string> {
		const path = url.pathname.replace(/^\/_sandbox/, '');
		const body = method === 'GET' ? Object.fromEntries(url.searchParams) : (this.parseJson(raw, 'application/json') as Json);
		const route = `${method} ${path}`;
		if (route === 'GET /buyer') return buyerPage();
		if (route === 'GET /state') return this.snapshot();
		if (route === 'GET /orders') {
			const waId = url.searchParams.get('wa_id');
			return { orders: [...this.orders.values()].filter((o) => !waId || o.wa_id === waId) };
		}
		if (method === 'GET' && path.startsWith('/orders/')) return this.getOrder(decodeURIComponent(path.slice('/orders/'.length))) as unknown as Json;
		if (route === 'GET /deliveries') {
			const since = Number(url.searchParams.get('since') ?? 0);
			return { deliveries: this.deliveries.filter((d) => d.id > since) };
		}
		if (route === 'GET /message-counts') return Object.fromEntries(this.messageCounts);
		if (route === 'POST /buyer/send-payment') return this.buyerSendPayment(String(body.reference_id ?? ''), body.name ? String(body.name) : undefined);
		if (route === 'POST /buyer/india-payment') {
			const outcome = body.outcome === 'failed' ? 'failed' : 'captured';
			return this.buyerIndiaPayment(String(body.reference_id ?? ''), outcome, body.method ? String(body.method) : undefined);
		}
		if (route === 'GET /oauth') {
			const name = String(url.searchParams.get('configuration_name') ?? '');
			this.advanceConfiguration(name, 'Needs_Testing');
			return `<!doctype html><meta charset="utf-8"><title>Gateway linked</title><p>Payment gateway account linked for <b>${escapeHtml(name)}</b>. The configuration now needs testing.</p>`;
		}
		if (route === 'POST /configurations/advance') {
			return publicConfig(this.advanceConfiguration(String(body.configuration_name ?? ''), body.status as StoredConfiguration['status'] | undefined)) as Json;
		}
		if (route === 'POST /psp/charge') return this.charge(body) as unknown as Json;
		if (route === 'GET /psp/charges') return { charges: this.charges };
		if (route === 'POST /psp/pix-confirm') return this.confirmPix(String(body.reference_id ?? ''), body.notify_url ? String(body.notify_url) : undefined);
		if (route === 'POST /notifications') {
			this.notifications.push({ at: this.nowSeconds(), ...body });
			return { received: true };
		}
		if (route === 'GET /notifications') return { notifications: this.notifications };
		if (route === 'POST /faults') {
			this.faults.set((body.faults ?? body) as FaultConfig);
			return { faults: this.faults.get() };
		}
		if (route === 'POST /terms') {
			const waba = String(body.waba_id ?? this.options.wabaId);
			if (body.pending) this.termsPending.add(waba);
			else this.termsPending.delete(waba);
			return { terms_pending: [...this.termsPending] };
		}
		if (route === 'POST /deliver') {
			const raw = typeof body.raw === 'string' ? body.raw : JSON.stringify(body.payload ?? {});
			const record = this.deliverRaw(raw, { field: body.field as string | undefined, signature: body.signature as 'valid' | 'invalid' | 'none' | undefined, url: body.url as string | undefined, wabaId: body.waba_id as string | undefined });
			return { delivery_id: record.id, url: record.url };
		}
		if (route === 'POST /reset') {
			this.orders.clear();
			this.configurations.clear();
			this.charges.length = 0;
			this.messageCounts.clear();
			return { reset: true };
		}
		throw new GraphError(404, 100, `Unknown sandbox control route ${route}`);
	}
}

function publicConfig(c: StoredConfiguration): Json {
	const out: Json = { ...c };
	delete out.redirect_url;
	delete out.data_endpoint_url;
	return out;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Starts a sandbox on a free loopback port (for tests). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = new Sandbox({ port: 0, ...options });
	await sandbox.start();
	return sandbox;
}
