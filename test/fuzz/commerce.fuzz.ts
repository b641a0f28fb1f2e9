/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Product messages, generated near Meta's limits and garbled: the validator never crashes, every refusal
 * is a rule error naming a field of the message, every accepted message keeps Meta's limits (sections,
 * 30 products, 2 to 10 cards of one catalog, body and header rules), and the sandbox answers every
 * garbled send with Meta's error envelope or accepts it, never a server error.
 */
import fc from 'fast-check';

import {
	COMMERCE_LIMITS,
	PaymentsValidationError,
	productsOfMessage,
	validateProductMessage,
} from '../../nodes/shared';
import { INDIA_CATALOG } from '../../sandbox/seeds';
import type { Sandbox } from '../../sandbox/server';
import { PHONE_IN, sandboxWithCatalog, TOKEN } from '../helpers/sandbox';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const ROOTS = /^(interactive|type|header|body|footer|action)(\.|\[|$)/;

type J = Record<string, unknown>;

const junk = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
);
const sometimes = <T>(valid: fc.Arbitrary<T>) =>
	fc.oneof(
		{ weight: 40, arbitrary: valid },
		{ weight: 1, arbitrary: junk as fc.Arbitrary<unknown> },
	);
const textOf = (max: number) =>
	sometimes(
		fc.oneof(
			{ weight: 12, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
			{
				weight: 2,
				arbitrary: fc
					.integer({ min: max - 1, max: max + 1 })
					.map((n) => 'x'.repeat(Math.max(0, n))),
			},
			{ weight: 1, arbitrary: fc.constant('  ') },
		),
	);
const part = (max: number) =>
	fc.oneof(
		{ weight: 30, arbitrary: textOf(max).map((text) => ({ text })) },
		{ weight: 1, arbitrary: junk },
	);
const catalogId = sometimes(
	fc.oneof(
		{ weight: 12, arbitrary: fc.constant(INDIA_CATALOG.id) },
		{ weight: 1, arbitrary: fc.constantFrom('194836987000001', 'cat-1', '') },
	),
);
const sku = sometimes(
	fc.oneof(
		{ weight: 30, arbitrary: fc.constantFrom(...INDIA_CATALOG.products.map((p) => p.retailer_id)) },
		{ weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,8}$/) },
		{ weight: 1, arbitrary: fc.constantFrom(' a', '', 'b ') },
	),
);
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
/** Mostly absent: a field Meta does not accept on this message type. */
const rare = <T>(a: fc.Arbitrary<T>) =>
	fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const strip = (o: J): J => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const section = fc
	.record({
		title: optional(textOf(COMMERCE_LIMITS.sectionTitle)),
		product_items: sometimes(
			fc.oneof(
				{
					weight: 6,
					arbitrary: fc.array(sometimes(sku.map((id) => ({ product_retailer_id: id }))), {
						maxLength: 6,
					}),
				},
				{
					weight: 1,
					arbitrary: fc.array(fc.record({ product_retailer_id: sku }), { maxLength: 31 }),
				},
			),
		),
	})
	.map(strip);
const single = fc
	.record({
		type: fc.constant('product'),
		body: optional(part(COMMERCE_LIMITS.body)),
		footer: optional(part(COMMERCE_LIMITS.footer)),
		header: rare(part(60)),
		action: sometimes(fc.record({ catalog_id: catalogId, product_retailer_id: sku })),
	})
	.map(strip);
const productList = fc
	.record({
		type: fc.constant('product_list'),
		header: optional(
			fc.oneof(
				{
					weight: 8,
					arbitrary: textOf(COMMERCE_LIMITS.header).map((text) => ({ type: 'text', text })),
				},
				{ weight: 1, arbitrary: fc.record({ type: junk, text: junk }) },
			),
		),
		body: optional(part(COMMERCE_LIMITS.body)),
		footer: optional(part(COMMERCE_LIMITS.footer)),
		action: sometimes(
			fc.record({
				catalog_id: catalogId,
				sections: sometimes(
					fc.oneof(
						{ weight: 6, arbitrary: fc.array(section, { maxLength: 4 }) },
						{ weight: 1, arbitrary: fc.array(section, { maxLength: 11 }) },
					),
				),
			}),
		),
	})
	.map(strip);
const catalogMessage = fc
	.record({
		type: fc.constant('catalog_message'),
		body: optional(part(COMMERCE_LIMITS.body)),
		footer: optional(part(COMMERCE_LIMITS.footer)),
		action: sometimes(
			fc
				.record({
					name: sometimes(fc.constant('catalog_message')),
					parameters: optional(sometimes(fc.record({ thumbnail_product_retailer_id: sku }))),
				})
				.map(strip),
		),
	})
	.map(strip);
const card = fc.record({
	card_index: sometimes(fc.integer({ min: -1, max: 10 })),
	type: sometimes(fc.constant('product')),
	action: sometimes(fc.record({ product_retailer_id: sku, catalog_id: catalogId })),
});
const carousel = fc
	.record({
		type: fc.constant('carousel'),
		body: optional(part(COMMERCE_LIMITS.body)),
		footer: rare(part(60)),
		action: sometimes(fc.record({ cards: sometimes(fc.array(card, { maxLength: 11 })) })),
	})
	.map(strip)
	// Cards are mostly numbered in order, as the node builds them.
	.map((m) => {
		const action = m.action as J | undefined;
		const cards = action?.cards;
		if (!Array.isArray(cards) || cards.length % 3 === 0) return m;
		const numbered = cards.map((c: unknown, n) =>
			typeof c === 'object' && c !== null && typeof (c as J).card_index === 'number'
				? { ...(c as J), card_index: n }
				: c,
		);
		return { ...m, action: { ...action, cards: numbered } };
	});
