import * as crypto from 'crypto';

import { formatMinor, toDecimal, toMinorUnits } from './money';
import { epochSeconds, isoOf } from './time';
import { normaliseConfigurationStatus, normaliseProviderName } from './paymentConfiguration';
import { ALL_PASS_THROUGH_FIELDS, normaliseStatus } from './orders';
import { normaliseTemplateStatus } from './templates';
import { PaymentsValidationError } from './validation';

export const EVENT_TYPES = [
	'payment_method',
	'payment_configuration_update',
	'payment_status',
	'order_message_status',
	'cart_order',
	'template_status',
	'buyer_message',
] as const;
export type PaymentEventType = (typeof EVENT_TYPES)[number];

export interface PaymentEvent {
	event: PaymentEventType;
	/** Stable key of this event, used to drop Meta's redeliveries. */
	key: string;
	data: Record<string, unknown>;
}

export interface ParsedDelivery {
	events: PaymentEvent[];
	/** Changes or entries that carried nothing this package emits (plain text messages, other fields...). */
	ignored: number;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
	return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}
function arr(v: unknown): unknown[] {
	return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return undefined;
}

function withTime(out: Obj, name: string, v: unknown): void {
	const s = epochSeconds(v);
	out[name] = s ?? null;
	out[`${name}_iso`] = s !== undefined ? isoOf(s) : null;
}

function amountFields(out: Obj, name: string, v: unknown): void {
	const a = obj(v);
	const value = a ? Number(a.value) : NaN;
	const offset = a ? Number(a.offset ?? 100) : NaN;
	if (Number.isFinite(value) && Number.isFinite(offset) && offset > 0) {
		out[name] = { value, offset };
		out[`${name}_decimal`] = toDecimal({ value, offset });
	}
}

function metadataFields(entry: Obj, value: Obj): Obj {
	const meta = obj(value.metadata) ?? {};
	return {
		waba_id: str(entry.id) ?? null,
		phone_number_id: str(meta.phone_number_id) ?? null,
		display_phone_number: str(meta.display_phone_number) ?? null,
	};
}

function contactName(value: Obj, waId: string | undefined): string | null {
	const contacts = arr(value.contacts).map(obj).filter(Boolean) as Obj[];
	const match = contacts.find((c) => str(c.wa_id) === waId) ?? contacts[0];
	const profile = match ? obj(match.profile) : undefined;
	return (profile && str(profile.name)) ?? null;
}

/**
 * The key to give a PSP (as its Idempotency-Key) for charges made because of this event: the same for
 * every redelivery of the event, whichever n8n process receives it, and different for different events.
 * A hash of the WABA and the event's identity, so it fits PSP limits (46 characters) and reveals nothing.
 */
export function idempotencyKey(eventKey: string, wabaId: unknown): string {
	return `wapay_${sha256Hex(`${String(wabaId ?? '')}|${eventKey}`).slice(0, 40)}`;
}

/** Node's one-shot hash (Node 20.12+, what n8n runs on) is about 2.5x cheaper than createHash per call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
function sha256Hex(text: string): string {
	return oneShot ? oneShot('sha256', text) : crypto.createHash('sha256').update(text).digest('hex');
}

/** The event as emitted: its idempotency key, then the raw change last. */
function finish(event: PaymentEventType, key: string, data: Obj, change: Obj): PaymentEvent {
	data.idempotency_key = idempotencyKey(key, data.waba_id);
	data.raw = change;
	return { event, key, data };
}

