/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The checkout data endpoint through real n8n-core: the WhatsApp Checkout Endpoint trigger's webhook() in
 * a WebhookContext on a loopback port, and the run it starts (WorkflowExecute) answering with Checkout >
 * Respond through n8n's sendResponse hook. The client side is written here with node:crypto.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { WhatsAppCheckoutEndpoint } from '../../nodes/WhatsAppCheckoutEndpoint/WhatsAppCheckoutEndpoint.node';
import {
	actionWorkflow,
	additionalData,
	buildWorkflow,
	CHECKOUT_TYPE,
	runWorkflow,
} from '../helpers/n8n';
import { APP_SECRET, credentialsFor, sandboxFor } from '../helpers/sandbox';
import type { Sandbox } from '../../sandbox/server';

const PASSPHRASE = 'checkout passphrase 7c1d';
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: {
		type: 'pkcs1',
		format: 'pem',
		cipher: 'des-ede3-cbc',
		passphrase: PASSPHRASE,
	},
});
const KEYS = { whatsAppCheckoutEndpointApi: { privateKey, passphrase: PASSPHRASE } };

function seal(payload: unknown, key = publicKey) {
	const aesKey = crypto.randomBytes(16);
	const iv = crypto.randomBytes(16);
	const c = crypto.createCipheriv('aes-128-gcm', aesKey, iv);
	const data = Buffer.concat([c.update(JSON.stringify(payload)), c.final(), c.getAuthTag()]);
	const wrapped = crypto.publicEncrypt(
		{ key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
		aesKey,
	);
	return {
		body: JSON.stringify({
			encrypted_flow_data: data.toString('base64'),
			encrypted_aes_key: wrapped.toString('base64'),
			initial_vector: iv.toString('base64'),
		}),
		aesKey,
		iv,
	};
}
/** Meta's headers for a body: JSON, signed with the App Secret (`null`: unsigned). */
function signedHeaders(body: string, secret: string | null = APP_SECRET): Record<string, string> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (secret !== null)
		headers['x-hub-signature-256'] =
			`sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
	return headers;
}
/** A public key the credential's private key does not match. */
const OTHER_PUBLIC_KEY = crypto
	.generateKeyPairSync('rsa', { modulusLength: 2048 })
	.publicKey.export({ type: 'spki', format: 'pem' })
	.toString();
function open(text: string, aesKey: Buffer, iv: Buffer): IDataObject {
	const raw = Buffer.from(text, 'base64');
	const d = crypto.createDecipheriv('aes-128-gcm', aesKey, Buffer.from(iv.map((b) => b ^ 0xff)));
	d.setAuthTag(raw.subarray(raw.length - 16));
	return JSON.parse(
		Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]).toString(),
	) as IDataObject;
}

const ORDER = {
	reference_id: 'chk-77',
	type: 'physical-goods',
	currency: 'INR',
	shipping_info: { country: 'IN', addresses: [] },
	order: {
		status: 'pending',
		catalog_id: 'c',
		items: [
			{
				retailer_id: 'aloe-1',
				name: 'Blue Elf Aloe',
				amount: { value: 150000, offset: 100 },
				quantity: 1,
			},
		],
		subtotal: { value: 150000, offset: 100 },
		shipping: { value: 0, offset: 100 },
		tax: { value: 0, offset: 100 },
	},
	total_amount: { value: 150000, offset: 100 },
};
const request = (sub: string, input: IDataObject = {}) => ({
	version: '1.0',
	action: 'data_exchange',
	sub_action: sub,
	data: { order_details: ORDER, input: { user_id: '919000090000', ...input } },
});

describe('checkout data endpoint through n8n-core', () => {
	let sandbox: Sandbox;
	let server: http.Server;
	let url = '';
	const runs: IDataObject[][] = [];
	const logs: string[] = [];
	let respondParams: IDataObject | null = {
		answer: 'auto',
		coupons: {
			coupon: [{ code: 'DIWALI10', type: 'percent', value: '10', description: '10% off' }],
		},
		shippingCost: '40',
		serviceablePins: '400',
	};
	// A short budget, so that no answer timer outlives the tests (the runs here answer in milliseconds).
	const BUDGET = { answerWithinMs: 1500 };
	let endpointOptions: IDataObject = BUDGET;
	let keys: IDataObject = KEYS;

	beforeAll(async () => {
		sandbox = await sandboxFor();
		const trigger = new WhatsAppCheckoutEndpoint();
		server = http.createServer(async (req, res) => {
			const chunks: Buffer[] = [];
			for await (const c of req) chunks.push(c as Buffer);
			const request = req as http.IncomingMessage & IDataObject;
			request.rawBody = Buffer.concat(chunks);
			request.readRawBody = async () => undefined;
			request.query = {};
			request.params = {};
			request.body = {};
			// Express's response, as far as the endpoint uses it.
			let status = 200;
			const response = {
				get headersSent() {
					return res.headersSent;
				},
				get writableEnded() {
					return res.writableEnded;
				},
				status(code: number) {
					status = code;
					return response;
				},
				type(t: string) {
					res.setHeader('content-type', t);
					return response;
				},
				send(body: string) {
					if (!res.headersSent) res.writeHead(status).end(body);
					return response;
				},
				end() {
					if (!res.headersSent) res.writeHead(status).end();
					return response;
				},
			};
			const node: INode = {
				id: 'e',
				name: 'WhatsApp Checkout Endpoint',
				type: CHECKOUT_TYPE,
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: 'chk-hook',
				parameters: {
					configurationName: 'rzp-demo',
					options: endpointOptions,
				} as INode['parameters'],
				credentials: {
					whatsAppPaymentsApi: { id: '1', name: 'p' },
					whatsAppCheckoutEndpointApi: { id: '2', name: 'k' },
				},
			};
			const workflow = buildWorkflow({ nodes: [node], connections: {} });
			const data = additionalData(credentialsFor(sandbox), undefined, keys as never);
			data.httpRequest = request as never;
			data.httpResponse = response as never;
			const ctx = new WebhookContext(
				workflow,
				node,
				data,
				'webhook',
				{
					httpMethod: 'POST',
					node: node.name,
					path: 'checkout',
					webhookDescription: trigger.description.webhooks![0],
					workflowId: 'w',
					workflowExecuteAdditionalData: data,
				} as never,
				[],
				null,
			);
			const push = (m: string) => logs.push(m);
			Object.defineProperty(ctx, 'logger', {
				value: { warn: push, info: push, error: push, debug: () => undefined },
			});
			const result = await trigger.webhook.call(ctx);
			if (!result.workflowData) return;
			const items = (result.workflowData[0] as INodeExecutionData[]).map((i) => i.json);
			runs.push(items);
			if (result.noWebhookResponse || !respondParams) return;
			// The run: the trigger's item -> WhatsApp Payments > Checkout > Respond; its sendResponse answers this request.
			const ran = await runWorkflow(
				actionWorkflow({ resource: 'checkout', operation: 'respond', ...respondParams }, { items }),
				credentialsFor(sandbox),
				{
					others: keys as never,
					onSendResponse: (r) => {
						if (!res.headersSent)
							res.writeHead(Number(r.statusCode), r.headers as never).end(r.body as string);
					},
				},
			);
			if (ran.error) logs.push(`run failed: ${ran.error.message}`);
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/chk-hook/checkout`;
	});
	afterAll(async () => {
		// Let the last answer timers of the endpoint run out before the worker exits.
		await new Promise((r) => setTimeout(r, BUDGET.answerWithinMs + 100));
		await new Promise<void>((r) => server.close(() => r()));
		await sandbox.stop();
	});

	async function call(payload: unknown, opts: { secret?: string | null; key?: string } = {}) {
		const sealed = seal(payload, opts.key);
		const headers = signedHeaders(sealed.body, opts.secret);
		const res = await fetch(url, { method: 'POST', headers, body: sealed.body });
		const text = await res.text();
		return {
			status: res.status,
			text,
			plain:
				res.status === 200 || res.status === 427 ? open(text, sealed.aesKey, sealed.iv) : undefined,
		};
	}

	test('ping is answered by the endpoint itself, encrypted, and starts no run', async () => {
		const before = runs.length;
		expect(await call({ version: '1.0', action: 'ping' })).toMatchObject({
			status: 200,
			plain: { version: '1.0', data: { status: 'active' } },
		});
		expect(runs.length).toBe(before);
	});

	test.each([
		['a wrong signature', 432, { secret: 'not-the-app-secret' }],
		['no signature', 432, { secret: null }],
		['a request encrypted for another key', 421, { key: OTHER_PUBLIC_KEY }],
	])('%s gets %s with an empty body and starts no run', async (_what, status, opts) => {
		const before = runs.length;
		const res = await call(request('get_coupons'), opts as never);
		expect([res.status, res.text]).toEqual([status, '']);
		expect(runs.length).toBe(before);
	});

	test('get_coupons starts one run with a clean item; Respond (automatic) answers the coupon list', async () => {
		const res = await call(request('get_coupons'));
		expect(res.plain).toEqual({
			version: '1.0',
			sub_action: 'get_coupons',
			data: { coupons: [{ code: 'DIWALI10', id: 'diwali10', description: '10% off' }] },
		});
		const item = runs[runs.length - 1][0];
		expect(item).toMatchObject({
			action: 'get_coupons',
			reference_id: 'chk-77',
			user_id: '919000090000',
			total_decimal: 1500,
			session: expect.stringMatching(/^v1\./),
		});
	});

	test('apply_coupon reprices exactly; an unknown code is a 427 the buyer reads; apply_shipping outside the served PINs too', async () => {
		const applied = await call(request('apply_coupon', { coupon: { code: 'diwali10' } }));
		expect(applied.status).toBe(200);
		expect(
			((applied.plain!.data as IDataObject).order_details as IDataObject).total_amount,
		).toEqual({ value: 135000, offset: 100 });
		expect(await call(request('apply_coupon', { coupon: { code: 'FREE' } }))).toMatchObject({
			status: 427,
			plain: { error_msg: 'The offer code you have entered is not valid.' },
		});
		const shipped = await call(
			request('apply_shipping', { selected_address: { name: 'N', in_pin_code: '400051' } }),
		);
		expect(
			((shipped.plain!.data as IDataObject).order_details as IDataObject).total_amount,
		).toEqual({ value: 154000, offset: 100 });
		expect(
			await call(
				request('apply_shipping', { selected_address: { name: 'N', in_pin_code: '110001' } }),
			),
		).toMatchObject({
			status: 427,
			plain: { error_msg: 'We do not deliver to PIN code 110001 yet.' },
		});
	});

	test('a run that does not answer in time gets a 427 with the timeout message, within the budget', async () => {
		respondParams = null;
		endpointOptions = { answerWithinMs: 600, timeoutMessage: 'Try again in a minute.' };
		try {
			const t0 = Date.now();
			const res = await call(request('get_coupons'));
			expect(res).toMatchObject({ status: 427, plain: { error_msg: 'Try again in a minute.' } });
			expect(Date.now() - t0).toBeLessThan(3000);
			expect(logs.some((l) => /did not answer get_coupons within 600 ms/.test(l))).toBe(true);
		} finally {
			respondParams = {
				answer: 'auto',
				coupons: { coupon: [{ code: 'DIWALI10', type: 'percent', value: '10' }] },
			};
			endpointOptions = BUDGET;
		}
	});

	test('an unusable private key (wrong passphrase) is a 500 with an empty body; nothing secret reaches logs, items or answers', async () => {
		keys = { whatsAppCheckoutEndpointApi: { privateKey, passphrase: 'wrong' } };
		try {
			const res = await call(request('get_coupons'));
			expect([res.status, res.text]).toEqual([500, '']);
			expect(logs.join('\n')).toMatch(/passphrase is missing or wrong/);
		} finally {
			keys = KEYS;
		}
		const everything = JSON.stringify({ logs, runs });
		for (const secret of [PASSPHRASE, privateKey.split('\n')[2], APP_SECRET])
			expect(everything).not.toContain(secret);
	});
});

