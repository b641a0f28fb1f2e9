/**
 * The buyer's side of the chat that is not about paying: the 24-hour customer-service window, texts and
 * carts the buyer sends (each opens the window, as on WhatsApp), and the shop's catalog the carts come from.
 */
import { offeredBy, settingsOf } from './commerce';
import { metaError } from './errors';
import type { SandboxContext } from './context';
import type { Business, Catalog, ChatEntry, Json, PhoneNumber } from './types';

const WINDOW_SECONDS = 24 * 60 * 60;

function key(phoneId: string, waId: string): string {
	return `${phoneId}:${waId}`;
}

/** Whether the shop may send this buyer an interactive (non-template) message now. */
export function windowOpen(sb: SandboxContext, phoneId: string, waId: string): boolean {
	const last = sb.store.lastInbound.get(key(phoneId, waId));
	if (last !== undefined) return sb.nowSeconds() - last < WINDOW_SECONDS;
	if (sb.store.outsideWindow.has(waId)) return false;
	return sb.sessionWindow !== 'strict';
}

/** Meta's 131047 for an interactive message outside the window. */
export function requireWindow(sb: SandboxContext, phone: PhoneNumber, waId: string): void {
	if (windowOpen(sb, phone.id, waId)) return;
	const last = sb.store.lastInbound.get(key(phone.id, waId));
	throw metaError(
		131047,
		last === undefined
			? `Message failed to send because the buyer ${waId} has not written to this business number: only templates can start the conversation.`
			: `Message failed to send because more than 24 hours have passed since the buyer ${waId} last wrote (at ${new Date(last * 1000).toISOString()}).`,
	);
}

/** Opens or closes a buyer's window (control API): closed as if the buyer last wrote `hours_ago` hours ago. */
export function setWindow(sb: SandboxContext, body: Json): Json {
	const waId = String(body.wa_id ?? '');
	const phoneId = String(body.phone_number_id ?? sb.options.phoneNumbers[0].id);
	if (body.open === false) {
		sb.store.lastInbound.delete(key(phoneId, waId));
		const hours = Number(body.hours_ago ?? 0);
		if (hours > 0) sb.store.lastInbound.set(key(phoneId, waId), sb.nowSeconds() - hours * 3600);
		else sb.store.outsideWindow.add(waId);
	} else {
		sb.store.lastInbound.set(key(phoneId, waId), sb.nowSeconds());
	}
	return { wa_id: waId, phone_number_id: phoneId, window_open: windowOpen(sb, phoneId, waId) };
}

function shopOf(sb: SandboxContext, body: Json): { business: Business; phone: PhoneNumber } {
	const phoneId = body.phone_number_id ? String(body.phone_number_id) : undefined;
	const byPhone = phoneId ? sb.businessByPhone(phoneId) : undefined;
	if (byPhone) return byPhone;
	const business = sb.businessByWaba(String(body.waba_id ?? sb.options.wabaId));
	if (!business || phoneId)
		throw metaError(
			100,
			`Unknown shop: phone_number_id ${phoneId ?? '-'} / waba_id ${String(body.waba_id ?? '-')}.`,
		);
	return { business, phone: business.phoneNumbers[0] };
}

function inbound(
	sb: SandboxContext,
	business: Business,
	phone: PhoneNumber,
	waId: string,
	name: string,
	message: Json,
): Json {
	sb.store.lastInbound.set(key(phone.id, waId), sb.nowSeconds());
	sb.store.outsideWindow.delete(waId);
	const record = sb.emit(
		'messages',
		{
			messaging_product: 'whatsapp',
			metadata: {
				display_phone_number: phone.display_phone_number.replace(/\D/g, ''),
				phone_number_id: phone.id,
			},
			contacts: [{ profile: { name }, wa_id: waId }],
			messages: [{ from: waId, timestamp: String(sb.nowSeconds()), ...message }],
		},
		{ wabaId: business.wabaId },
	);
	return { message_id: message.id, delivery_id: record.id, url: record.url };
}

