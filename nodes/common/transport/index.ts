import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { backoffDelay, explainGraphError, shouldRetry, THROUGHPUT_REACHED } from '../../shared';
import type { RequestKind } from '../../shared';
import type { SendPacer } from './pacer';

export { SendPacer, SendPacers } from './pacer';

export const CREDENTIAL_TYPE = 'whatsAppPaymentsApi';
/** The checkout data endpoint's private key (WhatsApp Checkout Endpoint API). */
export const CHECKOUT_CREDENTIAL_TYPE = 'whatsAppCheckoutEndpointApi';

export type GraphContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface RetryOptions {
	/** Extra attempts after the first one. */
	maxRetries: number;
	/** First backoff delay in milliseconds; doubles each attempt (Retry-After wins). */
	retryDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, retryDelayMs: 1000 };

export interface GraphRequest {
	method: IHttpRequestMethods;
	/** Path below the version, starting with a slash: `/{waba-id}/payment_configurations`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** `read` may retry on server errors; `send` only on throttling. Default: GET is read, others send. */
	kind?: RequestKind;
	retry?: RetryOptions;
	itemIndex?: number;
	/** Replaces the credential for calls that must use another token (the trigger's app token). */
	authorization?: string;
	/** Paces message sends for the sender phone number (Meta's throughput limit) and adapts on 130429. */
	pacer?: SendPacer;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Connection failures where the request provably never reached the server. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export interface GraphBase {
	/** The credential's Base URL without the version: what its messages name. */
	host: string;
	/** The host and the Graph API version: every request's URL starts with it. */
	baseUrl: string;
	wabaId: string;
	appId: string;
	appSecret: string;
}

/**
 * The credential, read once per node run: n8n loads it from its database and decrypts it on every
 * getCredentials call (and httpRequestWithAuthentication makes that call for every request unless it is
 * handed the credential), while every item and every request of a run uses the same credential.
 */
interface RunCredential {
	base: GraphBase;
	decrypted: ICredentialsDecrypted;
}

const credentialByContext = new WeakMap<object, Promise<RunCredential>>();

function runCredential(ctx: GraphContext): Promise<RunCredential> {
	let read = credentialByContext.get(ctx);
	if (!read) {
		read = readCredential(ctx);
		credentialByContext.set(ctx, read);
		read.catch(() => credentialByContext.delete(ctx));
	}
	return read;
}

/** Credential-derived settings (base URL with version, WABA ID, app ID, app secret), read once per node run. */
export async function getGraphBase(this: GraphContext): Promise<GraphBase> {
	return (await runCredential(this)).base;
}

async function readCredential(ctx: GraphContext): Promise<RunCredential> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const host = String(credentials.baseUrl || 'https://graph.facebook.com').replace(/\/+$/, '');
	const version = String(credentials.graphApiVersion || 'v25.0').replace(/^\/+|\/+$/g, '');
	const selected = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		base: {
			host,
			baseUrl: `${host}/${version}`,
			wabaId: String(credentials.businessAccountId ?? '').trim(),
			appId: String(credentials.appId ?? '').trim(),
			appSecret: String(credentials.appSecret ?? ''),
		},
		decrypted: {
			id: selected?.id ?? '',
			name: selected?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
	};
}

function networkErrorCode(error: unknown): string {
	const e = error as { code?: unknown; cause?: { code?: unknown } };
	return String(e?.code ?? e?.cause?.code ?? 'NETWORK_ERROR');
}

/**
 * The single way the nodes call the Graph API; `T` is the shape of Meta's answer. Builds the URL from the credential (base URL +
 * version + path), applies the credential's authentication, turns Meta's errors into NodeApiErrors
 * explained by the catalogue, and retries by the rule in shared/retry.ts. Request headers (the token)
 * never reach an error: errors are built from Meta's response body or the network error code only.
 */
