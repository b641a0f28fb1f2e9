/* eslint-disable no-console */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Sending at Meta's throughput tiers: order_status messages through n8n-core's WorkflowExecute to the sandbox
 * limiting one number to 20, 80, 250 or 1,000 messages per second and answering in 200 or 600 ms. Side by side in
 * each round: this node with its defaults plus Messages Per Second set to the tier, and n8n's HTTP Request node
 * as a careful user sets it for the tier (Batching: a tenth of the tier every 100 ms; On Error: Continue). A
 * warm-up run of each first, then rounds alternating which goes first. Counts come from the sandbox.
 *
 * BENCH_TIER_ITEMS (default 10000) items per run; BENCH_TIER_SECONDS, when set, lowers that to tier x seconds
 * for a quick run; BENCH_TIER_ROUNDS (default 2); BENCH_TIERS (default 20,80,250,1000); BENCH_TIER_LATENCIES
 * (default 200,600).
 */
import * as path from 'path';

import type { IDataObject, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { actionWorkflow, registerNodeType, runWorkflow } from '../test/helpers/n8n';
import type { WorkflowJson } from '../test/helpers/n8n';
import { builtinAvailable, fmt, header, median, N8N_NODES_BASE, SEND_BUYER, SEND_PHONE, sendStatusParameters, table } from './common';
import { RemoteSandbox } from './sandboxProcess';

const TOKEN = 'bench-token';
const PHONE = SEND_PHONE;
const BUYER = SEND_BUYER;

type Variant = 'this node' | 'HTTP Request node';

interface Outcome {
	variant: Variant;
	tier: number;
	latencyMs: number;
	round: number;
	items: number;
	seconds: number;
	/** Accepted messages per second at the sandbox, between the first and the last accepted one. */
	sustained: number;
	throttled: number;
	/** The most message requests the sandbox held at once. */
	peakInFlight: number;
	lost: number;
	twice: number;
	errorItems: number;
	/** Peak growth of n8n's heap during the run (the workflow's items, the node's output and requests), MB. */
	peakHeapMb: number;
	/** The node's output items as JSON, MB (what n8n stores for the node in the execution). */
	outputMb: number;
}

function numbers(env: string | undefined, fallback: number[]): number[] {
	if (!env) return fallback;
	return env
		.split(',')
		.map((v) => Number(v.trim()))
		.filter((v) => Number.isFinite(v) && v > 0);
}

function orderStatus(ref: string): IDataObject {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: BUYER,
		type: 'interactive',
		interactive: {
			type: 'order_status',
			body: { text: 'Your order is being prepared' },
			action: { name: 'review_order', parameters: { reference_id: ref, order: { status: 'processing' } } },
		},
	};
}

/** This node: defaults, with Messages Per Second set to the number's tier (what the README tells a merchant). */
function thisNode(tier: number, refs: string[]): WorkflowJson {
	return actionWorkflow(
		sendStatusParameters({ messagesPerSecond: tier }),
		{ items: refs.map((ref) => ({ ref })) },
	);
}

/** The HTTP Request node's Batching for a tier: a tenth of the tier every 100 ms (at least 1 item). */
export function httpBatching(tier: number): { batchSize: number; batchInterval: number } {
	const batchSize = Math.max(1, Math.round(tier / 10));
	return { batchSize, batchInterval: Math.round((1000 * batchSize) / tier) };
}

function httpNode(sandbox: RemoteSandbox, tier: number, refs: string[]): WorkflowJson {
	const wf = actionWorkflow({}, { items: refs.map((ref) => ({ message: orderStatus(ref) })), continueOnFail: true });
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
		options: { batching: { batch: httpBatching(tier) } },
	};
	return wf;
}

async function runOnce(variant: Variant, tier: number, latencyMs: number, items: number, round: number): Promise<Outcome> {
	// Meta's side in a process of its own: at 1,000 messages per second it would otherwise take half of n8n's CPU.
	const sandbox = await RemoteSandbox.start({ port: 0, accessTokens: [TOKEN], statusDelayMs: 0, faults: { messages: { latencyMs, messagesPerSecond: tier } } });
	try {
		const refs = await sandbox.seed({ prefix: `t${tier}l${latencyMs}r${round}${variant === 'this node' ? 'a' : 'b'}`, count: items, phoneNumberId: PHONE, waId: BUYER });
		const wf = variant === 'this node' ? thisNode(tier, refs) : httpNode(sandbox, tier, refs);
		global.gc?.();
		const heap0 = process.memoryUsage().heapUsed;
		let peak = heap0;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().heapUsed);
		}, 50);
		const t0 = Date.now();
		let result;
		try {
			result = await runWorkflow(wf, { accessToken: TOKEN, businessAccountId: sandbox.wabaId, baseUrl: sandbox.url });
		} finally {
			clearInterval(sampler);
		}
		peak = Math.max(peak, process.memoryUsage().heapUsed);
		const seconds = (Date.now() - t0) / 1000;
		const out = result.output('WhatsApp Payments');
		const r = await sandbox.report(refs);
		const acceptedAt = r.acceptedAt;
		const span = acceptedAt.length > 1 ? (acceptedAt[acceptedAt.length - 1] - acceptedAt[0]) / 1000 : NaN;
		return {
			variant,
			tier,
			latencyMs,
			round,
			items,
			seconds,
			sustained: (acceptedAt.length - 1) / span,
			throttled: r.throttled,
			peakInFlight: r.peakInFlight,
			lost: r.counts.filter((c) => c === 0).length,
			twice: r.counts.filter((c) => c > 1).length,
			errorItems: out.filter((o) => o.error).length + (result.error ? 1 : 0),
			peakHeapMb: (peak - heap0) / 2 ** 20,
			outputMb: Buffer.byteLength(JSON.stringify(out)) / 2 ** 20,
		};
	} finally {
		await sandbox.stop();
	}
}