function paymentMethodEvents(entry: Obj, change: Obj, value: Obj): PaymentEvent[] {
	const events: PaymentEvent[] = [];
	for (const m of arr(value.messages)) {
		const message = obj(m);
		const interactive = message && obj(message.interactive);
		if (!message || !interactive || interactive.type !== 'payment_method') continue;
		const pm = obj(interactive.payment_method) ?? {};
		const waId = str(message.from);
		const data: Obj = {
			event: 'payment_method',
			...metadataFields(entry, value),
			wa_id: waId ?? null,
			name: contactName(value, waId),
			message_id: str(message.id) ?? null,
			reference_id: str(pm.reference_id) ?? null,
			payment_method: str(pm.payment_method) ?? null,
			credential_id: str(pm.credential_id) ?? null,
			last_four_digits: str(pm.last_four_digits) ?? null,
		};
		withTime(data, 'payment_timestamp', pm.payment_timestamp);
		withTime(data, 'timestamp', message.timestamp);
		const key = `pm:${data.message_id ?? `${data.reference_id}:${data.credential_id}:${data.payment_timestamp}`}`;
		events.push(finish('payment_method', key, data, change));
	}
	return events;
}

function transactionFields(out: Obj, t: Obj | undefined): void {
	if (!t) return;
	out.transaction_id = str(t.id) ?? null;
	out.pg_transaction_id = str(t.pg_transaction_id) ?? null;
	out.transaction_type = str(t.type) ?? null;
	out.transaction_status = normaliseStatus(t.status) ?? null;
	const method = obj(t.method);
	out.transaction_method = method ? (str(method.type) ?? null) : null;
	const error = obj(t.error);
	out.transaction_error_code = error ? (str(error.code) ?? null) : null;
	out.transaction_error_reason = error ? (str(error.reason) ?? null) : null;
	withTime(out, 'transaction_created_timestamp', t.created_timestamp);
	withTime(out, 'transaction_updated_timestamp', t.updated_timestamp);
	amountFields(out, 'transaction_amount', t.amount);
}

function statusEvents(entry: Obj, change: Obj, value: Obj): PaymentEvent[] {
	const events: PaymentEvent[] = [];
	for (const s of arr(value.statuses)) {
		const status = obj(s);
		if (!status) continue;
		const base = metadataFields(entry, value);
		if (status.type === 'payment') {
			const payment = obj(status.payment) ?? {};
			const waId = str(status.recipient_id) ?? str(obj(payment.sender)?.wa_id);
			const data: Obj = {
				event: 'payment_status',
				...base,
				wa_id: waId ?? null,
				name: contactName(value, waId),
				status_id: str(status.id) ?? null,
				reference_id: str(payment.reference_id) ?? null,
				status: normaliseStatus(status.status) ?? null,
				currency: str(payment.currency) ?? null,
			};
			amountFields(data, 'amount', payment.amount);
			transactionFields(data, obj(payment.transaction));
			for (const k of ALL_PASS_THROUGH_FIELDS) if (payment[k] !== undefined) data[k] = payment[k];
			if (Array.isArray(payment.refunds)) data.refunds = payment.refunds;
			withTime(data, 'timestamp', status.timestamp);
			const key = `ps:${data.status_id}:${data.status}:${data.transaction_status ?? ''}:${data.timestamp ?? ''}`;
			events.push(finish('payment_status', key, data, change));
		} else {
			const errors = arr(status.errors).map(obj).filter(Boolean) as Obj[];
			const first = errors[0];
			const waId = str(status.recipient_id);
			const data: Obj = {
				event: 'order_message_status',
				...base,
				wa_id: waId ?? null,
				name: contactName(value, waId),
				message_id: str(status.id) ?? null,
				status: normaliseStatus(status.status) ?? null,
				error_code: first
					? Number.isFinite(Number(first.code))
						? Number(first.code)
						: null
					: null,
				error_title: first ? (str(first.title) ?? null) : null,
				error_message: first
					? (str(first.message) ?? str(obj(first.error_data)?.details) ?? null)
					: null,
				errors,
				biz_opaque_callback_data: str(status.biz_opaque_callback_data) ?? null,
			};
			withTime(data, 'timestamp', status.timestamp);
			events.push(
				finish('order_message_status', `ms:${data.message_id}:${data.status}`, data, change),
			);
		}
	}
	return events;
}

/** A cart item's unit price (major units, number or text) in minor units, or the reason it cannot be read. */
function unitMinor(price: unknown, field: string): { minor?: number; problem?: string } {
	try {
		return { minor: toMinorUnits(price, field, { allowZero: true }) };
	} catch (error) {
		// toMinorUnits only raises rule errors; anything else is reported the same way, never thrown.
		return {
			problem:
				error instanceof PaymentsValidationError ? error.message : `${field}: ${String(error)}`,
		};
	}
}

