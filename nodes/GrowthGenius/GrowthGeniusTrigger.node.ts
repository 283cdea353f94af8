import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ggRequest } from './profile';

const PATHS: Record<string, string> = {
	contact: '/integrations/v1/contacts',
	message: '/integrations/v1/messages',
};

/** Default overlap: twice the 30 s of clock skew between n8n and GrowthGenius we tolerate. */
const DEFAULT_OVERLAP_SECONDS = 60;
/** Hard bound of the seen-set; normally it only holds the changes of the overlap window. */
const MAX_SEEN = 5000;
/** A manual test run shows this many of the latest records. */
const SAMPLE_SIZE = 5;
const DAY_MS = 24 * 3600 * 1000;

type Event = 'created' | 'updated' | 'createdOrUpdated';

/** What the trigger keeps between polls, in the workflow's static data. */
interface PollState {
	/** The `to` (n8n clock, epoch ms) of the last successful poll. */
	cursor?: number;
	/** The resource the cursor belongs to; another resource starts over. */
	resource?: string;
	/**
	 * Changes already handled, pruned once they fall before the window: `s:<id>@<updated_at>` →
	 * updated_at, and `c:<id>` → created_at (the record's creation was handled).
	 */
	seen?: Record<string, number>;
}

function ms(value: unknown): number {
	return typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
}

/** Rails sets created_at and updated_at to the same instant on create. */
function isCreationState(record: IDataObject): boolean {
	const created = ms(record.created_at);
	const updated = ms(record.updated_at);
	return !Number.isNaN(created) && created === updated;
}

function stateKey(record: IDataObject): string {
	const updated = ms(record.updated_at);
	return `s:${String(record.id)}@${Number.isNaN(updated) ? String(record.updated_at) : updated}`;
}

function byUpdatedAt(a: IDataObject, b: IDataObject): number {
	return (ms(a.updated_at) || 0) - (ms(b.updated_at) || 0) || Number(a.id) - Number(b.id);
}

/** Drops what the server can no longer return (before `from`), then the oldest beyond the bound. */
function prune(seen: Record<string, number>, from: number): Record<string, number> {
	let entries = Object.entries(seen).filter(([, at]) => at >= from);
	if (entries.length > MAX_SEEN) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN);
	return Object.fromEntries(entries);
}

/**
 * Decides which records of a window are new changes for the chosen event, and records them as
 * seen. Each (id, updated_at) state is a change; a creation is the first sighting of an id whose
 * created_at lies in the window (so a contact created and edited between two polls is still a
 * creation).
 */
function newChanges(records: IDataObject[], seen: Record<string, number>, from: number, nowMs: number, event: Event): IDataObject[] {
	const out: IDataObject[] = [];
	for (const record of [...records].sort(byUpdatedAt)) {
		const key = stateKey(record);
		const updated = ms(record.updated_at);
		const created = ms(record.created_at);
		const newState = seen[key] === undefined;
		const createdKey = `c:${String(record.id)}`;
		const creation = seen[createdKey] === undefined && (Number.isNaN(created) ? isCreationState(record) : created >= from);
		seen[key] = Number.isNaN(updated) ? nowMs : updated;
		if (creation) seen[createdKey] = Number.isNaN(created) ? nowMs : created;
		if (event === 'created' ? creation : event === 'updated' ? newState && !isCreationState(record) : newState || creation) {
			out.push(record);
		}
	}
	return out;
}

async function fetchWindow(ctx: IPollFunctions, resource: string, from: number, to: number): Promise<IDataObject[]> {
	return await ggRequest(ctx, {
		method: 'GET',
		url: PATHS[resource],
		qs: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
	});
}

export class GrowthGeniusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GrowthGenius Trigger',
		name: 'growthGeniusTrigger',
		icon: { light: 'file:growthgenius.svg', dark: 'file:growthgenius.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] + ": " + $parameter["resource"]}}',
		description: 'Starts the workflow when GrowthGenius contacts or messages are created or updated (polling)',
		defaults: { name: 'GrowthGenius Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'growthGeniusApi', required: true }],
		properties: [
			{
				displayName:
					'GrowthGenius has no webhooks: this trigger asks for the records updated since its last poll. Each change starts the workflow once; a test run shows the latest few records.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Message', value: 'message' },
				],
				default: 'contact',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Created', value: 'created', description: 'A record was created', action: 'On new contact or message' },
					{ name: 'Created or Updated', value: 'createdOrUpdated', description: 'A record was created or changed', action: 'On new or updated contact or message' },
					{ name: 'Updated', value: 'updated', description: 'An existing record was changed', action: 'On updated contact or message' },
				],
				default: 'createdOrUpdated',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Overlap (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_OVERLAP_SECONDS,
						description:
							'How far back each poll reaches before the previous one, to catch changes stamped late by a GrowthGenius clock that runs behind n8n’s. Must exceed that clock difference; changes seen twice are still emitted once.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = this.getNodeParameter('resource', 'contact') as string;
		const event = this.getNodeParameter('event', 'createdOrUpdated') as Event;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const overlap = Math.max(0, Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS)) * 1000;
		const nowMs = Date.now();

		if (this.getMode() === 'manual') {
			// A sample for building the workflow: the latest few records, the cursor untouched.
			for (const days of [1, 7, 30, 365]) {
				const records = await fetchWindow(this, resource, nowMs - days * DAY_MS, nowMs + overlap);
				const matching = event === 'updated' ? records.filter((r) => !isCreationState(r)) : records;
				const latest = (event === 'created' ? 'created_at' : 'updated_at') as string;
				if (matching.length) {
					const sample = matching.sort((a, b) => (ms(b[latest]) || 0) - (ms(a[latest]) || 0) || Number(b.id) - Number(a.id)).slice(0, SAMPLE_SIZE);
					return [this.helpers.returnJsonArray(sample)];
				}
			}
			return null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		if (typeof state.cursor !== 'number' || state.resource !== resource) {
			// First poll after activation: start from now. What changed in the overlap before now is
			// recorded as seen, so the next poll's overlap does not replay it.
			const from = nowMs - overlap;
			const baseline = await fetchWindow(this, resource, from, nowMs + overlap);
			const seen: Record<string, number> = {};
			newChanges(baseline, seen, from, nowMs, event);
			state.cursor = nowMs;
			state.resource = resource;
			state.seen = prune(seen, from);
			return null;
		}

		const from = state.cursor - overlap;
		// A failed request throws here, before the state changes: the next poll repeats the window.
		const records = await fetchWindow(this, resource, from, nowMs);
		const seen = prune({ ...(state.seen ?? {}) }, from);
		const changes = newChanges(records, seen, from, nowMs, event);
		state.cursor = nowMs;
		state.seen = prune(seen, from);
		return changes.length ? [this.helpers.returnJsonArray(changes)] : null;
	}
}
