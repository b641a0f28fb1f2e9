/** The sandbox's data model: businesses, options, and what it stores (configurations, orders, subscriptions, charges). */
import type { Country, OrderStatus } from '../nodes/shared';
import type { FaultConfig } from './faults';

export type Json = Record<string, unknown>;

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
	/** Templates the WABA already has (Meta's template objects with their status), seeded at start. */
	templates?: Json[];
	/** The shop's catalog, for carts sent by the buyer simulator. */
	catalog?: Catalog;
	/** Payment configurations the WABA already has (seeded at start, kept when a state file is loaded). */
	configurations?: StoredConfiguration[];
}

export interface Catalog {
	id: string;
	products: Array<{ retailer_id: string; name: string; price: string; currency: string }>;
}

/** A template the sandbox holds for a WABA, as `message_templates` returns it. */
export interface StoredTemplate {
	id: string;
	waba_id: string;
	name: string;
	language: string;
	category: string;
	status: string;
	components: Json[];
	sub_category?: string;
	display_format?: string;
	rejected_reason?: string;
}

/** A chat bubble that is not an order: buyer texts and carts, payment requests, carousels. */
export interface ChatEntry {
	id: string;
	at: number;
	waba_id: string;
	phone_number_id: string;
	wa_id: string;
	direction: 'in' | 'out';
	kind: 'text' | 'cart' | 'payment_request' | 'carousel' | 'products' | 'payment_link';
	text?: string;
	header?: string;
	footer?: string;
	template?: string;
	buttons?: Array<{ text: string; type?: string; value?: string }>;
	cart?: Json;
	/** A product message (single product, product list, catalog message, product carousel): its interactive object. */
	products?: Json;
	/** A product list's retailer IDs Meta dropped because the catalog does not have them. */
	dropped?: string[];
	/** Carousel: the reference IDs of its cards' orders, in card order. */
	cards?: string[];
	/** URL button template: the link it opens and whether WhatsApp draws it as a "Pay now" card. */
	payment_link?: { url: string; card: boolean; gateway?: string };
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
	/**
	 * First webhook retry delay in ms, standing for Meta's 30 s: retries double up to 120 times it and stop
	 * after 20,160 times it (Meta's 7 days), so 250 ms plays Meta's week in 84 minutes (sandbox/webhooks.ts).
	 */
	webhookRetryBaseMs?: number;
	/** Gives up after this many attempts even inside the retry window; unset, only the window ends retries. */
	webhookMaxAttempts?: number;
	/** How long the sandbox waits for a callback's answer before it counts the attempt as failed (10,000 ms). */
	webhookTimeoutMs?: number;
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
	/**
	 * The 24-hour customer-service window for interactive messages. `open` (default): a buyer the sandbox
	 * has never heard from counts as inside the window, except the `buyersOutsideWindow`; `strict`: only
	 * buyers who wrote (a text or a cart) in the last 24 hours are inside. Templates are never refused.
	 */
	sessionWindow?: 'open' | 'strict';
	/** Buyers (wa_ids) who never wrote to the shop: interactive messages to them get 131047. */
	buyersOutsideWindow?: string[];
	/** Fixed clock for deterministic tests (epoch ms). */
	now?: () => number;
}

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
	kind: 'order_details' | 'order_status' | 'payment_method' | 'payment' | 'refund' | 'checkout';
	/** Sent as a template (its name), not as an interactive message. */
	template?: string;
	/** Part of a carousel message: its wamid (the carousel bubble draws the card). */
	carousel?: string;
	status?: string;
	payment?: string;
	message_id?: string;
	description?: string;
	/** The message's own text (an order_status message's body, a template's filled-in body), as the buyer reads it. */
	text?: string;
	footer?: string;
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
	/** Coupons the shop's checkout endpoint offered (get_coupons), each with its id when the shop gave one. */
	offers?: Array<{ code: string; id?: string; description?: string }>;
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
	/** The Idempotency-Key the charge was made with. */
	idempotency_key?: string;
	/** Set on the answer to a repeated key: the original charge, not a new one. */
	idempotent_replay?: true;
}

/** Faults of the WhatsApp client's calls to checkout data endpoints (POST /_sandbox/checkout/faults). */
export interface CheckoutFaults {
	/** Encrypt the next request for another key: the endpoint answers 421 and the client refreshes the key. */
	wrong_key?: boolean;
	/** Sign requests with a wrong secret: the endpoint answers 432. */
	bad_signature?: boolean;
}

/** The options a running sandbox has settled on (given, or the defaults). */
export type ResolvedOptions = Required<
	Omit<
		SandboxOptions,
		| 'faults'
		| 'termsPendingWabas'
		| 'log'
		| 'now'
		| 'businesses'
		| 'pspNotifyUrl'
		| 'stateFile'
		| 'sessionWindow'
		| 'buyersOutsideWindow'
		| 'webhookMaxAttempts'
		| 'webhookTimeoutMs'
	>
>;

/** How a webhook delivery is signed: correctly, wrongly (tampering tests) or not at all. */
export type SignatureMode = 'valid' | 'invalid' | 'none';
