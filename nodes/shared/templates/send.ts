/**
 * Template sends (`type: "template"`): the components of order details, payment request, checkout button
 * (single and carousel), order status and Enhanced Payment Link templates, built from plain inputs and validated as a whole.
 * The order_details object inside a template button comes from the one order builder (orders/build.ts),
 * and is validated by the same rules as the interactive message, in the template's flavor.
 */
import { buildMessage, buildOrderStatusParameters } from '../orders';
import type { Country, JsonObject, ValidateOptions } from '../orders';
import { isBlank, requireEnum } from '../validation';
import type { PaymentRequestType } from './limits';
import { HEADER_PARAMETER_TYPES, validateTemplate } from './validate';
import type { HeaderParameterType } from './validate';

/** The header parameter of a template with a variable text header or a media header. */
export interface HeaderParameterInput {
	type: HeaderParameterType;
	text?: string;
	/** Media by public link... */
	link?: string;
	/** ...or by the ID of an uploaded media asset. */
	id?: string;
	/** Documents: the file name the buyer sees. */
	filename?: string;
}

export interface TemplateBase {
	name: string;
	language: string;
	header?: HeaderParameterInput;
	bodyVariables?: string[];
}

export interface QuickReplyInput {
	/** The button's position in the template (0-based). */
	index: number;
	payload: string;
}

export interface PaymentRequestButtonInput {
	index: number;
	type: PaymentRequestType;
	/** The Pix code, the boleto digitable line or the payment link. */
	value: string;
}

export interface CarouselCardInput {
	header: HeaderParameterInput;
	bodyVariables?: string[];
	/** The card's order_details (from the order builder, checkout flavor). */
	parameters: JsonObject;
	quickReply?: { index: number; payload: string };
}

function headerComponent(h: HeaderParameterInput): JsonObject {
	const type = requireEnum(h.type, 'header.type', HEADER_PARAMETER_TYPES);
	if (type === 'text') return { type: 'header', parameters: [{ type: 'text', text: h.text }] };
	const media: JsonObject = {};
	if (!isBlank(h.id)) media.id = h.id;
	else media.link = h.link;
	if (type === 'document' && !isBlank(h.filename)) media.filename = h.filename;
	return { type: 'header', parameters: [{ type, [type]: media }] };
}

function bodyComponent(values: string[] | undefined): JsonObject | undefined {
	if (!values || values.length === 0) return undefined;
	return { type: 'body', parameters: values.map((text) => ({ type: 'text', text })) };
}

function head(base: TemplateBase): JsonObject[] {
	const out: JsonObject[] = [];
	if (base.header) out.push(headerComponent(base.header));
	const body = bodyComponent(base.bodyVariables);
	if (body) out.push(body);
	return out;
}

function template(base: TemplateBase, components: JsonObject[]): JsonObject {
	return {
		name: base.name,
		language: { policy: 'deterministic', code: base.language },
		components,
	};
}

function orderDetailsButton(parameters: JsonObject, index: number): JsonObject {
	return {
		type: 'button',
		sub_type: 'order_details',
		index,
		parameters: [{ type: 'action', action: { order_details: parameters } }],
	};
}

function quickReplies(list: QuickReplyInput[] | undefined): JsonObject[] {
	return (list ?? []).map((q) => ({
		type: 'button',
		sub_type: 'quick_reply',
		index: q.index,
		parameters: [{ type: 'payload', payload: q.payload }],
	}));
}

/** Order details template (Brazil and India): header and body variables, and the order in the button. */
export function buildOrderDetailsTemplate(
	base: TemplateBase,
	parameters: JsonObject,
	country: Country,
	opts: ValidateOptions & { buttonIndex?: number } = {},
): JsonObject {
	const t = template(base, [...head(base), orderDetailsButton(parameters, opts.buttonIndex ?? 0)]);
	validateTemplate(t, country, { ...opts, flavor: 'template' });
	return t;
}

