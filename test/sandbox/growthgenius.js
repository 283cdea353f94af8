'use strict';
/**
 * GrowthGenius integrations API v1 sandbox, written from growthgenius-api.md: the API key alone in
 * `Authorization` (a "Bearer …" header is refused with 401), `user_id` required in the query of
 * every call except the User API (422 without it), bodies and responses wrapped (`contact`,
 * `contacts`, `message`, `messages`, `users`), numeric IDs, lists filtered by updated_at between
 * `from` and `to` with no pagination, and Create never deduplicating.
 *
 * For polling tests the clock is controllable: `state.setNow(time)` pins it (null releases it) and
 * `state.setSkew(ms)` runs it ahead (+) or behind (-) of the process clock. `state.touch(kind, id,
 * fields)` updates a record as a GrowthGenius user would. Faults come from core's `inject`.
 * `state.setMessageStamps(false)` answers messages as the reference documents them: without
 * created_at and updated_at (only sent_at); the list still filters on the updated_at kept inside.
 */
const { ContractServer, HttpError, Table } = require('./core');

const BASE = '/integrations/v1';
/** Timestamps are rendered like the reference: milliseconds and a fixed -05:00 offset. */
const OFFSET_MINUTES = -300;

const CONTACT_FIELDS = [
	'annual_revenue', 'bad_data_reason', 'city', 'company_address', 'company_city', 'company_country', 'company_linkedin_url',
	'company_name', 'company_name_informal', 'company_state', 'corporate_phone', 'country',
	'custom1', 'custom2', 'custom3', 'custom4', 'custom5', 'custom6', 'custom7', 'custom8', 'custom9',
	'email', 'email_status', 'employee_count', 'facebook_url', 'first_name', 'first_phone', 'full_name', 'home_phone', 'industry',
	'keywords', 'label_names', 'last_name', 'linkedin_url', 'linkedin_username', 'lists', 'mobile_phone', 'name', 'other_phone',
	'seo_description', 'stage', 'state', 'status', 'technologies', 'title', 'twitter_url', 'unstructured_data', 'upload_identifier',
	'website', 'work_phone',
];
const MESSAGE_FIELDS = ['contact_id', 'message_type', 'rendered_copy', 'rendered_subject', 'sent_at', 'team_id', 'user_id'];

const errorBody = (status, code, message) => ({ error: message, status });
const fail = (status, message) => new HttpError(status, errorBody(status, null, message));

