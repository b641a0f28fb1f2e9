/** Every order_details rule, each broken once: refused with the field it names and the rule. */
import {
	paymentSetting,
	validateOrderDetailsInteractive,
	validateOrderDetailsParameters,
} from '../../nodes/shared';
import type { Country, JsonObject } from '../../nodes/shared';
import { brParams, expectRule, inParams, NOW, seedInteractive, upiLink } from '../helpers/payloads';

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
			(p) => (p.payment_settings = [paymentSetting.upiIntentLink({ link: upiLink() })]),
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
				p.payment_settings = [paymentSetting.upiIntentLink({ link: upiLink() })];
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
			/must start with "upi:\/\/pay\?"/,
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
