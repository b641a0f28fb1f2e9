/** Payment settings of an order_details message: one validator and one builder per type, Meta's shape `{type, [type]: {...}}`. */
import {
	checkLength,
	fail,
	isBlank,
	optionalString,
	rejectUnknownKeys,
	requireArray,
	requireEnum,
	requireObject,
	requireString,
	requireUrl,
} from '../validation';
import { validateConfigurationName } from './fields';
import { parseUpiIntentLink } from './upiIntent';
import {
	BR_PAYMENT_SETTING_TYPES,
	ENABLED_PAYMENT_OPTIONS,
	IN_PAYMENT_SETTING_TYPES,
	LIMITS,
	PAYMENT_GATEWAYS,
	PIX_KEY_TYPES,
	PREFERRED_PAYMENT_APPS,
} from './limits';
import type { Country, JsonObject } from './limits';

/** The gateway pass-through fields Meta echoes back in payment webhooks, by gateway. */
export const PASS_THROUGH_FIELDS: Record<(typeof PAYMENT_GATEWAYS)[number], string[]> = {
	razorpay: ['receipt', 'notes'],
	payu: ['udf1', 'udf2', 'udf3', 'udf4'],
	zaakpay: ['extra1', 'extra2'],
	billdesk: [1, 2, 3, 4, 5, 6, 7].map((n) => `additional_info${n}`),
};

/** Every pass-through field name, whatever the gateway (webhook parsing does not know the gateway). */
export const ALL_PASS_THROUGH_FIELDS: readonly string[] = Object.values(PASS_THROUGH_FIELDS).flat();

export function validatePaymentSetting(setting: unknown, field: string, country: Country): string {
	const obj = requireObject(setting, field);
	const allowed: readonly string[] =
		country === 'BR' ? BR_PAYMENT_SETTING_TYPES : IN_PAYMENT_SETTING_TYPES;
	const type = requireEnum(obj.type, `${field}.type`, allowed);
	rejectUnknownKeys(obj, field, ['type', type]);
	const sub = requireObject(obj[type], `${field}.${type}`);
	const f = `${field}.${type}`;
	switch (type) {
		case 'pix_dynamic_code':
			rejectUnknownKeys(sub, f, ['code', 'merchant_name', 'key', 'key_type']);
			requireString(sub.code, `${f}.code`);
			requireString(sub.merchant_name, `${f}.merchant_name`);
			requireString(sub.key, `${f}.key`);
			requireEnum(sub.key_type, `${f}.key_type`, PIX_KEY_TYPES);
			break;
		case 'boleto':
			rejectUnknownKeys(sub, f, ['digitable_line']);
			requireString(sub.digitable_line, `${f}.digitable_line`);
			break;
		case 'offsite_card_pay':
			rejectUnknownKeys(sub, f, ['last_four_digits', 'credential_id']);
			requireString(sub.last_four_digits, `${f}.last_four_digits`, {
				pattern: /^\d{4}$/,
				patternRule: 'must be exactly four digits',
			});
			requireString(sub.credential_id, `${f}.credential_id`);
			break;
		case 'payment_link':
			if (country === 'BR') {
				rejectUnknownKeys(sub, f, ['uri']);
				requireUrl(sub.uri, `${f}.uri`);
			} else {
				rejectUnknownKeys(sub, f, ['uri', 'success_url', 'cancel_url']);
				requireUrl(sub.uri, `${f}.uri`);
				if (sub.success_url !== undefined) requireUrl(sub.success_url, `${f}.success_url`);
				if (sub.cancel_url !== undefined) requireUrl(sub.cancel_url, `${f}.cancel_url`);
			}
			break;
		case 'upi_intent_link':
			rejectUnknownKeys(sub, f, ['link']);
			parseUpiIntentLink(sub.link, `${f}.link`);
			break;
		case 'payment_gateway':
			validatePaymentGateway(sub, f);
			break;
	}
	return type;
}

