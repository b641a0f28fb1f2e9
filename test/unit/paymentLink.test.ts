/**
 * Enhanced Payment Links (India) by Meta's page: the gateway prefixes compared literally, splitting a full
 * link into prefix and suffix, the suffix rules, the template definition (no header, one dynamic URL button)
 * and the send (suffix only, index "0"), and how a template is recognised as one.
 */
import {
	buildEnhancedPaymentLinkTemplate,
	buildTemplateDefinition,
	describeTemplate,
	dynamicUrlPrefix,
	PAYMENT_LINK_PREFIXES,
	requirePaymentLinkPrefix,
	requirePaymentLinkSuffix,
	resolvePaymentLink,
	splitPaymentLink,
	validateTemplate,
} from '../../nodes/shared';
import type { TemplateDefinitionInput } from '../../nodes/shared';
import { ruleOf } from '../helpers/payloads';

const F = 'payment_link';

describe('splitPaymentLink', () => {
	test.each([
		['https://rzp.io/rzp/abc123XYZ', 'https://rzp.io/rzp/', 'abc123XYZ', 'razorpay'],
		['https://rzp.io/i/Qx9', 'https://rzp.io/i/', 'Qx9', 'razorpay'],
		['https://pmny.in/PAYUMN/a1b2', 'https://pmny.in/PAYUMN/', 'a1b2', 'payu'],
		['https://api.payu.in/public/#/abc', 'https://api.payu.in/', 'public/#/abc', 'payu'],
		['https://u.payu.in/PAYUMN/xyz', 'https://u.payu.in/PAYUMN/', 'xyz', 'payu'],
		// Meta lists Cashfree's /links without a trailing slash: the slash is part of the suffix.
		[
			'https://payments.cashfree.com/links/o/4kq',
			'https://payments.cashfree.com/links',
			'/o/4kq',
			'cashfree',
		],
		[
			'https://payments.cashfree.com/link/abc',
			'https://payments.cashfree.com/link/',
			'abc',
			'cashfree',
		],
		['https://cfre.in/CSHFRE/zz', 'https://cfre.in/CSHFRE/', 'zz', 'cashfree'],
		['  https://rzp.io/rzp/trim  ', 'https://rzp.io/rzp/', 'trim', 'razorpay'],
	])('%s -> %s + %s (%s)', (link, prefix, suffix, gateway) => {
		expect(splitPaymentLink(link, F)).toEqual({ prefix, suffix, gateway });
	});

	test.each([
		['https://shop.example.com/pay/1', /^must start with one of the gateway link prefixes/],
		['https://bit.ly/3xyz', /^must start with one of the gateway link prefixes/],
		// Prefixes are literal: another case, a missing path segment or http are not the gateway's link.
		['https://RZP.io/rzp/abc', /^must start with one of the gateway link prefixes/],
		['https://rzp.io/abc', /^must start with one of the gateway link prefixes/],
		['http://rzp.io/rzp/abc', /^must be an https link/],
		['rzp.io/rzp/abc', /^must be an https link/],
		['https://rzp.io/rzp/', /^is required/],
		['https://rzp.io/rzp/a b', /^must not contain spaces/],
		['https://rzp.io/rzp/https://evil.example.com', /^must be only the end of the gateway link/],
		[`https://rzp.io/rzp/${'x'.repeat(1982)}`, /^makes a link of 2001 characters/],
	])('%s is refused', (link, rule) => {
		const r = ruleOf(() => splitPaymentLink(link, F));
		expect(r.field).toBe(F);
		expect(r.rule).toMatch(rule);
	});

	test('a link of exactly 2000 characters is accepted', () => {
		const link = `https://rzp.io/rzp/${'x'.repeat(1981)}`;
		expect(link).toHaveLength(2000);
		expect(splitPaymentLink(link, F).suffix).toHaveLength(1981);
	});

	test('every listed prefix splits a link of its own to itself', () => {
		for (const { prefix, gateway } of PAYMENT_LINK_PREFIXES)
			expect(splitPaymentLink(`${prefix}Z9`, F)).toEqual({ prefix, suffix: 'Z9', gateway });
	});
});

