import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PaymentsValidationError } from '../../shared';
import { getGraphBase } from '../transport';

/** Runs a shared builder/validator and turns its rule errors into NodeOperationErrors for item i. */
export function validated<T>(ctx: IExecuteFunctions, i: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof PaymentsValidationError) {
			throw new NodeOperationError(ctx.getNode(), `Invalid ${error.message}`, {
				itemIndex: i,
				description: `Field "${error.field}" ${error.rule}. Nothing was sent to Meta.`,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
	}
}

export async function requireWabaId(this: IExecuteFunctions, i: number): Promise<string> {
	const { wabaId } = await getGraphBase.call(this);
	if (!/^\d+$/.test(wabaId)) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential has no valid WhatsApp Business Account ID',
			{
				itemIndex: i,
				description:
					'Set "WhatsApp Business Account ID" in the WhatsApp Payments API credential (digits only).',
			},
		);
	}
	return wabaId;
}

export function toItems(data: IDataObject | IDataObject[], i: number): INodeExecutionData[] {
	const list = Array.isArray(data) ? data : [data];
	return list.map((json) => ({ json, pairedItem: { item: i } }));
}

export function locatorValue(this: IExecuteFunctions, name: string, i: number): string {
	const value = this.getNodeParameter(name, i, '', { extractValue: true });
	return String(value ?? '').trim();
}
