import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	buildOrderDetailsInteractive,
	buildOrderDetailsParameters,
	validateOrderDetailsEnvelope,
	validateOrderDetailsParameters,
} from '../../../shared';
import type { JsonObject } from '../../../shared';
import type { RunContext } from '../node.type';
import { getCountry, validated } from '../shared/item';
import { sendInteractive } from '../shared/message';
import { orderInputFromNode, parametersFromJson } from '../shared/orderForm';
import type { InputMode } from '../shared/orderForm';

export { description } from './sendDetails.description';

/** Builds the order_details message for item i (each rule checked once, before anything is sent) and sends it. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const country = getCountry.call(this, i);
	const mode = this.getNodeParameter('inputMode', i, 'form') as InputMode;
	const messageOptions = this.getNodeParameter('messageOptions', i, {}) as IDataObject;
	const interactive = validated(this, i, () => {
		let parameters: JsonObject;
		if (mode === 'json') {
			parameters = parametersFromJson.call(this, i) as JsonObject;
			validateOrderDetailsParameters(parameters, country);
		} else {
			parameters = buildOrderDetailsParameters(orderInputFromNode.call(this, i, country, mode));
		}
		const built = buildOrderDetailsInteractive(parameters, {
			body: this.getNodeParameter('bodyText', i) as string,
			footer: messageOptions.footer as string,
			headerImageUrl: messageOptions.headerImageUrl as string,
		});
		validateOrderDetailsEnvelope(built, country);
		return built;
	});
	const parameters = (interactive.action as { parameters: JsonObject }).parameters;
	return await sendInteractive.call(this, i, interactive, parameters.reference_id, run);
}
