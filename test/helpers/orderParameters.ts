/** The action node's order parameters the workflow tests start from (Send Details Brazil and India, Send Status). */
import { PHONE_BR, PHONE_IN } from './sandbox';

export type P = Record<string, unknown>;
export const phone = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const byName = (value: string) => ({ __rl: true, mode: 'name', value });
export const BUYER_BR = '5511999990001';
export const BUYER_IN = '919999990001';

export function details(extra: P): P {
	return {
		resource: 'order',
		operation: 'sendDetails',
		phoneNumberId: phone(PHONE_BR),
		to: BUYER_BR,
		country: 'BR',
		inputMode: 'form',
		bodyText: 'Your message content',
		goodsType: 'digital-goods',
		options: { maxRetries: 1, retryDelayMs: 1 },
		...extra,
	};
}

export function indiaDetails(extra: P): P {
	return details({
		phoneNumberId: phone(PHONE_IN),
		to: BUYER_IN,
		country: 'IN',
		items: { item: [{ name: 'Course fee', retailerId: 'SKU-1', amount: '1499.50', quantity: 2 }] },
		orderFields: { catalogId: 'catalog-1', tax: '0' },
		...extra,
	});
}

export function status(extra: P): P {
	return {
		resource: 'order',
		operation: 'sendStatus',
		phoneNumberId: phone(PHONE_BR),
		to: BUYER_BR,
		country: 'BR',
		bodyText: 'Update on your order',
		options: { maxRetries: 0 },
		...extra,
	};
}
