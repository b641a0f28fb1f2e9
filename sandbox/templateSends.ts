/**
 * Template messages as Meta checks them: the template must exist in that language and be APPROVED
 * (132001, paused 132015, disabled 132016); the parameters must match its definition in number (132000)
 * and type (132012); filled-in text must fit (132005); then the package's shared rules for every
 * order_details, payment request and order status inside it, and the suffix of a dynamic URL button.
 * Accepted sends store their orders (so the buyer can pay as for in-session orders) and draw payment
 * requests, carousels and Enhanced Payment Link cards in the chat.
 */
import { describeTemplate, fillVariables, isPlainObject, validateTemplate } from '../nodes/shared';
import type { JsonObject, TemplateInfo, TemplateSendSummary } from '../nodes/shared';
import { asGraph, metaError } from './errors';
import { applyOrderStatus, recordOrderDetails } from './orders';
import { detectCountry, paymentLinkCard } from './rules';
import type { SandboxContext } from './context';
import type { Business, Json, PhoneNumber, StoredTemplate } from './types';

const SUB_TYPE: Record<string, string> = {
	order_details: 'ORDER_DETAILS',
	payment_request: 'PAYMENT_REQUEST',
	quick_reply: 'QUICK_REPLY',
	url: 'URL',
};

function lookup(sb: SandboxContext, wabaId: string, t: Json): StoredTemplate {
	const name = String(t.name ?? '');
	const code = String((t.language as Json | undefined)?.code ?? '');
	const stored = sb.store.templates.find(
		(x) => x.waba_id === wabaId && x.name === name && x.language === code,
	);
	if (!stored)
		throw metaError(
			132001,
			`template name (${name}) does not exist in ${code || '(no language)'}`,
			404,
		);
	if (stored.status === 'PAUSED') throw metaError(132015, `Template ${name} (${code}) is paused.`);
	if (stored.status === 'DISABLED')
		throw metaError(132016, `Template ${name} (${code}) is disabled.`);
	if (stored.status !== 'APPROVED')
		throw metaError(
			132001,
			`template name (${name}) in ${code} is not approved (status ${stored.status})`,
			404,
		);
	return stored;
}

type Part = {
	type?: unknown;
	sub_type?: unknown;
	index?: unknown;
	parameters?: unknown;
	cards?: unknown;
};

/** The objects in a list (anything else a client sends is left to the shared validator to name). */
function objects(v: unknown): Json[] {
	return Array.isArray(v) ? (v.filter((x) => isPlainObject(x)) as Json[]) : [];
}

function params(c: Part): Json[] {
	return objects(c.parameters);
}

function checkHead(
	info: { headerFormat?: string; headerVariables: number; bodyVariables: number },
	parts: Part[],
	where: string,
): void {
	const header = parts.find((c) => c.type === 'header');
	const body = parts.find((c) => c.type === 'body');
	const wantsHeader = info.headerVariables > 0;
	if (header && !wantsHeader)
		throw metaError(
			132000,
			`${where}: the template's header takes no parameters, but one was given.`,
		);
	if (!header && wantsHeader)
		throw metaError(
			132000,
			`${where}: the template's ${info.headerFormat} header needs a parameter.`,
		);
	if (header) {
		const type = String(params(header)[0]?.type ?? '');
		if (type.toUpperCase() !== info.headerFormat)
			throw metaError(
				132012,
				`${where}: header parameter is ${type || 'missing'}, the template's header is ${info.headerFormat}.`,
			);
	}
	const given = body ? params(body).length : 0;
	if (given !== info.bodyVariables)
		throw metaError(
			132000,
			`${where}: body has ${info.bodyVariables} variable(s), ${given} value(s) given.`,
		);
}

