/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Enhanced Payment Links, generated and garbled: splitting a gateway link, resolving what a send puts in
 * the button (with and without the template's prefix), the template definition and the send builder never
 * crash, every refusal is a rule error naming a field, and everything accepted is what WhatsApp needs: a
 * listed prefix plus a non-empty suffix without white space, at most 2000 characters in all, and a
 * definition the package reads back as an Enhanced Payment Link template with the same prefix.
 */
import fc from 'fast-check';

import {
	buildEnhancedPaymentLinkTemplate,
	buildTemplateDefinition,
	describeTemplate,
	PAYMENT_LINK_PREFIXES,
	PaymentsValidationError,
	resolvePaymentLink,
	splitPaymentLink,
} from '../../nodes/shared';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const FIELD = 'payment_link';
const PREFIXES = PAYMENT_LINK_PREFIXES.map((p) => p.prefix);

/** How many cases each property accepted and refused (both must happen, or the generator is wrong). */
let tally = { accepted: 0, refused: 0 };

/** Rule errors name a field; anything else thrown is a crash and fails the property. */
function refusal(fn: () => void, field?: RegExp): void {
	try {
		fn();
		tally.accepted++;
	} catch (e) {
		if (!(e instanceof PaymentsValidationError)) throw e;
		expect(e.field).toMatch(field ?? /\S/);
		expect(e.rule).toMatch(/\S/);
		tally.refused++;
	}
}

const suffixChar = fc.oneof(
	{ weight: 10, arbitrary: fc.constantFrom(...'abcXYZ019-_./?=&#%~'.split('')) },
	{ weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\n', '\u0000', ':', '{', '}', 'é', '😀') },
);
const suffix = fc.oneof(
	{ weight: 8, arbitrary: fc.array(suffixChar, { maxLength: 30 }).map((a) => a.join('')) },
	{ weight: 1, arbitrary: fc.constantFrom('', 'https://evil.example/x', 'x'.repeat(2100)) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const prefix = fc.oneof(
	{ weight: 8, arbitrary: fc.constantFrom(...PREFIXES) },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'http://rzp.io/rzp/',
			'https://rzp.io/',
			'https://RZP.IO/i/',
			'https://payments.cashfree.com/lin',
			'https://shop.example.com/',
			'https://bit.ly/',
			'upi://pay?',
			'',
			' ',
		),
	},
);
const link = fc
	.record({ prefix, suffix, pad: fc.constantFrom('', ' ', '\n') })
	.map(({ prefix: p, suffix: s, pad }) => `${pad}${p}${s}${pad}`);
const anything = fc.oneof(
	link,
	fc.string({ maxLength: 40 }),
	fc.integer(),
	fc.constant(null),
	fc.constant(undefined),
);

describe(`Enhanced Payment Link fuzzing (${RUNS} cases, seed ${SEED})`, () => {
	beforeEach(() => {
		tally = { accepted: 0, refused: 0 };
	});
	afterEach(() => {
		expect(tally.accepted).toBeGreaterThan(0);
		expect(tally.refused).toBeGreaterThan(0);
	});

	test('splitPaymentLink: refusals name the field; an accepted link is a listed prefix plus a clean suffix', () => {
		fc.assert(
			fc.property(anything, (value) => {
				refusal(() => {
					const out = splitPaymentLink(value, FIELD);
					expect(PREFIXES).toContain(out.prefix);
					expect(out.prefix + out.suffix).toBe(String(value).trim());
					expect(out.suffix).toMatch(/^\S+$/);
					expect(out.suffix).not.toMatch(/:\/\//);
					expect(Array.from(out.prefix + out.suffix).length).toBeLessThanOrEqual(2000);
				}, /^payment_link$/);
			}),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('resolvePaymentLink against a template prefix: the button gets only the suffix, and the link it opens starts with that prefix', () => {
		fc.assert(
			fc.property(anything, fc.constantFrom(...PREFIXES), (value, templatePrefix) => {
				refusal(() => {
					const out = resolvePaymentLink(value, FIELD, templatePrefix);
					expect(out.url).toBe(templatePrefix + out.suffix);
					expect(out.suffix).toMatch(/^\S+$/);
					expect(out.suffix).not.toMatch(/^https?:/i);
					if (typeof value === 'string' && /^https:/i.test(value.trim()))
						expect(out.url).toBe(value.trim());
					expect(Array.from(out.url!).length).toBeLessThanOrEqual(2000);
				}, /^payment_link$/);
			}),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('the definition: refusals name a field; an accepted one reads back as an Enhanced Payment Link on its prefix', () => {
		fc.assert(
			fc.property(
				fc.record({
					prefix: fc.oneof(prefix, fc.constant(undefined)),
					example: fc.oneof(link, fc.constant(undefined)),
					buttonText: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(undefined)),
					headerFormat: fc.constantFrom('NONE', 'TEXT', 'IMAGE', undefined),
					category: fc.constantFrom('UTILITY', 'MARKETING', 'utility', '', 'AUTHENTICATION'),
					body: fc.constantFrom('Pay below.', 'Hi {{1}}, pay ₹{{2}} below.', '{{1}}', ''),
					examples: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
				}),
				(r) => {
					refusal(() => {
						const def = buildTemplateDefinition({
							kind: 'enhanced_payment_link',
							country: 'IN',
							name: 'pay_link',
							language: 'en',
							category: r.category,
							headerFormat: r.headerFormat as 'NONE' | undefined,
							body: r.body,
							bodyExamples: r.examples,
							buttonText: r.buttonText,
							paymentLinkPrefix: r.prefix,
							paymentLinkExample: r.example,
						});
						const info = describeTemplate({ ...def, status: 'APPROVED' });
						expect(info.kind).toBe('enhanced_payment_link');
						expect(info.paymentLinkPrefix).toBe(r.prefix);
						expect(info.headerFormat).toBeUndefined();
						expect(info.buttons).toHaveLength(1);
					});
				},
			),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('the send: refusals name a field under template; an accepted one carries exactly the suffix in button 0', () => {
		fc.assert(
			fc.property(suffix, fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), (s, vars) => {
				refusal(() => {
					const t = buildEnhancedPaymentLinkTemplate(
						{ name: 'pay_link', language: 'en', bodyVariables: vars },
						s,
					);
					const button = (t.components as Array<Record<string, unknown>>).at(-1)!;
					expect(button).toEqual({
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: s }],
					});
				}, /^template\./);
			}),
			{ numRuns: RUNS, seed: SEED },
		);
	});
});
