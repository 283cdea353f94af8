import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { createHash } from 'crypto';

import { ggRequest } from './profile';

const PATHS: Record<string, string> = {
	contact: '/integrations/v1/contacts',
	message: '/integrations/v1/messages',
};

/** Default overlap: twice the 30 s of clock skew between n8n and GrowthGenius we tolerate. */
const DEFAULT_OVERLAP_SECONDS = 60;
/** Hard bound of the seen-set; normally it only holds the changes of the overlap window. */
const MAX_SEEN = 5000;
/**
 * Items one poll emits at most. After a long outage the window holds every change since the last
 * poll; the oldest MAX_ITEMS_PER_POLL start this execution and the next polls continue after them.
 */
const MAX_ITEMS_PER_POLL = 500;
/** A manual test run shows this many of the latest records. */
const SAMPLE_SIZE = 5;
const DAY_MS = 24 * 3600 * 1000;

type Event = 'created' | 'updated' | 'createdOrUpdated';

/** What the trigger keeps between polls, in the workflow's static data. */
interface PollState {
	/**
	 * Where the next poll's window starts (before the overlap), epoch ms: the `to` of the last
	 * poll, or while catching up after a poll that hit MAX_ITEMS_PER_POLL, the updated_at of the
	 * last record it handled. Never moves back.
	 */
	cursor?: number;
	/** The resource the cursor belongs to; another resource starts over. */
	resource?: string;
	/**
	 * Changes already handled, pruned once they fall before the window: `s:<id>@<updated_at>` (or
	 * `s:<id>#<content hash>` for a record without updated_at) → its time, `c:<id>` → created_at
	 * (the record's creation was handled), `n:<id>` → when a record without created_at was first
	 * seen (that first sighting was its creation).
	 */
	seen?: Record<string, number>;
	/** While catching up: creations from here on (ms) still count, though before the window. */
	floor?: number;
	/**
	 * Records without created_at whose first sighting fell out of the seen-set: IDs up to this one
	 * were seen, so seeing one again (after an update) is no creation. GrowthGenius IDs grow.
	 */
	idFloor?: number;
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
	if (!Number.isNaN(updated)) return `s:${String(record.id)}@${updated}`;
	// No updated_at (messages are documented with sent_at only): the content tells states apart.
	return `s:${String(record.id)}#${createHash('sha1').update(JSON.stringify(record)).digest('hex').slice(0, 16)}`;
}

function byUpdatedAt(a: IDataObject, b: IDataObject): number {
	return (ms(a.updated_at) || 0) - (ms(b.updated_at) || 0) || Number(a.id) - Number(b.id);
}

/**
 * Drops what the server can no longer return: states before `from`, creations before `floor`;
 * the first sightings dropped raise the ID floor. Then the oldest beyond the bound.
 */
function prune(state: PollState, seen: Record<string, number>, from: number): Record<string, number> {
	const floor = Math.min(from, state.floor ?? from);
	let entries = Object.entries(seen).filter(([key, at]) => {
		const keep = at >= (key.startsWith('s:') ? from : floor);
		if (!keep && key.startsWith('n:')) {
			const id = Number(key.slice(2));
			if (Number.isFinite(id)) state.idFloor = Math.max(state.idFloor ?? -Infinity, id);
		}
		return keep;
	});
	if (entries.length > MAX_SEEN) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN);
	return Object.fromEntries(entries);
}

interface Scan {
	changes: IDataObject[];
	/** The last record handled when the poll stopped at `limit` items; undefined when all were. */
	stoppedAt?: IDataObject;
}

/**
 * Decides which records of a window are new changes for the chosen event, and records them as
 * seen, oldest first, stopping once `limit` changes are found. Each (id, updated_at) state is a
 * change; a creation is the first sighting of an id whose created_at is at or after `floor` (so
 * a contact created and edited between two polls is still a creation), or of an id without
 * created_at above the ID floor (first sighting counts).
 */
function newChanges(
	records: IDataObject[],
	seen: Record<string, number>,
	floor: number,
	idFloor: number,
	nowMs: number,
	event: Event,
	limit = Infinity,
): Scan {
	const changes: IDataObject[] = [];
	const sorted = [...records].sort(byUpdatedAt);
	for (let i = 0; i < sorted.length; i++) {
		if (changes.length >= limit) return { changes, stoppedAt: sorted[i - 1] };
		const record = sorted[i];
		const key = stateKey(record);
		const updated = ms(record.updated_at);
		const created = ms(record.created_at);
		const newState = seen[key] === undefined;
		let creation: boolean;
		if (Number.isNaN(created)) {
			const id = Number(record.id);
			const createdKey = `n:${String(record.id)}`;
			creation = seen[createdKey] === undefined && !(Number.isFinite(id) && id <= idFloor);
			if (creation) seen[createdKey] = nowMs;
		} else {
			const createdKey = `c:${String(record.id)}`;
			creation = seen[createdKey] === undefined && created >= floor;
			if (creation) seen[createdKey] = created;
		}
		seen[key] = Number.isNaN(updated) ? nowMs : updated;
		// Without created_at the first sighting is the creation; with it, Rails' equal stamps are.
		const update = newState && (Number.isNaN(created) ? !creation : !isCreationState(record));
		if (event === 'created' ? creation : event === 'updated' ? update : newState || creation) {
			changes.push(record);
		}
	}
	return { changes };
}

async function fetchWindow(ctx: IPollFunctions, resource: string, from: number, to: number): Promise<IDataObject[]> {
	return await ggRequest(ctx, {
		method: 'GET',
		url: PATHS[resource],
		qs: { from: new Date(from).toISOString(), to: new Date(Math.max(from, to)).toISOString() },
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
					'GrowthGenius has no webhooks: this trigger asks for the records updated since its last poll. Each change starts the workflow once; after a long pause a poll starts at most 500 items and the next polls continue where it stopped. A test run shows the latest few records.',
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
			newChanges(baseline, seen, from, -Infinity, nowMs, event);
			state.cursor = nowMs;
			state.resource = resource;
			delete state.floor;
			delete state.idFloor;
			state.seen = prune(state, seen, from);
			return null;
		}

		const from = state.cursor - overlap;
		// A clock that went back never moves the window back: `to` is at least the last `to`.
		const to = Math.max(nowMs, state.cursor);
		// A failed request throws here, before the state changes: the next poll repeats the window.
		const records = await fetchWindow(this, resource, from, to);
		const floor = Math.min(from, state.floor ?? from);
		const seen = { ...(state.seen ?? {}) };
		const { changes, stoppedAt } = newChanges(records, seen, floor, state.idFloor ?? -Infinity, nowMs, event, MAX_ITEMS_PER_POLL);
		if (stoppedAt) {
			// More changes wait: the next poll continues after the last record handled (records with
			// the same updated_at that were not handled are in its window; those handled are seen).
			// A record without updated_at gives no place to continue from: the window stays.
			const stamp = ms(stoppedAt.updated_at);
			state.cursor = Number.isNaN(stamp) ? state.cursor : Math.max(state.cursor, Math.min(stamp, to));
			state.floor = floor;
		} else {
			state.cursor = to;
			delete state.floor;
		}
		state.seen = prune(state, seen, state.cursor - overlap);
		return changes.length ? [this.helpers.returnJsonArray(changes)] : null;
	}
}
