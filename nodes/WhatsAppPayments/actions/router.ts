import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as checkout from './checkout';
import * as order from './order';
import * as paymentConfiguration from './paymentConfiguration';
import * as template from './template';

import { SendPacers } from '../transport';
import type { TemplateInfo } from '../../shared';

/** What one node run shares between its items: the send pacers and the templates already read. */
export interface RunContext {
	pacers: SendPacers;
	templates?: Map<string, Promise<TemplateInfo>>;
}

type OperationFn = (
	this: IExecuteFunctions,
	i: number,
	run: RunContext,
) => Promise<INodeExecutionData[]>;

/** Operations that send WhatsApp messages: run concurrently, paced per phone number. */
const SEND_OPERATIONS = new Set([
	'sendDetails',
	'sendStatus',
	'sendOrderDetails',
	'sendPaymentRequest',
	'sendCheckout',
	'sendOrderStatus',
]);
export const DEFAULT_MESSAGES_PER_SECOND = 80;
export const DEFAULT_CONCURRENCY = 20;

const resources: Record<string, Record<string, { execute: OperationFn }>> = {
	paymentConfiguration: paymentConfiguration as unknown as Record<string, { execute: OperationFn }>,
	order: order as unknown as Record<string, { execute: OperationFn }>,
	template: template as unknown as Record<string, { execute: OperationFn }>,
	checkout: checkout as unknown as Record<string, { execute: OperationFn }>,
};

/**
 * Runs the chosen operation for every item and honours Continue On Fail per item. Message sends run
 * concurrently (Options > Concurrency) with starts paced per phone number (Options > Messages Per Second);
 * everything else runs one item after the other. Output keeps the input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const first = items.length > 0 ? (this.getNodeParameter('options', 0, {}) as IDataObject) : {};
	const operation0 = items.length > 0 ? (this.getNodeParameter('operation', 0) as string) : '';
	const rate = Number(first.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND);
	const run: RunContext = {
		pacers: new SendPacers(Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_MESSAGES_PER_SECOND),
		templates: new Map(),
	};
	const concurrency = SEND_OPERATIONS.has(operation0)
		? Math.max(1, Math.floor(Number(first.concurrency ?? DEFAULT_CONCURRENCY)) || 1)
		: 1;

	const runItem = async (i: number): Promise<void> => {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const handler = resources[resource]?.[operation];
		try {
			if (!handler || typeof handler.execute !== 'function') {
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
