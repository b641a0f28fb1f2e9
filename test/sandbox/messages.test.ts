/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** The sandbox's messages route: interactive order_details and order_status, validated and stored as Meta does. */
import type { Sandbox } from '../../sandbox/server';
import { graphOf, message, seedInteractive } from '../helpers/graph';
import { receiver } from '../helpers/receiver';
import { PHONE_BR, PHONE_IN, sandboxFor, WABA_ID } from '../helpers/sandbox';

type J = Record<string, any>;

describe('sandbox Graph API', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor();
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const graph = graphOf(() => sandbox);

	describe('messages', () => {
		test('seed 000 order_details is accepted with a wamid; the order is kept by reference_id', async () => {
			const { status, json } = await graph(
				'POST',
				`/${PHONE_BR}/messages`,
				message(seedInteractive()),
			);
			expect(status).toBe(200);
			expect(json).toMatchObject({
				messaging_product: 'whatsapp',
				contacts: [{ input: '5511999990001', wa_id: '5511999990001' }],
			});
			expect(json.messages[0].id).toMatch(/^wamid\./);
			expect(sandbox.getOrder('seed-1')).toMatchObject({
				total: 50000,
				status: 'pending',
				country: 'BR',
				messages: [json.messages[0].id],
			});
		});

		test('seed 000 with the total changed by one cent -> 131009 naming the total', async () => {
			const i = seedInteractive('seed-2');
			i.action.parameters.total_amount.value = 50001;
			const { status, json } = await graph('POST', `/${PHONE_BR}/messages`, message(i));
			expect(status).toBe(400);
			expect(json.error.code).toBe(131009);
			expect(json.error.error_data.details).toMatch(
				/parameters\.total_amount: must equal subtotal \+ tax \+ shipping - discount: expected 500\.00/,
			);
			expect(sandbox.orders.size).toBe(0);
		});

		test.each([
			[
				'missing field -> 131008',
				(i: J) => delete i.action.parameters.currency,
				131008,
				/parameters\.currency: is required/,
			],
			[
				'unknown field -> 100',
				(i: J) => (i.action.parameters.colour = 'red'),
				100,
				/parameters\.colour/,
			],
			[
				'too long -> 100',
				(i: J) => (i.body.text = 'x'.repeat(1025)),
				100,
				/body\.text: must be at most 1024/,
			],
			[
				'offset -> 131009',
				(i: J) => (i.action.parameters.total_amount.offset = 1),
				131009,
				/total_amount\.offset: must be 100/,
			],
			[
				'reference_id rule -> 131009',
				(i: J) => (i.action.parameters.reference_id = 'bad ref'),
				131009,
				/reference_id: may contain only/,
			],
			[
				'currency per country -> 131009',
				(i: J) => (i.action.parameters.payment_type = 'xx'),
				131009,
				/payment_type: must be "br"/,
			],
			[
				'payment setting fields -> 131008',
				(i: J) => delete i.action.parameters.payment_settings[0].offsite_card_pay.last_four_digits,
				131008,
				/last_four_digits: is required/,
			],
		])('%s', async (_n, mutate, code, details) => {
			const i = seedInteractive('seed-x');
			mutate(i);
			const { json } = await graph('POST', `/${PHONE_BR}/messages`, message(i));
			expect(json.error.code).toBe(code);
			expect(json.error.error_data.details).toMatch(details);
		});

		test('order_status transitions: 2046 after completed, 2047 canceling a paid order, unknown reference refused', async () => {
			await graph('POST', `/${PHONE_BR}/messages`, message(seedInteractive('st-1')));
			const status = (ref: string, order?: J, payment?: J) =>
				message({
					type: 'order_status',
					body: { text: 'upd' },
					action: {
						name: 'review_order',
						parameters: {
							reference_id: ref,
							...(order ? { order } : {}),
							...(payment ? { payment } : {}),
						},
					},
				});
			expect(
				(await graph('POST', `/${PHONE_BR}/messages`, status('st-1', { status: 'processing' })))
					.status,
			).toBe(200);
			// Kept with its text, for the buyer page's bubble.
			expect(sandbox.getOrder('st-1').history.at(-1)).toMatchObject({
				kind: 'order_status',
				status: 'processing',
				text: 'upd',
			});
			expect(
				(
					await graph(
						'POST',
						`/${PHONE_BR}/messages`,
						status('st-1', { status: 'partially-shipped' }),
					)
				).status,
			).toBe(200);
			expect(
				(
					await graph(
						'POST',
						`/${PHONE_BR}/messages`,
						status('st-1', undefined, { status: 'captured', timestamp: 1722445231 }),
					)
				).status,
			).toBe(200);
			expect(
				(await graph('POST', `/${PHONE_BR}/messages`, status('st-1', { status: 'canceled' }))).json
					.error.code,
			).toBe(2047);
			expect(
				(await graph('POST', `/${PHONE_BR}/messages`, status('st-1', { status: 'completed' })))
					.status,
			).toBe(200);
			expect(
				(await graph('POST', `/${PHONE_BR}/messages`, status('st-1', { status: 'shipped' }))).json
					.error.code,
			).toBe(2046);
			expect(
				(await graph('POST', `/${PHONE_BR}/messages`, status('nope', { status: 'shipped' }))).json
					.error.error_data.details,
			).toMatch(/does not match any order_details/);
			const order = sandbox.getOrder('st-1');
			expect(order.history.map((h) => h.status ?? h.payment)).toEqual([
				'pending',
				'processing',
				'partially_shipped',
				'captured',
				'completed',
			]);
			expect(order.messages).toHaveLength(5);
		});

		test('sent, delivered and read status webhooks follow each accepted message, signed', async () => {
			const cb = await receiver();
			try {
				sandbox.options.statusDelayMs = 5;
				sandbox.subscribedApps.set(WABA_ID, { override_callback_uri: cb.url });
				const { json } = await graph(
					'POST',
					`/${PHONE_BR}/messages`,
					message(seedInteractive('st-2')),
				);
				await new Promise((r) => setTimeout(r, 40));
				await sandbox.idle();
				const statuses = cb.posts.map(
					(p) => JSON.parse(p.raw.toString()).entry[0].changes[0].value.statuses[0],
				);
				// Each status once, whatever order they arrive in: each delivery is its own POST, 5 ms apart, and
				// on a busy machine (jest's parallel workers) a later one can arrive first.
				const progression = ['sent', 'delivered', 'read'];
				const byProgression = (a: J, b: J) =>
					progression.indexOf(a.status) - progression.indexOf(b.status);
				expect([...statuses].sort(byProgression).map((s: J) => [s.id, s.status])).toEqual([
					[json.messages[0].id, 'sent'],
					[json.messages[0].id, 'delivered'],
					[json.messages[0].id, 'read'],
				]);
			} finally {
				await cb.close();
			}
		});

		test('India lookup pending -> captured after the buyer pays; refunds tracked', async () => {
			await graph('POST', `/${WABA_ID}/payment_configuration`, {
				configuration_name: 'rzp',
				provider_name: 'razorpay',
			});
			const i = {
				type: 'order_details',
				body: { text: 'Invoice' },
				action: {
					name: 'review_and_pay',
					parameters: {
						reference_id: 'IN-1',
						type: 'digital-goods',
						currency: 'INR',
						total_amount: { value: 10000, offset: 100 },
						payment_settings: [
							{
								type: 'payment_gateway',
								payment_gateway: {
									type: 'razorpay',
									configuration_name: 'rzp',
									razorpay: { receipt: 'r-1' },
								},
							},
						],
						order: {
							status: 'pending',
							catalog_id: 'c',
							items: [
								{ retailer_id: 'a', name: 'A', amount: { value: 10000, offset: 100 }, quantity: 1 },
							],
							subtotal: { value: 10000, offset: 100 },
							tax: { value: 0, offset: 100 },
						},
					},
				},
			};
			expect(
				(await graph('POST', `/${PHONE_IN}/messages`, message(i, '919999990001'))).status,
			).toBe(200);
			expect((await graph('GET', `/${PHONE_IN}/payments/rzp/IN-1`)).json.payments[0]).toEqual({
				reference_id: 'IN-1',
				status: 'pending',
				currency: 'INR',
				amount: { value: 10000, offset: 100 },
			});
			sandbox.buyerIndiaPayment('IN-1', 'failed');
			sandbox.buyerIndiaPayment('IN-1', 'captured');
			const after = (await graph('GET', `/${PHONE_IN}/payments/rzp/IN-1`)).json.payments[0];
			expect(after.status).toBe('captured');
			expect(after.transactions.map((t: J) => t.status)).toEqual(['failed', 'success']);
			// Every lookup is counted by reference, for tests that act while a lookup is held.
			expect(sandbox.store.paymentLookups.get('IN-1')).toBe(2);
			const refund = await graph('POST', `/${PHONE_IN}/payments_refund`, {
				reference_id: 'IN-1',
				speed: 'instant',
				payment_config_id: 'rzp',
				amount: { currency: 'INR', value: '2500', offset: '100' },
			});
			expect(refund.json).toMatchObject({ status: 'completed', speed_processed: 'instant' });
			expect(
				(
					await graph('POST', `/${PHONE_IN}/payments_refund`, {
						reference_id: 'IN-1',
						amount: { value: 9000, offset: 100 },
					})
				).json.error.error_data.details,
			).toMatch(/exceed/);
		});
	});
});
