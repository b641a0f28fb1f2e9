/* eslint-disable @n8n/community-nodes/require-node-api-error -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** Fixtures of the unit tests (Meta's One-Click seed, a Brazil and an India order) and the two ways they check a rule error. */
import seed from '../fixtures/seed-000-order-details.json';
import { PaymentsValidationError } from '../../nodes/shared';
import type { JsonObject } from '../../nodes/shared';

export const NOW = 1_800_000_000;
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The seed's interactive object with a valid reference_id (its placeholder breaks Meta's own rule). */
export function seedInteractive(): JsonObject {
	const i = clone(seed.interactive) as unknown as JsonObject;
	((i.action as JsonObject).parameters as JsonObject).reference_id = 'order-1234.1';
	return i;
}

export function brParams(): JsonObject {
	return clone((seedInteractive().action as JsonObject).parameters as JsonObject);
}

export function inParams(): JsonObject {
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

export function expectRule(fn: () => unknown, field: string, rule: RegExp): void {
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

/** The field and rule of the rule error `fn` raises (fails when it raises none). */
export function ruleOf(fn: () => unknown): { field: string; rule: string } {
	try {
		fn();
	} catch (e) {
		if (e instanceof PaymentsValidationError) return { field: e.field, rule: e.rule };
		throw e;
	}
	throw new Error('expected a rule error, none was raised');
}

/** A dynamic-VPA UPI intent link with every attribute Meta uses (its example's shape); `extra` is appended. */
export function upiLink(tr = 'INV12-1', extra = ''): string {
	return `upi://pay?pa=merchant@psp&pn=Merchant&mc=5399&purpose=00&tr=${tr}${extra}`;
}
