import fc from 'fast-check';

import { formatMinor, PaymentsValidationError, toMinorUnits } from '../../nodes/shared';

describe('toMinorUnits: decimal currency to {value, offset: 100} without drift', () => {
	test.each([
		['12.34', 1234],
		['0.1', 10],
		['19.99', 1999],
		['1234.5', 123450],
		['500', 50000],
		[' 7.00 ', 700],
		['.5', 50],
		['3.10000', 310],
		[12.34, 1234],
		[0.1 + 0.2, 30],
		[19.99 * 3, 5997],
		[1.005 * 100, 10050],
		[0, 0],
	])('%p -> %p', (input, expected) => {
		expect(toMinorUnits(input, 'amount', { allowZero: true })).toBe(expected);
	});

	test.each([
		['1,234.5', /dot as the decimal separator/],
		['12,50', /dot as the decimal separator/],
		['-5', /must not be negative/],
		[-0.01, /must not be negative/],
		['1.234', /at most two decimal places/],
		[1e-7, /at most two decimal places/],
		['1e-7', /plain decimal number/],
		['abc', /plain decimal number/],
		[Number.NaN, /finite number/],
		[Infinity, /finite number/],
		['', /is required/],
		[undefined, /is required/],
		[{}, /decimal amount/],
		['99999999999999999', /too large/],
	])('%p is refused with a clear message', (input, message) => {
		expect(() => toMinorUnits(input, 'order.items[0].amount')).toThrow(PaymentsValidationError);
		expect(() => toMinorUnits(input, 'order.items[0].amount')).toThrow(message);
		try {
			toMinorUnits(input, 'order.items[0].amount');
		} catch (e) {
			expect((e as PaymentsValidationError).field).toBe('order.items[0].amount');
		}
	});

	test('zero is refused unless allowed', () => {
		expect(() => toMinorUnits('0', 'total_amount')).toThrow('total_amount: must be greater than 0');
		expect(toMinorUnits('0', 'order.tax', { allowZero: true })).toBe(0);
	});

	test('property: any whole number of cents written as text converts exactly and round-trips', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
				const text = formatMinor(cents);
				expect(toMinorUnits(text, 'x', { allowZero: true })).toBe(cents);
			}),
			{ seed: 42, numRuns: 2000 },
		);
	});

	test('property: the float nearest to a 2-decimal value converts to exactly that many cents', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (cents) => {
				expect(toMinorUnits(cents / 100, 'x', { allowZero: true })).toBe(cents);
			}),
			{ seed: 7, numRuns: 2000 },
		);
	});

	test('property: sums of cents computed as floats (0.1 + 0.2 style drift) still convert exactly', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 20 }),
				(parts) => {
					const floatSum = parts.reduce((s, c) => s + c / 100, 0);
					expect(toMinorUnits(floatSum, 'x')).toBe(parts.reduce((s, c) => s + c, 0));
				},
			),
			{ seed: 11, numRuns: 2000 },
		);
	});

	test('property: three or more significant decimals are always refused', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1_000_000 }),
				fc.integer({ min: 1, max: 9 }),
				(cents, extra) => {
					const text = `${formatMinor(cents)}${extra}`;
					expect(() => toMinorUnits(text, 'x', { allowZero: true })).toThrow(
						/at most two decimal places/,
					);
				},
			),
			{ seed: 3, numRuns: 1000 },
		);
	});
});
