import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SendPacers } from '../../common/transport';
import { inFlightLimit } from '../../shared';
import * as checkout from './checkout';
import * as commerce from './commerce';
import type { Operation, OperationModules, RunContext } from './node.type';
import * as order from './order';
import * as paymentConfiguration from './paymentConfiguration';
import { isResource, isSend } from './registry';
import * as template from './template';

export const DEFAULT_MESSAGES_PER_SECOND = 80;

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
 * concurrently with starts paced per phone number (Options > Messages Per Second); how many wait for Meta's
 * answer at once follows that pace and Meta's observed answer time (shared/inFlight.ts), at most Options >
 * Concurrency when the user sets it. Everything else runs one item after the other. Output keeps the input
 * order. When an item fails without Continue On Fail, no further item starts, and the node fails once the
 * sends already under way have their answer.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const first = items.length > 0 ? (this.getNodeParameter('options', 0, {}) as IDataObject) : {};
	const resource0 = items.length > 0 ? (this.getNodeParameter('resource', 0) as string) : '';
	const operation0 = items.length > 0 ? (this.getNodeParameter('operation', 0) as string) : '';
	const configured = Number(first.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND);
	const rate =
		Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MESSAGES_PER_SECOND;
	const run: RunContext = { pacers: new SendPacers(rate), templates: new Map() };
	const override =
		first.concurrency === undefined || first.concurrency === null || first.concurrency === ''
			? undefined
			: Math.max(1, Math.floor(Number(first.concurrency)) || 1);
	const send = isSend(resource0, operation0);
	// Before the first send has picked its sender number, the configured pace stands for it.
	const limit = (): number => {
		if (!send) return 1;
		const paces = run.pacers.paces();
		return inFlightLimit(paces.length > 0 ? paces : [{ ratePerSecond: rate }], override);
	};

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

	await new Promise<void>((resolve, reject) => {
		let next = 0;
		let active = 0;
		let failure: { error: unknown } | undefined;
		const pump = (): void => {
			while (!failure && next < items.length && active < limit()) {
				const i = next++;
				active++;
				runItem(i).then(
					() => {
						active--;
						pump();
					},
					(error: unknown) => {
						active--;
						if (!failure) {
							failure = { error };
							// Sends still waiting for their slot are not made; those under way get their answer.
							run.pacers.stop();
						}
						pump();
					},
				);
			}
			if (active > 0) return;
			if (failure) reject(failure.error);
			else if (next >= items.length) resolve();
		};
		pump();
	});
	return [results.flat()];
}
