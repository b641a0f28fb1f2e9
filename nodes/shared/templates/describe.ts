/**
 * Reading a template as Meta returns it from `message_templates`: its status in one spelling, which
 * payment kind it is, and what a send must fill in (header format, variable counts, buttons by index).
 * The node's dropdowns, its pre-send checks and the sandbox's send validation all read templates here.
 */
import { isPlainObject } from '../validation';
import { normaliseStatus } from '../orders';
import { BUTTON_TEXT } from './limits';
import { dynamicUrlPrefix, paymentLinkPrefixOf } from './paymentLink';
import type { HeaderFormat, TemplateKind } from './limits';

type Obj = Record<string, unknown>;

export interface TemplateButtonInfo {
	index: number;
	/** Upper-case button type: ORDER_DETAILS, PAYMENT_REQUEST, QUICK_REPLY, URL... */
	type: string;
	text: string;
	/** PAYMENT_REQUEST buttons: the payment setting type they carry. */
	paymentType?: string;
	/** URL buttons: the URL as defined (a dynamic one ends with {{1}}). */
	url?: string;
}

export interface TemplateCardInfo {
	headerFormat?: HeaderFormat;
	bodyVariables: number;
	buttons: TemplateButtonInfo[];
}

export interface TemplateInfo {
	id?: string;
	name: string;
	language: string;
	status: string;
	category: string;
	/** The payment kind, or undefined for templates that carry no payment. */
	kind?: TemplateKind;
	headerFormat?: HeaderFormat;
	headerVariables: number;
	headerText?: string;
	bodyText: string;
	bodyVariables: number;
	footerText?: string;
	buttons: TemplateButtonInfo[];
	cards: TemplateCardInfo[];
	/** Enhanced Payment Link templates: the gateway prefix their button's {{1}} follows. */
	paymentLinkPrefix?: string;
}

/** Template statuses in the API's upper-case spelling; WhatsApp Manager's ACTIVE is APPROVED. */
export function normaliseTemplateStatus(value: unknown): string | undefined {
	const s = normaliseStatus(value);
	if (s === undefined) return undefined;
	const upper = s.toUpperCase();
	return upper === 'ACTIVE' ? 'APPROVED' : upper;
}

/** Distinct `{{n}}` variables in a template text. */
export function countVariables(text: unknown): number {
	if (typeof text !== 'string') return 0;
	return new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1])).size;
}

function list(v: unknown): Obj[] {
	return Array.isArray(v) ? (v.filter(isPlainObject) as Obj[]) : [];
}
function upper(v: unknown): string {
	return typeof v === 'string' ? v.toUpperCase() : '';
}

function buttonsOf(components: Obj[]): TemplateButtonInfo[] {
	const block = components.find((c) => upper(c.type) === 'BUTTONS');
	return list(block?.buttons).map((b, index) => {
		const setting = isPlainObject(b.payment_setting) ? b.payment_setting : undefined;
		const info: TemplateButtonInfo = { index, type: upper(b.type), text: String(b.text ?? '') };
		if (setting && typeof setting.type === 'string') info.paymentType = setting.type;
		if (typeof b.url === 'string') info.url = b.url;
		return info;
	});
}

function headerOf(components: Obj[]): Obj | undefined {
	return components.find((c) => upper(c.type) === 'HEADER');
}

function headerFormat(header: Obj | undefined): HeaderFormat | undefined {
	const f = upper(header?.format);
	return f === 'TEXT' || f === 'IMAGE' || f === 'DOCUMENT' || f === 'VIDEO' ? f : undefined;
}

function kindOf(
	template: Obj,
	buttons: TemplateButtonInfo[],
	cards: TemplateCardInfo[],
): TemplateKind | undefined {
	if (upper(template.sub_category) === 'ORDER_STATUS') return 'order_status';
	if (cards.some((c) => c.buttons.some((b) => b.type === 'ORDER_DETAILS')))
		return 'checkout_carousel';
	const od = buttons.find((b) => b.type === 'ORDER_DETAILS');
	if (od) {
		const checkout =
			template.display_format === undefined &&
			od.text.trim().toLowerCase() === BUTTON_TEXT.checkout.toLowerCase();
		return checkout ? 'checkout' : 'order_details';
	}
	if (buttons.some((b) => b.type === 'PAYMENT_REQUEST')) return 'payment_request';
	if (paymentLinkPrefix(headerOf(list(template.components)), buttons) !== undefined)
		return 'enhanced_payment_link';
	return undefined;
}

/**
 * The gateway prefix of an Enhanced Payment Link template: no header and exactly one button, a dynamic
 * URL button whose URL is a listed gateway prefix followed by {{1}}. Undefined for any other template
 * (WhatsApp shows those as an ordinary button, not as a payment card).
 */
export function paymentLinkPrefix(
	header: Obj | undefined,
	buttons: TemplateButtonInfo[],
): string | undefined {
	if (header || buttons.length !== 1 || buttons[0].type !== 'URL') return undefined;
	const prefix = dynamicUrlPrefix(buttons[0].url);
	return prefix !== undefined && paymentLinkPrefixOf(prefix)?.prefix === prefix
		? prefix
		: undefined;
}

/** Everything a send needs to know about a template, from Meta's template object. */
export function describeTemplate(template: Obj): TemplateInfo {
	const components = list(template.components);
	const header = headerOf(components);
	const body = components.find((c) => upper(c.type) === 'BODY');
	const footer = components.find((c) => upper(c.type) === 'FOOTER');
	const carousel = components.find((c) => upper(c.type) === 'CAROUSEL');
	const cards: TemplateCardInfo[] = list(carousel?.cards).map((card) => {
		const cc = list(card.components);
		return {
			headerFormat: headerFormat(headerOf(cc)),
			bodyVariables: countVariables(cc.find((c) => upper(c.type) === 'BODY')?.text),
			buttons: buttonsOf(cc),
		};
	});
	const buttons = buttonsOf(components);
	const format = headerFormat(header);
	return {
		id: template.id === undefined ? undefined : String(template.id),
		name: String(template.name ?? ''),
		language: String(template.language ?? ''),
		status: normaliseTemplateStatus(template.status) ?? 'UNKNOWN',
		category: upper(template.category),
		kind: kindOf(template, buttons, cards),
		headerFormat: format,
		headerVariables: format === 'TEXT' ? countVariables(header?.text) : format ? 1 : 0,
		headerText: format === 'TEXT' ? String(header?.text ?? '') : undefined,
		bodyText: String(body?.text ?? ''),
		bodyVariables: countVariables(body?.text),
		footerText: footer ? String(footer.text ?? '') : undefined,
		buttons,
		cards,
		paymentLinkPrefix: paymentLinkPrefix(header, buttons),
	};
}

/** Fills `{{n}}` variables with values in order (for previews: the sandbox's buyer page). */
export function fillVariables(text: string, values: string[]): string {
	const names = [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))];
	return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
		const i = names.indexOf(name);
		return values[i] ?? whole;
	});
}
