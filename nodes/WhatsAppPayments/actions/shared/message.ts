import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { buildInteractiveMessage } from '../../../shared';
import type { JsonObject } from '../../../shared';
import { graphApiRequest } from '../../../common/transport';
import type { RunContext } from '../node.type';
import { getRetryOptions } from './descriptions';
import { getPhoneNumberId, itemParameter, toItems, validated } from './item';
import { runsAsTool } from './tool';
import { previousToolSend, rememberToolSend, toolSendKey } from './toolMemory';

/** Sends one interactive message and returns the output item: Meta's answer, the reference ID and the exact payload. */
export async function sendInteractive(
	this: IExecuteFunctions,
	i: number,
	interactive: JsonObject,
	referenceId: unknown,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const to = recipientOf.call(this, i);
	const message = validated(this, i, () => buildInteractiveMessage(to, interactive));
	return await sendMessage.call(this, i, message, { reference_id: referenceId as string }, run);
}

/** The Recipient field as a wa_id: trimmed, without a leading +; empty when it maps to nothing. */
export function recipientOf(this: IExecuteFunctions, i: number): string {
	return String(itemParameter.call(this, 'to', i, '') ?? '')
		.trim()
		.replace(/^\+/, '');
}

/**
 * Posts one built and validated message (interactive or template) for item i, paced for its sender
 * number, and returns the output item: message ID, wa_id, sender, `extra` (reference IDs...), Meta's
 * answer and the exact payload sent; when the node runs as an AI Agent's tool, only the message ID,
 * reference ID, recipient and status.
 */
export async function sendMessage(
	this: IExecuteFunctions,
	i: number,
	message: JsonObject,
	extra: IDataObject,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getPhoneNumberId.call(this, i);
	const tool = runsAsTool(this);
	const toolKey = tool ? toolSendKey(phoneNumberId, message, extra.reference_id) : null;
	if (toolKey) {
		const earlier = previousToolSend(this, toolKey);
		if (earlier) {
			// A model repeating a call: the buyer has this message already; say so instead of sending it again.
			return toItems(
				{
					message_id: earlier.message_id,
					reference_id: extra.reference_id as string,
					to: earlier.to,
					status: 'already_sent',
					note: `This message was already sent to this buyer with this reference ID at ${earlier.at}; nothing was sent again. Use a new reference ID for a new order.`,
				},
				i,
			);
		}
	}
	const response = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${phoneNumberId}/messages`,
		body: message as IDataObject,
		kind: 'send',
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
		pacer: run?.pacers.for(phoneNumberId),
	});
	const messages = (response?.messages as IDataObject[] | undefined) ?? [];
	const contacts = (response?.contacts as IDataObject[] | undefined) ?? [];
	if (tool) {
		const sent = {
			message_id: (messages[0]?.id as string) ?? null,
			to: (contacts[0]?.wa_id as string) ?? (message.to as string) ?? null,
		};
		if (toolKey) rememberToolSend(this, toolKey, { ...sent, at: new Date().toISOString() });
		// An AI Agent's model reads the result: what identifies the message and the order, nothing more
		// (the full item with Meta's answer and the payload is about 1 KB of tokens).
		return toItems(
			{
				message_id: sent.message_id,
				reference_id: (extra.reference_id as string) ?? null,
				to: sent.to,
				// Meta's message_status where it sends one (accepted, held_for_quality_assessment...).
				status: (messages[0]?.message_status as string) ?? 'accepted',
			},
			i,
		);
	}
	return toItems(
		{
			message_id: (messages[0]?.id as string) ?? null,
			...extra,
			wa_id: (contacts[0]?.wa_id as string) ?? null,
			phone_number_id: phoneNumberId,
			response,
			payload: message as IDataObject,
		},
		i,
	);
}
