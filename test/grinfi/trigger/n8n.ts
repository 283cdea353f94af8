/**
 * A small stand-in for the parts of n8n that drive a webhook trigger, built on n8n-core's own
 * HookContext and WebhookContext:
 * - activation as n8n's WebhookService.createWebhookIfNotExists does it (checkExists, then create
 *   if false; on a failed create n8n removes the webhooks again with `delete`);
 * - deactivation as ActiveWorkflowManager / TestWebhooks do it (`delete` in mode "internal");
 * - the test URL works on a copy of the production static data, as TestWebhooks does;
 * - an HTTP server at the webhook URLs, so the sandbox's deliveries come over real HTTP and are
 *   handed to the node's webhook() in mode "webhook" (production) or "manual" (test URL).
 */
import http from 'node:http';

import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, IWebhookData, IWebhookResponseData, Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import { GrinfiApi } from '../../../credentials/GrinfiApi.credentials';
import { GrinfiTrigger } from '../../../nodes/Grinfi/GrinfiTrigger.node';
import { buildAdditionalData, buildWorkflow, nodeTypes, register } from '../../harness';

export const TRIGGER = register(new GrinfiTrigger(), new GrinfiApi());
export type Kind = 'production' | 'test';

export interface Delivery {
	kind: Kind;
	webhookId: string;
	query: Record<string, string>;
	body: IDataObject;
	status: number;
	responseBody: unknown;
	result: IWebhookResponseData;
	items: INodeExecutionData[];
}

/** One HTTP server standing in for n8n's /webhook and /webhook-test routes. */
export class Receiver {
	server = http.createServer((req, res) => void this.handle(req, res));
	url = '';
	deliveries: Delivery[] = [];
	private workflows = new Map<string, N8nWorkflow>();

	async listen() {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const address = this.server.address() as { port: number };
		this.url = `http://127.0.0.1:${address.port}`;
	}

	async close() {
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(resolve));
	}

	attach(workflow: N8nWorkflow) {
		this.workflows.set(workflow.node.webhookId!, workflow);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://n8n');
		const match = /^\/(webhook|webhook-test)\/([^/]+)\/webhook$/.exec(url.pathname);
		const target = match ? this.workflows.get(match[2]) : undefined;
		if (!match || !target || req.method !== 'POST') {
			res.writeHead(404).end();
			return;
		}
		const kind: Kind = match[1] === 'webhook' ? 'production' : 'test';
		let body: IDataObject = {};
		try {
			body = JSON.parse(raw.toString('utf8') || '{}');
		} catch {
			body = {};
		}
		const query = Object.fromEntries(url.searchParams.entries());
		const response = expressLike(res);
		const result = await target.receive(kind, { headers: req.headers, body, rawBody: raw, query, params: {}, method: 'POST' }, response);
		if (!result.noWebhookResponse && !res.writableEnded) {
			// n8n's answer with responseMode "onReceived" and no response data.
			response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
		}
		this.deliveries.push({
			kind,
			webhookId: match[2],
			query,
			body,
			status: res.statusCode,
			responseBody: response.sent,
			result,
			items: result.workflowData?.[0] ?? [],
		});
	}
}

function expressLike(res: http.ServerResponse) {
	const adapter = {
		sent: undefined as unknown,
		get headersSent() {
			return res.headersSent;
		},
		status(code: number) {
			res.statusCode = code;
			return adapter;
		},
		json(body: unknown) {
			adapter.sent = body;
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(body));
			return adapter;
		},
		send(body: unknown) {
			adapter.sent = body;
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
			return adapter;
		},
		end() {
			res.end();
			return adapter;
		},
	};
	return adapter;
}

let counter = 0;

/** One workflow with a Grinfi Trigger, as n8n holds it: production state, plus a test session. */
export class N8nWorkflow {
	node: INode;
	production: Workflow;
	/** The workflow object of the current "listen for test event" session (TestWebhooks). */
	test?: Workflow;
	private additional: Record<Kind, ReturnType<typeof buildAdditionalData>> = {} as never;

