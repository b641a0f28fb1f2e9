/**
 * The trigger's delivery path beside its description: when n8n answers Meta (Respond to Meta), which events
 * of a delivery are new (the redelivery memory, per process and in static data) and when an event counts as
 * handled.
 */
import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { dedupeToken, RecentKeys } from '../shared';

/** When n8n answers Meta's POST (the webhook's response mode); its default depends on the node version. */
export function respondParameter(
	defaultValue: 'lastNode' | 'onReceived',
	versions: NonNullable<INodeProperties['displayOptions']>['show'],
): INodeProperties {
	return {
		displayName: 'Respond to Meta',
		name: 'respond',
		type: 'options',
		noDataExpression: true,
		default: defaultValue,
		displayOptions: { show: versions },
		options: [
			{
				name: 'When the Workflow Finishes',
				value: 'lastNode',
				description:
					'Answer 200 only when the run succeeded. A run that fails or crashes (a worker restarted, n8n stopped mid-charge) is delivered again by Meta, so every paid order gets confirmed.',
			},
			{
				name: 'Immediately',
				value: 'onReceived',
				description:
					'Answer 200 as soon as the event is verified. Meta never delivers it again, even if the run then fails or crashes.',
			},
		],
	};
}

/** Redeliveries seen by this process, per trigger node (fast path beside the node's static data). */
const processMemory = new Map<string, RecentKeys>();

/**
 * With Respond to Meta "When the Workflow Finishes", an event counts as handled only once n8n has answered
 * its delivery 2xx, that is once its run succeeded. A run that failed (500), or a process that died before
 * answering, leaves the event unremembered, so Meta's retry runs it again. Nothing is written to static data
 * here: it is saved before the run ends, when the outcome is not known yet.
 *
 * The outcome is read when n8n ends the response, not from Node's 'finish' event: Meta stops waiting for an
 * answer after a while and closes the connection, and n8n still answers through this response when the run
 * ends, but 'finish' is never emitted on a closed connection. Read from 'finish', a run that succeeded after
 * Meta gave up waiting would stay unremembered, and every later retry of its event would run (and charge,
 * with the same key) again, which under load adds executions just when n8n is slowest.
 */
export function rememberWhenSucceeded(
	res: ReturnType<IWebhookFunctions['getResponseObject']>,
	memory: RecentKeys,
	events: Array<{ data: { idempotency_key?: unknown } }>,
): void {
	if (events.length === 0 || typeof res.end !== 'function') return;
	const tokens = events.map((e) => dedupeToken(String(e.data.idempotency_key)));
	const end = res.end;
	res.end = function (this: unknown, ...args: unknown[]) {
		res.end = end;
		if (res.statusCode >= 200 && res.statusCode < 300) for (const t of tokens) memory.add(t);
		return (end as (...a: unknown[]) => unknown).apply(this, args);
	} as typeof res.end;
}

export function isParsedDelivery(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Array.isArray(body) &&
		('object' in body || 'entry' in body)
	);
}

/**
 * The redelivery memory of this trigger node: a bounded set of event tokens kept per process (the fast
 * path) and placed in the node's static data, which n8n saves as JSON after the delivery, so it survives
 * restarts. n8n hands every delivery the static data as the database holds it; what other processes
 * (queue mode) saved there is merged in.
 */
export function recentKeys(this: IWebhookFunctions): RecentKeys {
	const node = this.getNode();
	const memoryKey = `${this.getWorkflow().id ?? ''}:${node.id}`;
	const saved = this.getWorkflowStaticData('node').seenEvents;
	let memory = processMemory.get(memoryKey);
	if (!memory) {
		memory = new RecentKeys(saved);
		processMemory.set(memoryKey, memory);
	} else {
		memory.absorb(saved);
	}
	return memory;
}