export function chatEntry(
	sb: SandboxContext,
	business: Business,
	phone: PhoneNumber,
	entry: Partial<ChatEntry>,
): ChatEntry {
	const out = {
		id: `wamid.${Buffer.from(sb.id('IN')).toString('base64').replace(/=+$/, '')}`,
		at: sb.nowSeconds(),
		waba_id: business.wabaId,
		phone_number_id: phone.id,
		...entry,
	} as ChatEntry;
	sb.store.chat.push(out);
	return out;
}

function buyer(body: Json): { waId: string; name: string } {
	const waId = String(body.wa_id ?? '').replace(/^\+/, '');
	if (!/^\d{6,20}$/.test(waId))
		throw metaError(100, `wa_id must be the buyer's number, digits only (got "${waId}").`);
	return { waId, name: String(body.name ?? 'Sandbox Buyer') };
}

/** The buyer writes a text to the shop (opens the 24-hour window). */
export function buyerText(sb: SandboxContext, body: Json): Json {
	const { business, phone } = shopOf(sb, body);
	const { waId, name } = buyer(body);
	const text = String(body.text ?? 'Oi!');
	const entry = chatEntry(sb, business, phone, {
		wa_id: waId,
		direction: 'out',
		kind: 'text',
		text,
	});
	return inbound(sb, business, phone, waId, name, {
		id: entry.id,
		type: 'text',
		text: { body: text },
	});
}

/** The shop's catalog (the default shops have one; tests may pass their own). */
export function catalogOf(sb: SandboxContext, business: Business): Catalog {
	return business.catalog ?? { id: `catalog-${business.wabaId}`, products: [] };
}

/**
 * The buyer sends a cart from the catalog: the `order` webhook, with unit prices in major units as Meta
 * sends them (numbers, or text when `as_strings`), and the cart in the chat. With `message_id`, the cart
 * is filled from that product message (single product, product list, catalog message or carousel): only
 * its products can be in it. A number whose cart is disabled (commerce settings) has no cart to send.
 */
export function buyerCart(sb: SandboxContext, body: Json): Json {
	const { business, phone } = shopOf(sb, body);
	const { waId, name } = buyer(body);
	const catalog = catalogOf(sb, business);
	if (!settingsOf(sb, phone.id).is_cart_enabled)
		throw metaError(
			100,
			`The cart is disabled for phone number ${phone.id} (commerce settings): buyers cannot send carts.`,
		);
	const fromMessage = body.message_id ? String(body.message_id) : undefined;
	const offered = fromMessage ? offeredBy(sb, business, fromMessage, waId) : undefined;
	if (fromMessage && !offered)
		throw metaError(100, `Message ${fromMessage} is not a product message in this buyer's chat.`);
	const wanted = (
		Array.isArray(body.items) && body.items.length > 0
			? body.items
			: (offered ?? catalog.products.map((p) => p.retailer_id))
					.slice(0, 2)
					.map((id, i) => ({ retailer_id: id, quantity: i + 1 }))
	) as Json[];
	for (const w of wanted)
		if (offered && !offered.includes(String(w.retailer_id)))
			throw metaError(
				100,
				`Product "${String(w.retailer_id)}" is not offered by message ${fromMessage}.`,
			);
	const strings = body.as_strings === true;
	const productItems = wanted.map((w) => {
		const product = catalog.products.find((p) => p.retailer_id === w.retailer_id);
		const price = w.item_price ?? (product ? Number(product.price) : undefined);
		if (price === undefined)
			throw metaError(100, `Product "${String(w.retailer_id)}" is not in catalog ${catalog.id}.`);
		const quantity = w.quantity ?? 1;
		return {
			product_retailer_id: String(w.retailer_id),
			quantity: strings ? String(quantity) : quantity,
			item_price: strings ? String(price) : price,
			currency: String(w.currency ?? product?.currency ?? 'INR'),
		};
	});
	const order: Json = { catalog_id: catalog.id, product_items: productItems };
	if (body.text) order.text = String(body.text);
	const entry = chatEntry(sb, business, phone, {
		wa_id: waId,
		direction: 'out',
		kind: 'cart',
		text: body.text ? String(body.text) : undefined,
		cart: order,
	});
	return inbound(sb, business, phone, waId, name, { id: entry.id, type: 'order', order });
}
