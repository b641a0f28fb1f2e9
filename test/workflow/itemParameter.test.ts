/**
 * Recipient and Reference ID mapped from the input (`{{ $json.field }}`, what dragging a field writes) are read
 * from the item instead of being evaluated by n8n's expression engine: the same values, the same errors.
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

async function run(referenceId: string, to: string, items: object[] = ITEMS) {
	const server = await scriptedServer(accepted);
	try {
		const result = await runWorkflow(
			actionWorkflow(
				status({
					referenceId,
					to,
					status: 'processing',
					paymentStatus: '',
					options: { maxRetries: 0, concurrency: 1 },
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
		return {
			bodies: server.requests.map((r) => JSON.parse(r.body)),
			outputs: result.items('WhatsApp Payments').map((item) => {
				const json = { ...item.json };
				delete json.response;
				return json;
			}),
		};
	} finally {
		await server.close();
	}
}

/** The recipient and reference ID of each message the local server received. */
const sent = (result: Awaited<ReturnType<typeof run>>) =>
	result.bodies.map((b) => [b.to, b.interactive.action.parameters.reference_id]);

describe('Recipient and Reference ID mapped from the input', () => {
	/** Every parameter value n8n's expression engine was asked to evaluate in the test. */
	let evaluated: jest.SpyInstance;
	const evaluations = (value: string) => evaluated.mock.calls.filter(([v]) => v === value).length;
	beforeEach(() => {
		evaluated = jest.spyOn(WorkflowExpression.prototype, 'getParameterValue');
	});
	afterEach(() => jest.restoreAllMocks());

	test('give exactly what n8n evaluating the expression gives: the same requests, outputs and errors', async () => {
		const direct = await run('={{ $json.ref }}', '={{ $json.to }}');
		// Only values the item does not hold as a string or a finite number went to n8n's expression engine:
		// the missing, object, null and boolean references, and the missing and NaN recipients (a recipient is
		// read once the reference passed).
		expect(evaluations('={{ $json.ref }}')).toBe(4);
		expect(evaluations('={{ $json.to }}')).toBe(2);

		evaluated.mockClear();
		// The same fields written another way, which n8n evaluates for every item.
		const byN8n = await run('={{ $json["ref"] }}', '={{ $json["to"] }}');
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
		const direct = await run('={{ $json.body.ref }}', '={{ $json.body.to }}', items);
		// The two items holding strings or numbers are read from the item; the five others go to n8n.
		expect(evaluations('={{ $json.body.ref }}')).toBe(5);
		expect(evaluations('={{ $json.body.to }}')).toBe(0);
		const byN8n = await run('={{ $json["body"]["ref"] }}', '={{ $json["body"]["to"] }}', items);
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
