import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as order from './order';
import * as paymentConfiguration from './paymentConfiguration';

type OperationFn = (this: IExecuteFunctions, i: number) => Promise<INodeExecutionData[]>;

const resources: Record<string, Record<string, { execute: OperationFn }>> = {
	paymentConfiguration: paymentConfiguration as unknown as Record<string, { execute: OperationFn }>,
	order: order as unknown as Record<string, { execute: OperationFn }>,
};

/** Runs the chosen operation item by item; honours continueOnFail per item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const handler = resources[resource]?.[operation];
		try {
			if (!handler || typeof handler.execute !== 'function') {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`, { itemIndex: i });
			}
			returnData.push(...(await handler.execute.call(this, i)));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: error.message, description: error.description ?? null, httpCode: error.httpCode ?? null },
					pairedItem: { item: i },
				});
				continue;
			}
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			throw nodeError;
		}
	}
	return [returnData];
}
