'use strict';
/**
 * Grinfi.io API sandbox, written from the vendor's references (grinfi-openapi.yaml v2.0.0, the field notes,
 * the known-issues page, the overview and the April 2026 changelog). It serves every documented endpoint
 * with in-memory state so the jest tests (through n8n's engine), the end-to-end tests and `npm run dev` can
 * run the Grinfi nodes without an account.
 *
 * What it reproduces, because clients must cope with it:
 * - `Authorization: Bearer <key>`; 401 otherwise. 300 requests/minute per key, 429 + Retry-After.
 * - Errors in Grinfi's envelope `{error: {reason, message, data}, message, code}` (Laravel-style messages).
 * - Three filter syntaxes: a JSON body `filter` object (search/count/mass action/export/group counts),
 *   `filter[field]=…` query keys on GET lists (flat keys such as `?type=` are silently ignored), and a
 *   required JSON-string `filter` query parameter on activities and pipeline stages.
 * - List envelopes exactly as the OpenAPI schemas give them: `{data, limit, offset, total, has_more}` on most,
 *   `has_more` missing on contact search, GET companies, lists, tasks, emails, mailboxes and activities, and
 *   only `{data}` on tags, pipeline stages, custom fields, notes, enrichment queue, email bodies and mailbox
 *   errors. The header `X-Sandbox-Omit-Has-More: 1` drops `has_more` from any list. `limit` is clamped to 100.
 * - Lists whose operation documents no `limit`/`offset` (tags, pipeline stages, automation folders, webhooks)
 *   ignore them and answer the whole list ("Retrieve all tags"). `server.inject({path, ignorePaging: true})`
 *   makes any list ignore `offset` (core.js), as a misbehaving endpoint would.
 * - The known issues: validate-node without before/after → 500, unknown flows-leads (and task / conversation)
 *   filter keys → 500, createFlowVersion with no contact source → 422, AI template create without
 *   `is_public` → 500, deleted AI templates still readable, PUT /leads ignoring custom fields.
 * - Webhooks: the 19 events of the create schema, jsonLogic filters, deliveries built from the
 *   webhook-payload schema (`state.fireEvent`).
 */
const http = require('node:http');
const https = require('node:https');
const { randomUUID, randomBytes } = require('node:crypto');
const { ContractServer, HttpError, Table } = require('./core');

// ---------------------------------------------------------------------------------------------------------
// Constants from the OpenAPI file
// ---------------------------------------------------------------------------------------------------------

const TEAM_ID = 134;
const USER_ID = 20;
const MAX_LIMIT = 100;
/**
 * Contact search's result window (Elasticsearch; field notes: "10K limit per search", offset + limit): a page
 * with offset + limit past it is refused with a 422, whatever the filter; `total` stays the real count. No other
 * list has the window (the references give it for contact search only).
 */
const SEARCH_WINDOW = 10_000;
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const OMIT_HAS_MORE_HEADER = 'x-sandbox-omit-has-more';
const APP_URL = 'https://leadgen.grinfi.io';

const WEBHOOK_EVENTS = [
	'sender_profile_sent_email',
	'sender_profile_sent_linkedin_message',
	'sender_profile_sent_linkedin_connection_request',
	'sender_profile_sent_linkedin_inmail',
	'contact_accepted_linkedin_connection_request',
	'contact_replied_email',
	'contact_replied_linkedin_message',
	'contact_replied_linkedin_inmail',
	'contact_opened_email',
	'contact_clicked_email',
	'contact_unsubscribed_email',
	'email_bounced',
	'contact_enriched',
	'contact_exported',
	'contact_created',
	'contact_updated',
	'contact_deleted',
	'contact_tag_added',
	'contact_pipeline_stage_changed',
];
const HTTP_METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'];
const TASK_TYPES = [
	'linkedin_send_message',
	'linkedin_send_connection_request',
	'linkedin_send_inmail',
	'linkedin_like_latest_post',
	'linkedin_endorse_skills',
	'linkedin_withdraw_connection_request',
	'email_send_message',
	'trigger_linkedin_connection_request_accepted',
];
const FLOW_NODE_TYPES = [
	'trigger_message_replied', 'trigger_linkedin_connection_request_accepted', 'trigger_email_opened', 'trigger_link_clicked',
	'trigger_website_page_visited', 'linkedin_send_connection_request', 'linkedin_send_message', 'linkedin_send_inmail',
	'linkedin_visit_profile', 'linkedin_like_latest_post', 'linkedin_comment_latest_post', 'linkedin_endorse_skills',
	'linkedin_find_contact', 'linkedin_withdraw_connection_request', 'email_send_message', 'email_search_waterflow',
	'rule_ab_test', 'rule_filter', 'rule_manual_router', 'ai_rule_filter', 'util_timer', 'util_hodor', 'gs_add_tag',
	'gs_remove_tag', 'gs_change_list', 'gs_change_pipeline_stage', 'gs_change_sender_profile', 'gs_rotate_sender_profile',
	'gs_continue_automation', 'gs_remove_from_all_automations', 'gs_send_to_flow', 'gs_call_api', 'gs_trigger_custom_webhook',
	'integration_export_to_crm', 'phone_call_phone', 'gs_enqueue_for_enrichment', 'end', 'custom',
];
const DATA_SOURCE_TYPES = [
	'csv_leads', 'sn_leads_search', 'sn_leads_saved_search', 'sn_leads_list', 'sn_accounts_search', 'sn_accounts_saved_search',
	'sn_accounts_list', 'ln_leads_search', 'ln_accounts_search', 'ln_my_network', 'ln_my_messenger', 'post_engagement',
	'recruiter_leads_search',
];
const LEAD_METRICS = [
	'linkedin_connection_request_sent_count', 'linkedin_connection_request_accepted_count', 'linkedin_sent_count',
	'linkedin_opened_count', 'linkedin_inbox_count', 'linkedin_inmail_sent_count', 'linkedin_inmail_replied_count',
	'email_sent_count', 'email_opened_count', 'email_clicked_count', 'email_bounced_count', 'email_unsubscribed_count',
	'email_inbox_count',
];
const LEAD_GROUP_BY = ['sender_profiles', 'flows', 'lists', 'tags', 'pipeline_stages', 'workflows', 'date'];
const LEAD_MASS_ACTIONS = [
	'contact_add_tags', 'contact_remove_tags', 'contact_replace_tags', 'contact_change_list', 'contact_change_pipeline_stage',
	'contact_change_custom_field', 'contact_add_to_flow', 'contact_cancel_from_flows', 'contact_delete', 'contact_export_csv',
	'contact_mark_read',
];
const COMPANY_MASS_ACTIONS = ['company_add_tags', 'company_remove_tags', 'company_replace_tags', 'company_change_pipeline_stage', 'company_delete'];
const AI_TEMPLATE_TYPES = ['message', 'connection_note', 'email', 'post_comment'];
const ATTACHMENT_EXTENSIONS = ['png', 'gif', 'jpg', 'jpeg', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'mp4', 'mov'];
/** Fields a CSV column may be mapped to (besides custom field names); `skip` drops the column. */
const LEAD_IMPORT_TARGETS = [
	'linkedin_id', 'first_name', 'last_name', 'name', 'company_name', 'position', 'headline', 'about', 'email', 'work_email',
	'personal_email', 'linkedin', 'ln_id', 'sn_id', 'raw_address', 'work_phone_number', 'personal_phone_number', 'facebook',
	'twitter', 'domain', 'avatar_url', 'skip',
];
const COMPANY_IMPORT_TARGETS = ['name', 'domain', 'website', 'linkedin', 'industry', 'employees_range', 'hq_raw_address', 'phone', 'about', 'skip'];

// ---------------------------------------------------------------------------------------------------------
// Errors: Grinfi's envelope `{error: {reason, message, data}, message, code}`
// ---------------------------------------------------------------------------------------------------------

const REASONS = {
	400: 'bad_request',
	401: 'auth_exception',
	402: 'payment_required',
	403: 'access_denied',
	404: 'not_found',
	405: 'method_not_allowed',
	422: 'validation_error',
	429: 'too_many_requests',
	500: 'server_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

function errorBody(status, reason, message, data = {}) {
	return { error: { reason, message, data }, message: status === 422 ? 'The given data was invalid.' : message, code: status };
}

/** The envelope for the errors core.js raises itself (404/405 routing, 429, injected faults, crashes). */
function coreErrorBody(status, code, message) {
	if (code === 'rate_limited') return errorBody(status, 'too_many_requests', 'Too Many Attempts.');
	if (code === 'internal') return errorBody(status, 'server_error', 'Server Error', { exception: message });
	return errorBody(status, code === 'injected' ? REASONS[status] || 'error' : code, message);
}

const fail = (status, message, data) => new HttpError(status, errorBody(status, REASONS[status] || 'error', message, data));
const notFound = (what) => fail(404, `${what} not found.`);
const badRequest = (message) => fail(400, message);
const paymentRequired = (message = 'Insufficient credits to perform this action.') => fail(402, message);
const serverError = (exception) => new HttpError(500, errorBody(500, 'server_error', 'Server Error', exception ? { exception } : {}));
const validationError = (errors) => new HttpError(422, errorBody(422, 'validation_error', Object.values(errors)[0][0], errors));
const invalid = (field, message) => validationError({ [field]: [message] });
const invalidSelection = (field) => invalid(field, `The selected ${attr(field)} is invalid.`);

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNullish = (v) => v === null || v === undefined;
const toIso = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
/** A clock whose timestamps strictly increase, so records created in one millisecond still sort in order. */
function monotonicClock() {
	let last = 0;
	return () => {
		last = Math.max(Date.now(), last + 1);
		return toIso(last);
	};
}
/** Seeded records have fixed, UUID-shaped ids (`a1000000-0000-4000-8000-000000000001`) that examples can name. */
const fixedId = (prefix, n) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** The JSON body as an object; malformed JSON is a 400 (form-encoded bodies fall through to validation errors). */
const bodyOf = (req) => {
	if (req.body === undefined && req.raw?.length && /json/i.test(req.contentType || '')) throw fail(400, 'The request body is not valid JSON.');
	return isObject(req.body) ? req.body : {};
};
const queryOf = (req) => Object.fromEntries(req.searchParams);
const ok = (body) => ({ status: 200, body });
const created = (body) => ({ status: 201, body });
const noContent = () => ({ status: 204 });
const pick = (source, fields) => Object.fromEntries(fields.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]));
const truthyFlag = (v) => v === true || v === 1 || v === '1' || v === 'true';
const hash = () => randomBytes(16).toString('hex');
const seqOf = (row) => row._seq ?? 0;

function getPath(obj, path) {
	return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

function deepMerge(target, source) {
	if (!isObject(source)) return source === undefined ? target : source;
	const out = isObject(target) ? { ...target } : {};
	for (const [k, v] of Object.entries(source)) out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k], v) : v;
	return out;
}

/** Records keyed by a field other than `id` (Grinfi uses `uuid`; browsers and teams use integer `id`). */
class Store extends Table {
	constructor(key = 'uuid') {
		super();
		this.key = key;
		this.seq = 0;
	}
	insert(row) {
		if (!Object.prototype.hasOwnProperty.call(row, '_seq')) Object.defineProperty(row, '_seq', { value: ++this.seq, enumerable: false });
		this.rows.set(String(row[this.key]), row);
		return row;
	}
	find(predicate) {
		for (const row of this.rows.values()) if (predicate(row)) return row;
		return undefined;
	}
	where(predicate) {
		return this.all().filter(predicate);
	}
	clear() {
		this.rows.clear();
	}
	get size() {
		return this.rows.size;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Validation (Laravel-style messages: "The list uuid field is required.")
// ---------------------------------------------------------------------------------------------------------

function attr(path) {
	return path.replace(/_/g, ' ');
}

const CHECKS = {
	string: (v) => (typeof v === 'string' ? null : 'The :attr must be a string.'),
	/** Laravel's integer: numbers and numeric strings. */
	integer: (v) => (typeof v !== 'boolean' && String(v).trim() !== '' && Number.isInteger(Number(v)) ? null : 'The :attr must be an integer.'),
	/** A JSON integer, no strings (flow node ids). */
	int: (v) => (Number.isInteger(v) ? null : 'The :attr must be an integer.'),
	boolean: (v) => ([true, false, 0, 1, '0', '1'].includes(v) ? null : 'The :attr field must be true or false.'),
	array: (v) => (Array.isArray(v) ? null : 'The :attr must be an array.'),
	object: (v) => (isObject(v) ? null : 'The :attr must be an object.'),
	in: (v, arg) => (arg.split(',').includes(String(v)) ? null : 'The selected :attr is invalid.'),
	min: (v, arg) => {
		const n = Number(arg);
		if (Array.isArray(v)) return v.length >= n ? null : `The :attr must have at least ${n} items.`;
		if (typeof v === 'string') return v.length >= n ? null : `The :attr must be at least ${n} characters.`;
		return Number(v) >= n ? null : `The :attr must be at least ${n}.`;
	},
	max: (v, arg) => {
		const n = Number(arg);
		if (typeof v === 'string') return v.length <= n ? null : `The :attr must not be greater than ${n} characters.`;
		if (Array.isArray(v)) return v.length <= n ? null : `The :attr must not have more than ${n} items.`;
		return Number(v) <= n ? null : `The :attr must not be greater than ${n}.`;
	},
	email: (v) => (typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'The :attr must be a valid email address.'),
	url: (v) => {
		try {
			return ['http:', 'https:'].includes(new URL(String(v)).protocol) ? null : 'The :attr must be a valid URL.';
		} catch {
			return 'The :attr must be a valid URL.';
		}
	},
	date: (v) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? null : 'The :attr is not a valid date.'),
	hex: (v) => (typeof v === 'string' && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) ? null : 'The :attr format is invalid.'),
	regex_name: (v) => (typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? null : 'The :attr format is invalid.'),
};

/** rules: {'field.path': 'required|string|in:a,b'}; returns {path: [messages]} */
function checkRules(body, rules) {
	const errors = {};
	for (const [path, spec] of Object.entries(rules)) {
		const parts = spec.split('|');
		const value = getPath(body, path);
		const add = (message) => (errors[path] ||= []).push(message.replace(':attr', attr(path)));
		const present = !(isNullish(value) || value === '' || (Array.isArray(value) && value.length === 0));
		if (!present) {
			if (parts.includes('required')) add('The :attr field is required.');
			else if (parts.includes('present') && value === undefined) add('The :attr field must be present.');
			else if (value === null && parts.includes('present') && parts.includes('array')) add('The :attr must be an array.');
			else if (Array.isArray(value) && parts.includes('array') && parts.some((p) => p.startsWith('min:'))) add(CHECKS.min(value, parts.find((p) => p.startsWith('min:')).slice(4)));
			continue;
		}
		for (const part of parts) {
			const [name, arg] = [part.split(':')[0], part.slice(part.indexOf(':') + 1)];
			const message = CHECKS[name]?.(value, arg);
			if (message) {
				add(message);
				break;
			}
		}
	}
	return errors;
}

function validate(body, rules) {
	const errors = checkRules(body, rules);
	if (Object.keys(errors).length) throw validationError(errors);
}

/** Schedule object: `{timezone, use_lead_timezone?, timeblocks: [{dow, min, max}]}`. */
function scheduleRules(prefix, required) {
	return {
		[prefix]: `${required ? 'required|' : ''}object`,
		...(required ? { [`${prefix}.timezone`]: 'required|string', [`${prefix}.timeblocks`]: 'present|array' } : {}),
	};
}
function validateSchedule(body, prefix, required) {
	const rules = scheduleRules(prefix, required);
	if (!required && isObject(body[prefix])) Object.assign(rules, { [`${prefix}.timezone`]: 'required|string', [`${prefix}.timeblocks`]: 'present|array' });
	const errors = checkRules(body, rules);
	const blocks = getPath(body, `${prefix}.timeblocks`);
	if (Array.isArray(blocks)) {
		blocks.forEach((block, i) => {
			Object.assign(errors, checkRules({ b: block }, { 'b.dow': 'required|integer|min:0|max:6', 'b.min': 'required|integer|min:0|max:1440', 'b.max': 'required|integer|min:0|max:1440' }));
			for (const key of Object.keys(errors).filter((k) => k.startsWith('b.'))) {
				errors[`${prefix}.timeblocks.${i}.${key.slice(2)}`] = errors[key].map((m) => m.replace(`b.${key.slice(2)}`, `${attr(prefix)}.timeblocks.${i}.${key.slice(2)}`));
				delete errors[key];
			}
		});
	}
	if (Object.keys(errors).length) throw validationError(errors);
}

// ---------------------------------------------------------------------------------------------------------
// Filters: the mixed filter type (scalar = equal, array = IN, {op: value}, "is_null" / "is_not_null")
// ---------------------------------------------------------------------------------------------------------

const OPERATORS = ['=', '!=', '<>', '<', '<=', '>', '>='];
const looksLikeDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);

