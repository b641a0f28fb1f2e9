import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isBlank, toMinorUnits, validateUpiIntentLink } from '../../../shared';
import { toItems, validated } from '../shared/item';

const properties: INodeProperties[] = [
	{
		displayName: 'UPI Intent Link',
		name: 'upiLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. upi://pay?pa=shop@psp&pn=Shop&mc=5399&purpose=00&tr=INV12-1',
		description:
			"The upi://pay intent your payment gateway generated for the order. Nothing is sent to Meta: the link's attributes come back as the output.",
	},
	{
		displayName: 'Order Total (INR)',
		name: 'orderTotal',
		type: 'string',
		default: '',
		placeholder: 'e.g. 100.00',
		description:
			"Optional: the order's total. When set, an am attribute in the link must equal it (WhatsApp charges the order total, not am).",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['parseUpiLink'] } },
	properties,
);

/**
 * Parse UPI Link: the attributes of a dynamic-VPA UPI intent link, checked by the same rules as a send
 * (upi://pay?, pa, pn, mc, purpose and tr present, tr usable as the reference ID, am equal to the total).
 * `reference_id` is the link's tr, ready for Send Details.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const intent = validated(this, i, () => {
		const total = this.getNodeParameter('orderTotal', i, '') as string;
		return validateUpiIntentLink(
			this.getNodeParameter('upiLink', i),
			'upi_intent_link.link',
			isBlank(total) ? undefined : toMinorUnits(total, 'total_amount'),
		);
	});
	return toItems({ ...intent, reference_id: intent.tr } as unknown as IDataObject, i);
}
