/**
 * The order form's mapping, shared by Send Details and the template sends that carry an order: turns
 * the node's parameters for item i into the order builder's input. The form and both Order JSON modes
 * end in the same shared builder (or, for whole parameters given as JSON, the same validator), so every
 * mode follows the same rules.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fail, isPlainObject, paymentSetting, referenceIdFromUpiLink } from '../../../shared';
import type { Country, ItemInput, JsonObject, OrderFormInput } from '../../../shared';
import { itemParameter, readTime } from './item';

export type InputMode = 'form' | 'json' | 'jsonOrder';

/**
 * A JSON parameter as a value: text is parsed (naming the field when it is not JSON). Empty text and the
 * text `{}` or `[]` (the JSON fields' defaults, since n8n's JSON editor marks empty text as invalid JSON)
 * are undefined: not set. A value an expression gives is taken as it is.
 */
export function parseJsonParam(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	let parsed: unknown;
	if (value.trim() === '') return undefined;
	try {
		parsed = JSON.parse(value);
	} catch {
		return fail(field, 'must be valid JSON', value);
	}
	if (Array.isArray(parsed) && parsed.length === 0) return undefined;
	if (isPlainObject(parsed) && Object.keys(parsed).length === 0) return undefined;
	return parsed;
}

function paymentSettingsFromForm(
	this: IExecuteFunctions,
	i: number,
	country: Country,
): JsonObject[] {
	const settings: JsonObject[] = [];
	if (country === 'BR') {
		const br = this.getNodeParameter('brPaymentSettings', i, {}) as IDataObject;
		const pix = br.pix as IDataObject | undefined;
		if (pix) settings.push(paymentSetting.pix(pix as never));
		if (br.paymentLink) {
			settings.push(
				paymentSetting.paymentLink({ uri: (br.paymentLink as IDataObject).uri as string }),
			);
		}
		if (br.boleto) settings.push(paymentSetting.boleto(br.boleto as never));
		if (br.oneClick) settings.push(paymentSetting.oneClick(br.oneClick as never));
	} else {
		const inSettings = this.getNodeParameter('inPaymentSettings', i, {}) as IDataObject;
		const pg = inSettings.paymentGateway as IDataObject | undefined;
		if (pg) {
			const passThrough = parseJsonParam(
				pg.passThrough,
				`payment_settings.payment_gateway.${String(pg.gateway)}`,
			);
			if (passThrough !== undefined && !isPlainObject(passThrough)) {
				fail('payment_gateway pass-through fields', 'must be a JSON object', passThrough);
			}
			settings.push(
				paymentSetting.paymentGateway({
					gateway: pg.gateway as string,
					configurationName: pg.configurationName as string,
					passThrough: passThrough as JsonObject | undefined,
					preferredApp: pg.preferredApp as string,
					enabledOptions: pg.enabledOptions as string[],
				}),
			);
		}
		if (inSettings.upiIntentLink) {
			settings.push(paymentSetting.upiIntentLink(inSettings.upiIntentLink as never));
		}
		if (inSettings.paymentLink)
			settings.push(paymentSetting.paymentLink(inSettings.paymentLink as never));
	}
	if (settings.length === 0 && country === 'IN') {
		fail(
			'payment_settings',
			'add at least one payment option (payment gateway, UPI intent link or payment link)',
			undefined,
			'missing',
		);
	}
	return settings;
}

function beneficiariesFromForm(
	this: IExecuteFunctions,
	i: number,
	country: Country,
): JsonObject[] | undefined {
	if (country !== 'IN') return undefined;
	const goodsType = this.getNodeParameter('goodsType', i, 'digital-goods');
	if (goodsType !== 'physical-goods') return undefined;
	const raw = (this.getNodeParameter('beneficiaries', i, {}) as IDataObject).beneficiary as
		IDataObject[] | undefined;
	return (raw ?? []).map((b) => {
		const out: JsonObject = {};
		for (const [k, v] of Object.entries(b)) if (v !== '' && v !== undefined) out[k] = v;
		out.country = 'India';
		return out;
	});
}

