/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Plays n8n's webhook layer for the trigger, on a real loopback port: requests are read to raw bytes
 * (as n8n's rawBodyReader does), handed to the node's webhook() through n8n-core's real
 * WebhookContext, and answered the way n8n answers (noWebhookResponse, webhookResponse, or 200 and a
 * run for workflowData). Lifecycle methods run through n8n-core's HookContext.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookDescription,
	Workflow,
} from 'n8n-workflow';

import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { additionalData, buildWorkflow, TRIGGER_TYPE } from './n8n';
import type { TestCredentials } from './n8n';

export interface HostedRequest {
	method: string;
	path: string;
	status: number;
	body: string;
}

export interface Run {
	items: IDataObject[];
}

/**
 * How a run started by a delivery ends, for a trigger answering "When the Workflow Finishes" (n8n's
 * lastNode response mode): n8n answers 200 when the execution succeeded and 500 when it failed; when the
 * process dies mid-run, the connection drops without an answer.
 */
export type RunOutcome = 'success' | 'error' | 'crash';

export interface LogLine {
	level: string;
	message: string;
}

let hostCounter = 0;

export class WebhookHost {
	readonly runs: Run[] = [];
	readonly requests: HostedRequest[] = [];
	readonly logs: LogLine[] = [];
	readonly node: INode;
	readonly workflow: Workflow;
	readonly trigger = new WhatsAppPaymentsTrigger();
	private server?: http.Server;
	baseUrl = '';
	mode: 'trigger' | 'manual' = 'trigger';
	/** Decides how each run ends (lastNode response mode only); every run succeeds by default. */
	runOutcome: (run: Run) => RunOutcome | Promise<RunOutcome> = () => 'success';

	constructor(
		private credentials: TestCredentials,
		parameters: IDataObject,
		webhookId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
		typeVersion = 1.1,
	) {
		this.node = {
			id: `trigger-node-${++hostCounter}`,
			name: 'WhatsApp Payments Trigger',
			type: TRIGGER_TYPE,
			typeVersion,
			position: [0, 0],
			webhookId,
			parameters: parameters as INode['parameters'],
			// One credential ID per host, as in n8n, where different credentials never share an ID (the
			// trigger caches the App Secret per credential ID; setCredentials plays an edit of it).
			credentials: {
				whatsAppPaymentsApi: { id: `cred-${hostCounter}`, name: 'WhatsApp Payments account' },
			},
		};
		this.workflow = buildWorkflow({ nodes: [this.node], connections: {} });
	}

	setCredentials(credentials: TestCredentials): void {
		this.credentials = credentials;
	}

	setParameters(parameters: IDataObject): void {
		this.workflow.nodes[this.node.name].parameters = parameters as INode['parameters'];
	}

