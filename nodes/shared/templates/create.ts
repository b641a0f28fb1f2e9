/**
 * Template creation bodies for `POST /{waba}/message_templates`, with the fixed parts Meta prescribes per
 * kind and country (Meta's pages: payments-br/orderdetailstemplate, payments-in/orderdetailstemplate,
 * payments-in/orderstatustemplate, payments-br/payment-request-cta and payments-in/checkout-button-templates
 * under https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/, each in its "Create" section) and the rules checked before sending.
 */
import { fail, isBlank, requireArray, requireEnum, requireString } from '../validation';
import type { Country, JsonObject } from '../orders';
import { countVariables } from './describe';
import {
	BUTTON_TEXT,
	KIND_COUNTRIES,
	LANGUAGE_PATTERN,
	PAYMENT_REQUEST_TEXT,
	PAYMENT_REQUEST_TYPES,
	TEMPLATE_CATEGORIES,
	TEMPLATE_LIMITS,
	TEMPLATE_NAME_PATTERN,
} from './limits';
import type { PaymentRequestType, TemplateKind } from './limits';
import {
	PAYMENT_LINK_BUTTON_TEXT,
	PAYMENT_LINK_LIMITS,
	requirePaymentLinkPrefix,
	splitPaymentLink,
	URL_VARIABLE,
} from './paymentLink';

export interface CardDefinitionInput {
	headerFormat: 'IMAGE' | 'VIDEO';
	/** Sample media handle from the Resumable Upload API. */
	headerHandle: string;
	body?: string;
	bodyExamples?: string[];
	quickReply?: string;
}

export interface TemplateDefinitionInput {
	kind: TemplateKind;
	country: Country;
	name: string;
	language: string;
	category?: string;
	headerFormat?: 'NONE' | 'TEXT' | 'IMAGE' | 'DOCUMENT' | 'VIDEO';
	/** TEXT header: its text. */
	headerText?: string;
	/** Media header: a sample handle (required by Meta for media headers). */
	headerHandle?: string;
	body: string;
	bodyExamples?: string[];
	footer?: string;
	/** Brazil order details and Enhanced Payment Link: the button text (Meta's samples leave it to the business). */
	buttonText?: string;
	/** Enhanced Payment Link: the gateway prefix the button's {{1}} follows. */
	paymentLinkPrefix?: string;
	/** Enhanced Payment Link: a sample link (that prefix and a suffix) Meta reviews the template with. */
	paymentLinkExample?: string;
	paymentRequestTypes?: PaymentRequestType[];
	quickReplies?: string[];
	cards?: CardDefinitionInput[];
}

/** Sample payment settings for Payment Request buttons (the real value is given at send time). */
const SAMPLE_PAYMENT_SETTING: Record<PaymentRequestType, JsonObject> = {
	pix_dynamic_code: {
		type: 'pix_dynamic_code',
		pix_dynamic_code: {
			code: '00020101021226700014br.gov.bcb.pix2548pix.example.com/qr/v2/sample',
		},
	},
	boleto: {
		type: 'boleto',
		boleto: { digitable_line: '03399026944140000002628346101018898510000008848' },
	},
	payment_link: { type: 'payment_link', payment_link: { uri: 'https://pay.example.com/sample' } },
};

function bodyComponent(
	text: string,
	examples: string[] | undefined,
	field: string,
	max: number,
): JsonObject {
	requireString(text, field, { max });
	const n = countVariables(text);
	const body: JsonObject = { type: 'BODY', text };
	if (n > 0) {
		const values = (examples ?? []).filter((e) => !isBlank(e));
		if (values.length !== n) {
			fail(
				`${field}.example`,
				`needs one sample value per variable: the text has ${n} ({{1}}...), ${values.length} given`,
				values,
			);
		}
		body.example = { body_text: [values] };
	}
	if (/^\s*\{\{/.test(text) || /\}\}\s*$/.test(text))
		fail(field, 'must not start or end with a variable (Meta rejects it with 2388299)', text);
	return body;
}

function quickReplyButtons(replies: string[] | undefined, max: number): JsonObject[] {
	const list = (replies ?? []).filter((r) => !isBlank(r));
	if (list.length > max)
		fail('quick_replies', `must have at most ${max} entries`, list.length, 'length');
	return list.map((text, i) => {
		requireString(text, `quick_replies[${i}]`, { max: TEMPLATE_LIMITS.quickReplyText });
		return { type: 'QUICK_REPLY', text };
	});
}