/**
 * The form's items. The India-only fields (image, country of origin, importer) show only for India
 * orders; values an item kept from before the country was switched to Brazil are not sent, since
 * Meta's Brazil item has no such fields.
 */
function itemsFromForm(this: IExecuteFunctions, i: number, country: Country): ItemInput[] {
	const raw =
		((this.getNodeParameter('items', i, {}) as IDataObject).item as IDataObject[] | undefined) ??
		[];
	return raw.map((it, n) => ({
		name: it.name as string,
		retailerId: it.retailerId as string,
		amount: it.amount,
		saleAmount: it.saleAmount,
		quantity: it.quantity,
		...(country === 'IN'
			? {
					imageUrl: it.imageUrl as string,
					countryOfOrigin: it.countryOfOrigin as string,
					importerName: it.importerName as string,
					importerAddress: parseJsonParam(
						it.importerAddress,
						`order.items[${n}].importer_address`,
					) as JsonObject | undefined,
				}
			: {}),
	}));
}

/**
 * The order builder's input for the Form and Order JSON (Order Only) modes: reference ID, goods type,
 * payment options and beneficiaries from the form; the order from the form fields or from JSON.
 */
export function orderInputFromNode(
	this: IExecuteFunctions,
	i: number,
	country: Country,
	mode: Exclude<InputMode, 'json'>,
	/** What the operation fills itself (the checkout template's gateway and shipping info). */
	fixed?: Partial<OrderFormInput>,
): OrderFormInput {
	const paymentSettings = fixed?.paymentSettings ?? paymentSettingsFromForm.call(this, i, country);
	const fromUpiLink =
		!fixed && country === 'IN' && this.getNodeParameter('referenceFromUpiLink', i, false) === true;
	const common: OrderFormInput = {
		country,
		referenceId: fromUpiLink
			? referenceIdFromUpiLink(paymentSettings)
			: (itemParameter.call(this, 'referenceId', i) as string),
		goodsType: this.getNodeParameter('goodsType', i) as string,
		paymentSettings,
		beneficiaries: fixed ? undefined : beneficiariesFromForm.call(this, i, country),
		...fixed,
	};
	if (mode === 'jsonOrder') {
		const order = parseJsonParam(this.getNodeParameter('orderJson', i), 'Order JSON');
		if (order === undefined) return fail('Order JSON', 'is required', undefined, 'missing');
		if (!isPlainObject(order)) {
			return fail(
				'order',
				'Order JSON must be an order object with items, subtotal and tax',
				order,
			);
		}
		return { ...common, order };
	}
	const itemised =
		country === 'IN' ? true : (this.getNodeParameter('itemised', i, true) as boolean);
	if (!itemised) {
		return { ...common, simplified: true, total: this.getNodeParameter('simplifiedTotal', i) };
	}
	const f = this.getNodeParameter('orderFields', i, {}) as IDataObject;
	return {
		...common,
		items: itemsFromForm.call(this, i, country),
		total: f.total,
		subtotal: f.subtotal,
		tax: f.tax,
		taxDescription: f.taxDescription as string,
		shipping: f.shipping,
		shippingDescription: f.shippingDescription as string,
		discount: f.discount,
		discountDescription: f.discountDescription as string,
		discountProgramName: f.discountProgramName as string,
		catalogId: f.catalogId as string,
		expirationTimestamp: readTime(f.expiresAt, 'order.expiration.timestamp'),
		expirationDescription: f.expirationDescription as string,
		// India only, like the item fields above.
		quickPay: country === 'IN' && f.quickPay === true,
	};
}

/** Whole order_details parameters given as JSON (Order JSON (Whole Parameters) mode). */
export function parametersFromJson(this: IExecuteFunctions, i: number): unknown {
	const parsed = parseJsonParam(this.getNodeParameter('orderJson', i), 'Order JSON');
	if (parsed === undefined) return fail('Order JSON', 'is required', undefined, 'missing');
	if (!isPlainObject(parsed)) {
		return fail(
			'parameters',
			'Order JSON must be an object with reference_id, type, currency, total_amount...',
			parsed,
		);
	}
	return parsed;
}