function compareValues(a, b) {
	if (looksLikeDate(a) || looksLikeDate(b)) {
		const x = Date.parse(a);
		const y = Date.parse(b);
		if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
	}
	const x = Number(a);
	const y = Number(b);
	if (typeof a !== 'boolean' && a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
	return String(a).localeCompare(String(b));
}

function valueEquals(actual, expected) {
	if (Array.isArray(actual)) return actual.some((item) => valueEquals(item, expected));
	if (isNullish(actual)) return isNullish(expected);
	if (typeof actual === 'boolean') return actual === truthyFlag(expected);
	if (typeof actual === 'number') return actual === Number(expected);
	return String(actual) === String(expected);
}

function matchCondition(value, condition, field) {
	if (condition === null || condition === 'is_null') return isNullish(value) || value === '' || (Array.isArray(value) && value.length === 0);
	if (condition === 'is_not_null') return !matchCondition(value, 'is_null');
	if (Array.isArray(condition)) return condition.some((c) => valueEquals(value, c));
	if (isObject(condition)) {
		return Object.entries(condition).every(([op, operand]) => {
			if (!OPERATORS.includes(op)) throw invalid(`filter.${field}`, `The filter operator "${op}" is not supported.`);
			if (op === '=') return valueEquals(value, operand);
			if (op === '!=' || op === '<>') return !valueEquals(value, operand);
			if (isNullish(value)) return false;
			const c = compareValues(value, operand);
			return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
		});
	}
	return valueEquals(value, condition);
}

function textMatches(row, needle, fields) {
	const q = String(needle).toLowerCase();
	const values = (fields || Object.keys(row)).map((f) => row[f]).filter((v) => typeof v === 'string');
	return values.some((v) => v.toLowerCase().includes(q));
}

/**
 * Applies a filter object to rows. spec.search: fields for `q`; spec.fields: custom matchers per key;
 * spec.allowed: when set, any other key is an unknown column and the backend throws (500, known issue §2/§7).
 */
function applyFilter(rows, filter, spec = {}) {
	if (isNullish(filter)) return rows;
	if (!isObject(filter)) throw invalid('filter', 'The filter must be an object.');
	const entries = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
	if (spec.allowed) {
		for (const [key] of entries) {
			if (!spec.allowed.includes(key)) throw serverError(`Unknown filter field "${key}" (column not found)`);
		}
	}
	return rows.filter((row) =>
		entries.every(([key, condition]) => {
			if (key === 'q') return textMatches(row, condition, spec.search);
			if (spec.fields?.[key]) return spec.fields[key](row, condition);
			return matchCondition(row[key], condition, key);
		}),
	);
}

/** `filter[a]=1&filter[b][>=]=2&filter[c][]=3&filter[c][]=4` (or `[0]`, `[1]`) → {a: '1', b: {'>=': '2'}, c: ['3', '4']} */
function parseBracketFilter(searchParams) {
	const filter = {};
	for (const [key, value] of searchParams) {
		if (!key.startsWith('filter[')) continue;
		const path = [...key.slice(6).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
		const [field, sub] = path;
		if (!field) continue;
		if (path.length === 1) {
			filter[field] = value;
		} else if (sub === '' || /^\d+$/.test(sub)) {
			filter[field] = [...(Array.isArray(filter[field]) ? filter[field] : []), value];
		} else {
			filter[field] = { ...(isObject(filter[field]) ? filter[field] : {}), [sub]: value };
		}
	}
	return filter;
}

/** Activities and pipeline stages: `filter` is a required JSON string. */
function parseJsonFilter(req) {
	const raw = req.searchParams.get('filter');
	if (raw === null || raw === '') throw invalid('filter', 'The filter field is required.');
	let parsed;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw badRequest('The filter parameter must be a valid JSON string.');
	}
	if (!isObject(parsed)) throw invalid('filter', 'The filter must be a JSON object.');
	return parsed;
}

// ---------------------------------------------------------------------------------------------------------
// Ordering and pagination
// ---------------------------------------------------------------------------------------------------------

function sortRows(rows, field, direction) {
	const sign = direction === 'desc' ? -1 : 1;
	return [...rows].sort((a, b) => {
		const x = a[field];
		const y = b[field];
		if (isNullish(x) !== isNullish(y)) return isNullish(x) ? 1 : -1;
		const c = isNullish(x) ? 0 : compareValues(x, y);
		return (c || seqOf(a) - seqOf(b)) * sign;
	});
}

function readInt(value, name, fallback, min) {
	if (value === undefined || value === null || value === '') return fallback;
	if (CHECKS.integer(value)) throw invalid(name, `The ${name} must be an integer.`);
	const n = Number(value);
	if (n < min) throw invalid(name, `The ${name} must be at least ${min}.`);
	return n;
}

const omitHasMore = (req) => ['1', 'true', 'yes'].includes(String(req.headers[OMIT_HAS_MORE_HEADER] || '').toLowerCase());

/**
 * Orders and slices rows and wraps them in the endpoint's envelope.
 * envelope: 'full' {data, limit, offset, total, has_more} | 'counted' (no has_more) | 'data' ({data} only).
 * params: the query (GET) or the body (POST lists). defaultLimit null = everything unless a limit is sent.
 * paging false: the operation documents no limit/offset, so they are ignored and the whole list comes back.
 */
function paginate(req, rows, { params = {}, envelope = 'full', defaultLimit = 20, orderType = 'asc', orderField = 'created_at', window, present = (r) => r, paging = true } = {}) {
	const direction = params.order_type ?? orderType;
	if (!['asc', 'desc'].includes(direction)) throw invalid('order_type', 'The selected order type is invalid.');
	const requested = paging ? readInt(params.limit, 'limit', defaultLimit, 1) : null;
	const offset = paging ? readInt(params.offset, 'offset', 0, 0) : 0;
	const limit = requested === null ? null : Math.min(requested, MAX_LIMIT);
	if (window && offset + (limit ?? 0) > window) {
		throw invalid('offset', `Result window is too large: offset + limit must be less than or equal to ${window}. Narrow the filter instead of paging deeper.`);
	}
	const sorted = sortRows(rows, params.order_field || orderField, direction);
	const data = (limit === null ? sorted.slice(offset) : sorted.slice(offset, offset + limit)).map(present);
	if (envelope === 'data') return { data };
	const out = { data, limit: limit ?? data.length, offset, total: rows.length };
	if (envelope === 'full' && !omitHasMore(req)) out.has_more = offset + data.length < rows.length;
	return out;
}

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

function parseCsv(text) {
	const source = text.replace(/^\uFEFF/, '');
	const firstLine = source.split(/\r?\n/, 1)[0] || '';
	const delimiter = (firstLine.match(/;/g) || []).length > (firstLine.match(/,/g) || []).length ? ';' : ',';
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (quoted) {
			if (ch === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === delimiter) {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && source[i + 1] === '\n') i++;
			row.push(field);
			if (row.some((c) => c !== '')) rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	row.push(field);
	if (row.some((c) => c !== '')) rows.push(row);
	return { delimiter, headers: (rows.shift() || []).map((h) => h.trim()), rows };
}

function toCsv(headers, rows) {
	const cell = (v) => {
		const s = isNullish(v) ? '' : Array.isArray(v) ? v.join(';') : isObject(v) ? JSON.stringify(v) : String(v);
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** True when the bytes are plausible text (UTF-8, no NUL bytes). */
function isText(buffer) {
	if (buffer.includes(0)) return false;
	return Buffer.from(buffer.toString('utf8'), 'utf8').equals(buffer);
}

// ---------------------------------------------------------------------------------------------------------
// jsonLogic (the subset webhook filters use: var, and/or/!, comparisons, in, some/all/none, if)
// ---------------------------------------------------------------------------------------------------------

const logicTruthy = (v) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

function jsonLogic(rule, data) {
	if (Array.isArray(rule)) return rule.map((r) => jsonLogic(r, data));
	if (!isObject(rule) || Object.keys(rule).length !== 1) return rule;
	const op = Object.keys(rule)[0];
	const raw = Array.isArray(rule[op]) ? rule[op] : [rule[op]];
	const arg = (i) => jsonLogic(raw[i], data);
	switch (op) {
		case 'var': {
			const path = arg(0);
			if (path === '' || isNullish(path)) return data;
			const value = getPath(data, String(path));
			return value === undefined ? (raw.length > 1 ? arg(1) : null) : value;
		}
		case 'and': {
			let result = true;
			for (let i = 0; i < raw.length; i++) if (!logicTruthy((result = arg(i)))) return result;
			return result;
		}
		case 'or': {
			let result = false;
			for (let i = 0; i < raw.length; i++) if (logicTruthy((result = arg(i)))) return result;
			return result;
		}
		case '!':
			return !logicTruthy(arg(0));
		case '!!':
			return logicTruthy(arg(0));
		case '==':
			// eslint-disable-next-line eqeqeq
			return arg(0) == arg(1);
		case '===':
			return arg(0) === arg(1);
		case '!=':
			// eslint-disable-next-line eqeqeq
			return arg(0) != arg(1);
		case '!==':
			return arg(0) !== arg(1);
		case '>':
			return arg(0) > arg(1);
		case '>=':
			return arg(0) >= arg(1);
		case '<':
			return raw.length === 3 ? arg(0) < arg(1) && arg(1) < arg(2) : arg(0) < arg(1);
		case '<=':
			return raw.length === 3 ? arg(0) <= arg(1) && arg(1) <= arg(2) : arg(0) <= arg(1);
		case 'in': {
			const needle = arg(0);
			const haystack = arg(1);
			if (Array.isArray(haystack)) return haystack.some((x) => x === needle || (isObject(x) && Object.values(x).includes(needle)));
			return typeof haystack === 'string' ? haystack.includes(needle) : false;
		}
		case 'some':
		case 'all':
		case 'none': {
			const items = arg(0);
			if (!Array.isArray(items) || !items.length) return op === 'none';
			const test = (item) => logicTruthy(jsonLogic(raw[1], item));
			return op === 'some' ? items.some(test) : op === 'all' ? items.every(test) : !items.some(test);
		}
		case 'if': {
			for (let i = 0; i + 1 < raw.length; i += 2) if (logicTruthy(arg(i))) return arg(i + 1);
			return raw.length % 2 ? arg(raw.length - 1) : null;
		}
		default:
			throw new Error(`unsupported jsonLogic operator "${op}"`);
	}
}

// ---------------------------------------------------------------------------------------------------------
// Outgoing HTTP (webhook deliveries and the webhook test endpoint)
// ---------------------------------------------------------------------------------------------------------

function sendJson(target, method, payload, { timeoutMs = 10_000 } = {}) {
	return new Promise((resolve) => {
		let url;
		try {
			url = new URL(target);
		} catch (error) {
			resolve({ status: 0, error: `invalid URL: ${error.message}` });
			return;
		}
		const withBody = method !== 'GET';
		const body = withBody ? JSON.stringify(payload) : '';
		const client = url.protocol === 'https:' ? https : http;
		const req = client.request(
			url,
			{
				method,
				timeout: timeoutMs,
				headers: {
					'User-Agent': 'Grinfi-Webhooks/1.0 (sandbox)',
					Accept: 'application/json',
					...(withBody ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (error) => resolve({ status: 0, error: error.message }));
		req.end(body);
	});
}

// ---------------------------------------------------------------------------------------------------------
// Contacts: LinkedIn identifiers and template rendering
// ---------------------------------------------------------------------------------------------------------

/** `linkedin_id` is a universal parser: profile URL, Sales Navigator URL, nickname, raw ln_id (ACoAA…) or sn_id (ACwAA…). */
function parseLinkedinId(value) {
	if (isNullish(value) || value === '') return {};
	const v = String(value).trim();
	let m = /linkedin\.com\/in\/([^/?#]+)/i.exec(v);
	if (m) return { linkedin: decodeURIComponent(m[1]).toLowerCase() };
	m = /linkedin\.com\/sales\/(?:lead|people)\/([^,/?#]+)/i.exec(v);
	if (m) return { sn_id: m[1] };
	if (/^ACoA/.test(v)) return { ln_id: v };
	if (/^ACwA/.test(v)) return { sn_id: v };
	return { linkedin: v.replace(/^@/, '').replace(/\/$/, '').toLowerCase() };
}

/** `{{first_name}}`, `{{ "a|b|c" | spintax }}` (first option), `{% … %}` tags dropped; unknown variables render empty. */
function renderTemplate(text, variables) {
	if (isNullish(text)) return null;
	return String(text)
		.replace(/\{%[^%]*%\}/g, '')
		.replace(/\{\{\s*"([^"]*)"\s*\|\s*spintax\s*\}\}/g, (_, options) => options.split('|')[0])
		.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name) => {
			const value = getPath(variables, name);
			return isNullish(value) ? '' : String(value);
		});
}

// ---------------------------------------------------------------------------------------------------------
// State: one store per collection
// ---------------------------------------------------------------------------------------------------------

function createStores() {
	return {
		users: new Store('id'),
		teams: new Store('id'),
		apiKeys: new Store('jti'),
		leads: new Store(),
		companies: new Store(),
		lists: new Store(),
		tags: new Store(),
		stages: new Store(),
		customFields: new Store(),
		customFieldValues: new Store(),
		notes: new Store(),
		activities: new Store(),
		leadsBlacklist: new Store(),
		companiesBlacklist: new Store(),
		enrichmentQueue: new Store(),
		dataSources: new Store(),
		fileImports: new Store(),
		fileExports: new Store(),
		flows: new Store(),
		flowVersions: new Store(),
		workspaces: new Store(),
		flowLeads: new Store(),
		tasks: new Store(),
		senderProfiles: new Store(),
		aiAgents: new Store(),
		aiTemplates: new Store(),
		linkedinMessages: new Store(),
		conversations: new Store(),
		emails: new Store(),
		emailBodies: new Store(),
		mailboxes: new Store(),
		mailboxErrors: new Store(),
		attachments: new Store(),
		browsers: new Store('id'),
		webhooks: new Store(),
	};
}

const DEFAULT_SCHEDULE = () => ({
	timezone: 'Europe/Berlin',
	use_lead_timezone: false,
	timeblocks: [1, 2, 3, 4, 5].map((dow) => ({ dow, min: 540, max: 1080 })),
});

const LEAD_DEFAULTS = {
	team_id: TEAM_ID,
	user_id: USER_ID,
	sender_profile_uuid: null,
	list_uuid: null,
	data_source_uuid: null,
	pipeline_stage_uuid: null,
	company_uuid: null,
	name: null,
	first_name: null,
	last_name: null,
	company_name: null,
	company_ln_id: null,
	position: null,
	headline: null,
	about: null,
	avatar_url: null,
	ln_id: null,
	sn_id: null,
	linkedin: null,
	facebook: null,
	twitter: null,
	work_email: null,
	personal_email: null,
	work_phone_number: null,
	personal_phone_number: null,
	connections_number: null,
	followers_number: null,
	primary_language: null,
	supported_languages: [],
	has_open_profile: 0,
	has_verified_profile: 0,
	has_premium: 0,
	experience: [],
	posts: [],
	educations: [],
	skills: [],
	raw_address: null,
	location: [],
	tags: [],
	status: 'ok',
	linkedin_status: 'ok',
	email_status: null,
	unread_counts: [],
	last_automation_approve_at: null,
};
/** Lead fields a client may write (PUT /leads/{uuid}, upsert `lead`, CSV import). `email` maps to work_email. */
const LEAD_WRITABLE = [
	'first_name', 'last_name', 'name', 'company_name', 'ln_id', 'sn_id', 'linkedin', 'work_email', 'personal_email', 'about',
	'headline', 'position', 'raw_address', 'facebook', 'twitter', 'work_phone_number', 'personal_phone_number', 'avatar_url',
];
const COMPANY_WRITABLE = ['name', 'domain', 'website', 'linkedin', 'ln_id', 'industry', 'employees_range', 'hq_raw_address', 'phone', 'about', 'lead_status_uuid'];

/** Contact search / count / mass-action / export filter keys (JSON body). */
const LEAD_FILTER = {
	search: ['name', 'first_name', 'last_name', 'company_name', 'work_email', 'personal_email', 'position', 'headline', 'about'],
	fields: {
		work_email_domain: (row, c) => matchCondition(row.work_email ? row.work_email.split('@')[1] : null, c, 'work_email_domain'),
		email: (row, c) =>
			c === 'is_null' || c === null
				? isNullish(row.work_email) && isNullish(row.personal_email)
				: matchCondition(row.work_email, c, 'email') || matchCondition(row.personal_email, c, 'email'),
		uuids: (row, c) => matchCondition(row.uuid, c, 'uuids'),
	},
};
const COMPANY_FILTER = { search: ['name', 'domain', 'website', 'industry', 'linkedin', 'about'] };

const lower = (v) => (isNullish(v) ? v : String(v).toLowerCase());
const domainOf = (v) => {
	if (isNullish(v) || v === '') return null;
	const s = String(v).trim().toLowerCase();
	try {
		return new URL(/^https?:\/\//.test(s) ? s : `https://${s}`).hostname.replace(/^www\./, '');
	} catch {
		return s;
	}
};
const asciiSlug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * The business rules shared by several endpoints: contact upsert and matching, custom field values,
 * automation enrolment, tasks, conversations, exports, enrichment credits and webhook deliveries.
 */
function createModel({ db, now, state, blobs }) {
	const m = {};

	/** 404 for the resource the path names. */
	m.load = (store, id, label) => {
		const row = isNullish(id) ? undefined : store.get(id);
		if (!row) throw notFound(label);
		return row;
	};
	/** 422 for an id in the body that names nothing ("The selected list uuid is invalid."). */
	m.ref = (store, id, field, accept = () => true) => {
		const row = isNullish(id) ? undefined : store.get(id);
		if (!row || !accept(row)) throw invalidSelection(field);
		return row;
	};

	// --- custom fields ------------------------------------------------------------------------------------
	m.customFieldsOf = (objectType, uuid) => {
		const out = {};
		for (const value of db.customFieldValues.where((v) => v.object_type === objectType && v.object_uuid === uuid)) {
			const field = db.customFields.get(value.custom_field_uuid);
			if (field) out[field.name] = value.value;
		}
		return out;
	};
	m.setCustomFieldValue = (field, objectType, objectUuid, value) => {
		const stamp = now();
		let row = db.customFieldValues.find((v) => v.custom_field_uuid === field.uuid && v.object_type === objectType && v.object_uuid === objectUuid);
		if (!row) row = db.customFieldValues.insert({ uuid: randomUUID(), team_id: TEAM_ID, custom_field_uuid: field.uuid, object_type: objectType, object_uuid: objectUuid, value: null, created_at: stamp, updated_at: stamp });
		row.value = isNullish(value) ? null : isObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value);
		row.updated_at = stamp;
		return row;
	};
	/** Upsert's `custom_fields` are keyed by field name (the field uuid is accepted too); unknown keys are dropped. */
	m.applyCustomFields = (objectType, uuid, values) => {
		if (!isObject(values)) return;
		for (const [key, value] of Object.entries(values)) {
			const field = db.customFields.find((f) => f.object === objectType && (f.name === key || f.uuid === key));
			if (field) m.setCustomFieldValue(field, objectType, uuid, value);
		}
	};

	// --- companies ----------------------------------------------------------------------------------------
	m.makeCompany = (fields = {}) => {
		const stamp = now();
		return {
			uuid: randomUUID(),
			team_id: TEAM_ID,
			user_id: USER_ID,
			data_source_uuid: null,
			lead_status_uuid: null,
			name: null,
			domain: null,
			website: null,
			ln_id: null,
			linkedin: null,
			facebook: null,
			twitter: null,
			phone: null,
			hq_raw_address: null,
			hq_location: [],
			logo_url: null,
			industry: null,
			employees_range: null,
			year_established: null,
			about: null,
			lists: [],
			tags: [],
			status: 'ok',
			last_enrich_at: null,
			created_at: stamp,
			updated_at: stamp,
			...fields,
		};
	};
	m.applyCompanyFields = (company, input) => {
		Object.assign(company, pick(input, COMPANY_WRITABLE));
		if (input.ln_id !== undefined && !isNullish(input.ln_id)) company.ln_id = Number(input.ln_id);
		if (input.website !== undefined && input.domain === undefined && !company.domain) company.domain = domainOf(input.website);
		if (input.hq_raw_address !== undefined) company.hq_location = input.hq_raw_address ? [{ address_string: input.hq_raw_address }] : [];
		company.updated_at = now();
	};
	m.findOrCreateCompany = (name, domain) => {
		const d = domainOf(domain);
		if (!name && !d) return null;
		const found = db.companies.find((c) => (d && c.domain === d) || (name && lower(c.name) === lower(name)));
		if (found) return found;
		return db.companies.insert(m.makeCompany({ name: name || d, domain: d, website: d ? `https://${d}` : null }));
	};

	// --- contacts -----------------------------------------------------------------------------------------
	m.defaultStage = (object = 'lead') =>
		db.stages.where((s) => s.object === object).sort((a, b) => (a.type === 'new' ? -1 : b.type === 'new' ? 1 : a.order - b.order))[0] || null;
	m.makeLead = (fields = {}) => {
		const stamp = now();
		return { uuid: randomUUID(), ...structuredClone(LEAD_DEFAULTS), pipeline_stage_uuid: m.defaultStage()?.uuid ?? null, created_at: stamp, updated_at: stamp, ...fields };
	};
	m.presentLead = (lead) => ({ ...lead, custom_fields: m.customFieldsOf('lead', lead.uuid) });
	/** Writes the standard fields (never custom fields: PUT /leads silently ignores them). */
	m.applyLeadFields = (lead, input) => {
		const before = { first: lead.first_name, last: lead.last_name };
		Object.assign(lead, pick(input, LEAD_WRITABLE));
		if (!isNullish(input.linkedin_id) && input.linkedin_id !== '') Object.assign(lead, parseLinkedinId(input.linkedin_id));
		if (input.email !== undefined && input.work_email === undefined) lead.work_email = input.email;
		if (input.name === undefined && (before.first !== lead.first_name || before.last !== lead.last_name || !lead.name)) {
			lead.name = [lead.first_name, lead.last_name].filter(Boolean).join(' ') || lead.name || null;
		}
		if (input.name !== undefined && input.first_name === undefined && input.last_name === undefined && input.name) {
			const [first, ...rest] = String(input.name).split(' ');
			if (!lead.first_name) lead.first_name = first;
			if (!lead.last_name && rest.length) lead.last_name = rest.join(' ');
		}
		if (input.raw_address !== undefined) lead.location = input.raw_address ? [{ address_string: input.raw_address }] : [];
		if (lead.work_email || lead.personal_email) lead.email_status = lead.email_status && lead.email_status !== 'need_search' ? lead.email_status : 'ok';
		if (input.company_name !== undefined || input.domain !== undefined) {
			const company = m.findOrCreateCompany(lead.company_name, input.domain);
			lead.company_uuid = company ? company.uuid : null;
			if (company && !lead.company_name) lead.company_name = company.name;
			lead.company_ln_id = company && company.ln_id ? String(company.ln_id) : lead.company_ln_id;
		}
		lead.updated_at = now();
	};
	/** Deduplication order: ln_id → sn_id → LinkedIn nickname → work email → personal email → name + company. */
	m.matchLead = (input) => {
		const ids = { ...parseLinkedinId(input.linkedin_id), ...pick(input, ['ln_id', 'sn_id', 'linkedin']) };
		const tries = [
			['ln_id', ids.ln_id],
			['sn_id', ids.sn_id],
			['linkedin', lower(ids.linkedin)],
			['work_email', lower(input.work_email ?? input.email)],
			['personal_email', lower(input.personal_email)],
		];
		for (const [field, value] of tries) {
			if (isNullish(value) || value === '') continue;
			const found = db.leads.find((l) => lower(l[field]) === lower(value));
			if (found) return found;
		}
		const name = input.name || [input.first_name, input.last_name].filter(Boolean).join(' ');
		if (name && input.company_name) {
			return db.leads.find((l) => lower(l.name) === lower(name) && lower(l.company_name) === lower(input.company_name)) || null;
		}
		return null;
	};
	m.addTags = (row, tagUuids) => {
		const added = tagUuids.filter((t) => !row.tags.includes(t));
		row.tags = [...row.tags, ...added];
		return added;
	};
	/** POST /leads/upsert, add-new-lead, CSV import and bulk create. */
	m.upsertLead = (input, { list_uuid, update_if_exists = true, move_to_list = false, custom_fields, tags = [], data_source_uuid = null } = {}) => {
		const existing = m.matchLead(input);
		if (existing) {
			const update = !['false', '0', 0, false].includes(update_if_exists);
			if (update) {
				m.applyLeadFields(existing, input);
				m.applyCustomFields('lead', existing.uuid, custom_fields);
			}
			const moved = truthyFlag(move_to_list) && list_uuid && existing.list_uuid !== list_uuid;
			if (moved) existing.list_uuid = list_uuid;
			const added = m.addTags(existing, tags);
			if (update || moved || added.length) existing.updated_at = now();
			if (update) m.emit('contact_updated', { lead: existing });
			if (added.length) m.emit('contact_tag_added', { lead: existing });
			return { lead: existing, created: false };
		}
		const lead = db.leads.insert(m.makeLead({ list_uuid, data_source_uuid }));
		m.applyLeadFields(lead, input);
		m.applyCustomFields('lead', lead.uuid, custom_fields);
		m.addTags(lead, tags);
		m.emit('contact_created', { lead });
		return { lead, created: true };
	};
	/**
	 * Mass-action / export selection: `{ids: [...]}` picks contacts (other keys narrow them), `{all: true}` or any
	 * filter key selects by filter; `excludeIds` removes. `{}` selects nothing (422 where a selection is required).
	 */
	m.select = (store, filter, spec, { requireSelection = false } = {}) => {
		if (!isObject(filter)) throw invalid('filter', 'The filter must be an object.');
		const { ids, all, excludeIds, exclude_ids: excludeIdsSnake, ...rest } = filter;
		let rows;
		if (Array.isArray(ids) && ids.length) rows = applyFilter(ids.map((id) => store.get(id)).filter(Boolean), rest, spec);
		else if (truthyFlag(all) || Object.keys(rest).length) rows = applyFilter(store.all(), rest, spec);
		else if (requireSelection) throw invalid('filter.ids', 'The filter.ids field is required when filter.all is not true.');
		else rows = [];
		const excluded = [...(Array.isArray(excludeIds) ? excludeIds : []), ...(Array.isArray(excludeIdsSnake) ? excludeIdsSnake : [])];
		return excluded.length ? rows.filter((r) => !excluded.includes(r.uuid)) : rows;
	};
	m.deleteLead = (lead) => {
		m.emit('contact_deleted', { lead: { ...lead } });
		db.leads.delete(lead.uuid);
		for (const v of db.customFieldValues.where((x) => x.object_type === 'lead' && x.object_uuid === lead.uuid)) db.customFieldValues.delete(v.uuid);
		for (const fl of db.flowLeads.where((x) => x.lead_uuid === lead.uuid && x.status === 'in_progress')) fl.status = 'canceled';
		for (const t of db.tasks.where((x) => x.lead_uuid === lead.uuid && x.status === 'in_progress')) t.status = 'canceled';
	};
	m.activity = (objectType, objectUuid, type, payload = {}) =>
		db.activities.insert({
			uuid: randomUUID(),
			team_id: TEAM_ID,
			object_type: objectType,
			object_uuid: objectUuid,
			...(objectType === 'lead' ? { lead_uuid: objectUuid } : { company_uuid: objectUuid }),
			type,
			payload,
			created_at: now(),
		});
	m.changeStage = (lead, stageUuid, origin = 'manual') => {
		if (lead.pipeline_stage_uuid === stageUuid) return false;
		m.activity('lead', lead.uuid, 'pipeline_stage_changed', { from_pipeline_stage_uuid: lead.pipeline_stage_uuid, to_pipeline_stage_uuid: stageUuid, flow_origin: origin });
		lead.pipeline_stage_uuid = stageUuid;
		lead.updated_at = now();
		m.emit('contact_pipeline_stage_changed', { lead });
		return true;
	};

	// --- automations --------------------------------------------------------------------------------------
	m.makeFlow = (fields = {}) => {
		const stamp = now();
		return {
			uuid: randomUUID(),
			public_uuid: null,
			team_id: TEAM_ID,
			name: null,
			flow_workspace_uuid: null,
			flow_version_uuid: null,
			use_sender_schedule: false,
			schedule: DEFAULT_SCHEDULE(),
			description: null,
			priority: 2,
			status: 'draft',
			is_public: false,
			user_id: USER_ID,
			created_at: stamp,
			updated_at: stamp,
			...fields,
		};
	};
	/** What the backend auto-creates with every new flow shell (known issue §4): one `end` node, one default source. */
	m.defaultVersionBody = () => {
		const stamp = now();
		return {
			nodes: [{ id: 1, before: [], after: [], type: 'end', automation: 'auto', payload: [], delay_in_seconds: 0, created_at: stamp, updated_at: stamp }],
			contact_sources: [{ id: 1, name: null, rotation_strategy: 'fair', sender_profiles: [], after_id: 1, active_limit: null, coworkers_limit: null, mass_actions_filter: null, filter_tree_format: null }],
			first_common_node_id: null,
		};
	};
	m.saveVersion = (flow, { nodes, contact_sources, first_common_node_id = null }, uuid = randomUUID()) => {
		const stamp = now();
		const version = db.flowVersions.insert({ uuid, flow_uuid: flow.uuid, team_id: TEAM_ID, nodes: structuredClone(nodes), contact_sources: structuredClone(contact_sources), first_common_node_id, created_at: stamp, updated_at: stamp });
		flow.flow_version_uuid = version.uuid;
		flow.updated_at = stamp;
		return version;
	};
	m.presentFlow = (flow, { withVersion = false } = {}) => {
		if (!withVersion) return flow;
		const version = db.flowVersions.get(flow.flow_version_uuid);
		return { ...flow, flow_version: version ? pick(version, ['uuid', 'nodes', 'contact_sources', 'first_common_node_id', 'created_at']) : null };
	};
	m.makeTask = (fields = {}) => {
		const stamp = now();
		const lead = db.leads.get(fields.lead_uuid);
		return {
			uuid: randomUUID(),
			parent_task_pipeline_uuid: null,
			team_id: TEAM_ID,
			assigned_to: USER_ID,
			user_id: USER_ID,
			lead_uuid: null,
			company_uuid: lead?.company_uuid ?? null,
			sender_profile_uuid: null,
			mailbox_uuid: null,
			flow_uuid: null,
			flow_lead_uuid: null,
			flow_origin: 'automation',
			flow_node_id: null,
			type: 'linkedin_send_message',
			automation: 'auto',
			automation_error_code: null,
			status: 'in_progress',
			fork_result: null,
			payload: { template: null, rendered_text: null, attachments: [], stop_on_reply_level: 'always', last_message_at: null },
			attempts: 0,
			error_msg: null,
			priority: 2,
			number_in_line: null,
			note: null,
			timezone: 'UTC',
			schedule_at: stamp,
			executed_at: null,
			taken_to_execute_at: null,
			created_at: stamp,
			updated_at: stamp,
			...fields,
		};
	};
	/** Adds a contact to an automation: a flow-lead record plus the task of the entry node. */
	m.enrol = (flow, lead, { segmentId = 1, addedBy = 'user' } = {}) => {
		const running = db.flowLeads.find((x) => x.flow_uuid === flow.uuid && x.lead_uuid === lead.uuid && x.status === 'in_progress');
		if (running) return running;
		const version = db.flowVersions.get(flow.flow_version_uuid);
		const source = version?.contact_sources.find((s) => Number(s.id) === Number(segmentId)) || version?.contact_sources[0];
		const node = version?.nodes.find((n) => n.id === source?.after_id);
		const senderUuid = source?.sender_profiles?.[0] || lead.sender_profile_uuid || db.senderProfiles.all()[0]?.uuid || null;
		const stamp = now();
		const flowLead = db.flowLeads.insert({
			uuid: randomUUID(),
			team_id: TEAM_ID,
			flow_uuid: flow.uuid,
			lead_uuid: lead.uuid,
			sender_profile_uuid: senderUuid,
			status: 'in_progress',
			flow_segment_id: source?.id ?? Number(segmentId),
			contact_source_id: source?.id ?? Number(segmentId),
			current_node_id: node?.id ?? null,
			added_by: addedBy,
			started_at: stamp,
			finished_at: null,
			canceled_at: null,
			created_at: stamp,
			updated_at: stamp,
		});
		if (!lead.sender_profile_uuid) lead.sender_profile_uuid = senderUuid;
		if (node && TASK_TYPES.includes(node.type)) {
			db.tasks.insert(m.makeTask({ lead_uuid: lead.uuid, sender_profile_uuid: senderUuid, flow_uuid: flow.uuid, flow_lead_uuid: flowLead.uuid, flow_node_id: node.id, type: node.type, payload: { template: node.payload?.template ?? null, rendered_text: null, attachments: node.payload?.attachments ?? [], stop_on_reply_level: node.payload?.stop_on_reply_level ?? null, last_message_at: null } }));
		}
		return flowLead;
	};
	/** Cancels a contact's running enrolments (all flows when flowUuids is null) and their pending tasks. */
	m.cancelEnrolments = (leadUuid, flowUuids = null) => {
		const stamp = now();
		const hits = db.flowLeads.where((x) => x.lead_uuid === leadUuid && x.status === 'in_progress' && (!flowUuids || flowUuids.includes(x.flow_uuid)));
		for (const fl of hits) Object.assign(fl, { status: 'canceled', canceled_at: stamp, updated_at: stamp });
		for (const t of db.tasks.where((x) => x.lead_uuid === leadUuid && x.status === 'in_progress' && x.flow_uuid && (!flowUuids || flowUuids.includes(x.flow_uuid)))) {
			Object.assign(t, { status: 'canceled', updated_at: stamp });
		}
		return hits.length;
	};

	// --- messaging ----------------------------------------------------------------------------------------
	let conversationId = 9000;
	m.conversationFor = (sender, lead) => {
		const account = sender?.linkedin_account_uuid ?? null;
		const found = db.conversations.find((c) => c.lead_uuid === lead.uuid && c.linkedin_account_uuid === account);
		if (found) return found;
		const stamp = now();
		return db.conversations.insert({
			uuid: randomUUID(),
			id: ++conversationId,
			team_id: TEAM_ID,
			lead_uuid: lead.uuid,
			linkedin_account_uuid: account,
			ln_id: lead.ln_id ? `urn:li:member:${lead.ln_id}` : null,
			ln_member_id: null,
			sn_id: null,
			conversation_hash: hash(),
			linkedin_messenger_type: 'basic',
			lead_nickname: lead.linkedin,
			group_context: null,
			event_count: 0,
			last_activity_at: null,
			last_stored_message_at: null,
			last_msg_sync_at: stamp,
			need_to_sync: false,
			created_at: stamp,
			updated_at: stamp,
		});
	};
	m.makeMessage = (sender, lead, fields = {}) => {
		const conversation = m.conversationFor(sender, lead);
		const stamp = now();
		conversation.event_count += 1;
		conversation.last_activity_at = fields.sent_at ?? stamp;
		conversation.last_stored_message_at = stamp;
		return db.linkedinMessages.insert({
			uuid: randomUUID(),
			team_id: TEAM_ID,
			sender_profile_uuid: sender?.uuid ?? null,
			linkedin_account_uuid: sender?.linkedin_account_uuid ?? null,
			linkedin_conversation_uuid: conversation.uuid,
			lead_uuid: lead.uuid,
			task_pipeline_uuid: null,
			template_uuid: null,
			message_hash: hash(),
			subject: null,
			text: '',
			custom_content: null,
			attachments: [],
			type: 'outbox',
			automation: 'manual',
			linkedin_type: 'message',
			status: 'new',
			fail_reason: null,
			read_at: null,
			sent_at: null,
			user_id: USER_ID,
			created_at: stamp,
			updated_at: stamp,
			...fields,
		});
	};
	m.makeEmail = (fields, bodyFields = {}) => {
		const stamp = now();
		const body = db.emailBodies.insert({ uuid: randomUUID(), team_id: TEAM_ID, body: '', attachments: [], subject: fields.subject ?? '', created_at: stamp, updated_at: stamp, ...bodyFields });
		const email = db.emails.insert({
			uuid: randomUUID(),
			team_id: TEAM_ID,
			user_id: USER_ID,
			sender_profile_uuid: null,
			mailbox_uuid: null,
			email_body_uuid: body.uuid,
			flow_uuid: null,
			flow_node_id: null,
			lead_uuid: null,
			status: 'sent',
			type: 'outbox',
			folder: 'sent',
			from_name: null,
			from_email: null,
			to_name: null,
			to_email: null,
			cc: [],
			bcc: [],
			subject: '',
			thread_uuid: null,
			template_uuid: null,
			replied_to_uuid: null,
			bounced_by_uuid: null,
			sent_at: stamp,
			created_at: stamp,
			updated_at: stamp,
			...fields,
		});
		if (!email.thread_uuid) email.thread_uuid = email.replied_to_uuid ? db.emails.get(email.replied_to_uuid)?.thread_uuid ?? email.uuid : email.uuid;
		return { email, body };
	};
	m.emailWithBody = (email) => {
		const body = db.emailBodies.get(email.email_body_uuid);
		return { ...email, body: body?.body ?? null, attachments: body?.attachments ?? [] };
	};

	// --- exports and enrichment ---------------------------------------------------------------------------
	m.createExport = (kind, rows, filter) => {
		const uuid = randomUUID();
		const stamp = now();
		let headers;
		let lines;
		if (kind === 'leads') {
			const fields = db.customFields.where((f) => f.object === 'lead').map((f) => f.name);
			headers = ['uuid', 'first_name', 'last_name', 'name', 'company_name', 'position', 'headline', 'work_email', 'personal_email', 'linkedin', 'ln_id', 'sn_id', 'raw_address', 'list_uuid', 'pipeline_stage_uuid', 'tags', 'status', 'created_at', ...fields];
			lines = rows.map((l) => {
				const custom = m.customFieldsOf('lead', l.uuid);
				return [...headers.slice(0, 18).map((h) => l[h]), ...fields.map((f) => custom[f])];
			});
		} else {
			headers = ['uuid', 'name', 'domain', 'website', 'linkedin', 'industry', 'employees_range', 'hq_raw_address', 'tags', 'created_at'];
			lines = rows.map((c) => headers.map((h) => c[h]));
		}
		const fileName = `${kind}-export-${stamp.slice(0, 10)}-${uuid.slice(0, 8)}.csv`;
		blobs.exports.set(fileName, toCsv(headers, lines));
		return db.fileExports.insert({
			uuid,
			team_id: TEAM_ID,
			type: kind === 'leads' ? 'contact_export_csv' : 'account_export_csv',
			filter,
			status: 'queued',
			file_name: fileName,
			rows_count: rows.length,
			created_at: stamp,
			updated_at: stamp,
		});
	};
	/** Advanced enrichment costs one credit per record; 402 once the balance is empty. */
	m.enrich = (objectType, rows) => {
		if (state.credits <= 0) throw paymentRequired('Insufficient credits to perform enrichment.');
		state.credits = Math.max(0, state.credits - rows.length);
		const stamp = now();
		for (const row of rows) {
			db.enrichmentQueue.insert({ uuid: randomUUID(), team_id: TEAM_ID, object_type: objectType, object_uuid: row.uuid, ...(objectType === 'lead' ? { lead_uuid: row.uuid } : { company_uuid: row.uuid }), type: 'advanced_enrichment', status: 'queued', created_at: stamp, updated_at: stamp });
			if (objectType === 'company') row.last_enrich_at = stamp;
			else m.emit('contact_enriched', { lead: row });
		}
		return rows.length;
	};

	// --- webhooks -----------------------------------------------------------------------------------------
	/** A delivery body after the OpenAPI `webhook-payload` schema; overrides are deep-merged last. */
	m.buildPayload = (event, refs = {}, overrides = {}) => {
		const lead = refs.lead || (overrides.contact?.uuid && db.leads.get(overrides.contact.uuid)) || db.leads.all()[0] || null;
		const company = lead?.company_uuid ? db.companies.get(lead.company_uuid) : null;
		const enrolments = lead ? db.flowLeads.where((x) => x.lead_uuid === lead.uuid) : [];
		const flow = refs.flow || (overrides.automation?.uuid && db.flows.get(overrides.automation.uuid)) || (enrolments[0] && db.flows.get(enrolments[0].flow_uuid)) || null;
		const sender =
			refs.sender ||
			(overrides.sender_profile?.uuid && db.senderProfiles.get(overrides.sender_profile.uuid)) ||
			(lead?.sender_profile_uuid && db.senderProfiles.get(lead.sender_profile_uuid)) ||
			db.senderProfiles.all()[0] ||
			null;
		const messages = lead ? sortRows(db.linkedinMessages.where((x) => x.lead_uuid === lead.uuid), 'created_at', 'asc') : [];
		const emails = lead ? sortRows(db.emails.where((x) => x.lead_uuid === lead.uuid), 'created_at', 'asc') : [];
		const last = (rows, pred) => [...rows].reverse().find(pred) || null;
		const stage = lead && db.stages.get(lead.pipeline_stage_uuid);
		const list = lead && db.lists.get(lead.list_uuid);
		const stamp = now();
		const payload = {
			event_name: event,
			contact: lead
				? {
						...pick(lead, ['uuid', 'first_name', 'last_name', 'name', 'position', 'headline', 'company_name', 'company_uuid', 'linkedin', 'ln_id', 'sn_id', 'work_email', 'personal_email', 'work_phone_number', 'personal_phone_number', 'pipeline_stage_uuid', 'list_uuid', 'tags', 'status', 'linkedin_status', 'email_status', 'raw_address', 'avatar_url', 'created_at', 'updated_at']),
						linkedin_url: lead.linkedin ? `https://www.linkedin.com/in/${lead.linkedin}` : null,
						sales_navigator_url: lead.sn_id ? `https://www.linkedin.com/sales/lead/${lead.sn_id}` : null,
						pipeline_stage_name: stage?.name ?? null,
						list_name: list?.name ?? null,
						tag_names: lead.tags.map((t) => db.tags.get(t)?.name).filter(Boolean),
						location: lead.raw_address,
						custom_fields: m.customFieldsOf('lead', lead.uuid),
						getsales_url: `${APP_URL}/crm/contacts/${lead.uuid}`,
					}
				: null,
			account: company
				? {
						...pick(company, ['uuid', 'name', 'domain', 'website', 'industry', 'hq_raw_address', 'employees_range']),
						linkedin_url: company.linkedin ? `https://www.linkedin.com/company/${company.linkedin}` : null,
						size: company.employees_range,
					}
				: null,
			sender_profile: sender ? pick(sender, ['uuid', 'first_name', 'last_name', 'label', 'assignee_user_id', 'team_id']) : null,
			automation: flow ? pick(flow, ['uuid', 'name', 'status', 'priority']) : null,
			contact_markers: {
				linkedin_last_connection_sent_at: last(messages, (x) => x.linkedin_type === 'connection_note')?.sent_at ?? null,
				linkedin_last_connection_accepted_at: lead ? sortRows(db.activities.where((a) => a.object_uuid === lead.uuid && a.type === 'linkedin_connection_request_accepted'), 'created_at', 'desc')[0]?.created_at ?? null : null,
				linkedin_messages_sent_count: messages.filter((x) => x.type === 'outbox').length,
				linkedin_messages_inbox_count: messages.filter((x) => x.type === 'inbox').length,
				email_sent_count: emails.filter((x) => x.type === 'outbox').length,
				last_messaging_activity_at: [...messages.map((x) => x.sent_at), ...emails.map((x) => x.sent_at)].filter(Boolean).sort().pop() ?? null,
			},
			linkedin_connection: null,
			linkedin_connection_request: null,
			linkedin_message: null,
			email: null,
			latest_linkedin_conversation_thread: null,
			latest_email_conversation_thread: null,
		};
		const reply = event.startsWith('contact_replied');
		if (event === 'contact_accepted_linkedin_connection_request') {
			payload.linkedin_connection = { full_name: lead?.name ?? null, nickname: lead?.linkedin ?? null, connected_at: stamp };
		}
		if (event === 'sender_profile_sent_linkedin_connection_request') {
			payload.linkedin_connection_request = { ln_id: lead?.ln_id ?? null, nickname: lead?.linkedin ?? null, sent_at: stamp };
		}
		if (/linkedin_(message|inmail)$/.test(event)) {
			const message = refs.message || last(messages, (x) => x.type === (reply ? 'inbox' : 'outbox'));
			payload.linkedin_message = message
				? { ...pick(message, ['uuid', 'subject', 'text', 'type', 'status', 'sent_at', 'read_at', 'linkedin_type', 'linkedin_conversation_uuid']) }
				: { uuid: null, subject: null, text: reply ? 'Thanks, happy to talk next week.' : 'Hi, thanks for connecting!', type: reply ? 'inbox' : 'outbox', status: 'done', sent_at: stamp, read_at: null, linkedin_type: event.endsWith('inmail') ? 'InMail' : 'message' };
			if (reply) {
				const conversation = message && db.conversations.get(message.linkedin_conversation_uuid);
				payload.latest_linkedin_conversation_thread = {
					uuid: conversation?.uuid ?? null,
					messaging_thread: messages.filter((x) => !conversation || x.linkedin_conversation_uuid === conversation.uuid).map((x) => pick(x, ['uuid', 'type', 'text', 'sent_at'])),
				};
			}
		}
		if (/email/.test(event)) {
			const email = refs.email || last(emails, (x) => x.type === (reply ? 'inbox' : 'outbox'));
			payload.email = email
				? pick(m.emailWithBody(email), ['uuid', 'subject', 'body', 'status', 'type', 'from_email', 'to_email', 'sent_at', 'created_at'])
				: { uuid: null, subject: 'Quick question', body: '<p>Hello!</p>', status: 'sent', type: reply ? 'inbox' : 'outbox', sent_at: stamp };
			if (reply) {
				const threadUuid = email?.thread_uuid;
				payload.latest_email_conversation_thread = { thread_uuid: threadUuid ?? null, emails: emails.filter((x) => !threadUuid || x.thread_uuid === threadUuid).map((x) => pick(x, ['uuid', 'type', 'subject', 'sent_at'])) };
			}
		}
		return deepMerge(payload, overrides);
	};
	/** The data jsonLogic filters are evaluated against: the payload plus membership arrays (flows, lists, tags). */
	m.filterContext = (payload) => {
		const lead = payload.contact?.uuid ? db.leads.get(payload.contact.uuid) : null;
		const flows = lead ? db.flowLeads.where((x) => x.lead_uuid === lead.uuid).map((x) => ({ flow_uuid: x.flow_uuid, status: x.status })) : [];
		if (payload.automation?.uuid && !flows.some((f) => f.flow_uuid === payload.automation.uuid)) flows.push({ flow_uuid: payload.automation.uuid, status: payload.automation.status });
		const tags = payload.contact?.tags ?? lead?.tags ?? [];
		const listUuid = payload.contact?.list_uuid ?? lead?.list_uuid ?? null;
		return {
			...(payload.contact || {}),
			...payload,
			flows,
			flow_uuid: payload.automation?.uuid ?? null,
			flow_uuids: flows.map((f) => f.flow_uuid),
			tags,
			tag_uuids: tags,
			list_uuid: listUuid,
			lists: listUuid ? [{ list_uuid: listUuid }] : [],
			pipeline_stage_uuid: payload.contact?.pipeline_stage_uuid ?? lead?.pipeline_stage_uuid ?? null,
			sender_profile_uuid: payload.sender_profile?.uuid ?? null,
			sender_profiles: payload.sender_profile?.uuid ? [{ sender_profile_uuid: payload.sender_profile.uuid }] : [],
		};
	};
	/** `filters` is `{jsonLogic: <logic>}` or `{jsonLogic: {data, logic}}` (the UI form); null or {} lets everything through. */
	m.webhookMatches = (webhook, payload) => {
		const filters = webhook.filters;
		if (!isObject(filters) || !Object.keys(filters).length) return { match: true };
		let logic = filters.jsonLogic ?? filters.json_logic;
		if (isObject(logic) && 'logic' in logic) logic = logic.logic;
		if (isNullish(logic) || (isObject(logic) && !Object.keys(logic).length)) return { match: true };
		try {
			return { match: logicTruthy(jsonLogic(logic, m.filterContext(payload))) };
		} catch (error) {
			return { match: true, warning: error.message };
		}
	};
	m.fireEvent = async (event, overrides = {}, refs = {}) => {
		if (!WEBHOOK_EVENTS.includes(event)) throw new Error(`Unknown Grinfi webhook event "${event}"; known: ${WEBHOOK_EVENTS.join(', ')}`);
		const payload = m.buildPayload(event, refs, overrides);
		const results = [];
		for (const webhook of db.webhooks.where((w) => w.event === event && w.status === 'on')) {
			const { match, warning } = m.webhookMatches(webhook, payload);
			const delivery = { uuid: randomUUID(), at: now(), event, webhookUuid: webhook.uuid, url: webhook.target_url, method: webhook.request_method, payload, matched: match, ...(warning ? { warning } : {}) };
			state.deliveries.push(delivery);
			if (!match) continue;
			const answer = await sendJson(webhook.target_url, webhook.request_method, payload);
			Object.assign(delivery, { status: answer.status, response: answer.body, ...(answer.error ? { error: answer.error } : {}) });
			results.push({ webhookUuid: webhook.uuid, status: answer.status, url: webhook.target_url, ...(answer.error ? { error: answer.error } : {}) });
		}
		return results;
	};
	/** Deliveries caused by API calls (contact created, tag added, message sent…), only when state.emitEvents is on. */
	m.emit = (event, refs) => {
		if (!state.emitEvents || !db.webhooks.find((w) => w.event === event && w.status === 'on')) return;
		const pending = m.fireEvent(event, {}, refs).catch(() => []);
		state.pending.add(pending);
		pending.finally(() => state.pending.delete(pending));
	};

	return m;
}

// ---------------------------------------------------------------------------------------------------------
// Seed data: a small, realistic team (fixed ids so example workflows and tests can name records)
// ---------------------------------------------------------------------------------------------------------

const SEED_IDS = {
	user: fixedId('0e000000', 20),
	team: TEAM_ID,
	lists: [fixedId('a1000000', 1), fixedId('a1000000', 2)],
	tags: [fixedId('a2000000', 1), fixedId('a2000000', 2), fixedId('a2000000', 3)],
	stages: [fixedId('a3000000', 1), fixedId('a3000000', 2), fixedId('a3000000', 3), fixedId('a3000000', 4)],
	companyStage: fixedId('a3000000', 5),
	customFields: [fixedId('a4000000', 1), fixedId('a4000000', 2)],
	aiAgent: fixedId('a5000000', 1),
	aiTemplate: fixedId('a6000000', 1),
	dataSource: fixedId('a7000000', 1),
	note: fixedId('a8000000', 1),
	senderProfiles: [fixedId('b1000000', 1), fixedId('b1000000', 2)],
	linkedinAccounts: [fixedId('b2000000', 1), fixedId('b2000000', 2)],
	browser: 501,
	companies: [1, 2, 3, 4, 5, 6, 7].map((n) => fixedId('c0000000', n)),
	contacts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => fixedId('c1000000', n)),
	tasks: [1, 2, 3, 4, 5].map((n) => fixedId('d1000000', n)),
	linkedinMessages: [1, 2, 3, 4].map((n) => fixedId('d2000000', n)),
	conversations: [fixedId('d3000000', 1), fixedId('d3000000', 2)],
	emails: [fixedId('e1000000', 1), fixedId('e1000000', 2)],
	mailbox: fixedId('e3000000', 1),
	flows: [fixedId('f1000000', 1), fixedId('f1000000', 2)],
	flowVersions: [fixedId('f2000000', 1), fixedId('f2000000', 2)],
	workspace: fixedId('f3000000', 1),
};

const SEED_COMPANIES = [
	// name, domain, industry, employees_range, hq, linkedin handle
	['Acme Inc', 'acme-inc.example', 'Software', '51-200', 'San Francisco, CA, USA', 'acme-inc'],
	['Helios Energie GmbH', 'helios-energie.example', 'Renewable Energy', '201-500', 'Munich, Germany', 'helios-energie'],
	['Bottega Labs', 'bottegalabs.example', 'Design Software', '11-50', 'Milan, Italy', 'bottega-labs'],
	['Vistula Software', 'vistula-software.example', 'IT Services', '501-1000', 'Warsaw, Poland', 'vistula-software'],
	['Nordlys AB', 'nordlys.example', 'E-commerce', '51-200', 'Stockholm, Sweden', 'nordlys-ab'],
	['Atelier Cloud', 'ateliercloud.example', 'Cloud Infrastructure', '201-500', 'Paris, France', 'atelier-cloud'],
	['Sierra Data', 'sierradata.example', 'Data Analytics', '51-200', 'Madrid, Spain', 'sierra-data'],
];
const SEED_CONTACTS = [
	// first, last, company index, position, list index, stage index, tag indexes
	['John', 'Doe', 0, 'VP of Sales', 1, 2, [0, 1]],
	['Anna', 'Schmidt', 1, 'Chief Marketing Officer', 0, 1, [1]],
	['Lukas', 'Weber', 1, 'CTO', 0, 1, []],
	['Sofia', 'Rossi', 2, 'Founder & CEO', 1, 0, [2]],
	['Marek', 'Nowak', 3, 'Head of Growth', 0, 0, []],
	['Emma', 'Johansson', 4, 'CMO', 0, 3, [0]],
	['Pierre', 'Martin', 5, 'CEO', 1, 0, []],
	['Chloé', 'Dubois', 5, 'Marketing Director', 0, 0, [2]],
	['Daniel', 'García', 6, 'VP Engineering', 1, 0, []],
	['Priya', 'Patel', 0, 'Head of Product', 1, 1, [1]],
];

function seedData({ db, model: m, blobs }) {
	const HOUR = 3_600_000;
	const at = (hoursAgo) => toIso(Date.now() - hoursAgo * HOUR);
	const stamps = (hoursAgo) => ({ created_at: at(hoursAgo), updated_at: at(Math.max(0, hoursAgo - 1)) });
	const ids = SEED_IDS;

	db.users.insert({ uuid: ids.user, id: USER_ID, first_name: 'Alex', last_name: 'Sandbox', email: 'alex@sandbox-outreach.example', email_status: 'verified', image_url: null, timezone: 'Europe/Berlin', config: { locale: 'en', dark_mode: false }, ...stamps(24 * 400) });
	db.teams.insert({
		id: TEAM_ID,
		cluster_id: 1,
		subscription_id: 9120,
		license_uuid: fixedId('0f000000', 1),
		name: 'Sandbox Outreach Team',
		color: '#4f46e5',
		status: 'active',
		features: { sender_profiles: 10, cloud_browsers: 10, contacts: 100000, linkedin_accounts: 10, email_accounts: 20, users: 5 },
		credits: { activities: 5000, advanced_enrichment: 100, llm: 1000 },
		config: { is_onboarding_completed: true, is_cloud_browser_disabled: false },
		user_id: USER_ID,
		...stamps(24 * 400),
	});

	['CMO Germany', 'SaaS Founders'].forEach((name, i) => db.lists.insert({ uuid: ids.lists[i], team_id: TEAM_ID, name, ...stamps(24 * 90 - i) }));
	[['Hot Lead', '#ff5733'], ['Decision Maker', '#2e86de'], ['Follow Up', '#27ae60']].forEach(([name, color], i) => db.tags.insert({ uuid: ids.tags[i], team_id: TEAM_ID, name, color, ...stamps(24 * 80 - i) }));
	[
		['New', 'new', 'cold'],
		['Approaching', 'approaching', 'cold'],
		['Replied', 'replied', 'engaging'],
		['Demo Booked', 'custom', 'positive'],
	].forEach(([name, type, category], i) => db.stages.insert({ uuid: ids.stages[i], team_id: TEAM_ID, name, object: 'lead', type, category, order: i + 1 }));
	db.stages.insert({ uuid: ids.companyStage, team_id: TEAM_ID, name: 'Target Account', object: 'company', type: 'new', category: 'cold', order: 1 });
	['industry_vertical', 'icebreaker'].forEach((name, i) => db.customFields.insert({ uuid: ids.customFields[i], team_id: TEAM_ID, user_id: USER_ID, name, object: 'lead', order: i + 1 }));
	db.workspaces.insert({ uuid: ids.workspace, team_id: TEAM_ID, user_id: USER_ID, name: 'Q2 Campaigns', order: 1, ...stamps(24 * 60) });

	db.senderProfiles.insert({
		uuid: ids.senderProfiles[0], team_id: TEAM_ID, linkedin_browser_id: ids.browser, linkedin_account_uuid: ids.linkedinAccounts[0], mailbox_uuid: ids.mailbox,
		assignee_user_id: USER_ID, first_name: 'Alex', last_name: 'Sandbox', label: 'Sales Team - EU', avatar_url: null, schedule: DEFAULT_SCHEDULE(),
		smart_limits_enabled: true, status: 'enabled', hold_tasks_till: null, last_automation_server_id: 12, notification_emails: 'alex@sandbox-outreach.example', user_id: USER_ID, ...stamps(24 * 200),
	});
	db.senderProfiles.insert({
		uuid: ids.senderProfiles[1], team_id: TEAM_ID, linkedin_browser_id: null, linkedin_account_uuid: ids.linkedinAccounts[1], mailbox_uuid: null,
		assignee_user_id: USER_ID, first_name: 'Maria', last_name: 'Keller', label: 'Sales Team - US', avatar_url: null,
		schedule: { timezone: 'America/New_York', use_lead_timezone: true, timeblocks: [1, 2, 3, 4, 5].map((dow) => ({ dow, min: 480, max: 1020 })) },
		smart_limits_enabled: false, status: 'enabled', hold_tasks_till: null, last_automation_server_id: null, notification_emails: null, user_id: USER_ID, ...stamps(24 * 150),
	});
	db.mailboxes.insert({
		uuid: ids.mailbox, team_id: TEAM_ID, user_id: USER_ID, sender_profile_uuid: ids.senderProfiles[0], email: 'alex@sandbox-outreach.example', sender_name: 'Alex from Sandbox Outreach',
		provider: 'smtp', status: 'active', automation_daily_limit: 50, automation_task_interval: 120, custom_tracking_domain_uuid: null,
		connection_settings: { smtp_host: 'smtp.sandbox-outreach.example', smtp_port: 587, smtp_username: 'alex@sandbox-outreach.example', smtp_password: 'sandbox-secret', imap_host: 'imap.sandbox-outreach.example', imap_port: 993, imap_username: 'alex@sandbox-outreach.example', imap_password: 'sandbox-secret' },
		...stamps(24 * 199),
	});
	db.mailboxErrors.insert({ uuid: fixedId('e4000000', 1), team_id: TEAM_ID, mailbox_uuid: ids.mailbox, error_type: 'smtp_auth', message: 'Temporary SMTP authentication failure (535). Retrying in 5 minutes.', created_at: at(30) });
	db.browsers.insert({
		id: ids.browser, team_id: TEAM_ID, sender_profile_uuid: ids.senderProfiles[0], linkedin_account_uuid: ids.linkedinAccounts[0], external_id: 'lb-7f3a9c21', name: 'Alex Sandbox - LinkedIn',
		shared_emails: [], linkedin_automation_server_id: 12, linkedin_proxy_id: 3301, proxy_country_code: 'DE', custom_proxy_config: [], schedule: DEFAULT_SCHEDULE(),
		linkedin_login: 'alex@sandbox-outreach.example', linkedin_password: null, ln_code: null, browser_owner: 'grinfi', status: 'running', error_reason: null, user_id: USER_ID, last_start_at: at(6), ...stamps(24 * 198),
	});

	SEED_COMPANIES.forEach(([name, domain, industry, employees, hq, linkedin], i) =>
		db.companies.insert(m.makeCompany({ uuid: ids.companies[i], name, domain, website: `https://${domain}`, industry, employees_range: employees, hq_raw_address: hq, hq_location: [{ address_string: hq }], linkedin, ln_id: 1_000_100 + i, lists: [ids.lists[i % 2]], ...stamps(24 * 70 - i) })),
	);
	SEED_CONTACTS.forEach(([first, last, companyIndex, position, listIndex, stageIndex, tagIndexes], i) => {
		const company = db.companies.get(ids.companies[companyIndex]);
		const handle = i === 0 ? 'john-doe-123456' : `${asciiSlug(first)}-${asciiSlug(last)}-${4100 + i}`;
		const email = i === 0 ? `john@${company.domain}` : `${asciiSlug(first)}.${asciiSlug(last)}`.replace(/-/g, '') + `@${company.domain}`;
		db.leads.insert(
			m.makeLead({
				uuid: ids.contacts[i], first_name: first, last_name: last, name: `${first} ${last}`, company_name: company.name, company_uuid: company.uuid, company_ln_id: String(company.ln_id),
				position, headline: `${position} at ${company.name}`, linkedin: handle, ln_id: `ACoAAB${String(734001 + i * 37).padStart(8, '0')}`, work_email: email, email_status: 'ok',
				raw_address: company.hq_raw_address, location: [{ address_string: company.hq_raw_address }], connections_number: 500 + i * 41, followers_number: 650 + i * 57,
				list_uuid: ids.lists[listIndex], pipeline_stage_uuid: ids.stages[stageIndex], tags: tagIndexes.map((t) => ids.tags[t]),
				sender_profile_uuid: i < 3 ? ids.senderProfiles[0] : null, data_source_uuid: listIndex === 0 ? ids.dataSource : null, ...stamps(24 * 30 - i * 12),
			}),
		);
	});
	const contact = (i) => db.leads.get(ids.contacts[i]);
	m.setCustomFieldValue(db.customFields.get(ids.customFields[0]), 'lead', ids.contacts[0], 'Manufacturing');
	m.setCustomFieldValue(db.customFields.get(ids.customFields[1]), 'lead', ids.contacts[0], 'Loved your talk at SaaStr Europa');
	m.setCustomFieldValue(db.customFields.get(ids.customFields[0]), 'lead', ids.contacts[1], 'Energy');

	const node = (id, type, before, after, payload, delay = 0) => ({ id, before: before.map((n) => ({ node_id: n, branch_id: 1 })), after: after.map((n) => ({ node_id: n, branch_id: 1 })), type, automation: 'auto', payload, delay_in_seconds: delay, created_at: at(24 * 40), updated_at: at(24 * 40) });
	const dach = db.flows.insert(m.makeFlow({ uuid: ids.flows[0], name: 'DACH CTO Outreach', flow_workspace_uuid: ids.workspace, description: 'Connection request, then a follow-up message two hours after acceptance.', status: 'on', priority: 3, is_public: true, ...stamps(24 * 40) }));
	m.saveVersion(dach, {
		nodes: [
			node(3, 'linkedin_send_connection_request', [], [5], { template: 'Hi {{first_name}}, happy to connect!', fallback_send: true, template_uuid: null }),
			node(5, 'linkedin_send_message', [3], [1], { template: 'Thanks for connecting, {{first_name}}! How is {{company_name}} approaching outreach this year?', attachments: [], template_uuid: null, stop_on_reply_level: 'always' }, 7200),
			node(1, 'end', [5], [], []),
		],
		contact_sources: [{ id: 1, name: 'DACH CTOs', rotation_strategy: 'fair', sender_profiles: [ids.senderProfiles[0]], after_id: 3, active_limit: null, coworkers_limit: null, mass_actions_filter: null, filter_tree_format: null }],
		first_common_node_id: null,
	}, ids.flowVersions[0]);
	const founders = db.flows.insert(m.makeFlow({ uuid: ids.flows[1], name: 'SaaS Founders Follow-up', description: null, status: 'draft', ...stamps(24 * 10) }));
	m.saveVersion(founders, m.defaultVersionBody(), ids.flowVersions[1]);

	const enrolment = (leadIndex, status, nodeId, hoursAgo) =>
		db.flowLeads.insert({ uuid: fixedId('f4000000', leadIndex + 1), team_id: TEAM_ID, flow_uuid: dach.uuid, lead_uuid: ids.contacts[leadIndex], sender_profile_uuid: ids.senderProfiles[0], status, flow_segment_id: 1, contact_source_id: 1, current_node_id: nodeId, added_by: 'user', started_at: at(hoursAgo), finished_at: status === 'finished' ? at(hoursAgo - 50) : null, canceled_at: null, ...stamps(hoursAgo) });
	enrolment(0, 'in_progress', 5, 24 * 6);
	enrolment(1, 'in_progress', 3, 24 * 2);
	enrolment(2, 'finished', 1, 24 * 8);

	const task = (n, leadIndex, fields) => db.tasks.insert(m.makeTask({ uuid: ids.tasks[n - 1], lead_uuid: ids.contacts[leadIndex], sender_profile_uuid: ids.senderProfiles[0], flow_uuid: dach.uuid, flow_lead_uuid: fixedId('f4000000', leadIndex + 1), ...fields }));
	task(1, 0, { type: 'linkedin_send_connection_request', flow_node_id: 3, status: 'closed', attempts: 1, schedule_at: at(24 * 6), executed_at: at(24 * 6 - 1), taken_to_execute_at: at(24 * 6 - 1), payload: { template: 'Hi {{first_name}}, happy to connect!', rendered_text: 'Hi John, happy to connect!', attachments: [], stop_on_reply_level: null, last_message_at: null }, ...stamps(24 * 6) });
	task(2, 0, { type: 'linkedin_send_message', flow_node_id: 5, status: 'in_progress', schedule_at: at(-20), payload: { template: 'Thanks for connecting, {{first_name}}!', rendered_text: null, attachments: [], stop_on_reply_level: 'always', last_message_at: at(48) }, ...stamps(24 * 3) });
	task(3, 1, { type: 'linkedin_send_connection_request', flow_node_id: 3, status: 'in_progress', schedule_at: at(-4), ...stamps(24 * 2) });
	task(4, 2, { type: 'linkedin_send_connection_request', flow_node_id: 3, status: 'closed', attempts: 1, schedule_at: at(24 * 8), executed_at: at(24 * 8 - 2), ...stamps(24 * 8) });
	task(5, 3, { type: 'linkedin_send_message', flow_uuid: null, flow_lead_uuid: null, flow_origin: 'manual', automation: 'manual', status: 'in_progress', note: 'Follow up on the pricing question', schedule_at: at(-26), payload: { template: 'Hi Sofia, following up on pricing.', rendered_text: null, attachments: [], stop_on_reply_level: null, last_message_at: null }, ...stamps(20) });

	const sender = db.senderProfiles.get(ids.senderProfiles[0]);
	const message = (n, leadIndex, fields, hoursAgo) => m.makeMessage(sender, contact(leadIndex), { uuid: ids.linkedinMessages[n - 1], status: 'done', sent_at: at(hoursAgo), ...stamps(hoursAgo), ...fields });
	/** Conversations get fixed ids: created through the model, then re-keyed. */
	const conversation = (n, leadIndex, id, hoursAgo) => {
		const c = m.conversationFor(sender, contact(leadIndex));
		db.conversations.delete(c.uuid);
		db.conversations.insert(Object.assign(c, { uuid: ids.conversations[n - 1], id }, stamps(hoursAgo)));
	};
	conversation(1, 0, 9001, 24 * 6);
	conversation(2, 2, 9002, 24 * 8);
	message(1, 0, { type: 'outbox', automation: 'auto', linkedin_type: 'connection_note', text: 'Hi John, happy to connect!', task_pipeline_uuid: ids.tasks[0], read_at: at(24 * 5 - 3) }, 24 * 6 - 1);
	message(2, 0, { type: 'outbox', automation: 'auto', linkedin_type: 'message', text: 'Thanks for connecting, John! How is Acme Inc approaching outreach this year?', read_at: at(24 * 3 - 2) }, 24 * 3);
	message(3, 0, { type: 'inbox', automation: 'synced', linkedin_type: 'message', text: 'Thanks Alex, happy to chat next week. Tuesday works.' }, 24 * 2);
	message(4, 2, { type: 'outbox', automation: 'auto', linkedin_type: 'connection_note', text: 'Hi Lukas, happy to connect!', read_at: at(24 * 7) }, 24 * 8 - 2);
	contact(0).unread_counts = [{ category: 'linkedin', channel: 'linkedin', sender_profile_uuid: ids.senderProfiles[0], count: 1 }];

	const mailbox = db.mailboxes.get(ids.mailbox);
	const anna = contact(1);
	const { email: sentEmail } = m.makeEmail(
		{ uuid: ids.emails[0], sender_profile_uuid: sender.uuid, mailbox_uuid: mailbox.uuid, lead_uuid: anna.uuid, status: 'sent', type: 'outbox', folder: 'sent', from_name: mailbox.sender_name, from_email: mailbox.email, to_name: anna.name, to_email: anna.work_email, subject: 'Energy-sector outreach benchmarks', sent_at: at(30), ...stamps(30) },
		{ uuid: fixedId('e2000000', 1), body: '<p>Hi Anna,</p><p>we put together outreach benchmarks for the energy sector. Worth a look?</p><p>Alex</p>', subject: 'Energy-sector outreach benchmarks', ...stamps(30) },
	);
	m.makeEmail(
		{ uuid: ids.emails[1], sender_profile_uuid: sender.uuid, mailbox_uuid: mailbox.uuid, lead_uuid: anna.uuid, status: 'sync', type: 'inbox', folder: 'inbox', from_name: anna.name, from_email: anna.work_email, to_name: mailbox.sender_name, to_email: mailbox.email, subject: 'Re: Energy-sector outreach benchmarks', replied_to_uuid: sentEmail.uuid, thread_uuid: sentEmail.uuid, sent_at: at(20), ...stamps(20) },
		{ uuid: fixedId('e2000000', 2), body: '<p>Hi Alex, yes please send them over.</p>', subject: 'Re: Energy-sector outreach benchmarks', ...stamps(20) },
	);

	db.aiAgents.insert({ uuid: ids.aiAgent, public_uuid: null, team_id: TEAM_ID, name: 'Reply Classifier', description: 'Sorts replies into interested / not now / not interested.', avatar_url: null, classification_llm_uuid: null, classification_llm_config: null, classification_prompt: 'Classify the reply by purchase intent.', ...stamps(24 * 20) });
	db.aiTemplates.insert({ uuid: ids.aiTemplate, team_id: TEAM_ID, template_category_uuid: null, name: 'Friendly connection note', subject: null, body: 'Hi {{first_name}}, I enjoy following {{company_name}}. Happy to connect!', attachments: [], type: 'connection_note', llm_uuid: null, llm_config: null, prompt: null, enable_validation: false, validation_llm_uuid: null, validation_llm_config: null, validation_prompt: null, enable_fallback: false, settings: null, is_public: 1, ...stamps(24 * 25) });
	db.dataSources.insert({ uuid: ids.dataSource, team_id: TEAM_ID, sender_profile_uuid: null, list_uuid: ids.lists[0], payload: { file_name: 'cmo-germany.csv' }, tags: null, type: 'csv_leads', status: 'completed', errors: [], user_id: USER_ID, ...stamps(24 * 31) });
	db.notes.insert({ uuid: ids.note, team_id: TEAM_ID, user_id: USER_ID, object: 'lead', object_uuid: ids.contacts[0], note: 'Interested in a pilot after the Q3 budget review.', ...stamps(40) });
	db.activities.insert({ uuid: fixedId('a9000000', 1), team_id: TEAM_ID, object_type: 'lead', object_uuid: ids.contacts[0], lead_uuid: ids.contacts[0], type: 'linkedin_connection_request_accepted', payload: { sender_profile_uuid: sender.uuid, connected_at: at(24 * 5) }, created_at: at(24 * 5) });
	db.activities.insert({ uuid: fixedId('a9000000', 2), team_id: TEAM_ID, object_type: 'lead', object_uuid: ids.contacts[0], lead_uuid: ids.contacts[0], type: 'pipeline_stage_changed', payload: { from_pipeline_stage_uuid: ids.stages[1], to_pipeline_stage_uuid: ids.stages[2], flow_origin: 'automation', flow_uuid: dach.uuid }, created_at: at(24 * 2) });
	db.activities.insert({ uuid: fixedId('a9000000', 3), team_id: TEAM_ID, object_type: 'lead', object_uuid: ids.contacts[2], lead_uuid: ids.contacts[2], type: 'linkedin_connection_request_sent', payload: { sender_profile_uuid: sender.uuid, flow_uuid: dach.uuid }, created_at: at(24 * 8 - 2) });
	db.leadsBlacklist.insert({ uuid: fixedId('bb000000', 1), team_id: TEAM_ID, name: 'Jordan Rival', company_name: 'Rival Outreach GmbH', linkedin: 'jordan-rival', ln_id: null, email: 'jordan@rival-outreach.example', user_id: USER_ID, ...stamps(24 * 50) });
	db.companiesBlacklist.insert({ uuid: fixedId('bc000000', 1), team_id: TEAM_ID, name: 'Rival Outreach GmbH', domain: 'rival-outreach.example', linkedin: 'rival-outreach', ln_id: null, user_id: USER_ID, ...stamps(24 * 50) });
	db.enrichmentQueue.insert({ uuid: fixedId('ab000000', 1), team_id: TEAM_ID, object_type: 'lead', object_uuid: ids.contacts[1], lead_uuid: ids.contacts[1], type: 'advanced_enrichment', status: 'done', created_at: at(24 * 3), updated_at: at(24 * 3 - 1) });
	db.attachments.insert({ uuid: fixedId('aa000000', 1), team_id: TEAM_ID, user_id: USER_ID, payload: { name: 'one-pager.pdf', path: `attachments/${TEAM_ID}/${fixedId('aa000000', 1)}.pdf`, size: '18', type: 'application/pdf' }, body: null, ...stamps(24 * 12) });
	blobs.attachments.set(fixedId('aa000000', 1), Buffer.from('%PDF-1.4 sandbox\n'));
}

// ---------------------------------------------------------------------------------------------------------
// Table-driven CRUD for the plain collections
// ---------------------------------------------------------------------------------------------------------

/**
 * Registers GET list / POST / GET one / PUT / DELETE for a collection. Register special routes that share
 * the path prefix (`…/metrics`, `…/mass-action`) before calling this: the first matching route wins.
 *   list:   {envelope, defaultLimit, search, fields, allowed, filter: false, rows(req), orderType, orderField, paging: false}
 *   create: {rules, check(body, req), build(body, req) → row, status, after(row)}
 *   update: {rules, check(body, row), fields, apply(row, body), after(row)}
 *   remove: {status, check(row, req), after(row), keep: soft delete}
 *   timestamps: false for records without created_at / updated_at (pipeline stages, custom fields)
 */
function crud(ctx, spec) {
	const { server, now } = ctx;
	const { path, store, label } = spec;
	const param = spec.param || 'uuid';
	const present = spec.present || ((row) => row);
	const load = (req) => {
		const raw = req.params[param];
		const id = spec.parseId ? spec.parseId(raw) : raw;
		const row = isNullish(id) ? undefined : store.get(id);
		if (!row) throw notFound(label);
		return row;
	};
	if (spec.list) {
		const l = spec.list;
		server.route('GET', path, (req) => {
			let rows = l.rows ? l.rows(req) : store.all();
			if (l.filter !== false) rows = applyFilter(rows, parseBracketFilter(req.searchParams), l);
			return ok(paginate(req, rows, { params: queryOf(req), envelope: l.envelope || 'full', defaultLimit: l.defaultLimit === undefined ? 20 : l.defaultLimit, orderType: l.orderType, orderField: l.orderField, present, paging: l.paging !== false }));
		});
	}
	if (spec.create) {
		const c = spec.create;
		server.route('POST', path, (req) => {
			const body = bodyOf(req);
			validate(body, c.rules || {});
			c.check?.(body, req);
			const stamp = now();
			const times = spec.timestamps === false ? {} : { created_at: stamp, updated_at: stamp };
			const row = store.insert({ uuid: randomUUID(), team_id: TEAM_ID, ...c.build(body, req), ...times });
			c.after?.(row, body);
			return { status: c.status || 201, body: present(row) };
		});
	}
	if (spec.get !== false) server.route('GET', `${path}/{${param}}`, (req) => ok(present(load(req))));
	if (spec.update) {
		const u = spec.update;
		server.route(u.method || 'PUT', `${path}/{${param}}`, (req) => {
			const row = load(req);
			const body = bodyOf(req);
			validate(body, u.rules || {});
			u.check?.(body, row);
			if (u.apply) u.apply(row, body);
			else Object.assign(row, pick(body, u.fields || []));
			if (spec.timestamps !== false) row.updated_at = now();
			u.after?.(row, body);
			return ok(present(row));
		});
	}
	if (spec.remove) {
		const r = spec.remove;
		server.route('DELETE', `${path}/{${param}}`, (req) => {
			const row = load(req);
			r.check?.(row, req);
			if (!r.keep) store.delete(row[store.key]);
			r.after?.(row, req);
			return r.status === 200 ? ok({}) : noContent();
		});
	}
	return { load, present };
}

/** PUT {uuids} → {uuid: metrics} for the metrics endpoints. */
function metricsMap(uuids, compute) {
	return Object.fromEntries(uuids.map((uuid) => [uuid, compute(uuid)]));
}

// ---------------------------------------------------------------------------------------------------------
// Account: user, teams, API keys
// ---------------------------------------------------------------------------------------------------------

function registerAccount({ server, db, state, now, keys }) {
	const presentTeam = (team) => ({ ...team, credits: { ...team.credits, advanced_enrichment: state.credits } });
	const loadTeam = (req) => {
		const team = /^\d+$/.test(req.params.id) ? db.teams.get(Number(req.params.id)) : undefined;
		if (!team) throw notFound('Team');
		return team;
	};

	server.route('GET', '/id/api/users/current', () => ok(db.users.get(USER_ID) || db.users.all()[0] || null));
	server.route('GET', '/id/api/teams', (req) => ok(paginate(req, db.teams.all(), { params: queryOf(req), present: presentTeam })));
	server.route('GET', '/id/api/teams/{id}', (req) => ok(presentTeam(loadTeam(req))));
	server.route('POST', '/id/api/teams/{id}/check-limits', (req) => {
		const team = loadTeam(req);
		const body = bodyOf(req);
		validate(body, { sender_profiles_limit: 'required|integer|min:1' });
		const limit = team.features.sender_profiles ?? 0;
		const used = db.senderProfiles.size;
		const requested = Number(body.sender_profiles_limit);
		if (used + requested > limit) throw paymentRequired(`Your subscription allows ${limit} sender profiles; ${used} are in use, so ${requested} more do not fit.`);
		return ok({ monthly: { sender_profiles: { limit, used, available: limit - used, requested } }, yearly: null });
	});
	server.route('POST', '/id/api/jwt-tokens/create-api-key', (req) => {
		const body = bodyOf(req);
		validate(body, { name: 'required|string|max:255' });
		const jti = randomBytes(12).toString('base64url').slice(0, 16);
		const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const issued = Math.floor(Date.now() / 1000);
		const token = `${b64({ typ: 'JWT', alg: 'HS256' })}.${b64({ jti, sub: String(USER_ID), specific_team_id: TEAM_ID, iat: issued, exp: issued + 3 * 365 * 86400 })}.${randomBytes(32).toString('base64url')}`;
		keys.push(token);
		return ok(db.apiKeys.insert({ jti, user_id: USER_ID, team_id: TEAM_ID, name: body.name, last_token: token, created_at: now() }));
	});
}

// ---------------------------------------------------------------------------------------------------------
// Contacts (leads)
// ---------------------------------------------------------------------------------------------------------

function registerContacts({ server, db, state, now, model: m }) {
	const loadLead = (req) => m.load(db.leads, req.params.uuid, 'Lead');
	const leadRules = (prefix) => ({
		[prefix]: 'required|object',
		[`${prefix}.linkedin_id`]: 'required|string',
		[`${prefix}.email`]: 'email',
		[`${prefix}.work_email`]: 'email',
		[`${prefix}.personal_email`]: 'email',
	});

	server.route('POST', '/leads/api/leads/lookup-one', (req) => {
		const body = bodyOf(req);
		const hasLinkedin = !isNullish(body.linkedin_id) && body.linkedin_id !== '';
		const hasEmail = !isNullish(body.email) && body.email !== '';
		const hasName = !isNullish(body.name) && body.name !== '' && !isNullish(body.company_name) && body.company_name !== '';
		if (!hasLinkedin && !hasEmail && !hasName) {
			throw validationError({ linkedin_id: ['The linkedin id field is required when none of email / name + company name are present.'] });
		}
		let lead = null;
		if (hasLinkedin) {
			const ids = parseLinkedinId(body.linkedin_id);
			lead = m.matchLead(ids) || db.leads.find((l) => l.uuid === body.linkedin_id);
		}
		if (!lead && hasEmail) lead = db.leads.find((l) => lower(l.work_email) === lower(body.email) || lower(l.personal_email) === lower(body.email));
		if (!lead && hasName) lead = db.leads.find((l) => lower(l.name) === lower(body.name) && lower(l.company_name) === lower(body.company_name));
		if (!lead) throw notFound('Lead');
		return ok(m.presentLead(lead));
	});

	server.route('POST', '/leads/api/leads/search', (req) => {
		const body = bodyOf(req);
		validate(body, { filter: 'object', order_type: 'in:asc,desc', disable_aggregation: 'boolean' });
		const rows = applyFilter(db.leads.all(), body.filter, LEAD_FILTER);
		return ok(paginate(req, rows, { params: body, envelope: 'counted', orderType: 'desc', window: SEARCH_WINDOW, present: m.presentLead }));
	});

	server.route('POST', '/leads/api/leads/count', (req) => {
		const body = bodyOf(req);
		validate(body, { ids: 'array', all: 'boolean', filter: 'object' });
		let rows = applyFilter(db.leads.all(), body.filter, LEAD_FILTER);
		if (!truthyFlag(body.all)) {
			if (Array.isArray(body.ids) && body.ids.length) rows = rows.filter((l) => body.ids.includes(l.uuid));
			else if (!isObject(body.filter) || !Object.keys(body.filter).length) throw invalid('ids', 'The ids field is required when all is false.');
		}
		return ok({ total: rows.length });
	});

	server.route('POST', '/leads/api/leads/metrics', (req) => {
		const body = bodyOf(req);
		validate(body, { period_from: 'required|date', period_to: 'required|date', metrics: 'required|array', flows: 'array', filter: 'object', group_by: `in:${LEAD_GROUP_BY}` });
		body.metrics.forEach((metric, i) => {
			if (!LEAD_METRICS.includes(metric)) throw invalid(`metrics.${i}`, `The selected metrics.${i} is invalid.`);
		});
		const from = Date.parse(body.period_from);
		const to = Date.parse(body.period_to);
		const flows = Array.isArray(body.flows) && body.flows.length ? body.flows : null;
		const inPeriod = (ts) => ts && Date.parse(ts) >= from && Date.parse(ts) <= to;
		const inFlows = (flowUuid) => !flows || flows.includes(flowUuid);
		const messages = db.linkedinMessages.where((x) => inPeriod(x.sent_at));
		const emails = db.emails.where((x) => inPeriod(x.sent_at) && inFlows(x.flow_uuid));
		const tasks = db.tasks.where((t) => t.status === 'closed' && inPeriod(t.executed_at) && inFlows(t.flow_uuid));
		const counts = {
			linkedin_connection_request_sent_count: tasks.filter((t) => t.type === 'linkedin_send_connection_request').length,
			linkedin_connection_request_accepted_count: db.activities.where((a) => a.type === 'linkedin_connection_request_accepted' && inPeriod(a.created_at)).length,
			linkedin_sent_count: messages.filter((x) => x.type === 'outbox' && x.linkedin_type !== 'InMail').length,
			linkedin_opened_count: messages.filter((x) => x.type === 'outbox' && x.read_at).length,
			linkedin_inbox_count: messages.filter((x) => x.type === 'inbox').length,
			linkedin_inmail_sent_count: messages.filter((x) => x.type === 'outbox' && x.linkedin_type === 'InMail').length,
			linkedin_inmail_replied_count: 0,
			email_sent_count: emails.filter((x) => x.type === 'outbox').length,
			email_opened_count: 0,
			email_clicked_count: 0,
			email_bounced_count: emails.filter((x) => x.bounced_by_uuid).length,
			email_unsubscribed_count: 0,
			email_inbox_count: emails.filter((x) => x.type === 'inbox').length,
		};
		return ok({ total: Object.fromEntries(body.metrics.map((metric) => [metric, counts[metric]])) });
	});

	server.route('POST', '/leads/api/leads/upsert', (req) => {
		const body = bodyOf(req);
		validate(body, { ...leadRules('lead'), list_uuid: 'required|string', custom_fields: 'object', update_if_exists: 'boolean', move_to_list: 'boolean' });
		m.ref(db.lists, body.list_uuid, 'list_uuid');
		const { lead } = m.upsertLead(body.lead, { list_uuid: body.list_uuid, update_if_exists: body.update_if_exists ?? true, move_to_list: body.move_to_list ?? false, custom_fields: body.custom_fields });
		return ok(m.presentLead(lead));
	});

	/** Bulk create from the Quick Start (`{list_uuid, leads: [...]}`); not in the OpenAPI file. */
	server.route('POST', '/leads/api/leads', (req) => {
		const body = bodyOf(req);
		validate(body, { list_uuid: 'required|string', leads: 'required|array' });
		m.ref(db.lists, body.list_uuid, 'list_uuid');
		const out = body.leads.map((input) => m.upsertLead(isObject(input) ? input : {}, { list_uuid: body.list_uuid, custom_fields: input?.custom_fields }).lead);
		return ok(out.map(m.presentLead));
	});

	server.route('PUT', '/leads/api/leads/mass-action', (req) => {
		const body = bodyOf(req);
		validate(body, { type: `required|in:${LEAD_MASS_ACTIONS}`, filter: 'required|object', payload: 'object' });
		const payload = isObject(body.payload) ? body.payload : {};
		const need = (rules) => validate({ payload }, rules);
		let apply;
		switch (body.type) {
			case 'contact_add_tags':
			case 'contact_remove_tags': {
				need({ 'payload.tag_uuid': Array.isArray(payload.tag_uuids) ? 'string' : 'required|string' });
				const tagUuids = payload.tag_uuid ? [payload.tag_uuid] : payload.tag_uuids;
				tagUuids.forEach((t) => m.ref(db.tags, t, 'payload.tag_uuid'));
				apply = body.type === 'contact_add_tags'
					? (lead) => m.addTags(lead, tagUuids).length && m.emit('contact_tag_added', { lead })
					: (lead) => (lead.tags = lead.tags.filter((t) => !tagUuids.includes(t)));
				break;
			}
			case 'contact_replace_tags': {
				need({ 'payload.tag_uuids': 'present|array' });
				payload.tag_uuids.forEach((t, i) => m.ref(db.tags, t, `payload.tag_uuids.${i}`));
				apply = (lead) => {
					const added = payload.tag_uuids.filter((t) => !lead.tags.includes(t));
					lead.tags = [...payload.tag_uuids];
					if (added.length) m.emit('contact_tag_added', { lead });
				};
				break;
			}
			case 'contact_change_list':
				need({ 'payload.list_uuid': 'required|string' });
				m.ref(db.lists, payload.list_uuid, 'payload.list_uuid');
				apply = (lead) => (lead.list_uuid = payload.list_uuid);
				break;
			case 'contact_change_pipeline_stage':
				need({ 'payload.pipeline_stage_uuid': 'required|string' });
				m.ref(db.stages, payload.pipeline_stage_uuid, 'payload.pipeline_stage_uuid', (s) => s.object === 'lead');
				apply = (lead) => m.changeStage(lead, payload.pipeline_stage_uuid, 'mass_action');
				break;
			case 'contact_change_custom_field': {
				need({ 'payload.custom_field_uuid': 'required|string', 'payload.value': 'present' });
				const field = m.ref(db.customFields, payload.custom_field_uuid, 'payload.custom_field_uuid', (f) => f.object === 'lead');
				apply = (lead) => m.setCustomFieldValue(field, 'lead', lead.uuid, payload.value);
				break;
			}
			case 'contact_add_to_flow': {
				need({ 'payload.flow_uuid': 'required|string' });
				const flow = m.ref(db.flows, payload.flow_uuid, 'payload.flow_uuid');
				apply = (lead) => m.enrol(flow, lead, { segmentId: payload.contact_source_id ?? payload.flow_segment_id ?? 1, addedBy: 'filter' });
				break;
			}
			case 'contact_cancel_from_flows':
				need({ 'payload.flow_uuids': 'required|array' });
				apply = (lead) => m.cancelEnrolments(lead.uuid, payload.flow_uuids);
				break;
			case 'contact_delete':
				apply = (lead) => m.deleteLead(lead);
				break;
			case 'contact_mark_read':
				apply = (lead) => {
					lead.unread_counts = [];
					for (const x of db.linkedinMessages.where((msg) => msg.lead_uuid === lead.uuid && msg.type === 'inbox' && !msg.read_at)) x.read_at = now();
				};
				break;
			case 'contact_export_csv':
				break;
		}
		const rows = m.select(db.leads, body.filter, LEAD_FILTER, { requireSelection: true });
		if (body.type === 'contact_export_csv') {
			const exported = m.createExport('leads', rows, body.filter);
			for (const lead of rows) m.emit('contact_exported', { lead });
			return ok(exported);
		}
		for (const lead of rows) {
			apply(lead);
			if (db.leads.get(lead.uuid)) lead.updated_at = now();
		}
		return ok({});
	});

	server.route('PUT', '/leads/api/leads/advanced-enrichment', (req) => {
		const body = bodyOf(req);
		if (isNullish(body.uuids) && isNullish(body.filter)) throw validationError({ uuids: ['The uuids field is required when filter is not present.'] });
		validate(body, { uuids: 'array', filter: 'object' });
		const rows = Array.isArray(body.uuids) ? body.uuids.map((u) => db.leads.get(u)).filter(Boolean) : m.select(db.leads, body.filter, LEAD_FILTER);
		const count = m.enrich('lead', rows);
		return ok({ count });
	});

	server.route('GET', '/leads/api/leads/{uuid}', (req) => ok(m.presentLead(loadLead(req))));
	server.route('PUT', '/leads/api/leads/{uuid}', (req) => {
		const lead = loadLead(req);
		const body = bodyOf(req);
		validate(body, { email: 'email', work_email: 'email', personal_email: 'email', first_name: 'string', last_name: 'string', company_name: 'string' });
		// Documented quirk: only the standard fields are written; `custom_fields` (and anything else) is dropped.
		m.applyLeadFields(lead, body);
		m.emit('contact_updated', { lead });
		return ok(m.presentLead(lead));
	});
	server.route('DELETE', '/leads/api/leads/{uuid}', (req) => {
		m.deleteLead(loadLead(req));
		return noContent();
	});

	// --- enrichment queue ---------------------------------------------------------------------------------
	server.route('GET', '/leads/api/enrichment-queue', (req) => ok(paginate(req, db.enrichmentQueue.all(), { params: queryOf(req), envelope: 'data' })));
	server.route('POST', '/leads/api/enrichment-queue/metrics', () => {
		const month = new Date().toISOString().slice(0, 7);
		return ok({ this_month_count: db.enrichmentQueue.where((e) => e.created_at.startsWith(month)).length });
	});
}

// ---------------------------------------------------------------------------------------------------------
// Companies
// ---------------------------------------------------------------------------------------------------------

function registerCompanies(ctx) {
	const { server, db, now, model: m } = ctx;
	const companyRules = { name: 'string', domain: 'string', website: 'string', linkedin: 'string', ln_id: 'integer', industry: 'string', employees_range: 'string', hq_raw_address: 'string', phone: 'string', about: 'string' };

	server.route('POST', '/leads/api/companies/list', (req) => {
		const body = bodyOf(req);
		validate(body, { filter: 'object', order_type: 'in:asc,desc' });
		return ok(paginate(req, applyFilter(db.companies.all(), body.filter, COMPANY_FILTER), { params: body, orderType: 'desc' }));
	});
	server.route('POST', '/leads/api/companies/lookup', (req) => {
		const body = bodyOf(req);
		validate(body, { lookups: 'required|array' });
		const found = new Map();
		body.lookups.forEach((lookup, i) => {
			if (!isObject(lookup)) throw invalid(`lookups.${i}`, `The lookups.${i} must be an object.`);
			const domain = domainOf(lookup.website);
			const handle = lookup.linkedin ? lower(String(lookup.linkedin).replace(/^.*linkedin\.com\/company\//i, '').replace(/\/.*$/, '')) : null;
			const hit = db.companies.find(
				(c) =>
					(!isNullish(lookup.ln_id) && String(c.ln_id) === String(lookup.ln_id)) ||
					(handle && lower(c.linkedin) === handle) ||
					(domain && (c.domain === domain || domainOf(c.website) === domain)) ||
					(lookup.name && lower(c.name) === lower(lookup.name)),
			);
			if (hit) found.set(hit.uuid, hit);
		});
		return ok([...found.values()]);
	});
	server.route('POST', '/leads/api/companies/leads', (req) => {
		const body = bodyOf(req);
		validate(body, { uuids: 'required|array' });
		return ok(metricsMap(body.uuids, (uuid) => db.leads.where((l) => l.company_uuid === uuid).map(m.presentLead)));
	});
	server.route('PUT', '/leads/api/companies/advanced-enrichment', (req) => {
		const body = bodyOf(req);
		if (isNullish(body.uuids) && isNullish(body.filter)) throw validationError({ uuids: ['The uuids field is required when filter is not present.'] });
		validate(body, { uuids: 'array', filter: 'object' });
		const rows = Array.isArray(body.uuids) ? body.uuids.map((u) => db.companies.get(u)).filter(Boolean) : m.select(db.companies, body.filter, COMPANY_FILTER);
		return ok({ count: m.enrich('company', rows) });
	});
	server.route('PUT', '/leads/api/companies/mass-action', (req) => {
		const body = bodyOf(req);
		validate(body, { type: `required|in:${COMPANY_MASS_ACTIONS}`, filter: 'required|object', payload: 'object' });
		const payload = isObject(body.payload) ? body.payload : {};
		let apply;
		if (body.type === 'company_add_tags' || body.type === 'company_remove_tags') {
			validate({ payload }, { 'payload.tag_uuid': Array.isArray(payload.tag_uuids) ? 'string' : 'required|string' });
			const tagUuids = payload.tag_uuid ? [payload.tag_uuid] : payload.tag_uuids;
			tagUuids.forEach((t) => m.ref(db.tags, t, 'payload.tag_uuid'));
			apply = body.type === 'company_add_tags' ? (c) => m.addTags(c, tagUuids) : (c) => (c.tags = c.tags.filter((t) => !tagUuids.includes(t)));
		} else if (body.type === 'company_replace_tags') {
			validate({ payload }, { 'payload.tag_uuids': 'present|array' });
			payload.tag_uuids.forEach((t, i) => m.ref(db.tags, t, `payload.tag_uuids.${i}`));
			apply = (c) => (c.tags = [...payload.tag_uuids]);
		} else if (body.type === 'company_change_pipeline_stage') {
			validate({ payload }, { 'payload.pipeline_stage_uuid': 'required|string' });
			m.ref(db.stages, payload.pipeline_stage_uuid, 'payload.pipeline_stage_uuid');
			apply = (c) => (c.lead_status_uuid = payload.pipeline_stage_uuid);
		} else {
			apply = (c) => db.companies.delete(c.uuid);
		}
		for (const company of m.select(db.companies, body.filter, COMPANY_FILTER, { requireSelection: true })) {
			apply(company);
			company.updated_at = now();
		}
		return ok({});
	});
	server.route('POST', '/leads/api/companies', (req) => {
		const body = bodyOf(req);
		validate(body, { companies: 'required|array', list_uuids: 'array', data_source_uuid: 'string' });
		(body.list_uuids || []).forEach((l, i) => m.ref(db.lists, l, `list_uuids.${i}`));
		const out = body.companies.map((input, i) => {
			if (!isObject(input)) throw invalid(`companies.${i}`, `The companies.${i} must be an object.`);
			const errors = checkRules(input, companyRules);
			if (Object.keys(errors).length) throw validationError(Object.fromEntries(Object.entries(errors).map(([k, v]) => [`companies.${i}.${k}`, v.map((msg) => msg.replace(attr(k), `companies.${i}.${attr(k)}`))])));
			if (!input.name && !input.domain && !input.website && !input.linkedin) throw invalid(`companies.${i}.name`, `The companies.${i}.name field is required when none of domain / website / linkedin are present.`);
			const company = db.companies.insert(m.makeCompany({ data_source_uuid: body.data_source_uuid ?? null, lists: [...(body.list_uuids || [])] }));
			m.applyCompanyFields(company, input);
			if (!company.name) company.name = company.domain || input.linkedin;
			return company;
		});
		return ok(out);
	});
	crud(ctx, {
		path: '/leads/api/companies',
		store: db.companies,
		label: 'Company',
		list: { envelope: 'counted', ...COMPANY_FILTER },
		update: {
			rules: { ...companyRules, lead_status_uuid: 'string' },
			check: (body) => !isNullish(body.lead_status_uuid) && m.ref(db.stages, body.lead_status_uuid, 'lead_status_uuid'),
			apply: (row, body) => m.applyCompanyFields(row, body),
		},
		remove: {
			after: (company) => {
				for (const lead of db.leads.where((l) => l.company_uuid === company.uuid)) lead.company_uuid = null;
			},
		},
	});
}

// ---------------------------------------------------------------------------------------------------------
// Lists, tags, pipeline stages, custom fields, notes, activities
// ---------------------------------------------------------------------------------------------------------

function registerOrganisation(ctx) {
	const { server, db, model: m } = ctx;

	// --- lists ---
	server.route('POST', '/leads/api/lists/metrics', (req) => {
		const body = bodyOf(req);
		validate(body, { uuids: 'required|array' });
		return ok(metricsMap(body.uuids, (uuid) => ({ leads_count: db.leads.where((l) => l.list_uuid === uuid).length, companies_count: db.companies.where((c) => c.lists.includes(uuid)).length })));
	});
	crud(ctx, {
		path: '/leads/api/lists',
		store: db.lists,
		label: 'List',
		list: { envelope: 'counted', search: ['name'] },
		create: { rules: { name: 'required|string|max:255' }, build: (b) => ({ name: b.name }) },
		update: { rules: { name: 'required|string|max:255' }, fields: ['name'] },
		remove: {
			after: (list) => {
				for (const company of db.companies.where((c) => c.lists.includes(list.uuid))) company.lists = company.lists.filter((l) => l !== list.uuid);
			},
		},
	});

	// --- tags ---
	server.route('POST', '/leads/api/tags/metrics', (req) => {
		const body = bodyOf(req);
		validate(body, { uuids: 'required|array', metrics: 'required|array' });
		body.metrics.forEach((metric, i) => {
			if (!['leads_count', 'companies_count'].includes(metric)) throw invalid(`metrics.${i}`, `The selected metrics.${i} is invalid.`);
		});
		const counts = {
			leads_count: (uuid) => db.leads.where((l) => l.tags.includes(uuid)).length,
			companies_count: (uuid) => db.companies.where((c) => c.tags.includes(uuid)).length,
		};
		return ok(metricsMap(body.uuids, (uuid) => Object.fromEntries(body.metrics.map((metric) => [metric, counts[metric](uuid)]))));
	});
	crud(ctx, {
		path: '/leads/api/tags',
		store: db.tags,
		label: 'Tag',
		get: false,
		list: { envelope: 'data', defaultLimit: null, search: ['name'], paging: false },
		create: {
			rules: { name: 'required|string|max:255', color: 'hex' },
			check: (b) => {
				if (db.tags.find((t) => lower(t.name) === lower(b.name))) throw invalid('name', 'The name has already been taken.');
			},
			build: (b) => ({ name: b.name, color: b.color ?? null }),
		},
		update: { rules: { name: 'string|max:255', color: 'hex' }, fields: ['name', 'color'] },
		remove: {
			after: (tag) => {
				for (const row of [...db.leads.all(), ...db.companies.all()]) if (row.tags.includes(tag.uuid)) row.tags = row.tags.filter((t) => t !== tag.uuid);
			},
		},
	});

	// --- pipeline stages: the list takes `filter` as a required JSON string with a required `object` ---
	server.route('GET', '/leads/api/pipeline-stages', (req) => {
		const filter = parseJsonFilter(req);
		validate({ filter }, { 'filter.object': 'required|in:lead,company', 'filter.type': 'in:custom,new,approaching,engaging,replied' });
		const rows = applyFilter(db.stages.all(), filter, { search: ['name'] });
		return ok(paginate(req, rows, { params: queryOf(req), envelope: 'data', orderField: 'order', paging: false }));
	});
	crud(ctx, {
		path: '/leads/api/pipeline-stages',
		store: db.stages,
		label: 'Pipeline stage',
		get: false,
		timestamps: false,
		create: {
			rules: { name: 'required|string|max:255', object: 'required|in:lead,company', category: 'required|in:cold,engaging,positive,negative', order: 'integer' },
			build: (b) => ({
				name: b.name,
				object: b.object,
				type: 'custom',
				category: b.category,
				order: isNullish(b.order) ? Math.max(0, ...db.stages.where((s) => s.object === b.object).map((s) => s.order)) + 1 : Number(b.order),
			}),
		},
		update: { rules: { name: 'string|max:255', category: 'in:cold,engaging,positive,negative', order: 'integer' }, apply: (row, b) => Object.assign(row, pick(b, ['name', 'category']), isNullish(b.order) ? {} : { order: Number(b.order) }) },
		remove: {
			check: (stage) => {
				if (stage.type !== 'custom') throw invalid('uuid', 'Only custom pipeline stages can be deleted.');
			},
			after: (stage) => {
				const fallback = m.defaultStage(stage.object);
				for (const lead of db.leads.where((l) => l.pipeline_stage_uuid === stage.uuid)) lead.pipeline_stage_uuid = fallback?.uuid ?? null;
				for (const company of db.companies.where((c) => c.lead_status_uuid === stage.uuid)) company.lead_status_uuid = null;
			},
		},
	});

	// --- custom fields ---
	crud(ctx, {
		path: '/leads/api/custom-fields',
		store: db.customFields,
		label: 'Custom field',
		get: false,
		timestamps: false,
		present: (f) => pick(f, ['uuid', 'team_id', 'user_id', 'name', 'object', 'order']),
		list: { envelope: 'data', search: ['name'] },
		create: {
			rules: { name: 'required|string|max:64|regex_name', object: 'required|in:lead,company', order: 'integer' },
			check: (b) => {
				const same = db.customFields.where((f) => f.object === b.object);
				if (same.some((f) => f.name === b.name)) throw invalid('name', 'The name has already been taken.');
				if (same.length >= 100) throw invalid('object', `A team can have at most 100 custom fields per object type (${b.object}).`);
			},
			build: (b) => ({ user_id: USER_ID, name: b.name, object: b.object, order: isNullish(b.order) ? db.customFields.where((f) => f.object === b.object).length + 1 : Number(b.order) }),
		},
		update: {
			rules: { name: 'string|max:64|regex_name', order: 'integer' },
			check: (b, row) => {
				if (b.name && db.customFields.find((f) => f.object === row.object && f.name === b.name && f.uuid !== row.uuid)) throw invalid('name', 'The name has already been taken.');
			},
			apply: (row, b) => Object.assign(row, pick(b, ['name']), isNullish(b.order) ? {} : { order: Number(b.order) }),
		},
		remove: {
			after: (field) => {
				for (const v of db.customFieldValues.where((x) => x.custom_field_uuid === field.uuid)) db.customFieldValues.delete(v.uuid);
			},
		},
	});
	server.route('POST', '/leads/api/custom-field-values', (req) => {
		const body = bodyOf(req);
		validate(body, { custom_field_uuid: 'required|string', object_type: 'required|in:lead,company', object_uuid: 'required|string' });
		if (!isNullish(body.value) && typeof body.value !== 'string' && typeof body.value !== 'number' && typeof body.value !== 'boolean') throw invalid('value', 'The value must be a string.');
		const field = m.ref(db.customFields, body.custom_field_uuid, 'custom_field_uuid');
		if (field.object !== body.object_type) throw invalid('object_type', `The custom field belongs to object type "${field.object}".`);
		m.ref(body.object_type === 'lead' ? db.leads : db.companies, body.object_uuid, 'object_uuid');
		return created(m.setCustomFieldValue(field, body.object_type, body.object_uuid, body.value));
	});

	// --- notes ---
	const objectStore = (object) => (object === 'company' ? db.companies : db.leads);
	crud(ctx, {
		path: '/leads/api/notes',
		store: db.notes,
		label: 'Note',
		get: false,
		list: { envelope: 'data', search: ['note'] },
		create: {
			rules: { object: 'required|in:lead,company', object_uuid: 'required|string', note: 'required|string|max:10000' },
			check: (b) => m.ref(objectStore(b.object), b.object_uuid, 'object_uuid'),
			build: (b) => ({ user_id: USER_ID, object: b.object, object_uuid: b.object_uuid, note: b.note }),
		},
		update: { rules: { note: 'required|string|max:10000' }, fields: ['note'] },
		remove: {},
	});

	// --- activities: `filter` is a required JSON string (type, lead_uuid, company_uuid, created_at…) ---
	server.route('GET', '/leads/api/activities', (req) => {
		const filter = parseJsonFilter(req);
		const rows = applyFilter(db.activities.all(), filter, {
			fields: {
				lead_uuid: (a, c) => a.object_type === 'lead' && matchCondition(a.object_uuid, c, 'lead_uuid'),
				company_uuid: (a, c) => a.object_type === 'company' && matchCondition(a.object_uuid, c, 'company_uuid'),
				object: (a, c) => matchCondition(a.object_type, c, 'object'),
			},
		});
		return ok(paginate(req, rows, { params: queryOf(req), envelope: 'counted' }));
	});
	server.route('POST', '/leads/api/activities', (req) => {
		const body = bodyOf(req);
		validate(body, { object_uuid: 'required|string', object_type: 'required|in:lead,company', type: 'required|string|max:255', payload: 'object' });
		m.ref(objectStore(body.object_type), body.object_uuid, 'object_uuid');
		return created(m.activity(body.object_type, body.object_uuid, body.type, body.payload || {}));
	});
}

// ---------------------------------------------------------------------------------------------------------
// Blacklists, data sources, file imports and exports
// ---------------------------------------------------------------------------------------------------------

function registerImports(ctx) {
	const { server, db, now, model: m, blobs } = ctx;

	const anyOf = (fields) => (body) => {
		if (!fields.some((f) => !isNullish(body[f]) && body[f] !== '')) {
			throw invalid(fields[0], `The ${attr(fields[0])} field is required when none of ${fields.slice(1).map(attr).join(' / ')} are present.`);
		}
	};
	crud(ctx, {
		path: '/leads/api/leads-blacklist',
		store: db.leadsBlacklist,
		label: 'Blacklist entry',
		get: false,
		list: { search: ['name', 'company_name', 'linkedin', 'email'] },
		create: {
			rules: { linkedin: 'string', email: 'email', name: 'string', company_name: 'string' },
			check: anyOf(['linkedin', 'email', 'name']),
			build: (b) => ({ name: b.name ?? null, company_name: b.company_name ?? null, linkedin: b.linkedin ? parseLinkedinId(b.linkedin).linkedin ?? b.linkedin : null, ln_id: b.ln_id ?? null, email: b.email ?? null, user_id: USER_ID }),
		},
		remove: {},
	});
	crud(ctx, {
		path: '/leads/api/companies-blacklist',
		store: db.companiesBlacklist,
		label: 'Blacklist entry',
		get: false,
		list: { search: ['name', 'domain', 'linkedin'] },
		create: {
			rules: { linkedin: 'string', domain: 'string', name: 'string' },
			check: anyOf(['linkedin', 'domain', 'name']),
			build: (b) => ({ name: b.name ?? null, domain: b.domain ? domainOf(b.domain) : null, linkedin: b.linkedin ?? null, ln_id: b.ln_id ?? null, user_id: USER_ID }),
		},
		remove: {},
	});

	// --- data sources ---
	server.route('PUT', '/leads/api/data-sources/metrics', (req) => {
		const body = bodyOf(req);
		validate(body, { uuids: 'required|array' });
		return ok(
			metricsMap(body.uuids, (uuid) => {
				const saved = db.leads.where((l) => l.data_source_uuid === uuid).length;
				const stats = db.dataSources.get(uuid)?.stats || {};
				return {
					queued_records: 0,
					saved_records: saved,
					duplicate_records: stats.duplicate_records ?? 0,
					blacklisted_records: 0,
					error_records: stats.error_records ?? 0,
					child_queued_records: 0,
					child_saved_records: 0,
					child_duplicate_records: 0,
				};
			}),
		);
	});
	const dataSourceRules = { type: `in:${DATA_SOURCE_TYPES}`, list_uuid: 'string', payload: 'object', tags: 'array', sender_profile_uuid: 'string' };
	crud(ctx, {
		path: '/leads/api/data-sources',
		store: db.dataSources,
		label: 'Data source',
		list: {},
		create: {
			rules: { ...dataSourceRules, type: `required|in:${DATA_SOURCE_TYPES}`, list_uuid: 'required|string' },
			check: (b) => {
				m.ref(db.lists, b.list_uuid, 'list_uuid');
				if (b.sender_profile_uuid) m.ref(db.senderProfiles, b.sender_profile_uuid, 'sender_profile_uuid');
			},
			build: (b) => ({ sender_profile_uuid: b.sender_profile_uuid ?? null, list_uuid: b.list_uuid, payload: b.payload ?? {}, tags: b.tags ?? null, type: b.type, status: 'not_started', errors: [], user_id: USER_ID }),
		},
		update: {
			rules: dataSourceRules,
			check: (b) => b.list_uuid && m.ref(db.lists, b.list_uuid, 'list_uuid'),
			fields: ['type', 'list_uuid', 'payload', 'tags', 'sender_profile_uuid'],
		},
		remove: { status: 200 },
	});

	// --- file imports: multipart `file` (+ `type: csv_leads`), then import with a column mapping ---
	server.route('POST', '/leads/api/file-imports/upload-csv', (req) => {
		const form = req.multipart;
		if (!form) throw validationError({ file: ['The file field is required.'], type: ['The type field is required.'] });
		const file = form.files.file;
		const errors = checkRules(form.fields, { type: 'required|in:csv_leads' });
		if (!file) errors.file = [form.fields.file !== undefined ? 'The file must be a file.' : 'The file field is required.'];
		else if (!file.size) errors.file = ['The file must not be empty.'];
		else if (!isText(file.data)) errors.file = ['The file must be a file of type: csv, txt.'];
		if (Object.keys(errors).length) throw validationError(errors);
		const parsed = parseCsv(file.data.toString('utf8'));
		if (!parsed.headers.length) throw invalid('file', 'The file must contain a header row.');
		const uuid = randomUUID();
		blobs.imports.set(uuid, parsed);
		return ok(
			db.fileImports.insert({
				uuid,
				team_id: TEAM_ID,
				type: form.fields.type,
				payload: { file_path: `file-imports/${TEAM_ID}/${uuid}.csv`, file_name: file.filename, delimiter: parsed.delimiter, enclosure: '"', config: { headers: parsed.headers, rows_count: parsed.rows.length } },
				status: 'uploaded',
				created_at: now(),
				updated_at: now(),
			}),
		);
	});
	/** Maps CSV rows through `columns` [{source, target}]; returns [{target: value}] and validates the mapping. */
	const mapRows = (fileImport, columns, targets, customObject) => {
		const parsed = blobs.imports.get(fileImport.uuid);
		const customNames = db.customFields.where((f) => f.object === customObject).map((f) => f.name);
		columns.forEach((col, i) => {
			validate({ col }, { col: 'object', 'col.source': 'required|string', 'col.target': 'required|string' });
			if (!parsed.headers.includes(col.source)) throw invalidSelection(`columns.${i}.source`);
			const target = String(col.target).replace(/^custom_fields\./, '');
			if (!targets.includes(col.target) && !customNames.includes(target)) throw invalidSelection(`columns.${i}.target`);
		});
		return parsed.rows.map((cells) => {
			const record = { custom_fields: {} };
			for (const col of columns) {
				if (col.target === 'skip') continue;
				const value = cells[parsed.headers.indexOf(col.source)]?.trim();
				if (value === undefined || value === '') continue;
				const target = String(col.target).replace(/^custom_fields\./, '');
				if (targets.includes(col.target)) record[col.target] = value;
				else record.custom_fields[target] = value;
			}
			return record;
		});
	};
	server.route('POST', '/leads/api/file-imports/{uuid}/import-leads', (req) => {
		const fileImport = m.load(db.fileImports, req.params.uuid, 'File import');
		const body = bodyOf(req);
		validate(body, { columns: 'required|array', list_uuid: 'string', tags: 'array' });
		const listUuid = body.list_uuid ?? db.lists.all()[0]?.uuid ?? null;
		if (body.list_uuid) m.ref(db.lists, body.list_uuid, 'list_uuid');
		(body.tags || []).forEach((t, i) => m.ref(db.tags, t, `tags.${i}`));
		const stats = { saved_records: 0, updated_records: 0, duplicate_records: 0, error_records: 0 };
		const dataSource = db.dataSources.insert({ uuid: randomUUID(), team_id: TEAM_ID, sender_profile_uuid: null, list_uuid: listUuid, payload: { file_import_uuid: fileImport.uuid, file_name: fileImport.payload.file_name }, tags: body.tags ?? null, type: 'csv_leads', status: 'in_progress', errors: [], user_id: USER_ID, created_at: now(), updated_at: now() });
		for (const { custom_fields: customFields, ...lead } of mapRows(fileImport, body.columns, LEAD_IMPORT_TARGETS, 'lead')) {
			const identified = lead.linkedin_id || lead.linkedin || lead.ln_id || lead.sn_id || lead.email || lead.work_email || lead.personal_email || ((lead.name || lead.first_name) && lead.company_name);
			if (!identified) {
				stats.error_records += 1;
				continue;
			}
			const { created: isNew } = m.upsertLead(lead, { list_uuid: listUuid, custom_fields: customFields, tags: body.tags || [], data_source_uuid: dataSource.uuid });
			if (isNew) stats.saved_records += 1;
			else stats.duplicate_records += 1;
		}
		Object.assign(dataSource, { status: 'completed', updated_at: now() });
		Object.defineProperty(dataSource, 'stats', { value: stats, enumerable: false });
		Object.assign(fileImport, { status: 'imported', updated_at: now() });
		return ok({ uuid: fileImport.uuid, data_source_uuid: dataSource.uuid, status: 'completed', ...stats });
	});
	server.route('POST', '/leads/api/file-imports/{uuid}/import-companies', (req) => {
		const fileImport = m.load(db.fileImports, req.params.uuid, 'File import');
		const body = bodyOf(req);
		validate(body, { columns: 'required|array' });
		const stats = { saved_records: 0, duplicate_records: 0, error_records: 0 };
		for (const { custom_fields: customFields, ...input } of mapRows(fileImport, body.columns, COMPANY_IMPORT_TARGETS, 'company')) {
			if (!input.name && !input.domain && !input.website) {
				stats.error_records += 1;
				continue;
			}
			const domain = domainOf(input.domain || input.website);
			let company = db.companies.find((c) => (domain && c.domain === domain) || (input.name && lower(c.name) === lower(input.name)));
			if (company) stats.duplicate_records += 1;
			else {
				company = db.companies.insert(m.makeCompany());
				stats.saved_records += 1;
			}
			m.applyCompanyFields(company, input);
			if (!company.name) company.name = company.domain;
			m.applyCustomFields('company', company.uuid, customFields);
		}
		Object.assign(fileImport, { status: 'imported', updated_at: now() });
		return ok({ uuid: fileImport.uuid, status: 'completed', ...stats });
	});

	// --- exports: queued record with a `file_name`; download returns the CSV bytes ---
	server.route('POST', '/leads/api/file-exports/leads', (req) => {
		const body = bodyOf(req);
		validate(body, { filter: 'required|object' });
		const rows = sortRows(m.select(db.leads, body.filter, LEAD_FILTER), 'created_at', 'asc');
		for (const lead of rows) m.emit('contact_exported', { lead });
		return ok(m.createExport('leads', rows, body.filter));
	});
	server.route('POST', '/leads/api/file-exports/companies', (req) => {
		const body = bodyOf(req);
		validate(body, { filter: 'required|object' });
		const rows = sortRows(m.select(db.companies, body.filter, COMPANY_FILTER), 'created_at', 'asc');
		return ok(m.createExport('companies', rows, body.filter));
	});
	server.route('POST', '/leads/api/file-exports/download', (req) => {
		const body = bodyOf(req);
		validate(body, { file_name: 'required|string' });
		const csv = blobs.exports.get(body.file_name);
		if (csv === undefined) throw notFound('File');
		const record = db.fileExports.find((e) => e.file_name === body.file_name);
		if (record) record.status = 'completed';
		return { status: 200, body: Buffer.from(csv, 'utf8'), headers: { 'Content-Type': 'text/csv; charset=UTF-8', 'Content-Disposition': `attachment; filename="${body.file_name}"` } };
	});
}

// ---------------------------------------------------------------------------------------------------------
// Automations (flows), folders, enrolments and statistics
// ---------------------------------------------------------------------------------------------------------

function registerAutomations(ctx) {
	const { server, db, now, model: m } = ctx;
	const loadFlow = (req) => m.load(db.flows, req.params.flowUuid, 'Automation');
	const setStatus = (status, guard) => (req) => {
		const flow = loadFlow(req);
		guard?.(flow);
		Object.assign(flow, { status, updated_at: now() });
		return ok(flow);
	};
	const flowRules = { name: 'string|max:255', description: 'string', priority: 'integer', is_public: 'boolean', use_sender_schedule: 'boolean', flow_workspace_uuid: 'string' };

	server.route('POST', '/flows/api/flows/metrics', (req) => {
		const body = bodyOf(req);
		validate(body, { uuids: 'required|array' });
		return ok(
			metricsMap(body.uuids, (uuid) => {
				const leads = db.flowLeads.where((x) => x.flow_uuid === uuid);
				const taskCounts = {};
				for (const t of db.tasks.where((x) => x.flow_uuid === uuid && x.status === 'in_progress')) taskCounts[t.type] = (taskCounts[t.type] || 0) + 1;
				return {
					leads_count: leads.length,
					in_progress_leads_count: leads.filter((x) => x.status === 'in_progress').length,
					finished_leads_count: leads.filter((x) => x.status === 'finished').length,
					failed_leads_count: leads.filter((x) => x.status === 'failed').length,
					task_counts: taskCounts,
				};
			}),
		);
	});
	server.route('POST', '/flows/api/flows/clone', (req) => {
		const body = bodyOf(req);
		validate(body, { flow_uuid: 'required|string', name: 'required|string|max:255', flow_workspace_uuid: 'string' });
		const source = m.ref(db.flows, body.flow_uuid, 'flow_uuid');
		if (body.flow_workspace_uuid) m.ref(db.workspaces, body.flow_workspace_uuid, 'flow_workspace_uuid');
		const copy = db.flows.insert(m.makeFlow({ ...pick(source, ['use_sender_schedule', 'description', 'priority', 'is_public', 'flow_workspace_uuid']), schedule: structuredClone(source.schedule), name: body.name, status: 'off', ...(body.flow_workspace_uuid ? { flow_workspace_uuid: body.flow_workspace_uuid } : {}) }));
		const version = db.flowVersions.get(source.flow_version_uuid);
		m.saveVersion(copy, version || m.defaultVersionBody());
		return created(copy);
	});
	server.route('POST', '/flows/api/flows', (req) => {
		const body = bodyOf(req);
		validate(body, { ...flowRules, name: 'required|string|max:255', use_sender_schedule: 'required|boolean' });
		validateSchedule(body, 'schedule', true);
		if (body.flow_workspace_uuid) m.ref(db.workspaces, body.flow_workspace_uuid, 'flow_workspace_uuid');
		const flow = db.flows.insert(
			m.makeFlow({
				name: body.name,
				use_sender_schedule: truthyFlag(body.use_sender_schedule),
				schedule: body.schedule,
				description: body.description ?? null,
				priority: isNullish(body.priority) ? 2 : Number(body.priority),
				is_public: truthyFlag(body.is_public),
				flow_workspace_uuid: body.flow_workspace_uuid ?? null,
				status: 'draft',
			}),
		);
		m.saveVersion(flow, m.defaultVersionBody());
		return created(flow);
	});
	crud(ctx, {
		path: '/flows/api/flows',
		param: 'flowUuid',
		store: db.flows,
		label: 'Automation',
		list: { search: ['name', 'description'] },
		get: false,
		update: {
			rules: flowRules,
			check: (body) => {
				validateSchedule(body, 'schedule', false);
				if (body.flow_workspace_uuid) m.ref(db.workspaces, body.flow_workspace_uuid, 'flow_workspace_uuid');
			},
			apply: (flow, body) => {
				Object.assign(flow, pick(body, ['name', 'description', 'schedule', 'flow_workspace_uuid']));
				if (!isNullish(body.priority)) flow.priority = Number(body.priority);
				if (!isNullish(body.is_public)) flow.is_public = truthyFlag(body.is_public);
				if (!isNullish(body.use_sender_schedule)) flow.use_sender_schedule = truthyFlag(body.use_sender_schedule);
			},
		},
		remove: {
			after: (flow) => {
				for (const fl of db.flowLeads.where((x) => x.flow_uuid === flow.uuid)) db.flowLeads.delete(fl.uuid);
				for (const t of db.tasks.where((x) => x.flow_uuid === flow.uuid && x.status === 'in_progress')) t.status = 'canceled';
			},
		},
	});
	server.route('GET', '/flows/api/flows/{flowUuid}', (req) => ok(m.presentFlow(loadFlow(req), { withVersion: true })));
	server.route('PUT', '/flows/api/flows/{flowUuid}/start', setStatus('on', (flow) => {
		if (flow.status === 'archived') throw invalid('status', 'An archived automation cannot be started. Unarchive it first.');
	}));
	server.route('PUT', '/flows/api/flows/{flowUuid}/stop', setStatus('off'));
	server.route('PUT', '/flows/api/flows/{flowUuid}/archive', setStatus('archived'));
	server.route('PUT', '/flows/api/flows/{flowUuid}/unarchive', setStatus('off', (flow) => {
		if (flow.status !== 'archived') throw invalid('status', 'The automation is not archived.');
	}));

	server.route('POST', '/flows/api/flows/{flowUuid}/statistics/nodes', (req) => {
		const flow = loadFlow(req);
		const body = bodyOf(req);
		validate(body, { node_ids: 'required|array', filter: 'object' });
		validate(body, Object.fromEntries(body.node_ids.map((_, i) => [`node_ids.${i}`, 'integer'])));
		const version = db.flowVersions.get(flow.flow_version_uuid);
		const tasks = applyFilter(db.tasks.where((t) => t.flow_uuid === flow.uuid), body.filter, {});
		return ok(
			metricsMap(body.node_ids.map(String), (id) => {
				const nodeTasks = tasks.filter((t) => String(t.flow_node_id) === id);
				const statuses = {};
				for (const t of nodeTasks) statuses[t.status] = (statuses[t.status] || 0) + 1;
				const type = version?.nodes.find((n) => String(n.id) === id)?.type;
				const leadsOf = (pred) => nodeTasks.filter((t) => t.status === 'closed' && pred(t.lead_uuid)).length;
				let conversions = [];
				if (type === 'linkedin_send_connection_request') {
					conversions = { accepted: leadsOf((lead) => db.activities.find((a) => a.object_uuid === lead && a.type === 'linkedin_connection_request_accepted')), replied: leadsOf((lead) => db.linkedinMessages.find((x) => x.lead_uuid === lead && x.type === 'inbox')) };
				} else if (type === 'linkedin_send_message' || type === 'linkedin_send_inmail' || type === 'email_send_message') {
					conversions = { replied: leadsOf((lead) => db.linkedinMessages.find((x) => x.lead_uuid === lead && x.type === 'inbox') || db.emails.find((x) => x.lead_uuid === lead && x.type === 'inbox')), opened: 0, blocked: 0 };
				}
				return { node_statuses: statuses, node_conversions: conversions, node_branches: {} };
			}),
		);
	});
	server.route('POST', '/flows/api/flows/{flowUuid}/statistics/contact-sources', (req) => {
		const flow = loadFlow(req);
		const body = bodyOf(req);
		validate(body, { contact_source_ids: 'required|array' });
		validate(body, Object.fromEntries(body.contact_source_ids.map((_, i) => [`contact_source_ids.${i}`, 'integer'])));
		return ok(
			metricsMap(body.contact_source_ids.map(String), (id) => {
				const enrolments = db.flowLeads.where((x) => x.flow_uuid === flow.uuid && String(x.contact_source_id) === id);
				const statuses = {};
				for (const x of enrolments) statuses[x.status] = (statuses[x.status] || 0) + 1;
				const leads = new Set(enrolments.map((x) => x.lead_uuid));
				const closed = (type) => db.tasks.where((t) => t.flow_uuid === flow.uuid && t.type === type && t.status === 'closed' && leads.has(t.lead_uuid)).length;
				const inbox = db.linkedinMessages.where((x) => leads.has(x.lead_uuid) && x.type === 'inbox').length;
				return {
					contact_source_statuses: statuses,
					contact_source_added_by: { user: enrolments.filter((x) => x.added_by === 'user').length, filter: enrolments.filter((x) => x.added_by === 'filter').length },
					contact_source_conversions: {
						linkedin_connection_request: { sent: closed('linkedin_send_connection_request'), accepted: db.activities.where((a) => leads.has(a.object_uuid) && a.type === 'linkedin_connection_request_accepted').length },
						linkedin_message: { sent: closed('linkedin_send_message'), opened: 0, replied: inbox, blocked: 0 },
						email: { sent: closed('email_send_message'), opened: 0, replied: db.emails.where((x) => leads.has(x.lead_uuid) && x.type === 'inbox').length },
					},
				};
			}),
		);
	});

	// Known issue §2: unknown filter keys (e.g. `flow_uuids`) throw a 500 instead of a 422.
	server.route('POST', '/flows/api/flows-leads/list', (req) => {
		const body = bodyOf(req);
		validate(body, { filter: 'object' });
		const rows = applyFilter(db.flowLeads.all(), body.filter, { allowed: ['flow_uuid', 'lead_uuid', 'status'] });
		return ok(paginate(req, rows, { params: body }));
	});
	server.route('DELETE', '/flows/api/flows/leads/{leadUuid}', (req) => {
		const records = db.flowLeads.where((x) => x.lead_uuid === req.params.leadUuid);
		if (!records.length) throw notFound('Lead flow history');
		m.cancelEnrolments(req.params.leadUuid);
		for (const record of records) db.flowLeads.delete(record.uuid);
		return noContent();
	});
	server.route('PUT', '/flows/api/flows/leads/{leadUuid}/cancel', (req) => {
		const lead = m.load(db.leads, req.params.leadUuid, 'Lead');
		const body = bodyOf(req);
		validate(body, { flow_uuids: 'required|array' });
		m.cancelEnrolments(lead.uuid, body.flow_uuids);
		return noContent();
	});
	server.route('PUT', '/flows/api/flows/leads/{leadUuid}/cancel-all', (req) => {
		m.cancelEnrolments(m.load(db.leads, req.params.leadUuid, 'Lead').uuid);
		return noContent();
	});
	server.route('POST', '/flows/api/flows/{flowUuid}/leads/{leadUuid}', (req) => {
		const flow = loadFlow(req);
		const lead = m.load(db.leads, req.params.leadUuid, 'Lead');
		const body = bodyOf(req);
		m.enrol(flow, lead, { segmentId: body.contact_source_id ?? body.flow_segment_id ?? 1 });
		return noContent();
	});
	server.route('POST', '/flows/api/flows/{flowUuid}/add-new-lead', (req) => {
		const flow = loadFlow(req);
		const body = bodyOf(req);
		validate(body, {
			lead: 'required|object',
			'lead.linkedin_id': 'required|string',
			'lead.email': 'email',
			list_uuid: 'required|string',
			custom_fields: 'object',
			update_lead_if_exists: 'boolean',
			move_to_list: 'boolean',
			flow_segment_id: 'integer',
			skip_if_lead_exists: 'boolean',
		});
		m.ref(db.lists, body.list_uuid, 'list_uuid');
		if (truthyFlag(body.skip_if_lead_exists) && m.matchLead(body.lead)) return ok({ reason: 'skipped' });
		const { lead } = m.upsertLead(body.lead, { list_uuid: body.list_uuid, update_if_exists: body.update_lead_if_exists ?? true, move_to_list: body.move_to_list ?? false, custom_fields: body.custom_fields });
		m.enrol(flow, lead, { segmentId: body.flow_segment_id ?? 1 });
		return noContent();
	});

	crud(ctx, {
		path: '/flows/api/flow-workspaces',
		store: db.workspaces,
		label: 'Automation folder',
		get: false,
		list: { search: ['name'], orderField: 'order', paging: false },
		create: { rules: { name: 'required|string|max:255', order: 'integer' }, build: (b) => ({ user_id: USER_ID, name: b.name, order: isNullish(b.order) ? db.workspaces.size + 1 : Number(b.order) }) },
		update: { rules: { name: 'string|max:255', order: 'integer' }, apply: (row, b) => Object.assign(row, pick(b, ['name']), isNullish(b.order) ? {} : { order: Number(b.order) }) },
		remove: {
			status: 200,
			after: (workspace) => {
				for (const flow of db.flows.where((f) => f.flow_workspace_uuid === workspace.uuid)) flow.flow_workspace_uuid = null;
			},
		},
	});
}

// ---------------------------------------------------------------------------------------------------------
// Flow versions
// ---------------------------------------------------------------------------------------------------------

function registerFlowVersions({ server, db, model: m }) {
	const edgeRules = (path) => ({ [`${path}.node_id`]: 'required|int', [`${path}.branch_id`]: 'required|int' });

	server.route('POST', '/flows/api/flow-versions/validate-node', (req) => {
		const node = bodyOf(req);
		validate(node, { id: 'required|int', type: `required|string|in:${FLOW_NODE_TYPES}`, automation: 'in:auto', delay_in_seconds: 'integer|min:0' });
		// Known issue §1: missing edge arrays crash the validator.
		if (!Array.isArray(node.before) || !Array.isArray(node.after)) throw serverError(`Undefined array key "${!Array.isArray(node.before) ? 'before' : 'after'}"`);
		const errors = {};
		['before', 'after'].forEach((side) => node[side].forEach((edge, i) => Object.assign(errors, checkRules(node, edgeRules(`${side}.${i}`)))));
		if (!isNullish(node.payload) && !isObject(node.payload) && !Array.isArray(node.payload)) errors.payload = ['The payload must be an object or an array.'];
		if (Object.keys(errors).length) throw validationError(errors);
		return noContent();
	});
	server.route('POST', '/flows/api/flow-versions/validate-contact-source', (req) => {
		const body = bodyOf(req);
		validate(body, { id: 'required|int', type: 'string', options: 'object' });
		return ok({});
	});
	server.route('GET', '/flows/api/flows/{flowUuid}/flow-versions', (req) => {
		const flow = m.load(db.flows, req.params.flowUuid, 'Automation');
		return ok(sortRows(db.flowVersions.where((v) => v.flow_uuid === flow.uuid), 'created_at', 'asc').map((v) => pick(v, ['uuid', 'flow_uuid', 'nodes', 'contact_sources', 'first_common_node_id', 'created_at'])));
	});
	server.route('POST', '/flows/api/flows/{flowUuid}/flow-versions', (req) => {
		const flow = m.load(db.flows, req.params.flowUuid, 'Automation');
		const body = bodyOf(req);
		validate(body, { nodes: 'required|array', contact_sources: 'required|array|min:1', first_common_node_id: 'int' });
		const rules = {};
		body.nodes.forEach((node, i) => {
			Object.assign(rules, {
				[`nodes.${i}`]: 'object',
				[`nodes.${i}.id`]: 'required|int',
				[`nodes.${i}.type`]: `required|string|in:${FLOW_NODE_TYPES}`,
				[`nodes.${i}.before`]: 'present|array',
				[`nodes.${i}.after`]: 'present|array',
				[`nodes.${i}.created_at`]: 'required|date',
				[`nodes.${i}.updated_at`]: 'required|date',
			});
			for (const side of ['before', 'after']) (Array.isArray(node?.[side]) ? node[side] : []).forEach((_, j) => Object.assign(rules, edgeRules(`nodes.${i}.${side}.${j}`)));
		});
		body.contact_sources.forEach((_, i) => Object.assign(rules, { [`contact_sources.${i}.id`]: 'required|int', [`contact_sources.${i}.sender_profiles`]: 'array', [`contact_sources.${i}.rotation_strategy`]: 'in:fair', [`contact_sources.${i}.after_id`]: 'int' }));
		validate(body, rules);
		const ids = body.nodes.map((n) => n.id);
		ids.forEach((id, i) => {
			if (ids.indexOf(id) !== i) throw invalid(`nodes.${i}.id`, `The nodes.${i}.id has a duplicate value.`);
		});
		body.contact_sources.forEach((source, i) => {
			(source.sender_profiles || []).forEach((uuid, j) => m.ref(db.senderProfiles, uuid, `contact_sources.${i}.sender_profiles.${j}`));
			if (!isNullish(source.after_id) && !ids.includes(source.after_id)) throw invalidSelection(`contact_sources.${i}.after_id`);
		});
		const version = m.saveVersion(flow, body);
		return created(pick(version, ['uuid', 'flow_uuid', 'nodes', 'contact_sources', 'first_common_node_id', 'created_at', 'updated_at']));
	});
	server.route('GET', '/flows/api/flow-versions/{uuid}', (req) => ok(m.load(db.flowVersions, req.params.uuid, 'Flow version')));
	server.route('DELETE', '/flows/api/flow-versions/{uuid}', (req) => {
		const version = m.load(db.flowVersions, req.params.uuid, 'Flow version');
		if (db.flows.find((f) => f.flow_version_uuid === version.uuid)) throw invalid('uuid', 'The active flow version cannot be deleted.');
		db.flowVersions.delete(version.uuid);
		return noContent();
	});
}

// ---------------------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------------------

function registerTasks({ server, db, now, model: m }) {
	// The task list is backed by a *Filter class: `filter[…]` keys must be task columns (others → 500, §7).
	const TASK_FILTER = { allowed: Object.keys(m.makeTask({})) };
	const loadTask = (req) => m.load(db.tasks, req.params.uuid, 'Task');
	const manualOnly = (status, extra = {}) => (req) => {
		const task = loadTask(req);
		if (task.automation !== 'manual') throw invalid('uuid', `Only manual tasks can be marked ${status}; this task is run by an automation.`);
		Object.assign(task, { status, updated_at: now(), ...extra });
		if (status === 'closed') Object.assign(task, { executed_at: now(), attempts: task.attempts + 1 });
		return ok(task);
	};
	const mass = (apply) => (req) => {
		const body = bodyOf(req);
		validate(body, { uuids: 'required|array' });
		for (const task of body.uuids.map((u) => db.tasks.get(u)).filter(Boolean)) {
			apply(task);
			task.updated_at = now();
		}
		return ok({});
	};

	server.route('GET', '/flows/api/tasks/schedule', (req) => {
		const q = queryOf(req);
		validate(q, { sender_profile_uuid: 'required|string', date: 'required|date' });
		const sender = m.ref(db.senderProfiles, q.sender_profile_uuid, 'sender_profile_uuid');
		const day = q.date.slice(0, 10);
		const tasks = db.tasks.where((t) => t.sender_profile_uuid === sender.uuid && String(t.schedule_at || '').startsWith(day));
		const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
		return ok({
			date: day,
			sender_profile_uuid: sender.uuid,
			timezone: sender.schedule?.timezone ?? 'UTC',
			timeblocks: (sender.schedule?.timeblocks || []).filter((b) => b.dow === dow),
			data: sortRows(tasks, 'schedule_at', 'asc').map((t) => pick(t, ['uuid', 'type', 'status', 'lead_uuid', 'flow_uuid', 'schedule_at', 'executed_at'])),
		});
	});
	server.route('PUT', '/flows/api/tasks/continue-automation', (req) => {
		const body = bodyOf(req);
		validate(body, { lead_uuid: 'required|string' });
		const lead = m.ref(db.leads, body.lead_uuid, 'lead_uuid');
		for (const fl of db.flowLeads.where((x) => x.lead_uuid === lead.uuid && x.status === 'in_progress')) fl.updated_at = now();
		return ok({});
	});
	server.route('PUT', '/flows/api/tasks/mass-cancel', mass((t) => (t.status = 'canceled')));
	server.route('PUT', '/flows/api/tasks/mass-complete', mass((t) => Object.assign(t, { status: 'closed', executed_at: now() })));
	server.route('PUT', '/flows/api/tasks/mass-retry', mass((t) => Object.assign(t, { status: 'in_progress', attempts: t.attempts + 1, error_msg: null, automation_error_code: null })));
	server.route('PUT', '/flows/api/tasks/mass-skip', mass((t) => Object.assign(t, { status: 'skipped', error_msg: 'Skipped manually.' })));
	server.route('POST', '/flows/api/tasks/group-counts', (req) => {
		const body = bodyOf(req);
		validate(body, { group_field: 'required|in:flow_uuid,sender_profile_uuid,type,status', filter: 'object' });
		const counts = {};
		for (const t of applyFilter(db.tasks.all(), body.filter, TASK_FILTER)) {
			const key = t[body.group_field] ?? '';
			counts[key] = (counts[key] || 0) + 1;
		}
		return ok(counts);
	});
	server.route('GET', '/flows/api/tasks', (req) => {
		const rows = applyFilter(db.tasks.all(), parseBracketFilter(req.searchParams), TASK_FILTER);
		return ok(paginate(req, rows, { params: queryOf(req), envelope: 'counted' }));
	});
	server.route('POST', '/flows/api/tasks', (req) => {
		const body = bodyOf(req);
		// OpenAPI: top-level `text`; the web app (and MCP) send it as `payload.template`. Either is accepted.
		const text = body.text ?? body.payload?.template;
		validate({ ...body, text }, { lead_uuid: 'required|string', sender_profile_uuid: 'required|string', text: 'required|string|max:8000', schedule_at: 'required|date', type: `in:${TASK_TYPES}`, note: 'string', timezone: 'string' });
		const lead = m.ref(db.leads, body.lead_uuid, 'lead_uuid');
		const sender = m.ref(db.senderProfiles, body.sender_profile_uuid, 'sender_profile_uuid');
		const task = db.tasks.insert(
			m.makeTask({
				lead_uuid: lead.uuid,
				sender_profile_uuid: sender.uuid,
				mailbox_uuid: body.type === 'email_send_message' ? sender.mailbox_uuid : null,
				type: body.type || 'linkedin_send_message',
				automation: 'manual',
				flow_origin: 'manual',
				note: body.note ?? null,
				timezone: body.timezone || 'UTC',
				schedule_at: body.schedule_at,
				payload: { template: text, rendered_text: null, attachments: [], stop_on_reply_level: null, last_message_at: null },
			}),
		);
		return created(task);
	});
	server.route('GET', '/flows/api/tasks/{uuid}', (req) => ok(loadTask(req)));
	server.route('PUT', '/flows/api/tasks/{uuid}/complete', manualOnly('closed'));
	server.route('PUT', '/flows/api/tasks/{uuid}/cancel', manualOnly('canceled'));
	server.route('PUT', '/flows/api/tasks/{uuid}/fail', manualOnly('failed', { error_msg: 'Marked as failed manually.' }));
}

// ---------------------------------------------------------------------------------------------------------
// Sender profiles
// ---------------------------------------------------------------------------------------------------------

function registerSenderProfiles(ctx) {
	const { server, db, now, model: m } = ctx;
	const toggle = (status) => (req) => {
		const sender = m.load(db.senderProfiles, req.params.uuid, 'Sender profile');
		Object.assign(sender, { status, updated_at: now() });
		return ok(sender);
	};
	server.route('PUT', '/flows/api/sender-profiles/{uuid}/enable', toggle('enabled'));
	server.route('PUT', '/flows/api/sender-profiles/{uuid}/disable', toggle('disabled'));
	crud(ctx, {
		path: '/flows/api/sender-profiles',
		store: db.senderProfiles,
		label: 'Sender profile',
		list: { search: ['first_name', 'last_name', 'label'] },
		create: {
			rules: { first_name: 'required|string|max:255', last_name: 'required|string|max:255', assignee_user_id: 'required|integer', label: 'string|max:255' },
			check: (b) => {
				m.ref(db.users, Number(b.assignee_user_id), 'assignee_user_id');
				validateSchedule(b, 'linkedin_schedule', false);
				validateSchedule(b, 'email_schedule', false);
			},
			build: (b) => ({
				linkedin_browser_id: null,
				linkedin_account_uuid: null,
				mailbox_uuid: null,
				assignee_user_id: Number(b.assignee_user_id),
				first_name: b.first_name,
				last_name: b.last_name,
				label: b.label ?? null,
				avatar_url: null,
				schedule: b.linkedin_schedule || b.email_schedule || DEFAULT_SCHEDULE(),
				smart_limits_enabled: true,
				status: 'enabled',
				hold_tasks_till: null,
				last_automation_server_id: null,
				notification_emails: null,
				user_id: USER_ID,
			}),
		},
		update: {
			rules: { first_name: 'string|max:255', last_name: 'string|max:255', label: 'string|max:255' },
			check: (b) => validateSchedule(b, 'schedule', false),
			fields: ['first_name', 'last_name', 'label', 'schedule'],
		},
		remove: {
			after: (sender) => {
				for (const browser of db.browsers.where((b) => b.sender_profile_uuid === sender.uuid)) db.browsers.delete(browser.id);
			},
		},
	});
}

// ---------------------------------------------------------------------------------------------------------
// AI agents and AI templates
// ---------------------------------------------------------------------------------------------------------

function registerAi(ctx) {
	const { server, db, model: m } = ctx;
	const agentRules = { name: 'string|max:255', description: 'string', avatar_url: 'string', classification_llm_uuid: 'string', classification_llm_config: 'object', classification_prompt: 'string' };
	const agentFields = Object.keys(agentRules);
	crud(ctx, {
		path: '/flows/api/ai-agents',
		store: db.aiAgents,
		label: 'AI agent',
		list: { search: ['name', 'description'] },
		create: {
			rules: { ...agentRules, name: 'required|string|max:255' },
			build: (b) => ({ public_uuid: null, ...Object.fromEntries(agentFields.map((f) => [f, b[f] ?? null])) }),
		},
		update: { rules: agentRules, fields: agentFields },
		remove: {},
	});

	const templateRules = { name: 'string|max:255', subject: 'string', body: 'string', prompt: 'string', llm_uuid: 'string', llm_config: 'object', enable_validation: 'boolean', enable_fallback: 'boolean', settings: 'object' };
	const templateFields = Object.keys(templateRules);
	server.route('POST', '/flows/api/ai-templates/render', (req) => {
		const body = bodyOf(req);
		validate(body, { ...templateRules, uuid: 'string', type: `in:${AI_TEMPLATE_TYPES}`, lead_uuid: 'required|string', sender_profile_uuid: 'required|string' });
		const lead = m.ref(db.leads, body.lead_uuid, 'lead_uuid');
		const sender = m.ref(db.senderProfiles, body.sender_profile_uuid, 'sender_profile_uuid');
		const template = { ...(body.uuid ? m.ref(db.aiTemplates, body.uuid, 'uuid') : {}), ...pick(body, templateFields) };
		const company = lead.company_uuid ? db.companies.get(lead.company_uuid) : null;
		const variables = {
			...lead,
			...m.customFieldsOf('lead', lead.uuid),
			company: company || {},
			sender,
			sender_first_name: sender.first_name,
			sender_last_name: sender.last_name,
			sender_name: [sender.first_name, sender.last_name].filter(Boolean).join(' '),
		};
		const rendered = renderTemplate(template.body, variables);
		const instructions = template.prompt ? renderTemplate(template.prompt, variables) : null;
		return ok({
			llm_instructions: instructions,
			rendered_body: rendered,
			ai_generated_body: instructions ? `${rendered ?? ''}`.trim() || `Hi ${lead.first_name ?? ''}`.trim() : null,
			fallback_body: truthyFlag(template.enable_fallback) ? rendered : null,
			handling_error: null,
			validation_history: truthyFlag(template.enable_validation) ? [{ attempt: 1, valid: true, reason: null }] : [],
		});
	});
	crud(ctx, {
		path: '/flows/api/ai-templates',
		store: db.aiTemplates,
		label: 'AI template',
		list: { search: ['name', 'body', 'subject'] },
		create: {
			rules: { ...templateRules, name: 'required|string|max:255', type: `required|in:${AI_TEMPLATE_TYPES}`, is_public: 'boolean' },
			// Known issue §5: `is_public` reaches the domain constructor as null → a 500, not a 422.
			check: (b) => {
				if (isNullish(b.is_public)) throw serverError('TypeError: AiTemplate::__construct(): Argument #5 ($isPublic) must be of type int, null given');
			},
			build: (b) => ({
				template_category_uuid: null,
				...Object.fromEntries(templateFields.map((f) => [f, b[f] ?? null])),
				enable_validation: truthyFlag(b.enable_validation),
				enable_fallback: truthyFlag(b.enable_fallback),
				attachments: [],
				type: b.type,
				validation_llm_uuid: null,
				validation_llm_config: null,
				validation_prompt: null,
				is_public: truthyFlag(b.is_public) ? 1 : 0,
			}),
		},
		update: { rules: templateRules, fields: templateFields },
		// Known issue §6: DELETE answers 204 but the read path ignores the soft delete.
		remove: { keep: true, after: (row) => ctx.state.deletedAiTemplates.add(row.uuid) },
	});
}

// ---------------------------------------------------------------------------------------------------------
// LinkedIn messages and conversations
// ---------------------------------------------------------------------------------------------------------

function registerLinkedinMessaging(ctx) {
	const { server, db, now, model: m } = ctx;
	server.route('POST', '/flows/api/linkedin-messages/group-counts', (req) => {
		const body = bodyOf(req);
		validate(body, { group_field: 'required|in:status,type,sender_profile_uuid,linkedin_account_uuid', filter: 'object' });
		const counts = {};
		for (const x of applyFilter(db.linkedinMessages.all(), body.filter, { search: ['text', 'subject'] })) {
			const key = x[body.group_field] ?? '';
			counts[key] = (counts[key] || 0) + 1;
		}
		return ok(counts);
	});
	server.route('PUT', '/flows/api/linkedin-messages/{uuid}/retry', (req) => {
		const message = m.load(db.linkedinMessages, req.params.uuid, 'LinkedIn message');
		if (message.status !== 'failed') throw invalid('uuid', 'Only failed messages can be retried.');
		Object.assign(message, { status: 'new', fail_reason: null, updated_at: now() });
		return ok(message);
	});
	server.route('POST', '/flows/api/linkedin-messages', (req) => {
		const body = bodyOf(req);
		validate(body, {
			sender_profile_uuid: 'required|string',
			lead_uuid: 'required|string',
			text: `${body.template_uuid ? '' : 'required|'}string|max:8000`,
			template_uuid: 'string',
			attachments: 'array',
			subject: 'string|max:511',
			linkedin_messenger_type: 'in:basic,sn',
		});
		const sender = m.ref(db.senderProfiles, body.sender_profile_uuid, 'sender_profile_uuid');
		const lead = m.ref(db.leads, body.lead_uuid, 'lead_uuid');
		const template = body.template_uuid ? m.ref(db.aiTemplates, body.template_uuid, 'template_uuid') : null;
		const attachments = (body.attachments || []).map((a, i) => {
			const uuid = isObject(a) ? a.uuid : a;
			m.ref(db.attachments, uuid, `attachments.${i}.uuid`);
			return { uuid };
		});
		const inmail = body.linkedin_messenger_type === 'sn';
		const message = m.makeMessage(sender, lead, {
			text: body.text ?? renderTemplate(template?.body, { ...lead, ...m.customFieldsOf('lead', lead.uuid) }) ?? '',
			subject: body.subject ?? null,
			template_uuid: body.template_uuid ?? null,
			attachments,
			linkedin_type: inmail ? 'InMail' : 'message',
			status: 'new',
			sent_at: now(),
		});
		m.emit(inmail ? 'sender_profile_sent_linkedin_inmail' : 'sender_profile_sent_linkedin_message', { lead, sender, message });
		return created(message);
	});
	crud(ctx, {
		path: '/flows/api/linkedin-messages',
		store: db.linkedinMessages,
		label: 'LinkedIn message',
		get: false,
		list: { search: ['text', 'subject'] },
		remove: {},
	});
	// Conversations: `filter[…]` keys must be conversation columns; `filter[flow_uuid]` is rejected.
	const CONVERSATION_FILTER = {
		allowed: ['uuid', 'id', 'lead_uuid', 'linkedin_account_uuid', 'ln_id', 'sn_id', 'conversation_hash', 'linkedin_messenger_type', 'need_to_sync', 'last_activity_at', 'created_at', 'updated_at'],
	};
	server.route('GET', '/flows/api/linkedin-conversations', (req) => {
		const rows = applyFilter(db.conversations.all(), parseBracketFilter(req.searchParams), CONVERSATION_FILTER);
		return ok(paginate(req, rows, { params: queryOf(req) }));
	});
}

// ---------------------------------------------------------------------------------------------------------
// Emails, email bodies, mailboxes, mailbox errors
// ---------------------------------------------------------------------------------------------------------

function registerEmails(ctx) {
	const { server, db, now, model: m } = ctx;
	const loadEmail = (req) => m.load(db.emails, req.params.uuid, 'Email');
	const htmlToText = (html) => String(html ?? '').replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n').replace(/<[^>]+>/g, '').replace(/\n{2,}/g, '\n').trim();

	server.route('POST', '/emails/api/emails/send-email', (req) => {
		const raw = bodyOf(req);
		// OpenAPI: flat to_email / to_name and from_*; the web app sends `mailbox_uuid` + `to: [{to_email, to_name}]`.
		const to = Array.isArray(raw.to) && isObject(raw.to[0]) ? raw.to[0] : {};
		const mailbox = raw.mailbox_uuid ? m.ref(db.mailboxes, raw.mailbox_uuid, 'mailbox_uuid') : null;
		const body = {
			...raw,
			to_email: raw.to_email ?? to.to_email,
			to_name: raw.to_name ?? to.to_name,
			from_email: raw.from_email ?? mailbox?.email,
			from_name: raw.from_name ?? mailbox?.sender_name,
		};
		validate(body, {
			sender_profile_uuid: 'required|string',
			lead_uuid: 'required|string',
			from_name: 'required|string',
			from_email: 'required|email',
			to_name: 'required|string',
			to_email: 'required|email',
			subject: 'required|string|max:998',
			body: 'string',
			cc: 'array',
			bcc: 'array',
			attachments: 'array',
		});
		const sender = m.ref(db.senderProfiles, body.sender_profile_uuid, 'sender_profile_uuid');
		const lead = m.ref(db.leads, body.lead_uuid, 'lead_uuid');
		const box = mailbox || db.mailboxes.get(sender.mailbox_uuid) || db.mailboxes.find((x) => lower(x.email) === lower(body.from_email));
		if (!box) throw invalid('sender_profile_uuid', 'The selected sender profile has no connected mailbox.');
		const addresses = (list, field) =>
			(list || []).map((entry, i) => {
				const address = isObject(entry) ? entry.to_email ?? entry.email : entry;
				if (CHECKS.email(address)) throw invalid(`${field}.${i}`, `The ${field}.${i} must be a valid email address.`);
				return address;
			});
		const attachments = (body.attachments || []).map((a, i) => {
			const uuid = isObject(a) ? a.uuid : a;
			const file = m.ref(db.attachments, uuid, `attachments.${i}.uuid`);
			return { uuid, name: file.payload.name };
		});
		const replyTo = raw.in_reply_to_email_uuid ? m.ref(db.emails, raw.in_reply_to_email_uuid, 'in_reply_to_email_uuid') : null;
		const { email, body: emailBody } = m.makeEmail(
			{
				sender_profile_uuid: sender.uuid,
				mailbox_uuid: box.uuid,
				lead_uuid: lead.uuid,
				status: 'sent',
				type: 'outbox',
				folder: 'sent',
				from_name: body.from_name,
				from_email: body.from_email,
				to_name: body.to_name,
				to_email: body.to_email,
				cc: addresses(body.cc, 'cc'),
				bcc: addresses(body.bcc, 'bcc'),
				subject: body.subject,
				template_uuid: raw.template_uuid ?? null,
				replied_to_uuid: replyTo?.uuid ?? null,
				thread_uuid: replyTo?.thread_uuid ?? raw.thread_uuid ?? null,
				sent_at: now(),
			},
			{ body: body.body ?? '', subject: body.subject, attachments },
		);
		m.emit('sender_profile_sent_email', { lead, sender, email });
		return created({ emailDomain: email, emailBodyDomain: emailBody });
	});
	server.route('POST', '/emails/api/emails/latest-by-leads', (req) => {
		const body = bodyOf(req);
		validate(body, { lead_uuids: 'required|array' });
		const data = body.lead_uuids
			.map((uuid) => sortRows(db.emails.where((x) => x.lead_uuid === uuid), 'sent_at', 'desc')[0])
			.filter(Boolean)
			.map(m.emailWithBody);
		return ok({ data });
	});
	server.route('POST', '/emails/api/emails/llm-thread', (req) => {
		const body = bodyOf(req);
		validate(body, { sender_profile_uuid: 'required|string', lead_uuid: 'required|string', lead_name: 'required|string', limit: 'integer|min:1', sent_at_recency_in_days: 'integer|min:1' });
		const sender = m.ref(db.senderProfiles, body.sender_profile_uuid, 'sender_profile_uuid');
		m.ref(db.leads, body.lead_uuid, 'lead_uuid');
		const since = isNullish(body.sent_at_recency_in_days) ? 0 : Date.now() - Number(body.sent_at_recency_in_days) * 86_400_000;
		let emails = sortRows(db.emails.where((x) => x.lead_uuid === body.lead_uuid && Date.parse(x.sent_at || x.created_at) >= since), 'sent_at', 'asc');
		if (!isNullish(body.limit)) emails = emails.slice(-Number(body.limit));
		const senderName = [sender.first_name, sender.last_name].filter(Boolean).join(' ');
		const thread = emails
			.map((x) => `[${String(x.sent_at).slice(0, 16).replace('T', ' ')}] ${x.type === 'inbox' ? `${body.lead_name} → ${senderName}` : `${senderName} → ${body.lead_name}`}\nSubject: ${x.subject}\n${htmlToText(db.emailBodies.get(x.email_body_uuid)?.body)}`)
			.join('\n\n');
		return ok({ thread, emails_count: emails.length });
	});
	server.route('GET', '/emails/api/emails/{uuid}/thread', (req) => {
		const email = loadEmail(req);
		const rows = sortRows(db.emails.where((x) => x.thread_uuid === email.thread_uuid), 'sent_at', 'asc');
		return ok({ data: rows.map(m.emailWithBody) });
	});
	crud(ctx, {
		path: '/emails/api/emails',
		store: db.emails,
		label: 'Email',
		list: { envelope: 'counted', search: ['subject', 'from_email', 'to_email', 'from_name', 'to_name'] },
		remove: {},
	});
	const searchable = (store, fields) => (req) => {
		const needle = req.searchParams.get('search');
		return needle ? store.where((row) => textMatches(row, needle, fields)) : store.all();
	};
	crud(ctx, {
		path: '/emails/api/email-bodies',
		store: db.emailBodies,
		label: 'Email body',
		list: { envelope: 'data', filter: false, rows: searchable(db.emailBodies, ['subject', 'body']) },
	});

	// --- mailboxes ---
	const mask = (settings) => Object.fromEntries(Object.entries(settings || {}).map(([k, v]) => [k, /password/.test(k) && v ? '********' : v]));
	const presentMailbox = (box) => ({ ...box, connection_settings: mask(box.connection_settings) });
	const mailboxRules = { sender_name: 'string|max:255', automation_daily_limit: 'integer|min:1', automation_task_interval: 'integer|min:0', connection_settings: 'object', custom_tracking_domain_uuid: 'string', provider: 'string' };
	const toggle = (status) => (req) => {
		const box = m.load(db.mailboxes, req.params.uuid, 'Mailbox');
		Object.assign(box, { status, updated_at: now() });
		return ok(presentMailbox(box));
	};
	server.route('PUT', '/emails/api/mailboxes/{uuid}/activate', toggle('active'));
	server.route('PUT', '/emails/api/mailboxes/{uuid}/deactivate', toggle('inactive'));
	crud(ctx, {
		path: '/emails/api/mailboxes',
		store: db.mailboxes,
		label: 'Mailbox',
		present: presentMailbox,
		list: { envelope: 'counted', search: ['email', 'sender_name'] },
		create: {
			rules: { ...mailboxRules, email: 'required|email', sender_name: 'required|string|max:255', sender_profile_uuid: 'required|string' },
			check: (b) => {
				m.ref(db.senderProfiles, b.sender_profile_uuid, 'sender_profile_uuid');
				if (db.mailboxes.find((x) => lower(x.email) === lower(b.email))) throw invalid('email', 'The email has already been taken.');
			},
			build: (b) => ({
				user_id: USER_ID,
				sender_profile_uuid: b.sender_profile_uuid,
				email: b.email,
				sender_name: b.sender_name,
				provider: b.provider ?? 'smtp',
				status: 'active',
				automation_daily_limit: isNullish(b.automation_daily_limit) ? 50 : Number(b.automation_daily_limit),
				automation_task_interval: isNullish(b.automation_task_interval) ? 120 : Number(b.automation_task_interval),
				custom_tracking_domain_uuid: null,
				connection_settings: b.connection_settings ?? {},
			}),
			after: (box) => {
				const sender = db.senderProfiles.get(box.sender_profile_uuid);
				if (sender && !sender.mailbox_uuid) sender.mailbox_uuid = box.uuid;
			},
		},
		update: {
			rules: mailboxRules,
			apply: (box, b) => {
				Object.assign(box, pick(b, ['sender_name', 'custom_tracking_domain_uuid']));
				if (!isNullish(b.automation_daily_limit)) box.automation_daily_limit = Number(b.automation_daily_limit);
				if (!isNullish(b.automation_task_interval)) box.automation_task_interval = Number(b.automation_task_interval);
				if (isObject(b.connection_settings)) box.connection_settings = { ...box.connection_settings, ...b.connection_settings };
			},
		},
		remove: {
			// DELETE carries a JSON body: automation_reassign_mailboxes (required) [+ automation_mailbox_to_reassign].
			check: (box, req) => {
				const body = bodyOf(req);
				validate(body, { automation_reassign_mailboxes: 'required|boolean', automation_mailbox_to_reassign: truthyFlag(body.automation_reassign_mailboxes) ? 'required|string' : 'string' });
				if (truthyFlag(body.automation_reassign_mailboxes)) m.ref(db.mailboxes, body.automation_mailbox_to_reassign, 'automation_mailbox_to_reassign', (x) => x.uuid !== box.uuid);
			},
			after: (box, req) => {
				const body = bodyOf(req);
				const target = truthyFlag(body.automation_reassign_mailboxes) ? body.automation_mailbox_to_reassign : null;
				for (const sender of db.senderProfiles.where((s) => s.mailbox_uuid === box.uuid)) sender.mailbox_uuid = target;
				for (const task of db.tasks.where((t) => t.mailbox_uuid === box.uuid && t.status === 'in_progress')) task.mailbox_uuid = target;
			},
		},
	});
	server.route('GET', '/emails/api/mailbox-errors', (req) => ok(paginate(req, searchable(db.mailboxErrors, ['message', 'error_type'])(req), { params: queryOf(req), envelope: 'data' })));
}

// ---------------------------------------------------------------------------------------------------------
// Attachments (multipart upload, 20 MB)
// ---------------------------------------------------------------------------------------------------------

function registerAttachments(ctx) {
	const { server, db, now, blobs } = ctx;
	server.route('POST', '/flows/api/attachments', (req) => {
		const form = req.multipart;
		if (!form) throw validationError({ attachment: ['The attachment field is required.'], 'payload.name': ['The payload.name field is required.'] });
		let payload = { name: form.fields['payload[name]'], size: form.fields['payload[size]'], type: form.fields['payload[type]'] };
		if (form.fields.payload) {
			try {
				payload = { ...JSON.parse(form.fields.payload), ...Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined)) };
			} catch {
				throw invalid('payload', 'The payload must be an object.');
			}
		}
		const file = form.files.attachment;
		const errors = checkRules({ payload }, { 'payload.name': 'required|string|max:255', 'payload.size': 'required|integer|min:0', 'payload.type': 'required|string' });
		if (!file) errors.attachment = [form.fields.attachment !== undefined ? 'The attachment must be a file.' : 'The attachment field is required.'];
		else if (file.size > MAX_ATTACHMENT_BYTES) errors.attachment = [`The attachment must not be greater than ${MAX_ATTACHMENT_BYTES / 1024} kilobytes.`];
		else {
			const ext = String(payload.name || file.filename).split('.').pop().toLowerCase();
			if (!ATTACHMENT_EXTENSIONS.includes(ext)) errors.attachment = [`The attachment must be a file of type: ${ATTACHMENT_EXTENSIONS.join(', ')}.`];
		}
		if (Object.keys(errors).length) throw validationError(errors);
		const uuid = randomUUID();
		const ext = String(payload.name).split('.').pop().toLowerCase();
		blobs.attachments.set(uuid, file.data);
		const stamp = now();
		return created(db.attachments.insert({ uuid, team_id: TEAM_ID, user_id: USER_ID, payload: { name: payload.name, path: `attachments/${TEAM_ID}/${uuid}.${ext}`, size: String(payload.size), type: payload.type }, body: null, created_at: stamp, updated_at: stamp }));
	});
	crud(ctx, { path: '/flows/api/attachments', store: db.attachments, label: 'Attachment', list: {}, remove: { after: (row) => blobs.attachments.delete(row.uuid) } });
}

// ---------------------------------------------------------------------------------------------------------
// LinkedIn browsers (cloud seats; integer ids)
// ---------------------------------------------------------------------------------------------------------

function registerBrowsers(ctx) {
	const { server, db, now, model: m } = ctx;
	const parseId = (raw) => (/^\d+$/.test(raw) ? Number(raw) : null);
	const loadBrowser = (req) => {
		const id = parseId(req.params.id);
		const browser = id === null ? undefined : db.browsers.get(id);
		if (!browser) throw notFound('LinkedIn browser');
		return browser;
	};
	const countryRule = (v) => (isNullish(v) || /^[A-Za-z]{2}$/.test(v) ? null : 'The proxy country code must be a two-letter country code.');
	let nextId = 600;

	server.route('POST', '/browsers/api/linkedin-browsers/list', (req) => {
		const body = bodyOf(req);
		return ok(paginate(req, applyFilter(db.browsers.all(), body.filter, { search: ['name', 'linkedin_login'] }), { params: body, orderType: 'asc' }));
	});
	server.route('POST', '/browsers/api/linkedin-browsers', (req) => {
		const body = bodyOf(req);
		validate(body, { sender_profile_uuid: 'required|string', proxy_country_code: 'string' });
		if (countryRule(body.proxy_country_code)) throw invalid('proxy_country_code', countryRule(body.proxy_country_code));
		const sender = m.ref(db.senderProfiles, body.sender_profile_uuid, 'sender_profile_uuid');
		const stamp = now();
		const browser = db.browsers.insert({
			id: ++nextId,
			team_id: TEAM_ID,
			sender_profile_uuid: sender.uuid,
			linkedin_account_uuid: null,
			external_id: `lb-${hash().slice(0, 8)}`,
			name: `${[sender.first_name, sender.last_name].filter(Boolean).join(' ')} - LinkedIn`,
			shared_emails: [],
			linkedin_automation_server_id: null,
			linkedin_proxy_id: null,
			proxy_country_code: body.proxy_country_code ? body.proxy_country_code.toUpperCase() : null,
			custom_proxy_config: [],
			schedule: structuredClone(sender.schedule || DEFAULT_SCHEDULE()),
			linkedin_login: null,
			linkedin_password: null,
			ln_code: null,
			browser_owner: 'grinfi',
			status: 'stopped',
			error_reason: null,
			user_id: USER_ID,
			last_start_at: null,
			created_at: stamp,
			updated_at: stamp,
		});
		sender.linkedin_browser_id = browser.id;
		return created(browser);
	});
	server.route('GET', '/browsers/api/linkedin-browsers/{id}', (req) => ok(loadBrowser(req)));
	server.route('PUT', '/browsers/api/linkedin-browsers/{id}', (req) => {
		const browser = loadBrowser(req);
		const body = bodyOf(req);
		validate(body, { name: 'string|max:255', proxy_country_code: 'string', linkedin_login: 'string', linkedin_password: 'string', custom_proxy_config: 'array' });
		if (body.schedule !== undefined) validateSchedule(body, 'schedule', false);
		Object.assign(browser, pick(body, ['name', 'schedule', 'linkedin_login', 'linkedin_password', 'custom_proxy_config']), body.proxy_country_code ? { proxy_country_code: body.proxy_country_code.toUpperCase() } : {}, { updated_at: now() });
		return ok(browser);
	});
	server.route('DELETE', '/browsers/api/linkedin-browsers/{id}', (req) => {
		const browser = loadBrowser(req);
		db.browsers.delete(browser.id);
		for (const sender of db.senderProfiles.where((s) => s.linkedin_browser_id === browser.id)) sender.linkedin_browser_id = null;
		return noContent();
	});
	server.route('POST', '/browsers/api/linkedin-browsers/{id}/generate-external-access-key', (req) => {
		const browser = loadBrowser(req);
		const key = `lb_ak_${randomBytes(24).toString('hex')}`;
		Object.defineProperty(browser, '_accessKey', { value: key, writable: true, configurable: true, enumerable: false });
		return ok({ external_access_key: key, cloud_browser_url: `${APP_URL}/cloud-browser/public/${key}` });
	});
	/** Resuming a seat that never logged in puts it in `login_issue` (the reference warns against it). */
	server.route('POST', '/browsers/api/linkedin-browsers/{id}/run', (req) => {
		const browser = loadBrowser(req);
		if (!browser.linkedin_account_uuid) Object.assign(browser, { status: 'login_issue', error_reason: 'The seat has never been logged in; open a Smart Login link first.' });
		else Object.assign(browser, { status: 'running', error_reason: null, last_start_at: now() });
		browser.updated_at = now();
		return noContent();
	});
	server.route('POST', '/browsers/api/linkedin-browsers/{id}/stop', (req) => {
		Object.assign(loadBrowser(req), { status: 'stopped', updated_at: now() });
		return noContent();
	});
	server.route('POST', '/browsers/api/linkedin-browsers/{id}/set-proxy', (req) => {
		const browser = loadBrowser(req);
		const body = bodyOf(req);
		validate(body, { proxy_country_code: 'string' });
		if (countryRule(body.proxy_country_code)) throw invalid('proxy_country_code', countryRule(body.proxy_country_code));
		Object.assign(browser, { proxy_country_code: body.proxy_country_code ? body.proxy_country_code.toUpperCase() : null, linkedin_proxy_id: body.proxy_country_code ? 3300 + browser.id : null, updated_at: now() });
		return ok(browser);
	});
	server.route('POST', '/browsers/api/linkedin-browsers/{id}/share', (req) => {
		const browser = loadBrowser(req);
		const body = bodyOf(req);
		validate(body, { recipients: 'required|array' });
		body.recipients.forEach((r, i) => {
			if (CHECKS.email(r)) throw invalid(`recipients.${i}`, `The recipients.${i} must be a valid email address.`);
		});
		browser.shared_emails = [...new Set([...browser.shared_emails, ...body.recipients])];
		browser.updated_at = now();
		return ok(browser);
	});
}

// ---------------------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------------------

function registerWebhooks(ctx) {
	const { server, db, now, state, model: m } = ctx;
	const rules = { name: 'string|max:255', event: `in:${WEBHOOK_EVENTS}`, request_method: `in:${HTTP_METHODS}`, target_url: 'url', filters: 'object', status: 'in:on,off' };
	/** The placeholder sample the test endpoint sends (after the webhook-payload example). */
	const sample = (event) => {
		const zero = '00000000-0000-0000-0000-000000000001';
		const stamp = now();
		const reply = event.startsWith('contact_replied');
		return {
			event_name: event,
			contact: { uuid: zero, name: 'Example Name', first_name: 'Example', last_name: 'Name', position: 'Head of Example', company_name: 'Example Company', linkedin_url: 'https://www.linkedin.com/in/example', linkedin: 'example', work_email: 'work@example.com', pipeline_stage_name: 'Opportunity', list_name: 'Example List', tags: [], status: 'ok', getsales_url: `${APP_URL}/crm/contacts/${zero}` },
			account: { name: 'Example Company', domain: 'example.com', website: 'https://example.com', industry: 'Software', linkedin_url: 'https://www.linkedin.com/company/example', size: '11-50' },
			sender_profile: { uuid: zero, first_name: 'Example', last_name: 'Sender', label: 'Example-Label', assignee_user_id: USER_ID, team_id: TEAM_ID },
			automation: { uuid: zero, name: 'Example Flow', status: 'on', priority: 2 },
			contact_markers: { linkedin_last_connection_sent_at: null, linkedin_last_connection_accepted_at: null, linkedin_messages_sent_count: 0, linkedin_messages_inbox_count: 0, email_sent_count: 0, last_messaging_activity_at: null },
			linkedin_connection: event === 'contact_accepted_linkedin_connection_request' ? { full_name: 'Example Name', nickname: 'example', connected_at: stamp } : null,
			linkedin_connection_request: event === 'sender_profile_sent_linkedin_connection_request' ? { ln_id: null, nickname: 'example', sent_at: stamp } : null,
			linkedin_message: /linkedin_(message|inmail)$/.test(event) ? { uuid: zero, subject: null, text: 'Example message text', type: reply ? 'inbox' : 'outbox', status: 'done', sent_at: stamp, read_at: null } : null,
			email: /email/.test(event) ? { uuid: zero, subject: 'Example subject', body: '<p>Example email body</p>', status: 'sent', type: reply ? 'inbox' : 'outbox', sent_at: stamp } : null,
			latest_linkedin_conversation_thread: null,
			latest_email_conversation_thread: null,
		};
	};

	server.route('POST', '/integrations/api/webhooks/test', async (req) => {
		const body = bodyOf(req);
		validate(body, { uuid: 'required|string', event: 'required|string', request_method: `required|in:${HTTP_METHODS}`, target_url: 'required|url' });
		if (!WEBHOOK_EVENTS.includes(body.event)) throw invalidSelection('event');
		m.load(db.webhooks, body.uuid, 'Webhook');
		const lead = body.lead_uuid ? db.leads.get(body.lead_uuid) : null;
		const payload = lead ? m.buildPayload(body.event, { lead }) : sample(body.event);
		const answer = await sendJson(body.target_url, body.request_method, payload);
		state.deliveries.push({ uuid: randomUUID(), at: now(), event: body.event, webhookUuid: body.uuid, url: body.target_url, method: body.request_method, payload, matched: true, test: true, status: answer.status, response: answer.body, ...(answer.error ? { error: answer.error } : {}) });
		return ok({ status_code: answer.status, body: answer.body ?? null, ...(answer.error ? { error: answer.error } : {}) });
	});
	crud(ctx, {
		path: '/integrations/api/webhooks',
		store: db.webhooks,
		label: 'Webhook',
		list: { search: ['name', 'target_url'], paging: false },
		create: {
			rules: { ...rules, name: 'required|string|max:255', event: `required|in:${WEBHOOK_EVENTS}`, target_url: 'required|url' },
			build: (b) => ({ user_id: USER_ID, name: b.name, event: b.event, request_method: b.request_method || 'POST', target_url: b.target_url, filters: b.filters ?? null, status: b.status || 'on' }),
		},
		update: { rules, fields: ['name', 'event', 'request_method', 'target_url', 'filters', 'status'] },
		remove: {},
	});
}

// ---------------------------------------------------------------------------------------------------------
// The sandbox
// ---------------------------------------------------------------------------------------------------------

const ROUTE_GROUPS = [
	registerAccount,
	registerContacts,
	registerCompanies,
	registerOrganisation,
	registerImports,
	registerAutomations,
	registerFlowVersions,
	registerTasks,
	registerSenderProfiles,
	registerAi,
	registerLinkedinMessaging,
	registerEmails,
	registerAttachments,
	registerBrowsers,
	registerWebhooks,
];

/**
 * @param {object} [options]
 * @param {string[]} [options.apiKeys] accepted bearer keys (keys created through the API are added)
 * @param {{limit:number, windowMs:number}} [options.rateLimit] per key; 429 + Retry-After beyond it
 * @param {boolean} [options.seed] load the seed dataset (see SEED_IDS)
 * @param {boolean} [options.emitEvents] deliver webhooks for API-caused events (contact created, tag added…)
 * @returns {{server: ContractServer, state: object}} the server is not listening yet
 */
function createGrinfiSandbox({ apiKeys = ['grinfi_test_key'], rateLimit = { limit: 300, windowMs: 60_000 }, seed = true, emitEvents = false } = {}) {
	const keys = [...apiKeys];
	const server = new ContractServer({
		name: 'Grinfi',
		errorBody: coreErrorBody,
		rateLimit,
		authenticate(req) {
			const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
			if (!match) throw new HttpError(401, errorBody(401, 'auth_exception', 'Unauthenticated.'));
			if (!keys.includes(match[1])) throw new HttpError(401, errorBody(401, 'auth_exception', 'The API key is invalid or has expired.'));
			return match[1];
		},
	});
	const db = createStores();
	const blobs = { imports: new Map(), exports: new Map(), attachments: new Map() };
	const now = monotonicClock();
	const state = {
		/** Advanced-enrichment credits; enrichment answers 402 once this is 0. */
		credits: 100,
		/** Deliver webhooks when API calls cause events (off by default; tests use fireEvent). */
		emitEvents,
		/** Every webhook delivery attempt: {event, webhookUuid, url, method, payload, matched, status, response, test?}. */
		deliveries: [],
		pending: new Set(),
		deletedAiTemplates: new Set(),
		/** Fixed ids of the seeded records. */
		ids: SEED_IDS,
		apiKeys: keys,
		db,
		contacts: db.leads,
		companies: db.companies,
		lists: db.lists,
		tags: db.tags,
		stages: db.stages,
		customFields: db.customFields,
		customFieldValues: db.customFieldValues,
		flows: db.flows,
		flowVersions: db.flowVersions,
		flowLeads: db.flowLeads,
		tasks: db.tasks,
		senderProfiles: db.senderProfiles,
		linkedinMessages: db.linkedinMessages,
		conversations: db.conversations,
		emails: db.emails,
		mailboxes: db.mailboxes,
		attachments: db.attachments,
		browsers: db.browsers,
		aiTemplates: db.aiTemplates,
		exports: db.fileExports,
	};
	const model = createModel({ db, now, state, blobs });
	const ctx = { server, db, now, state, model, blobs, keys };
	for (const register of ROUTE_GROUPS) register(ctx);

	Object.assign(state, {
		model,
		/** The webhooks registered through the API. */
		webhooks: () => db.webhooks.all(),
		/**
		 * Delivers `eventName` to every active webhook registered for it whose jsonLogic `filters` match, with the
		 * webhook's request_method and target_url. The payload follows the webhook-payload schema, built from the
		 * contact in `payloadOverrides.contact.uuid` (else the first contact); overrides are deep-merged last.
		 * @returns {Promise<Array<{webhookUuid: string, status: number, url: string, error?: string}>>}
		 */
		fireEvent: (eventName, payloadOverrides = {}) => model.fireEvent(eventName, payloadOverrides),
		/** The delivery body fireEvent would send (no HTTP). */
		buildPayload: (eventName, payloadOverrides = {}) => model.buildPayload(eventName, {}, payloadOverrides),
		/** Adds n contacts (list: fields.list_uuid or the first list), each with a distinct email and LinkedIn handle. */
		seedContacts(n, fields = {}) {
			const listUuid = fields.list_uuid ?? db.lists.all()[0]?.uuid ?? null;
			const start = db.leads.size;
			const out = [];
			for (let i = 1; i <= n; i++) {
				const no = start + i;
				const lead = db.leads.insert(
					model.makeLead({
						first_name: 'Test',
						last_name: `Contact ${no}`,
						name: `Test Contact ${no}`,
						company_name: 'Sandbox Test Co',
						position: 'Tester',
						linkedin: `test-contact-${no}`,
						work_email: `test.contact${no}@sandbox-test.example`,
						email_status: 'ok',
						list_uuid: listUuid,
						...fields,
					}),
				);
				out.push(lead);
			}
			return out;
		},
		/** Waits for the deliveries started by emitEvents. */
		settle: () => Promise.all([...state.pending]),
		/** Back to the initial state (and seed), clearing the request log, faults and rate windows. */
		reset() {
			for (const store of Object.values(db)) store.clear();
			for (const map of Object.values(blobs)) map.clear();
			keys.splice(0, keys.length, ...apiKeys);
			Object.assign(state, { credits: 100, emitEvents });
			state.deliveries.length = 0;
			state.deletedAiTemplates.clear();
			server.reset();
			if (seed) seedData(ctx);
		},
	});
	if (seed) seedData(ctx);
	return { server, state };
}

/** `node test/sandbox/grinfi.js [--port 4011] [--host 127.0.0.1] [--no-events]` */
async function main(argv = process.argv.slice(2)) {
	const arg = (name) => {
		const i = argv.indexOf(name);
		return i === -1 ? undefined : argv[i + 1];
	};
	const port = Number(arg('--port') ?? process.env.GRINFI_SANDBOX_PORT ?? 4011);
	const sandbox = createGrinfiSandbox({ emitEvents: !argv.includes('--no-events') });
	const url = await sandbox.server.listen(port, arg('--host') ?? '127.0.0.1');
	console.log(`Grinfi sandbox on ${url} (API key: grinfi_test_key)`);
	return sandbox;
}

module.exports = { createGrinfiSandbox, main, SEED_IDS, WEBHOOK_EVENTS, errorBody };

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
