/**
 * The /{phone-number-id}/messages route: interactive order_details and order_status (inside the 24-hour
 * window) and template messages (templateSends.ts), validated as Meta does; orders stored, status webhooks
 * scheduled.
 */
import {
	normaliseStatus,
	validateOrderDetailsInteractive,
	validateOrderStatusInteractive,
} from '../nodes/shared';
import type { Country, OrderStatus } from '../nodes/shared';
import { requireWindow } from './conversation';
import { asGraph, metaError } from './errors';
import { checkOrderTransition, detectCountry } from './rules';
import type { Sandbox } from './server';
import { sendTemplate } from './templateSends';
import { orderKey } from './store';
import type { Business, Json, PhoneNumber, StoredOrder } from './types';

export function sendMessage(sb: Sandbox, phone: PhoneNumber, business: Business, body: Json): Json {
	if (body.messaging_product !== 'whatsapp') {
		throw metaError(100, 'messaging_product is required and must be "whatsapp".');
	}
	const to = String(body.to ?? '');
	if (!/^\+?\d{6,20}$/.test(to))
		throw metaError(100, `to must be a WhatsApp phone number or ID (got "${to}").`);
	const waId = to.replace(/^\+/, '');
	if (waId === phone.display_phone_number.replace(/\D/g, '')) throw metaError(131021);
	const wamid = newWamid(sb);
	if (body.type === 'template') {
		sendTemplate(sb, phone, business, waId, wamid, body.template);
	} else if (body.type === 'interactive') {
		requireWindow(sb, phone, waId);
		sendInteractive(sb, phone, business, waId, wamid, body.interactive as Json | undefined);
	} else {
		throw metaError(
			131051,
			'The sandbox accepts interactive order_details and order_status messages, and template messages.',
		);
	}
	scheduleStatuses(sb, phone, business, waId, wamid);
	const answer: Json = {
		messaging_product: 'whatsapp',
		contacts: [{ input: to, wa_id: waId }],
		messages: [{ id: wamid }],
	};
	if (body.type === 'template') (answer.messages as Json[])[0].message_status = 'accepted';
	return answer;
}

export function newWamid(sb: Sandbox): string {
	return `wamid.${Buffer.from(sb.id('SBX')).toString('base64').replace(/=+$/, '')}`;
}

function sendInteractive(
	sb: Sandbox,
	phone: PhoneNumber,
	business: Business,
	waId: string,
	wamid: string,
	interactive: Json | undefined,
): void {
	const type = interactive?.type;
	const parameters = ((interactive?.action as Json | undefined)?.parameters ?? {}) as Json;
	asGraph(() => {
		if (type === 'order_details') {
			const country = detectCountry(parameters);
			if (!country)
				throw metaError(131009, 'parameters.currency must be BRL (Brazil) or INR (India).');
			const total = validateOrderDetailsInteractive(interactive, country, { now: sb.nowSeconds() });
			recordOrderDetails(sb, {
				phone,
				business,
				waId,
				wamid,
				country,
				total,
				details: interactive as Json,
			});
		} else if (type === 'order_status') {
			const ref = String(parameters.reference_id ?? '');
			const order = ref ? sb.store.orders.get(orderKey(ref, business.wabaId)) : undefined;
			validateOrderStatusInteractive(
				interactive,
				order?.country ?? detectCountry(parameters) ?? 'BR',
			);
			applyOrderStatus(sb, business, parameters, wamid);
		} else {
			throw metaError(
				131051,
				'interactive.type must be order_details or order_status in the sandbox.',
			);
		}
	});
}

/**
 * Stores (or re-sends) the order of an order_details message, interactive or template. `details` has the
 * interactive shape (body, footer, header, action.parameters), which the buyer simulator draws.
 */
