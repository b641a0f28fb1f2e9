/**
 * How the action node reads its parameters for each item (actions/shared/item.ts), through real n8n-core
 * against a local server, compared with the same values written so that n8n evaluates them for every item:
 * - Recipient and Reference ID mapped from the input (`{{ $json.field }}`, what dragging a field writes) are
 *   read from the item instead of being evaluated by n8n's expression engine (itemParameter);
 * - parameters that hold no expression are the same for every item and read from n8n once per run
 *   (nodeParameter).
 */
import { WorkflowExpression } from 'n8n-workflow';

import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import { status } from '../helpers/orderParameters';
import type { RecordedRequest } from '../helpers/scriptedServer';
import { scriptedServer } from '../helpers/scriptedServer';

const accepted = (req: RecordedRequest) => ({
	status: 200,
	body: {
		messaging_product: 'whatsapp',
		contacts: [{ input: 'x', wa_id: 'x' }],
		messages: [{ id: `wamid.${req.body.length}` }],
	},
});

/** Strings and numbers (read from the item), and values left to n8n: missing, empty, an object, null, a boolean. */
const ITEMS = [
	{ ref: 'order-1', to: '5511999990001' },
	{ ref: 'order-2', to: 5511999990002 },
	{ ref: 1234567, to: 5511999990001 },
	{ ref: '  spaced-ref  ', to: '+5511999990002' },
	{ to: '5511999990001' },
	{ ref: '', to: '5511999990001' },
	{ ref: { id: 'nested' }, to: '5511999990001' },
	{ ref: null, to: '5511999990001' },
	{ ref: true, to: '5511999990001' },
	{ ref: 'order-9' },
	{ ref: 'order-10', to: Number.NaN },
];

/** Sends an order status for every item with `parameters` over the defaults below. */
async function run(parameters: object, items: object[] = ITEMS) {
	const server = await scriptedServer(accepted);
	try {
		const result = await runWorkflow(
			actionWorkflow(
				status({
					status: 'processing',
					paymentStatus: '',
					options: { maxRetries: 0, concurrency: 1 },
					...parameters,
				}) as never,
				{ items: items as never, continueOnFail: true },
			),
			{
				accessToken: 'test-token',
				businessAccountId: '100000000000001',
				appId: '1',
				appSecret: 'secret',
				baseUrl: server.url,
			},
		);
		expect(result.error).toBeUndefined();
		const outputs = result.items('WhatsApp Payments');
		return {
			bodies: server.requests.map((r) => JSON.parse(r.body)),
			paths: server.requests.map((r) => r.url),
			outputs: outputs.map((item) => {
				const json = { ...item.json };
				delete json.response;
				return json;
			}),
			pairedItems: outputs.map((item) => item.pairedItem),
		};
	} finally {
		await server.close();
	}
}

/** Recipient and Reference ID mapped as given. */
const mapped = (referenceId: string, to: string, items?: object[]) =>
	run({ referenceId, to }, items);

/** The recipient and reference ID of each message the local server received. */
const sent = (result: Awaited<ReturnType<typeof run>>) =>
	result.bodies.map((b) => [b.to, b.interactive.action.parameters.reference_id]);

/** Every parameter value n8n was asked to resolve (its expression engine, for values holding an expression). */
let evaluated: jest.SpyInstance;
const evaluations = (value: unknown) =>
	evaluated.mock.calls.filter(([v]) => JSON.stringify(v) === JSON.stringify(value)).length;
beforeEach(() => {
	evaluated = jest.spyOn(WorkflowExpression.prototype, 'getParameterValue');
});
afterEach(() => jest.restoreAllMocks());

