/** Countries, currencies, the enum values Meta accepts and the length and amount limits of order messages. */
import { OFFSET } from '../money';

export type Country = 'BR' | 'IN';
export type JsonObject = Record<string, unknown>;

export const COUNTRY_CURRENCY: Record<Country, string> = { BR: 'BRL', IN: 'INR' };
export const GOODS_TYPES = ['digital-goods', 'physical-goods'] as const;
export const BR_PAYMENT_SETTING_TYPES = [
	'pix_dynamic_code',
	'payment_link',
	'boleto',
	'offsite_card_pay',
] as const;
export const IN_PAYMENT_SETTING_TYPES = [
	'payment_gateway',
	'upi_intent_link',
	'payment_link',
] as const;
export const PIX_KEY_TYPES = ['CPF', 'CNPJ', 'EMAIL', 'PHONE', 'EVP'] as const;
export const PAYMENT_GATEWAYS = ['billdesk', 'razorpay', 'payu', 'zaakpay'] as const;
export const PREFERRED_PAYMENT_APPS = [
	'gpay',
	'phonepe',
	'paytm',
	'bhim',
	'amazonpay',
	'cred',
	'mobikwik',
] as const;
export const ENABLED_PAYMENT_OPTIONS = ['upi', 'web'] as const;
export const ORDER_STATUSES = [
	'pending',
	'processing',
	'partially_shipped',
	'shipped',
	'completed',
	'canceled',
] as const;
export const INDIA_ORDER_STATUSES = [
	'processing',
	'partially_shipped',
	'shipped',
	'completed',
	'canceled',
] as const;
export const BR_PAYMENT_STATUSES = ['pending', 'captured', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const LIMITS = {
	body: 1024,
	footer: 60,
	itemName: 60,
	amountDescription: 60,
	discountProgramName: 60,
	expirationDescription: 120,
	statusDescription: 120,
	referenceId: { BR: 60, IN: 35 } as Record<Country, number>,
	configurationName: 60,
	razorpayReceipt: 40,
	razorpayNotesKeys: 15,
	razorpayNoteValue: 256,
	payuUdf: 255,
	zaakpayExtra: 180,
	billdeskInfo: 120,
	beneficiaryName: 200,
	addressLine: 100,
	itemsWithImages: 10,
	/** UPI is capped at INR 5,00,000 (in paise). */
	upiCapMinor: 500000 * OFFSET,
	/** Meta's "minimum threshold" for order expiration, in seconds ahead of now. */
	expirationMinSeconds: 300,
};