describe('resolvePaymentLink (what a send puts in the button)', () => {
	const PREFIX = 'https://rzp.io/rzp/';
	test('a suffix is kept; with the template prefix the resolved link is returned', () => {
		expect(resolvePaymentLink('abc', F)).toEqual({ suffix: 'abc' });
		expect(resolvePaymentLink(' abc ', F, PREFIX)).toEqual({
			suffix: 'abc',
			url: 'https://rzp.io/rzp/abc',
		});
	});
	test('a full link is split against the template prefix', () => {
		expect(resolvePaymentLink('https://rzp.io/rzp/abc?x=1', F, PREFIX)).toEqual({
			suffix: 'abc?x=1',
			url: 'https://rzp.io/rzp/abc?x=1',
		});
	});
	test("a link of the same gateway with another prefix is refused, naming the template's prefix", () => {
		const r = ruleOf(() => resolvePaymentLink('https://rzp.io/i/abc', F, PREFIX));
		expect(r).toEqual({
			field: F,
			rule: "must start with https://rzp.io/rzp/, the prefix of the template's button (this link is a Razorpay link starting with https://rzp.io/i/)",
		});
	});
	test.each([
		[undefined, /^is required/],
		['', /^is required/],
		[42, /^must be text/],
		['a\tb', /^must not contain spaces/],
		['a\u0000b', /^must not contain spaces, line breaks or control characters/],
		['mailto:x@y.z', /^must be an https link/],
	])('%j is refused', (value, rule) => {
		const r = ruleOf(() => resolvePaymentLink(value, F, PREFIX));
		expect(r.field).toBe(F);
		expect(r.rule).toMatch(rule);
	});
});

describe('prefixes and suffixes', () => {
	test('a template prefix must be one Meta lists, exactly', () => {
		expect(requirePaymentLinkPrefix('https://cfre.in/CSHFRE/', 'button.url')).toBe(
			'https://cfre.in/CSHFRE/',
		);
		expect(ruleOf(() => requirePaymentLinkPrefix('https://cfre.in/CSHFRE', 'button.url'))).toEqual(
			expect.objectContaining({ field: 'button.url' }),
		);
	});
	test('a suffix that is itself a link is refused', () => {
		expect(ruleOf(() => requirePaymentLinkSuffix('https://rzp.io/rzp/abc', 's')).rule).toMatch(
			/^must be only the end of the gateway link/,
		);
	});
	test('dynamicUrlPrefix reads <prefix>{{1}} only', () => {
		expect(dynamicUrlPrefix('https://rzp.io/i/{{1}}')).toBe('https://rzp.io/i/');
		expect(dynamicUrlPrefix('https://rzp.io/i/abc')).toBeUndefined();
		expect(dynamicUrlPrefix('https://rzp.io/{{1}}/{{1}}')).toBeUndefined();
		expect(dynamicUrlPrefix(7)).toBeUndefined();
	});
});

