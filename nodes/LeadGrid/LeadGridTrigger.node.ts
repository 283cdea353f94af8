import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { panelEvents } from '../shared/describe';
import { verifyTimestampedSignature } from '../shared/signature';

/** Deliveries older or newer than this are refused, so a captured one cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

const EVENTS = [
	{ name: 'Dossier Created', value: 'dossier.created', description: 'A dossier was created (API, UI or email)' },
	{ name: 'Dossier Deleted', value: 'dossier.deleted', description: 'A dossier was archived' },
	{ name: 'Dossier Stage Changed', value: 'dossier.stage_changed', description: 'A dossier moved to another stage' },
	{ name: 'Dossier Updated', value: 'dossier.updated', description: 'Any field of a dossier changed' },
	{ name: 'Note Created', value: 'note.created', description: 'A note was added to a dossier' },
];

/** How long an accepted event ID is remembered: twice the tolerance, so a replay inside it is caught. */
const REMEMBER_MS = TOLERANCE_SECONDS * 2000;
/** Bound of the redelivery filter (entries of all LeadGrid Trigger URLs in this process). */
const MAX_REMEMBERED = 10_000;

/**
 * Event IDs accepted by this process, keyed by workflow, node, URL kind (production or test) and
 * event ID, so each workflow (and each URL of one node) gets every event once even when LeadGrid
 * delivers the same event to several endpoints. Value: when it was accepted (ms).
 */
const accepted = new Map<string, number>();

/** False only for an event ID this workflow's node (at this URL) accepted within REMEMBER_MS. */
function firstTime(scope: string, eventId: unknown, nowMs: number): boolean {
	// An event without an ID cannot be recognised again: never drop it.
	if ((typeof eventId !== 'string' && typeof eventId !== 'number') || eventId === '') return true;
	for (const [key, at] of accepted) {
		// Oldest first (insertion order): stop at the first one still remembered.
		if (nowMs - at <= REMEMBER_MS && accepted.size <= MAX_REMEMBERED) break;
		accepted.delete(key);
	}
	const key = `${scope}\u0000${String(eventId)}`;
	if (accepted.has(key)) return false;
	accepted.set(key, nowMs);
	return true;
}

export class LeadGridTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadGrid Trigger',
		name: 'leadGridTrigger',
		icon: { light: 'file:leadgrid.svg', dark: 'file:leadgrid.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on signed LeadGrid webhook events',
		defaults: { name: 'LeadGrid Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leadGridApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'LeadGrid has no API to register webhooks. Copy this node’s Production URL (above) into LeadGrid under Settings → API → Webhooks, and paste the endpoint’s signing secret into the LeadGrid credential. Every delivery is checked against that secret; unsigned, forged or stale ones are refused with 401 (the reason is written to n8n’s log). Each workflow receives every event once: a redelivery of an event ID it already received is ignored.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: panelEvents(EVENTS),
				default: ['dossier.stage_changed'],
				required: true,
				description: 'The events that start the workflow; other deliveries are acknowledged and ignored',
			},
		],
	};

	webhookMethods = {
		default: {
			/** Nothing can be registered at LeadGrid: "exists" means this URL was set up here before. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			/** Refuses to activate without a signing secret, since every delivery would then be refused. */
			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials('leadGridApi');
				if (!String(credentials.webhookSecret ?? '').trim()) {
					throw new NodeOperationError(
						this.getNode(),
						'The LeadGrid credential has no Webhook Signing Secret',
						{ description: 'Add the signing secret of your LeadGrid webhook endpoint to the credential, then activate again.' },
					);
				}
				this.getWorkflowStaticData('node').webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			/** Forgets the URL; the endpoint in LeadGrid is removed by the user. */
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const credentials = await this.getCredentials('leadGridApi');
		const header = this.getHeaderData()['x-leadgrid-signature'] as string | undefined;
		const rawBody = (request as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(this.getBodyData()));
		const check = verifyTimestampedSignature({
			header,
			rawBody,
			// A secret pasted with a space or line break around it is still the secret.
			secret: String(credentials.webhookSecret ?? '').trim(),
			toleranceSeconds: TOLERANCE_SECONDS,
		});
		if (!check.ok) {
			// The reason is for the n8n operator, not for whoever sent the request.
			this.logger.warn(`LeadGrid Trigger refused a delivery (401): signature ${check.reason}`, {
				workflowId: this.getWorkflow().id,
				node: this.getNode().name,
				reason: check.reason,
			});
			response.status(401).json({ error: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const event = this.getBodyData() as IDataObject;
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(String(event.type))) return {};
		const scope = `${String(this.getWorkflow().id ?? '')}\u0000${this.getNode().id}\u0000${this.getMode() === 'manual' ? 'test' : 'production'}`;
		if (!firstTime(scope, event.id, Date.now())) {
			this.logger.debug(`LeadGrid Trigger ignored a redelivery of event ${String(event.id)}`, { workflowId: this.getWorkflow().id, node: this.getNode().name });
			return {};
		}
		return {
			workflowData: [
				this.helpers.returnJsonArray({ id: event.id, type: event.type, created_at: event.created_at, data: event.data }),
			],
		};
	}
}