export function recordOrderDetails(
	sb: Sandbox,
	m: {
		phone: PhoneNumber;
		business: Business;
		waId: string;
		wamid: string;
		country: Country;
		total: number;
		details: Json;
		template?: string;
		carousel?: string;
	},
): StoredOrder {
	const parameters = (m.details.action as Json).parameters as Json;
	const ref = String(parameters.reference_id);
	const key = orderKey(ref, m.business.wabaId);
	const existing = sb.store.orders.get(key);
	if (existing && existing.status !== 'pending') {
		throw metaError(
			131009,
			`reference_id "${ref}" belongs to an order that is already ${existing.status}; use a new reference_id.`,
		);
	}
	const order: StoredOrder = existing ?? {
		reference_id: ref,
		country: m.country,
		waba_id: m.business.wabaId,
		phone_number_id: m.phone.id,
		wa_id: m.waId,
		total: m.total,
		currency: String(parameters.currency),
		status: 'pending',
		payment: 'none',
		details: m.details,
		settings: [],
		messages: [],
		details_count: 0,
		history: [],
		refunds: [],
		transactions: [],
	};
	order.details = m.details;
	order.total = m.total;
	order.wa_id = m.waId;
	order.settings = ((parameters.payment_settings as Json[] | undefined) ?? []).map((s) =>
		String(s.type),
	);
	if (parameters.payment_configuration) order.settings.push('legacy_upi');
	order.details_count++;
	order.messages.push(m.wamid);
	order.history.push({
		at: sb.nowSeconds(),
		kind: 'order_details',
		status: 'pending',
		message_id: m.wamid,
		template: m.template,
		carousel: m.carousel,
	});
	sb.store.orders.set(key, order);
	sb.store.count(`${ref}:order_details`);
	return order;
}

/** Applies an order_status (interactive or template) to its order, with Meta's transition rules. */
export function applyOrderStatus(
	sb: Sandbox,
	business: Business,
	parameters: Json,
	wamid: string,
	template?: string,
): void {
	const ref = String(parameters.reference_id ?? '');
	const order = ref ? sb.store.orders.get(orderKey(ref, business.wabaId)) : undefined;
	if (!order)
		throw metaError(
			131009,
			`parameters.reference_id "${ref}" does not match any order_details message sent by this business.`,
		);
	const orderPart = parameters.order as Json | undefined;
	const paymentPart = parameters.payment as Json | undefined;
	if (orderPart) {
		const to = normaliseStatus(orderPart.status) as OrderStatus;
		const paymentState =
			order.payment === 'captured' ? 'captured' : order.payment === 'pending' ? 'pending' : 'none';
		const refused =
			to === order.status && to !== 'pending'
				? undefined
				: checkOrderTransition(order.status, to, paymentState);
		if (refused) throw metaError(refused.code, refused.reason);
		order.status = to;
	}
	if (paymentPart) order.payment = paymentPart.status as StoredOrder['payment'];
	order.messages.push(wamid);
	order.history.push({
		at: sb.nowSeconds(),
		kind: 'order_status',
		status: orderPart ? String(order.status) : undefined,
		payment: paymentPart ? String(paymentPart.status) : undefined,
		description: orderPart?.description as string | undefined,
		message_id: wamid,
		template,
	});
	sb.store.count(`${ref}:order_status`);
}

export function scheduleStatuses(
	sb: Sandbox,
	phone: PhoneNumber,
	business: Business,
	waId: string,
	wamid: string,
): void {
	const delay = sb.options.statusDelayMs;
	if (!delay) return;
	(['sent', 'delivered', 'read'] as const).forEach((status, n) => {
		sb.later(delay * (n + 1), () =>
			sb.emit(
				'messages',
				{
					messaging_product: 'whatsapp',
					metadata: {
						display_phone_number: phone.display_phone_number.replace(/\D/g, ''),
						phone_number_id: phone.id,
					},
					statuses: [{ id: wamid, status, timestamp: String(sb.nowSeconds()), recipient_id: waId }],
				},
				{ wabaId: business.wabaId },
			),
		);
	});
}
