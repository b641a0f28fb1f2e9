import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SendPacers } from '../../common/transport';
import * as checkout from './checkout';
import * as commerce from './commerce';
import type { Operation, OperationModules, RunContext } from './node.type';
import * as order from './order';
import * as paymentConfiguration from './paymentConfiguration';
import { isResource, isSend } from './registry';
import * as template from './template';

export const DEFAULT_MESSAGES_PER_SECOND = 80;
export const DEFAULT_CONCURRENCY = 20;

const modules: OperationModules = { order, paymentConfiguration, template, checkout, commerce };

/** The code of a registered operation; undefined for any other pair. */
function operationFor(resource: string, operation: string): Operation | undefined {
	if (!isResource(resource)) return undefined;
	const operations: Record<string, Operation> = modules[resource];
	return Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}

/**
 * Runs the chosen operation for every item and honours Continue On Fail per item. Message sends run
 * concurrently (Options > Concurrency) with starts paced per phone number (Options > Messages Per Second);
 * everything else runs one item after the other. Output keeps the input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const first = items.length > 0 ? (this.getNodeParameter('options', 0, {}) as IDataObject) : {};
	const resource0 = items.length > 0 ? (this.getNodeParameter('resource', 0) as string) : '';
	const operation0 = items.length > 0 ? (this.getNodeParameter('operation', 0) as string) : '';
	const rate = Number(first.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND);
	const run: RunContext = {
		pacers: new SendPacers(Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_MESSAGES_PER_SECOND),
		templates: new Map(),
	};
	const concurrency = isSend(resource0, operation0)
		? Math.max(1, Math.floor(Number(first.concurrency ?? DEFAULT_CONCURRENCY)) || 1)
		: 1;

	const runItem = async (i: number): Promise<void> => {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const handler = operationFor(resource, operation);
		try {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex: i },
				);
			}
			results[i] = await handler.execute.call(this, i, run);
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (this.continueOnFail()) {
				// `error` on the item lets n8n route it to the error output (On Error: Continue (using error output)).
				results[i] = [
					{
						json: {
							error: nodeError.message,
							description: nodeError.description ?? null,
							httpCode: (nodeError as NodeApiError).httpCode ?? null,
						},
						error: nodeError,
						pairedItem: { item: i },
					},
				];
				return;
			}
			throw nodeError;
		}
	};

	let nextIndex = 0;
	const worker = async (): Promise<void> => {
		while (nextIndex < items.length) await runItem(nextIndex++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return [results.flat()];
}