function wholeNumber(v: unknown): number | undefined {
	const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
	return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * A cart sent from the catalog (`messages[].type == "order"`): items with unit prices converted exactly
 * to minor units, the subtotal when every price is readable and the currency is one, and `problems`
 * listing what could not be read (the event is still emitted: nothing is dropped).
 */
function cartOrderEvents(entry: Obj, change: Obj, value: Obj): PaymentEvent[] {
	const events: PaymentEvent[] = [];
	for (const m of arr(value.messages)) {
		const message = obj(m);
		const order = message && message.type === 'order' ? obj(message.order) : undefined;
		if (!message || !order) continue;
		const waId = str(message.from);
		const problems: string[] = [];
		const currencies = new Set<string>();
		let subtotal: number | undefined = 0;
		const items = arr(order.product_items).map((raw, i) => {
			const it = obj(raw) ?? {};
			const f = `order.product_items[${i}]`;
			const quantity = wholeNumber(it.quantity);
			if (quantity === undefined)
				problems.push(
					`${f}.quantity: must be a whole number above 0 (got ${JSON.stringify(it.quantity)})`,
				);
			const { minor, problem } = unitMinor(it.item_price, `${f}.item_price`);
			if (problem) problems.push(problem);
			const currency = str(it.currency)?.toUpperCase() ?? null;
			if (currency) currencies.add(currency);
			if (minor === undefined || quantity === undefined) subtotal = undefined;
			else if (subtotal !== undefined) subtotal += minor * quantity;
			return {
				retailer_id: str(it.product_retailer_id) ?? null,
				quantity: quantity ?? null,
				unit_price: minor === undefined ? null : Number(formatMinor(minor)),
				unit_amount: minor === undefined ? null : { value: minor, offset: 100 },
				line_amount:
					minor === undefined || quantity === undefined
						? null
						: { value: minor * quantity, offset: 100 },
				currency,
			};
		});
		if (items.length === 0) problems.push('order.product_items: the cart has no items');
		if (currencies.size > 1)
			problems.push(`order.product_items: mixed currencies ${[...currencies].join(', ')}`);
		const context = obj(message.context);
		const data: Obj = {
			event: 'cart_order',
			...metadataFields(entry, value),
			wa_id: waId ?? null,
			name: contactName(value, waId),
			message_id: str(message.id) ?? null,
			catalog_id: str(order.catalog_id) ?? null,
			text: str(order.text) ?? null,
			items,
			item_count: items.length,
			currency: currencies.size === 1 ? [...currencies][0] : null,
			subtotal:
				subtotal !== undefined && currencies.size <= 1 && items.length > 0
					? { value: subtotal, offset: 100 }
					: null,
			problems,
			context_message_id: context ? (str(context.id) ?? null) : null,
		};
		data.subtotal_decimal = data.subtotal
			? toDecimal(data.subtotal as { value: number; offset: number })
			: null;
		withTime(data, 'timestamp', message.timestamp);
		events.push(
			finish('cart_order', `co:${data.message_id ?? `${waId}:${data.timestamp}`}`, data, change),
		);
	}
	return events;
}

/**
 * A message the buyer wrote (`messages[].type == "text"`), or a tap on a reply button or list row: what
 * starts a conversation such as "send me your products". Carts and payment replies have their own events.
 */
function buyerMessageEvents(entry: Obj, change: Obj, value: Obj): PaymentEvent[] {
	const events: PaymentEvent[] = [];
	for (const m of arr(value.messages)) {
		const message = obj(m);
		if (!message) continue;
		const interactive = obj(message.interactive);
		const reply =
			message.type === 'interactive' && interactive
				? (obj(interactive.button_reply) ?? obj(interactive.list_reply))
				: undefined;
		const button = message.type === 'button' ? obj(message.button) : undefined;
		let text: string | undefined;
		if (message.type === 'text') text = str(obj(message.text)?.body);
		else if (reply) text = str(reply.title);
		else if (button) text = str(button.text);
		else continue;
		const waId = str(message.from);
		const context = obj(message.context);
		const data: Obj = {
			event: 'buyer_message',
			...metadataFields(entry, value),
			wa_id: waId ?? null,
			name: contactName(value, waId),
			message_id: str(message.id) ?? null,
			message_type: str(message.type) ?? null,
			text: text ?? null,
			reply_id: reply ? (str(reply.id) ?? null) : button ? (str(button.payload) ?? null) : null,
			context_message_id: context ? (str(context.id) ?? null) : null,
		};
		withTime(data, 'timestamp', message.timestamp);
		events.push(
			finish('buyer_message', `bm:${data.message_id ?? `${waId}:${data.timestamp}`}`, data, change),
		);
	}
	return events;
}

/** A template was approved, rejected, paused, disabled... (`message_template_status_update`, app callback only). */
function templateStatusEvent(entry: Obj, change: Obj, value: Obj): PaymentEvent {
	const disable = obj(value.disable_info);
	const data: Obj = {
		event: 'template_status',
		waba_id: str(entry.id) ?? null,
		template_id: str(value.message_template_id) ?? null,
		template_name: str(value.message_template_name) ?? null,
		language: str(value.message_template_language) ?? null,
		status: normaliseTemplateStatus(value.event) ?? null,
		reason: str(value.reason) ?? null,
		category: str(value.message_template_category)?.toUpperCase() ?? null,
		rejection_info: obj(value.rejection_info) ?? null,
		other_info: obj(value.other_info) ?? null,
	};
	withTime(data, 'disable_date', disable?.disable_date);
	withTime(data, 'time', entry.time);
	const key = `ts:${str(entry.id)}:${data.template_id}:${data.status}:${data.time ?? ''}`;
	return finish('template_status', key, data, change);
}

function configurationEvent(entry: Obj, change: Obj, value: Obj): PaymentEvent {
	const data: Obj = {
		event: 'payment_configuration_update',
		waba_id: str(entry.id) ?? null,
		configuration_name: str(value.configuration_name) ?? null,
		provider_name: normaliseProviderName(value.provider_name) ?? null,
		provider_mid: str(value.provider_mid) ?? null,
		status: normaliseConfigurationStatus(value.status) ?? null,
		status_raw: str(value.status) ?? null,
	};
	withTime(data, 'created_timestamp', value.created_timestamp);
	withTime(data, 'updated_timestamp', value.updated_timestamp);
	withTime(data, 'time', entry.time);
	const key = `pc:${str(entry.id)}:${data.configuration_name}:${data.status}:${data.updated_timestamp ?? ''}`;
	return finish('payment_configuration_update', key, data, change);
}

/**
 * Turns one webhook delivery into payment events, in delivery order (entry by entry, change by
 * change, message/status by message/status). Lenient where Meta is inconsistent; never throws on
 * odd shapes: what it cannot read is counted as ignored.
 */
export function parseDelivery(body: unknown): ParsedDelivery {
	const events: PaymentEvent[] = [];
	let ignored = 0;
	for (const e of arr(obj(body)?.entry)) {
		const entry = obj(e);
		if (!entry) {
			ignored++;
			continue;
		}
		for (const c of arr(entry.changes)) {
			const change = obj(c);
			const value = change && obj(change.value);
			if (!change || !value) {
				ignored++;
				continue;
			}
			const before = events.length;
			if (change.field === 'payment_configuration_update') {
				events.push(configurationEvent(entry, change, value));
			} else if (change.field === 'message_template_status_update') {
				events.push(templateStatusEvent(entry, change, value));
			} else if (change.field === 'messages') {
				events.push(...paymentMethodEvents(entry, change, value));
				events.push(...cartOrderEvents(entry, change, value));
				events.push(...buyerMessageEvents(entry, change, value));
				events.push(...statusEvents(entry, change, value));
			}
			if (events.length === before) ignored++;
		}
	}
	return { events, ignored };
}
