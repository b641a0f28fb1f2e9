import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions';
import { operationsOf } from '../registry';
import * as create from './create.operation';
import * as deleteConfiguration from './delete.operation';
import * as generateOAuthLink from './generateOAuthLink.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateDataEndpoint from './updateDataEndpoint.operation';

export {
	create,
	deleteConfiguration as delete,
	generateOAuthLink,
	get,
	getAll,
	updateDataEndpoint,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentConfiguration'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a payment configuration (returns the OAuth link for gateways)',
				action: 'Create a payment configuration',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a payment configuration',
				action: 'Delete a payment configuration',
			},
			{
				name: 'Generate OAuth Link',
				value: 'generateOAuthLink',
				description: 'Get a new link to connect the payment gateway account',
				action: 'Generate a link that connects a payment gateway',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a payment configuration by name',
				action: 'Get a payment configuration',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the payment configurations of the WhatsApp Business Account',
				action: 'Get many payment configurations',
			},
			{
				name: 'Update Data Endpoint',
				value: 'updateDataEndpoint',
				description: 'Set the data endpoint URL used by checkout button templates',
				action: 'Update the data endpoint of a payment configuration',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...updateDataEndpoint.description,
	...generateOAuthLink.description,
	...deleteConfiguration.description,
	optionsCollection(operationsOf('paymentConfiguration', 'other'), 'paymentConfiguration'),
];
