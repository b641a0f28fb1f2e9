/**
 * The /{phone-number-id}/messages route: interactive order_details and order_status (inside the 24-hour
 * window) and template messages (templateSends.ts), validated as Meta does; orders stored, status webhooks
 * scheduled.
 */
import {
	PRODUCT_MESSAGE_TYPES,
	validateOrderDetailsInteractive,
	validateOrderStatusInteractive,
} from '../nodes/shared';
import { sendProductMessage } from './commerce';
import { requireWindow } from './conversation';
import { asGraph, metaError } from './errors';
import { detectCountry } from './rules';
import type { SandboxContext } from './context';
import { applyOrderStatus, recordOrderDetails, scheduleStatuses } from './orders';
import { sendTemplate } from './templateSends';
import { orderKey } from './store';
import type { Business, Json, PhoneNumber } from './types';

export function sendMessage(
	sb: SandboxContext,
	phone: PhoneNumber,
	business: Business,
	body: Json,
): Json {
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
			'The sandbox accepts interactive messages (order_details, order_status and product messages) and template messages.',
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

export function newWamid(sb: SandboxContext): string {
	return `wamid.${Buffer.from(sb.id('SBX')).toString('base64').replace(/=+$/, '')}`;
}

/** The `text` of a message part ({text: "..."}), when it has one. */
function textOf(part: unknown): string | undefined {
	const text = (part as Json | undefined)?.text;
	return typeof text === 'string' && text !== '' ? text : undefined;
}

function sendInteractive(
	sb: SandboxContext,
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
			applyOrderStatus(sb, business, parameters, wamid, undefined, {
				text: textOf(interactive?.body),
				footer: textOf(interactive?.footer),
			});
		} else if ((PRODUCT_MESSAGE_TYPES as readonly unknown[]).includes(type)) {
			sendProductMessage(sb, phone, business, waId, wamid, interactive as Json);
		} else {
			throw metaError(
				131051,
				`interactive.type must be order_details, order_status or a product message (${PRODUCT_MESSAGE_TYPES.join(', ')}) in the sandbox.`,
			);
		}
	});
}
