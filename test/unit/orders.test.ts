import seed from '../fixtures/seed-000-order-details.json';
import {
	buildInteractiveMessage,
	buildOrderDetailsInteractive,
	buildOrderDetailsParameters,
	buildOrderStatusParameters,
	paymentSetting,
	PaymentsValidationError,
	validateOrderDetailsInteractive,
	validateOrderDetailsParameters,
	validateOrderStatusParameters,
} from '../../nodes/shared';
import type { Country, JsonObject } from '../../nodes/shared';
import { checkOrderTransition } from '../../sandbox/rules';

const NOW = 1_800_000_000;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The seed's interactive object with a valid reference_id (its placeholder breaks Meta's own rule). */
function seedInteractive(): JsonObject {
	const i = clone(seed.interactive) as unknown as JsonObject;
	((i.action as JsonObject).parameters as JsonObject).reference_id = 'order-1234.1';
	return i;
}

function brParams(): JsonObject {
	return clone((seedInteractive().action as JsonObject).parameters as JsonObject);
}

function inParams(): JsonObject {
	return {
		reference_id: 'INV12-1',
		type: 'digital-goods',
		currency: 'INR',
		total_amount: { value: 10000, offset: 100 },
		payment_settings: [
			{
				type: 'payment_gateway',
				payment_gateway: {
					type: 'razorpay',
					configuration_name: 'prod-rzp',
					razorpay: { receipt: 'r-12', notes: { k: 'v' } },
				},
			},
		],
		order: {
			status: 'pending',
			items: [
				{ retailer_id: 'SKU1', name: 'Fee', amount: { value: 10000, offset: 100 }, quantity: 1 },
			],
			subtotal: { value: 10000, offset: 100 },
			tax: { value: 0, offset: 100 },
			catalog_id: 'cat-1',
		},
	};
}

