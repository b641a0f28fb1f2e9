/**
 * Commerce on Meta's side: each phone number's commerce settings (cart on, catalog visible), the
 * catalogs connected to the WABA and their products, and the product messages (single product, product
 * list, catalog message, product carousel) checked as Meta does and drawn in the buyer's chat. A cart the
 * buyer fills from one of them is sent by conversation.ts's buyerCart, the same `order` webhook as any cart.
 */
import { validateProductMessage, productsOfMessage } from '../nodes/shared';
import type { CommerceSettings } from '../nodes/shared';
import { catalogOf, chatEntry } from './conversation';
import { asGraph, metaError } from './errors';
import type { SandboxContext } from './context';
import type { Business, Catalog, Json, PhoneNumber } from './types';

/** What the sandbox keeps per phone number (Meta's answer adds the settings object's ID). */
export type NumberSettings = Omit<CommerceSettings, 'id'>;

/** Meta's defaults: the cart on, the storefront icon hidden. */
export function settingsOf(sb: SandboxContext, phoneId: string): NumberSettings {
	return (
		sb.store.commerceSettings.get(phoneId) ?? { is_cart_enabled: true, is_catalog_visible: false }
	);
}

function flag(value: string | null, name: string): boolean | undefined {
	if (value === null) return undefined;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw metaError(100, `${name} must be true or false (got "${value}").`);
}

/**
 * GET and POST /{phone-number-id}/whatsapp_commerce_settings. Meta documents the POST's settings as query
 * parameters; a JSON body is refused here, so a client that sends one learns it before going live.
 */
export function commerceSettingsEndpoint(
	sb: SandboxContext,
	method: string,
	phone: PhoneNumber,
	query: URLSearchParams,
	rawBody: string,
): Json {
	const id = `7277${phone.id.slice(-11)}`;
	if (method === 'GET') return { data: [{ ...settingsOf(sb, phone.id), id }] };
	if (rawBody.trim() !== '')
		throw metaError(
			100,
			'whatsapp_commerce_settings takes is_cart_enabled and is_catalog_visible as query parameters, not in the body.',
		);
	const cart = flag(query.get('is_cart_enabled'), 'is_cart_enabled');
	const visible = flag(query.get('is_catalog_visible'), 'is_catalog_visible');
	if (cart === undefined && visible === undefined)
		throw metaError(131008, 'Set is_cart_enabled or is_catalog_visible.');
	const settings = { ...settingsOf(sb, phone.id) };
	if (cart !== undefined) settings.is_cart_enabled = cart;
	if (visible !== undefined) settings.is_catalog_visible = visible;
	sb.store.commerceSettings.set(phone.id, settings);
	return { success: true };
}

/** GET /{waba-id}/product_catalogs: the catalog connected to the WABA (none when the shop has no products). */
export function productCatalogs(sb: SandboxContext, business: Business): Json {
	const catalog = catalogOf(sb, business);
	return {
		data: catalog.products.length > 0 ? [{ id: catalog.id, name: `${business.name} catalog` }] : [],
	};
}

/** GET /{catalog-id}/products: the catalog's products with the fields asked for. */
export function catalogProductsEndpoint(catalog: Catalog, fields: string | null): Json {
	const wanted = (fields ?? 'id,retailer_id,name').split(',').map((f) => f.trim());
	return {
		data: catalog.products.map((p, n) => {
			const all: Json = {
				id: `${catalog.id.slice(0, 8)}${String(n + 1).padStart(7, '0')}`,
				retailer_id: p.retailer_id,
				name: p.name,
				// Meta's products edge gives the price as text with its currency.
				price: `${p.currency} ${p.price}`,
				currency: p.currency,
			};
			return Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]]));
		}),
	};
}

/** The business whose catalog has this ID. */
export function catalogOwner(sb: SandboxContext, catalogId: string): Business | undefined {
	return sb.businesses.find((b) => catalogOf(sb, b).id === catalogId);
}

/**
 * An interactive product message: Meta's rules (the shared validator), then the catalog: the message's
 * catalog must be the one connected to the WABA; a single product or a card whose product is not in it is
 * refused (nothing sent); a product list is refused when none of its products is in the catalog and sent
 * without the missing ones otherwise (Meta's multi-product messages page). Drawn in the buyer's chat.
 */
export function sendProductMessage(
	sb: SandboxContext,
	phone: PhoneNumber,
	business: Business,
	waId: string,
	wamid: string,
	interactive: Json,
): void {
	const type = asGraph(() => validateProductMessage(interactive));
	const catalog = catalogOf(sb, business);
	const { catalogId, retailerIds } = productsOfMessage(interactive);
	if (type === 'catalog_message' && catalog.products.length === 0)
		throw metaError(
			131009,
			'No catalog with products is connected to this WhatsApp Business Account.',
		);
	if (catalogId !== undefined && catalogId !== catalog.id)
		throw metaError(
			131009,
			`Catalog ${catalogId} is not connected to this WhatsApp Business Account (its catalog is ${catalog.id}).`,
		);
	const known = new Set(catalog.products.map((p) => p.retailer_id));
	const missing = retailerIds.filter((id) => !known.has(id));
	if (type === 'product_list' ? missing.length === retailerIds.length : missing.length > 0)
		throw metaError(
			131009,
			`Product${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found in catalog ${catalog.id}.`,
		);
	chatEntry(sb, business, phone, {
		id: wamid,
		wa_id: waId,
		direction: 'in',
		kind: 'products',
		text: (interactive.body as Json | undefined)?.text as string | undefined,
		header: (interactive.header as Json | undefined)?.text as string | undefined,
		footer: (interactive.footer as Json | undefined)?.text as string | undefined,
		products: interactive,
		dropped: missing.length > 0 ? missing : undefined,
	});
}

/**
 * The products a buyer can put in a cart from a product message (a catalog message opens the whole
 * catalog); undefined when the message is not a product message of this chat.
 */
export function offeredBy(
	sb: SandboxContext,
	business: Business,
	wamid: string,
	waId: string,
): string[] | undefined {
	const entry = sb.store.chat.find(
		(e) =>
			e.id === wamid && e.kind === 'products' && e.waba_id === business.wabaId && e.wa_id === waId,
	);
	if (!entry?.products) return undefined;
	if (entry.products.type === 'catalog_message')
		return catalogOf(sb, business).products.map((p) => p.retailer_id);
	const dropped = new Set(entry.dropped ?? []);
	return productsOfMessage(entry.products).retailerIds.filter((id) => !dropped.has(id));
}
