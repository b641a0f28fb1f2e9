/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Sending order_status messages through the action node (run by n8n-core's WorkflowExecute) to the sandbox
 * with 200 ms latency and a limit of 80 messages per second per phone number, side by side with the same
 * payloads sent by the node forced sequential and by n8n's own HTTP Request node with its defaults. Then a
 * fault-injection run: 20% of requests answered 5xx, 130429 or dropped, with Continue On Fail.
 */
import * as path from 'path';

import type { IDataObject, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { startSandbox } from '../sandbox/server';
import { seedPendingOrders } from '../sandbox/seeds';
import type { Sandbox } from '../sandbox/server';
import { actionWorkflow, registerNodeType, runWorkflow } from '../test/helpers/n8n';
import type { WorkflowJson } from '../test/helpers/n8n';
import { builtinAvailable, fmt, header, N8N_NODES_BASE, SEND_BUYER, SEND_PHONE, sendStatusParameters, table } from './common';

const TOKEN = 'bench-token';
const PHONE = SEND_PHONE;
const LIMIT = 80;
const LATENCY = 200;

function httpRequestWorkflow(sandbox: Sandbox, items: IDataObject[]): WorkflowJson {
	const wf = actionWorkflow({}, { items });
	const node = wf.nodes.find((n) => n.name === 'WhatsApp Payments')!;
	node.type = 'n8n-nodes-base.httpRequest';
	node.typeVersion = 4.2;
	delete node.credentials;
	node.parameters = {
		method: 'POST',
		url: `${sandbox.url}/v25.0/${PHONE}/messages`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json.message) }}',
		options: {},
	};
	return wf;
}

interface Outcome {
	variant: string;
	messages: number;
	seconds: number;
	accepted: number;
	errors: number;
	throttled: number;
	twice: number;
	lost: number;
	/** Accepted messages per second between the first and the last accepted one, at the sandbox. */
	sustained: number;
}

async function run(variant: string, n: number, build: (sandbox: Sandbox, refs: string[]) => WorkflowJson): Promise<Outcome> {
	const sandbox = await startSandbox({ port: 0, accessTokens: [TOKEN], statusDelayMs: 0, faults: { messages: { latencyMs: LATENCY, messagesPerSecond: LIMIT } } });
	try {
		const refs = seedPendingOrders(sandbox, variant.replace(/\W+/g, '').slice(0, 12), n, PHONE, SEND_BUYER);
		const t0 = Date.now();
		const result = await runWorkflow(build(sandbox, refs), { accessToken: TOKEN, businessAccountId: sandbox.options.wabaId, baseUrl: sandbox.url });
		const seconds = (Date.now() - t0) / 1000;
		const out = result.output('WhatsApp Payments');
		const counts = refs.map((r) => sandbox.messageCounts.get(`${r}:order_status`) ?? 0);
		const acceptedAt = sandbox.requestLog.filter((r) => r.path.endsWith('/messages') && r.status === 200).map((r) => r.at);
		const span = acceptedAt.length > 1 ? (acceptedAt[acceptedAt.length - 1] - acceptedAt[0]) / 1000 : NaN;
		return {
			sustained: (acceptedAt.length - 1) / span,
			variant,
			messages: n,
			seconds,
			accepted: counts.filter((c) => c > 0).length,
			errors: out.filter((o) => o.error).length + (result.error ? 1 : 0),
			throttled: sandbox.requestLog.filter((r) => r.path.endsWith('/messages') && r.status === 400).length,
			twice: counts.filter((c) => c > 1).length,
			lost: counts.filter((c) => c === 0).length,
		};
	} finally {
		await sandbox.stop();
	}
}

