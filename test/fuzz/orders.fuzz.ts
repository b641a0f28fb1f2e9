/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import fc from 'fast-check';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { validated } from '../../nodes/WhatsAppPayments/actions/shared/item';
import {
	buildInteractiveMessage,
	buildOrderDetailsInteractive,
	buildOrderDetailsParameters,
	paymentSetting,
	validateOrderDetailsInteractive,
} from '../../nodes/shared';
import type { Country, JsonObject, OrderFormInput } from '../../nodes/shared';
import type { Sandbox } from '../../sandbox/server';
import { PHONE_BR, PHONE_IN, sandboxFor, TOKEN } from '../helpers/sandbox';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const ctx = {
	getNode: () => ({
		name: 'WhatsApp Payments',
		type: 'n8n-nodes-whatsapp-payments.whatsAppPayments',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		id: 'n',
	}),
} as unknown as IExecuteFunctions;

const cents = fc.integer({ min: 0, max: 200_000_000 });
// Mostly valid values with a steady share of broken ones, so both paths get exercised.
const small = fc.integer({ min: 1, max: 2_000_000 });
const amount = fc.oneof(
	{ weight: 6, arbitrary: small.map((c) => (c / 100).toFixed(2)) },
	{ weight: 2, arbitrary: small.map((c) => c / 100) },
	{ weight: 1, arbitrary: cents.map((c) => String(c / 100)) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'1,234.50',
			'-3',
			'1.005',
			'',
			'abc',
			'1e3',
			0.1 + 0.2,
			'.5',
			12.345,
		),
	},
);
const word = (max: number) => fc.string({ minLength: 0, maxLength: max });
const good = (max: number) =>
	fc.string({ minLength: 1, maxLength: max }).filter((x) => x.trim() !== '');
const sometimes = <T>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<T>) =>
	fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: broken });
const refId = sometimes(fc.stringMatching(/^[A-Za-z0-9_.-]{1,35}$/), word(70));
const quantity = sometimes<number | string>(
	fc.integer({ min: 1, max: 5 }),
	fc.constantFrom(0, 1.5, '2', -1),
);
const item = fc.record({
	name: sometimes(good(40), word(70)),
	retailerId: sometimes(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.constant('')),
	amount,
	saleAmount: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: amount }),
	quantity,
});

const brSetting = fc.oneof(
	fc
		.record({
			code: sometimes(good(30), word(3)),
			merchantName: good(20),
			key: good(20),
			keyType: sometimes(
				fc.constantFrom('CPF', 'CNPJ', 'EMAIL', 'PHONE', 'EVP'),
				fc.constant('IBAN'),
			),
		})
		.map(paymentSetting.pix),
	fc.record({ digitableLine: sometimes(good(50), fc.constant('')) }).map(paymentSetting.boleto),
	sometimes(fc.webUrl(), word(10)).map((uri) => paymentSetting.paymentLink({ uri })),
	fc
		.record({
			lastFourDigits: sometimes(fc.stringMatching(/^\d{4}$/), word(5)),
			credentialId: good(12),
		})
		.map(paymentSetting.oneClick),
);
const inSetting = fc.oneof(
	fc
		.record({
			gateway: sometimes(
				fc.constantFrom('razorpay', 'payu', 'zaakpay', 'billdesk'),
				fc.constant('stripe'),
			),
			configurationName: sometimes(good(60), word(70)),
			preferredApp: fc.constantFrom('', 'gpay', 'phonepe', 'venmo'),
			enabledOptions: fc.constantFrom<string[]>([], ['upi'], ['web'], ['upi', 'web'], ['card']),
		})
		.map(paymentSetting.paymentGateway),
	sometimes(
		fc.constantFrom(
			'upi://pay?pa=shop@okbank&pn=Shop&mc=5399&purpose=00&tr=UPI-1',
			'upi://pay?pa=shop@okbank&pn=Shop&mc=5399&purpose=00&tr=UPI-1&cu=INR&tn=x',
		),
		fc.constantFrom('https://x.example', 'upi:', 'upi://pay?pa=shop@okbank&pn=Shop'),
	).map((link) => paymentSetting.upiIntentLink({ link })),
	sometimes(fc.webUrl(), word(8)).map((uri) => paymentSetting.paymentLink({ uri })),
);

