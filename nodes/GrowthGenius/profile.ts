import type {
	FunctionsBase,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../shared/request';
import type { ApiProfile, RequestContext } from '../shared/transport';
import { apiRequest, jsonBody } from '../shared/transport';

export const CREDENTIAL = 'growthGeniusApi';

/** The envelopes GrowthGenius wraps records in, request and response alike. */
const ENVELOPES = ['contact', 'contacts', 'message', 'messages', 'users', 'user'];

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim()) return value;
	if (Array.isArray(value) && value.length) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
	if (value && typeof value === 'object') {
		const object = value as IDataObject;
		if (typeof object.message === 'string') return object.message;
		const parts = Object.entries(object).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
		return parts.length ? parts.join('; ') : undefined;
	}
	return undefined;
}

/**
 * GrowthGenius integrations API v1: `Authorization: <key>` with no "Bearer", `user_id` in the
 * query of every call but the User API, bodies and responses wrapped in `contact`/`message`
 * (lists in `contacts`/`messages`/`users`), no server pagination.
 *
 * The rate limit is not documented, so none is invented: requests of one API key go out at the
 * shared transport's bounded concurrency without pacing, and only a 429 slows the key down (it pauses
 * until Retry-After, then allows itself what got through in a minute, growing back as the API stays
 * quiet).
 */
export const growthGenius: ApiProfile = {
	name: 'GrowthGenius',
	credentialType: CREDENTIAL,
	secretField: 'apiKey',
	requestsPerMinute: undefined,
	checkSecret(key) {
		if (!key.trim()) return 'The GrowthGenius credential has no API Key. Paste your GrowthGenius API key into the credential.';
		if (/^bearer\s/i.test(key.trim())) {
			return 'The API Key in the GrowthGenius credential starts with "Bearer". GrowthGenius expects the key alone: remove "Bearer " from the credential.';
		}
		return undefined;
	},
	errorOf(body, statusCode) {
		const envelope = (body ?? {}) as IDataObject;
		const message = text(envelope.error) ?? text(envelope.errors) ?? text(envelope.message) ?? `HTTP ${statusCode}`;
		return { message };
	},
	unwrap(body) {
		if (body && typeof body === 'object' && !Array.isArray(body)) {
			for (const key of ENVELOPES) {
				const value = (body as IDataObject)[key];
				if (value !== undefined && value !== null && typeof value === 'object') return value as IDataObject | IDataObject[];
			}
		}
		return (body ?? {}) as IDataObject | IDataObject[];
	},
	statusHints: {
		401: 'Check the API Key in the GrowthGenius credential; it is sent without "Bearer".',
		403: 'The User ID in the GrowthGenius credential may belong to another team.',
		404: 'No record with that ID (it may have been deleted).',
	},
};

/** The credential's User ID, or a clear error naming the field; nothing is sent without it. */
export function userIdOf(credentials: ICredentialDataDecryptedObject, fail: (message: string, description: string) => Error): string {
	const userId = String(credentials.userId ?? '').trim();
	const how = 'Open the GrowthGenius credential and fill in User ID. To find it, run the GrowthGenius node with Resource "User" and Operation "Get Many" (it does not need a User ID) and copy the "id" of your user.';
	if (!userId) throw fail('User ID is missing in the GrowthGenius credential', how);
	if (!/^\d+$/.test(userId)) throw fail(`User ID in the GrowthGenius credential must be a number, got "${userId}"`, how);
	return userId;
}

/**
 * A request outside declarative routing (list searches, the trigger's polls): the credential's
 * base URL, `user_id` unless it is the User API, sent through the shared transport. Returns the
 * unwrapped records.
 */
export async function ggRequest(
	ctx: RequestContext & Pick<FunctionsBase, 'getCredentials'>,
	options: IHttpRequestOptions,
	scoped = true,
): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	const qs: IDataObject = { ...(options.qs ?? {}) };
	if (scoped) {
		qs.user_id = userIdOf(credentials, (message, description) => new NodeOperationError(ctx.getNode(), message, { description }));
	}
	const response = await apiRequest.call(ctx, growthGenius, {
		method: 'GET',
		json: true,
		...options,
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
		qs,
	});
	const records = growthGenius.unwrap(jsonBody(response.body));
	return Array.isArray(records) ? records : [records];
}

/** The credential's User ID per execution and node: one credential read serves every item of a run. */
const userIdsOfRun = new Map<string, Promise<unknown>>();
const MAX_RUNS_REMEMBERED = 20;

async function credentialUserId(ctx: IExecuteSingleFunctions): Promise<unknown> {
	const read = async () => (await ctx.getCredentials(CREDENTIAL)).userId;
	const executionId = ctx.getExecutionId();
	if (!executionId) return await read();
	const key = `${executionId}\u0000${ctx.getNode().id}`;
	let userId = userIdsOfRun.get(key);
	if (!userId) {
		userId = read();
		// a failed read is not remembered: the next item reads again
		userId.catch(() => userIdsOfRun.delete(key));
		userIdsOfRun.set(key, userId);
		while (userIdsOfRun.size > MAX_RUNS_REMEMBERED) userIdsOfRun.delete(userIdsOfRun.keys().next().value as string);
	}
	return await userId;
}

