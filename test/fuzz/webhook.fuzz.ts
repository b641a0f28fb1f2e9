/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { signPayload } from '../../nodes/shared';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { fakeWebhookContext } from '../helpers/fakeWebhookContext';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const SECRET = 'fuzz-app-secret';
const trigger = new WhatsAppPaymentsTrigger();
const parameters = {
	registration: 'app',
	events: [
		'payment_method',
		'payment_configuration_update',
		'payment_status',
		'order_message_status',
	],
	options: {},
};

let counter = 0;
const uid = () => `${Date.now().toString(36)}-${(++counter).toString(36)}`;

type Kind =
	| 'payment_method'
	| 'payment_status'
	| 'order_message_status'
	| 'payment_configuration_update'
	| 'text'
	| 'other_field';
const text = fc.oneof(
	fc.string({ maxLength: 20 }),
	fc.constantFrom('João Gonçalves', '名前', 'Zoë 🍰', ''),
	fc.string({ unit: 'binary', maxLength: 12 }),
);
const stamp = fc.oneof(
	fc.integer({ min: 1, max: 4e9 }),
	fc.integer({ min: 1, max: 4e9 }).map(String),
	fc.constant(undefined),
);

function change(kind: Kind, name: string, ts: unknown, status: string): IDataObject {
	const meta = { display_phone_number: '5511', phone_number_id: '200000000000001' };
	const id = uid();
	switch (kind) {
		case 'payment_method':
			return {
				field: 'messages',
				value: {
					metadata: meta,
					contacts: [{ profile: { name }, wa_id: '55' }],
					messages: [
						{
							from: '55',
							id: `wamid.${id}`,
							timestamp: ts,
							type: 'interactive',
							interactive: {
								type: 'payment_method',
								payment_method: {
									payment_method: 'offsite_card_pay',
									reference_id: `r-${id}`,
									credential_id: name,
									last_four_digits: '4242',
									payment_timestamp: ts,
								},
							},
						},
					],
				},
			};
		case 'payment_status':
			return {
				field: 'messages',
				value: {
					metadata: meta,
					statuses: [
						{
							id: `s-${id}`,
							type: 'payment',
							status,
							recipient_id: '91',
							payment: {
								reference_id: `r-${id}`,
								amount: { value: ts, offset: 100 },
								transaction: { status, id: name },
							},
							timestamp: ts,
						},
					],
				},
			};
		case 'order_message_status':
			return {
				field: 'messages',
				value: {
					metadata: meta,
					statuses: [
						{
							id: `wamid.${id}`,
							status,
							recipient_id: '55',
							timestamp: ts,
							errors: [{ code: 2046, title: name }],
						},
					],
				},
			};
		case 'payment_configuration_update':
			return {
				field: 'payment_configuration_update',
				value: {
					configuration_name: `c-${id}`,
					provider_name: name,
					status,
					updated_timestamp: ts,
				},
			};
		case 'text':
			return {
				field: 'messages',
				value: {
					metadata: meta,
					messages: [{ from: '55', id: `wamid.${id}`, type: 'text', text: { body: name } }],
				},
			};
		default:
			return { field: 'account_update', value: { event: name } };
	}
}

const kinds = fc.constantFrom<Kind>(
	'payment_method',
	'payment_status',
	'order_message_status',
	'payment_configuration_update',
	'text',
	'other_field',
);
const changeArb = fc.tuple(
	kinds,
	text,
	stamp,
	fc.constantFrom('captured', 'Needs_Testing', 'partially-shipped', 'FAILED', 'read'),
);
const deliveryArb = fc.array(fc.array(changeArb, { minLength: 1, maxLength: 4 }), {
	minLength: 1,
	maxLength: 3,
});
const mutation = fc.constantFrom(
	'valid',
	'valid',
	'valid',
	'escaped',
	'tamper',
	'nosig',
	'wrongsecret',
	'truncated',
);

function escapeNonAscii(s: string): string {
	return s.replace(
		/[\u007f-\uffff]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

async function deliver(raw: Buffer, signature: string | undefined, nodeId: string) {
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		body = {};
	}
	const { ctx, result } = fakeWebhookContext({
		raw,
		body,
		headers: signature ? { 'x-hub-signature-256': signature } : {},
		parameters,
		credentials: { appSecret: SECRET, accessToken: 't' },
		staticData: {},
		nodeId,
	});
	const out = await trigger.webhook.call(ctx);
	return { out, status: result.status };
}

describe(`trigger fuzzing (${RUNS} deliveries, seed ${SEED})`, () => {
	const counts = { valid: 0, refused: 0, events: 0, garbage: 0 };
	afterAll(() => {
		process.stdout.write(
			`webhook fuzz: ${RUNS} generated deliveries (${counts.valid} valid with ${counts.events} events emitted, ${counts.refused} refused with 401), ${counts.garbage} signed random JSON bodies; seed ${SEED}\n`,
		);
	});

	test('no exception escapes; bad or missing signatures emit nothing; valid deliveries emit exactly their events in order', async () => {
		await fc.assert(
			fc.asyncProperty(deliveryArb, mutation, fc.nat(), async (entries, how, pos) => {
				const expected: string[] = [];
				const payload = {
					object: 'whatsapp_business_account',
					entry: entries.map((changes, e) => ({
						id: `1000${e}`,
						changes: changes.map(([kind, name, ts, status]) => {
							if (kind !== 'text' && kind !== 'other_field') expected.push(kind);
							return change(kind, name, ts, status);
						}),
					})),
				};
				let json = JSON.stringify(payload);
				if (how === 'escaped') json = escapeNonAscii(json);
				const raw = Buffer.from(json);
				const valid = signPayload(raw, SECRET);
				let signature: string | undefined = valid;
				if (how === 'tamper') raw[pos % raw.length] ^= 1 << (pos % 7);
				if (how === 'nosig') signature = undefined;
				if (how === 'wrongsecret') signature = signPayload(raw, `${SECRET}x`);
				if (how === 'truncated') signature = valid.slice(0, 7 + (pos % 64));
				const { out, status } = await deliver(raw, signature, 'fuzz-node');
				if (how === 'valid' || how === 'escaped') {
					counts.valid++;
					const items = (out.workflowData?.[0] ?? []).map((i) => (i.json as IDataObject).event);
					counts.events += items.length;
					expect(status).toBe(200);
					expect(items).toEqual(expected);
				} else {
					counts.refused++;
					expect(status).toBe(401);
					expect(out.workflowData).toBeUndefined();
				}
			}),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	test('signed random JSON never throws and never starts a run unless it is a WhatsApp delivery', async () => {
		const runs = Math.max(100, Math.floor(RUNS / 5));
		await fc.assert(
			fc.asyncProperty(fc.jsonValue(), async (value) => {
				counts.garbage++;
				const raw = Buffer.from(JSON.stringify(value) ?? 'null');
				const { out, status } = await deliver(raw, signPayload(raw, SECRET), 'fuzz-garbage');
				expect([200, 400]).toContain(status);
				expect(out.workflowData).toBeUndefined();
			}),
			{ numRuns: runs, seed: SEED + 1 },
		);
	});
});