function headerComponent(
	input: TemplateDefinitionInput,
	allowed: string[],
): JsonObject | undefined {
	const format = input.headerFormat ?? 'NONE';
	if (format === 'NONE') return undefined;
	if (!allowed.includes(format))
		fail('header.format', `must be one of ${allowed.join(', ')} for this template`, format);
	if (format === 'TEXT') {
		const text = requireString(input.headerText, 'header.text', {
			max: TEMPLATE_LIMITS.headerText,
		});
		if (countVariables(text) > 0)
			fail('header.text', 'must be fixed text (payment templates take no header variables)', text);
		return { type: 'HEADER', format: 'TEXT', text };
	}
	const handle = requireString(input.headerHandle, 'header.example.header_handle');
	return { type: 'HEADER', format, example: { header_handle: [handle] } };
}

/** The whole creation body for one payment template, validated. */
export function buildTemplateDefinition(input: TemplateDefinitionInput): JsonObject {
	const { kind, country } = input;
	if (!KIND_COUNTRIES[kind].includes(country)) {
		fail(
			'kind',
			`${kind.replace(/_/g, ' ')} templates exist only for ${KIND_COUNTRIES[kind].join(' and ')}`,
			country,
		);
	}
	requireString(input.name, 'name', {
		max: TEMPLATE_LIMITS.name,
		pattern: TEMPLATE_NAME_PATTERN,
		patternRule: 'may contain only lower-case letters, digits and underscores',
	});
	requireString(input.language, 'language', {
		pattern: LANGUAGE_PATTERN,
		patternRule: 'must be a template language code such as pt_BR, en_US or en',
	});
	const category = (input.category ?? '').toUpperCase() || defaultCategory(kind);
	requireEnum(category, 'category', TEMPLATE_CATEGORIES);
	const out: JsonObject = { name: input.name, language: input.language, category };
	const components: JsonObject[] = [];

	if (kind === 'order_status') {
		if (category !== 'UTILITY')
			fail('category', 'must be UTILITY for order status templates', category);
		out.sub_category = 'ORDER_STATUS';
		components.push(
			bodyComponent(input.body, input.bodyExamples, 'body.text', TEMPLATE_LIMITS.body),
		);
		if (!isBlank(input.footer)) components.push(footer(input.footer));
		out.components = components;
		return out;
	}

	if (kind === 'enhanced_payment_link') {
		out.components = paymentLinkComponents(input);
		return out;
	}

	if (kind === 'order_details') {
		if (country === 'BR') out.display_format = 'ORDER_DETAILS';
		else if (category === 'MARKETING') out.display_format = 'order_details';
	}
	if ((kind === 'checkout' || kind === 'checkout_carousel') && category !== 'MARKETING')
		fail('category', 'must be MARKETING for checkout button templates', category);

	if (kind !== 'checkout_carousel') {
		const header = headerComponent(
			input,
			kind === 'checkout' ? ['IMAGE', 'VIDEO'] : ['TEXT', 'IMAGE', 'DOCUMENT'],
		);
		if (kind === 'checkout' && !header)
			fail(
				'header.format',
				'is required for checkout button templates (IMAGE or VIDEO)',
				undefined,
				'missing',
			);
		if (header) components.push(header);
	}
	components.push(bodyComponent(input.body, input.bodyExamples, 'body.text', TEMPLATE_LIMITS.body));
	if (!isBlank(input.footer)) components.push(footer(input.footer));

	if (kind === 'order_details') {
		const text =
			country === 'IN'
				? BUTTON_TEXT.orderDetailsIN
				: isBlank(input.buttonText)
					? BUTTON_TEXT.orderDetailsBR
					: requireString(input.buttonText, 'button.text', { max: TEMPLATE_LIMITS.quickReplyText });
		components.push({ type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text }] });
	} else if (kind === 'payment_request') {
		const types = requireArray(input.paymentRequestTypes, 'payment_request_buttons', {
			min: 1,
			max: TEMPLATE_LIMITS.paymentRequestButtons,
		}) as string[];
		const seen = new Set<string>();
		const buttons = types.map((t, i) => {
			const type = requireEnum(t, `payment_request_buttons[${i}]`, PAYMENT_REQUEST_TYPES);
			if (seen.has(type))
				fail(
					'payment_request_buttons',
					`must each use a different method ("${type}" twice)`,
					types,
				);
			seen.add(type);
			return {
				type: 'PAYMENT_REQUEST',
				text: PAYMENT_REQUEST_TEXT[type],
				payment_setting: SAMPLE_PAYMENT_SETTING[type],
			};
		});
		components.push({ type: 'BUTTONS', buttons });
	} else if (kind === 'checkout') {
		components.push({
			type: 'BUTTONS',
			buttons: [
				{ type: 'ORDER_DETAILS', text: BUTTON_TEXT.checkout },
				...quickReplyButtons(input.quickReplies, TEMPLATE_LIMITS.quickReplies),
			],
		});
	} else {
		const cards = requireArray(input.cards, 'carousel.cards', {
			min: TEMPLATE_LIMITS.cardsMin,
			max: TEMPLATE_LIMITS.cardsMax,
		}) as CardDefinitionInput[];
		components.push({
			type: 'CAROUSEL',
			cards: cards.map((card, i) => {
				const f = `carousel.cards[${i}]`;
				const cc: JsonObject[] = [
					{
						type: 'HEADER',
						format: requireEnum(card.headerFormat, `${f}.header.format`, ['IMAGE', 'VIDEO']),
						example: {
							header_handle: [
								requireString(card.headerHandle, `${f}.header.example.header_handle`),
							],
						},
					},
				];
				if (!isBlank(card.body))
					cc.push(
						bodyComponent(
							card.body!,
							card.bodyExamples,
							`${f}.body.text`,
							TEMPLATE_LIMITS.cardBody,
						),
					);
				const buttons: JsonObject[] = [{ type: 'ORDER_DETAILS', text: BUTTON_TEXT.checkout }];
				if (!isBlank(card.quickReply)) {
					requireString(card.quickReply, `${f}.quick_reply`, {
						max: TEMPLATE_LIMITS.quickReplyText,
					});
					buttons.push({ type: 'QUICK_REPLY', text: card.quickReply });
				}
				cc.push({ type: 'BUTTONS', buttons });
				return { components: cc };
			}),
		});
	}
	out.components = components;
	return out;
}