function formatTime(ms) {
	const shifted = new Date(ms + OFFSET_MINUTES * 60000).toISOString().replace('Z', '');
	const sign = OFFSET_MINUTES < 0 ? '-' : '+';
	const abs = Math.abs(OFFSET_MINUTES);
	return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function toMs(value) {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	return Date.parse(value);
}


function blankContact() {
	return Object.fromEntries(CONTACT_FIELDS.map((f) => [f, null]));
}

function createGrowthGeniusSandbox({ apiKeys = ['gg_sandbox_key'], rateLimit, seed = true } = {}) {
	let pinned = null;
	let skew = 0;
	let messageStamps = true;
	/** A message as answered: without its stamps when they are switched off. */
	const shown = (message) => {
		if (messageStamps || !message) return message;
		const { created_at, updated_at, ...documented } = message;
		return documented;
	};
	const clock = () => (pinned ?? Date.now()) + skew;
	const stamp = () => formatTime(clock());
	let nextContactId = 1102756;
	let nextMessageId = 393643;

	const server = new ContractServer({
		name: 'GrowthGenius',
		errorBody,
		rateLimit,
		authenticate(req) {
			const header = req.headers.authorization || '';
			if (/^bearer\s/i.test(header)) throw fail(401, 'Invalid API key. Send the key alone in the Authorization header, without "Bearer".');
			if (!apiKeys.includes(header)) throw fail(401, 'Invalid API key.');
			return header;
		},
	});

	const users = new Table(
		seed
			? [
					{ id: 1, team_id: 2, created_at: '2019-03-21T16:11:00.024-04:00', email: 'dev@growthgenius.com', email_bcc: 'tim@cnn.com', first_name: 'Okay', full_name: 'Okay Senior', last_name: 'Senior', reporting_email: 'reporting-dev@growthgenius.com', roles: ['superadmin', 'admin'] },
					{ id: 78, team_id: 1, created_at: '2019-05-02T09:30:12.101-04:00', email: 'louis@growthgenius.com', email_bcc: null, first_name: 'Louis', full_name: 'Louis Park', last_name: 'Park', reporting_email: null, roles: ['member'] },
				]
			: [],
	);
	const contacts = new Table();
	const messages = new Table();
	const seedTime = formatTime(Date.now() - 3600 * 1000);
	if (seed) {
		contacts.insert({
			...blankContact(),
			id: 1102755, user_id: 1, company_city: 'San Francisco', company_country: 'USA', company_linkedin_url: 'linkedin.com/company/apple',
			company_name: 'Apple Inc.', company_name_informal: 'Apple', company_state: 'California', contact_account: { id: 485499, status: 'cold' },
			contact_account_id: 485499, country: 'USA', email: 'sjobs@apple.com', email_confidence: 100, first_name: 'Steve', full_name: 'Steve Jobs',
			industry: 'Computers', last_name: 'Jobs', linkedin_url: 'linkedin.com/in/stevejobs', linkedin_username: 'stevejobs', name: 'Steve Jobs',
			prospect_id: 236811124, status: 'Ongoing', technologies: '', title: 'CEO', website: 'apple.com', created_at: seedTime, updated_at: seedTime,
		});
		contacts.insert({
			...blankContact(),
			id: 1102700, user_id: 78, first_name: 'Louis', last_name: 'Other', full_name: 'Louis Other', name: 'Louis Other', email: 'louis@other.example',
			contact_account: null, contact_account_id: null, email_confidence: null, prospect_id: null, created_at: seedTime, updated_at: seedTime,
		});
		messages.insert({
			id: 393642, contact_id: 1102755, message_type: 'sales_force_message', rendered_copy: "Hey Steve,\n\nYou hate prospecting. I love it. Maybe it's a perfect match?",
			rendered_subject: null, sent_at: '2019-08-09T07:10:41.275-04:00', team_id: 2, user_id: 1, created_at: seedTime, updated_at: seedTime,
		});
	}

	function userOf(req) {
		const raw = req.searchParams.get('user_id');
		if (raw === null || raw === '') throw fail(422, 'user_id is required.');
		if (!/^\d+$/.test(raw)) throw fail(422, 'user_id must be a number.');
		if (!users.get(raw)) throw fail(403, `User ${raw} has not enabled integrations.`);
		return Number(raw);
	}

	function wrapped(req, envelope, allowed) {
		if (!/application\/json/i.test(req.contentType)) throw fail(415, 'Send application/json.');
		const inner = req.body && req.body[envelope];
		if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw fail(422, `param is missing or the value is empty: ${envelope}`);
		for (const key of Object.keys(inner)) if (!allowed.includes(key)) throw fail(422, `unknown attribute '${key}' for ${envelope}.`);
		return inner;
	}

	function window(req) {
		const from = req.searchParams.get('from');
		const to = req.searchParams.get('to');
		if (!from || !to) throw fail(422, 'from and to are required.');
		const fromMs = Date.parse(from);
		const toMs2 = Date.parse(to);
		if (Number.isNaN(fromMs) || Number.isNaN(toMs2)) throw fail(422, 'from and to must be datetimes.');
		return (record) => {
			const at = Date.parse(record.updated_at);
			return at >= fromMs && at <= toMs2;
		};
	}

	function owned(table, req, what) {
		if (!/^\d+$/.test(req.params.id)) throw fail(404, `${what} not found.`);
		const userId = userOf(req);
		const record = table.get(req.params.id);
		if (!record || record.user_id !== userId) throw fail(404, `${what} not found.`);
		return record;
	}

	const byUpdated = (a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id;

	const state = {
		users,
		contacts,
		messages,
		formatTime,
		/** Pins the sandbox clock (ms, Date or string); null follows the process clock again. */
		setNow(time) {
			pinned = time === null || time === undefined ? null : toMs(time);
		},
		/** true: messages carry created_at/updated_at (as contacts do); false: only sent_at, as documented. */
		setMessageStamps(on) {
			messageStamps = on !== false;
		},
		/** Runs the sandbox clock `ms` ahead (+) or behind (-) of the process clock. */
		setSkew(ms) {
			skew = ms;
		},
		now: clock,
		stamp,
		createContact(fields = {}, userId = 1) {
			const at = stamp();
			return contacts.insert({ ...blankContact(), contact_account: null, contact_account_id: null, email_confidence: null, prospect_id: null, ...fields, id: nextContactId++, user_id: userId, created_at: at, updated_at: at });
		},
		createMessage(fields = {}, userId = 1) {
			const at = stamp();
			return messages.insert({ contact_id: null, message_type: null, rendered_copy: null, rendered_subject: null, sent_at: null, team_id: null, ...fields, id: nextMessageId++, user_id: userId, created_at: at, updated_at: at });
		},
		/**
		 * Updates a record as a GrowthGenius user would: the fields, and updated_at = now.
		 * `touch(id, fields)` finds the contact or message by ID (their ID ranges do not overlap);
		 * `touch('contact' | 'message', id, fields)` names the kind.
		 */
		touch(kindOrId, idOrFields, maybeFields) {
			let kind = kindOrId;
			let id = idOrFields;
			let fields = maybeFields || {};
			if (kind !== 'contact' && kind !== 'message') {
				id = kindOrId;
				fields = idOrFields || {};
				kind = contacts.get(id) ? 'contact' : 'message';
			}
			const table = kind === 'message' ? messages : contacts;
			const record = table.get(id);
			if (!record) throw new Error(`No ${kind} ${id}`);
			Object.assign(record, fields, { updated_at: stamp() });
			return record;
		},
	};

	server.route('GET', `${BASE}/users`, () => ({ status: 200, body: { users: users.all() } }));

	// Contacts
	server.route('GET', `${BASE}/contacts`, (req) => {
		const userId = userOf(req);
		const inWindow = window(req);
		return { status: 200, body: { contacts: contacts.all().filter((c) => c.user_id === userId && inWindow(c)).sort(byUpdated) } };
	});
	server.route('POST', `${BASE}/contacts`, (req) => {
		const userId = userOf(req);
		const fields = wrapped(req, 'contact', CONTACT_FIELDS);
		// No deduplication, on purpose: the reference says Create always creates.
		return { status: 201, body: { contact: state.createContact(fields, userId) } };
	});
	server.route('GET', `${BASE}/contacts/:id`, (req) => ({ status: 200, body: { contact: owned(contacts, req, 'Contact') } }));
	server.route('PATCH', `${BASE}/contacts/:id`, (req) => {
		const contact = owned(contacts, req, 'Contact');
		const fields = wrapped(req, 'contact', CONTACT_FIELDS);
		return { status: 200, body: { contact: state.touch('contact', contact.id, fields) } };
	});
	server.route('DELETE', `${BASE}/contacts/:id`, (req) => {
		const contact = owned(contacts, req, 'Contact');
		contacts.delete(contact.id);
		return { status: 204 };
	});

	// Messages
	function checkContact(fields, userId) {
		if (fields.contact_id === undefined) return;
		if (typeof fields.contact_id !== 'number') throw fail(422, 'contact_id must be a number.');
		const contact = contacts.get(fields.contact_id);
		if (!contact || contact.user_id !== userId) throw fail(422, 'contact_id does not exist.');
	}
	server.route('GET', `${BASE}/messages`, (req) => {
		const userId = userOf(req);
		const inWindow = window(req);
		return { status: 200, body: { messages: messages.all().filter((m) => m.user_id === userId && inWindow(m)).sort(byUpdated).map(shown) } };
	});
	server.route('POST', `${BASE}/messages`, (req) => {
		const userId = userOf(req);
		const fields = wrapped(req, 'message', MESSAGE_FIELDS);
		if (fields.contact_id === undefined) throw fail(422, 'contact_id is required.');
		checkContact(fields, userId);
		// The body's user_id (the sender) defaults to the caller's user_id.
		const { user_id: sender, ...rest } = fields;
		return { status: 201, body: { message: shown(state.createMessage(rest, sender ?? userId)) } };
	});
	server.route('GET', `${BASE}/messages/:id`, (req) => ({ status: 200, body: { message: shown(owned(messages, req, 'Message')) } }));
	server.route('PATCH', `${BASE}/messages/:id`, (req) => {
		const message = owned(messages, req, 'Message');
		const fields = wrapped(req, 'message', MESSAGE_FIELDS);
		checkContact(fields, message.user_id);
		return { status: 200, body: { message: shown(state.touch('message', message.id, fields)) } };
	});
	server.route('DELETE', `${BASE}/messages/:id`, (req) => {
		const message = owned(messages, req, 'Message');
		messages.delete(message.id);
		return { status: 204 };
	});

	return { server, state };
}

module.exports = { createGrowthGeniusSandbox, formatTime };

if (require.main === module) {
	const port = Number(process.argv[process.argv.indexOf('--port') + 1]) || 4013;
	const { server } = createGrowthGeniusSandbox();
	server.listen(port).then((url) => console.log(`GrowthGenius sandbox on ${url} (API key gg_sandbox_key, user_id 1)`));
}
