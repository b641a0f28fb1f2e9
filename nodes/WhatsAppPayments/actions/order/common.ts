import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { buildInteractiveMessage, epochSeconds, fail } from '../../../shared';
import type { Country, JsonObject } from '../../../shared';
import { graphApiRequest } from '../../transport';
import { getRetryOptions, phoneNumberLocator } from '../common.descriptions';
import { locatorValue, toItems, validated } from '../utils';
import type { RunContext } from '../router';

export function countryField(operations: string[], resource = 'order'): INodeProperties {
	return {
		displayName: 'Country',
		name: 'country',
		type: 'options',
		noDataExpression: true,
		default: 'BR',
		options: [
			{
				name: 'Brazil (BRL)',
				value: 'BR',
				description: 'Pix, Boleto, payment links and One-Click card payments',
			},
			{
				name: 'India (INR)',
				value: 'IN',
				description: 'Payment gateways, UPI intent links and payment links',
			},
		],
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

export function senderFields(operations: string[], resource = 'order'): INodeProperties[] {
	const show = { resource: [resource], operation: operations };
	return [
		{ ...phoneNumberLocator, displayOptions: { show } },
		{
			displayName: 'Recipient',
			name: 'to',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5511999999999',
			description:
				"The buyer's WhatsApp number with country code, digits only (the wa_ID from a webhook works too)",
			displayOptions: { show },
		},
	];
}

export function referenceIdField(
	operations: string[],
	description: string,
	resource = 'order',
): INodeProperties {
	return {
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order-1234.1',
		description,
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

/** A date-time field or expression as epoch seconds; a value that is set but unreadable is refused. */
export function readTime(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = epochSeconds(value);
	if (seconds === undefined)
		fail(field, 'must be a date and time (ISO text) or epoch seconds', value);
	return seconds;
}

export function getCountry(this: IExecuteFunctions, i: number): Country {
	return this.getNodeParameter('country', i) === 'IN' ? 'IN' : 'BR';
}

export function getPhoneNumberId(this: IExecuteFunctions, i: number): string {
	return validated(this, i, () => {
		const id = locatorValue.call(this, 'phoneNumberId', i);
		if (!/^\d+$/.test(id))
			fail(
				'phone_number_id',
				'must be the numeric phone number ID (not the phone number itself)',
				id,
			);
		return id;
	});
}

/** Sends one interactive message and returns the output item: Meta's answer, the reference ID and the exact payload. */
export async function sendInteractive(
	this: IExecuteFunctions,
	i: number,
	interactive: JsonObject,
	referenceId: unknown,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const to = recipientOf.call(this, i);
	const message = validated(this, i, () => buildInteractiveMessage(to, interactive));
	return await sendMessage.call(this, i, message, { reference_id: referenceId as string }, run);
}

/** The Recipient field as a wa_id: trimmed, without a leading +. */
export function recipientOf(this: IExecuteFunctions, i: number): string {
	return String(this.getNodeParameter('to', i, ''))
		.trim()
		.replace(/^\+/, '');
}

/**
 * Posts one built and validated message (interactive or template) for item i, paced for its sender
 * number, and returns the output item: message ID, wa_id, sender, `extra` (reference IDs...), Meta's
 * answer and the exact payload sent.
 */
export async function sendMessage(
	this: IExecuteFunctions,
	i: number,
	message: JsonObject,
	extra: IDataObject,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getPhoneNumberId.call(this, i);
	const response = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${phoneNumberId}/messages`,
		body: message as IDataObject,
		kind: 'send',
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
		pacer: run?.pacers.for(phoneNumberId),
	});
	const messages = (response?.messages as IDataObject[] | undefined) ?? [];
	const contacts = (response?.contacts as IDataObject[] | undefined) ?? [];
	return toItems(
		{
			message_id: (messages[0]?.id as string) ?? null,
			...extra,
			wa_id: (contacts[0]?.wa_id as string) ?? null,
			phone_number_id: phoneNumberId,
			response,
			payload: message as IDataObject,
		},
		i,
	);
}
