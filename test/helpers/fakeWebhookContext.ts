import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export interface FakeResult {
	status: number;
	body: unknown;
}

export interface FakeWebhookOptions {
	raw: Buffer;
	/** What n8n's body parser produced from `raw` (undefined when it could not parse it). */
	body: unknown;
	headers: Record<string, string>;
	parameters: IDataObject;
	credentials: IDataObject;
	staticData: IDataObject;
	nodeId?: string;
	webhookName?: 'default' | 'setup';
	query?: IDataObject;
	logs?: string[];
}

/**
 * A minimal IWebhookFunctions with what n8n hands a trigger's webhook(): the parsed body, the raw bytes,
 * headers, credentials, parameters, static data and an express-like response. Used where thousands of
 * deliveries must go through webhook() (fuzzing, benchmarks), identically for every trigger compared.
 */
export function fakeWebhookContext(o: FakeWebhookOptions): {
	ctx: IWebhookFunctions;
	result: FakeResult;
} {
	const result: FakeResult = { status: 200, body: undefined };
	const res = {
		status(code: number) {
			result.status = code;
			return res;
		},
		type() {
			return res;
		},
		send(body: unknown) {
			result.body = body;
			return res;
		},
		end() {
			return res;
		},
	};
	const node = {
		id: o.nodeId ?? 'node-1',
		name: 'Trigger',
		webhookId: 'webhook-1',
		type: 't',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const log = (m: string) => o.logs?.push(m);
	const ctx = {
		getWebhookName: () => o.webhookName ?? 'default',
		getBodyData: () => o.body,
		getQueryData: () => o.query ?? {},
		getHeaderData: () => o.headers,
		getRequestObject: () => ({
			rawBody: o.raw,
			body: o.body,
			headers: o.headers,
			readRawBody: async () => undefined,
		}),
		getResponseObject: () => res,
		getCredentials: async () => o.credentials,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in o.parameters ? o.parameters[name] : fallback,
		getNode: () => node,
		getWorkflow: () => ({ id: 'workflow-1' }),
		getWorkflowStaticData: () => o.staticData,
		logger: { info: log, warn: log, error: log, debug: log },
		helpers: { returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })) },
	};
	return { ctx: ctx as unknown as IWebhookFunctions, result };
}
