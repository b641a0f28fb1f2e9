/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The Graph API side of the sandbox: version check, authentication (user token, or the app token for
 * app subscriptions), fault injection, and the route table of the Graph endpoints this package uses.
 */
import type * as http from 'http';

import { businessEncryption } from './checkoutClient';
import {
	catalogOwner,
	catalogProductsEndpoint,
	commerceSettingsEndpoint,
	productCatalogs,
} from './commerce';
import { configurationEndpoint } from './configurations';
import { GraphError, metaError } from './errors';
import { parseJson } from './http';
import { catalogOf } from './conversation';
import { sendMessage } from './messages';
import { lookupPayment, refund } from './payments';
import type { SandboxContext } from './context';
import { appSubscriptions, wabaSubscription } from './subscriptions';
import { messageTemplates } from './templates';
import type { Business, Json, PhoneNumber } from './types';

const VERSION_PATTERN = /^v\d+(\.\d+)?$/;
const TERMS_LINK = 'https://fb.me/sandbox-payments-terms';

type Send = (status: number, body: unknown) => void;

/** One Graph request, resolved: the object it names (an app, a WABA or a phone number) and its edge. */
interface GraphCall {
	sb: SandboxContext;
	method: string;
	objectId: string;
	edge: string | undefined;
	rest: string[];
	body: Json;
	/** The query parameters and the raw body, for endpoints that take their input as query parameters. */
	query: URLSearchParams;
	raw: string;
	res: http.ServerResponse;
	send: Send;
	/** The business that owns the object. */
	business: Business;
	/** Set when the object is a phone number. */
	phone?: PhoneNumber;
}

interface GraphRoute {
	/** What the path's object must be. */
	object: 'app' | 'waba' | 'phone' | 'catalog';
	/** Edges this route answers (undefined: the object itself). */
	edges: Array<string | undefined>;
	/** Methods it answers; all when absent. */
	methods?: string[];
	/** Path segments after the edge. */
	restLength?: number;
	handle(call: GraphCall): Promise<void>;
}

function bearer(req: http.IncomingMessage, url: URL): string | undefined {
	const header = req.headers.authorization;
	if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
		return header.replace(/^Bearer\s+/i, '').trim();
	}
	return url.searchParams.get('access_token') ?? undefined;
}

function requireUserToken(sb: SandboxContext, token: string | undefined): void {
	if (!token) {
		throw new GraphError(
			401,
			190,
			'An active access token must be used to query information about the current user.',
		);
	}
	if (!sb.options.accessTokens.includes(token)) {
		throw new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
	}
}

function requireAppToken(token: string | undefined, app: Business): void {
	if (!token)
		throw new GraphError(401, 190, 'An access token is required to request this resource.');
	if (token !== `${app.appId}|${app.appSecret}`) {
		throw new GraphError(
			401,
			190,
			'Invalid OAuth access token - an app access token (app_id|app_secret) of this app is required',
		);
	}
}

/** Latency, then the drawn outcome of the fault group: throttled, a server error, a dropped answer, or ok. */
async function applyFaults(
	sb: SandboxContext,
	group: string,
	statuses = { throttle: 429, error: 503 },
): Promise<'ok' | 'drop'> {
	const settings = sb.faults.settingsFor(group);
	const delay =
		(settings.latencyMs ?? 0) +
		(settings.jitterMs ? Math.floor(sb.random() * settings.jitterMs) : 0);
	if (delay) await new Promise((r) => setTimeout(r, delay));
	const outcome = sb.faults.draw(group);
	if (outcome === 'throttle') {
		throw metaError(130429, 'Cloud API message throughput has been reached.', statuses.throttle);
	}
	if (outcome === 'error') {
		throw metaError(131016, 'A service is temporarily unavailable.', statuses.error);
	}
	return outcome === 'drop' ? 'drop' : 'ok';
}

function requireTerms(sb: SandboxContext, wabaId: string, code: 131005 | 134011): void {
	if (!sb.termsPending.has(wabaId)) return;
	throw metaError(
		code,
		`WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account. Please use the following link to accept terms of service before using Business APIs: ${TERMS_LINK}`,
		code === 131005 ? 403 : 400,
	);
}

