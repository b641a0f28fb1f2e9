/**
 * Validation of a whole template send: name and language, header and body parameters, buttons, the
 * order_details of each order button (the one order validator, template or checkout flavor), payment
 * request settings, carousel cards and the order status. Used by the builders and by the sandbox.
 */
import {
	fail,
	optionalString,
	rejectUnknownKeys,
	requireArray,
	requireEnum,
	requireObject,
	requireString,
	requireUrl,
} from '../validation';
import {
	validateOrderDetailsParameters,
	validateOrderStatusParameters,
	validateReferenceId,
} from '../orders';
import type { Country, JsonObject, OrderFlavor, ValidateOptions } from '../orders';
import {
	LANGUAGE_PATTERN,
	PAYMENT_REQUEST_TYPES,
	TEMPLATE_LIMITS,
	TEMPLATE_NAME_PATTERN,
} from './limits';
import { requirePaymentLinkSuffix } from './paymentLink';

export const HEADER_PARAMETER_TYPES = ['text', 'image', 'document', 'video'] as const;
export type HeaderParameterType = (typeof HEADER_PARAMETER_TYPES)[number];

/** What a template send carries, as read by validateTemplate. */
export interface TemplateSendSummary {
	header?: JsonObject;
	bodyValues: string[];
	/** One per order_details button: top-level (card undefined) or per carousel card. */
	orders: Array<{ parameters: JsonObject; index: number; card?: number }>;
	paymentRequests: Array<{ index: number; setting: JsonObject }>;
	quickReplies: Array<{ index: number; payload: string; card?: number }>;
	/** Dynamic URL buttons (Enhanced Payment Links): the suffix appended to the template's URL. */
	urlButtons: Array<{ index: number; suffix: string }>;
	orderStatus?: JsonObject;
	cards: Array<{ header?: JsonObject; bodyValues: string[] }>;
}

function buttonIndex(value: unknown, field: string): number {
	const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
		fail(field, "must be the button's 0-based position in the template (a whole number)", value);
	return n;
}

function validateHeaderParameter(component: JsonObject, field: string): JsonObject {
	const list = requireArray(component.parameters, `${field}.parameters`, { min: 1, max: 1 });
	const p = requireObject(list[0], `${field}.parameters[0]`);
	const f = `${field}.parameters[0]`;
	const type = requireEnum(p.type, `${f}.type`, HEADER_PARAMETER_TYPES);
	rejectUnknownKeys(p, f, ['type', type]);
	if (type === 'text') {
		requireString(p.text, `${f}.text`, { max: TEMPLATE_LIMITS.headerText });
		return p;
	}
	const media = requireObject(p[type], `${f}.${type}`);
	rejectUnknownKeys(
		media,
		`${f}.${type}`,
		type === 'document' ? ['link', 'id', 'filename'] : ['link', 'id'],
	);
	if (media.id === undefined && media.link === undefined)
		fail(
			`${f}.${type}.link`,
			'is required (or the ID of an uploaded media asset)',
			undefined,
			'missing',
		);
	if (media.id !== undefined && media.link !== undefined)
		fail(`${f}.${type}`, 'takes either a link or a media ID, not both', media);
	if (media.link !== undefined) requireUrl(media.link, `${f}.${type}.link`);
	if (media.id !== undefined) requireString(media.id, `${f}.${type}.id`);
	optionalString(media.filename, `${f}.${type}.filename`);
	return p;
}

function validateBodyParameters(component: JsonObject, field: string): string[] {
	const list = requireArray(component.parameters, `${field}.parameters`, { min: 1 });
	return list.map((p, i) => {
		const f = `${field}.parameters[${i}]`;
		const obj = requireObject(p, f);
		if (obj.type !== 'text')
			fail(`${f}.type`, 'must be "text" (this package sends body variables as text)', obj.type);
		rejectUnknownKeys(obj, f, ['type', 'text']);
		return requireString(obj.text, `${f}.text`, { max: TEMPLATE_LIMITS.body });
	});
}

