'use strict';
/**
 * n8n's AI Agent sells over WhatsApp with this package's action node as a tool, in real n8n, against a
 * scripted OpenAI-compatible model on loopback (e2e/lib/scriptedModel.js: no key, no internet).
 *
 * The test runs the shipped example examples/ai-shop-assistant.json (Chat Trigger -> AI Agent with an
 * OpenAI Chat Model, a Simple Memory and WhatsApp Payments as two tools: Order > Send Details and Send Status
 * canceled, their fields from $fromAI): a copy is created through n8n's REST API with the model credential
 * pointed at the scripted server and a chat webhook of its own (the example itself is published by the
 * harness with the other examples), published, and talked to over the Chat Trigger's public webhook, as n8n's
 * chat widget does. What n8n sent to the model (tool descriptions, parameter schemas, tool results) is read
 * from the scripted server's record of requests; what reached "Meta" is read from the sandbox.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { N8N, json, sandbox, n8nRequest, waitFor, executions, noteChecked } = require('./helpers');
const { ScriptedModel, conversation } = require('../lib/scriptedModel');
const { webhookRegistered } = require('../lib/n8n');
const { ARTIFACTS, ensureDir } = require('../lib/env');

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'ai-shop-assistant.json');
/** The copy's Chat Trigger webhook: `<webhookId>/chat` (the published example keeps its own). */
const CHAT_WEBHOOK_ID = crypto.randomUUID();
const WEBHOOK_PATH = `${CHAT_WEBHOOK_ID}/chat`;
/** The tools' names as n8n gives them to the model (from the node names). */
const ORDER_TOOL = /^Send_order_details$/;
const CANCEL_TOOL = /^Cancel_order$/;
const VERSION = process.env.WAPAY_N8N_VERSION || 'unknown';

const model = new ScriptedModel();
let workflowId;
/** What the readiness probes answered before and after activation. */
const readiness = {};
/** The tool result n8n delivered to the model for the refused call of (b). */
let refusedResult;

/** A good call: 2 x 49.90 = 99.80 BRL. */
const goodArgs = (ref, buyer) => ({ recipient: buyer, reference_id: ref, item_name: 'Bolo de cenoura', retailer_id: 'cake-carrot', item_price: '49.90', quantity: 2, total: '99.80' });

/** The tool n8n offers the model under a name, from a chat-completions request. */
function toolNamed(body, name) {
	const tools = conversation.tools(body);
	const tool = tools.find((t) => name.test(t.name));
	assert.ok(tool, `n8n offered the model no tool named ${name}: ${tools.map((t) => t.name).join(', ')}`);
	return tool;
}
const orderTool = (body) => toolNamed(body, ORDER_TOOL);

/** The messages of the current turn: everything after the last user message. */
function thisTurn(body) {
	const messages = conversation.messages(body);
	const last = messages.map((m) => m.role).lastIndexOf('user');
	return messages.slice(last + 1);
}

/**
 * A script that makes the given tool calls one per model turn (each after the previous call's result came
 * back), then answers with `final`, built from the tool results of this turn.
 */
function callsThenAnswer(calls, final, tool = ORDER_TOOL) {
	return (body) => {
		const results = thisTurn(body).filter((m) => m.role === 'tool');
		if (results.length < calls.length) return { toolCalls: [{ name: toolNamed(body, tool).name, args: calls[results.length] }] };
		return { text: final(results.map((m) => conversation.text(m))) };
	};
}

/** Sends one chat message to the Chat Trigger's public webhook, as n8n's chat widget does; the agent's answer is the response. */
async function chat(sessionId, message) {
	const res = await json('POST', `${N8N}/webhook/${WEBHOOK_PATH}`, { action: 'sendMessage', sessionId, chatInput: message });
	if (res.status !== 200) assert.fail(`webhook answered ${res.status}: ${JSON.stringify(res.body)}; ${await lastRunError()}`);
	return res.body;
}

