/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** The control API under /_sandbox: the buyer simulator, the fake PSP, faults, and inspection for tests. */
import { buyerIndiaPayment, buyerSendPayment } from './buyer';
import { buyerCheckout, pingEndpoint } from './checkoutClient';
import { settingsOf } from './commerce';
import { buyerCart, buyerText, catalogOf, setWindow, windowOpen } from './conversation';
import { advanceConfiguration, publicConfig } from './configurations';
import { GraphError } from './errors';
import type { FaultConfig } from './faults';
import { escapeHtml, parseJson } from './http';
import { buyerPage } from './page';
import { charge, confirmPix, listCharges } from './psp';
import type { SandboxContext } from './context';
import { publicTemplate, reviewTemplate } from './templates';
import type { CheckoutFaults, Json, StoredConfiguration } from './types';

type Signature = 'valid' | 'invalid' | 'none';

interface ControlCall {
	sb: SandboxContext;
	url: URL;
	/** The JSON body, or the query parameters of a GET. */
	body: Json;
	/** What follows the route's path prefix (for `GET /orders/{reference_id}`). */
	tail: string;
	headers: Record<string, string | string[] | undefined>;
	/** Closes the connection without an answer (a PSP whose answer is lost after it charged). */
	drop: () => void;
}

type ControlHandler = (call: ControlCall) => Json | string | Promise<Json | string>;

const text = (v: unknown): string => String(v ?? '');
const optional = (v: unknown): string | undefined => (v ? String(v) : undefined);

export function snapshot(sb: SandboxContext): Json {
	const store = sb.store;
	return {
		url: sb.url,
		businesses: sb.businesses.map((b) => ({
			app_id: b.appId,
			waba_id: b.wabaId,
			name: b.name,
			phone_numbers: b.phoneNumbers,
		})),
		orders: [...store.orders.values()],
		configurations: [...store.configurations.entries()].flatMap(([waba, m]) =>
			[...m.values()].map((c) => ({ ...publicConfig(c), waba_id: waba })),
		),
		subscriptions: [...store.subscriptions.entries()].map(([appId, s]) => ({
			app_id: appId,
			...s,
			verify_token: undefined,
		})),
		subscribed_apps: Object.fromEntries(store.subscribedApps),
		charges: store.charges,
		charge_replays: store.chargeReplays,
		payment_lookups: Object.fromEntries(store.paymentLookups),
		messages_in_flight: store.messagesInFlight,
		peak_messages_in_flight: store.peakMessagesInFlight,
		psp_latency_ms: sb.pspLatencyMs,
		psp_drop_answers: sb.pspDropAnswers,
		faults: sb.faults.get(),
		psp_notify_url: sb.pspNotifyUrl ?? null,
		notifications: store.notifications,
		terms_pending: [...sb.termsPending],
		templates: store.templates.map((t) => ({ ...publicTemplate(t), waba_id: t.waba_id })),
		chat: store.chat,
		catalogs: sb.businesses.map((b) => ({ waba_id: b.wabaId, ...catalogOf(sb, b) })),
		commerce_settings: Object.fromEntries(
			sb.businesses.flatMap((b) => b.phoneNumbers.map((p) => [p.id, settingsOf(sb, p.id)])),
		),
		checkout_endpoints: [...store.configurations.values()].flatMap((m) =>
			[...m.values()]
				.filter((c) => c.data_endpoint_url)
				.map((c) => ({ configuration_name: c.configuration_name, url: c.data_endpoint_url })),
		),
		public_keys: [...store.publicKeys.keys()],
	};
}