function validatePaymentGateway(pg: JsonObject, f: string): void {
	const gateway = requireEnum(pg.type, `${f}.type`, PAYMENT_GATEWAYS);
	rejectUnknownKeys(pg, f, [
		'type',
		'configuration_name',
		gateway,
		'preferred_payment_methods',
		'enabled_payment_options',
	]);
	validateConfigurationName(pg.configuration_name, `${f}.configuration_name`);
	if (pg[gateway] !== undefined)
		validatePassThrough(gateway, requireObject(pg[gateway], `${f}.${gateway}`), `${f}.${gateway}`);
	if (pg.preferred_payment_methods !== undefined) {
		const list = requireArray(pg.preferred_payment_methods, `${f}.preferred_payment_methods`, {
			min: 1,
			max: 1,
		});
		const entry = requireObject(list[0], `${f}.preferred_payment_methods[0]`);
		rejectUnknownKeys(entry, `${f}.preferred_payment_methods[0]`, ['method']);
		requireEnum(entry.method, `${f}.preferred_payment_methods[0].method`, PREFERRED_PAYMENT_APPS);
	}
	if (pg.enabled_payment_options !== undefined) {
		const list = requireArray(pg.enabled_payment_options, `${f}.enabled_payment_options`, {
			min: 1,
			max: 2,
		});
		list.forEach((o, i) =>
			requireEnum(o, `${f}.enabled_payment_options[${i}]`, ENABLED_PAYMENT_OPTIONS),
		);
		if (new Set(list).size !== list.length)
			fail(`${f}.enabled_payment_options`, 'must not repeat an option', list);
	}
}

function validatePassThrough(gateway: string, sub: JsonObject, f: string): void {
	const stringFields = (names: string[], max: number) => {
		rejectUnknownKeys(sub, f, names);
		for (const name of names) optionalString(sub[name], `${f}.${name}`, { max });
	};
	switch (gateway) {
		case 'razorpay': {
			rejectUnknownKeys(sub, f, PASS_THROUGH_FIELDS.razorpay);
			if (sub.receipt !== undefined)
				requireString(sub.receipt, `${f}.receipt`, { max: LIMITS.razorpayReceipt, min: 1 });
			if (sub.notes !== undefined) {
				const notes = requireObject(sub.notes, `${f}.notes`);
				const keys = Object.keys(notes);
				if (keys.length > LIMITS.razorpayNotesKeys) {
					fail(
						`${f}.notes`,
						`must have at most ${LIMITS.razorpayNotesKeys} keys`,
						`${keys.length} keys`,
						'length',
					);
				}
				for (const key of keys) {
					const v = notes[key];
					if (typeof v !== 'string') fail(`${f}.notes.${key}`, 'must be text', v);
					checkLength(v, `${f}.notes.${key}`, LIMITS.razorpayNoteValue);
				}
			}
			break;
		}
		case 'payu':
			stringFields(PASS_THROUGH_FIELDS.payu, LIMITS.payuUdf);
			break;
		case 'zaakpay':
			stringFields(PASS_THROUGH_FIELDS.zaakpay, LIMITS.zaakpayExtra);
			break;
		case 'billdesk':
			stringFields(PASS_THROUGH_FIELDS.billdesk, LIMITS.billdeskInfo);
			break;
	}
}

export const paymentSetting = {
	pix(s: { code: string; merchantName: string; key: string; keyType: string }): JsonObject {
		return {
			type: 'pix_dynamic_code',
			pix_dynamic_code: {
				code: s.code,
				merchant_name: s.merchantName,
				key: s.key,
				key_type: s.keyType,
			},
		};
	},
	paymentLink(s: { uri: string; successUrl?: string; cancelUrl?: string }): JsonObject {
		const sub: JsonObject = { uri: s.uri };
		if (!isBlank(s.successUrl)) sub.success_url = s.successUrl;
		if (!isBlank(s.cancelUrl)) sub.cancel_url = s.cancelUrl;
		return { type: 'payment_link', payment_link: sub };
	},
	boleto(s: { digitableLine: string }): JsonObject {
		return { type: 'boleto', boleto: { digitable_line: s.digitableLine } };
	},
	oneClick(s: { lastFourDigits: string; credentialId: string }): JsonObject {
		return {
			type: 'offsite_card_pay',
			offsite_card_pay: { last_four_digits: s.lastFourDigits, credential_id: s.credentialId },
		};
	},
	upiIntentLink(s: { link: string }): JsonObject {
		return { type: 'upi_intent_link', upi_intent_link: { link: s.link } };
	},
	paymentGateway(s: {
		gateway: string;
		configurationName: string;
		passThrough?: JsonObject;
		preferredApp?: string;
		enabledOptions?: string[];
	}): JsonObject {
		const pg: JsonObject = { type: s.gateway, configuration_name: s.configurationName };
		const pass = Object.fromEntries(
			Object.entries(s.passThrough ?? {}).filter(([, v]) => !isBlank(v)),
		);
		if (Object.keys(pass).length > 0) pg[s.gateway] = pass;
		if (!isBlank(s.preferredApp)) pg.preferred_payment_methods = [{ method: s.preferredApp }];
		if (s.enabledOptions && s.enabledOptions.length > 0)
			pg.enabled_payment_options = s.enabledOptions;
		return { type: 'payment_gateway', payment_gateway: pg };
	},
};