const messageArb = fc.oneof(
	{ weight: 3, arbitrary: single },
	{ weight: 4, arbitrary: productList },
	{ weight: 2, arbitrary: catalogMessage },
	{ weight: 3, arbitrary: carousel },
	{ weight: 1, arbitrary: fc.anything() },
);

function lengthOf(text: unknown): number {
	return Array.from(String(text)).length;
}

/** What an accepted message must satisfy, checked independently of the validator's code paths. */
function checkAccepted(message: J): void {
	const body = (message.body as J | undefined)?.text;
	if (body !== undefined) expect(lengthOf(body)).toBeLessThanOrEqual(COMMERCE_LIMITS.body);
	if (message.type !== 'product') expect(typeof body).toBe('string');
	const action = message.action as J;
	if (message.type === 'product_list') {
		expect((message.header as J).type).toBe('text');
		const sections = action.sections as J[];
		expect(sections.length).toBeGreaterThanOrEqual(1);
		expect(sections.length).toBeLessThanOrEqual(COMMERCE_LIMITS.sections);
		if (sections.length > 1)
			for (const s of sections)
				expect(lengthOf(s.title)).toBeLessThanOrEqual(COMMERCE_LIMITS.sectionTitle);
		expect(productsOfMessage(message).retailerIds.length).toBeLessThanOrEqual(
			COMMERCE_LIMITS.productItems,
		);
	}
	if (message.type === 'carousel') {
		const cards = action.cards as J[];
		expect(cards.length).toBeGreaterThanOrEqual(COMMERCE_LIMITS.cardsMin);
		expect(cards.length).toBeLessThanOrEqual(COMMERCE_LIMITS.cardsMax);
		expect(new Set(cards.map((c) => (c.action as J).catalog_id)).size).toBe(1);
		expect(new Set(cards.map((c) => c.card_index)).size).toBe(cards.length);
		expect(message).not.toHaveProperty('header');
		expect(message).not.toHaveProperty('footer');
	}
	if (message.type === 'product') expect(message).not.toHaveProperty('header');
}

describe(`product message fuzzing (${RUNS} messages, seed ${SEED})`, () => {
	const counts = { accepted: 0, refused: 0 };
	const byType = new Map<string, number>();
	const fields = new Map<string, number>();
	afterAll(() => {
		const top = [...fields.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 6)
			.map(([f, n]) => `${f} ${n}`)
			.join(', ');
		const accepted = [...byType.entries()].map(([t, n]) => `${t} ${n}`).join(', ');
		process.stdout.write(
			`commerce fuzz: ${RUNS} generated messages, ${counts.accepted} accepted (${accepted}), ${counts.refused} refused naming a field; most named: ${top}; seed ${SEED}\n`,
		);
	});

	test('never crashes; every refusal names a field of the message; accepted messages keep the limits', () => {
		fc.assert(
			fc.property(messageArb, (message) => {
				let type;
				try {
					type = validateProductMessage(message);
				} catch (error) {
					expect(error).toBeInstanceOf(PaymentsValidationError);
					const e = error as PaymentsValidationError;
					expect(e.field).toMatch(ROOTS);
					expect(e.rule.length).toBeGreaterThan(0);
					expect(e.message.startsWith(`${e.field}: `)).toBe(true);
					const root = e.field.replace(/\[\d+\]/g, '[]');
					fields.set(root, (fields.get(root) ?? 0) + 1);
					counts.refused++;
					return;
				}
				counts.accepted++;
				byType.set(type, (byType.get(type) ?? 0) + 1);
				checkAccepted(message as J);
			}),
			{ numRuns: RUNS, seed: SEED },
		);
		expect(counts.accepted).toBeGreaterThan(RUNS / 50);
		expect(counts.refused).toBeGreaterThan(RUNS / 50);
		for (const t of ['product', 'product_list', 'catalog_message', 'carousel'])
			expect(byType.get(t) ?? 0).toBeGreaterThan(0);
	});

	describe('the sandbox', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await sandboxWithCatalog();
		});
		afterAll(async () => {
			await sandbox.stop();
		});

		test("answers every garbled product message with Meta's error envelope or accepts it, never a server error", async () => {
			const statuses = new Map<number, number>();
			await fc.assert(
				fc.asyncProperty(messageArb, async (interactive) => {
					const res = await fetch(`${sandbox.url}/v25.0/${PHONE_IN}/messages`, {
						method: 'POST',
						headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
						body: JSON.stringify({
							messaging_product: 'whatsapp',
							to: '919999990001',
							type: 'interactive',
							interactive,
						}),
					});
					const json = (await res.json()) as J;
					statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
					if (res.status === 200) expect((json.messages as J[])[0].id).toMatch(/^wamid\./);
					else {
						expect(res.status).toBe(400);
						expect(typeof (json.error as J).code).toBe('number');
					}
				}),
				{ numRuns: Math.min(RUNS, 1000), seed: SEED },
			);
			expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
			expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
		});
	});
});