describe("checkout data endpoint on n8n's Webhook node: Checkout > Read Request -> Checkout > Respond, through n8n-core", () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await sandboxFor();
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	const RESPOND = {
		answer: 'auto',
		coupons: { coupon: [{ code: 'DIWALI10', type: 'percent', value: '10' }] },
	};

	/** The Webhook node's item (Raw Body on) -> Read Request -> Respond; what the run answered, and its outputs. */
	async function viaWebhookNode(
		payload: unknown,
		opts: { secret?: string | null; key?: string; rawBody?: boolean } = {},
	) {
		const sealed = seal(payload, opts.key);
		const headers = signedHeaders(sealed.body, opts.secret);
		const item: IDataObject = { headers, params: {}, query: {}, body: JSON.parse(sealed.body) };
		if (opts.rawBody !== false) item.$binary = { data: sealed.body };
		const wf = actionWorkflow(
			{ resource: 'checkout', operation: 'readRequest' },
			{ items: [item] },
		);
		const reader = wf.nodes[wf.nodes.length - 1];
		reader.name = 'Read Request';
		wf.connections.Items.main[0]![0].node = 'Read Request';
		wf.nodes.push({
			...reader,
			id: 'respond',
			name: 'Respond',
			position: [600, 0],
			parameters: { resource: 'checkout', operation: 'respond', ...RESPOND },
		});
		wf.connections['Read Request'] = {
			main: [[{ node: 'Respond', type: 'main', index: 0 }]],
		};
		const answers: IDataObject[] = [];
		const ran = await runWorkflow(wf, credentialsFor(sandbox), {
			others: KEYS as never,
			onSendResponse: (r) => answers.push(r),
		});
		const first = answers[0];
		return {
			ran,
			answers,
			status: first ? Number(first.statusCode) : undefined,
			plain: first && first.body ? open(String(first.body), sealed.aesKey, sealed.iv) : undefined,
		};
	}

	test('apply_coupon: one answer, encrypted for the request, repriced by Respond; the item is the trigger item', async () => {
		const r = await viaWebhookNode(request('apply_coupon', { coupon: { code: 'diwali10' } }));
		expect(r.ran.error).toBeUndefined();
		expect(r.answers).toHaveLength(1);
		expect(r.status).toBe(200);
		expect(((r.plain!.data as IDataObject).order_details as IDataObject).total_amount).toEqual({
			value: 135000,
			offset: 100,
		});
		expect(r.ran.output('Read Request')[0]).toMatchObject({
			action: 'apply_coupon',
			reference_id: 'chk-77',
			coupon_code: 'diwali10',
			total_decimal: 1500,
			session: expect.stringMatching(/^v1\./),
		});
		expect(r.ran.output('Respond')[0]).toMatchObject({ action: 'apply_coupon', status: 200 });
	});

	test('ping is answered by Read Request itself; Respond passes the item on without a second answer', async () => {
		const r = await viaWebhookNode({ version: '1.0', action: 'ping' });
		expect(r.answers).toHaveLength(1);
		expect(r).toMatchObject({ status: 200, plain: { data: { status: 'active' } } });
		expect(r.ran.output('Respond')[0]).toMatchObject({ answered: true, status: null });
	});

	test.each([
		[
			'a wrong signature',
			432,
			{ secret: 'not-the-app-secret' },
			/refused with 432: missing or wrong X-Hub-Signature-256/,
		],
		['no signature', 432, { secret: null }, /refused with 432/],
		[
			'a request encrypted for another key',
			421,
			{ key: OTHER_PUBLIC_KEY },
			/refused with 421: Checkout request could not be decrypted/,
		],
	])(
		'%s: answered %s with an empty body, and the run fails there',
		async (_what, status, opts, message) => {
			const r = await viaWebhookNode(request('get_coupons'), opts as never);
			expect(r.answers).toEqual([{ statusCode: status, body: '', headers: {} }]);
			expect(r.ran.error?.message).toMatch(message);
			expect(r.ran.output('Respond')).toEqual([]);
		},
	);

	test('without the Raw Body option the error names the binary field and the Webhook setting; nothing is answered', async () => {
		const r = await viaWebhookNode(request('get_coupons'), { rawBody: false });
		expect(r.answers).toEqual([]);
		expect(r.ran.error?.message).toBe(
			`The item has no binary field "data" with the request's raw body`,
		);
		expect((r.ran.error as { description?: string }).description).toMatch(/Raw Body on/);
	});
});