export async function graphApiRequest<T = IDataObject>(
	ctx: GraphContext,
	request: GraphRequest,
): Promise<T> {
	const {
		base: { host, baseUrl },
		decrypted,
	} = await runCredential(ctx);
	const kind: RequestKind = request.kind ?? (request.method === 'GET' ? 'read' : 'send');
	const retry = request.retry ?? DEFAULT_RETRY;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The Graph API answers where it is asked and never redirects. Following a redirect would send the
		// access token to another host, or turn a send (POST) into a GET; a redirect means the credential's
		// Base URL points at the wrong place, and the error below says so.
		disableFollowRedirect: true,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;

	for (let attempt = 0; ; attempt++) {
		let response: FullResponse;
		if (request.pacer) await request.pacer.wait();
		const sentAt = Date.now();
		try {
			if (request.authorization !== undefined) {
				options.headers = { Authorization: request.authorization };
				response = (await ctx.helpers.httpRequest(options)) as FullResponse;
			} else {
				response = (await ctx.helpers.httpRequestWithAuthentication.call(
					ctx,
					CREDENTIAL_TYPE,
					options,
					{ credentialsDecrypted: decrypted },
				)) as FullResponse;
			}
		} catch (error) {
			const code = networkErrorCode(error);
			const notSent = NOT_SENT_CODES.has(code);
			if ((kind === 'read' || notSent) && attempt < retry.maxRetries) {
				await sleep(backoffDelay(attempt, retry.retryDelayMs));
				continue;
			}
			const ambiguous = kind === 'send' && !notSent;
			throw new NodeApiError(ctx.getNode(), { network_error: code } as JsonObject, {
				itemIndex: request.itemIndex,
				// The network code stays out of the message: n8n replaces messages that contain one.
				message: ambiguous
					? 'The connection to the Graph API broke after the request was sent, so Meta may or may not have accepted it; check the order or message status before sending again, or send again with a new reference ID.'
					: 'Could not reach the Graph API, so nothing was sent; check the Base URL in the credential and the network, then try again.',
				description: ambiguous
					? `Network error ${code}. The answer was lost, so the outcome is unknown. It was not retried to avoid sending it twice. Check the order (or the message status webhook) before sending again, or resend with a new reference ID.`
					: `Network error ${code}. Check the Base URL in the credential (${host}) and the network.`,
			});
		}

		request.pacer?.answered(Date.now() - sentAt);
		if (response.statusCode >= 300 && response.statusCode < 400)
			throw redirected(ctx, request, response, host);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			const errorInBody = explainIfError(response.body);
			if (!errorInBody) {
				request.pacer?.accepted();
				return response.body as T;
			}
		}

		const explained = explainGraphError(response.statusCode, response.body, kind);
		if (explained.retry === 'throttle') request.pacer?.throttled();
		if (shouldRetry(kind, explained.retry) && attempt < retry.maxRetries) {
			const retryAfter = response.headers?.['retry-after'];
			// Refused for throughput while Meta accepts about the pace: the next slot of the (slowed) pacer.
			if (
				request.pacer &&
				retryAfter === undefined &&
				explained.code === THROUGHPUT_REACHED &&
				request.pacer.retriesAtNextSlot(attempt)
			)
				continue;
			const delay = backoffDelay(attempt, retry.retryDelayMs, retryAfter);
			// Retry-After counts from the answer. A paced message send otherwise counts its wait from when it went
			// out: Meta limits a number's messages per second as they arrive and refuses with 130429 "until you are
			// within your allowed level again" (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput),
			// so the second that refused it has passed one second after it was sent, however long the answer took.
			const from = request.pacer && retryAfter === undefined ? sentAt : Date.now();
			await sleep(Math.max(0, from + delay - Date.now()));
			continue;
		}
		const errorBody = (
			typeof response.body === 'object' && response.body !== null
				? response.body
				: { message: String(response.body ?? '') }
		) as JsonObject;
		const error = new NodeApiError(ctx.getNode(), errorBody, {
			itemIndex: request.itemIndex,
			message: explained.message,
			description: explained.description,
			httpCode: String(response.statusCode),
		});
		if (attempt > 0)
			error.description = `${error.description ?? ''}\nGave up after ${attempt + 1} attempts.`;
		// Operations that treat one of Meta's codes as an outcome (Send Status: #2046) read it here.
		if (explained.code !== undefined) error.context.graphErrorCode = explained.code;
		throw error;
	}
}

/**
 * A redirect answered instead of the Graph API: the Base URL is wrong (http instead of https, a proxy's old
 * address). Nothing reached Meta, so nothing was sent. Only the redirect target's origin is shown.
 */
function redirected(
	ctx: GraphContext,
	request: GraphRequest,
	response: FullResponse,
	host: string,
): NodeApiError {
	const origin = originOf(String(response.headers?.location ?? ''), host);
	return new NodeApiError(ctx.getNode(), { redirect: response.statusCode } as JsonObject, {
		itemIndex: request.itemIndex,
		message: `The Base URL in the credential answered with a redirect (HTTP ${response.statusCode}${origin ? ` to ${origin}` : ''}) instead of the Graph API, so nothing was sent; set the Base URL to ${origin || 'the address it redirects to'} and try again.`,
		description: `The credential's Base URL is ${host}. The Graph API never redirects, and the node does not follow redirects: that would send the access token to another address.`,
		httpCode: String(response.statusCode),
	});
}

/** The origin of a redirect's Location (relative to `host`), or '' when there is none or it is unreadable. */
function originOf(location: string, host: string): string {
	if (!location) return '';
	try {
		return new URL(location, host).origin;
	} catch {
		return '';
	}
}

/** A 2xx body can still be an error envelope in the payments lookup API. */
function explainIfError(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		('error' in body || ('errors' in body && !('payments' in body)))
	);
}
