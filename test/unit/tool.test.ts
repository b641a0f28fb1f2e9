/**
 * The action node as a tool of n8n's AI Agent, measured with n8n's own code: the tool description is
 * what n8n-core's createNodeAsTool hands to the model, for a node whose parameters n8n-workflow's
 * Workflow filled in from the Tool variant's description.
 */
import { toolSendKey } from '../../nodes/WhatsAppPayments/actions/shared/toolMemory';
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { toolVariant } from '../helpers/n8n';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { OPERATIONS } from '../../nodes/WhatsAppPayments/actions/registry';
import { runsAsTool } from '../../nodes/WhatsAppPayments/actions/shared/tool';

const TYPE = 'n8n-nodes-whatsapp-payments.whatsAppPayments';

/** The node's parameters as n8n fills them in (Workflow applies the defaults of the displayed fields). */
function workflowNode(type: string, nodeType: INodeType, parameters: INode['parameters']): INode {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [{ id: '1', name: 'Pay', type, typeVersion: 1, position: [0, 0], parameters }],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.getNode('Pay')!;
}

function toolDescription(parameters: INode['parameters']): string {
	const nodeType = toolVariant();
	expect(nodeType.description.properties.some((p) => p.name === 'toolDescription')).toBe(true);
	const node = workflowNode(`${TYPE}Tool`, nodeType, parameters);
	const { response } = createNodeAsTool({ node, nodeType, handleToolInvocation: async () => '' });
	return (response as { description: string }).description;
}

describe('the tool description n8n sends to the model', () => {
	test('Send Details: a payment request to a buyer, currency, amounts, totals, reference, 24 hours, result', () => {
		const text = toolDescription({ resource: 'order', operation: 'sendDetails' });
		expect(text).toBe(OPERATIONS.order.sendDetails.tool);
		expect(text).toMatch(
			/^Send a WhatsApp payment request \(an order_details message\) to a buyer/,
		);
		expect(text).toMatch(/BR charges in BRL, IN in INR/);
		expect(text).toMatch(
			/Amounts are decimals in the currency \(12\.34; in Order JSON Meta.s form \{"value": 1234, "offset": 100\}\)/,
		);
		expect(text).toMatch(/must add up to the subtotal/);
		expect(text).toMatch(/must equal the total, or nothing is sent/);
		expect(text).toMatch(/reference ID must be new for every order/);
		expect(text).toMatch(/within 24 hours of the buyer's last message.*#131047/);
		expect(text).toMatch(/returns message_id, reference_id, to and status "accepted"/);
		expect(text.split('. ').length).toBeGreaterThanOrEqual(5);
	});

	test.each([
		['order', 'sendStatus', /order_status message.*#2046/],
		['order', 'lookupPayment', /^India only: .*not_found/],
		['order', 'refund', /^India only: refund .*cannot be undone/],
		[
			'template',
			'sendOrderDetails',
			/^Send a payment request to a buyer as an approved order details template/,
		],
		['template', 'sendPaymentRequest', /^Brazil only: .*Pix, boleto or payment link/],
		['template', 'sendOrderStatus', /^India only: send an approved order status template/],
		['paymentConfiguration', 'getAll', /^List the payment configurations.*Read only\.$/],
		['paymentConfiguration', 'get', /^Get one payment configuration.*Read only\.$/],
	])('%s %s has its own text', (resource, operation, expected) => {
		expect(toolDescription({ resource, operation })).toMatch(expected);
	});

	test('an operation without a tool text gets n8n\'s: its action "in WhatsApp Payments"', () => {
		expect(toolDescription({ resource: 'paymentConfiguration', operation: 'create' })).toBe(
			'Create a payment configuration in WhatsApp Payments',
		);
		expect(toolDescription({ resource: 'template', operation: 'getAll' })).toBe(
			'Get many templates in WhatsApp Payments',
		);
	});

	test("the user's own text wins", () => {
		expect(
			toolDescription({
				resource: 'order',
				operation: 'sendDetails',
				toolDescription: 'Charge the buyer for the cart.',
			}),
		).toBe('Charge the buyer for the cart.');
	});

	test('the ordinary node has no Description field', () => {
		const nodeType = new WhatsAppPayments();
		const node = workflowNode(TYPE, nodeType, { resource: 'order', operation: 'sendDetails' });
		expect(node.parameters.resource).toBe('order');
		expect(node.parameters).not.toHaveProperty('toolDescription');
	});

	test('the tool is named after the node', () => {
		const nodeType = toolVariant();
		const node = workflowNode(`${TYPE}Tool`, nodeType, { resource: 'order' });
		const { response } = createNodeAsTool({ node, nodeType, handleToolInvocation: async () => '' });
		expect((response as { name: string }).name).toBe('Pay');
	});
});

describe('runsAsTool', () => {
	const ctx = (type: string) => ({ getNode: () => ({ type }) as INode });
	test('is true for the Tool variant and false for the node', () => {
		expect(runsAsTool(ctx(`${TYPE}Tool`))).toBe(true);
		expect(runsAsTool(ctx(TYPE))).toBe(false);
	});
	test('reads the node once per run, not once per item (getNode copies the whole node)', () => {
		let reads = 0;
		const run = {
			getNode: () => {
				reads++;
				return { type: `${TYPE}Tool` } as INode;
			},
		};
		for (let item = 0; item < 3; item++) expect(runsAsTool(run)).toBe(true);
		expect(reads).toBe(1);
		expect(runsAsTool(ctx(TYPE))).toBe(false);
	});
});

describe('what counts as the same send for a repeating model', () => {
	const status = (s: string) => ({
		to: '5511999990001',
		type: 'interactive',
		interactive: { type: 'order_status', action: { parameters: { order: { status: s } } } },
	});
	test('an order_status repeats only with the same status; a send without a reference ID is never held', () => {
		const shipped = toolSendKey('1', status('shipped'), 'ref-1');
		expect(shipped).toBe(toolSendKey('1', status('shipped'), 'ref-1'));
		expect(shipped).not.toBe(toolSendKey('1', status('completed'), 'ref-1'));
		expect(shipped).not.toBe(toolSendKey('2', status('shipped'), 'ref-1'));
		expect(toolSendKey('1', status('shipped'), '')).toBeNull();
		expect(toolSendKey('1', { to: 'x', type: 'template', template: { name: 'a' } }, 'r')).toBe(
			'1|x|template:a|r',
		);
	});
});
