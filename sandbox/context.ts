/**
 * What the route handlers (graph.ts, messages.ts, control.ts...) use of the running sandbox. server.ts's
 * `Sandbox` is its one implementation; the handlers import this interface rather than the server, so
 * the server imports its handlers and nothing imports the server back.
 */
import type { FaultInjector } from './faults';
import type { SandboxStore } from './store';
import type {
	Business,
	CheckoutFaults,
	Json,
	PhoneNumber,
	ResolvedOptions,
	SignatureMode,
} from './types';
import type { DeliveryRecord, WebhookDeliverer } from './webhooks';

export interface SandboxContext {
	readonly options: ResolvedOptions;
	readonly businesses: Business[];
	readonly store: SandboxStore;
	readonly faults: FaultInjector;
	readonly deliverer: WebhookDeliverer;
	readonly deliveries: DeliveryRecord[];
	/** WABAs whose Payments terms are not accepted (answer 131005 / 134011). */
	readonly termsPending: Set<string>;
	readonly checkoutFaults: CheckoutFaults;
	readonly sessionWindow: 'open' | 'strict';
	/** Where the fake PSP posts "paid" notifications; set by POST /_sandbox/psp/notify-url too. */
	pspNotifyUrl: string | undefined;
	/** How long the fake PSP waits before answering a charge it has already made. */
	pspLatencyMs: number;
	/** How many of the next charges the fake PSP makes without answering. */
	pspDropAnswers: number;
	/** The sandbox's own base URL once it listens. */
	readonly url: string;
	readonly log: (line: string) => void;
	readonly now: () => number;
	readonly random: () => number;
	nowSeconds(): number;
	/** Runs fn after ms; the sandbox's idle() waits for it. */
	later(ms: number, fn: () => void): void;
	/** A new ID with this prefix; never repeats, across restarts too. */
	id(prefix: string): string;
	businessByWaba(wabaId: string): Business | undefined;
	businessByPhone(phoneId: string): { business: Business; phone: PhoneNumber } | undefined;
	/** Builds Meta's envelope for one change and delivers it, signed. */
	emit(
		field: string,
		value: Json,
		opts?: { wabaId?: string; signature?: SignatureMode; url?: string },
	): DeliveryRecord;
	/** Delivers an arbitrary body (exact bytes) to the subscribed callback, for tests and tampering. */
	deliverRaw(
		body: string,
		opts?: {
			field?: string;
			signature?: SignatureMode;
			url?: string;
			note?: string;
			wabaId?: string;
		},
	): DeliveryRecord;
}