const ROUTES: GraphRoute[] = [
	{
		object: 'app',
		edges: ['subscriptions'],
		async handle({ sb, method, body, business, send }) {
			await applyFaults(sb, 'subscriptions');
			send(200, await appSubscriptions(sb, method, body, business));
		},
	},
	{
		object: 'waba',
		edges: [undefined],
		methods: ['GET'],
		async handle({ business, send }) {
			send(200, { id: business.wabaId, name: business.name, timezone_id: '1' });
		},
	},
	{
		object: 'waba',
		edges: ['phone_numbers'],
		methods: ['GET'],
		async handle({ business, send }) {
			send(200, { data: business.phoneNumbers.map((p) => ({ ...p, quality_rating: 'GREEN' })) });
		},
	},
	{
		object: 'waba',
		edges: ['subscribed_apps'],
		async handle({ sb, method, body, business, send }) {
			await applyFaults(sb, 'subscriptions');
			send(200, await wabaSubscription(sb, method, body, business));
		},
	},
	{
		object: 'waba',
		edges: [
			'payment_configurations',
			'payment_configuration',
			'generate_payment_configuration_oauth_link',
		],
		async handle({ sb, method, edge, rest, body, business, res, send }) {
			requireTerms(sb, business.wabaId, 131005);
			const outcome = await applyFaults(sb, 'payment_configuration');
			const answer = configurationEndpoint(sb, method, edge as string, rest, body, business.wabaId);
			if (outcome === 'drop') res.destroy();
			else send(200, answer);
		},
	},
	{
		object: 'waba',
		edges: ['message_templates'],
		methods: ['GET', 'POST', 'DELETE'],
		async handle({ sb, method, body, business, send }) {
			await applyFaults(sb, 'message_templates');
			send(200, messageTemplates(sb, method, body, business));
		},
	},
	{
		object: 'phone',
		edges: ['messages'],
		methods: ['POST'],
		async handle({ sb, body, business, phone, res, send }) {
			requireTerms(sb, business.wabaId, 134011);
			const store = sb.store;
			store.peakMessagesInFlight = Math.max(store.peakMessagesInFlight, ++store.messagesInFlight);
			try {
				// Meta counts a message against the number's throughput when it arrives; the answer then takes the
				// configured time. Counting it when the answer is due would count on a timer, and a busy process fires
				// many of those at once.
				const outcome = sb.faults.draw('messages');
				const refused = outcome === 'throttle' || sb.faults.overLimit(phone!.id, sb.now());
				const settings = sb.faults.settingsFor('messages');
				if (settings.latencyMs) await new Promise((r) => setTimeout(r, settings.latencyMs));
				if (refused) {
					throw metaError(130429, 'Cloud API message throughput has been reached.');
				}
				if (outcome === 'error')
					throw metaError(131000, 'Something went wrong. Please retry later.', 500);
				const result = sendMessage(sb, phone!, business, body);
				// A dropped answer: accepted, but the answer is lost, the ambiguous case a client must not blindly retry.
				if (outcome === 'drop') res.destroy();
				else send(200, result);
			} finally {
				store.messagesInFlight--;
			}
		},
	},
	{
		object: 'waba',
		edges: ['product_catalogs'],
		methods: ['GET'],
		async handle({ sb, business, send }) {
			send(200, productCatalogs(sb, business));
		},
	},
	{
		object: 'catalog',
		edges: ['products'],
		methods: ['GET'],
		async handle({ sb, business, query, send }) {
			send(200, catalogProductsEndpoint(catalogOf(sb, business), query.get('fields')));
		},
	},
	{
		object: 'phone',
		edges: ['whatsapp_commerce_settings'],
		methods: ['GET', 'POST'],
		async handle({ sb, method, phone, query, raw, send }) {
			send(200, commerceSettingsEndpoint(sb, method, phone!, query, raw));
		},
	},
	{
		object: 'phone',
		edges: ['whatsapp_business_encryption'],
		methods: ['GET', 'POST'],
		async handle({ sb, method, body, phone, send }) {
			send(200, businessEncryption(sb, method, phone!.id, body));
		},
	},
	{
		object: 'phone',
		edges: ['payments'],
		methods: ['GET'],
		restLength: 2,
		async handle({ sb, rest, business, send }) {
			sb.store.paymentLookups.set(rest[1], (sb.store.paymentLookups.get(rest[1]) ?? 0) + 1);
			await applyFaults(sb, 'payments');
			send(200, lookupPayment(sb, business.wabaId, rest[0], rest[1]));
		},
	},
	{
		object: 'phone',
		edges: ['payments_refund'],
		methods: ['POST'],
		async handle({ sb, body, business, send }) {
			await applyFaults(sb, 'payments');
			send(200, refund(sb, business.wabaId, body));
		},
	},
];

function findRoute(
	kind: GraphRoute['object'],
	method: string,
	edge: string | undefined,
	rest: string[],
) {
	return ROUTES.find(
		(r) =>
			r.object === kind &&
			r.edges.includes(edge) &&
			(!r.methods || r.methods.includes(method)) &&
			(r.restLength === undefined || r.restLength === rest.length),
	);
}

/** Answers one Graph API request: `/{version}/{object}/{edge}/...`. */
export async function handleGraph(
	sb: SandboxContext,
	method: string,
	url: URL,
	raw: string,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	send: Send,
): Promise<void> {
	const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	if (parts.length < 2 || !VERSION_PATTERN.test(parts[0])) {
		throw new GraphError(
			400,
			2500,
			'Unknown path components: the path must start with a Graph API version such as /v25.0/',
		);
	}
	const [, objectId, edge, ...rest] = parts;
	const token = bearer(req, url);
	const body = method === 'GET' ? {} : parseJson(raw, req.headers['content-type']);
	for (const [k, v] of url.searchParams) {
		if (k !== 'access_token' && body[k] === undefined) body[k] = v;
	}
	const call = { sb, method, objectId, edge, rest, body, query: url.searchParams, raw, res, send };

	// App subscriptions use the app token; everything else a user (system user) token.
	const app = sb.businesses.find((b) => b.appId === objectId);
	const appRoute = app ? findRoute('app', method, edge, rest) : undefined;
	if (app && appRoute) {
		requireAppToken(token, app);
		return await appRoute.handle({ ...call, business: app });
	}

	requireUserToken(sb, token);
	const waba = sb.businessByWaba(objectId);
	const byPhone = sb.businessByPhone(objectId);
	const byCatalog = waba || byPhone ? undefined : catalogOwner(sb, objectId);
	if (byCatalog) {
		const catalogRoute = findRoute('catalog', method, edge, rest);
		if (catalogRoute) return await catalogRoute.handle({ ...call, business: byCatalog });
	}
	if (!waba && !byPhone) {
		throw new GraphError(
			400,
			100,
			`(#100) Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
		);
	}
	const route = waba
		? findRoute('waba', method, edge, rest)
		: findRoute('phone', method, edge, rest);
	if (route) {
		return await route.handle({
			...call,
			business: (waba ?? byPhone?.business)!,
			phone: byPhone?.phone,
		});
	}
	throw new GraphError(
		400,
		100,
		`(#100) Unsupported ${method.toLowerCase()} request on /${objectId}${edge ? `/${edge}` : ''}`,
	);
}