	/** The URL n8n would register: /webhook/<id>/webhook, or /webhook-test/... for a manual test. */
	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		await new Promise<void>((resolve) => {
			this.server!.close(() => resolve());
			this.server!.closeAllConnections();
		});
	}

	private data() {
		const data = additionalData(this.credentials);
		Object.assign(data, {
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
		});
		return data;
	}

	private webhookData(name: 'setup' | 'default', isTest = false): IWebhookData {
		const description = this.trigger.description.webhooks!.find(
			(w) => w.name === name,
		) as IWebhookDescription;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: 'webhook',
			webhookDescription: description,
			workflowId: 'test-workflow',
			workflowExecuteAdditionalData: this.data(),
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	private hookContext(isTest = false): HookContext {
		const ctx = new HookContext(
			this.workflow,
			this.workflow.nodes[this.node.name],
			this.data(),
			isTest ? 'manual' : 'trigger',
			'activate',
			this.webhookData('default', isTest),
		);
		this.attachLogger(ctx);
		return ctx;
	}

	private attachLogger(ctx: object): void {
		const push = (level: string) => (message: string) => this.logs.push({ level, message });
		Object.defineProperty(ctx, 'logger', {
			value: { info: push('info'), warn: push('warn'), error: push('error'), debug: push('debug') },
		});
	}

	/** n8n's activation: checkExists, then create when it answered false. */
	async activate(isTest = false): Promise<{ existed: boolean }> {
		const methods = this.trigger.webhookMethods.default;
		const existed = await methods.checkExists.call(this.hookContext(isTest));
		if (!existed) await methods.create.call(this.hookContext(isTest));
		return { existed };
	}

	async deactivate(isTest = false): Promise<void> {
		await this.trigger.webhookMethods.default.delete.call(this.hookContext(isTest));
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.workflow.nodes[this.node.name]);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', this.baseUrl);
		const isTest = url.pathname.startsWith('/webhook-test/');
		const expectedPath = `/${isTest ? 'webhook-test' : 'webhook'}/${this.node.webhookId}/webhook`;
		const record = (status: number, body: string) =>
			this.requests.push({ method: req.method ?? '', path: url.pathname, status, body });
		if (url.pathname !== expectedPath) {
			res.writeHead(404).end('not registered');
			record(404, '');
			return;
		}
		// Like n8n: the raw bytes are kept and JSON bodies are parsed before the node runs.
		const request = req as http.IncomingMessage & IDataObject;
		request.rawBody = raw;
		request.readRawBody = async () => undefined;
		request.query = Object.fromEntries(url.searchParams);
		request.params = {};
		try {
			request.body =
				raw.length && String(req.headers['content-type']).includes('json')
					? JSON.parse(raw.toString('utf8'))
					: {};
		} catch {
			request.body = {};
		}
		let status = 200;
		let sent = '';
		const response = {
			// n8n hands the node Express's response, and answers a lastNode delivery through it when the run
			// has ended (also when the caller has stopped waiting): the trigger reads the outcome there.
			get statusCode() {
				return status;
			},
			once(event: string, listener: () => void) {
				res.once(event, listener);
				return response;
			},
			status(code: number) {
				status = code;
				return response;
			},
			type(t: string) {
				res.setHeader('content-type', t === 'text/plain' ? 'text/plain; charset=utf-8' : t);
				return response;
			},
			send(body: string) {
				sent = String(body);
				return response;
			},
			end() {
				res.writeHead(status);
				res.end(sent);
				record(status, sent);
				return response;
			},
		};
		const data = this.data();
		data.httpRequest = request as never;
		data.httpResponse = response as never;
		const name = req.method === 'GET' ? 'setup' : 'default';
		const ctx = new WebhookContext(
			this.workflow,
			this.workflow.nodes[this.node.name],
			data,
			isTest ? 'manual' : 'webhook',
			{ ...this.webhookData(name, isTest), workflowExecuteAdditionalData: data },
			[],
			null,
		);
		this.attachLogger(ctx);
		try {
			const result = await this.trigger.webhook.call(ctx);
			if (result.noWebhookResponse) return;
			if (result.workflowData) {
				const items = (result.workflowData[0] as INodeExecutionData[]).map((i) => i.json);
				const run = { items };
				this.runs.push(run);
				// As n8n reads it: the description's expression, resolved against the node's parameters.
				const responseMode = this.workflow.expression.getSimpleParameterValue(
					this.workflow.nodes[this.node.name],
					this.webhookData(name).webhookDescription.responseMode as string,
					'webhook',
					{},
					undefined,
					'onReceived',
				);
				if (responseMode !== 'lastNode') {
					const body = JSON.stringify({ message: 'Workflow was started' });
					res.writeHead(200, { 'content-type': 'application/json' }).end(body);
					record(200, body);
					return;
				}
				const outcome = await this.runOutcome(run);
				if (outcome === 'crash') {
					record(0, '');
					res.socket?.destroy();
					return;
				}
				response
					.status(outcome === 'success' ? 200 : 500)
					.send(outcome === 'success' ? '' : JSON.stringify({ message: 'Error in workflow' }))
					.end();
				return;
			}
			const body = JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' });
			res.writeHead(200, { 'content-type': 'application/json' }).end(body);
			record(200, body);
		} catch (error) {
			const body = JSON.stringify({ message: (error as Error).message });
			res.writeHead(500).end(body);
			record(500, body);
		}
	}
}
