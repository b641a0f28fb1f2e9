/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * What the sandbox remembers, as Meta does: payment configurations per WABA, orders, app subscriptions
 * and WABA overrides, charges, notifications. Optionally kept in a file across restarts (`npm run dev`),
 * with the ID counter, so that IDs never repeat.
 */
import * as fs from 'fs';

import { validateConfigurationName } from '../nodes/shared';
import type { CommerceSettings } from '../nodes/shared';
import { asGraph, metaError } from './errors';
import type {
	Business,
	Charge,
	ChatEntry,
	Json,
	StoredConfiguration,
	StoredOrder,
	StoredTemplate,
	Subscription,
} from './types';

export interface WabaSubscription {
	override_callback_uri?: string;
	verify_token?: string;
}

export function orderKey(referenceId: string, wabaId: string): string {
	return `${wabaId}:${referenceId}`;
}

export class SandboxStore {
	readonly configurations = new Map<string, Map<string, StoredConfiguration>>();
	readonly orders = new Map<string, StoredOrder>();
	/** App id -> its WhatsApp webhook subscription (Meta allows one callback URL per app). */
	readonly subscriptions = new Map<string, Subscription>();
	/** WABA id -> subscribed (its business's app) and optional override. */
	readonly subscribedApps = new Map<string, WabaSubscription>();
	readonly charges: Charge[] = [];
	/** Charges answered from an idempotency key instead of being made again. */
	chargeReplays = 0;
	/** Payment lookups asked (GET <PHONE_NUMBER_ID>/payments/<configuration>/<reference>), per reference ID, counted
	 * when the request arrives (before any configured latency), so a test can act while a lookup is held. */
	readonly paymentLookups = new Map<string, number>();
	/** What example workflows post to /_sandbox/notifications (a stand-in for Slack or e-mail). */
	readonly notifications: Json[] = [];
	/** Message sends (POST <PHONE_NUMBER_ID>/messages) arrived and not yet answered, and the most at once
	 * since the last reset: how many a client keeps in flight. */
	messagesInFlight = 0;
	peakMessagesInFlight = 0;
	/** Counts of accepted messages per reference_id and type (for duplicate detection in tests). */
	readonly messageCounts = new Map<string, number>();
	/** Message templates of every WABA (seeded from the businesses, then created through the API). */
	readonly templates: StoredTemplate[] = [];
	/** `phone_number_id:wa_id` -> when the buyer last wrote (epoch s): the 24-hour window. */
	readonly lastInbound = new Map<string, number>();
	/** Buyers who never wrote: interactive messages to them are refused (131047) until they write. */
	readonly outsideWindow = new Set<string>();
	/** Chat bubbles that are not orders: buyer texts and carts, payment requests, carousels. */
	readonly chat: ChatEntry[] = [];
	/** Phone number ID -> the business public key uploaded for the checkout data endpoint. */
	readonly publicKeys = new Map<string, string>();
	/** Phone number ID -> its commerce settings, once changed (Meta's defaults until then). */
	readonly commerceSettings = new Map<string, Omit<CommerceSettings, 'id'>>();
	/** Sequence behind every generated ID. */
	seq = 0;

	constructor(
		private readonly businesses: Business[],
		private readonly defaultWabaId: string,
	) {
		this.seed();
	}

	/** What the businesses already have at Meta: payment configurations and templates. */
	private seed(): void {
		let n = 0;
		for (const b of this.businesses) {
			for (const c of b.configurations ?? [])
				this.configs(b.wabaId).set(c.configuration_name, { ...c });
			for (const t of b.templates ?? []) {
				this.templates.push({
					...(t as unknown as StoredTemplate),
					id: String(t.id ?? `31${b.wabaId.slice(-4)}${String(++n).padStart(9, '0')}`),
					waba_id: b.wabaId,
				});
			}
		}
	}

	configs(wabaId = this.defaultWabaId): Map<string, StoredConfiguration> {
		let map = this.configurations.get(wabaId);
		if (!map) {
			map = new Map();
			this.configurations.set(wabaId, map);
		}
		return map;
	}

	/** A configuration name checked by the shared rule, answered as Meta would when it is broken. */
	checkedName(value: unknown, field = 'configuration_name'): string {
		return asGraph(() => validateConfigurationName(value, field));
	}