function checkButtons(buttons: TemplateInfo['buttons'], parts: Part[], where: string): void {
	const sent = parts.filter((c) => c.type === 'button');
	for (const b of sent) {
		const index = Number(b.index);
		const def = buttons[index];
		if (!def)
			throw metaError(
				132000,
				`${where}: button index ${String(b.index)} does not exist (the template has ${buttons.length} buttons).`,
			);
		if (SUB_TYPE[String(b.sub_type)] !== def.type)
			throw metaError(
				132012,
				`${where}: button ${index} is ${def.type} in the template, sent as ${String(b.sub_type)}.`,
			);
		if (def.type === 'URL' && !def.url?.endsWith('{{1}}'))
			throw metaError(
				132000,
				`${where}: button ${index} has a fixed URL in the template and takes no parameter.`,
			);
	}
	for (const def of buttons) {
		const dynamicUrl = def.type === 'URL' && def.url?.endsWith('{{1}}') === true;
		if (
			(def.type === 'ORDER_DETAILS' || def.type === 'PAYMENT_REQUEST' || dynamicUrl) &&
			!sent.some((b) => Number(b.index) === def.index)
		)
			throw metaError(132000, `${where}: button ${def.index} (${def.type}) needs its parameter.`);
	}
}

/** Checks the send against the stored definition: counts (132000), types (132012), length (132005). */
function matchDefinition(info: TemplateInfo, t: Json): void {
	const parts = objects(t.components) as Part[];
	const has = (type: string) => parts.some((c) => c.type === type);
	if (info.kind === 'order_status' ? !has('order_status') : has('order_status'))
		throw metaError(
			132012,
			info.kind === 'order_status'
				? 'An order status template needs its order_status component.'
				: 'Only order status templates take an order_status component.',
		);
	checkHead(info, parts, 'template');
	checkButtons(info.buttons, parts, 'template');
	const carousel = parts.find((c) => c.type === 'carousel');
	if (info.cards.length > 0 || carousel) {
		const cards = objects(carousel?.cards);
		if (cards.length !== info.cards.length)
			throw metaError(
				132000,
				`The template has ${info.cards.length} carousel cards, ${cards.length} sent.`,
			);
		cards.forEach((card, n) => {
			const cp = objects(card.components) as Part[];
			const def = info.cards[n];
			checkHead(
				{
					headerFormat: def.headerFormat,
					headerVariables: def.headerFormat ? 1 : 0,
					bodyVariables: def.bodyVariables,
				},
				cp,
				`card ${n}`,
			);
			checkButtons(def.buttons, cp, `card ${n}`);
		});
	}
	const body = parts.find((c) => c.type === 'body');
	const filled = fillVariables(
		info.bodyText,
		params(body ?? {}).map((p) => String(p.text ?? '')),
	);
	if (Array.from(filled).length > 1024)
		throw metaError(
			132005,
			`The body is ${Array.from(filled).length} characters once filled in (at most 1024).`,
		);
}

function headerOf(info: TemplateInfo, summary: { header?: JsonObject }): Json | undefined {
	const p = summary.header;
	if (p) {
		const type = String(p.type);
		const media = (p[type] ?? {}) as Json;
		return {
			format: type.toUpperCase(),
			text: p.text,
			link: media.link,
			id: media.id,
			filename: media.filename,
		};
	}
	return info.headerFormat === 'TEXT' ? { format: 'TEXT', text: info.headerText } : undefined;
}

export function sendTemplate(
	sb: SandboxContext,
	phone: PhoneNumber,
	business: Business,
	waId: string,
	wamid: string,
	raw: unknown,
): void {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		throw metaError(131008, 'template is required for a template message.');
	const t = raw as Json;
	const lang = t.language as Json | undefined;
	if (lang && lang.policy !== undefined && lang.policy !== 'deterministic')
		throw metaError(100, 'template.language.policy must be "deterministic".');
	const stored = lookup(sb, business.wabaId, t);
	const info = describeTemplate(stored as unknown as Json);
	matchDefinition(info, t);
	const firstOrder = findOrderDetails(t);
	const country =
		info.kind === 'payment_request'
			? 'BR'
			: info.kind === 'order_status' ||
				  info.kind === 'enhanced_payment_link' ||
				  info.kind?.startsWith('checkout')
				? 'IN'
				: firstOrder === undefined && info.buttons.some((b) => b.type === 'URL')
					? 'IN'
					: detectCountry(firstOrder);
	if (!country)
		throw metaError(131009, 'order_details.currency must be BRL (Brazil) or INR (India).');
	const flavor =
		info.kind === 'checkout' || info.kind === 'checkout_carousel' ? 'checkout' : 'template';
	const summary = asGraph(() => validateTemplate(t, country, { now: sb.nowSeconds(), flavor }));
	asGraph(() => record(sb, { phone, business, waId, wamid, info, summary, country }));
}

