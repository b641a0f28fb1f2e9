/**
 * Commerce: the phone number's commerce settings and the four interactive messages that show the shop's
 * catalog (single product, product list, catalog message, product carousel), built and checked with
 * Meta's limits before anything is sent. The sandbox checks incoming messages with the same validators.
 *
 * Meta's pages:
 * - settings: https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/sell-products-and-services/set-commerce-settings
 * - single product: https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/single-product-messages
 * - product list: https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/multi-product-messages
 *   (section title rule: the messages reference, "Section object")
 * - catalog message: https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/catalog-messages
 * - carousel: https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/interactive-product-carousel-messages
 */
import type { JsonObject } from './orders';
import {
	fail,
	isBlank,
	isPlainObject,
	rejectUnknownKeys,
	requireArray,
	requireObject,
	requireString,
} from './validation';

export const COMMERCE_LIMITS = {
	body: 1024,
	footer: 60,
	header: 60,
	sectionTitle: 24,
	sections: 10,
	/** Products across all sections of one product list. */
	productItems: 30,
	cardsMin: 2,
	cardsMax: 10,
};

/** The interactive types of product messages. */
export const PRODUCT_MESSAGE_TYPES = [
	'product',
	'product_list',
	'catalog_message',
	'carousel',
] as const;
export type ProductMessageType = (typeof PRODUCT_MESSAGE_TYPES)[number];

const CATALOG_ID = { pattern: /^\d+$/, patternRule: 'must be the numeric catalog ID' };

// ---- commerce settings ----------------------------------------------------------------------------

export interface CommerceSettings {
	id: string | null;
	is_cart_enabled: boolean;
	is_catalog_visible: boolean;
}

/**
 * Meta's answer to GET /{phone-number-id}/whatsapp_commerce_settings (`{data: [{...}]}`) as one object.
 * Meta's defaults (cart on, catalog icon hidden) stand in for a missing entry.
 */
export function parseCommerceSettings(body: unknown): CommerceSettings {
	const data = isPlainObject(body) && Array.isArray(body.data) ? body.data : [];
	const first = isPlainObject(data[0]) ? data[0] : {};
	return {
		id: typeof first.id === 'string' ? first.id : null,
		is_cart_enabled: first.is_cart_enabled !== false && first.is_cart_enabled !== 'false',
		is_catalog_visible: first.is_catalog_visible === true || first.is_catalog_visible === 'true',
	};
}

/** A form's choice ('true', 'false', 'unchanged') or a boolean; undefined leaves the setting as it is. */
function choice(value: unknown, field: string): boolean | undefined {
	if (value === undefined || value === null || value === '' || value === 'unchanged')
		return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return fail(field, 'must be true or false', value);
}

/**
 * The query of POST /{phone-number-id}/whatsapp_commerce_settings: Meta takes the settings as query
 * parameters, not as a JSON body; at least one must change.
 */
export function commerceSettingsQuery(input: { cartEnabled?: unknown; catalogVisible?: unknown }): {
	is_cart_enabled?: boolean;
	is_catalog_visible?: boolean;
} {
	const cart = choice(input.cartEnabled, 'is_cart_enabled');
	const catalog = choice(input.catalogVisible, 'is_catalog_visible');
	if (cart === undefined && catalog === undefined)
		fail(
			'is_cart_enabled',
			'or is_catalog_visible must be set: choose Enabled or Disabled for the cart or the catalog',
			undefined,
			'missing',
		);
	return {
		...(cart === undefined ? {} : { is_cart_enabled: cart }),
		...(catalog === undefined ? {} : { is_catalog_visible: catalog }),
	};
}

// ---- builders (the node's form -> Meta's interactive object) -----------------------------------

interface TextParts {
	body?: string;
	footer?: string;
}

/** Body and footer; a required body is kept even when empty, so its rule names body.text. */
function textParts(input: TextParts, bodyRequired = true): JsonObject {
	const out: JsonObject = {};
	if (bodyRequired || !isBlank(input.body)) out.body = { text: input.body };
	if (!isBlank(input.footer)) out.footer = { text: input.footer };
	return out;
}

