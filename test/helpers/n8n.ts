/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * A workflow-level harness on real n8n-core: WorkflowExecute runs workflow JSON with the package's
 * nodes, real parameter and expression resolution, and the credential's `authenticate`
 * applied as the credential declares it. HTTP leaves through n8n-core's own request helpers.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// n8n-core writes its instance settings under N8N_USER_FOLDER on first use: keep it out of $HOME.
const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wapay-test-'));
process.env.N8N_USER_FOLDER = userFolder;

import { ErrorReporter, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IConnections,
	IExecuteFunctions,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	deepCopy,
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
} from 'n8n-workflow';

import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { WhatsAppCheckoutEndpoint } from '../../nodes/WhatsAppCheckoutEndpoint/WhatsAppCheckoutEndpoint.node';

/**
 * n8n-core reports each node's error to its ErrorReporter, which (without Sentry) logs it. The error is also
 * in the run's result, where the tests check it, so the report is kept here instead of printed: `npm test`
 * shows failures, not the errors tests provoke on purpose. Every other report (not a node's) is printed.
 */
export const nodeErrorReports: { node: string; message: string }[] = [];
const reportError = ErrorReporter.prototype.error;
ErrorReporter.prototype.error = function (
	error: unknown,
	options?: Parameters<typeof reportError>[1],
) {
	const node = options?.extra?.nodeName;
	if (typeof node !== 'string') return reportError.call(this, error, options);
	nodeErrorReports.push({ node, message: error instanceof Error ? error.message : String(error) });
};

export const PACKAGE = 'n8n-nodes-whatsapp-payments';
export const ACTION_TYPE = `${PACKAGE}.whatsAppPayments`;
export const TRIGGER_TYPE = `${PACKAGE}.whatsAppPaymentsTrigger`;
export const CHECKOUT_TYPE = `${PACKAGE}.whatsAppCheckoutEndpoint`;
export const TOOL_TYPE = `${PACKAGE}.whatsAppPaymentsTool`;

/**
 * The action node's Tool variant as n8n's loader makes it from a `usableAsTool` node (convertNodeToAiTool
 * in n8n's CLI): name and display name with "Tool" appended, no main input, an ai_tool output, and n8n's
 * own Description fields only when the node has no `toolDescription` parameter (this one has). An AI
 * Agent calls its `execute` with the node of this type.
 */
export function toolVariant(): INodeType {
	const base = new WhatsAppPayments();
	const description = deepCopy(base.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	return { description, methods: base.methods, execute: base.execute } as INodeType;
}

/** A minimal Manual Trigger stand-in (n8n-nodes-base is not a dependency): emits one empty item. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Emits the items given in its `items` parameter (JSON), as an upstream node would. */
class Items implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
		] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		// `$binary: { field: text }` becomes a binary field holding the text's bytes (as n8n's Webhook node's Raw Body).
		return [
			list.map((entry, i) => {
				const { $binary, ...json } = entry;
				const binary = $binary
					? Object.fromEntries(
							Object.entries($binary as Record<string, string>).map(([k, text]) => [
								k,
								{ data: Buffer.from(text).toString('base64'), mimeType: 'application/json' },
							]),
						)
					: undefined;
				return { json, ...(binary ? { binary } : {}), pairedItem: { item: 0 }, index: i };
			}),
		];
	}
}

const nodeTypeMap: Record<string, INodeType> = {
	[ACTION_TYPE]: new WhatsAppPayments(),
	[TRIGGER_TYPE]: new WhatsAppPaymentsTrigger(),
	[CHECKOUT_TYPE]: new WhatsAppCheckoutEndpoint(),
	[TOOL_TYPE]: toolVariant(),
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'test.items': new Items(),
};

const versionedTypes: Record<string, IVersionedNodeType> = {};

/** Adds a node type (for example n8n's own HTTP Request node, for side-by-side benchmarks). */
export function registerNodeType(type: string, nodeType: INodeType | IVersionedNodeType): void {
	if ('nodeVersions' in nodeType) versionedTypes[type] = nodeType as IVersionedNodeType;
	else nodeTypeMap[type] = nodeType as INodeType;
}

export class NodeTypes implements INodeTypes {
	getByName(type: string): INodeType | IVersionedNodeType {
		return versionedTypes[type] ?? this.getByNameAndVersion(type);
	}
	getByNameAndVersion(type: string, version?: number): INodeType {
		if (versionedTypes[type]) return versionedTypes[type].getNodeType(version);
		const t = nodeTypeMap[type];
		if (!t) throw new Error(`Unknown node type ${type}`);
		return t;
	}
	getKnownTypes(): IDataObject {
		return {};
	}
}

const credentialType = new WhatsAppPaymentsApi();

/** How many times a node read (decrypted) a credential, across every helper of the test file. */
export const credentialReads = { count: 0 };

