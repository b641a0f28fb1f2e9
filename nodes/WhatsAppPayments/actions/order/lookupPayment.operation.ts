import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isoFromEpoch, normaliseStatus, toDecimal, validateReferenceId } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { configurationNameLocator, getRetryOptions } from '../shared/descriptions';
import {
	configurationNameOf,
	getPhoneNumberId,
	itemParameter,
	toItems,
	validated,
} from '../shared/item';

const displayOptions = { show: { resource: ['order'], operation: ['lookupPayment'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'India only: confirm a payment gateway payment with Meta before fulfilling (Meta advises not to rely on webhooks alone)',
		name: 'lookupNotice',
		type: 'notice',
		default: '',
	},
	configurationNameLocator,
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		required: true,
		default: '',
		description: 'The reference ID of the order_details message',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** A payment from the lookup API with the amount as a decimal and status normalised. */
export function normalisePayment(p: IDataObject): IDataObject {
	const out: IDataObject = { ...p, status: normaliseStatus(p.status) ?? p.status };
	const a = p.amount as { value?: unknown; offset?: unknown } | undefined;
	if (a && Number.isFinite(Number(a.value)) && Number(a.offset) > 0) {
		out.amount_decimal = toDecimal({ value: Number(a.value), offset: Number(a.offset) });
	}
	const txs = (p.transactions as IDataObject[] | undefined) ?? [];
	const success = txs.find((t) => normaliseStatus(t.status) === 'success');
	out.captured = out.status === 'captured';
	out.successful_transaction_id = success ? (success.id as string) : null;
	for (const t of txs) {
		const created = isoFromEpoch(t.created_timestamp);
		if (created) t.created_time = created;
	}
	return out;
}

/** `GET /{phone-number-id}/payments/{configuration}/{reference-id}`: Meta's payments for an order (India). */
export async function fetchPayments(
	this: IExecuteFunctions,
	i: number,
	lookup: { phoneNumberId: string; configurationName: string; referenceId: string },
): Promise<IDataObject[]> {
	const body = await graphApiRequest<{ payments?: IDataObject[] }>(this, {
		method: 'GET',
		path: `/${lookup.phoneNumberId}/payments/${encodeURIComponent(lookup.configurationName)}/${encodeURIComponent(lookup.referenceId)}`,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return body?.payments ?? [];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = getPhoneNumberId.call(this, i);
	const { name, referenceId } = validated(this, i, () => ({
		name: configurationNameOf.call(this, i),
		referenceId: validateReferenceId(itemParameter.call(this, 'referenceId', i), 'IN'),
	}));
	const payments = (
		await fetchPayments.call(this, i, { phoneNumberId, configurationName: name, referenceId })
	).map(normalisePayment);
	if (payments.length === 0)
		return toItems(
			{ reference_id: referenceId, configuration_name: name, status: 'not_found', captured: false },
			i,
		);
	return toItems(
		payments.map((p) => ({ configuration_name: name, ...p })),
		i,
	);
}
