import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { JsonObject } from '../../../shared';

/**
 * What the node as an AI Agent's tool has sent, so that a model repeating a call (the same order to the
 * same buyer with the same reference ID, in the same conversation or a later turn) does not message the
 * buyer twice. Meta accepts an order_details again for a pending order, so only the node can hold this.
 * Kept in the workflow's static data (n8n saves it with the execution, so every worker sees it), for a day.
 */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** The most sends remembered per node (the oldest are forgotten first). */
const MAX_ENTRIES = 2000;

export interface ToolSend {
	message_id: string | null;
	to: string;
	at: string;
}

/**
 * Identifies one message by what a repeat would repeat: sender number, recipient, reference ID and kind
 * (an order_details; an order_status with its status; a template by name). Null for messages without a
 * reference ID.
 */
export function toolSendKey(
	phoneNumberId: string,
	message: JsonObject,
	referenceId: unknown,
): string | null {
	if (typeof referenceId !== 'string' || referenceId === '') return null;
	const interactive = message.interactive as JsonObject | undefined;
	const template = message.template as JsonObject | undefined;
	let kind: string;
	if (interactive) {
		const order = (
			(interactive.action as JsonObject | undefined)?.parameters as JsonObject | undefined
		)?.order as JsonObject | undefined;
		kind =
			interactive.type === 'order_status'
				? `order_status:${String(order?.status ?? '')}`
				: String(interactive.type);
	} else if (template) {
		kind = `template:${String(template.name)}`;
	} else {
		kind = String(message.type);
	}
	return [phoneNumberId, String(message.to), kind, referenceId].join('|');
}

function memory(ctx: IExecuteFunctions): Record<string, ToolSend> {
	const stored = (ctx.getWorkflowStaticData('node') as IDataObject).toolSends;
	return typeof stored === 'object' && stored !== null
		? { ...(stored as unknown as Record<string, ToolSend>) }
		: {};
}

/** The earlier send of the same message within a day, if any. */
export function previousToolSend(ctx: IExecuteFunctions, key: string): ToolSend | undefined {
	const sent = memory(ctx)[key];
	if (!sent || Date.now() - Date.parse(sent.at) > KEEP_MS) return undefined;
	return sent;
}

/**
 * Remembers a send (and forgets sends older than a day, and the oldest beyond the cap). The whole map is
 * assigned again, so n8n sees the static data changed and saves it with the execution.
 */
export function rememberToolSend(ctx: IExecuteFunctions, key: string, send: ToolSend): void {
	const sends = memory(ctx);
	const now = Date.now();
	for (const [k, v] of Object.entries(sends)) {
		if (now - Date.parse(v.at) > KEEP_MS) delete sends[k];
	}
	sends[key] = send;
	const keys = Object.keys(sends);
	for (const k of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) delete sends[k];
	(ctx.getWorkflowStaticData('node') as IDataObject).toolSends = sends as unknown as IDataObject;
}
