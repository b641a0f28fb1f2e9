/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Garbled template sends and carts: the shared validator only ever raises rule errors naming a field, the
 * sandbox answers every garbled template send with Meta's error envelope (never a 500), and every cart in a
 * delivery becomes exactly one event, whatever its prices look like.
 */
import fc from 'fast-check';

import { parseDelivery, PaymentsValidationError, validateTemplate } from '../../nodes/shared';
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandboxFor, TOKEN } from '../helpers/sandbox';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

const value = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
);
const part = fc.record(
	{
		type: fc.oneof(
			fc.constantFrom('header', 'body', 'button', 'carousel', 'order_status'),
			fc.string({ maxLength: 6 }),
		),
		sub_type: fc.constantFrom('order_details', 'payment_request', 'quick_reply', 'url', 7),
		index: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom('0', '1', 'x', 1.5)),
		parameters: fc.oneof(
			fc.array(
				fc.dictionary(
					fc.constantFrom('type', 'text', 'action', 'payload', 'image'),
					fc.oneof(value, fc.dictionary(fc.string({ maxLength: 5 }), value)),
				),
				{ maxLength: 3 },
			),
			value,
		),
		cards: fc.oneof(
			fc.array(fc.dictionary(fc.constantFrom('card_index', 'components'), value), { maxLength: 3 }),
			value,
		),
	},
	{ requiredKeys: ['type'] },
);
const template = fc.record(
	{
		name: fc.oneof(
			fc.constantFrom(
				'pedido_pix',
				'cobranca_web',
				'festive_picks',
				'back_in_stock',
				'order_update',
				'payment_reminder',
			),
			fc.string({ maxLength: 10 }),
		),
		language: fc.oneof(
			fc.record({
				policy: fc.constantFrom('deterministic', 'fallback'),
				code: fc.constantFrom('pt_BR', 'en_US', 'xx'),
			}),
			value,
		),
		components: fc.oneof(fc.array(part, { maxLength: 5 }), value),
	},
	{ requiredKeys: [] },
);

describe(`template and cart fuzzing (${RUNS} cases, seed ${SEED})`, () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses, statusDelayMs: 0 });
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	test('validateTemplate raises only rule errors that name a field', () => {
		fc.assert(
			fc.property(
				template,
				fc.constantFrom('BR', 'IN') as fc.Arbitrary<'BR' | 'IN'>,
				(t, country) => {
					try {
						validateTemplate(t, country);
					} catch (e) {
						if (!(e instanceof PaymentsValidationError)) throw e;
						expect(e.field).toMatch(/\S/);
					}
				},
			),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('the sandbox answers garbled template sends with Meta error envelopes, never a 500', async () => {
		const codes = new Set<number>();
		await fc.assert(
			fc.asyncProperty(
				template,
				fc.constantFrom(...SANDBOX_DEFAULTS.businesses.map((b) => b.phoneNumbers[0].id)),
				async (t, phone) => {
					const res = await fetch(`${sandbox.url}/v25.0/${phone}/messages`, {
						method: 'POST',
						headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
						body: JSON.stringify({
							messaging_product: 'whatsapp',
							to: '5511999990001',
							type: 'template',
							template: t,
						}),
					});
					expect(res.status).not.toBe(500);
					const body = (await res.json()) as { error?: { code: number; message: string } };
					if (res.status !== 200) {
						expect(body.error?.message).toMatch(/^\(#\d+\)/);
						codes.add(body.error!.code);
					}
				},
			),
			{ numRuns: Math.min(RUNS, 2000), seed: SEED },
		);
		expect(
			[...codes].every((c) => [100, 131008, 131009, 132000, 132001, 132005, 132012].includes(c)),
		).toBe(true);
	});

	test('every cart in a delivery is one event; its subtotal is exact when every price is readable', () => {
		const price = fc.oneof(
			fc.integer({ min: 0, max: 10_000_00 }).map((c) => c / 100),
			fc.integer({ min: 0, max: 10_000_00 }).map((c) => String(c / 100)),
			value,
		);
		const item = fc.record({
			product_retailer_id: fc.string({ maxLength: 6 }),
			quantity: fc.oneof(fc.integer({ min: 0, max: 9 }), value),
			item_price: price,
			currency: fc.constantFrom('INR', 'BRL', 'USD'),
		});
		fc.assert(
			fc.property(
				fc.array(fc.array(item, { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
				(carts) => {
					const messages = carts.map((items, n) => ({
						from: '919000090000',
						id: `wamid.C${n}`,
						timestamp: '1750096325',
						type: 'order',
						order: { catalog_id: 'c', product_items: items },
					}));
					const { events } = parseDelivery({
						object: 'whatsapp_business_account',
						entry: [{ id: '1', changes: [{ field: 'messages', value: { messages } }] }],
					});
					expect(events.map((e) => e.data.message_id)).toEqual(messages.map((m) => m.id));
					for (const e of events) {
						const lines = e.data.items as Array<{ line_amount: { value: number } | null }>;
						if (e.data.subtotal) {
							expect((e.data.subtotal as { value: number }).value).toBe(
								lines.reduce((s, l) => s + l.line_amount!.value, 0),
							);
							expect(e.data.problems).toEqual([]);
						} else expect((e.data.problems as string[]).length).toBeGreaterThan(0);
					}
				},
			),
			{ numRuns: RUNS, seed: SEED },
		);
	});
});
