/** Dynamic-VPA UPI intent links: the parser, its rules, and the order_details rules around the setting. */
import {
	paymentSetting,
	parseUpiIntentLink,
	validateOrderDetailsParameters,
	validateUpiIntentLink,
} from '../../nodes/shared';
import type { JsonObject } from '../../nodes/shared';
import { expectRule, inParams, NOW, upiLink } from '../helpers/payloads';

// The sample gateway intent on Meta's dynamic-VPA page (step 1), with its extra attributes.
const META_SAMPLE =
	'upi://pay?pa=abc@psp&pn=ABC&tr=877376394&am=10.00&cu=INR&mode=00&purpose=00&mc=5399&tn=877376394';
const F = 'link';

describe('parseUpiIntentLink', () => {
	test("Meta's sample intent: the five attributes Meta uses, the others listed as ignored", () => {
		expect(parseUpiIntentLink(META_SAMPLE, F)).toEqual({
			link: META_SAMPLE,
			pa: 'abc@psp',
			pn: 'ABC',
			mc: '5399',
			purpose: '00',
			tr: '877376394',
			am: '10.00',
			cu: 'INR',
			mode: '00',
			tn: '877376394',
			attributes: {
				pa: 'abc@psp',
				pn: 'ABC',
				tr: '877376394',
				am: '10.00',
				cu: 'INR',
				mode: '00',
				purpose: '00',
				mc: '5399',
				tn: '877376394',
			},
			ignored_attributes: ['am', 'cu', 'mode', 'tn'],
		});
	});

	test('values are percent-decoded ("+" is a space); a link with only the five has no ignored attributes', () => {
		const parsed = parseUpiIntentLink(
			'upi://pay?pa=shop.in@okicici&pn=Chai%20%26+Co&mc=5812&purpose=00&tr=ORD_7.1-a',
			F,
		);
		expect(parsed).toMatchObject({ pa: 'shop.in@okicici', pn: 'Chai & Co', tr: 'ORD_7.1-a' });
		expect(parsed.ignored_attributes).toEqual([]);
		expect(parsed.am).toBeUndefined();
	});

	test.each([
		['nothing', undefined, F, /is required/],
		['a number', 42, F, /must be text/],
		['an https link', 'https://pay.example/x', F, /must start with "upi:\/\/pay\?"/],
		['a collect request', 'upi://collect?pa=a@b', F, /must start with "upi:\/\/pay\?"/],
		['spaces around it', ` ${upiLink()}`, F, /must not start or end with spaces/],
		['a fragment', `${upiLink()}#x`, F, /must not contain "#"/],
		['a broken escape', upiLink('T1', '&tn=50%'), `${F}.tn`, /percent-encoded/],
		['an attribute without a name', upiLink('T1', '&=x'), F, /name=value/],
		[
			'pa missing',
			upiLink().replace('pa=merchant@psp&', ''),
			`${F}.pa`,
			/is required \(the payee VPA\)/,
		],
		[
			'pn missing',
			upiLink().replace('pn=Merchant&', ''),
			`${F}.pn`,
			/is required \(the payee name\)/,
		],
		['mc missing', upiLink().replace('mc=5399&', ''), `${F}.mc`, /merchant category code/],
		['purpose missing', upiLink().replace('purpose=00&', ''), `${F}.purpose`, /purpose code/],
		['tr missing', upiLink().replace('&tr=INV12-1', ''), `${F}.tr`, /transaction reference/],
		['tr empty', upiLink(''), `${F}.tr`, /must not be empty/],
		['pa twice', upiLink('T1', '&pa=other@psp'), `${F}.pa`, /only once/],
		[
			'pa without a handle',
			upiLink().replace('merchant@psp', 'merchant'),
			`${F}.pa`,
			/name@handle/,
		],
		['mc of three digits', upiLink().replace('mc=5399', 'mc=539'), `${F}.mc`, /four-digit/],
		[
			'purpose of letters',
			upiLink().replace('purpose=00', 'purpose=AB'),
			`${F}.purpose`,
			/two-digit/,
		],
		['tr of 36 characters', upiLink('T'.repeat(36)), `${F}.tr`, /at most 35/],
		['tr with a slash', upiLink('INV/12'), `${F}.tr`, /may contain only English letters/],
		['am with three decimals', upiLink('T1', '&am=10.005'), `${F}.am`, /at most two decimals/],
		['am negative', upiLink('T1', '&am=-1'), `${F}.am`, /amount in rupees/],
		['cu in dollars', upiLink('T1', '&cu=USD'), `${F}.cu`, /must be INR/],
	])('%s is refused, naming the field and the rule', (_name, link, field, rule) => {
		expectRule(() => parseUpiIntentLink(link, F), field, rule);
	});

	test('am, when present, must equal the order total; without am any total goes', () => {
		expect(validateUpiIntentLink(upiLink('T1', '&am=10.00'), F, 1000).am).toBe('10.00');
		expect(validateUpiIntentLink(upiLink('T1', '&am=10'), F, 1000).am).toBe('10');
		expect(validateUpiIntentLink(upiLink('T1', '&am=10.5'), F, 1050).am).toBe('10.5');
		expect(validateUpiIntentLink(upiLink('T1'), F, 123456).tr).toBe('T1');
		expectRule(
			() => validateUpiIntentLink(upiLink('T1', '&am=10.01'), F, 1000),
			`${F}.am`,
			/must equal the order total 10\.00/,
		);
	});
});

describe('order_details with a UPI intent link (dynamic VPA)', () => {
	const upi = (link = upiLink('INV12-1')): JsonObject => ({
		...inParams(),
		payment_settings: [paymentSetting.upiIntentLink({ link })],
	});
	const check = (p: JsonObject) => validateOrderDetailsParameters(p, 'IN', { now: NOW });

	test('accepted alone, without payment_type or payment_configuration; am equal to the total passes', () => {
		expect(check(upi())).toBe(10000);
		expect(check(upi(upiLink('INV12-1', '&am=100.00&cu=INR')))).toBe(10000);
	});

	test('am different from total_amount is refused on the link field', () => {
		expectRule(
			() => check(upi(upiLink('INV12-1', '&am=99.00'))),
			'parameters.payment_settings[0].upi_intent_link.link.am',
			/must equal the order total 100\.00/,
		);
	});

	test('payment_type, another setting, or a broken link is refused before sending', () => {
		expectRule(
			() => check({ ...upi(), payment_type: 'upi' }),
			'parameters.payment_type',
			/must be absent with a upi_intent_link setting/,
		);
		const withGateway = inParams();
		(withGateway.payment_settings as JsonObject[]).push(
			paymentSetting.upiIntentLink({ link: upiLink() }),
		);
		expectRule(
			() => check(withGateway),
			'parameters.payment_settings',
			/must hold the upi_intent_link setting alone/,
		);
		expectRule(
			() => check(upi('upi://pay?pa=a@b&pn=A&mc=5399&purpose=00')),
			'parameters.payment_settings[0].upi_intent_link.link.tr',
			/is required/,
		);
		expectRule(
			() => check({ ...upi(), payment_configuration: 'upi-main' }),
			'parameters.payment_type',
			/must be "upi" with payment_configuration/,
		);
	});

	test('the legacy configuration path (payment_type upi + payment_configuration, no settings) still validates', () => {
		const legacy: JsonObject = {
			...inParams(),
			payment_type: 'upi',
			payment_configuration: 'upi-main',
		};
		delete legacy.payment_settings;
		expect(check(legacy)).toBe(10000);
	});
});