/** The first order_details of a template send (top level or in a carousel card), for its country. */
function findOrderDetails(t: Json): Json | undefined {
	if (!Array.isArray(t.components)) return undefined;
	const parts = objects(t.components).flatMap((c) => [
		c,
		...objects(c.cards).flatMap((card) => objects(card.components)),
	]);
	for (const c of parts) {
		const action = params(c)[0]?.action as Json | undefined;
		if (action?.order_details) return action.order_details as Json;
	}
	return undefined;
}

function record(
	sb: SandboxContext,
	m: {
		phone: PhoneNumber;
		business: Business;
		waId: string;
		wamid: string;
		info: TemplateInfo;
		summary: TemplateSendSummary;
		country: 'BR' | 'IN';
	},
): void {
	const { info, summary } = m;
	const body = fillVariables(info.bodyText, summary.bodyValues);
	const base = {
		phone: m.phone,
		business: m.business,
		waId: m.waId,
		wamid: m.wamid,
		country: m.country,
		template: info.name,
	};
	if (summary.orderStatus) {
		applyOrderStatus(sb, m.business, summary.orderStatus, m.wamid, info.name, {
			text: body,
			footer: info.footerText,
		});
		return;
	}
	const carousel = info.kind === 'checkout_carousel';
	for (const o of summary.orders) {
		const buttonText = (o.card === undefined ? info.buttons : info.cards[o.card].buttons)[o.index]
			?.text;
		const details: Json = {
			type: 'order_details',
			// A carousel's text sits above its cards; a card shows only its product.
			body: { text: o.card === undefined ? body : '' },
			action: { name: 'review_and_pay', parameters: o.parameters },
			template: {
				name: info.name,
				language: info.language,
				kind: info.kind,
				button: buttonText,
				header: headerOf(info, o.card === undefined ? summary : summary.cards[o.card]),
				card: o.card,
			},
		};
		if (info.footerText) details.footer = { text: info.footerText };
		recordOrderDetails(sb, {
			...base,
			total: Number((o.parameters.total_amount as Json).value),
			details,
			carousel: carousel ? m.wamid : undefined,
		});
	}
	// A template bubble that is not an order: its text as the buyer reads it.
	const bubble = {
		id: m.wamid,
		at: sb.nowSeconds(),
		waba_id: m.business.wabaId,
		phone_number_id: m.phone.id,
		wa_id: m.waId,
		direction: 'in' as const,
		template: info.name,
		text: body,
		footer: info.footerText,
	};
	for (const u of summary.urlButtons) {
		const link = paymentLinkCard(info, u.index, u.suffix);
		sb.store.chat.push({
			...bubble,
			kind: 'payment_link',
			buttons: [
				{ text: info.buttons[u.index]?.text ?? 'Visit website', type: 'url', value: link.url },
			],
			payment_link: { url: link.url, card: link.card, gateway: link.gateway },
		});
	}
	if (carousel || info.kind === 'payment_request') {
		sb.store.chat.push({
			...bubble,
			kind: carousel ? 'carousel' : 'payment_request',
			header: headerOf(info, summary)?.text as string | undefined,
			cards: carousel ? summary.orders.map((o) => String(o.parameters.reference_id)) : undefined,
			buttons: summary.paymentRequests.map((r) => {
				const type = String(r.setting.type);
				const sub = r.setting[type] as Json;
				return {
					text: info.buttons[r.index]?.text ?? type,
					type,
					value: String(sub.code ?? sub.digitable_line ?? sub.uri),
				};
			}),
		});
	}
}
