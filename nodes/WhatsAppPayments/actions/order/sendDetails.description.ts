import type { INodeProperties } from 'n8n-workflow';

import { countryField, senderFields } from '../shared/descriptions';
import { inputModeField, orderFields } from '../shared/orderForm.description';

const op = ['sendDetails'];
const show = { resource: ['order'], operation: op };

/** The Send Details form: sender, country, input mode, body, the order form and message options. */
export const description: INodeProperties[] = [
	...senderFields(op),
	countryField(op),
	inputModeField(show),
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		description: 'Message text above the order (at most 1024 characters)',
		displayOptions: { show },
	},
	...orderFields(show, { simplified: true }),
	{
		displayName: 'Message Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Footer Text',
				name: 'footer',
				type: 'string',
				default: '',
				description: 'At most 60 characters',
			},
			{
				displayName: 'Header Image URL',
				name: 'headerImageUrl',
				type: 'string',
				default: '',
				description: 'Image above the order (not with the simplified Brazil message)',
			},
		],
	},
];
