import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { toMinorUnits, validateReferenceId } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import { configurationNameLocator, getRetryOptions } from '../shared/descriptions';
import {
	configurationNameOf,
	getPhoneNumberId,
	itemParameter,
	toItems,
	validated,
} from '../shared/item';
import { fetchPayments } from './lookupPayment.operation';

const displayOptions = { show: { resource: ['order'], operation: ['refund'] } };

const properties: INodeProperties[] = [
	configurationNameLocator,
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		required: true,
		default: '',
		description: 'The reference ID of the paid order',
	},
	{
		displayName: 'Refund Amount',
		name: 'refundType',
		type: 'options',
		default: 'full',
		options: [
			{ name: 'Full', value: 'full', description: 'Refund the captured amount (looked up first)' },
			{ name: 'Partial', value: 'partial' },
		],
	},
	{
		displayName: 'Amount (INR)',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12.34',
		displayOptions: { show: { refundType: ['partial'] } },
	},
	{
		displayName: 'Speed',
		name: 'speed',
		type: 'options',
		default: 'normal',
		options: [
			{ name: 'Normal', value: 'normal' },
			{
				name: 'Instant',
				value: 'instant',
				description: 'The gateway decides whether instant is possible',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = getPhoneNumberId.call(this, i);
	const refundType = this.getNodeParameter('refundType', i) as string;
	const { name, referenceId, partial } = validated(this, i, () => ({
		name: configurationNameOf.call(this, i),
		referenceId: validateReferenceId(itemParameter.call(this, 'referenceId', i), 'IN'),
		partial:
			refundType === 'partial'
				? toMinorUnits(this.getNodeParameter('amount', i), 'amount')
				: undefined,
	}));
	const retry = getRetryOptions.call(this, i);
	let value = partial;
	if (value === undefined) {
		const payment = (
			await fetchPayments.call(this, i, { phoneNumberId, configurationName: name, referenceId })
		)[0];
		const amount = payment?.amount as { value?: unknown } | undefined;
		if (
			!payment ||
			String(payment.status).toLowerCase() !== 'captured' ||
			!Number.isFinite(Number(amount?.value))
		) {
			throw new NodeOperationError(
				this.getNode(),
				`No captured payment found for reference ID "${referenceId}" (status "${String(payment?.status ?? 'none')}"), so nothing was refunded; check the reference ID or look up the payment first.`,
				{
					itemIndex: i,
					description: `Payment lookup returned status "${String(payment?.status ?? 'none')}". A full refund needs a captured payment; nothing was refunded.`,
				},
			);
		}
		value = Number(amount?.value);
	}
	const body = {
		reference_id: referenceId,
		speed: this.getNodeParameter('speed', i) as string,
		payment_config_id: name,
		amount: { currency: 'INR', value: String(value), offset: '100' },
	};
	const response = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${phoneNumberId}/payments_refund`,
		body,
		kind: 'send',
		itemIndex: i,
		retry,
	});
	return toItems(
		{
			reference_id: referenceId,
			configuration_name: name,
			amount_decimal: value / 100,
			refund_id: response?.id ?? null,
			...response,
			request: body,
		},
		i,
	);
}
