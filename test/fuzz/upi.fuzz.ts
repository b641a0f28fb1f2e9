/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * UPI intent links, generated and garbled: the parser never crashes, every refusal is a rule error naming
 * a field under the link (`...link` or `...link.<attribute>`), and every accepted link keeps the five
 * attributes Meta uses, with tr usable as a reference ID and am (when present) equal to the total.
 */
import fc from 'fast-check';

import {
	PaymentsValidationError,
	UPI_INTENT_ATTRIBUTES,
	upiAmountMinor,
	validateUpiIntentLink,
} from '../../nodes/shared';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const FIELD = 'parameters.payment_settings[0].upi_intent_link.link';

const sometimes = <T>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<T>) =>
	fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: broken });
const junk = fc.string({ maxLength: 12 });
const attribute = (name: string, valid: fc.Arbitrary<string>) =>
	fc.oneof(
		{ weight: 12, arbitrary: valid.map((v) => `${name}=${encodeURIComponent(v)}`) },
		{ weight: 1, arbitrary: junk.map((v) => `${name}=${v}`) },
		{ weight: 1, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: fc.constant(name) },
	);

const link = fc
	.record({
		prefix: sometimes(
			fc.constantFrom('upi://pay?', 'UPI://PAY?'),
			fc.constantFrom('upi://collect?', 'https://x/?', 'upi:/pay?', '', ' upi://pay?'),
		),
		parts: fc.array(
			fc.oneof(
				attribute('pa', fc.stringMatching(/^[a-z0-9.]{1,10}@[a-z]{2,8}$/)),
				attribute('pn', fc.string({ minLength: 1, maxLength: 20 })),
				attribute('mc', fc.stringMatching(/^\d{4}$/)),
				attribute('purpose', fc.stringMatching(/^\d{2}$/)),
				attribute('tr', fc.stringMatching(/^[A-Za-z0-9_.-]{1,35}$/)),
				attribute(
					'am',
					fc.integer({ min: 0, max: 1_000_000 }).map((c) => (c / 100).toFixed(2)),
				),
				attribute('cu', fc.constant('INR')),
				attribute('tn', fc.string({ maxLength: 20 })),
				junk,
			),
			{ maxLength: 10 },
		),
		core: fc.boolean(),
		total: fc.integer({ min: 1, max: 1_000_000 }),
	})
	.map(({ prefix, parts, core, total }) => {
		// Half the links start from the five attributes, so valid links are common.
		const base = core ? ['pa=shop@psp', 'pn=Shop', 'mc=5399', 'purpose=00', 'tr=T-1'] : [];
		return { text: prefix + [...base, ...parts].join('&'), total };
	});

describe(`UPI intent link fuzzing (${RUNS} links, seed ${SEED})`, () => {
	const counts = { accepted: 0, refused: 0 };
	const fields = new Map<string, number>();
	afterAll(() => {
		const top = [...fields.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 8)
			.map(([f, n]) => `${f.slice(FIELD.length) || '(link)'} ${n}`)
			.join(', ');
		process.stdout.write(
			`upi fuzz: ${RUNS} generated links, ${counts.accepted} accepted, ${counts.refused} refused naming a field; most named: ${top}; seed ${SEED}\n`,
		);
	});

	test('never crashes; every refusal names the link or one of its attributes; accepted links keep the rules', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					{ weight: 9, arbitrary: link },
					{ weight: 1, arbitrary: fc.record({ text: fc.anything(), total: fc.nat() }) },
				),
				({ text, total }) => {
					let parsed;
					try {
						parsed = validateUpiIntentLink(text, FIELD, total);
					} catch (error) {
						expect(error).toBeInstanceOf(PaymentsValidationError);
						const e = error as PaymentsValidationError;
						expect(e.field === FIELD || e.field.startsWith(`${FIELD}.`)).toBe(true);
						expect(e.field).toMatch(/^[\w.[\]-]+$/);
						expect(e.rule.length).toBeGreaterThan(0);
						expect(e.message.startsWith(`${e.field}: `)).toBe(true);
						fields.set(e.field, (fields.get(e.field) ?? 0) + 1);
						counts.refused++;
						return;
					}
					counts.accepted++;
					for (const name of Object.keys(UPI_INTENT_ATTRIBUTES))
						expect(parsed[name as keyof typeof UPI_INTENT_ATTRIBUTES].trim()).not.toBe('');
					expect(parsed.tr).toMatch(/^[A-Za-z0-9_.-]{1,35}$/);
					expect(parsed.pa).toContain('@');
					const am = upiAmountMinor(parsed);
					if (am !== undefined) expect(am).toBe(total);
				},
			),
			{ numRuns: RUNS, seed: SEED },
		);
		expect(counts.accepted).toBeGreaterThan(0);
		expect(counts.refused).toBeGreaterThan(0);
	});
});