	constructor(
		private readonly receiver: Receiver,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		parameters: IDataObject,
		readonly name = 'Reply Router',
	) {
		counter++;
		this.node = {
			id: `grinfi-trigger-${counter}`,
			name: 'Grinfi Trigger',
			type: TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
			credentials: { grinfiApi: { id: 'grinfiApi', name: 'grinfiApi' } },
			webhookId: `0000beef-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		};
		this.production = this.build({});
		receiver.attach(this);
	}

	private build(staticData: IDataObject): Workflow {
		const workflow = buildWorkflow([this.node], {}, `${this.node.webhookId}`, staticData);
		(workflow as { name: string }).name = this.name;
		return workflow;
	}

	/** n8n's production webhook base (WEBHOOK_URL + /webhook); a test may change it, as an operator might. */
	webhookBase?: string;

	private additionalData(workflow: Workflow) {
		return buildAdditionalData(workflow, this.credentials, {
			webhookBaseUrl: this.webhookBase ?? `${this.receiver.url}/webhook`,
			webhookTestBaseUrl: `${this.receiver.url}/webhook-test`,
		});
	}

	/** Changes the node's parameters (as saving the workflow in the editor does). */
	setParameters(parameters: IDataObject) {
		this.node.parameters = parameters as INode['parameters'];
	}

	staticData(kind: Kind = 'production'): IDataObject {
		const workflow = kind === 'production' ? this.production : this.test!;
		return JSON.parse(JSON.stringify(workflow.getStaticData('node', this.node)));
	}

	url(kind: Kind) {
		const base = kind === 'production' ? (this.webhookBase ?? `${this.receiver.url}/webhook`) : `${this.receiver.url}/webhook-test`;
		return `${base}/${this.node.webhookId}/webhook`;
	}

	private webhookData(workflow: Workflow, kind: Kind): IWebhookData {
		const description = nodeTypes.getByNameAndVersion(TRIGGER).description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: String(workflow.id),
			workflowExecuteAdditionalData: this.additionalData(workflow),
			webhookId: this.node.webhookId,
			isTest: kind === 'test' ? true : undefined,
		};
	}

	private hook(workflow: Workflow, kind: Kind, mode: 'trigger' | 'manual' | 'internal', activation: 'activate' | 'manual' | 'update') {
		const data = this.webhookData(workflow, kind);
		return new HookContext(workflow, this.node, data.workflowExecuteAdditionalData, mode, activation, data);
	}

	private methods() {
		return nodeTypes.getByNameAndVersion(TRIGGER).webhookMethods!.default!;
	}

	/** What n8n does to activate (production) or to listen for a test event (test URL). */
	async activate(kind: Kind = 'production'): Promise<void> {
		let workflow = this.production;
		if (kind === 'test') {
			// TestWebhooks builds the workflow from the saved entity: a copy of the production static data.
			this.test = this.build(JSON.parse(JSON.stringify(this.production.staticData)));
			workflow = this.test;
		}
		const mode = kind === 'test' ? 'manual' : 'trigger';
		const activation = kind === 'test' ? 'manual' : 'activate';
		const methods = this.methods();
		try {
			const exists = await methods.checkExists.call(this.hook(workflow, kind, mode, activation));
			if (!exists) await methods.create.call(this.hook(workflow, kind, mode, activation));
		} catch (error) {
			// n8n removes what may have been registered before reporting the failure.
			await this.deactivate(kind).catch(() => undefined);
			throw error;
		}
	}

	/** What n8n does on deactivation (production) or at the end of a test session. */
	async deactivate(kind: Kind = 'production'): Promise<boolean> {
		const workflow = kind === 'test' ? this.test! : this.production;
		return await this.methods().delete.call(this.hook(workflow, kind, 'internal', 'update'));
	}

	/** A request to one of the node's URLs, handed to webhook() as n8n does. */
	async receive(kind: Kind, httpRequest: IDataObject, httpResponse: unknown): Promise<IWebhookResponseData> {
		const workflow = kind === 'test' ? this.test! : this.production;
		const data = this.webhookData(workflow, kind);
		const additionalData = { ...data.workflowExecuteAdditionalData, httpRequest, httpResponse } as never;
		const context = new WebhookContext(workflow, this.node, additionalData, kind === 'test' ? 'manual' : 'webhook', data, [], null);
		return await nodeTypes.getByNameAndVersion(TRIGGER).webhook!.call(context);
	}
}
