import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { panelEvents } from '../shared/describe';
import { fetchPages } from '../shared/transport';
import { grinfi } from './profile';
import { GRINFI_EVENTS } from './trigger/events';
import { checkExists, create, kindOf, remove, verifyDelivery } from './trigger/lifecycle';
import { simplifyDelivery } from './trigger/simplify';

/** Pages (of 100) read at most to fill a dropdown. */
const MAX_OPTION_PAGES = 10;

/** Every record of a Grinfi list, for a dropdown, sorted by name (`unpaged`: a list Grinfi returns whole). */
async function optionsOf(
	ctx: ILoadOptionsFunctions,
	request: IHttpRequestOptions,
	toOption: (record: IDataObject) => INodePropertyOptions,
	paging: 'qs' | 'unpaged' = 'qs',
): Promise<INodePropertyOptions[]> {
	const { records } = await fetchPages(ctx, grinfi, { method: 'GET', json: true, ...request }, MAX_OPTION_PAGES * grinfi.pager!.maxPageSize, paging);
	return records.map(toOption).sort((a, b) => a.name.localeCompare(b.name));
}

const named = (r: IDataObject): INodePropertyOptions => ({ name: String(r.name ?? r.uuid), value: String(r.uuid) });

export class GrinfiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grinfi Trigger',
		name: 'grinfiTrigger',
		icon: { light: 'file:grinfi.svg', dark: 'file:grinfi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Grinfi reports replies, sent messages, opens, clicks and contact changes',
		defaults: { name: 'Grinfi Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'grinfiApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Activating the workflow registers one webhook per event in Grinfi (named “n8n: workflow – event”); deactivating removes them. Grinfi does not sign deliveries, so each registered URL carries a random token (made at registration, kept only by Grinfi) and deliveries without the token of one of this node’s webhooks are refused. Changing the API key to another key of the same Grinfi team keeps deliveries working; a key of another team needs the workflow to be activated again.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: panelEvents(GRINFI_EVENTS),
				default: ['contact_replied_linkedin_message'],
				required: true,
				description: 'The events that start the workflow. Grinfi takes one event per webhook, so one webhook is registered for each.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Only deliver events of contacts that match all the filters chosen',
				options: [
					{
						displayName: 'Automation Names or IDs',
						name: 'automations',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getAutomations' },
						default: [],
						description:
							'Only contacts in one of these automations. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Custom Filters (JSON)',
						name: 'customFilters',
						type: 'json',
						default: '',
						description:
							'Grinfi’s own filter object (jsonLogic tree), sent as the webhook’s filters. Replaces the other filters, so use it alone.',
					},
					{
						displayName: 'List Names or IDs',
						name: 'lists',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getLists' },
						default: [],
						description:
							'Only contacts in one of these lists. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Pipeline Stage Names or IDs',
						name: 'pipelineStages',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getPipelineStages' },
						default: [],
						description:
							'Only contacts in one of these pipeline stages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Tag Names or IDs',
						name: 'tags',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getTags' },
						default: [],
						description:
							'Only contacts with at least one of these tags. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description:
					'Whether to output only the event, the contact’s name, email, LinkedIn URL and company, and the message text, instead of the delivery as Grinfi sent it',
			},
		],
	};

	methods = {
		loadOptions: {
			async getAutomations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await optionsOf(this, { url: '/flows/api/flows' }, (f) => ({
					name: f.status ? `${String(f.name)} (${String(f.status)})` : String(f.name ?? f.uuid),
					value: String(f.uuid),
				}));
			},
			async getLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await optionsOf(this, { url: '/leads/api/lists' }, named);
			},
			async getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await optionsOf(this, { url: '/leads/api/tags' }, named, 'unpaged');
			},
			async getPipelineStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await optionsOf(
					this,
					{ url: '/leads/api/pipeline-stages', qs: { filter: JSON.stringify({ object: 'lead' }) } },
					(s) => ({ name: s.category ? `${String(s.name)} (${String(s.category)})` : String(s.name), value: String(s.uuid) }),
					'unpaged',
				);
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const given = this.getQueryData() as IDataObject;
		const token = typeof given.secret === 'string' ? given.secret : '';
		const where = { workflowId: this.getWorkflow().id, node: this.getNode().name };
		let verdict: Awaited<ReturnType<typeof verifyDelivery>>;
		try {
			verdict = await verifyDelivery(this, kindOf(this.getMode()), token);
		} catch (error) {
			// Grinfi's list could not be read: the delivery may well be genuine, so not a 401.
			this.logger.warn(`Grinfi Trigger could not check a delivery (503): ${(error as Error).message}`, where);
			this.getResponseObject().status(503).json({ error: 'The delivery could not be checked now; try again later.' });
			return { noWebhookResponse: true };
		}
		if (verdict !== 'accepted') {
			this.logger.warn('Grinfi Trigger refused a delivery (401): its token is not one of a webhook Grinfi holds for this URL', where);
			this.getResponseObject().status(401).json({ error: 'This URL only accepts deliveries of the Grinfi webhooks n8n registered.' });
			return { noWebhookResponse: true };
		}
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const events = this.getNodeParameter('events', []) as string[];
		if (typeof body.event_name !== 'string' || !events.includes(body.event_name)) return {};
		const simplify = this.getNodeParameter('simplify', false) as boolean;
		return { workflowData: [this.helpers.returnJsonArray(simplify ? simplifyDelivery(body) : body)] };
	}
}
