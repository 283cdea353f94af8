'use strict';
/**
 * LeadGrid API v1 sandbox, written from leadgrid-api-v1: bearer keys starting lg_live_, `{data, meta}`
 * envelopes with page/per_page (max 100), `{error: {code, message}}` errors, 600 requests/minute
 * with X-RateLimit-* headers and 429 + Retry-After, 409 duplicate contact email, CV upload as
 * multipart or raw PDF (max 10 MB), and signed webhook deliveries. `server.inject({path, ignorePaging: true})`
 * makes a list answer page 1 whatever page is asked for (core.js), as a misbehaving endpoint would.
 */
const http = require('node:http');
const { createHmac, randomUUID } = require('node:crypto');
const { ContractServer, HttpError, Table } = require('./core');

const MAX_CV = 10 * 1024 * 1024;
const DOSSIER_TYPES = ['candidate', 'sales'];
const STATUSES = ['active', 'won', 'lost', 'archived'];
const KINDS = ['candidate', 'prospect', 'client', 'supplier', 'partner'];
const ROLES = ['primary', 'hiring_manager', 'decision_maker', 'champion', 'gatekeeper', 'introducer', 'other'];
const EVENTS = ['dossier.created', 'dossier.updated', 'dossier.stage_changed', 'dossier.deleted', 'note.created'];

const errorBody = (status, code, message) => ({ error: { code, message } });
const invalid = (message) => new HttpError(400, errorBody(400, 'invalid_body', message));
const notFound = (what) => new HttpError(404, errorBody(404, 'not_found', `${what} not found.`));
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function sign(secret, body, t = Math.floor(Date.now() / 1000)) {
	const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
	return `t=${t},v1=${v1}`;
}

/** Seeded records have fixed IDs (`…-000000000001`), so example workflows can name them. */
const fixedId = (kind, n) => `${kind}-0000-4000-8000-${String(n).padStart(12, '0')}`;

function seedData() {
	const sales = { id: fixedId('f1000000', 1), name: 'Sales Flow', type: 'sales', is_default: true };
	const recruiting = { id: fixedId('f1000000', 2), name: 'Recruitment Flow', type: 'candidate', is_default: true };
	let stageNo = 0;
	const stage = (flow, name, position, color) => ({
		id: fixedId('5a000000', ++stageNo),
		flow_id: flow.id,
		name,
		position,
		deadline_days: position + 2,
		win_probability: Math.round((position / 7) * 100),
		color,
	});
	const stages = [
		stage(sales, 'Lead', 1, '#FF5C35'),
		stage(sales, 'Discovery', 2, '#22C55E'),
		stage(sales, 'Proposal', 3, '#3B82F6'),
		stage(recruiting, 'Applied', 1, '#A855F7'),
		stage(recruiting, 'Interview', 2, '#F59E0B'),
		stage(recruiting, 'Offer', 3, '#10B981'),
	];
	const contacts = [
		{ full_name: 'Sophie van Dijk', email: 'sophie@example.com', company: 'Adyen', role: 'Senior Frontend Engineer', city: 'Amsterdam', kind: ['candidate'] },
		{ full_name: 'Mark de Vries', email: 'mark@rabobank.nl', company: 'Rabobank', role: 'Head of Talent', city: 'Utrecht', kind: ['client', 'prospect'] },
	].map((c, i) => ({ id: fixedId('c0000000', i + 1), phone: null, linkedin_url: null, notes: null, dossier_count: 0, created_at: now(), ...c }));
	const dossiers = [
		{ type: 'sales', name: 'Rabobank, Talent rollout', company: 'Rabobank', contact_person: 'Mark de Vries', deal_size: 45000, deal_currency: 'EUR', flow_id: sales.id, current_stage_id: stages[0].id },
		{ type: 'candidate', name: 'Sophie van Dijk', company: 'Adyen', role: 'Senior Frontend Engineer', flow_id: recruiting.id, current_stage_id: stages[3].id },
	].map((d, i) => ({ id: fixedId('d0000000', i + 1), status: 'active', assigned_to: null, email: null, phone: null, cv_url: null, intake_notes: null, created_at: now(), ...d }));
	return { flows: [sales, recruiting], stages, contacts, dossiers };
}