const order = fc.record({
	country: fc.constantFrom<Country>('BR', 'IN'),
	referenceId: refId,
	goodsType: sometimes(fc.constantFrom('digital-goods', 'physical-goods'), fc.constant('services')),
	br: fc.uniqueArray(brSetting, { minLength: 0, maxLength: 3, selector: (x) => x.type }),
	in: fc.uniqueArray(inSetting, { minLength: 1, maxLength: 2, selector: (x) => x.type }),
	simplified: fc.boolean(),
	items: sometimes(
		fc.array(item, { minLength: 1, maxLength: 4 }),
		fc.array(item, { maxLength: 0 }),
	),
	tax: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: amount }),
	shipping: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: amount }),
	discount: fc.oneof(
		{ weight: 6, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: fc.constantFrom('0.01', '1.00', '1,00') },
	),
	total: fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: amount }),
	catalog: fc.boolean(),
	body: word(30),
});

describe(`order builder and validator fuzzing (${RUNS} orders, seed ${SEED})`, () => {
	let sandbox: Sandbox;
	const counts = { accepted: 0, rejected: 0, sandboxAccepted: 0 };
	const fields = new Map<string, number>();
	beforeAll(async () => {
		sandbox = await sandboxFor({ statusDelayMs: 0 });
	});
	afterAll(async () => {
		await sandbox.stop();
		const top = [...fields.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 8)
			.map(([f, n]) => `${f} ${n}`)
			.join(', ');
		process.stdout.write(
			`order fuzz: ${RUNS} generated orders, ${counts.accepted} accepted (${counts.sandboxAccepted} also accepted by the sandbox over HTTP), ${counts.rejected} rejected with a NodeOperationError naming a field; most named fields: ${top}; seed ${SEED}\n`,
		);
	});

	test('every rejection names a field; every accepted order is accepted by the sandbox', async () => {
		await fc.assert(
			fc.asyncProperty(order, async (o) => {
				const input: OrderFormInput = {
					country: o.country,
					referenceId: o.referenceId,
					goodsType: o.goodsType,
					paymentSettings: o.country === 'BR' ? o.br : o.in,
					simplified: o.country === 'BR' && o.simplified,
					total: o.total === '' && o.simplified ? '10.00' : o.total,
					items: o.items.map((i) =>
						o.country === 'IN' && !o.catalog
							? {
									...i,
									countryOfOrigin: 'India',
									importerName: 'Imp',
									importerAddress: {
										address_line1: 'l',
										city: 'c',
										zone_code: 'KA',
										postal_code: '560001',
										country_code: 'IN',
									},
								}
							: i,
					),
					tax: o.tax,
					shipping: o.shipping,
					discount: o.discount,
					catalogId: o.catalog ? 'cat-1' : undefined,
					beneficiaries:
						o.goodsType === 'physical-goods'
							? [
									{
										name: 'A',
										address_line1: 'l',
										city: 'c',
										state: 's',
										country: 'India',
										postal_code: '560001',
									},
								]
							: undefined,
				};
				let message: JsonObject | undefined;
				try {
					message = validated(ctx, 0, () => {
						const interactive = buildOrderDetailsInteractive(buildOrderDetailsParameters(input), {
							body: o.body,
						});
						validateOrderDetailsInteractive(interactive, o.country);
						return buildInteractiveMessage('5511999990001', interactive);
					});
				} catch (error) {
					expect(error).toBeInstanceOf(NodeOperationError);
					const e = error as NodeOperationError;
					expect(e.message).toMatch(/^Invalid [\w.[\]-]+: /);
					const field = /^Invalid ([\w.[\]-]+):/.exec(e.message)![1];
					expect(e.description).toContain(`Field "${field}"`);
					const key = field.replace(/\[\d+\]/g, '[]');
					fields.set(key, (fields.get(key) ?? 0) + 1);
					counts.rejected++;
					return;
				}
				counts.accepted++;
				const res = await fetch(
					`${sandbox.url}/v25.0/${o.country === 'BR' ? PHONE_BR : PHONE_IN}/messages`,
					{
						method: 'POST',
						headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
						body: JSON.stringify(message),
					},
				);
				const answer = await res.json();
				expect([res.status, answer]).toEqual([
					200,
					expect.objectContaining({ messaging_product: 'whatsapp' }),
				]);
				counts.sandboxAccepted++;
			}),
			{ numRuns: RUNS, seed: SEED },
		);
		expect(counts.accepted).toBeGreaterThan(0);
		expect(counts.rejected).toBeGreaterThan(0);
	});
});