/** Where and why the workflow's newest run failed (n8n stores run data in the `flatted` format). */
async function lastRunError() {
	const [last] = await executions(workflowId);
	if (!last) return 'no execution stored';
	const full = await n8nRequest('GET', `/executions/${last.id}`);
	const { parse } = require(path.join(process.env.WAPAY_N8N_MODULES, 'flatted'));
	const data = typeof full.data === 'string' ? parse(full.data) : full.data;
	const error = data?.resultData?.error;
	return `execution ${last.id} ${last.status}: node "${data?.resultData?.lastNodeExecuted}" failed: ${error?.message ?? 'no error stored'}`;
}

/** Orders the sandbox holds for a buyer. */
async function ordersOf(buyer) {
	return (await sandbox.state()).orders.filter((o) => o.wa_id === buyer);
}

before(async () => {
	await model.start();
	// The model credential, pointed at the scripted server (the OpenAI credential's "Base URL" field is `url`
	// in n8n 1.123.81, 2.40.7 and 2.41.1).
	const credential = await n8nRequest('POST', '/credentials', {
		name: 'Scripted model (loopback)',
		type: 'openAiApi',
		data: { apiKey: 'scripted-model-no-key', url: model.url, header: false },
	});
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	delete workflow.id;
	workflow.name = `${workflow.name} (e2e copy)`;
	for (const node of workflow.nodes) {
		if (node.credentials?.openAiApi) node.credentials.openAiApi = { id: credential.id, name: credential.name };
		if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger') node.webhookId = CHAT_WEBHOOK_ID;
	}
	// The example's tools have On Error: Continue, because n8n 1.x fails the whole run when a tool node throws
	// (measured on 1.123.81: the chat answered 500 and the model never saw the error); with it every version
	// hands the model the node's error text.
	for (const node of workflow.nodes.filter((n) => n.type.endsWith('.whatsAppPaymentsTool'))) assert.equal(node.onError, 'continueRegularOutput', node.name);
	// `active: false`: n8n 1.x stores the flag from the request (no default); 2.x drops it (publishing decides).
	const created = await n8nRequest('POST', '/workflows', { ...workflow, active: false });
	workflowId = created.id;
	// The harness's readiness check, before the workflow is active: a bare OPTIONS (what it used to send)
	// and webhookRegistered (what it sends now).
	readiness.bareOptions = (await fetch(`${N8N}/webhook/${WEBHOOK_PATH}`, { method: 'OPTIONS' })).status;
	readiness.before = await webhookRegistered(N8N, WEBHOOK_PATH, 'POST');
	// Publishes (2.x) or activates (1.x): the same route and body in both.
	await n8nRequest('POST', `/workflows/${workflowId}/activate`, { versionId: created.versionId });
	readiness.after = await waitFor('the agent webhook to be registered', () => webhookRegistered(N8N, WEBHOOK_PATH, 'POST'), 60000);
});

after(async () => {
	await model.stop();
});