	/** The configuration with this name, in the given WABA or any. */
	findConfig(name: string, wabaId?: string): StoredConfiguration {
		const config = wabaId
			? this.configs(wabaId).get(name)
			: [...this.configurations.values()].map((m) => m.get(name)).find(Boolean);
		if (!config) {
			throw metaError(
				100,
				`Payment configuration "${name}" does not exist for this WhatsApp Business Account.`,
			);
		}
		return config;
	}

	/** The WABA that holds a configuration. */
	wabaOfConfig(config: StoredConfiguration): string {
		const found = [...this.configurations.entries()].find(
			([, m]) => m.get(config.configuration_name) === config,
		);
		return found?.[0] ?? this.defaultWabaId;
	}

	/** The order with this reference ID (in the given WABA, or the first WABA that has one). */
	getOrder(referenceId: string, wabaId?: string): StoredOrder {
		const order = wabaId
			? this.orders.get(orderKey(referenceId, wabaId))
			: this.businesses.map((b) => this.orders.get(orderKey(referenceId, b.wabaId))).find(Boolean);
		if (!order) throw metaError(100, `No order with reference_id "${referenceId}".`, 404);
		return order;
	}

	count(key: string): void {
		this.messageCounts.set(key, (this.messageCounts.get(key) ?? 0) + 1);
	}

	/** Forgets orders, configurations, charges, counts and commerce settings (subscriptions stay, as n8n's registrations do). */
	reset(): void {
		this.orders.clear();
		this.configurations.clear();
		this.charges.length = 0;
		this.chargeReplays = 0;
		this.paymentLookups.clear();
		this.messageCounts.clear();
		this.peakMessagesInFlight = this.messagesInFlight;
		this.chat.length = 0;
		this.lastInbound.clear();
		this.commerceSettings.clear();
	}

	load(file: string, log: (line: string) => void): void {
		if (!fs.existsSync(file)) return;
		try {
			const state = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
			const configurations = (state.configurations ?? {}) as Record<string, StoredConfiguration[]>;
			for (const [waba, list] of Object.entries(configurations)) {
				for (const c of list) this.configs(waba).set(c.configuration_name, c);
			}
			for (const order of (state.orders ?? []) as StoredOrder[]) {
				this.orders.set(orderKey(order.reference_id, order.waba_id), order);
			}
			const subscriptions = (state.subscriptions ?? {}) as Record<string, Subscription>;
			for (const [app, sub] of Object.entries(subscriptions)) this.subscriptions.set(app, sub);
			const subscribedApps = (state.subscribedApps ?? {}) as Record<string, WabaSubscription>;
			for (const [waba, sub] of Object.entries(subscribedApps)) this.subscribedApps.set(waba, sub);
			this.charges.push(...((state.charges ?? []) as Charge[]));
			this.notifications.push(...((state.notifications ?? []) as Json[]));
			if (Array.isArray(state.templates)) {
				this.templates.length = 0;
				this.templates.push(...(state.templates as StoredTemplate[]));
			}
			this.chat.push(...((state.chat ?? []) as ChatEntry[]));
			for (const [k, v] of Object.entries((state.lastInbound ?? {}) as Record<string, number>))
				this.lastInbound.set(k, v);
			for (const [k, v] of Object.entries((state.publicKeys ?? {}) as Record<string, string>))
				this.publicKeys.set(k, v);
			const commerce = (state.commerceSettings ?? {}) as Record<
				string,
				Omit<CommerceSettings, 'id'>
			>;
			for (const [k, v] of Object.entries(commerce)) this.commerceSettings.set(k, v);
			// IDs (wamids, status IDs) must never repeat across restarts, as Meta's do not.
			this.seq = Number(state.seq ?? 0);
			log(
				`state loaded from ${file}: ${this.orders.size} orders, ${this.subscriptions.size} app subscriptions`,
			);
		} catch (error) {
			log(`could not read ${file} (${(error as Error).message}); starting empty`);
		}
	}

	save(file: string): void {
		const state = {
			configurations: Object.fromEntries(
				[...this.configurations.entries()].map(([waba, m]) => [waba, [...m.values()]]),
			),
			orders: [...this.orders.values()],
			subscriptions: Object.fromEntries(this.subscriptions),
			subscribedApps: Object.fromEntries(this.subscribedApps),
			charges: this.charges,
			notifications: this.notifications,
			templates: this.templates,
			chat: this.chat,
			lastInbound: Object.fromEntries(this.lastInbound),
			publicKeys: Object.fromEntries(this.publicKeys),
			commerceSettings: Object.fromEntries(this.commerceSettings),
			seq: this.seq,
		};
		fs.writeFileSync(file, JSON.stringify(state));
	}
}