/**
 * Enhanced Payment Link (India): no header, the body, an optional footer and exactly one dynamic URL
 * button, `<gateway prefix>{{1}}` with a sample link (Meta's Enhanced Payment Links page shows only the
 * WhatsApp Manager form; the button is the generic dynamic URL button of Meta's template components).
 */
function paymentLinkComponents(input: TemplateDefinitionInput): JsonObject[] {
	if ((input.headerFormat ?? 'NONE') !== 'NONE')
		fail(
			'header.format',
			'must be none for Enhanced Payment Link templates (WhatsApp draws the payment card only for templates without a header)',
			input.headerFormat,
		);
	const prefix = requirePaymentLinkPrefix(input.paymentLinkPrefix, 'button.url');
	const example = splitPaymentLink(input.paymentLinkExample, 'button.example');
	if (example.prefix !== prefix)
		fail(
			'button.example',
			`must start with the button's prefix ${prefix}`,
			input.paymentLinkExample,
		);
	const text = isBlank(input.buttonText)
		? PAYMENT_LINK_BUTTON_TEXT
		: requireString(input.buttonText, 'button.text', { max: PAYMENT_LINK_LIMITS.buttonText });
	const components = [
		bodyComponent(input.body, input.bodyExamples, 'body.text', TEMPLATE_LIMITS.body),
	];
	if (!isBlank(input.footer)) components.push(footer(input.footer));
	components.push({
		type: 'BUTTONS',
		buttons: [
			{ type: 'URL', text, url: prefix + URL_VARIABLE, example: [prefix + example.suffix] },
		],
	});
	return components;
}

function footer(text: unknown): JsonObject {
	return {
		type: 'FOOTER',
		text: requireString(text, 'footer.text', { max: TEMPLATE_LIMITS.footer }),
	};
}

function defaultCategory(kind: TemplateKind): string {
	return kind === 'checkout' || kind === 'checkout_carousel' ? 'MARKETING' : 'UTILITY';
}