function createLeadGridSandbox({ apiKeys = ['lg_live_sandbox_key'], rateLimit = { limit: 600, windowMs: 60_000 }, webhookSecret = 'whsec_sandbox', seed = true } = {}) {
	const server = new ContractServer({
		name: 'LeadGrid',
		errorBody,
		rateLimit,
		rateLimitHeaders: ({ limit, remaining }) => ({ 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining) }),
		authenticate(req) {
			const match = /^Bearer (\S+)$/.exec(req.headers.authorization || '');
			if (!match || !match[1].startsWith('lg_live_') || !apiKeys.includes(match[1])) {
				throw new HttpError(401, errorBody(401, 'unauthorized', 'Missing, malformed or invalid API key.'));
			}
			return match[1];
		},
	});
	const data = seed ? seedData() : { flows: [], stages: [], contacts: [], dossiers: [] };
	const flows = new Table(data.flows);
	const stages = new Table(data.stages);
	const contacts = new Table(data.contacts);
	const dossiers = new Table(data.dossiers);
	const links = []; // {dossier_id, contact_id, role_on_dossier, is_primary}
	const notes = new Table();
	const webhookTargets = []; // URLs registered with `state.addWebhook`
	const deliveries = [];

	const state = {
		flows, stages, contacts, dossiers, links, notes, deliveries, webhookSecret,
		addWebhook(url) {
			webhookTargets.push(url);
		},
		/** Adds n dossiers (for pagination tests). */
		seedDossiers(n, fields = {}) {
			const flow = flows.all()[0];
			for (let i = 0; i < n; i++) {
				dossiers.insert({ id: randomUUID(), type: 'sales', name: `Dossier ${i + 1}`, status: 'active', flow_id: flow.id, current_stage_id: stagesOf(flow.id)[0].id, created_at: now(), ...fields });
			}
		},
		/** Sends a signed delivery to `url` (or every registered URL); returns the HTTP statuses. */
		async deliver(type, payloadData, { url, secret = webhookSecret, timestamp, tamper } = {}) {
			const event = { id: `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`, type, created_at: now(), data: payloadData };
			const body = JSON.stringify(event);
			const header = sign(secret, body, timestamp);
			const targets = url ? [url] : webhookTargets;
			const results = [];
			for (const target of targets) {
				results.push(await post(target, tamper ? body.replace(/"data":\{/, '"data":{"tampered":true,') : body, { 'X-LeadGrid-Signature': header }));
			}
			deliveries.push({ event, results });
			return { event, results };
		},
	};

	function emit(type, payload) {
		if (webhookTargets.length) state.deliver(type, payload).catch(() => undefined);
	}

	function stagesOf(flowId) {
		return stages.all().filter((s) => s.flow_id === flowId).sort((a, b) => a.position - b.position);
	}

	function page(records, searchParams) {
		const pageNo = searchParams.has('page') ? Number(searchParams.get('page')) : 1;
		const perPage = searchParams.has('per_page') ? Number(searchParams.get('per_page')) : 25;
		if (!Number.isInteger(pageNo) || pageNo < 1) throw invalid('page must be a positive integer.');
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw invalid('per_page must be between 1 and 100.');
		const start = (pageNo - 1) * perPage;
		return { status: 200, body: { data: records.slice(start, start + perPage), meta: { total: records.length, page: pageNo, per_page: perPage } } };
	}

	function oneOf(value, allowed, field) {
		if (value !== undefined && value !== null && !allowed.includes(value)) throw invalid(`${field} must be one of ${allowed.join(', ')}.`);
	}

	function requireJson(req) {
		if (!/application\/json/i.test(req.contentType)) throw invalid('Expected application/json.');
		if (req.body === undefined || typeof req.body !== 'object' || Array.isArray(req.body)) throw invalid('Malformed JSON body.');
		return req.body;
	}

	function cvFrom(file, dossierId) {
		if (!file) throw invalid('cv is required.');
		if (file.data.subarray(0, 5).toString('latin1') !== '%PDF-') throw invalid('cv must be a PDF.');
		if (file.data.length > MAX_CV) throw invalid('cv must be at most 10 MB.');
		return `org_sandbox/dossiers/${dossierId}/cv.pdf`;
	}

	const DOSSIER_FIELDS = ['type', 'name', 'email', 'phone', 'company', 'role', 'contact_id', 'flow_id', 'assigned_to', 'intake_notes', 'contact_person', 'deal_size', 'deal_currency'];
	const DOSSIER_UPDATE = ['name', 'email', 'phone', 'company', 'role', 'contact_person', 'deal_size', 'deal_currency', 'status', 'assigned_to', 'intake_notes', 'current_stage_id'];
	const CONTACT_FIELDS = ['full_name', 'email', 'phone', 'linkedin_url', 'company', 'role', 'city', 'kind', 'notes'];

	function checkUnknown(body, allowed) {
		for (const key of Object.keys(body)) if (!allowed.includes(key)) throw invalid(`Unknown field ${key}.`);
	}

	// Dossiers
	server.route('GET', '/dossiers', ({ searchParams }) => {
		const type = searchParams.get('type');
		const status = searchParams.get('status');
		const stageId = searchParams.get('stage_id');
		oneOf(type ?? undefined, DOSSIER_TYPES, 'type');
		oneOf(status ?? undefined, STATUSES, 'status');
		const rows = dossiers.all().filter((d) => (!type || d.type === type) && (!status || d.status === status) && (!stageId || d.current_stage_id === stageId));
		return page(rows, searchParams);
	});
	server.route('POST', '/dossiers', (req) => {
		let body;
		let cv;
		if (req.multipart) {
			body = { ...req.multipart.fields };
			if (body.deal_size !== undefined) body.deal_size = Number(body.deal_size);
			cv = req.multipart.files.cv;
			if (!cv) throw invalid('multipart create needs a cv file field.');
		} else body = requireJson(req);
		checkUnknown(body, DOSSIER_FIELDS);
		if (!body.type) throw invalid('type is required.');
		oneOf(body.type, DOSSIER_TYPES, 'type');
		if (!body.name) throw invalid('name is required.');
		let flow = body.flow_id ? flows.get(body.flow_id) : flows.all().find((f) => f.type === body.type && f.is_default);
		if (body.flow_id && !flow) throw invalid('flow_id does not belong to your organization.');
		if (body.contact_id && !contacts.get(body.contact_id)) throw invalid('contact_id does not belong to your organization.');
		const id = randomUUID();
		const cvUrl = cv ? cvFrom(cv, id) : null;
		const dossier = dossiers.insert({ id, status: 'active', assigned_to: null, cv_url: cvUrl, ...body, flow_id: flow ? flow.id : null, current_stage_id: flow ? stagesOf(flow.id)[0]?.id ?? null : null, created_at: now() });
		emit('dossier.created', dossier);
		return { status: 201, body: { data: dossier } };
	});
	server.route('GET', '/dossiers/:id', ({ params }) => {
		const dossier = dossiers.get(params.id);
		if (!dossier) throw notFound('Dossier');
		return { status: 200, body: { data: dossier } };
	});
	server.route('PATCH', '/dossiers/:id', (req) => {
		const dossier = dossiers.get(req.params.id);
		if (!dossier) throw notFound('Dossier');
		const body = requireJson(req);
		checkUnknown(body, DOSSIER_UPDATE);
		oneOf(body.status, STATUSES, 'status');
		if (body.current_stage_id !== undefined) {
			const stage = stages.get(body.current_stage_id);
			if (!stage || stage.flow_id !== dossier.flow_id) throw invalid('current_stage_id must belong to the dossier\'s flow.');
		}
		const moved = body.current_stage_id !== undefined && body.current_stage_id !== dossier.current_stage_id;
		Object.assign(dossier, body);
		emit('dossier.updated', dossier);
		if (moved) emit('dossier.stage_changed', { id: dossier.id, current_stage_id: dossier.current_stage_id, status: dossier.status });
		return { status: 200, body: { data: dossier } };
	});
	server.route('DELETE', '/dossiers/:id', ({ params }) => {
		const dossier = dossiers.get(params.id);
		if (!dossier) throw notFound('Dossier');
		dossier.status = 'archived';
		emit('dossier.deleted', { id: dossier.id, status: 'archived' });
		return { status: 200, body: { data: { id: dossier.id, status: 'archived' } } };
	});
	server.route('POST', '/dossiers/:id/cv', (req) => {
		const dossier = dossiers.get(req.params.id);
		if (!dossier) throw notFound('Dossier');
		let file;
		if (req.multipart) file = req.multipart.files.cv;
		else if (/^application\/pdf/i.test(req.contentType)) file = { data: req.raw };
		else throw invalid('Send multipart/form-data with a cv field or application/pdf.');
		dossier.cv_url = cvFrom(file, dossier.id);
		emit('dossier.updated', dossier);
		return { status: 200, body: { data: { id: dossier.id, cv_url: dossier.cv_url } } };
	});

	// Contacts
	function contactDuplicate(email, exceptId) {
		return email && contacts.all().some((c) => c.id !== exceptId && c.email && c.email.toLowerCase() === String(email).toLowerCase());
	}
	function checkKinds(kind) {
		if (kind === undefined) return;
		if (!Array.isArray(kind)) throw invalid('kind must be an array.');
		for (const k of kind) oneOf(k, KINDS, 'kind');
	}
	server.route('GET', '/contacts', ({ searchParams }) => {
		const kinds = searchParams.getAll('kind');
		for (const k of kinds) oneOf(k, KINDS, 'kind');
		const pool = searchParams.get('pool');
		oneOf(pool ?? undefined, ['in_pool', 'expired'], 'pool');
		const search = (searchParams.get('search') || '').toLowerCase();
		const rows = contacts.all().filter((c) =>
			(!kinds.length || kinds.some((k) => (c.kind || []).includes(k))) &&
			(!pool || (c.pool ?? 'in_pool') === pool) &&
			(!search || [c.full_name, c.email, c.company, c.role].some((v) => v && v.toLowerCase().includes(search))));
		return page(rows, searchParams);
	});
	server.route('POST', '/contacts', (req) => {
		const body = requireJson(req);
		checkUnknown(body, CONTACT_FIELDS);
		if (!body.full_name) throw invalid('full_name is required.');
		checkKinds(body.kind);
		if (contactDuplicate(body.email)) throw new HttpError(409, errorBody(409, 'duplicate_contact', 'A contact with this email already exists.'));
		const contact = contacts.insert({ id: randomUUID(), kind: [], dossier_count: 0, created_at: now(), ...body });
		return { status: 201, body: { data: contact } };
	});
	server.route('GET', '/contacts/:id', ({ params }) => {
		const contact = contacts.get(params.id);
		if (!contact) throw notFound('Contact');
		return { status: 200, body: { data: { ...contact, dossier_count: links.filter((l) => l.contact_id === contact.id).length } } };
	});
	server.route('PATCH', '/contacts/:id', (req) => {
		const contact = contacts.get(req.params.id);
		if (!contact) throw notFound('Contact');
		const body = requireJson(req);
		checkUnknown(body, CONTACT_FIELDS);
		checkKinds(body.kind);
		if (contactDuplicate(body.email, contact.id)) throw new HttpError(409, errorBody(409, 'duplicate_contact', 'A contact with this email already exists.'));
		Object.assign(contact, body);
		return { status: 200, body: { data: contact } };
	});
	server.route('DELETE', '/contacts/:id', ({ params }) => {
		if (!contacts.delete(params.id)) throw notFound('Contact');
		for (let i = links.length - 1; i >= 0; i--) if (links[i].contact_id === params.id) links.splice(i, 1);
		return { status: 200, body: { data: { id: params.id, deleted: true } } };
	});

	// Dossier links
	server.route('GET', '/dossiers/:id/contacts', ({ params, searchParams }) => {
		if (!dossiers.get(params.id)) throw notFound('Dossier');
		const rows = links.filter((l) => l.dossier_id === params.id).map((l) => {
			const c = contacts.get(l.contact_id) || {};
			return { contact_id: l.contact_id, full_name: c.full_name, email: c.email, company: c.company, role_on_dossier: l.role_on_dossier, is_primary: l.is_primary };
		});
		return page(rows, searchParams);
	});
	server.route('POST', '/dossiers/:id/contacts', (req) => {
		if (!dossiers.get(req.params.id)) throw notFound('Dossier');
		const body = requireJson(req);
		if (!body.contact_id) throw invalid('contact_id is required.');
		if (!body.role_on_dossier) throw invalid('role_on_dossier is required.');
		oneOf(body.role_on_dossier, ROLES, 'role_on_dossier');
		if (!contacts.get(body.contact_id)) throw invalid('contact_id does not belong to your organization.');
		if (body.is_primary) for (const l of links) if (l.dossier_id === req.params.id) l.is_primary = false;
		const link = { dossier_id: req.params.id, contact_id: body.contact_id, role_on_dossier: body.role_on_dossier, is_primary: body.is_primary === true };
		links.push(link);
		return { status: 201, body: { data: link } };
	});
	server.route('DELETE', '/dossiers/:id/contacts/:contact_id', ({ params }) => {
		const at = links.findIndex((l) => l.dossier_id === params.id && l.contact_id === params.contact_id);
		if (at === -1) throw notFound('Link');
		links.splice(at, 1);
		return { status: 200, body: { data: { dossier_id: params.id, contact_id: params.contact_id, unlinked: true } } };
	});

	// Flows
	server.route('GET', '/flows', ({ searchParams }) => {
		const type = searchParams.get('type');
		oneOf(type ?? undefined, DOSSIER_TYPES, 'type');
		const rows = flows.all().filter((f) => !type || f.type === type).map((f) => ({ ...f, stages: stagesOf(f.id).map(({ flow_id, ...s }) => s) }));
		return page(rows, searchParams);
	});
	// No page/per_page documented here (the example answers per_page = total): the whole list, paging parameters ignored.
	server.route('GET', '/flows/:id/stages', ({ params }) => {
		if (!flows.get(params.id)) throw notFound('Flow');
		const rows = stagesOf(params.id).map(({ flow_id, color, ...s }) => s);
		return { status: 200, body: { data: rows, meta: { total: rows.length, page: 1, per_page: rows.length } } };
	});

	// Notes
	server.route('GET', '/dossiers/:id/notes', ({ params, searchParams }) => {
		if (!dossiers.get(params.id)) throw notFound('Dossier');
		return page(notes.all().filter((n) => n.dossier_id === params.id), searchParams);
	});
	server.route('POST', '/dossiers/:id/notes', (req) => {
		if (!dossiers.get(req.params.id)) throw notFound('Dossier');
		const body = requireJson(req);
		if (typeof body.content !== 'string' || !body.content.trim()) throw invalid('content cannot be empty.');
		const note = notes.insert({ id: randomUUID(), dossier_id: req.params.id, content: body.content, is_internal: body.is_internal !== false, created_at: now() });
		emit('note.created', note);
		return { status: 201, body: { data: note } };
	});

	return { server, state };
}

function post(target, body, headers) {
	return new Promise((resolve) => {
		const req = http.request(target, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
			res.resume();
			res.on('end', () => resolve({ url: target, status: res.statusCode }));
		});
		req.on('error', (error) => resolve({ url: target, status: 0, error: error.message }));
		req.end(body);
	});
}

module.exports = { createLeadGridSandbox, sign, EVENTS };

if (require.main === module) {
	const port = Number(process.argv[process.argv.indexOf('--port') + 1]) || 4012;
	const { server } = createLeadGridSandbox();
	server.listen(port).then((url) => console.log(`LeadGrid sandbox on ${url}`));
}
