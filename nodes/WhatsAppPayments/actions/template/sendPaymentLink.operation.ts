import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	buildEnhancedPaymentLinkTemplate,
	buildTemplateMessage,
	resolvePaymentLink,
} from '../../../shared';
import { recipientOf, sendMessage } from '../shared/message';
import type { RunContext } from '../node.type';
import { validated } from '../shared/item';
import { bodyVariablesField, RESOURCE, templateBase, templatePicker } from './fields';
import { approvedTemplate } from './lookup';

const op = ['sendPaymentLink'];
const show = { resource: [RESOURCE], operation: op };

/** The field name errors use for the link (the form's Payment Link field). */
const FIELD = 'payment_link';

export const description: INodeProperties[] = [
	{
		displayName:
			"Enhanced Payment Links are not publicly available: Meta must enable them for your WhatsApp Business Account (ask your Solution Partner or Meta with the account ID, a sample link and your gateway: Razorpay, PayU or Cashfree). Until then WhatsApp shows an ordinary link button. India only. No Meta payment webhook follows: the gateway's own webhook tells you the buyer paid.",
		name: 'paymentLinkNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...templatePicker(op),
	bodyVariablesField(
		op,
		'One value per {{n}} variable of the template body, in order; put the amount and order there',
	),
	{
		displayName: 'Payment Link',
		name: 'paymentLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://rzp.io/rzp/abc123XYZ',
		description:
			"The gateway's payment link, or only its end after the template's prefix (such as abc123XYZ). A full link must start with the template's prefix; only the rest is sent. Use a live, unexpired production link of Razorpay, PayU or Cashfree, not a shortened or redirecting one.",
		displayOptions: { show },
	},
];

/** Enhanced Payment Link template (India): the body variables and the end of the gateway link. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const base = validated(this, i, () => templateBase.call(this, i, false));
	const link = this.getNodeParameter('paymentLink', i, '');
	// The link and the variables are checked before Meta is asked anything (even for the template).
	validated(this, i, () =>
		buildEnhancedPaymentLinkTemplate(base, resolvePaymentLink(link, FIELD).suffix),
	);
	const info = await approvedTemplate.call(this, i, base, 'sendPaymentLink', run);
	const { suffix, url } = validated(this, i, () =>
		resolvePaymentLink(link, FIELD, info.paymentLinkPrefix),
	);
	const message = validated(this, i, () =>
		buildTemplateMessage(recipientOf.call(this, i), buildEnhancedPaymentLinkTemplate(base, suffix)),
	);
	return await sendMessage.call(
		this,
		i,
		message,
		{ template: base.name, language: base.language, payment_link: url ?? null },
		run,
	);
}
