/**
 * The node as a tool of n8n's AI Agent. n8n makes a Tool variant of every `usableAsTool` node (type name
 * `whatsAppPaymentsTool`, output `ai_tool`) and gives it a Description field whose text is what the model
 * reads about the tool; n8n adds its own (one text for the whole node, or the operation's `action` followed
 * by "in WhatsApp Payments") only when the node has no `toolDescription` parameter. This node has one per
 * operation, shown only in the Tool variant (`@tool`), pre-filled with the operation's text from the
 * registry, so the model reads what the operation does, its units and rules, and what it returns.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OPERATIONS } from '../registry';
import type { OperationTraits } from '../registry';

/** One Description field of the Tool variant, for the operations in `show`. */
function descriptionField(
	text: string,
	description: string,
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description,
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: operations } },
	};
}

/** The Tool variant's Description fields: one per operation with a tool text, one per resource for the rest. */
export function toolDescriptionFields(): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const [resource, operations] of Object.entries(OPERATIONS)) {
		const rest: string[] = [];
		for (const [operation, traits] of Object.entries(
			operations as Record<string, OperationTraits>,
		)) {
			if (traits.tool === undefined) rest.push(operation);
			else
				fields.push(
					descriptionField(
						traits.tool,
						'What the AI model reads about this tool, pre-filled for the operation. Add your own rules (for example which products or amounts it may offer).',
						resource,
						[operation],
					),
				);
		}
		if (rest.length > 0)
			fields.push(
				descriptionField(
					'',
					'What the AI model reads about this tool. Leave empty to send the operation\'s name ("... in WhatsApp Payments").',
					resource,
					rest,
				),
			);
	}
	return fields;
}

const toolByContext = new WeakMap<object, boolean>();

/**
 * Whether this run is the Tool variant called by an AI Agent: n8n names that node type after the node
 * with `Tool` appended (`n8n-nodes-whatsapp-payments.whatsAppPaymentsTool`), in n8n 1.x and 2.x alike.
 * Read once per node run: getNode() returns a deep copy of the node with all its parameters, and a
 * campaign asks for every item.
 */
export function runsAsTool(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	let tool = toolByContext.get(ctx);
	if (tool === undefined) {
		tool = ctx.getNode().type.endsWith('Tool');
		toolByContext.set(ctx, tool);
	}
	return tool;
}