function validateButton(
	component: JsonObject,
	field: string,
	country: Country,
	opts: ValidateOptions,
	out: TemplateSendSummary,
	card?: number,
): void {
	rejectUnknownKeys(component, field, ['type', 'sub_type', 'index', 'parameters']);
	const index = buttonIndex(component.index, `${field}.index`);
	const subType = requireEnum(component.sub_type, `${field}.sub_type`, [
		'order_details',
		'payment_request',
		'quick_reply',
		'url',
	]);
	const list = requireArray(component.parameters, `${field}.parameters`, { min: 1, max: 1 });
	const p = requireObject(list[0], `${field}.parameters[0]`);
	const f = `${field}.parameters[0]`;
	if (subType === 'url') {
		if (card !== undefined)
			fail(`${field}.sub_type`, 'url buttons are not part of payment carousels', subType);
		if (p.type !== 'text')
			fail(`${f}.type`, 'must be "text" (the end of the link the button opens)', p.type);
		rejectUnknownKeys(p, f, ['type', 'text']);
		out.urlButtons.push({ index, suffix: requirePaymentLinkSuffix(p.text, `${f}.text`) });
		return;
	}
	if (subType === 'quick_reply') {
		if (p.type !== 'payload') fail(`${f}.type`, 'must be "payload"', p.type);
		rejectUnknownKeys(p, f, ['type', 'payload']);
		out.quickReplies.push({
			index,
			payload: requireString(p.payload, `${f}.payload`, { max: 256 }),
			card,
		});
		return;
	}
	if (p.type !== 'action') fail(`${f}.type`, 'must be "action"', p.type);
	rejectUnknownKeys(p, f, ['type', 'action']);
	const action = requireObject(p.action, `${f}.action`);
	if (subType === 'order_details') {
		rejectUnknownKeys(action, `${f}.action`, ['order_details']);
		const flavor: OrderFlavor = opts.flavor === 'checkout' ? 'checkout' : 'template';
		validateOrderDetailsParameters(action.order_details, country, { ...opts, flavor });
		out.orders.push({ parameters: action.order_details as JsonObject, index, card });
		return;
	}
	if (country !== 'BR')
		fail(`${field}.sub_type`, 'payment_request buttons are Brazil only', subType);
	rejectUnknownKeys(action, `${f}.action`, ['payment_request']);
	const request = requireObject(action.payment_request, `${f}.action.payment_request`);
	rejectUnknownKeys(request, `${f}.action.payment_request`, ['payment_setting']);
	const sf = `${f}.action.payment_request.payment_setting`;
	const setting = requireObject(request.payment_setting, sf);
	const type = requireEnum(setting.type, `${sf}.type`, PAYMENT_REQUEST_TYPES);
	rejectUnknownKeys(setting, sf, ['type', type]);
	const sub = requireObject(setting[type], `${sf}.${type}`);
	if (type === 'pix_dynamic_code') {
		rejectUnknownKeys(sub, `${sf}.${type}`, ['code']);
		requireString(sub.code, `${sf}.${type}.code`, {
			pattern: /^000201/,
			patternRule: 'must be a Pix "copia e cola" code (an EMV string starting with 000201)',
		});
	} else if (type === 'boleto') {
		rejectUnknownKeys(sub, `${sf}.${type}`, ['digitable_line']);
		requireString(sub.digitable_line, `${sf}.${type}.digitable_line`, {
			pattern: /^[\d .]{47,60}$/,
			patternRule: 'must be the 47- or 48-digit boleto line (digits, optionally spaced)',
		});
		const digits = String(sub.digitable_line).replace(/\D/g, '').length;
		if (digits !== 47 && digits !== 48)
			fail(
				`${sf}.${type}.digitable_line`,
				`must have 47 or 48 digits (has ${digits})`,
				sub.digitable_line,
			);
	} else {
		rejectUnknownKeys(sub, `${sf}.${type}`, ['uri']);
		requireUrl(sub.uri, `${sf}.${type}.uri`, ['https:']);
	}
	if (out.paymentRequests.some((r) => r.setting.type === type))
		fail('template.components', `must not carry two "${type}" payment request buttons`, type);
	out.paymentRequests.push({ index, setting });
}

/**
 * Every rule of a template send this package knows without the template's definition: the name and
 * language (deterministic policy), header and body parameters, buttons (integer index, sub_type), the
 * order_details of each order button (order builder rules, template or checkout flavor), payment request
 * settings, carousel cards (2 to 10, a unique reference ID per card) and the order status.
 */
