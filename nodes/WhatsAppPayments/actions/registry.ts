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
	/**
	 * What the model of n8n's AI Agent reads about the operation when the node is attached as a tool
	 * (the default of the Tool variant's Description field, see actions/shared/tool.ts): what it does, to
	 * whom, the units, what makes it refuse input and what it returns. n8n would otherwise send only the
	 * operation's `action` text followed by "in WhatsApp Payments".
	 */
	readonly tool?: string;
}

// The result a send returns to an agent (actions/shared/message.ts keeps it compact for tool runs).
const SENT =
	'On success it returns message_id, reference_id, to and status "accepted" (accepted by Meta, not yet delivered or paid).';
// The result of a product message send to an agent, and its window (this node sends no catalog templates).
const PRODUCT_SENT =
	'On success it returns message_id, to and status "accepted" (accepted by Meta, not yet delivered).';
const PRODUCT_WINDOW =
	"Meta delivers it only within 24 hours of the buyer's last message to the business; outside that window it refuses it (#131047).";
const WINDOW =
	"Meta delivers this free-form message only within 24 hours of the buyer's last message to the business; outside that window it refuses it (#131047) and the template operation must be used instead.";

// The order inside each resource is the order of the operations in its Options collection's
// display rule; the descriptions test holds it.
export const OPERATIONS = {
	order: {
		sendDetails: {
			send: true,
			tool: `Send a WhatsApp payment request (an order_details message) to a buyer: the buyer sees the items and total and pays inside WhatsApp. Country BR charges in BRL, IN in INR; a buyer and business must be in the same country. Amounts are decimals in the currency (12.34; in Order JSON Meta's form {"value": 1234, "offset": 100}), each item's amount times its quantity must add up to the subtotal, and subtotal + tax + shipping - discount must equal the total, or nothing is sent. The reference ID must be new for every order (letters, digits, _ - . only). ${WINDOW} ${SENT}`,
		},
		sendStatus: {
			send: true,
			tool: `Tell a buyer about the progress of an order they received with a payment request (an order_status message), by its reference ID: pending, processing, partially_shipped, shipped, completed or canceled. Completed and canceled are final and an order cannot go back to pending; Meta refuses such a change (#2046). ${WINDOW} ${SENT}`,
		},
		lookupPayment: {
			tool: 'India only: ask Meta for the payment of an order by its reference ID and payment configuration (payment gateway orders). Returns the payments with status (captured, pending, failed...) and amounts, or status "not_found" with captured false when the buyer has not paid. Read only: nothing is sent to the buyer.',
		},
		refund: {
			tool: 'India only: refund the payment of a paid order, identified by its reference ID and payment configuration, fully or partly (a decimal amount in INR, not more than was captured). The refund goes to the payment gateway at once and cannot be undone; a full refund is refused when the payment is not captured. Returns the refund ID and status.',
		},
		parseUpiLink: {
			offline: true,
			tool: "India only: read a UPI intent link (upi://pay?...) without calling Meta or sending anything: returns the payee VPA (pa), payee name (pn), merchant code (mc), purpose, the transaction reference (tr, usable as the order's reference ID) and the amount (am) when present, and refuses a link missing one of pa, pn, mc, purpose or tr, or whose amount differs from the given total.",
		},
	},
	paymentConfiguration: {
		create: {},
		delete: {},
		generateOAuthLink: {},
		get: {
			tool: 'Get one payment configuration of the WhatsApp Business Account by name: its provider or payment gateway, status (Active or Needs Connecting...) and data endpoint. Read only.',
		},
		getAll: {
			tool: 'List the payment configurations of the WhatsApp Business Account: name, provider or payment gateway and status. A payment request (India) names one of them; only Active ones can take payments. Read only.',
		},
		updateDataEndpoint: {},
	},
	template: {
		sendOrderDetails: {
			send: true,
			templateKind: () => 'order_details',
			tool: `Send a payment request to a buyer as an approved order details template: the same order and amount rules as a free-form order details message (decimal amounts in BRL for BR or INR for IN, items adding up to the subtotal and the total, a new reference ID), but it reaches the buyer at any time, also more than 24 hours after their last message. The template must be approved for the WhatsApp Business Account. ${SENT}`,
		},
		sendPaymentRequest: {
			send: true,
			templateKind: () => 'payment_request',
			tool: `Brazil only: send an approved payment request template to a buyer with Pix, boleto or payment link buttons for an amount, without an itemised order; it reaches the buyer at any time. Amounts are decimals in BRL and the reference ID must be new. ${SENT}`,
		},
		sendCheckout: {
			send: true,
			templateKind: (parameter) =>
				parameter('checkoutFormat') === 'carousel' ? 'checkout_carousel' : 'checkout',
		},
		sendOrderStatus: {
			send: true,
			templateKind: () => 'order_status',
			tool: `India only: send an approved order status template that updates an order the buyer received, by its reference ID; unlike the free-form status message it reaches the buyer also more than 24 hours after their last message. Completed and canceled are final. ${SENT}`,
		},
		sendPaymentLink: {
			send: true,
			templateKind: () => 'enhanced_payment_link',
			tool: 'India only: send an approved Enhanced Payment Link template: WhatsApp shows the buyer a payment card with the amount and a "Pay now" button for a Razorpay, PayU or Cashfree payment link, and reaches the buyer at any time. Give the gateway\'s full payment link (it must start with the template\'s prefix, such as https://rzp.io/rzp/) or only its end after that prefix; shortened, redirecting or other-domain links are refused. Meta must have enabled the feature for the WhatsApp Business Account. No Meta payment event follows: the payment gateway reports the payment. On success it returns message_id, to and status "accepted" (accepted by Meta, not yet delivered or paid).',
		},
		create: {},
		delete: {},
		get: {},
		getAll: {},
	},
	checkout: {
		uploadPublicKey: {},
		getPublicKey: {},
		readRequest: { offline: true },
		respond: { offline: true },
	},
	commerce: {
		getSettings: {
			tool: 'Read the commerce settings of the business phone number: is_cart_enabled (buyers can send carts) and is_catalog_visible (the storefront icon and catalog buttons show). Read only.',
		},
		updateSettings: {},
		sendProduct: {
			send: true,
			tool: `Show a buyer one product of the shop's catalog (a single product message) by the catalog ID and the product's retailer ID; the buyer can open it and add it to a cart. Optional body (at most 1024 characters) and footer (at most 60); no header. Meta refuses a retailer ID that is not in the catalog. ${PRODUCT_WINDOW} ${PRODUCT_SENT}`,
		},
		sendProductList: {
			send: true,
			tool: `Show a buyer several products of the shop's catalog (a product list message) so they can pick some and send a cart, which arrives as a cart order event. Needs the catalog ID, a header text (at most 60 characters), a body (at most 1024) and 1 to 10 sections of retailer IDs with at most 30 products in all; with several sections each needs a title of at most 24 characters. ${PRODUCT_WINDOW} ${PRODUCT_SENT}`,
		},
		sendCatalog: {
			send: true,
			tool: `Send a buyer a message with a View catalog button that opens the whole catalog connected to the WhatsApp Business Account. Body required (at most 1024 characters), footer optional (at most 60), optionally the retailer ID of the product whose image is the thumbnail. ${PRODUCT_WINDOW} ${PRODUCT_SENT}`,
		},
		sendCarousel: {
			send: true,
			tool: `Show a buyer 2 to 10 products of one catalog as swipeable cards (a product carousel), by the catalog ID and the products' retailer IDs in card order, with a body text (at most 1024 characters); no header or footer. ${PRODUCT_WINDOW} ${PRODUCT_SENT}`,
		},
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
