/**
 * Runs workflows through n8n's real execution engine (n8n-core's WorkflowExecute, which hands
 * declarative nodes to its RoutingNode) without an n8n server. Requests go over real HTTP.
 */
import { createHash, randomUUID } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IConnections,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';


/** Emits the items given in its `items` parameter, with optional binary files (base64). */
class InputItems implements INodeType {
	description = {
		displayName: 'Input Items',
		name: 'inputItems',
		group: ['transform'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Input Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as Array<{ json: IDataObject; binary?: Record<string, { base64: string; fileName: string; mimeType: string }> }>;
		const out: INodeExecutionData[] = [];
		for (const item of items) {
			const entry: INodeExecutionData = { json: item.json };
			if (item.binary) {
				entry.binary = {};
				for (const [key, file] of Object.entries(item.binary)) {
					entry.binary[key] = await this.helpers.prepareBinaryData(Buffer.from(file.base64, 'base64'), file.fileName, file.mimeType);
				}
			}
			out.push(entry);
		}
		return [out];
	}
}

class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Start',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

const nodeClasses: Record<string, INodeType> = {
	'test.inputItems': new InputItems(),
	'test.manualTrigger': new ManualTrigger(),
};

export const credentialTypes: Record<string, ICredentialType> = {};

export const PACKAGE = 'n8n-nodes-outreach';

/** Makes a node of the pack (and its credential) known to the engine as `n8n-nodes-outreach.<name>`. */
export function register(node: INodeType, ...credentials: ICredentialType[]): string {
	const type = `${PACKAGE}.${node.description.name}`;
	nodeClasses[type] = node;
	for (const credential of credentials) credentialTypes[credential.name] = credential;
	return type;
}

class TestNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const entry = nodeClasses[nodeType];
		if (!entry) throw new Error(`Unknown node type ${nodeType}`);
		return NodeHelpers.getVersionedNodeType(entry, version) as INodeType;
	}

	getKnownTypes() {
		return {};
	}
}

export const nodeTypes = new TestNodeTypes();

/** How many times n8n read (decrypted) a credential, as its CredentialsHelper would from the database. */
export const credentialReads = { count: 0 };

/** Applies the credential's generic `authenticate` block, as n8n's CredentialsHelper does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow.expression.getParameterValue(
				value,
				null,
				0,
				0,
				node.name,
				[],
				'internal',
				{ $credentials: credentials },
			) as string;
		const headers = (auth.properties.headers ?? {}) as Record<string, string>;
		const qs = (auth.properties.qs ?? {}) as Record<string, string>;
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, resolve(v)])) },
			qs: { ...(requestOptions.qs ?? {}), ...Object.fromEntries(Object.entries(qs).map(([k, v]) => [k, resolve(v)])) },
		};
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string) {
		return { getData: () => this.getDecryptedSync(type) } as never;
	}

	private getDecryptedSync(type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (!data) throw new Error(`No test credentials for ${type}`);
		return { ...data };
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		_raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		credentialReads.count++;
		return this.getDecryptedSync(type);
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface RunOptions {
	/** e.g. 'n8n-nodes-outreach.leadGrid' */
	type: string;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items; binary files as base64. */
	items?: Array<{ json: IDataObject; binary?: Record<string, { base64: string; fileName: string; mimeType: string }> }>;
	continueOnFail?: boolean;
	/** The node's typeVersion (default 1, what saved workflows of the first release hold). */
	typeVersion?: number;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: { message: string; description?: string | null; httpCode?: string | null; itemIndex?: number };
	run: IRun;
}

function credentialRefs(type: string): INode['credentials'] {
	const node = nodeClasses[type];
	const refs: INode['credentials'] = {};
	for (const cred of node.description.credentials ?? []) refs[cred.name] = { id: cred.name, name: cred.name };
	return refs;
}


/** A Workflow of the given nodes, as n8n builds it, with the pack's node types. */
export function buildWorkflow(nodes: INode[], connections: IConnections = {}, seed: unknown = nodes, staticData?: IDataObject): Workflow {
	return new Workflow({
		id: createHash('md5').update(JSON.stringify(seed)).digest('hex').slice(0, 16),
		name: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1' },
	});
}

