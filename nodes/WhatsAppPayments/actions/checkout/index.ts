import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions';
import { operationsOf } from '../registry';
import * as getPublicKey from './getPublicKey.operation';
import * as publicKey from './publicKey';
import * as readRequest from './readRequest.operation';
import * as respond from './respond.operation';
import * as uploadPublicKey from './uploadPublicKey.operation';

export { getPublicKey, readRequest, respond, uploadPublicKey };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkout'] } },
		options: [
			{
				name: 'Get Business Public Key',
				value: 'getPublicKey',
				description: 'The key Meta holds for a phone number and its status (VALID or MISMATCH)',
				action: 'Get the business public key',
			},
			{
				name: 'Read Request',
				value: 'readRequest',
				description:
					"Check and decrypt a checkout endpoint request received by n8n's Webhook node (raw body)",
				action: 'Read a checkout request',
			},
			{
				name: 'Respond',
				value: 'respond',
				description:
					'Answer a WhatsApp Checkout Endpoint request: coupons, shipping or a refusal, encrypted',
				action: 'Respond to a checkout request',
			},
			{
				name: 'Upload Business Public Key',
				value: 'uploadPublicKey',
				description: "Upload the public half of the credential's private key for a phone number",
				action: 'Upload the business public key',
			},
		],
		default: 'respond',
	},
	...readRequest.description,
	...respond.description,
	...publicKey.description,
	optionsCollection(operationsOf('checkout', 'other'), 'checkout'),
];
