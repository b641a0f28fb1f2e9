/* eslint-disable no-console */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Trigger throughput: webhook() on signed deliveries of 1 and of 50 events, beside the floor (HMAC-SHA256
 * over the same bytes plus a constant-time compare; n8n has parsed the body before webhook() runs) and
 * beside n8n's built-in WhatsApp Trigger webhook() from the n8n the end-to-end harness installs. All in one
 * process, rounds interleaved, the same fake n8n context for every trigger.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import * as path from 'path';

import type { INodeType, IWebhookFunctions } from 'n8n-workflow';

import { signPayload } from '../nodes/shared';
import { WhatsAppPaymentsTrigger } from '../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { fakeWebhookContext } from '../test/helpers/fakeWebhookContext';
import { builtinAvailable, fmt, header, median, N8N_NODES_BASE, table } from './common';

const SECRET = 'bench-app-secret';
let seq = 0;

function delivery(events: number): { raw: Buffer; body: unknown; signature: string } {
	const changes = Array.from({ length: events }, () => {
		const id = `wamid.bench${(++seq).toString(36)}`;
		return {
			field: 'messages',
			value: {
				messaging_product: 'whatsapp',
				metadata: { display_phone_number: '551140000001', phone_number_id: '200000000000001' },
				contacts: [{ profile: { name: 'Jo\u00e3o' }, wa_id: '5511999990001' }],
				messages: [{ from: '5511999990001', id, timestamp: '1763719200', type: 'interactive', interactive: { type: 'payment_method', payment_method: { payment_method: 'offsite_card_pay', payment_timestamp: 1763719200, reference_id: `ref-${seq}`, last_four_digits: '4242', credential_id: 'card_abc' } } }],
			},
		};
	});
	const raw = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '100000000000001', changes }] }));
	return { raw, body: JSON.parse(raw.toString('utf8')), signature: signPayload(raw, SECRET) };
}

type Variant = { name: string; run: (d: ReturnType<typeof delivery>) => Promise<number> };

function context(d: ReturnType<typeof delivery>, parameters: Record<string, unknown>, staticData: Record<string, unknown>): IWebhookFunctions {
	return fakeWebhookContext({
		raw: d.raw,
		body: d.body,
		headers: { 'x-hub-signature-256': d.signature, 'content-type': 'application/json' },
		parameters: parameters as never,
		credentials: { appSecret: SECRET, clientSecret: SECRET, accessToken: 't' },
		staticData: staticData as never,
	}).ctx;
}

export async function benchTrigger(): Promise<void> {
	header('Trigger: webhook() events per second (one process, interleaved rounds)');
	const ours = new WhatsAppPaymentsTrigger();
	const ourParams = { registration: 'app', events: ['payment_method', 'payment_configuration_update', 'payment_status', 'order_message_status'], options: {} };
	const ourStatic: Record<string, unknown> = {};
	const variants: Variant[] = [
		{
			name: 'floor: HMAC-SHA256 + timingSafeEqual',
			run: async (d) => {
				const expected = createHmac('sha256', SECRET).update(d.raw).digest();
				const given = Buffer.from(d.signature.slice(7), 'hex');
				if (!timingSafeEqual(expected, given)) throw new Error('bad');
				return 0;
			},
		},
		{
			name: 'this package: WhatsApp Payments Trigger',
			run: async (d) => {
				const out = await ours.webhook.call(context(d, ourParams, ourStatic));
				return out.workflowData?.[0].length ?? 0;
			},
		},
	];
	if (builtinAvailable()) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { WhatsAppTrigger } = require(path.join(N8N_NODES_BASE, 'dist', 'nodes', 'WhatsApp', 'WhatsAppTrigger.node.js')) as { WhatsAppTrigger: new () => INodeType };
		const builtin = new WhatsAppTrigger();
		variants.push({
			name: "n8n's built-in WhatsApp Trigger",
			run: async (d) => {
				const out = await builtin.webhook!.call(context(d, { updates: ['messages'], options: {} }, {}));
				return out.workflowData?.[0].length ?? 0;
			},
		});
	}

	const rows: Array<Record<string, string | number>> = [];
	for (const events of [1, 50]) {
		const perRound = events === 1 ? 20000 : 400;
		const rounds = 5;
		const rates: Record<string, number[]> = {};
		const emitted: Record<string, number> = {};
		for (let r = 0; r < rounds; r++) {
			for (const v of variants) {
				// Fresh deliveries for every round so redelivery memory never short-cuts a run.
				const pool = Array.from({ length: perRound }, () => delivery(events));
				const t0 = process.hrtime.bigint();
				let items = 0;
				for (const d of pool) items += await v.run(d);
				const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
				(rates[v.name] ??= []).push((perRound * events) / seconds);
				emitted[v.name] = (emitted[v.name] ?? 0) + items;
			}
		}
		const oursRate = median(rates[variants[1].name]);
		const builtinRate = variants[2] ? median(rates[variants[2].name]) : NaN;
		for (const v of variants) {
			const rate = median(rates[v.name]);
			rows.push({
				'events per delivery': events,
				variant: v.name,
				'events/s (median of 5)': fmt(rate),
				'items emitted per event': v.name.startsWith('floor') ? '-' : fmt(emitted[v.name] / (rounds * perRound * events), 2),
				'ours / this': v === variants[1] ? '1.00' : fmt(oursRate / rate, 2),
			});
		}
		if (!Number.isNaN(builtinRate)) {
			console.log(`${events}-event deliveries: this package processes ${fmt(oursRate / builtinRate, 2)} x the built-in trigger's events per second (target >= 0.90 on 1-event deliveries).`);
		}
	}
	table(rows);
}

if (require.main === module) void benchTrigger();