function expectRule(fn: () => unknown, field: string, rule: RegExp): void {
	let error: unknown;
	try {
		fn();
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(PaymentsValidationError);
	expect((error as PaymentsValidationError).field).toBe(field);
	expect((error as PaymentsValidationError).message).toMatch(rule);
}

describe('seed 000: the One-Click order_details example', () => {
	test('is reproduced exactly (deep-equal) from form parameters', () => {
		const parameters = buildOrderDetailsParameters(
			{
				country: 'BR',
				referenceId: 'order-1234.1',
				goodsType: 'digital-goods',
				paymentSettings: [
					paymentSetting.oneClick({ lastFourDigits: '5235', credentialId: '1234567' }),
				],
				items: [{ retailerId: '1234567', name: 'Cake', amount: '500.00', quantity: 1 }],
				tax: '0',
				taxDescription: 'optional text',
			},
			{ now: NOW },
		);
		const interactive = buildOrderDetailsInteractive(parameters, { body: 'Your message content' });
		expect(interactive).toEqual(seedInteractive());
		expect(validateOrderDetailsInteractive(interactive, 'BR', { now: NOW })).toBe(50000);
	});

	test('a total off by one cent is refused naming total_amount with expected and given values', () => {
		const p = brParams();
		(p.total_amount as JsonObject).value = 50001;
		expectRule(
			() => validateOrderDetailsParameters(p, 'BR', { now: NOW }),
			'parameters.total_amount',
			/expected 500\.00 \(value 50000\), got 500\.01 \(value 50001\)/,
		);
	});

	test('a given total that disagrees with the items is refused by the builder too', () => {
		expectRule(
			() =>
				buildOrderDetailsParameters({
					country: 'BR',
					referenceId: 'r1',
					goodsType: 'digital-goods',
					paymentSettings: [paymentSetting.boleto({ digitableLine: '123' })],
					items: [{ retailerId: 'a', name: 'A', amount: '19.99', quantity: 3 }],
					total: '59.98',
				}),
			'parameters.total_amount',
			/expected 59\.97/,
		);
	});

	test('the envelope always carries messaging_product (the seed, from on-premises days, omits it)', () => {
		expect(buildInteractiveMessage('5511999999999', seedInteractive())).toMatchObject({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			type: 'interactive',
		});
	});
});

describe("valid examples from Meta's pages are accepted", () => {
	test.each<[string, Country, () => JsonObject]>([
		['BR itemised One-Click (seed)', 'BR', brParams],
		[
			'BR simplified Pix (2026 docs, no order)',
			'BR',
			() => ({
				reference_id: 'ord-123.1',
				type: 'digital-goods',
				payment_type: 'br',
				currency: 'BRL',
				total_amount: { value: 5000, offset: 100 },
				payment_settings: [
					paymentSetting.pix({
						code: '000201...',
						merchantName: 'Loja X',
						key: '39580525000189',
						keyType: 'CNPJ',
					}),
				],
			}),
		],
		[
			'BR Pix + boleto + payment link together',
			'BR',
			() => ({
				...brParams(),
				payment_settings: [
					paymentSetting.pix({
						code: '000201',
						merchantName: 'Loja',
						key: 'a@b.com',
						keyType: 'EMAIL',
					}),
					paymentSetting.boleto({
						digitableLine: '34191.79001 01043.510047 91020.150008 1 96610000010000',
					}),
					paymentSetting.paymentLink({ uri: 'https://pay.example.com/o/1' }),
				],
			}),
		],
		['IN payment gateway (Razorpay)', 'IN', inParams],
		[
			'IN UPI intent link',
			'IN',
			() => ({
				...inParams(),
				payment_settings: [
					paymentSetting.upiIntentLink({ link: 'upi://pay?pa=shop@okbank&pn=Shop&tr=INV12-1' }),
				],
			}),
		],
		[
			'IN payment link with payment_type upi',
			'IN',
			() => ({
				...inParams(),
				payment_type: 'upi',
				payment_settings: [
					paymentSetting.paymentLink({
						uri: 'https://rzp.io/i/x',
						successUrl: 'https://s.example/ok',
						cancelUrl: 'https://s.example/no',
					}),
				],
			}),
		],
		[
			'IN legacy UPI (payment_configuration)',
			'IN',
			() => {
				const p = inParams();
				delete p.payment_settings;
				return { ...p, payment_type: 'upi', payment_configuration: 'upi-main' };
			},
		],
	])('%s', (_name, country, make) => {
		expect(() => validateOrderDetailsParameters(make(), country, { now: NOW })).not.toThrow();
	});
});

describe('each rule broken once is refused with its field and rule', () => {
	type Case = [string, Country, (p: JsonObject) => void, string, RegExp];
	const order = (p: JsonObject) => p.order as JsonObject;
	const item0 = (p: JsonObject) => (order(p).items as JsonObject[])[0];
	const pg = (p: JsonObject) =>
		(p.payment_settings as JsonObject[])[0].payment_gateway as JsonObject;
	const cases: Case[] = [
		[
			'BR reference_id over 60',
			'BR',
			(p) => (p.reference_id = 'a'.repeat(61)),
			'parameters.reference_id',
			/at most 60 characters/,
		],
		[
			'IN reference_id over 35',
			'IN',
			(p) => (p.reference_id = 'a'.repeat(36)),
			'parameters.reference_id',
			/at most 35 characters/,
		],
		[
			'reference_id characters',
			'BR',
			(p) => (p.reference_id = 'order#1'),
			'parameters.reference_id',
			/English letters, digits, underscore, hyphen and dot/,
		],
		[
			'reference_id empty',
			'BR',
			(p) => (p.reference_id = ''),
			'parameters.reference_id',
			/is required/,
		],
		[
			'goods type',
			'BR',
			(p) => (p.type = 'services'),
			'parameters.type',
			/digital-goods, physical-goods/,
		],
		['BR currency', 'BR', (p) => (p.currency = 'USD'), 'parameters.currency', /must be "BRL"/],
		['IN currency', 'IN', (p) => (p.currency = 'BRL'), 'parameters.currency', /must be "INR"/],
		[
			'BR payment_type',
			'BR',
			(p) => (p.payment_type = 'upi'),
			'parameters.payment_type',
			/must be "br"/,
		],
		[
			'offset not 100',
			'BR',
			(p) => ((p.total_amount as JsonObject).offset = 1000),
			'parameters.total_amount.offset',
			/must be 100/,
		],
		[
			'amount not an integer',
			'BR',
			(p) => ((p.total_amount as JsonObject).value = 500.5),
			'parameters.total_amount.value',
			/whole number of minor units/,
		],
		[
			'order status not pending',
			'BR',
			(p) => (order(p).status = 'processing'),
			'parameters.order.status',
			/must be "pending"/,
		],
		[
			'item name over 60',
			'BR',
			(p) => (item0(p).name = 'n'.repeat(61)),
			'parameters.order.items[0].name',
			/at most 60 characters/,
		],
		[
			'BR item without retailer_id',
			'BR',
			(p) => delete item0(p).retailer_id,
			'parameters.order.items[0].retailer_id',
			/is required/,
		],
		[
			'quantity not whole',
			'BR',
			(p) => (item0(p).quantity = 1.5),
			'parameters.order.items[0].quantity',
			/whole number greater than 0/,
		],
		[
			'quantity zero',
			'BR',
			(p) => (item0(p).quantity = 0),
			'parameters.order.items[0].quantity',
			/whole number greater than 0/,
		],
		[
			'sale amount not below amount',
			'BR',
			(p) => (item0(p).sale_amount = { value: 50000, offset: 100 }),
			'parameters.order.items[0].sale_amount',
			/below the unit amount 500\.00/,
		],
		['no items', 'BR', (p) => (order(p).items = []), 'parameters.order.items', /at least 1 entry/],
		[
			'subtotal mismatch',
			'BR',
			(p) => ((order(p).subtotal as JsonObject).value = 40000),
			'parameters.order.subtotal',
			/expected 500\.00/,
		],
		[
			'tax description over 60',
			'BR',
			(p) => ((order(p).tax as JsonObject).description = 'd'.repeat(61)),
			'parameters.order.tax.description',
			/at most 60/,
		],
		['tax missing', 'BR', (p) => delete order(p).tax, 'parameters.order.tax', /is required/],
		[
			'expiration under 300 s ahead',
			'BR',
			(p) => (order(p).expiration = { timestamp: String(NOW + 299), description: 'x' }),
			'parameters.order.expiration.timestamp',
			/at least 300 seconds in the future/,
		],
		[
			'BR expiration without description',
			'BR',
			(p) => (order(p).expiration = { timestamp: String(NOW + 600) }),
			'parameters.order.expiration.description',
			/is required/,
		],
		[
			'expiration description over 120',
			'IN',
			(p) => (order(p).expiration = { timestamp: String(NOW + 600), description: 'e'.repeat(121) }),
			'parameters.order.expiration.description',
			/at most 120/,
		],
		[
			'unknown payment setting type',
			'BR',
			(p) => (p.payment_settings = [{ type: 'card', card: {} }]),
			'parameters.payment_settings[0].type',
			/pix_dynamic_code, payment_link, boleto, offsite_card_pay/,
		],
		[
			'India type in Brazil',
			'BR',
			(p) => (p.payment_settings = [paymentSetting.upiIntentLink({ link: 'upi://pay?pa=a@b' })]),
			'parameters.payment_settings[0].type',
			/must be one of/,
		],
		[
			'One-Click without credential',
			'BR',
			(p) =>
				delete ((p.payment_settings as JsonObject[])[0].offsite_card_pay as JsonObject)
					.credential_id,
			'parameters.payment_settings[0].offsite_card_pay.credential_id',
			/is required/,
		],
		[
			'One-Click last four not four digits',
			'BR',
			(p) =>
				(((p.payment_settings as JsonObject[])[0].offsite_card_pay as JsonObject).last_four_digits =
					'52a5'),
			'parameters.payment_settings[0].offsite_card_pay.last_four_digits',
			/exactly four digits/,
		],
		[
			'Pix key type',
			'BR',
			(p) =>
				(p.payment_settings = [
					{
						type: 'pix_dynamic_code',
						pix_dynamic_code: { code: 'c', merchant_name: 'm', key: 'k', key_type: 'IBAN' },
					},
				]),
			'parameters.payment_settings[0].pix_dynamic_code.key_type',
			/CPF, CNPJ, EMAIL, PHONE, EVP/,
		],
		[
			'boleto without line',
			'BR',
			(p) => (p.payment_settings = [{ type: 'boleto', boleto: {} }]),
			'parameters.payment_settings[0].boleto.digitable_line',
			/is required/,
		],
		[
			'payment link not a URL',
			'BR',
			(p) => (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'pay here' } }]),
			'parameters.payment_settings[0].payment_link.uri',
			/full URL/,
		],
		[
			'the same setting twice',
			'BR',
			(p) =>
				(p.payment_settings = [
					paymentSetting.boleto({ digitableLine: '1' }),
					paymentSetting.boleto({ digitableLine: '2' }),
				]),
			'parameters.payment_settings',
			/two "boleto"/,
		],
		[
			'unknown field',
			'BR',
			(p) => (p.shipping_address = 'x'),
			'parameters.shipping_address',
			/not a field Meta accepts/,
		],
		[
			'gateway type',
			'IN',
			(p) => (pg(p).type = 'stripe'),
			'parameters.payment_settings[0].payment_gateway.type',
			/billdesk, razorpay, payu, zaakpay/,
		],
		[
			'configuration name over 60',
			'IN',
			(p) => (pg(p).configuration_name = 'c'.repeat(61)),
			'parameters.payment_settings[0].payment_gateway.configuration_name',
			/at most 60/,
		],
		[
			'razorpay receipt over 40',
			'IN',
			(p) => ((pg(p).razorpay as JsonObject).receipt = 'r'.repeat(41)),
			'parameters.payment_settings[0].payment_gateway.razorpay.receipt',
			/at most 40/,
		],
		[
			'razorpay notes over 15 keys',
			'IN',
			(p) =>
				((pg(p).razorpay as JsonObject).notes = Object.fromEntries(
					Array.from({ length: 16 }, (_, n) => [`k${n}`, 'v']),
				)),
			'parameters.payment_settings[0].payment_gateway.razorpay.notes',
			/at most 15 keys/,
		],
		[
			'razorpay note value over 256',
			'IN',
			(p) => ((pg(p).razorpay as JsonObject).notes = { k: 'v'.repeat(257) }),
			'parameters.payment_settings[0].payment_gateway.razorpay.notes.k',
			/at most 256/,
		],
		[
			'payu udf over 255',
			'IN',
			(p) =>
				Object.assign(pg(p), {
					type: 'payu',
					razorpay: undefined,
					payu: { udf1: 'u'.repeat(256) },
				}) && delete pg(p).razorpay,
			'parameters.payment_settings[0].payment_gateway.payu.udf1',
			/at most 255/,
		],
		[
			'zaakpay extra over 180',
			'IN',
			(p) => {
				delete pg(p).razorpay;
				Object.assign(pg(p), { type: 'zaakpay', zaakpay: { extra2: 'e'.repeat(181) } });
			},
			'parameters.payment_settings[0].payment_gateway.zaakpay.extra2',
			/at most 180/,
		],
		[
			'billdesk additional_info over 120',
			'IN',
			(p) => {
				delete pg(p).razorpay;
				Object.assign(pg(p), { type: 'billdesk', billdesk: { additional_info7: 'a'.repeat(121) } });
			},
			'parameters.payment_settings[0].payment_gateway.billdesk.additional_info7',
			/at most 120/,
		],
		[
			'pass-through of another gateway',
			'IN',
			(p) => (pg(p).payu = { udf1: 'x' }),
			'parameters.payment_settings[0].payment_gateway.payu',
			/not a field Meta accepts/,
		],
		[
			'preferred app unknown',
			'IN',
			(p) => (pg(p).preferred_payment_methods = [{ method: 'venmo' }]),
			'parameters.payment_settings[0].payment_gateway.preferred_payment_methods[0].method',
			/gpay, phonepe/,
		],
		[
			'two preferred apps',
			'IN',
			(p) => (pg(p).preferred_payment_methods = [{ method: 'gpay' }, { method: 'cred' }]),
			'parameters.payment_settings[0].payment_gateway.preferred_payment_methods',
			/at most 1 entries/,
		],
		[
			'enabled option unknown',
			'IN',
			(p) => (pg(p).enabled_payment_options = ['card']),
			'parameters.payment_settings[0].payment_gateway.enabled_payment_options[0]',
			/upi, web/,
		],
		[
			'UPI cap without web',
			'IN',
			(p) => {
				p.total_amount = { value: 50000001, offset: 100 };
				(item0(p).amount as JsonObject).value = 50000001;
				(order(p).subtotal as JsonObject).value = 50000001;
			},
			'parameters.payment_settings[0].payment_gateway.enabled_payment_options',
			/must be \["web"\] when the total exceeds the UPI cap/,
		],
		[
			'UPI intent above the cap',
			'IN',
			(p) => {
				p.payment_settings = [paymentSetting.upiIntentLink({ link: 'upi://pay?pa=a@b' })];
				p.total_amount = { value: 50000001, offset: 100 };
				(item0(p).amount as JsonObject).value = 50000001;
				(order(p).subtotal as JsonObject).value = 50000001;
			},
			'parameters.payment_settings[0]',
			/cannot collect more than INR 500000\.00/,
		],
		[
			'upi intent link not upi://',
			'IN',
			(p) =>
				(p.payment_settings = [
					{ type: 'upi_intent_link', upi_intent_link: { link: 'https://x' } },
				]),
			'parameters.payment_settings[0].upi_intent_link.link',
			/must be a upi URL/,
		],
		[
			'IN payment link without payment_type upi',
			'IN',
			(p) => (p.payment_settings = [paymentSetting.paymentLink({ uri: 'https://rzp.io/i/x' })]),
			'parameters.payment_type',
			/must be "upi" when a payment_link/,
		],
		['IN without order', 'IN', (p) => delete p.order, 'parameters.order', /is required for India/],
		[
			'IN without payment settings',
			'IN',
			(p) => delete p.payment_settings,
			'parameters.payment_settings',
			/is required for India/,
		],
		[
			'IN physical goods without beneficiaries',
			'IN',
			(p) => (p.type = 'physical-goods'),
			'parameters.beneficiaries',
			/required for physical-goods/,
		],
		[
			'IN beneficiary PIN code',
			'IN',
			(p) => {
				p.type = 'physical-goods';
				p.beneficiaries = [
					{
						name: 'A',
						address_line1: 'l1',
						city: 'c',
						state: 's',
						country: 'India',
						postal_code: '12345',
					},
				];
			},
			'parameters.beneficiaries[0].postal_code',
			/6-digit PIN/,
		],
		[
			'IN beneficiary name over 200',
			'IN',
			(p) => {
				p.type = 'physical-goods';
				p.beneficiaries = [
					{
						name: 'n'.repeat(201),
						address_line1: 'l1',
						city: 'c',
						state: 's',
						country: 'India',
						postal_code: '560001',
					},
				];
			},
			'parameters.beneficiaries[0].name',
			/at most 200/,
		],
		[
			'IN item without catalog needs importer',
			'IN',
			(p) => delete order(p).catalog_id,
			'parameters.order.items[0].country_of_origin',
			/is required/,
		],
		[
			'IN item image with retailer_id',
			'IN',
			(p) => (item0(p).image = { link: 'https://img.example/a.png' }),
			'parameters.order.items[0].image',
			/cannot be combined with retailer_id/,
		],
		[
			'IN order type',
			'IN',
			(p) => (order(p).type = 'slow_pay'),
			'parameters.order.type',
			/quick_pay/,
		],
	];
	test.each(cases)('%s', (_name, country, mutate, field, rule) => {
		const p = country === 'BR' ? brParams() : inParams();
		mutate(p);
		expectRule(() => validateOrderDetailsParameters(p, country, { now: NOW }), field, rule);
	});

	test('body over 1024, footer over 60, header on a simplified BR message', () => {
		const i = seedInteractive();
		(i.body as JsonObject).text = 'b'.repeat(1025);
		expectRule(
			() => validateOrderDetailsInteractive(i, 'BR', { now: NOW }),
			'body.text',
			/at most 1024/,
		);
		const f = seedInteractive();
		f.footer = { text: 'f'.repeat(61) };
		expectRule(
			() => validateOrderDetailsInteractive(f, 'BR', { now: NOW }),
			'footer.text',
			/at most 60/,
		);
		const h = seedInteractive();
		delete ((h.action as JsonObject).parameters as JsonObject).order;
		h.header = { type: 'image', image: { link: 'https://img.example/a.png' } };
		expectRule(
			() => validateOrderDetailsInteractive(h, 'BR', { now: NOW }),
			'header',
			/not supported on a Brazil order without an itemised order/,
		);
	});

	test("Meta's own inconsistent India subtotal example (amount 100.00, sale 1.00, qty 1, subtotal 200.00) is refused", () => {
		const p = inParams();
		const item = (p.order as JsonObject).items as JsonObject[];
		item[0].amount = { value: 10000, offset: 100 };
		item[0].sale_amount = { value: 100, offset: 100 };
		(p.order as JsonObject).subtotal = { value: 20000, offset: 100 };
		p.total_amount = { value: 20000, offset: 100 };
		expectRule(
			() => validateOrderDetailsParameters(p, 'IN', { now: NOW }),
			'parameters.order.subtotal',
			/expected 1\.00 \(value 100\), got 200\.00/,
		);
	});
});

