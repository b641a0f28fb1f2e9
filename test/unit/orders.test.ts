/** Order messages: Meta's examples accepted, the builder's arithmetic, and order_status. */
import {
	buildInteractiveMessage,
	buildOrderDetailsInteractive,
	buildOrderDetailsParameters,
	buildOrderStatusParameters,
	paymentSetting,
	validateOrderDetailsInteractive,
	validateOrderDetailsParameters,
	validateOrderStatusParameters,
} from '../../nodes/shared';
import type { Country, JsonObject } from '../../nodes/shared';
import { brParams, expectRule, inParams, NOW, seedInteractive, upiLink } from '../helpers/payloads';
import { checkOrderTransition } from '../../sandbox/rules';

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
				payment_settings: [paymentSetting.upiIntentLink({ link: upiLink() })],
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
