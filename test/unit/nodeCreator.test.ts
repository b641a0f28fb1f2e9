/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test that reads the README; n8n never loads it */
/**
 * What n8n's editor shows of the nodes: the node creator entry, action and event names, search, canvas
 * subtitles and the Docs link. The rules of n8n's editor each test depends on are named in it.
 */
import type {
	INode,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import * as fs from 'fs';
import * as path from 'path';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { WhatsAppCheckoutEndpoint } from '../../nodes/WhatsAppCheckoutEndpoint/WhatsAppCheckoutEndpoint.node';
import actionCodex from '../../nodes/WhatsAppPayments/WhatsAppPayments.node.json';
import triggerCodex from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node.json';
import checkoutCodex from '../../nodes/WhatsAppCheckoutEndpoint/WhatsAppCheckoutEndpoint.node.json';

const action = new WhatsAppPayments().description;
const trigger = new WhatsAppPaymentsTrigger().description;
const checkout = new WhatsAppCheckoutEndpoint().description;

const optionsOf = (p: INodeProperties | undefined) => (p?.options ?? []) as INodePropertyOptions[];

/** The canvas subtitle as n8n resolves it: an expression over the node's parameters. */
function subtitle(nodeType: INodeType, parameters: INode['parameters']): unknown {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: '1',
		name: 'Node',
		type: 'n8n-nodes-whatsapp-payments.x',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode('Node')!,
		nodeType.description.subtitle,
		'manual',
		{},
	);
}

describe('node creator', () => {
	test("the one entry for the action node and trigger describes both (n8n shows the trigger's description for it)", () => {
		// n8n's node creator merges a trigger into the node whose name is the trigger's without "Trigger".
		expect(trigger.name.replace('Trigger', '')).toBe(action.name);
		expect(trigger.description).toMatch(/^Send WhatsApp payment requests and order updates/);
		expect(trigger.description).toMatch(/start workflows on payment events/);
		expect(action.description).toMatch(/^Send WhatsApp payment requests/);
		expect(action.description).not.toMatch(/^Starts/);
	});

	test('trigger events have hand-written names (n8n generates "On <name>" where an option has no action)', () => {
		const events = optionsOf(trigger.properties.find((p) => p.name === 'events'));
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) expect(event.action).toMatch(/^When /);
		expect(events.find((e) => e.value === 'payment_method')?.action).toBe(
			'When a buyer taps Send payment (One-Click, Brazil)',
		);
	});

	test('country-bound operations say so in their description and in the action text the node panel lists', () => {
		const resources = optionsOf(action.properties.find((p) => p.name === 'resource'));
		let bound = 0;
		for (const resource of resources) {
			const operations = action.properties.filter(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
			);
			for (const operation of operations.flatMap(optionsOf)) {
				const country = /\((India|Brazil)\)/.exec(operation.name)?.[1];
				if (!country) continue;
				bound++;
				expect(operation.description).toMatch(new RegExp(`^${country} only: `));
				// n8n's node panel lists an operation by its action text alone (no description). n8n's lint wants
				// action texts in sentence case, which allows a capital only at the start or in a word all capitals.
				expect(operation.action).toMatch(new RegExp(`\\(${country.toUpperCase()}\\)$`));
			}
		}
		expect(bound).toBe(7);
		expect(resources.find((r) => r.value === 'paymentConfiguration')?.name).toBe(
			'Payment Configuration (India)',
		);
	});

	test('the checkout endpoint is found when searching "WhatsApp Payments" (n8n searches display names and codex aliases)', () => {
		expect(checkout.displayName).not.toMatch(/WhatsApp Payments/);
		expect(checkoutCodex.alias).toContain('WhatsApp Payments');
		expect(checkout.description).toMatch(/^WhatsApp Payments \(India\)/);
	});
});

describe('canvas subtitles show names, not values', () => {
	test.each([
		[{ resource: 'order', operation: 'sendDetails' }, 'Order: Send Details'],
		[
			{ resource: 'paymentConfiguration', operation: 'getAll' },
			'Payment Configuration (India): Get Many',
		],
		[
			{ resource: 'template', operation: 'sendPaymentRequest' },
			'Template: Send Payment Request (Brazil)',
		],
		[{ resource: 'checkout', operation: 'respond' }, 'Checkout Endpoint (India): Respond'],
	])('action node %j', (parameters, expected) => {
		expect(subtitle(new WhatsAppPayments(), parameters)).toBe(expected);
	});

	test('every operation of every resource has a name in the subtitle', () => {
		const resources = optionsOf(action.properties.find((p) => p.name === 'resource'));
		for (const resource of resources)
			for (const operation of action.properties
				.filter(
					(p) =>
						p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
				)
				.flatMap(optionsOf))
				expect(
					subtitle(new WhatsAppPayments(), {
						resource: resource.value,
						operation: operation.value,
					}),
				).toBe(`${resource.name}: ${operation.name}`);
	});

	test('trigger', () => {
		expect(subtitle(new WhatsAppPaymentsTrigger(), { registration: 'app' })).toBe(
			'Registration: App Subscription',
		);
		expect(subtitle(new WhatsAppPaymentsTrigger(), { registration: 'wabaOverride' })).toBe(
			'Registration: WABA Override',
		);
	});
});

describe('Docs link', () => {
	// n8n's editor opens a documentationUrl that starts with http as it is; otherwise it appends its
	// tracking query to the codex link, which after a #section would end up inside the fragment.
	test.each([
		[action, '#operations', actionCodex],
		[trigger, '#trigger', triggerCodex],
		[checkout, '#checkout-data-endpoint-india', checkoutCodex],
	])('%#: a README section, opened as it is', (description, section, codex) => {
		expect(description.documentationUrl).toBe(
			`https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments${section}`,
		);
		expect(description.documentationUrl).not.toContain('?');
		expect(codex.resources.primaryDocumentation[0].url).toBe(description.documentationUrl);
	});

	test('the sections exist in the README', () => {
		const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
		const anchors = readme
			.split('\n')
			.filter((line) => /^#{2,3} /.test(line))
			.map((line) =>
				line
					.replace(/^#+ /, '')
					.toLowerCase()
					.replace(/[^a-z0-9 -]/g, '')
					.replace(/ /g, '-'),
			);
		for (const section of ['operations', 'trigger', 'checkout-data-endpoint-india', 'credentials'])
			expect(anchors).toContain(section);
	});
});