/** A list of retailer IDs from a form: an array, or text separated by commas or new lines. */
export function retailerIdList(value: unknown, field: string): string[] {
	if (Array.isArray(value)) return value.map((v, n) => requireString(v, `${field}[${n}]`).trim());
	if (isBlank(value)) return [];
	if (typeof value !== 'string')
		return fail(field, 'must be text or a list of retailer IDs', value);
	return value
		.split(/[\n,]/)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

export function buildSingleProductInteractive(
	input: TextParts & { catalogId: string; retailerId: string },
): JsonObject {
	const interactive: JsonObject = {
		type: 'product',
		...textParts(input, false),
		action: { catalog_id: input.catalogId, product_retailer_id: input.retailerId },
	};
	validateProductMessage(interactive);
	return interactive;
}

export function buildProductListInteractive(
	input: TextParts & {
		catalogId: string;
		header: string;
		sections: Array<{ title?: string; retailerIds: unknown }>;
	},
): JsonObject {
	const sections = input.sections.map((section, n) => {
		const out: JsonObject = {};
		if (!isBlank(section.title)) out.title = section.title;
		out.product_items = retailerIdList(
			section.retailerIds,
			`action.sections[${n}].product_items`,
		).map((id) => ({ product_retailer_id: id }));
		return out;
	});
	const interactive: JsonObject = {
		type: 'product_list',
		header: { type: 'text', text: input.header },
		...textParts(input),
		action: { catalog_id: input.catalogId, sections },
	};
	validateProductMessage(interactive);
	return interactive;
}

export function buildCatalogMessageInteractive(
	input: TextParts & { thumbnailRetailerId?: string },
): JsonObject {
	const action: JsonObject = { name: 'catalog_message' };
	if (!isBlank(input.thumbnailRetailerId))
		action.parameters = { thumbnail_product_retailer_id: input.thumbnailRetailerId };
	const interactive: JsonObject = { type: 'catalog_message', ...textParts(input), action };
	validateProductMessage(interactive);
	return interactive;
}

export function buildProductCarouselInteractive(input: {
	body: string;
	catalogId: string;
	retailerIds: unknown;
}): JsonObject {
	const cards = retailerIdList(input.retailerIds, 'action.cards').map((id, n) => ({
		card_index: n,
		type: 'product',
		action: { product_retailer_id: id, catalog_id: input.catalogId },
	}));
	const interactive: JsonObject = {
		type: 'carousel',
		...textParts({ body: input.body }),
		action: { cards },
	};
	validateProductMessage(interactive);
	return interactive;
}

// ---- validators (Meta's interactive object -> the first broken rule) ------------------------------

function text(
	parent: Record<string, unknown>,
	key: string,
	max: number,
	required: boolean,
): string | undefined {
	const value = parent[key];
	if (value === undefined && !required) return undefined;
	const part = requireObject(value, key);
	rejectUnknownKeys(part, key, ['text']);
	return requireString(part.text, `${key}.text`, { max });
}

function retailerId(value: unknown, field: string): string {
	const id = requireString(value, field);
	if (id !== id.trim()) fail(field, 'must not start or end with spaces', value);
	return id;
}

function validateSingleProduct(interactive: Record<string, unknown>): void {
	rejectUnknownKeys(interactive, 'interactive', ['type', 'body', 'footer', 'action']);
	text(interactive, 'body', COMMERCE_LIMITS.body, false);
	text(interactive, 'footer', COMMERCE_LIMITS.footer, false);
	const action = requireObject(interactive.action, 'action');
	rejectUnknownKeys(action, 'action', ['catalog_id', 'product_retailer_id']);
	requireString(action.catalog_id, 'action.catalog_id', CATALOG_ID);
	retailerId(action.product_retailer_id, 'action.product_retailer_id');
}

function validateProductList(interactive: Record<string, unknown>): void {
	rejectUnknownKeys(interactive, 'interactive', ['type', 'header', 'body', 'footer', 'action']);
	const header = requireObject(interactive.header, 'header');
	rejectUnknownKeys(header, 'header', ['type', 'text']);
	if (header.type !== 'text')
		fail('header.type', 'must be text (a product list has a text header)', header.type);
	requireString(header.text, 'header.text', { max: COMMERCE_LIMITS.header });
	text(interactive, 'body', COMMERCE_LIMITS.body, true);
	text(interactive, 'footer', COMMERCE_LIMITS.footer, false);
	const action = requireObject(interactive.action, 'action');
	rejectUnknownKeys(action, 'action', ['catalog_id', 'sections']);
	requireString(action.catalog_id, 'action.catalog_id', CATALOG_ID);
	const sections = requireArray(action.sections, 'action.sections', {
		min: 1,
		max: COMMERCE_LIMITS.sections,
	});
	let count = 0;
	sections.forEach((raw, n) => {
		const field = `action.sections[${n}]`;
		const section = requireObject(raw, field);
		rejectUnknownKeys(section, field, ['title', 'product_items']);
		if (sections.length > 1 || section.title !== undefined)
			requireString(section.title, `${field}.title`, { max: COMMERCE_LIMITS.sectionTitle });
		const items = requireArray(section.product_items, `${field}.product_items`, { min: 1 });
		items.forEach((item, k) => {
			const itemField = `${field}.product_items[${k}]`;
			const product = requireObject(item, itemField);
			rejectUnknownKeys(product, itemField, ['product_retailer_id']);
			retailerId(product.product_retailer_id, `${itemField}.product_retailer_id`);
		});
		count += items.length;
		if (count > COMMERCE_LIMITS.productItems)
			fail(
				`${field}.product_items`,
				`brings the products of all sections to ${count}: a product list holds at most ${COMMERCE_LIMITS.productItems}`,
				undefined,
				'length',
			);
	});
}

function validateCatalogMessage(interactive: Record<string, unknown>): void {
	rejectUnknownKeys(interactive, 'interactive', ['type', 'body', 'footer', 'action']);
	text(interactive, 'body', COMMERCE_LIMITS.body, true);
	text(interactive, 'footer', COMMERCE_LIMITS.footer, false);
	const action = requireObject(interactive.action, 'action');
	rejectUnknownKeys(action, 'action', ['name', 'parameters']);
	if (action.name !== 'catalog_message')
		fail('action.name', 'must be catalog_message', action.name);
	if (action.parameters === undefined) return;
	const parameters = requireObject(action.parameters, 'action.parameters');
	rejectUnknownKeys(parameters, 'action.parameters', ['thumbnail_product_retailer_id']);
	if (parameters.thumbnail_product_retailer_id !== undefined)
		retailerId(
			parameters.thumbnail_product_retailer_id,
			'action.parameters.thumbnail_product_retailer_id',
		);
}

function validateProductCarousel(interactive: Record<string, unknown>): void {
	// No header, footer or buttons: the cards carry the products.
	rejectUnknownKeys(interactive, 'interactive', ['type', 'body', 'action']);
	text(interactive, 'body', COMMERCE_LIMITS.body, true);
	const action = requireObject(interactive.action, 'action');
	rejectUnknownKeys(action, 'action', ['cards']);
	const cards = requireArray(action.cards, 'action.cards', {
		min: COMMERCE_LIMITS.cardsMin,
		max: COMMERCE_LIMITS.cardsMax,
	});
	const seen = new Set<number>();
	let catalog: string | undefined;
	cards.forEach((raw, n) => {
		const field = `action.cards[${n}]`;
		const card = requireObject(raw, field);
		rejectUnknownKeys(card, field, ['card_index', 'type', 'action']);
		const index = card.card_index;
		if (
			typeof index !== 'number' ||
			!Number.isInteger(index) ||
			index < 0 ||
			index >= COMMERCE_LIMITS.cardsMax
		)
			fail(
				`${field}.card_index`,
				`must be a whole number from 0 to ${COMMERCE_LIMITS.cardsMax - 1}`,
				index,
			);
		if (seen.has(index)) fail(`${field}.card_index`, 'must be unique among the cards', index);
		seen.add(index);
		if (card.type !== 'product')
			fail(
				`${field}.type`,
				'must be product (a product carousel has only product cards)',
				card.type,
			);
		const cardAction = requireObject(card.action, `${field}.action`);
		rejectUnknownKeys(cardAction, `${field}.action`, ['product_retailer_id', 'catalog_id']);
		retailerId(cardAction.product_retailer_id, `${field}.action.product_retailer_id`);
		const id = requireString(cardAction.catalog_id, `${field}.action.catalog_id`, CATALOG_ID);
		if (catalog !== undefined && id !== catalog)
			fail(
				`${field}.action.catalog_id`,
				`must be the same catalog on every card (card 0 has ${catalog})`,
				id,
			);
		catalog = id;
	});
}

/**
 * Checks an interactive product message (product, product_list, catalog_message or carousel) by Meta's
 * rules and returns its type; the first broken rule is thrown as a PaymentsValidationError naming the field.
 */
export function validateProductMessage(interactive: unknown): ProductMessageType {
	const message = requireObject(interactive, 'interactive');
	const type = message.type;
	if (type === 'product') validateSingleProduct(message);
	else if (type === 'product_list') validateProductList(message);
	else if (type === 'catalog_message') validateCatalogMessage(message);
	else if (type === 'carousel') validateProductCarousel(message);
	else fail('type', `must be one of ${PRODUCT_MESSAGE_TYPES.join(', ')}`, type);
	return type;
}

/** The retailer IDs a product message offers, in order (none for a catalog message's whole catalog). */
export function productsOfMessage(interactive: JsonObject): {
	catalogId?: string;
	retailerIds: string[];
} {
	const action = (interactive.action ?? {}) as JsonObject;
	if (interactive.type === 'product')
		return {
			catalogId: action.catalog_id as string,
			retailerIds: [action.product_retailer_id as string],
		};
	if (interactive.type === 'product_list')
		return {
			catalogId: action.catalog_id as string,
			retailerIds: (action.sections as JsonObject[]).flatMap((s) =>
				(s.product_items as JsonObject[]).map((p) => p.product_retailer_id as string),
			),
		};
	if (interactive.type === 'carousel') {
		const cards = action.cards as JsonObject[];
		return {
			catalogId: (cards[0]?.action as JsonObject | undefined)?.catalog_id as string | undefined,
			retailerIds: cards.map((c) => (c.action as JsonObject).product_retailer_id as string),
		};
	}
	return { retailerIds: [] };
}