describe('Recipient and Reference ID mapped from the input', () => {
	test('give exactly what n8n evaluating the expression gives: the same requests, outputs and errors', async () => {
		const direct = await mapped('={{ $json.ref }}', '={{ $json.to }}');
		// Only values the item does not hold as a string or a finite number went to n8n's expression engine:
		// the missing, object, null and boolean references, and the missing and NaN recipients (a recipient is
		// read once the reference passed).
		expect(evaluations('={{ $json.ref }}')).toBe(4);
		expect(evaluations('={{ $json.to }}')).toBe(2);

		evaluated.mockClear();
		// The same fields written another way, which n8n evaluates for every item.
		const byN8n = await mapped('={{ $json["ref"] }}', '={{ $json["to"] }}');
		expect(evaluations('={{ $json["ref"] }}')).toBe(ITEMS.length);

		expect(direct.bodies).toEqual(byN8n.bodies);
		expect(direct.outputs).toEqual(byN8n.outputs);
		// And the cases are what they look like: two sent, the rest refused naming the field and the rule.
		expect(sent(direct)).toEqual([
			['5511999990001', 'order-1'],
			['5511999990002', 'order-2'],
		]);
		expect(
			direct.outputs.slice(2).map((o) => String(o.error).replace(/\. Nothing was sent.*$/, '')),
		).toEqual([
			'Invalid parameters.reference_id: must be text (got 1234567)',
			'Invalid parameters.reference_id: may contain only English letters, digits, underscore, hyphen and dot (got "  spaced-ref  " (14 characters))',
			'Invalid parameters.reference_id: is required',
			'Invalid parameters.reference_id: is required',
			'Invalid parameters.reference_id: must be text (got {"id":"nested"})',
			'Invalid parameters.reference_id: is required',
			'Invalid parameters.reference_id: must be text (got true)',
			'Invalid to: is required',
			'Invalid to: is required',
		]);
	});

	test('a dotted path ({{ $json.body.field }}, the body of a webhook) too, with what n8n does where the path stops', async () => {
		const items = [
			{ body: { ref: 'nested-1', to: '5511999990001' } },
			{ body: { ref: 'nested-2', to: 5511999990002 } },
			{ body: {} },
			{ other: 1 },
			{ body: 'text' },
			{ body: { ref: ['nested-3'] } },
			{ body: null },
		];
		const direct = await mapped('={{ $json.body.ref }}', '={{ $json.body.to }}', items);
		// The two items holding strings or numbers are read from the item; the five others go to n8n.
		expect(evaluations('={{ $json.body.ref }}')).toBe(5);
		expect(evaluations('={{ $json.body.to }}')).toBe(0);
		const byN8n = await mapped('={{ $json["body"]["ref"] }}', '={{ $json["body"]["to"] }}', items);
		expect(direct.bodies).toEqual(byN8n.bodies);
		expect(direct.outputs).toEqual(byN8n.outputs);
		expect(sent(direct)).toEqual([
			['5511999990001', 'nested-1'],
			['5511999990002', 'nested-2'],
		]);
		expect(
			direct.outputs.slice(2).every((o) => typeof o.error === 'string' && o.error.length > 0),
		).toBe(true);
	});
});

/** Six orders, each with its own reference. */
const ORDERS = [1, 2, 3, 4, 5, 6].map((n) => ({ ref: `order-${n}` }));

describe('parameters without an expression, read once per run', () => {
	const fixed = {
		bodyText: 'Your order is on its way',
		status: 'shipped',
		statusFields: { description: 'Left the warehouse', footer: 'Thanks' },
		options: { maxRetries: 0, concurrency: 2 },
	};
	const asExpressions = {
		bodyText: '={{ "Your order is on its way" }}',
		status: '={{ "shipped" }}',
		statusFields: { description: 'Left the warehouse', footer: '={{ "Thanks" }}' },
		options: { maxRetries: 0, concurrency: '={{ 2 }}' },
	};

	test('give what n8n gives for every item: the same requests and outputs', async () => {
		const once = await run({ ...fixed, referenceId: '={{ $json.ref }}' }, ORDERS);
		// Each fixed value was resolved by n8n for the first item only.
		expect(evaluations(fixed.bodyText)).toBe(1);
		expect(evaluations(fixed.status)).toBe(1);
		expect(evaluations(fixed.statusFields)).toBe(1);
		expect(evaluations('order')).toBe(1);
		expect(evaluations('sendStatus')).toBe(1);

		evaluated.mockClear();
		const perItem = await run({ ...asExpressions, referenceId: '={{ $json.ref }}' }, ORDERS);
		// Values holding an expression anywhere (a field of a collection too) are resolved for every item.
		expect(evaluations(asExpressions.bodyText)).toBe(ORDERS.length);
		expect(evaluations(asExpressions.statusFields)).toBe(ORDERS.length);

		expect(once.bodies).toEqual(perItem.bodies);
		expect(once.paths).toEqual(perItem.paths);
		expect(once.outputs).toEqual(perItem.outputs);
		expect(once.bodies).toHaveLength(ORDERS.length);
		expect(once.bodies.map((b) => b.interactive.action.parameters.reference_id)).toEqual(
			ORDERS.map((item) => item.ref),
		);
		expect(once.bodies.every((b) => b.interactive.body.text === fixed.bodyText)).toBe(true);
		expect(once.bodies.every((b) => b.interactive.footer.text === 'Thanks')).toBe(true);
	});

	test('a later run reads its own values', async () => {
		const first = await run(
			{ bodyText: 'First campaign', referenceId: '={{ $json.ref }}' },
			ORDERS.slice(0, 2),
		);
		const second = await run(
			{ bodyText: 'Second campaign', referenceId: '={{ $json.ref }}' },
			ORDERS.slice(0, 2),
		);
		expect(first.bodies.map((b) => b.interactive.body.text)).toEqual([
			'First campaign',
			'First campaign',
		]);
		expect(second.bodies.map((b) => b.interactive.body.text)).toEqual([
			'Second campaign',
			'Second campaign',
		]);
	});

	test('a fixed value that breaks a rule fails every item, each with its own index', async () => {
		const result = await run(
			{ bodyText: 'x'.repeat(1025), referenceId: '={{ $json.ref }}' },
			ORDERS.slice(0, 3),
		);
		expect(result.bodies).toHaveLength(0);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const output of result.outputs) expect(String(output.error)).toMatch(/1024/);
	});
});