describe('Enhanced Payment Link template definition', () => {
	const input = (extra: Partial<TemplateDefinitionInput> = {}): TemplateDefinitionInput => ({
		kind: 'enhanced_payment_link',
		country: 'IN',
		name: 'payment_reminder',
		language: 'en',
		body: 'Hi {{1}}, order #{{2}} is ready to pay.',
		bodyExamples: ['Rishi', 'ORD-1'],
		paymentLinkPrefix: 'https://rzp.io/i/',
		paymentLinkExample: 'https://rzp.io/i/abc123XYZ',
		...extra,
	});

	test('no header, the body, one dynamic URL button with its example, UTILITY by default', () => {
		expect(buildTemplateDefinition(input({ footer: 'Sandbox Store' }))).toEqual({
			name: 'payment_reminder',
			language: 'en',
			category: 'UTILITY',
			components: [
				{
					type: 'BODY',
					text: 'Hi {{1}}, order #{{2}} is ready to pay.',
					example: { body_text: [['Rishi', 'ORD-1']] },
				},
				{ type: 'FOOTER', text: 'Sandbox Store' },
				{
					type: 'BUTTONS',
					buttons: [
						{
							type: 'URL',
							text: 'Pay Now',
							url: 'https://rzp.io/i/{{1}}',
							example: ['https://rzp.io/i/abc123XYZ'],
						},
					],
				},
			],
		});
		expect(buildTemplateDefinition(input({ category: 'marketing' })).category).toBe('MARKETING');
	});

	test.each([
		[{ country: 'BR' as const }, 'kind', /^enhanced payment link templates exist only for IN/],
		[{ headerFormat: 'IMAGE' as const }, 'header.format', /^must be none/],
		[{ paymentLinkPrefix: 'https://example.com/' }, 'button.url', /^must be one of the gateway/],
		[{ paymentLinkPrefix: undefined }, 'button.url', /^is required/],
		[
			{ paymentLinkExample: 'https://rzp.io/rzp/abc' },
			'button.example',
			/^must start with the button's prefix/,
		],
		[{ paymentLinkExample: 'https://rzp.io/i/' }, 'button.example', /^is required/],
		[{ buttonText: 'x'.repeat(26) }, 'button.text', /^must be at most 25 characters/],
		[{ category: 'AUTHENTICATION' }, 'category', /^must be one of UTILITY, MARKETING/],
		[{ bodyExamples: ['Rishi'] }, 'body.text.example', /^needs one sample value per variable/],
	])('%j is refused at %s', (extra, field, rule) => {
		const r = ruleOf(() => buildTemplateDefinition(input(extra)));
		expect(r.field).toBe(field);
		expect(r.rule).toMatch(rule);
	});

	test('describeTemplate recognises it, with its prefix; a header or a second button makes it an ordinary template', () => {
		const def: Record<string, unknown> = {
			...buildTemplateDefinition(input()),
			status: 'APPROVED',
		};
		const info = describeTemplate(def);
		expect(info.kind).toBe('enhanced_payment_link');
		expect(info.paymentLinkPrefix).toBe('https://rzp.io/i/');
		expect(info.buttons).toEqual([
			{ index: 0, type: 'URL', text: 'Pay Now', url: 'https://rzp.io/i/{{1}}' },
		]);
		const components = def.components as Array<Record<string, unknown>>;
		const withHeader = {
			...def,
			components: [{ type: 'HEADER', format: 'TEXT', text: 'Pay' }, ...components],
		};
		expect(describeTemplate(withHeader).kind).toBeUndefined();
		const buttons = components[1].buttons as unknown[];
		const twoButtons = {
			...def,
			components: [
				components[0],
				{ type: 'BUTTONS', buttons: [...buttons, { type: 'QUICK_REPLY', text: 'Stop' }] },
			],
		};
		expect(describeTemplate(twoButtons).kind).toBeUndefined();
		const otherDomain = {
			...def,
			components: [
				components[0],
				{
					type: 'BUTTONS',
					buttons: [{ type: 'URL', text: 'Pay', url: 'https://pay.example.com/{{1}}' }],
				},
			],
		};
		expect(describeTemplate(otherDomain).kind).toBeUndefined();
		const fixedUrl = {
			...def,
			components: [
				components[0],
				{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Pay', url: 'https://rzp.io/i/abc' }] },
			],
		};
		expect(describeTemplate(fixedUrl).kind).toBeUndefined();
	});
});

describe('Enhanced Payment Link send', () => {
	test('body variables and the suffix in a url button with index "0"', () => {
		expect(
			buildEnhancedPaymentLinkTemplate(
				{ name: 'payment_reminder', language: 'en', bodyVariables: ['Rishi', 'ORD-1'] },
				'abc123XYZ',
			),
		).toEqual({
			name: 'payment_reminder',
			language: { policy: 'deterministic', code: 'en' },
			components: [
				{
					type: 'body',
					parameters: [
						{ type: 'text', text: 'Rishi' },
						{ type: 'text', text: 'ORD-1' },
					],
				},
				{
					type: 'button',
					sub_type: 'url',
					index: '0',
					parameters: [{ type: 'text', text: 'abc123XYZ' }],
				},
			],
		});
	});

	test('validateTemplate reads the suffix and refuses a whole link, another parameter type, or a url button in a carousel card', () => {
		const t = (parameter: Record<string, unknown>) => ({
			name: 'x',
			language: { code: 'en' },
			components: [{ type: 'button', sub_type: 'url', index: '0', parameters: [parameter] }],
		});
		expect(validateTemplate(t({ type: 'text', text: 'abc' }), 'IN').urlButtons).toEqual([
			{ index: 0, suffix: 'abc' },
		]);
		expect(
			ruleOf(() => validateTemplate(t({ type: 'text', text: 'https://rzp.io/i/a' }), 'IN')),
		).toEqual(expect.objectContaining({ field: 'template.components[0].parameters[0].text' }));
		expect(ruleOf(() => validateTemplate(t({ type: 'payload', payload: 'a' }), 'IN'))).toEqual({
			field: 'template.components[0].parameters[0].type',
			rule: 'must be "text" (the end of the link the button opens)',
		});
		expect(
			ruleOf(() => validateTemplate(t({ type: 'text', text: 'a', extra: 1 }), 'IN')).field,
		).toBe('template.components[0].parameters[0].extra');
		const carousel = {
			name: 'x',
			language: { code: 'en' },
			components: [
				{
					type: 'carousel',
					cards: [0, 1].map((card_index) => ({
						card_index,
						components: [
							{
								type: 'button',
								sub_type: 'url',
								index: 0,
								parameters: [{ type: 'text', text: 'a' }],
							},
						],
					})),
				},
			],
		};
		expect(ruleOf(() => validateTemplate(carousel, 'IN'))).toEqual({
			field: 'template.components[0].cards[0].components[0].sub_type',
			rule: 'url buttons are not part of payment carousels',
		});
	});
});
