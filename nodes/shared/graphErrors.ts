/**
 * Meta's Graph / Cloud API error codes that matter for payments, with a plain explanation and the fix.
 * `retry` says what kind of failure it is: throttling (safe to retry even for sends, Meta refused the
 * request before accepting it), transient (server-side; reads may retry), or never.
 */
export type RetryClass = 'throttle' | 'transient' | 'never';

/** A Graph call that only reads (GET, safe to repeat) or one that sends or changes something. */
export type RequestKind = 'read' | 'send';

export interface GraphErrorInfo {
	title: string;
	explanation: string;
	fix: string;
	retry: RetryClass;
	/**
	 * The next step in a few words, for the error's one-line message (what an AI Agent's model reads);
	 * the first sentence of `fix` where not given.
	 */
	next?: string;
}

/** Meta's answer when a phone number sends faster than its throughput allows (messages per second). */
export const THROUGHPUT_REACHED = 130429;

export const GRAPH_ERRORS: Record<number, GraphErrorInfo> = {
	0: {
		title: 'Authentication failed',
		explanation: 'The access token is expired, revoked or not valid for this app.',
		fix: 'Generate a new system-user access token and update the credential.',
		retry: 'never',
	},
	1: {
		title: 'Invalid request or unknown API error',
		explanation: 'Meta could not process the request.',
		fix: 'Check the request parameters; retry only if Meta reports an outage.',
		retry: 'never',
	},
	2: {
		title: 'Temporary API service error',
		explanation: 'Meta had a temporary problem.',
		fix: 'Retry later; the node retries reads automatically.',
		retry: 'transient',
	},
	3: {
		title: 'Capability or permission issue',
		explanation: 'The app lacks the capability for this method.',
		fix: "Check the app's permissions (whatsapp_business_messaging, whatsapp_business_management).",
		retry: 'never',
	},
	4: {
		title: 'Application request limit reached',
		explanation: 'The app made too many calls in a short time.',
		fix: 'Wait and retry; lower the send rate in the node options.',
		retry: 'throttle',
	},
	10: {
		title: 'Permission denied',
		explanation:
			'The token does not have the permission needed, or the account is not eligible for this API.',
		fix: 'Grant whatsapp_business_messaging and whatsapp_business_management to the system user and make sure the WABA is enabled for payments.',
		retry: 'never',
	},
	33: {
		title: 'Object does not exist or parameter value invalid',
		explanation: 'The phone number or WABA ID is wrong or was deleted.',
		fix: 'Check the WhatsApp Business Account ID in the credential and the phone number ID in the node.',
		retry: 'never',
	},
	100: {
		title: 'Invalid parameter',
		explanation: 'A field is unknown, misspelt, has the wrong type or breaks a length rule.',
		fix: 'Read the details from Meta below, correct that field and send again.',
		next: 'correct the field Meta names and send again',
		retry: 'never',
	},
	190: {
		title: 'Access token expired or invalid',
		explanation: 'Meta rejected the access token.',
		fix: 'Create a new (ideally permanent system-user) token in Business Settings and update the credential.',
		retry: 'never',
	},
	200: {
		title: 'Permission not granted',
		explanation: 'The API permission was not granted or was removed.',
		fix: 'Re-grant the WhatsApp permissions to the app and system user.',
		retry: 'never',
	},
	368: {
		title: 'Temporarily blocked for policy violations',
		explanation: "The account is blocked by Meta's policy enforcement.",
		fix: 'Review the account status in WhatsApp Manager.',
		retry: 'never',
	},
	80007: {
		title: 'WhatsApp Business Account rate limit reached',
		explanation: 'The WABA made too many calls.',
		fix: 'Wait and retry; lower the request rate.',
		retry: 'throttle',
	},
	130429: {
		title: 'Cloud API throughput limit reached',
		explanation: 'The phone number is sending faster than its throughput allows.',
		fix: "Lower the node's messages-per-second option; the node backs off and retries automatically.",
		retry: 'throttle',
	},
	130497: {
		title: 'Business account restricted from messaging users in this country',
		explanation: 'Meta does not allow this account to message this country.',
		fix: 'Payments work only for Brazil and India accounts and buyers.',
		retry: 'never',
	},
	131000: {
		title: 'Something went wrong',
		explanation: 'Meta failed with an unknown error.',
		fix: 'Retry later; if it persists, contact Meta support with the fbtrace_id.',
		retry: 'transient',
	},
	131005: {
		title: 'Access denied (WhatsApp Payments terms not accepted)',
		explanation:
			'For payment APIs this means the WhatsApp Payments Terms of Service were not accepted for this WhatsApp Business Account.',
		fix: 'Open the link in the details from Meta, accept the Payments Terms of Service, then run again.',
		retry: 'never',
	},
	131008: {
		title: 'Required parameter missing',
		explanation: 'A required field is missing from the request.',
		fix: 'Add the field named in the details.',
		retry: 'never',
	},
	131009: {
		title: 'Parameter value is not valid',
		explanation: 'A value is not valid (for orders: amounts, offsets, currency, totals).',
		fix: 'Correct the value named in the details.',
		retry: 'never',
	},
	131016: {
		title: 'Service unavailable',
		explanation: 'A Meta service is temporarily unavailable.',
		fix: 'Retry later.',
		retry: 'transient',
	},
	131021: {
		title: 'Recipient cannot be sender',
		explanation: 'The buyer number is the business number itself.',
		fix: "Send to the buyer's WhatsApp number.",
		retry: 'never',
	},
	131026: {
		title: 'Message undeliverable',
		explanation:
			'The recipient is not on WhatsApp, uses an old app, or has not accepted the terms.',
		fix: 'Check the number; order messages need a recent WhatsApp version in Brazil or India.',
		retry: 'never',
	},
	131031: {
		title: 'Business account locked',
		explanation: 'The WABA is locked.',
		fix: 'Resolve the account status in WhatsApp Manager.',
		retry: 'never',
	},
	131042: {
		title: 'Business eligibility payment issue',
		explanation: "There is a problem with the WABA's payment method for messaging charges.",
		fix: 'Fix the billing/credit line in WhatsApp Manager.',
		retry: 'never',
	},
	131047: {
		title: 'Re-engagement message (outside the 24-hour window)',
		explanation:
			'More than 24 hours passed since the buyer last wrote, so free-form interactive messages are refused.',
		fix: 'Use the Template resource instead: "Send Order Details Template" for order_details (Brazil and India), "Send Payment Request" (Brazil) or "Send Order Status Template" (India) for order_status. Or wait until the buyer writes again.',
		next: 'send the order details template instead (Template > Send Order Details Template), or wait until the buyer writes again',
		retry: 'never',
	},
	131048: {
		title: 'Spam rate limit hit',
		explanation: 'Too many messages were blocked or reported.',
		fix: 'Improve message quality before sending more.',
		retry: 'never',
	},
	131049: {
		title: 'Message not delivered to maintain ecosystem engagement',
		explanation: 'Meta chose not to deliver this message.',
		fix: 'Do not retry within 24 hours.',
		retry: 'never',
	},
	131051: {
		title: 'Unsupported message type',
		explanation: 'The recipient or account does not support this message type.',
		fix: 'Order messages need a payments-enabled WABA and a buyer in the same country.',
		next: 'order messages need a payments-enabled WhatsApp Business Account and a buyer in the same country (Brazil or India)',
		retry: 'never',
	},
	131056: {
		title: 'Pair rate limit hit',
		explanation: 'Too many messages to the same buyer in a short time.',
		fix: 'Wait before messaging this buyer again.',
		retry: 'never',
	},
	131057: {
		title: 'Account in maintenance mode',
		explanation: 'The business account is being upgraded.',
		fix: 'Retry in a few minutes.',
		retry: 'transient',
	},
	132000: {
		title: 'Number of template parameters does not match',
		explanation:
			'The number of header or body variable values differs from the variables in the approved template.',
		fix: 'Give one value per {{n}} variable of the template (see the template with Template > Get).',
		retry: 'never',
	},
	132001: {
		title: 'Template does not exist',
		explanation:
			'No approved template has this name in this language for the WhatsApp Business Account.',
		fix: 'Check the template name and language, and that its status is APPROVED (Template > Get Many).',
		retry: 'never',
	},
	132005: {
		title: 'Translated text too long',
		explanation: "The template text with its variables filled in is over Meta's length limit.",
		fix: 'Shorten the variable values.',
		retry: 'never',
	},
	132007: {
		title: 'Template format character policy violated',
		explanation:
			'A variable value breaks the template format rules (for example new lines or too many spaces).',
		fix: 'Remove new lines, tabs and runs of spaces from the variable values.',
		retry: 'never',
	},
	132012: {
		title: 'Template parameter format mismatch',
		explanation:
			'A parameter has the wrong type for the template, for example an image for a text header.',
		fix: "Match the template's header format (text, image, document or video) and the button types.",
		retry: 'never',
	},
	132015: {
		title: 'Template is paused',
		explanation: 'Meta paused the template because of low quality ratings.',
		fix: 'Use another template, or wait until Meta reinstates it (the Template Status trigger event tells you).',
		retry: 'never',
	},
	132016: {
		title: 'Template is disabled',
		explanation: 'Meta disabled the template permanently after repeated pauses.',
		fix: 'Create a new template.',
		retry: 'never',
	},
	132018: {
		title: 'Template parameter problem',
		explanation: 'Meta could not validate a template parameter.',
		fix: 'Read the details below and fix the parameter.',
		retry: 'never',
	},
	133004: {
		title: 'Server temporarily unavailable',
		explanation: "Meta's server is temporarily unavailable.",
		fix: 'Retry later.',
		retry: 'transient',
	},
	134011: {
		title: 'WhatsApp Payments terms not accepted',
		explanation:
			'The WhatsApp Payments Terms of Service were not accepted for this account, so order messages are refused.',
		fix: 'Open the link in the details from Meta, accept the Payments Terms of Service, then run again.',
		retry: 'never',
	},
	135000: {
		title: 'Generic user error',
		explanation: 'Meta rejected the request parameters.',
		fix: 'Check the request against the details.',
		retry: 'never',
	},
	2388019: {
		title: 'Template count limit reached',
		explanation: 'The WhatsApp Business Account has as many templates as Meta allows.',
		fix: 'Delete templates you no longer use (Template > Delete).',
		retry: 'never',
	},
	2388040: {
		title: 'Template field over its character limit',
		explanation: 'A header, body, footer or button text is too long.',
		fix: 'Shorten the text: body at most 1024 characters, footer 60, header 60.',
		retry: 'never',
	},
	2388047: {
		title: 'Template header format is not valid',
		explanation: 'The header format or its example does not fit the template.',
		fix: 'Use a TEXT, IMAGE, DOCUMENT or VIDEO header with an example for media.',
		retry: 'never',
	},
	2388072: {
		title: 'Template body format is not valid',
		explanation: 'The body variables and their example values do not match.',
		fix: 'Give one example value per {{n}} variable, numbered from 1 without gaps.',
		retry: 'never',
	},
	2388073: {
		title: 'Template footer format is not valid',
		explanation: 'The footer is not plain text of at most 60 characters.',
		fix: 'Use a short plain-text footer without variables.',
		retry: 'never',
	},
	2388299: {
		title: 'Template variable at the start or end of a text',
		explanation: 'Meta rejects a body that starts or ends with a {{n}} variable.',
		fix: 'Add words before the first variable and after the last one.',
		retry: 'never',
	},
	2040: {
		title: 'Order message not supported for this buyer',
		explanation: 'The buyer cannot receive this order message (country or app version).',
		fix: 'Check the buyer is in the payments country and on a recent WhatsApp version.',
		retry: 'never',
	},
	2046: {
		title: 'Invalid order status transition',
		explanation:
			'The new order status is not allowed after the current one (completed and canceled are final; an order cannot return to pending).',
		fix: 'Send a status that follows from the current one.',
		next: 'send a status that follows from the current one (completed and canceled are final)',
		retry: 'never',
	},
	2047: {
		title: 'Order cannot be canceled',
		explanation: 'The order already has a successful or pending payment.',
		fix: 'Refund or complete the order instead of canceling it.',
		retry: 'never',
	},
};