/** Payment Request CTA template (Brazil): one button per payment method with its code, line or link. */
export function buildPaymentRequestTemplate(
	base: TemplateBase,
	buttons: PaymentRequestButtonInput[],
): JsonObject {
	const components = [
		...head(base),
		...buttons.map((b) => ({
			type: 'button',
			sub_type: 'payment_request',
			index: b.index,
			parameters: [
				{
					type: 'action',
					action: { payment_request: { payment_setting: paymentRequestSetting(b.type, b.value) } },
				},
			],
		})),
	];
	const t = template(base, components);
	validateTemplate(t, 'BR');
	return t;
}

function paymentRequestSetting(type: PaymentRequestType, value: string): JsonObject {
	if (type === 'pix_dynamic_code') return { type, pix_dynamic_code: { code: value } };
	if (type === 'boleto') return { type, boleto: { digitable_line: value } };
	return { type, payment_link: { uri: value } };
}

/** Checkout button template (India), single product: the order in the "Buy now" button, quick replies after it. */
export function buildCheckoutTemplate(
	base: TemplateBase,
	parameters: JsonObject,
	replies: QuickReplyInput[] = [],
	opts: ValidateOptions = {},
): JsonObject {
	const t = template(base, [
		...head(base),
		orderDetailsButton(parameters, 0),
		...quickReplies(replies),
	]);
	validateTemplate(t, 'IN', { ...opts, flavor: 'checkout' });
	return t;
}

/** Checkout button carousel (India): a top body and 2 to 10 cards, each with its own order. */
export function buildCheckoutCarouselTemplate(
	base: Omit<TemplateBase, 'header'>,
	cards: CarouselCardInput[],
	opts: ValidateOptions = {},
): JsonObject {
	const components: JsonObject[] = [];
	const body = bodyComponent(base.bodyVariables);
	if (body) components.push(body);
	components.push({
		type: 'carousel',
		cards: cards.map((card, card_index) => {
			const cc: JsonObject[] = [headerComponent(card.header)];
			const cardBody = bodyComponent(card.bodyVariables);
			if (cardBody) cc.push(cardBody);
			cc.push(orderDetailsButton(card.parameters, 0));
			if (card.quickReply) cc.push(...quickReplies([card.quickReply]));
			return { card_index, components: cc };
		}),
	});
	const t = template(base, components);
	validateTemplate(t, 'IN', { ...opts, flavor: 'checkout' });
	return t;
}

/** Order status template (India): the order's new status outside the 24-hour window. */
export function buildOrderStatusTemplate(
	base: Omit<TemplateBase, 'header'>,
	status: { referenceId: string; status: string; description?: string },
): JsonObject {
	const parameters = buildOrderStatusParameters({
		country: 'IN',
		referenceId: status.referenceId,
		status: status.status,
		description: status.description,
	});
	const components: JsonObject[] = [];
	const body = bodyComponent(base.bodyVariables);
	if (body) components.push(body);
	components.push({
		type: 'order_status',
		parameters: [{ type: 'order_status', order_status: parameters }],
	});
	const t = template(base, components);
	validateTemplate(t, 'IN');
	return t;
}

/**
 * Enhanced Payment Link template (India): the body variables and, in the one URL button, only the end of
 * the gateway link (WhatsApp appends it to the template's prefix). The button index is the string "0" as
 * Meta's Enhanced Payment Links page sends it.
 */
export function buildEnhancedPaymentLinkTemplate(
	base: Omit<TemplateBase, 'header'>,
	suffix: string,
): JsonObject {
	const components: JsonObject[] = [];
	const body = bodyComponent(base.bodyVariables);
	if (body) components.push(body);
	components.push({
		type: 'button',
		sub_type: 'url',
		index: '0',
		parameters: [{ type: 'text', text: suffix }],
	});
	const t = template(base, components);
	validateTemplate(t, 'IN');
	return t;
}

/** The Cloud API envelope of a template message. */
export function buildTemplateMessage(to: string, templateObject: JsonObject): JsonObject {
	return buildMessage(to, 'template', templateObject);
}
