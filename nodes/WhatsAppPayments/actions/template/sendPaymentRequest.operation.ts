import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildPaymentRequestTemplate,
	buildTemplateMessage,
	PAYMENT_REQUEST_TEXT,
} from '../../../shared';
import type { PaymentRequestButtonInput, PaymentRequestType } from '../../../shared';
import { recipientOf, sendMessage } from '../shared/message';
import type { RunContext } from '../node.type';
import { validated } from '../shared/item';
import { bodyVariablesField, headerFields, RESOURCE, templateBase, templatePicker } from './fields';
import { approvedTemplate } from './lookup';

const op = ['sendPaymentRequest'];

export const description: INodeProperties[] = [
	{
		displayName:
			'Payment Request buttons are being rolled out by Meta and may not be available for your account yet. WhatsApp does not disable a button when its Pix code or boleto expires: expire them at your PSP. There is no reference ID, so no Send Status follows: reconcile with your PSP.',
		name: 'paymentRequestNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [RESOURCE], operation: op } },
	},
	...templatePicker(op),
	...headerFields(op),
	bodyVariablesField(op),
	{
		displayName: 'Payment Buttons',
		name: 'paymentButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Payment Button',
		default: {},
		required: true,
		description:
			"The value behind each of the template's payment buttons (one per button; each method once)",
		displayOptions: { show: { resource: [RESOURCE], operation: op } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Method',
						name: 'type',
						type: 'options',
						default: 'pix_dynamic_code',
						options: [
							{ name: 'Boleto (Copy Boleto Code)', value: 'boleto' },
							{ name: 'Payment Link (Open Payment Link)', value: 'payment_link' },
							{ name: 'Pix (Copy Pix Code)', value: 'pix_dynamic_code' },
						],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 00020101021226...',
						description:
							'The Pix "copia e cola" code, the 47/48-digit boleto line, or the https payment link',
					},
				],
			},
		],
	},
];

/** Payment Request CTA (Brazil): each payment button gets its Pix code, boleto line or link. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const base = validated(this, i, () => templateBase.call(this, i));
	const raw =
		((this.getNodeParameter('paymentButtons', i, {}) as IDataObject).button as
			IDataObject[] | undefined) ?? [];
	const given = raw.map((b) => ({
		type: b.type as PaymentRequestType,
		value: String(b.value ?? '').trim(),
	}));
	// Every value is checked before Meta is asked anything (positions are set from the template below).
	const draft = (buttons: PaymentRequestButtonInput[]) =>
		validated(this, i, () => buildPaymentRequestTemplate(base, buttons));
	draft(given.map((b, index) => ({ ...b, index })));
	const info = await approvedTemplate.call(this, i, base, 'sendPaymentRequest', run);
	const onTemplate = info.buttons.filter((b) => b.type === 'PAYMENT_REQUEST');
	const buttons = given.map((b) => {
		const match = onTemplate.find((t) => t.paymentType === b.type);
		if (!match) {
			throw new NodeOperationError(
				this.getNode(),
				`Template "${info.name}" has no "${PAYMENT_REQUEST_TEXT[b.type]}" button`,
				{
					itemIndex: i,
					description: `Its payment buttons are: ${onTemplate.map((t) => t.text).join(', ')}. Remove the ${b.type} button here. Nothing was sent.`,
				},
			);
		}
		return { ...b, index: match.index };
	});
	const missing = onTemplate.filter((t) => !buttons.some((b) => b.index === t.index));
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Template "${info.name}" needs a value for ${missing.map((m) => `"${m.text}"`).join(', ')}`,
			{
				itemIndex: i,
				description:
					'Meta requires a parameter for every payment button of the template (132000 otherwise). Add a Payment Button for each. Nothing was sent.',
			},
		);
	}
	const message = validated(this, i, () =>
		buildTemplateMessage(recipientOf.call(this, i), draft(buttons)),
	);
	return await sendMessage.call(
		this,
		i,
		message,
		{ template: base.name, language: base.language },
		run,
	);
}
