/**
 * The action node run as an AI Agent's tool (its Tool variant, which n8n's agent executes like any node)
 * through n8n-core against the sandbox: a compact result, and errors whose message alone says what
 * happened and what to do.
 */
import type { Sandbox } from '../../sandbox/server';
import { SANDBOX_DEFAULTS } from '../../sandbox/server';
import { WEB_ORDER_BUYERS } from '../../sandbox/seeds';
import { actionWorkflow, runWorkflow, TOOL_TYPE } from '../helpers/n8n';
import type { P } from '../helpers/orderParameters';
import { BUYER_BR, details } from '../helpers/orderParameters';
import { credentialsFor, sandboxFor } from '../helpers/sandbox';

const order = (referenceId: string, total?: string) =>
	details({
		referenceId,
		brPaymentSettings: { oneClick: { lastFourDigits: '5235', credentialId: '1234567' } },
		items: { item: [{ name: 'Cake', retailerId: '1234567', amount: '500', quantity: 1 }] },
		orderFields: total === undefined ? { tax: '0' } : { tax: '0', total },
	});

describe('The node as a tool of an AI Agent, through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor({ businesses: SANDBOX_DEFAULTS.businesses });
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const run = (params: P, type?: string) =>
		runWorkflow(actionWorkflow(params as never, { type }), credentialsFor(sandbox));

	test('Send Details returns message ID, reference, recipient and status; the ordinary node the full item', async () => {
		const asTool = await run(order('tool-1'), TOOL_TYPE);
		expect(asTool.error).toBeUndefined();
		const [out] = asTool.output('WhatsApp Payments');
		expect(Object.keys(out).sort()).toEqual(['message_id', 'reference_id', 'status', 'to']);
		expect(out.message_id).toMatch(/^wamid\./);
		expect(out).toMatchObject({ reference_id: 'tool-1', to: BUYER_BR, status: 'accepted' });
		expect(sandbox.getOrder('tool-1').total).toBe(50000);

		const ordinary = await run(order('tool-2'));
		const [full] = ordinary.output('WhatsApp Payments');
		expect(full).toHaveProperty('payload');
		expect(full).toHaveProperty('response');
		expect(full.wa_id).toBe(BUYER_BR);
	});

	test('a model repeating a call (same buyer, reference and kind) gets "already_sent" and the buyer one message; a new reference or the ordinary node sends', async () => {
		const staticData = {};
		const again = (params: P, type?: string) =>
			runWorkflow(actionWorkflow(params as never, { type }), credentialsFor(sandbox), {
				staticData,
			});
		const first = await again(order('tool-rep-1'), TOOL_TYPE);
		const [sent] = first.output('WhatsApp Payments');
		expect(sent.status).toBe('accepted');
		const before = sandbox.requestLog.length;

		const repeated = await again(order('tool-rep-1'), TOOL_TYPE);
		expect(repeated.error).toBeUndefined();
		const [out] = repeated.output('WhatsApp Payments');
		expect(out).toMatchObject({
			message_id: sent.message_id,
			reference_id: 'tool-rep-1',
			to: BUYER_BR,
			status: 'already_sent',
		});
		expect(out.note).toMatch(/nothing was sent again\. Use a new reference ID for a new order\.$/);
		expect(sandbox.requestLog.length).toBe(before);
		expect(sandbox.getOrder('tool-rep-1').details_count).toBe(1);

		const other = await again(order('tool-rep-2'), TOOL_TYPE);
		expect(other.output('WhatsApp Payments')[0].status).toBe('accepted');
		// The ordinary node keeps sending what it is given (a workflow may resend an order on purpose).
		await again(order('tool-rep-1'));
		expect(sandbox.getOrder('tool-rep-1').details_count).toBe(2);
	});

	test('a refused input: the message says nothing was sent and which field to correct', async () => {
		const before = sandbox.requestLog.length;
		const result = await run(order('tool-3', '500.01'), TOOL_TYPE);
		expect(result.error?.message).toMatch(
			/^Invalid parameters\.total_amount: .* Nothing was sent to Meta: correct parameters\.total_amount and try again\.$/,
		);
		expect(sandbox.requestLog.length).toBe(before);
	});

	test("Meta's #131047: the message says nothing was sent and to send the template instead", async () => {
		const result = await run(
			{ ...order('tool-4'), to: WEB_ORDER_BUYERS[0], options: { maxRetries: 0 } },
			TOOL_TYPE,
		);
		const message = result.error?.message ?? '';
		expect(message).toMatch(
			/^Re-engagement message \(outside the 24-hour window\) \(#131047\) \(.+\)\. /,
		);
		expect(message).toMatch(
			/\. Meta refused it, so nothing was sent or changed; send the order details template instead \(Template > Send Order Details Template\), or wait until the buyer writes again\.$/,
		);
		expect(message.match(/Re-engagement message/g)).toHaveLength(1);
		expect(message.match(/#131047/g)).toHaveLength(1);
	});
});
