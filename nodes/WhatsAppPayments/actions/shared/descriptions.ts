/** Fields and option lists more than one resource shows, and the readers of the Options collection. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetryOptions } from '../../../common/transport';
import { DEFAULT_RETRY } from '../../../common/transport';

export const configurationNameLocator: INodeProperties = {
	displayName: 'Configuration Name',
	name: 'configurationName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The payment configuration, as named in WhatsApp Manager (at most 60 characters)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPaymentConfigurations', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. razorpay-prod',
		},
	],
};

export const phoneNumberLocator: INodeProperties = {
	displayName: 'Sender Phone Number',
	name: 'phoneNumberId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The WhatsApp business phone number that sends the message',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 106540352242922',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\d+$', errorMessage: 'A phone number ID has only digits' },
				},
			],
		},
	],
};

export const retryOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How many times to retry when Meta throttles the request (codes 4, 80007, 130429). Reads are also retried on server errors; sends are never retried when Meta may already have accepted them.',
	},
	{
		displayName: 'Retry Delay (Ms)',
		name: 'retryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description:
			'First wait before a retry, in milliseconds; it doubles on each attempt. For a message send it counts from when the refused message was sent. A Retry-After header from Meta takes precedence.',
	},
];

/** Options of every message-sending operation: the pace and concurrency of sends. */
export const sendOptionFields: INodeProperties[] = [
	{
		displayName: 'Messages Per Second',
		name: 'messagesPerSecond',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 80,
		description:
			"Most messages this node starts per second for one sender number. Meta's default Cloud API throughput is 80; raise it only if Meta raised your number's limit. On a throttling answer (130429) the node slows down and retries.",
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 20,
		description:
			"Most messages waiting for Meta's answer at the same time. Without this option the node works it out from Messages Per Second and how fast Meta answers, so that the pace is reached at any answer time. Set it to hold fewer; 1 sends one item after the other.",
	},
];

/** The Options collection every operation shows (retry settings plus operation-specific extras). */
export function optionsCollection(
	operations: string[],
	resource: string,
	extra: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: [resource], operation: operations } },
		options: [...extra, ...retryOptionFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

export function getRetryOptions(this: IExecuteFunctions, i: number): RetryOptions {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const maxRetries = Number(options.maxRetries ?? DEFAULT_RETRY.maxRetries);
	const retryDelayMs = Number(options.retryDelayMs ?? DEFAULT_RETRY.retryDelayMs);
	return {
		maxRetries:
			Number.isFinite(maxRetries) && maxRetries >= 0
				? Math.floor(maxRetries)
				: DEFAULT_RETRY.maxRetries,
		retryDelayMs:
			Number.isFinite(retryDelayMs) && retryDelayMs >= 0
				? retryDelayMs
				: DEFAULT_RETRY.retryDelayMs,
	};
}

/** Return All and Limit of a Get Many operation. */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** The list as Return All and Limit ask for it. */
export function limited<T>(this: IExecuteFunctions, i: number, list: T[]): T[] {
	return this.getNodeParameter('returnAll', i, false)
		? list
		: list.slice(0, this.getNodeParameter('limit', i, 50) as number);
}

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

/** The statuses an India order can be sent (interactive or by template). */
export const INDIA_STATUS_OPTIONS = [
	{
		name: 'Canceled',
		value: 'canceled',
		description: 'Final. Fails if a payment is already captured (error 2047).',
	},
	{
		name: 'Completed',
		value: 'completed',
		description: 'Final: nothing more will happen to this order',
	},
	{ name: 'Partially Shipped', value: 'partially_shipped' },
	{ name: 'Processing', value: 'processing' },
	{ name: 'Shipped', value: 'shipped' },
];