export class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (typeName !== credentialType.name) throw new Error(`Unknown credential type ${typeName}`);
		const auth = credentialType.authenticate;
		if (typeof auth !== 'function')
			throw new Error(`${typeName} is expected to authenticate with a function`);
		return await auth(credentials, requestOptions);
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}
	async getDecrypted(
		_a: IWorkflowExecuteAdditionalData,
		_n: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials for ${type}`);
		credentialReads.count++;
		// Defaults from the credential definition, as n8n applies them.
		const defaults: ICredentialDataDecryptedObject = {};
		if (type === credentialType.name)
			for (const p of credentialType.properties) defaults[p.name] = p.default as string;
		return { ...defaults, ...found };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}

export interface TestCredentials {
	accessToken: string;
	businessAccountId: string;
	appId?: string;
	appSecret?: string;
	graphApiVersion?: string;
	baseUrl: string;
}

export function additionalData(
	credentials: TestCredentials,
	hooks?: ExecutionLifecycleHooks,
	/** Other credential types by name (the checkout endpoint's private key). */
	others: Record<string, ICredentialDataDecryptedObject> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new CredentialsHelper({
			whatsAppPaymentsApi: credentials as unknown as ICredentialDataDecryptedObject,
			...others,
		}),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		setExecutionStatus: () => undefined,
		externalSecretsProxy: undefined as never,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

export interface RunResult {
	run: IRun;
	/** Output items of each node (first run, first output). */
	output(nodeName: string): IDataObject[];
	items(nodeName: string): INodeExecutionData[];
	error: Error | undefined;
}

export function buildWorkflow(json: WorkflowJson, staticData: IDataObject = {}): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes: new NodeTypes(),
		staticData,
		settings: { executionOrder: 'v1' },
	});
}

/** Runs a workflow through n8n-core's WorkflowExecute from its Manual Trigger. */
export async function runWorkflow(
	json: WorkflowJson,
	credentials: TestCredentials,
	opts: {
		others?: Record<string, ICredentialDataDecryptedObject>;
		/** n8n's sendResponse hook: what a node answers to the webhook that started the run. */
		onSendResponse?: (response: IDataObject) => void;
		/** The workflow's static data, shared by runs given the same object (as n8n keeps it between executions). */
		staticData?: IDataObject;
	} = {},
): Promise<RunResult> {
	const workflow = buildWorkflow(json, opts.staticData);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', json as never);
	if (opts.onSendResponse) {
		const send = opts.onSendResponse;
		hooks.addHandler('sendResponse', async (response) => send(response as unknown as IDataObject));
	}
	const data = additionalData(credentials, hooks, opts.others);
	const start = json.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!start) throw new Error('workflow needs a Manual Trigger');
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: start, data: { main: [[{ json: {} }]] }, source: null } as IExecuteData,
			],
		},
	});
	const execute = new WorkflowExecute(data, 'manual', runData);
	const run = await execute.processRunExecutionData(workflow);
	const items = (name: string): INodeExecutionData[] =>
		run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		items,
		output: (name: string) => items(name).map((i) => i.json),
		error: run.data.resultData.error as Error | undefined,
	};
}

let nodeCounter = 0;
/** Manual Trigger -> (optional Items) -> WhatsApp Payments with the given parameters. */
export function actionWorkflow(
	parameters: IDataObject,
	opts: {
		items?: IDataObject[];
		continueOnFail?: boolean;
		errorOutput?: boolean;
		/** The node type: the action node, or its Tool variant as an AI Agent runs it. */
		type?: string;
	} = {},
): WorkflowJson {
	const nodes: INode[] = [
		{
			id: `n${++nodeCounter}`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: IConnections = {};
	let previous = 'Start';
	if (opts.items) {
		nodes.push({
			id: `n${++nodeCounter}`,
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(opts.items) },
		});
		connections.Start = { main: [[{ node: 'Items', type: NodeConnectionTypes.Main, index: 0 }]] };
		previous = 'Items';
	}
	nodes.push({
		id: `n${++nodeCounter}`,
		name: 'WhatsApp Payments',
		type: opts.type ?? ACTION_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters: parameters as INode['parameters'],
		credentials: {
			whatsAppPaymentsApi: { id: '1', name: 'WhatsApp Payments account' },
			whatsAppCheckoutEndpointApi: { id: '2', name: 'WhatsApp Checkout Endpoint account' },
		},
		...(opts.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(opts.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	});
	connections[previous] = {
		main: [[{ node: 'WhatsApp Payments', type: NodeConnectionTypes.Main, index: 0 }]],
	};
	return { nodes, connections };
}

export function cleanupUserFolder(): void {
	fs.rmSync(userFolder, { recursive: true, force: true });
}