export interface GraphErrorBody {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_data?: { details?: string; messaging_product?: string };
	fbtrace_id?: string;
}

/** Pulls Meta's error object out of a response body (Graph envelope or the payments lookup `errors[]`). */
export function extractGraphError(body: unknown): GraphErrorBody | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as Record<string, unknown>;
	if (typeof b.error === 'object' && b.error !== null) return b.error as GraphErrorBody;
	if (Array.isArray(b.errors) && b.errors.length > 0 && typeof b.errors[0] === 'object') {
		const e = b.errors[0] as Record<string, unknown>;
		return {
			code: Number(e.code),
			message: String(e.title ?? e.message ?? ''),
			error_data: { details: e.details as string },
		};
	}
	return undefined;
}

export function findTermsLink(details: string | undefined): string | undefined {
	const match = details ? /https?:\/\/\S+/.exec(details) : null;
	return match ? match[0].replace(/[).,;]+$/, '') : undefined;
}

export interface ExplainedGraphError {
	code?: number;
	/** One sentence: Meta's refusal (code kept), whether anything was sent, and the next step. */
	message: string;
	description: string;
	details?: string;
	termsLink?: string;
	retry: RetryClass;
}

function lowerFirst(text: string): string {
	return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The first sentence of a text, without its full stop. */
function firstSentence(text: string): string {
	const end = text.search(/\.(\s|$)/);
	return end < 0 ? text : text.slice(0, end);
}

/** What happened to the request, for the message: the outcome a caller (or a model) acts on. */
function outcome(kind: RequestKind, retry: RetryClass): string {
	if (kind === 'send' && retry === 'transient')
		return 'Meta failed while handling it, so it may or may not have been sent: check before sending again';
	if (retry === 'throttle') return 'Meta refused it for now, so nothing was sent or changed';
	return kind === 'send'
		? 'Meta refused it, so nothing was sent or changed'
		: 'Meta refused the request';
}

/**
 * Turns Meta's error into a message and a description with the fix. Never includes request headers.
 * The message is one sentence that stands alone (n8n's AI Agent passes only the message to its model):
 * the title with Meta's code, Meta's own words when they add something, whether anything was sent, and
 * the next step. `kind` is the request's: a send that failed inside Meta may have gone out.
 */
export function explainGraphError(
	httpStatus: number,
	body: unknown,
	kind: RequestKind = 'send',
): ExplainedGraphError {
	const err = extractGraphError(body);
	const code = typeof err?.code === 'number' && Number.isFinite(err.code) ? err.code : undefined;
	const info = code !== undefined ? GRAPH_ERRORS[code] : undefined;
	const details = err?.error_data?.details;
	const metaMessage =
		err?.message ?? (typeof body === 'string' && body ? body.slice(0, 300) : `HTTP ${httpStatus}`);
	let retry: RetryClass = info?.retry ?? 'never';
	if (!info) {
		if (httpStatus === 429) retry = 'throttle';
		else if (httpStatus >= 500) retry = 'transient';
	}
	const termsLink = code === 131005 || code === 134011 ? findTermsLink(details) : undefined;
	const lines: string[] = [];
	if (info) lines.push(`${info.explanation} ${info.fix}`);
	if (termsLink) lines.push(`Accept the WhatsApp Payments Terms of Service here: ${termsLink}`);
	if (details) lines.push(`Details from Meta: ${details}`);
	if (err?.fbtrace_id) lines.push(`fbtrace_id: ${err.fbtrace_id}`);
	const title = info ? info.title : 'Graph API error';
	// Meta's message usually repeats the code and often the title ("(#131047) Re-engagement message").
	const metaWords = metaMessage.replace(/^\s*\(#\d+\)\s*/, '').trim();
	const repeatsTitle =
		metaWords === '' || title.toLowerCase().includes(metaWords.toLowerCase().replace(/\.$/, ''));
	const next = info ? (info.next ?? firstSentence(info.fix)) : 'check the request and try again';
	const message =
		`${title} (${code !== undefined ? `#${code}` : `HTTP ${httpStatus}`})` +
		(repeatsTitle ? '' : `: ${metaWords.replace(/\.$/, '')}`) +
		(details && details.length <= 200 && !termsLink ? ` (${details.replace(/\.$/, '')})` : '') +
		`. ${outcome(kind, retry)}; ${lowerFirst(next)}.`;
	return {
		code,
		message,
		description: lines.join('\n') || `HTTP status ${httpStatus}`,
		details,
		termsLink,
		retry,
	};
}