describe('builder arithmetic', () => {
	test('subtotal and total are computed from sale amounts, tax, shipping and discount without float drift', () => {
		const p = buildOrderDetailsParameters({
			country: 'BR',
			referenceId: 'calc-1',
			goodsType: 'physical-goods',
			paymentSettings: [
				paymentSetting.pix({ code: 'c', merchantName: 'm', key: 'k', keyType: 'EVP' }),
			],
			items: [
				{ retailerId: 'a', name: 'A', amount: '19.99', quantity: 3 },
				{ retailerId: 'b', name: 'B', amount: 0.3, saleAmount: 0.1 + 0.2 - 0.1, quantity: '2' },
			],
			tax: '1.10',
			shipping: '10',
			shippingDescription: 'Sedex',
			discount: '5.05',
			discountDescription: 'Promo',
			discountProgramName: 'BF',
		});
		const order = p.order as JsonObject;
		expect(order.subtotal).toEqual({ value: 5997 + 40, offset: 100 });
		expect(order.shipping).toEqual({ value: 1000, offset: 100, description: 'Sedex' });
		expect(order.discount).toEqual({
			value: 505,
			offset: 100,
			description: 'Promo',
			discount_program_name: 'BF',
		});
		expect(p.total_amount).toEqual({ value: 6037 + 110 + 1000 - 505, offset: 100 });
	});

	test('India physical goods carry beneficiaries and importer details', () => {
		const p = buildOrderDetailsParameters(
			{
				country: 'IN',
				referenceId: 'in-phys-1',
				goodsType: 'physical-goods',
				paymentSettings: [
					paymentSetting.paymentGateway({
						gateway: 'payu',
						configurationName: 'payu-main',
						passThrough: { udf1: 'x', udf2: '' },
						preferredApp: 'gpay',
						enabledOptions: ['upi'],
					}),
				],
				beneficiaries: [
					{
						name: 'Asha',
						address_line1: '1 MG Road',
						city: 'Bengaluru',
						state: 'KA',
						country: 'India',
						postal_code: '560001',
					},
				],
				items: [
					{
						name: 'Kurta',
						amount: '999',
						quantity: 1,
						countryOfOrigin: 'India',
						importerName: 'Importer Ltd',
						importerAddress: {
							address_line1: '2 MG Road',
							city: 'Bengaluru',
							zone_code: 'KA',
							postal_code: '560001',
							country_code: 'IN',
						},
					},
				],
			},
			{ now: NOW },
		);
		expect(p.payment_settings).toEqual([
			{
				type: 'payment_gateway',
				payment_gateway: {
					type: 'payu',
					configuration_name: 'payu-main',
					payu: { udf1: 'x' },
					preferred_payment_methods: [{ method: 'gpay' }],
					enabled_payment_options: ['upi'],
				},
			},
		]);
		expect(p.payment_type).toBeUndefined();
		expect(p.total_amount).toEqual({ value: 99900, offset: 100 });
	});

	test('simplified Brazil messages are Brazil only', () => {
		expectRule(
			() =>
				buildOrderDetailsParameters({
					country: 'IN',
					referenceId: 'x',
					goodsType: 'digital-goods',
					paymentSettings: [],
					simplified: true,
					total: '1',
				}),
			'order',
			/Brazil only/,
		);
	});
});

