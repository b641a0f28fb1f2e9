import { validateConfigurationName } from './orders';
import { epochSeconds, isoOf } from './time';
import { fail, requireEnum, requireString, requireUrl } from './validation';

export const CONFIG_PROVIDERS = ['upi_vpa', 'razorpay', 'payu', 'zaakpay'] as const;
export const CONFIG_STATUSES = ['Active', 'Needs Connecting', 'Needs Testing'] as const;

/** UPI purpose codes documented by Meta ("Onboarding APIs", https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/onboarding-apis, creating a payment configuration). */
export const PURPOSE_CODES: Array<{ code: string; name: string }> = [
	{ code: '00', name: 'Default' },
	{ code: '01', name: 'SEBI' },
	{ code: '02', name: 'AMC' },
	{ code: '03', name: 'Travel' },
	{ code: '04', name: 'Hospitality' },
	{ code: '05', name: 'Hospital' },
	{ code: '06', name: 'Telecom' },
	{ code: '07', name: 'Insurance' },
	{ code: '08', name: 'Education' },
	{ code: '09', name: 'Gifting' },
	{ code: '10', name: 'Others' },
];

/**
 * Any spelling of a status as Meta's words: `Needs_Testing`, `needs testing`, `NEEDS-TESTING`, `needsTesting`
 * all read as `Needs Testing`. A status Meta adds later (Brazil's, say) is kept in the same shape, never refused:
 * the `payment_configuration_update` reference covers India and Brazil
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/payment_configuration_update).
 */
export function normaliseConfigurationStatus(status: unknown): string | undefined {
	if (typeof status !== 'string') return undefined;
	const words = status
		.trim()
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[\s_.-]+/)
		.filter((w) => w !== '');
	if (words.length === 0) return undefined;
	return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/**
 * A provider name in lower case with its spaces collapsed, whatever the provider: the reference lists
 * billdesk, payu, razorpay and zaakpay, but the webhook also covers Brazil, whose providers it does not list.
 */
export function normaliseProviderName(name: unknown): string | undefined {
	if (typeof name === 'number' && Number.isFinite(name)) return String(name);
	if (typeof name !== 'string') return undefined;
	const out = name.trim().replace(/\s+/g, ' ').toLowerCase();
	return out === '' ? undefined : out;
}

function isoFromEpoch(seconds: unknown): string | undefined {
	const s = epochSeconds(seconds);
	return s === undefined ? undefined : isoOf(s);
}

/** One configuration as an output item: Meta's fields plus normalised status and ISO times. */
export function normaliseConfiguration(raw: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...raw };
	out.status = normaliseConfigurationStatus(raw.status) ?? raw.status;
	out.status_raw = raw.status;
	if (raw.provider_name !== undefined) out.provider_name = normaliseProviderName(raw.provider_name);
	const created = isoFromEpoch(raw.created_timestamp);
	const updated = isoFromEpoch(raw.updated_timestamp);
	if (created) out.created_time = created;
	if (updated) out.updated_time = updated;
	return out;
}

/** `GET /{waba}/payment_configurations` nests the list one level inside `data[0]`. */
export function unwrapConfigurationList(body: unknown): Array<Record<string, unknown>> {
	const data = (body as { data?: unknown })?.data;
	if (!Array.isArray(data)) return [];
	const list: Array<Record<string, unknown>> = [];
	for (const entry of data) {
		const configs = (entry as { payment_configurations?: unknown })?.payment_configurations;
		if (Array.isArray(configs)) list.push(...(configs as Array<Record<string, unknown>>));
	}
	return list;
}

export interface CreateConfigurationInput {
	configurationName: string;
	providerName: string;
	merchantVpa?: string;
	purposeCode?: string;
	merchantCategoryCode?: string;
	redirectUrl?: string;
}

export function buildCreateConfigurationBody(
	input: CreateConfigurationInput,
): Record<string, string> {
	const name = validateConfigurationName(input.configurationName);
	const provider = requireEnum(input.providerName, 'provider_name', CONFIG_PROVIDERS);
	const body: Record<string, string> = { configuration_name: name, provider_name: provider };
	if (input.purposeCode) {
		if (!/^\d{2}$/.test(input.purposeCode))
			fail('purpose_code', 'must be a two-digit UPI purpose code such as 00', input.purposeCode);
		body.purpose_code = input.purposeCode;
	}
	if (input.merchantCategoryCode) {
		if (!/^\d{4}$/.test(input.merchantCategoryCode))
			fail(
				'merchant_category_code',
				'must be a four-digit merchant category code (MCC)',
				input.merchantCategoryCode,
			);
		body.merchant_category_code = input.merchantCategoryCode;
	}
	if (provider === 'upi_vpa') {
		body.merchant_vpa = requireString(input.merchantVpa, 'merchant_vpa', {
			pattern: /^[\w.-]+@[\w.-]+$/,
			patternRule: 'must be a UPI handle such as shop@okbank',
		});
		if (input.redirectUrl)
			fail(
				'redirect_url',
				'is only used for payment gateway providers, not UPI VPA',
				input.redirectUrl,
			);
	} else {
		if (input.merchantVpa)
			fail('merchant_vpa', 'is only used with the UPI VPA provider', input.merchantVpa);
		if (input.redirectUrl) body.redirect_url = requireUrl(input.redirectUrl, 'redirect_url');
	}
	return body;
}

export { isoFromEpoch };
