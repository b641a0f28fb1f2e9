/**
 * What the sandbox keeps of an order as messages reach it, whether sent interactive (messages.ts) or
 * by template (templateSends.ts): the stored order, its status changes and the status webhooks.
 */
import { normaliseStatus } from '../nodes/shared';
import type { Country, OrderStatus } from '../nodes/shared';
import type { SandboxContext } from './context';
import { metaError } from './errors';
import { checkOrderTransition } from './rules';
import { orderKey } from './store';
import type { Business, Json, PhoneNumber, StoredOrder } from './types';

/**
 * Stores (or re-sends) the order of an order_details message, interactive or template. `details` has the
 * interactive shape (body, footer, header, action.parameters), which the buyer simulator draws.
 */
export function recordOrderDetails(
	sb: SandboxContext,
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
	sb: SandboxContext,
	business: Business,
	parameters: Json,
	wamid: string,
	template?: string,
	/** What the buyer reads in the bubble: the message's body text and footer. */
	shown: { text?: string; footer?: string } = {},
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
		text: shown.text,
		footer: shown.footer,
	});
	sb.store.count(`${ref}:order_status`);
}

export function scheduleStatuses(
	sb: SandboxContext,
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