/** What n8n passes to every node context: credentials, URLs, lifecycle hooks. */
export function buildAdditionalData(
	workflow: Workflow,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: workflow.id,
		name: workflow.name,
		active: false,
		isArchived: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		userId: 'test-user',
		executionId: randomUUID(), // a run of its own, as n8n gives every execution
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A trigger node alone in a workflow, with the contexts n8n-core gives it (hooks, webhook, poll). */
export function triggerSetup(opts: {
	type: string;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	webhookId?: string;
	staticData?: IDataObject;
}) {
	const node: INode = {
		id: 'trigger',
		name: 'Trigger',
		type: opts.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: opts.parameters as INode['parameters'],
		credentials: credentialRefs(opts.type),
		webhookId: opts.webhookId ?? 'c0ffee00-0000-4000-8000-000000000001',
	};
	const workflow = buildWorkflow([node], {}, opts.parameters, opts.staticData ?? {});
	const additionalData = buildAdditionalData(workflow, opts.credentials);
	const nodeType = nodeTypes.getByNameAndVersion(opts.type);
	return { node, workflow, additionalData, nodeType };
}

/** Runs Manual Trigger → Input Items → the node under test, and returns the node's output. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'test.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'input',
			name: 'Input',
			type: 'test.inputItems',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(options.items ?? [{ json: {} }]) },
		},
		{
			id: 'subject',
			name: 'Subject',
			type: options.type,
			typeVersion: options.typeVersion ?? 1,
			position: [400, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: credentialRefs(options.type),
			continueOnFail: options.continueOnFail ?? false,
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections = {
		Start: { main: [[{ node: 'Input', type: 'main' as const, index: 0 }]] },
		Input: { main: [[{ node: 'Subject', type: 'main' as const, index: 0 }]] },
	};
	const workflow = buildWorkflow(nodes, connections, options.parameters);
	const additionalData = buildAdditionalData(workflow, options.credentials);

	const executionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData, 'manual', executionData);
	const run = await execute.processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData.Subject?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as
		| (Error & { description?: string | null; httpCode?: string | null; context?: { itemIndex?: number } })
		| undefined;
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: error
			? { message: error.message, description: error.description, httpCode: error.httpCode, itemIndex: error.context?.itemIndex }
			: undefined,
		run,
	};
}

/** The binary content of an output item's property. */
export async function binaryOf(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const data = item.binary?.[property];
	if (!data) throw new Error(`No binary ${property}`);
	return Buffer.from(data.data, 'base64');
}

export interface FakeResponse {
	statusCode: number;
	body?: unknown;
	headersSent: boolean;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
	send(body: unknown): FakeResponse;
	end(): FakeResponse;
}

function fakeResponse(): FakeResponse {
	const res: FakeResponse = {
		statusCode: 200,
		headersSent: false,
		status(code) {
			res.statusCode = code;
			return res;
		},
		json(body) {
			res.body = body;
			res.headersSent = true;
			return res;
		},
		send(body) {
			res.body = body;
			res.headersSent = true;
			return res;
		},
		end() {
			res.headersSent = true;
			return res;
		},
	};
	return res;
}

/** Delivers an HTTP request to a trigger's webhook() through n8n-core's WebhookContext. */
export async function deliver(
	setup: ReturnType<typeof triggerSetup>,
	request: { body: Buffer | string; headers?: Record<string, string>; query?: Record<string, string>; mode?: 'trigger' | 'manual' },
) {
	const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
	let parsed: unknown = {};
	try {
		parsed = JSON.parse(raw.toString('utf8'));
	} catch {
		parsed = {};
	}
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const httpRequest = { headers, body: parsed, rawBody: raw, query: request.query ?? {}, params: {}, method: 'POST' };
	const httpResponse = fakeResponse();
	const additionalData = { ...setup.additionalData, httpRequest, httpResponse } as unknown as IWorkflowExecuteAdditionalData;
	const description = setup.nodeType.description.webhooks![0];
	const context = new WebhookContext(
		setup.workflow,
		setup.node,
		additionalData,
		request.mode ?? 'trigger',
		{
			httpMethod: 'POST',
			node: setup.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: String(setup.workflow.id),
			workflowExecuteAdditionalData: additionalData,
			webhookId: setup.node.webhookId,
		},
		[],
		null,
	);
	const result = await setup.nodeType.webhook!.call(context);
	return { result, response: httpResponse, items: result.workflowData?.[0] ?? [] };
}

/** The webhook lifecycle methods (checkExists/create/delete) through n8n-core's HookContext. */
export function hooks(setup: ReturnType<typeof triggerSetup>, mode: 'trigger' | 'manual' = 'trigger') {
	const description = setup.nodeType.description.webhooks![0];
	const context = () =>
		new HookContext(setup.workflow, setup.node, setup.additionalData, mode, 'activate', {
			httpMethod: 'POST',
			node: setup.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: String(setup.workflow.id),
			workflowExecuteAdditionalData: setup.additionalData,
			webhookId: setup.node.webhookId,
			isTest: mode === 'manual',
		});
	const methods = setup.nodeType.webhookMethods!.default!;
	return {
		checkExists: async () => await methods.checkExists.call(context()),
		create: async () => await methods.create.call(context()),
		delete: async () => await methods.delete.call(context()),
		staticData: () => setup.workflow.getStaticData('node', setup.node),
	};
}