export async function benchTiers(): Promise<void> {
	const tiers = numbers(process.env.BENCH_TIERS, [20, 80, 250, 1000]);
	const latencies = numbers(process.env.BENCH_TIER_LATENCIES, [200, 600]);
	const maxItems = Number(process.env.BENCH_TIER_ITEMS ?? 10000);
	const seconds = Number(process.env.BENCH_TIER_SECONDS ?? 0);
	const rounds = Math.max(1, Number(process.env.BENCH_TIER_ROUNDS ?? 2));
	const itemsFor = (tier: number) => (seconds > 0 ? Math.min(maxItems, Math.round(tier * seconds)) : maxItems);
	header(`Sending at Meta's throughput tiers: order_status through n8n-core to the sandbox (${rounds} alternating rounds, ${seconds > 0 ? `tier x ${seconds} s of messages, at most ${maxItems}` : `${maxItems} messages`} per run)`);
	const variants: Variant[] = ['this node'];
	if (builtinAvailable()) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HttpRequest } = require(path.join(N8N_NODES_BASE, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js')) as { HttpRequest: new () => INodeType | IVersionedNodeType };
		registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
		variants.push('HTTP Request node');
	}
	// Warm-up: each variant once, not reported.
	for (const v of variants) await runOnce(v, 80, 20, 200, -1);
	const outcomes: Outcome[] = [];
	for (const tier of tiers) {
		for (const latencyMs of latencies) {
			for (let round = 0; round < rounds; round++) {
				const order = round % 2 === 0 ? variants : [...variants].reverse();
				for (const v of order) {
					const o = await runOnce(v, tier, latencyMs, itemsFor(tier), round);
					outcomes.push(o);
					console.log(`  ${v}, tier ${tier}, ${latencyMs} ms, round ${round + 1}: ${fmt(o.sustained, 1)} msg/s sustained (${fmt((100 * o.sustained) / tier, 1)}%), ${o.lost} lost, ${o.twice} twice, ${o.errorItems} error items, ${fmt(o.seconds, 1)} s`);
				}
			}
		}
	}
	const rows: Array<Record<string, string | number>> = [];
	for (const tier of tiers) {
		for (const latencyMs of latencies) {
			for (const v of variants) {
				const runs = outcomes.filter((o) => o.tier === tier && o.latencyMs === latencyMs && o.variant === v);
				const settings = v === 'this node' ? `Messages Per Second ${tier}` : `Batching ${httpBatching(tier).batchSize} items / ${httpBatching(tier).batchInterval} ms, On Error: Continue`;
				rows.push({
					tier: `${tier}/s`,
					'answer ms': latencyMs,
					variant: v,
					settings,
					messages: runs[0].items,
					'sustained / limit (rounds)': runs.map((o) => `${fmt((100 * o.sustained) / tier, 1)}%`).join(', '),
					'sustained msg/s (median)': fmt(median(runs.map((o) => o.sustained)), 1),
					'130429 answers': runs.map((o) => o.throttled).join(', '),
					'peak in flight': runs.map((o) => o.peakInFlight).join(', '),
					lost: runs.map((o) => o.lost).join(', '),
					twice: runs.map((o) => o.twice).join(', '),
					'error items': runs.map((o) => o.errorItems).join(', '),
					'n8n heap peak MB': runs.map((o) => fmt(o.peakHeapMb, 0)).join(', '),
					'output MB': fmt(runs[0].outputMb, 1),
				});
			}
		}
	}
	table(rows);
	const ours = outcomes.filter((o) => o.variant === 'this node');
	const worst = Math.min(...ours.map((o) => o.sustained / o.tier));
	console.log(`\nThis node: lowest sustained / limit ${fmt(100 * worst, 1)}% (target 95%), lost ${ours.reduce((s, o) => s + o.lost, 0)}, twice ${ours.reduce((s, o) => s + o.twice, 0)}.`);
	if (variants.length > 1) {
		for (const tier of tiers)
			for (const latencyMs of latencies) {
				const a = median(outcomes.filter((o) => o.tier === tier && o.latencyMs === latencyMs && o.variant === 'this node').map((o) => o.sustained));
				const b = median(outcomes.filter((o) => o.tier === tier && o.latencyMs === latencyMs && o.variant === 'HTTP Request node').map((o) => o.sustained));
				console.log(`RATIO tier ${tier}, ${latencyMs} ms: this node / HTTP Request node sustained = ${fmt(a / b, 2)} x`);
			}
	}
}

if (require.main === module) void benchTiers();