/** preSend of every operation: `user_id` in the query, except for the User API. */
export async function addUserId(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('resource', '') === 'user') return options;
	const credentials = { userId: await credentialUserId(this) } as ICredentialDataDecryptedObject;
	const itemIndex = this.getItemIndex();
	const userId = userIdOf(credentials, (message, description) => new NodeOperationError(this.getNode(), message, { itemIndex, description }));
	return { ...options, qs: { ...(options.qs ?? {}), user_id: userId } };
}

/** postReceive of Get Many: the API has no pagination, so Limit is applied here. */
export async function limitLocally(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('returnAll', false) as boolean) return items;
	const limit = this.getNodeParameter('limit', 50) as number;
	return items.slice(0, Math.max(0, limit));
}

/** postReceive of Delete: an empty answer becomes `{id, deleted: true}`. */
export function deleted(param: 'contactId' | 'messageId') {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const id = String(this.getNodeParameter(param, '', { extractValue: true }) ?? '').trim();
		return items.map((item) =>
			item.json.success === true && Object.keys(item.json).length === 1 ? { ...item, json: { id: Number(id), deleted: true } } : item,
		);
	};
}

/** Minutes east of UTC of `timeZone` at `date`. */
function zoneOffsetMinutes(timeZone: string, date: Date): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(date);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * A date parameter as epoch ms. Values without a zone (what n8n's date picker gives) are read in
 * the workflow's time zone.
 */
export function parseDate(value: unknown, timeZone: string): number {
	if (value instanceof Date) return value.getTime();
	const raw = String(value ?? '').trim();
	if (!raw) return NaN;
	if (/^\d+$/.test(raw)) return Number(raw) * (raw.length <= 10 ? 1000 : 1);
	const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(raw);
	const normalized = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00` : raw;
	if (hasZone) return Date.parse(normalized);
	const naive = Date.parse(`${normalized}Z`);
	if (Number.isNaN(naive)) return NaN;
	let offset = 0;
	try {
		offset = zoneOffsetMinutes(timeZone || 'UTC', new Date(naive));
	} catch {
		offset = 0;
	}
	return naive - offset * 60000;
}

/**
 * preSend of the "updated between" lists: From is required, To defaults to now, both go out as
 * UTC ISO timestamps, and From after To is refused before anything is sent.
 */
export async function dateRange(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const timeZone = this.getTimezone();
	const rawFrom = this.getNodeParameter('from', '');
	const rawTo = this.getNodeParameter('to', '');
	if (!String(rawFrom ?? '').trim()) throw parameterError(this, 'From', 'is required');
	const from = parseDate(rawFrom, timeZone);
	if (Number.isNaN(from)) throw parameterError(this, 'From', `is not a date: "${String(rawFrom)}"`);
	const to = String(rawTo ?? '').trim() ? parseDate(rawTo, timeZone) : Date.now();
	if (Number.isNaN(to)) throw parameterError(this, 'To', `is not a date: "${String(rawTo)}"`);
	if (from > to) {
		throw parameterError(
			this,
			'From',
			`(${new Date(from).toISOString()}) is after To (${new Date(to).toISOString()})`,
			'Records are returned when they were updated between From and To: set From to the earlier date.',
		);
	}
	return { ...options, qs: { ...(options.qs ?? {}), from: new Date(from).toISOString(), to: new Date(to).toISOString() } };
}

const NUMERIC_FIELDS: Record<string, string> = {
	contact_id: 'Contact',
	team_id: 'Team ID',
	user_id: 'User ID',
	employee_count: 'Employee Count',
};

/**
 * preSend of Create and Update: the fields the parameters put in the body go out wrapped as
 * `{"<envelope>": {...}}`. On Create blank fields are left out; on Update a field added but left
 * blank is cleared (sent as null). ID fields must be numbers.
 */
export function wrapBody(envelope: 'contact' | 'message', mode: 'create' | 'update') {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const fields: IDataObject = {};
		for (const [key, value] of Object.entries((options.body ?? {}) as IDataObject)) {
			if (value === undefined) continue;
			if (value === '') {
				if (mode === 'update') fields[key] = null;
				continue;
			}
			if (key === 'sent_at' && value !== null) {
				const at = parseDate(value, this.getTimezone());
				if (Number.isNaN(at)) throw parameterError(this, 'Sent At', `is not a date: "${String(value)}"`);
				fields[key] = new Date(at).toISOString();
				continue;
			}
			const label = NUMERIC_FIELDS[key];
			if (label && value !== null && typeof value !== 'number') {
				const raw = String(value).trim();
				if (!/^\d+$/.test(raw)) throw parameterError(this, label, `must be a number, got "${raw}"`);
				fields[key] = Number(raw);
				continue;
			}
			fields[key] = value;
		}
		if (!Object.keys(fields).length) {
			throw parameterError(this, mode === 'update' ? 'Update Fields' : 'Fields', 'needs at least one value');
		}
		return { ...options, body: { [envelope]: fields } };
	};
}