describe(`AI Agent with the WhatsApp Payments tool (n8n ${VERSION}, scripted model)`, () => {
	test('(a) the agent sends exactly one correct order_details and answers', async () => {
		const buyer = '5511999990401';
		const ref = 'agent-a-1';
		const from = model.requests.length;
		model.script = callsThenAnswer([goodArgs(ref, buyer)], (results) => `Sent. ${results[0]}`);
		const answer = await chat('session-a', 'Quero 2 bolos de cenoura. Meu número é 5511999990401.');

		const requests = model.requests.slice(from);
		// No model list or other call before the chat: only chat completions, two turns (tool call, answer).
		assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /v1/chat/completions', 'POST /v1/chat/completions']);

		// What n8n told the model about the tool: printed and kept for comparing n8n versions.
		const tool = orderTool(requests[0].body);
		const first = requests[0].body;
		assert.deepEqual(conversation.tools(first).map((t) => t.name).sort(), ['Cancel_order', 'Send_order_details'], 'the example gives the model its two tools');
		const shape = `request: ${Object.keys(first).sort().join(', ')}; stream ${first.stream ?? 'absent'}; roles ${conversation.messages(first).map((m) => m.role).join(', ')}`;
		const record = [`n8n ${VERSION}`, shape, `name: ${tool.name}`, 'description:', tool.description, 'parameters:', JSON.stringify(tool.parameters, null, 2), ''].join('\n');
		process.stdout.write(`# tool n8n ${VERSION} sent to the model:\n${record.replace(/^/gm, '#   ')}\n`);
		fs.writeFileSync(path.join(ensureDir(ARTIFACTS), 'agent-tool-description.txt'), record);
		fs.writeFileSync(path.join(ARTIFACTS, `agent-tool-description-${VERSION}.txt`), record);
		assert.ok(tool.description.length > 0, 'the tool has a description');
		for (const field of ['recipient', 'reference_id', 'item_name', 'retailer_id', 'item_price', 'quantity', 'total']) {
			assert.ok(tool.parameters.properties[field], `the tool schema offers ${field}: ${JSON.stringify(tool.parameters)}`);
		}

		const orders = await ordersOf(buyer);
		assert.equal(orders.length, 1);
		const [order] = orders;
		assert.equal(order.reference_id, ref);
		assert.equal(order.details_count, 1, 'one order_details message');
		assert.equal(order.total, 9980);
		assert.equal(order.currency, 'BRL');
		const params = order.details.action.parameters;
		assert.deepEqual(params.order.items.map((i) => [i.name, i.retailer_id, i.amount.value, i.amount.offset, i.quantity]), [['Bolo de cenoura', 'cake-carrot', 4990, 100, 2]]);
		assert.deepEqual(params.total_amount, { value: 9980, offset: 100 });

		// The tool result n8n delivered to the model names the message the sandbox stored.
		const toolMessages = conversation.toolResults(requests[1].body);
		assert.equal(toolMessages.length, 1);
		const result = conversation.text(toolMessages[0]);
		process.stdout.write(`# tool result n8n ${VERSION} delivered (${result.length} characters): ${result.slice(0, 400)}\n`);
		assert.ok(result.includes(order.messages[0]), `the tool result names ${order.messages[0]}: ${result}`);
		assert.ok(result.includes(ref));
		assert.match(JSON.stringify(answer), /Sent\./);

		const runs = (await executions(workflowId)).filter((e) => e.status === 'success');
		assert.ok(runs.length >= 1);
		noteChecked(runs.slice(0, 1));
	});

	test('(b) a refused input comes back to the model as a tool error; the corrected call sends one order', async () => {
		const buyer = '5511999990402';
		const ref = 'agent-b-1';
		const from = model.requests.length;
		// First 2 x 49.90 with a total of 90.00 (does not add up), then the corrected total.
		model.script = callsThenAnswer([{ ...goodArgs(ref, buyer), total: '90.00' }, goodArgs(ref, buyer)], () => 'Corrected and sent.');
		await chat('session-b', 'Quero 2 bolos de cenoura. Meu número é 5511999990402.');

		const requests = model.requests.slice(from);
		assert.equal(requests.length, 3, 'tool call, corrected tool call, answer');
		const refused = conversation.text(conversation.toolResults(requests[1].body)[0]);
		refusedResult = refused;
		process.stdout.write(`# refused-input tool result n8n ${VERSION} delivered: ${refused}\n`);
		// The error names what was wrong, so a model can correct it.
		assert.match(refused, /total/i);
		const orders = await ordersOf(buyer);
		assert.equal(orders.length, 1);
		assert.equal(orders[0].details_count, 1, 'only the corrected call was sent');
		assert.equal(orders[0].total, 9980);
	});

	test('(b) the refused-input tool result tells the model nothing was sent', () => {
		// What n8n delivered in the previous test, matched loosely (the sentence is the node's error message).
		assert.ok(refusedResult, 'the refused call reached the model');
		assert.match(refusedResult, /not sent|nothing was sent/i, `n8n delivered to the model: ${refusedResult}`);
	});

	/** Order agent-c-1 after the model sent the same call twice (two turns of one conversation). */
	let repeatedOrder;
	/** The tool result n8n gave the model for the repeated call. */
	let repeatedResult = '';
	test('(c) the model repeats the same call with the same reference ID: still one order at the sandbox', async () => {
		const buyer = '5511999990403';
		const ref = 'agent-c-1';
		model.script = callsThenAnswer([goodArgs(ref, buyer)], () => 'Sent.');
		await chat('session-c', 'Quero 2 bolos de cenoura. Meu número é 5511999990403.');
		const from = model.requests.length;
		// A second turn of the same conversation: the model sends the very same call again.
		await chat('session-c', 'Não recebi, manda de novo?');
		const second = model.requests.slice(from);
		// Simple Memory gave the model the first turn back. It lives in the memory of the process that ran the
		// turn, so in queue mode the second turn, run by either worker, may not have it (n8n's Simple Memory is
		// not for queue mode): there it is reported, not asserted.
		const remembered = conversation.messages(second[0].body).some((m) => m.role === 'assistant' && /Sent\./.test(conversation.text(m)));
		if (process.env.WAPAY_TOPOLOGY === 'queue') process.stdout.write(`# queue mode: the second turn ${remembered ? 'had' : 'did not have'} the first turn in Simple Memory\n`);
		else assert.ok(remembered, 'the memory holds the first answer');
		const repeated = conversation.text(conversation.toolResults(second[1].body).at(-1));
		repeatedResult = repeated;
		process.stdout.write(`# repeated-call tool result n8n ${VERSION} delivered: ${repeated.slice(0, 400)}\n`);

		const orders = await ordersOf(buyer);
		assert.equal(orders.length, 1, 'one order at the sandbox for the reference');
		assert.equal(orders[0].total, 9980);
		repeatedOrder = orders[0];
		process.stdout.write(`# order ${ref}: ${repeatedOrder.details_count} order_details message(s) sent: ${repeatedOrder.messages.join(', ')}\n`);
	});

	// Idempotency on the reference ID (issue 26): the node as a tool remembers what it sent (workflow static
	// data), so the repeated call returns "already_sent" and the buyer gets one order_details.
	// In queue mode the second turn runs on either worker, and n8n 2.40.7 did not carry the tool's static data
	// from one execution to the next there (seen in CI: the repeat was sent): reported, not asserted, as for
	// Simple Memory above. One process (every version of the matrix) asserts it.
	test('(c) a repeated call sends no second order_details to the buyer; the model is told it was already sent', () => {
		assert.ok(repeatedOrder, 'the previous test ran');
		if (process.env.WAPAY_TOPOLOGY === 'queue') {
			process.stdout.write(`# queue mode: the repeated call ${repeatedOrder.details_count === 1 ? 'was held' : `sent order_details ${repeatedOrder.details_count} times`} (the tool's memory is workflow static data)\n`);
			return;
		}
		assert.equal(repeatedOrder.details_count, 1, `order_details sent ${repeatedOrder.details_count} times for one reference ID`);
		assert.match(repeatedResult, /already_sent/);
		assert.match(repeatedResult, /nothing was sent again/);
	});

	test('(d) the buyer changes their mind: the agent cancels the order with the Cancel order tool (order_status canceled)', async () => {
		const buyer = '5511999990401';
		const ref = 'agent-a-1';
		const from = model.requests.length;
		model.script = callsThenAnswer([{ recipient: buyer, reference_id: ref }], (results) => `Canceled. ${results[0]}`, CANCEL_TOOL);
		await chat('session-a', 'Desisti, pode cancelar o pedido?');
		const requests = model.requests.slice(from);
		const cancel = toolNamed(requests[0].body, CANCEL_TOOL);
		assert.deepEqual(Object.keys(cancel.parameters.properties).sort(), ['recipient', 'reference_id'], 'the model fills only the buyer and the reference ID; the status is fixed in the node');
		const result = conversation.text(conversation.toolResults(requests.at(-1).body).at(-1));
		process.stdout.write(`# cancel tool result n8n ${VERSION} delivered: ${result.slice(0, 300)}\n`);
		const [order] = await ordersOf(buyer);
		assert.equal(order.status, 'canceled', `the order is ${order.status}; the tool answered: ${result}`);
	});

	test('the harness readiness check fails until the webhook is registered, then passes', () => {
		process.stdout.write(`# before activation: bare OPTIONS answered ${readiness.bareOptions}; webhookRegistered ${readiness.before}\n`);
		assert.equal(readiness.before, false);
		assert.equal(readiness.after, true);
	});
});
