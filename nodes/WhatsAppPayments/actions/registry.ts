/**
 * Every resource and operation of the action node, once, with what the rest of the node needs to know
 * of each besides its code. The router's dispatch map, the Options collections, the concurrency of
 * sends and the template dropdowns are all read from here, and `node.type.ts` types the operation
 * modules against it: an operation added here without code, or code without an entry, does not compile.
 */
import type { TemplateKind } from '../../shared';

/** Reads one of the node's current parameters (the executing item's, or the editor's). */
export type ParameterReader = (name: string) => unknown;

export interface OperationTraits {
	/**
	 * It sends WhatsApp messages: items run concurrently with starts paced per sender number, and its
	 * Options collection offers Messages Per Second and Concurrency.
	 */
	readonly send?: true;
	/** It answers without calling Meta, so it has no Options collection (no retries to set). */
	readonly offline?: true;
	/** The kind of template it sends; its template dropdown lists approved templates of that kind. */
	readonly templateKind?: (parameter: ParameterReader) => TemplateKind;
}

// The order inside each resource is the order of the operations in its Options collection's
// display rule; the descriptions test holds it.
export const OPERATIONS = {
	order: {
		sendDetails: { send: true },
		sendStatus: { send: true },
		lookupPayment: {},
		refund: {},
		parseUpiLink: { offline: true },
	},
	paymentConfiguration: {
		create: {},
		delete: {},
		generateOAuthLink: {},
		get: {},
		getAll: {},
		updateDataEndpoint: {},
	},
	template: {
		sendOrderDetails: { send: true, templateKind: () => 'order_details' },
		sendPaymentRequest: { send: true, templateKind: () => 'payment_request' },
		sendCheckout: {
			send: true,
			templateKind: (parameter) =>
				parameter('checkoutFormat') === 'carousel' ? 'checkout_carousel' : 'checkout',
		},
		sendOrderStatus: { send: true, templateKind: () => 'order_status' },
		create: {},
		delete: {},
		get: {},
		getAll: {},
	},
	checkout: {
		uploadPublicKey: {},
		getPublicKey: {},
		respond: { offline: true },
	},
} as const satisfies Record<string, Record<string, OperationTraits>>;

/** Resource -> its operations, in the shape of n8n-workflow's `AllEntities`. */
export type NodeMap = { [R in keyof typeof OPERATIONS]: keyof (typeof OPERATIONS)[R] & string };
export type Resource = keyof NodeMap;

export function isResource(name: string): name is Resource {
	return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

function traitsOf(resource: string, operation: string): OperationTraits | undefined {
	if (!isResource(resource)) return undefined;
	const operations: Record<string, OperationTraits> = OPERATIONS[resource];
	return Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}

/** Whether the operation sends WhatsApp messages. */
export function isSend(resource: string, operation: string): boolean {
	return traitsOf(resource, operation)?.send === true;
}

/** A resource's sending operations, or those that call Meta otherwise (the two Options collections). */
export function operationsOf<R extends Resource>(
	resource: R,
	which: 'send' | 'other',
): NodeMap[R][] {
	const operations: Record<string, OperationTraits> = OPERATIONS[resource];
	return Object.entries(operations)
		.filter(([, traits]) => !traits.offline && (traits.send === true) === (which === 'send'))
		.map(([name]) => name as NodeMap[R]);
}

/** The template kind a template send takes; order_details where the operation names none. */
export function templateKindOf(
	resource: string,
	operation: string,
	parameter: ParameterReader,
): TemplateKind {
	return traitsOf(resource, operation)?.templateKind?.(parameter) ?? 'order_details';
}
