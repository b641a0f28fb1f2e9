import * as crypto from 'crypto';

import { toDecimal } from './money';
import { epochSeconds, isoOf } from './time';
import { normaliseConfigurationStatus, normaliseProviderName } from './paymentConfiguration';
import { ALL_PASS_THROUGH_FIELDS, normaliseStatus } from './orders';

export const EVENT_TYPES = [
	'payment_method',
	'payment_configuration_update',
	'payment_status',
	'order_message_status',
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
			} else if (change.field === 'messages') {
				events.push(...paymentMethodEvents(entry, change, value));
				events.push(...statusEvents(entry, change, value));
			}
			if (events.length === before) ignored++;
		}
	}
	return { events, ignored };
}