/** `METHOD /path` -> handler. A path ending in `/` matches every path below it. */
const ROUTES: Record<string, ControlHandler> = {
	'GET /buyer': () => buyerPage(),
	'GET /state': ({ sb }) => snapshot(sb),
	'GET /orders': ({ sb, url }) => {
		const waId = url.searchParams.get('wa_id');
		return { orders: [...sb.store.orders.values()].filter((o) => !waId || o.wa_id === waId) };
	},
	'GET /orders/': ({ sb, tail }) => sb.store.getOrder(decodeURIComponent(tail)) as unknown as Json,
	'GET /deliveries': ({ sb, url }) => {
		const since = Number(url.searchParams.get('since') ?? 0);
		return { deliveries: sb.deliveries.filter((d) => d.id > since) };
	},
	'GET /message-counts': ({ sb }) => Object.fromEntries(sb.store.messageCounts),
	'POST /buyer/send-payment': ({ sb, body }) =>
		buyerSendPayment(sb, text(body.reference_id), optional(body.name)),
	'POST /buyer/india-payment': ({ sb, body }) =>
		buyerIndiaPayment(
			sb,
			text(body.reference_id),
			body.outcome === 'failed' ? 'failed' : 'captured',
			optional(body.method),
		),
	'POST /buyer/message': ({ sb, body }) => buyerText(sb, body),
	'POST /buyer/cart': ({ sb, body }) => buyerCart(sb, body),
	'POST /buyer/window': ({ sb, body }) => setWindow(sb, body),
	'GET /buyer/window': ({ sb, body }) => ({
		window_open: windowOpen(
			sb,
			text(body.phone_number_id || sb.options.phoneNumbers[0].id),
			text(body.wa_id),
		),
	}),
	'POST /templates/review': ({ sb, body }) => reviewTemplate(sb, body),
	'POST /buyer/checkout': ({ sb, body }) => buyerCheckout(sb, body),
	'POST /checkout/ping': ({ sb, body }) => pingEndpoint(sb, body),
	'POST /checkout/faults': ({ sb, body }) => {
		Object.assign(
			sb.checkoutFaults,
			{ wrong_key: false, bad_signature: false },
			body as CheckoutFaults,
		);
		return { checkout_faults: sb.checkoutFaults };
	},
	'GET /catalog': ({ sb, body }) => {
		const business = sb.businessByWaba(text(body.waba_id || sb.options.wabaId));
		if (!business) throw new GraphError(404, 100, `Unknown waba_id ${text(body.waba_id)}`);
		const catalog = catalogOf(sb, business);
		return {
			...catalog,
			by_retailer_id: Object.fromEntries(catalog.products.map((p) => [p.retailer_id, p])),
		};
	},
	'GET /oauth': ({ sb, url }) => {
		const name = text(url.searchParams.get('configuration_name'));
		advanceConfiguration(sb, name, 'Needs_Testing');
		return `<!doctype html><meta charset="utf-8"><title>Gateway linked</title><p>Payment gateway account linked for <b>${escapeHtml(name)}</b>. The configuration now needs testing.</p>`;
	},
	'POST /configurations/advance': ({ sb, body }) =>
		publicConfig(
			advanceConfiguration(
				sb,
				text(body.configuration_name),
				body.status as StoredConfiguration['status'] | undefined,
			),
		),
	'POST /psp/charge': async ({ sb, body, headers, drop }) => {
		const result = charge(sb, body, optional(headers['idempotency-key'])) as unknown as Json;
		// A slow PSP: the charge is made at once, the answer comes later (crash tests kill n8n in between).
		if (sb.pspLatencyMs > 0) await new Promise((r) => setTimeout(r, sb.pspLatencyMs));
		// A PSP that charged but whose answer never arrives (a timeout on the shop's side).
		if (sb.pspDropAnswers > 0) {
			sb.pspDropAnswers--;
			drop();
		}
		return result;
	},
	'POST /psp/latency': ({ sb, body }) => {
		sb.pspLatencyMs = Math.max(0, Number(body.ms) || 0);
		return { psp_latency_ms: sb.pspLatencyMs };
	},
	'POST /psp/drop-answers': ({ sb, body }) => {
		sb.pspDropAnswers = Math.max(0, Math.floor(Number(body.count) || 0));
		return { psp_drop_answers: sb.pspDropAnswers };
	},
	// As a PSP's charge list: filtered by reference ID, Idempotency-Key, status and time (epoch seconds).
	'GET /psp/charges': ({ sb, body }) => ({ charges: listCharges(sb, body) }),
	'POST /psp/pix-confirm': ({ sb, body }) =>
		confirmPix(sb, text(body.reference_id), optional(body.notify_url)),
	'POST /notifications': ({ sb, body }) => {
		sb.store.notifications.push({ at: sb.nowSeconds(), ...body });
		return { received: true };
	},
	'GET /notifications': ({ sb }) => ({ notifications: sb.store.notifications }),
	'POST /faults': ({ sb, body }) => {
		sb.faults.set((body.faults ?? body) as FaultConfig);
		return { faults: sb.faults.get() };
	},
	'POST /terms': ({ sb, body }) => {
		const waba = String(body.waba_id ?? sb.options.wabaId);
		if (body.pending) sb.termsPending.add(waba);
		else sb.termsPending.delete(waba);
		return { terms_pending: [...sb.termsPending] };
	},
	'POST /deliver': ({ sb, body }) => {
		const raw = typeof body.raw === 'string' ? body.raw : JSON.stringify(body.payload ?? {});
		const record = sb.deliverRaw(raw, {
			field: body.field as string | undefined,
			signature: body.signature as Signature | undefined,
			url: body.url as string | undefined,
			wabaId: body.waba_id as string | undefined,
		});
		return { delivery_id: record.id, url: record.url };
	},
	'POST /reset': ({ sb }) => {
		sb.store.reset();
		return { reset: true };
	},
};

/** Answers a /_sandbox request: JSON, or HTML for the pages. */
export async function handleControl(
	sb: SandboxContext,
	method: string,
	url: URL,
	raw: string,
	headers: ControlCall['headers'] = {},
	drop: () => void = () => undefined,
): Promise<Json | string> {
	const path = url.pathname.replace(/^\/_sandbox/, '');
	const body =
		method === 'GET' ? Object.fromEntries(url.searchParams) : parseJson(raw, 'application/json');
	const route = `${method} ${path}`;
	const exact = ROUTES[route];
	if (exact) return await exact({ sb, url, body, tail: '', headers, drop });
	const prefix = Object.keys(ROUTES).find((r) => r.endsWith('/') && route.startsWith(r));
	if (prefix) {
		return await ROUTES[prefix]({
			sb,
			url,
			body,
			tail: route.slice(prefix.length),
			headers,
			drop,
		});
	}
	throw new GraphError(404, 100, `Unknown sandbox control route ${route}`);
}
