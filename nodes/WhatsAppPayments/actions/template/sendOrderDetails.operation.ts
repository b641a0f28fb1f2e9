import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	buildOrderDetailsParameters,
	buildOrderDetailsTemplate,
	buildTemplateMessage,
} from '../../../shared';
import type { JsonObject } from '../../../shared';
import { countryField } from '../shared/descriptions';
import { getCountry, validated } from '../shared/item';
import { recipientOf, sendMessage } from '../shared/message';
import { inputModeField, orderFields } from '../shared/orderForm.description';
import { orderInputFromNode, parametersFromJson } from '../shared/orderForm';
import type { InputMode } from '../shared/orderForm';
import type { RunContext } from '../node.type';
import { bodyVariablesField, headerFields, RESOURCE, templateBase, templatePicker } from './fields';
import { approvedTemplate } from './lookup';

const op = ['sendOrderDetails'];
const show = { resource: [RESOURCE], operation: op };

export const description: INodeProperties[] = [
	...templatePicker(op),
	countryField(op, RESOURCE),
	...headerFields(op),
	bodyVariablesField(op),
	inputModeField(show),
	...orderFields(show),
];

/**
 * Order details template: the order from the same form (or JSON) and the same builder as Send Details,
 * placed in the template's ORDER_DETAILS button. Everything is validated locally, then the template is
 * checked against its definition at Meta (approved, header, variables), then sent.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const country = getCountry.call(this, i);
	const mode = this.getNodeParameter('inputMode', i, 'form') as InputMode;
	const base = validated(this, i, () => templateBase.call(this, i));
	const message = validated(this, i, () => {
		const parameters =
			mode === 'json'
				? (parametersFromJson.call(this, i) as JsonObject)
				: buildOrderDetailsParameters(orderInputFromNode.call(this, i, country, mode), {
						flavor: 'template',
					});
		// Meta allows exactly one button in an order details template: the ORDER_DETAILS button, index 0.
		return buildTemplateMessage(
			recipientOf.call(this, i),
			buildOrderDetailsTemplate(base, parameters, country),
		);
	});
	await approvedTemplate.call(this, i, base, 'sendOrderDetails', run);
	const od = orderDetailsOf(message);
	return await sendMessage.call(
		this,
		i,
		message,
		{ reference_id: od.reference_id as string, template: base.name, language: base.language },
		run,
	);
}

/** The order_details object inside a built template message's button. */
export function orderDetailsOf(message: JsonObject): JsonObject {
	const components = (message.template as JsonObject).components as JsonObject[];
	const button = components.find((c) => c.sub_type === 'order_details') as JsonObject;
	return ((button.parameters as JsonObject[])[0].action as JsonObject).order_details as JsonObject;
}