export function validateTemplate(
	value: unknown,
	country: Country,
	opts: ValidateOptions = {},
): TemplateSendSummary {
	const t = requireObject(value, 'template');
	rejectUnknownKeys(t, 'template', ['name', 'language', 'components']);
	requireString(t.name, 'template.name', {
		max: TEMPLATE_LIMITS.name,
		pattern: TEMPLATE_NAME_PATTERN,
		patternRule: 'may contain only lower-case letters, digits and underscores',
	});
	const language = requireObject(t.language, 'template.language');
	rejectUnknownKeys(language, 'template.language', ['policy', 'code']);
	if (language.policy !== undefined && language.policy !== 'deterministic')
		fail(
			'template.language.policy',
			'must be "deterministic" (the only policy Meta supports)',
			language.policy,
		);
	requireString(language.code, 'template.language.code', {
		pattern: LANGUAGE_PATTERN,
		patternRule: 'must be a template language code such as pt_BR or en_US',
	});
	const out: TemplateSendSummary = {
		bodyValues: [],
		orders: [],
		paymentRequests: [],
		quickReplies: [],
		urlButtons: [],
		cards: [],
	};
	const components = requireArray(t.components ?? [], 'template.components');
	const seenIndex = new Set<number>();
	components.forEach((c, i) => {
		const f = `template.components[${i}]`;
		const component = requireObject(c, f);
		const type = requireEnum(component.type, `${f}.type`, [
			'header',
			'body',
			'button',
			'carousel',
			'order_status',
		]);
		if (type === 'header') out.header = validateHeaderParameter(component, f);
		else if (type === 'body') out.bodyValues = validateBodyParameters(component, f);
		else if (type === 'button') {
			validateButton(component, f, country, opts, out);
			const index = buttonIndex(component.index, `${f}.index`);
			if (seenIndex.has(index)) fail(`${f}.index`, `repeats button index ${index}`, index);
			seenIndex.add(index);
		} else if (type === 'order_status') {
			if (country !== 'IN') fail(`${f}.type`, 'order_status templates are India only', type);
			const list = requireArray(component.parameters, `${f}.parameters`, { min: 1, max: 1 });
			const p = requireObject(list[0], `${f}.parameters[0]`);
			if (p.type !== 'order_status')
				fail(`${f}.parameters[0].type`, 'must be "order_status"', p.type);
			validateOrderStatusParameters(p.order_status, 'IN');
			out.orderStatus = p.order_status as JsonObject;
		} else validateCarousel(component, f, country, opts, out);
	});
	return out;
}

function validateCarousel(
	component: JsonObject,
	field: string,
	country: Country,
	opts: ValidateOptions,
	out: TemplateSendSummary,
): void {
	const cards = requireArray(component.cards, `${field}.cards`, {
		min: TEMPLATE_LIMITS.cardsMin,
		max: TEMPLATE_LIMITS.cardsMax,
	});
	const refs = new Map<string, number>();
	cards.forEach((c, n) => {
		const f = `${field}.cards[${n}]`;
		const card = requireObject(c, f);
		rejectUnknownKeys(card, f, ['card_index', 'components']);
		if (card.card_index !== n)
			fail(`${f}.card_index`, `must be ${n} (cards in order, from 0)`, card.card_index);
		const summary: { header?: JsonObject; bodyValues: string[] } = { bodyValues: [] };
		let orders = 0;
		requireArray(card.components, `${f}.components`, { min: 1 }).forEach((cc, i) => {
			const cf = `${f}.components[${i}]`;
			const comp = requireObject(cc, cf);
			const type = requireEnum(comp.type, `${cf}.type`, ['header', 'body', 'button']);
			if (type === 'header') summary.header = validateHeaderParameter(comp, cf);
			else if (type === 'body') summary.bodyValues = validateBodyParameters(comp, cf);
			else {
				const before = out.orders.length;
				validateButton(comp, cf, country, opts, out, n);
				if (out.orders.length > before) {
					orders++;
					const ref = String(out.orders[out.orders.length - 1].parameters.reference_id);
					validateReferenceId(ref, country, `${cf}.reference_id`);
					if (refs.has(ref))
						fail(
							`${f}`,
							`reuses reference_id "${ref}" of card ${refs.get(ref)}; every card needs its own`,
							ref,
						);
					refs.set(ref, n);
				}
			}
		});
		if (orders !== 1)
			fail(`${f}.components`, 'must carry exactly one order_details button', orders);
		if (!summary.header)
			fail(
				`${f}.components`,
				'must have a header (the product image or video)',
				undefined,
				'missing',
			);
		out.cards.push(summary);
	});
}