describe('order_status', () => {
	test('builds the BR status with payment captured and normalises partially-shipped', () => {
		expect(
			buildOrderStatusParameters({
				country: 'BR',
				referenceId: 'r1',
				status: 'partially-shipped',
				description: 'first box',
				paymentStatus: 'captured',
				paymentTimestamp: '1722445231',
			}),
		).toEqual({
			reference_id: 'r1',
			order: { status: 'partially_shipped', description: 'first box' },
			payment: { status: 'captured', timestamp: 1722445231 },
		});
	});

	test('simplified Brazil status (payment only) is allowed; India needs an order status from its subset', () => {
		expect(
			buildOrderStatusParameters({ country: 'BR', referenceId: 'r1', paymentStatus: 'failed' }),
		).toEqual({ reference_id: 'r1', payment: { status: 'failed' } });
		expectRule(
			() => buildOrderStatusParameters({ country: 'IN', referenceId: 'r1' }),
			'parameters.order',
			/required for India/,
		);
		expectRule(
			() => buildOrderStatusParameters({ country: 'IN', referenceId: 'r1', status: 'pending' }),
			'parameters.order.status',
			/processing, partially_shipped, shipped, completed, canceled/,
		);
		expectRule(
			() =>
				buildOrderStatusParameters({
					country: 'IN',
					referenceId: 'r1',
					status: 'shipped',
					paymentStatus: 'captured',
				}),
			'payment',
			/only be sent for Brazil/,
		);
	});

	test('description over 120, unknown status, bad payment status', () => {
		expectRule(
			() =>
				validateOrderStatusParameters(
					{ reference_id: 'r', order: { status: 'shipped', description: 'd'.repeat(121) } },
					'BR',
				),
			'parameters.order.description',
			/at most 120/,
		);
		expectRule(
			() => validateOrderStatusParameters({ reference_id: 'r', order: { status: 'lost' } }, 'BR'),
			'parameters.order.status',
			/must be one of/,
		);
		expectRule(
			() => validateOrderStatusParameters({ reference_id: 'r', payment: { status: 'paid' } }, 'BR'),
			'parameters.payment.status',
			/pending, captured, failed/,
		);
	});

	test('transition rules: terminal states, no way back to pending, cancel with payment', () => {
		expect(checkOrderTransition('pending', 'processing', 'none')).toBeUndefined();
		expect(checkOrderTransition('shipped', 'partially_shipped', 'none')).toBeUndefined();
		expect(checkOrderTransition('completed', 'shipped', 'none')?.code).toBe(2046);
		expect(checkOrderTransition('canceled', 'processing', 'none')?.code).toBe(2046);
		expect(checkOrderTransition('processing', 'pending', 'none')?.code).toBe(2046);
		expect(checkOrderTransition('pending', 'canceled', 'captured')?.code).toBe(2047);
		expect(checkOrderTransition('pending', 'canceled', 'none')).toBeUndefined();
	});
});