export async function benchSend(): Promise<void> {
	const n = Number(process.env.BENCH_MESSAGES ?? 1000);
	const nSequential = Number(process.env.BENCH_SEQUENTIAL_MESSAGES ?? 250);
	header(`Sending: order_status through n8n-core to the sandbox (latency ${LATENCY} ms, limit ${LIMIT} msg/s per number)`);
	const items = (refs: string[]) => refs.map((ref) => ({ ref }));
	const outcomes: Outcome[] = [];
	outcomes.push(await run('this node, default settings', n, (_s, refs) => actionWorkflow(sendStatusParameters({}), { items: items(refs) })));
	outcomes.push(await run('this node, forced sequential (concurrency 1)', nSequential, (_s, refs) => actionWorkflow(sendStatusParameters({ concurrency: 1 }), { items: items(refs) })));
	if (builtinAvailable()) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HttpRequest } = require(path.join(N8N_NODES_BASE, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js')) as { HttpRequest: new () => INodeType | IVersionedNodeType };
		registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
		outcomes.push(
			await run("n8n's HTTP Request node, default settings", n, (sandbox, refs) =>
				httpRequestWorkflow(
					sandbox,
					refs.map((ref) => ({ message: { messaging_product: 'whatsapp', recipient_type: 'individual', to: SEND_BUYER, type: 'interactive', interactive: { type: 'order_status', body: { text: 'Your order is being prepared' }, action: { name: 'review_order', parameters: { reference_id: ref, order: { status: 'processing' } } } } } })),
				),
			),
		);
	}
	table(
		outcomes.map((o) => ({
			variant: o.variant,
			messages: o.messages,
			seconds: fmt(o.seconds, 1),
			'msg/s (wall clock)': fmt(o.accepted / o.seconds, 1),
			'msg/s sustained': fmt(o.sustained, 1),
			'sustained / limit': `${fmt((100 * o.sustained) / LIMIT, 1)}%`,
			'130429 answers': o.throttled,
			'lost to 130429': o.lost,
			'sent twice': o.twice,
			'error items': o.errors,
		})),
	);
}

export async function benchFaults(): Promise<void> {
	const n = Number(process.env.BENCH_FAULT_MESSAGES ?? 1000);
	header(`Fault injection: ${n} order_status messages, 20% of requests answered 5xx (7%), 130429 (7%) or dropped after processing (6%)`);
	const sandbox = await startSandbox({ port: 0, seed: 7, accessTokens: [TOKEN], statusDelayMs: 0, faults: { messages: { latencyMs: 20, errorRate: 0.07, throttleRate: 0.07, dropRate: 0.06 } } });
	try {
		const refs = seedPendingOrders(sandbox, 'fault', n, PHONE, SEND_BUYER);
		const t0 = Date.now();
		const result = await runWorkflow(actionWorkflow(sendStatusParameters({ retryDelayMs: 50 }), { items: refs.map((ref) => ({ ref })), continueOnFail: true }), {
			accessToken: TOKEN,
			businessAccountId: sandbox.options.wabaId,
			baseUrl: sandbox.url,
		});
		const out = result.output('WhatsApp Payments');
		const counts = refs.map((r) => sandbox.messageCounts.get(`${r}:order_status`) ?? 0);
		const ok = out.map((o) => !o.error);
		const ambiguous = out.map((o) => typeof o.error === 'string' && /may or may not have accepted/.test(o.error));
		const failed = out.map((o, i) => !!o.error && !ambiguous[i]);
		const rows = {
			'items in': n,
			'items out': out.length,
			'sent and reported sent': counts.filter((c, i) => c > 0 && ok[i]).length,
			'reported sent but not delivered': counts.filter((c, i) => c === 0 && ok[i]).length,
			'refused by Meta (5xx), reported as errors': failed.filter(Boolean).length,
			'...of which delivered anyway': counts.filter((c, i) => c > 0 && failed[i]).length,
			'answer lost, reported as ambiguous errors': ambiguous.filter(Boolean).length,
			'...of which delivered': counts.filter((c, i) => c > 0 && ambiguous[i]).length,
			'lost (no item and not delivered)': refs.length - out.length,
			'delivered twice': counts.filter((c) => c > 1).length,
			'throttled answers absorbed by retries': sandbox.requestLog.filter((r) => r.status === 400).length,
			seconds: fmt((Date.now() - t0) / 1000, 1),
		};
		table(Object.entries(rows).map(([k, v]) => ({ count: k, value: v })));
	} finally {
		await sandbox.stop();
	}
}

if (require.main === module) void benchSend().then(benchFaults);
