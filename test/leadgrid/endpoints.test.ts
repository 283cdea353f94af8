/**
 * Every LeadGrid endpoint through n8n's engine against the sandbox, over real HTTP: the exact
 * request the server received and the items the node returned.
 */
import { fileItem, onlyRequest, PDF } from './helpers';
import { KEY, run, useSandbox } from './setup';

const sandbox = useSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const state = () => sandbox().state;
const firstDossier = () => state().dossiers.all()[0];
const firstContact = () => state().contacts.all()[0];
const salesFlow = () => state().flows.all().find((f: { type: string }) => f.type === 'sales');

function expectAuthJson(request: { headers: Record<string, string>; contentType: string }, json = true) {
	expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
	if (json) expect(request.contentType).toBe('application/json');
}

describe('Dossier', () => {
	test('Get Many with type, status and stage filters', async () => {
		const stage = firstDossier().current_stage_id;
		const result = await run(sandbox(), {
			resource: 'dossier',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { type: 'sales', status: 'active', stage_id: rl(stage) },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/dossiers');
		expect(request.query).toEqual([
			['stage_id', stage],
			['status', 'active'],
			['type', 'sales'],
			['page', '1'],
			['per_page', '10'],
		]);
		expect(result.items.map((i) => i.json)).toEqual([firstDossier()]);
	});

	test('Create (JSON) sends the fields and returns the dossier', async () => {
		const flow = salesFlow();
		const result = await run(sandbox(), {
			resource: 'dossier',
			operation: 'create',
			type: 'sales',
			name: 'KLM, Cabin crew hiring',
			additionalFields: { company: 'KLM', contact_person: 'Pieter van Leeuwen', deal_size: 62000, deal_currency: 'EUR', flow_id: rl(flow.id) },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['POST', '/dossiers']);
		expectAuthJson(request);
		expect(request.body).toEqual({ type: 'sales', name: 'KLM, Cabin crew hiring', company: 'KLM', contact_person: 'Pieter van Leeuwen', deal_size: 62000, deal_currency: 'EUR', flow_id: flow.id });
		const created = state().dossiers.all().find((d: { name: string }) => d.name === 'KLM, Cabin crew hiring');
		expect(result.items.map((i) => i.json)).toEqual([created]);
		expect(created.current_stage_id).toBe(state().stages.all().find((s: { flow_id: string; position: number }) => s.flow_id === flow.id && s.position === 1).id);
	});

	test('Create with a CV sends one multipart request with the PDF in cv', async () => {
		const result = await run(
			sandbox(),
			{ resource: 'dossier', operation: 'create', type: 'candidate', name: 'Sophie van Dijk', attachCv: true, binaryPropertyName: 'data', additionalFields: { role: 'Senior Frontend Engineer', email: 'sophie@example.com' } },
			{ items: [fileItem(PDF, 'resume.pdf', 'application/pdf')] },
		);
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['POST', '/dossiers']);
		expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.multipart?.fields).toEqual({ type: 'candidate', name: 'Sophie van Dijk', role: 'Senior Frontend Engineer', email: 'sophie@example.com' });
		expect(request.multipart?.files.cv.filename).toBe('resume.pdf');
		expect(request.multipart?.files.cv.contentType).toBe('application/pdf');
		expect(request.multipart?.files.cv.data.equals(PDF)).toBe(true);
		expect(result.items[0].json.cv_url).toBe(`org_sandbox/dossiers/${String(result.items[0].json.id)}/cv.pdf`);
	});

	test('Get', async () => {
		const dossier = firstDossier();
		const result = await run(sandbox(), { resource: 'dossier', operation: 'get', dossierId: rl(dossier.id) });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', `/dossiers/${dossier.id}`, '']);
		expect(result.items.map((i) => i.json)).toEqual([dossier]);
	});

	test('Update moves the stage and sets the status', async () => {
		const dossier = firstDossier();
		const next = state().stages.all().find((s: { flow_id: string; position: number }) => s.flow_id === dossier.flow_id && s.position === 2);
		const result = await run(sandbox(), {
			resource: 'dossier',
			operation: 'update',
			dossierId: rl(dossier.id),
			updateFields: { current_stage_id: rl(next.id), status: 'won', deal_size: 50000, assigned_to: '' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['PATCH', `/dossiers/${dossier.id}`]);
		expect(request.body).toEqual({ current_stage_id: next.id, status: 'won', deal_size: 50000, assigned_to: null });
		expect(result.items[0].json).toMatchObject({ id: dossier.id, current_stage_id: next.id, status: 'won', deal_size: 50000, assigned_to: null });
	});

	test('Archive', async () => {
		const dossier = state().dossiers.all()[1];
		const result = await run(sandbox(), { resource: 'dossier', operation: 'archive', dossierId: rl(dossier.id) });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['DELETE', `/dossiers/${dossier.id}`]);
		expect(result.items.map((i) => i.json)).toEqual([{ id: dossier.id, status: 'archived' }]);
		dossier.status = 'active';
	});

	test.each([
		['multipart', /^multipart\/form-data/],
		['raw', /^application\/pdf$/],
	])('Upload CV as %s', async (uploadAs, contentType) => {
		const dossier = firstDossier();
		const result = await run(
			sandbox(),
			{ resource: 'dossier', operation: 'uploadCv', dossierId: rl(dossier.id), binaryPropertyName: 'cv', uploadAs },
			{ items: [{ json: {}, binary: { cv: { base64: PDF.toString('base64'), fileName: 'cv.pdf', mimeType: 'application/pdf' } } }] },
		);
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['POST', `/dossiers/${dossier.id}/cv`]);
		expect(request.contentType).toMatch(contentType);
		const sent = uploadAs === 'raw' ? request.raw : request.multipart?.files.cv.data;
		expect(sent?.equals(PDF)).toBe(true);
		expect(result.items.map((i) => i.json)).toEqual([{ id: dossier.id, cv_url: `org_sandbox/dossiers/${dossier.id}/cv.pdf` }]);
	});
});

describe('Contact', () => {
	test('Get Many sends kind repeated, pool and search', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { kind: ['candidate', 'client'], pool: 'in_pool', search: 'sophie' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['GET', '/contacts']);
		expect(request.rawQuery).toBe('kind=candidate&kind=client&pool=in_pool&search=sophie&page=1&per_page=100');
		expect(result.items.map((i) => i.json.full_name)).toEqual(['Sophie van Dijk']);
	});

	test('Create', async () => {
		const result = await run(sandbox(), {
			resource: 'contact',
			operation: 'create',
			fullName: 'Anna de Boer',
			additionalFields: { email: 'anna@example.com', company: 'ING', kind: ['prospect', 'client'], city: 'Delft' },
		});
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['POST', '/contacts']);
		expectAuthJson(request);
		expect(request.body).toEqual({ full_name: 'Anna de Boer', email: 'anna@example.com', company: 'ING', kind: ['prospect', 'client'], city: 'Delft' });
		expect(result.items[0].json).toEqual(state().contacts.all().find((c: { email: string }) => c.email === 'anna@example.com'));
	});

	test('Create with an email in use gets a clear 409 naming the email', async () => {
		const result = await run(sandbox(), { resource: 'contact', operation: 'create', fullName: 'Sophie again', additionalFields: { email: 'SOPHIE@example.com' } });
		expect(result.items).toEqual([]);
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.message).toContain('SOPHIE@example.com');
		expect(result.error?.message).toContain('already exists');
	});

	test('Get', async () => {
		const contact = firstContact();
		const result = await run(sandbox(), { resource: 'contact', operation: 'get', contactId: rl(contact.id) });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['GET', `/contacts/${contact.id}`]);
		expect(result.items[0].json).toEqual({ ...contact, dossier_count: 0 });
	});

	test('Update', async () => {
		const contact = firstContact();
		const result = await run(sandbox(), { resource: 'contact', operation: 'update', contactId: rl(contact.id), updateFields: { city: 'Rotterdam', kind: ['candidate', 'client'] } });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['PATCH', `/contacts/${contact.id}`]);
		expect(request.body).toEqual({ city: 'Rotterdam', kind: ['candidate', 'client'] });
		expect(result.items[0].json).toMatchObject({ id: contact.id, city: 'Rotterdam', kind: ['candidate', 'client'] });
	});

	test('Delete', async () => {
		const contact = state().contacts.insert({ id: 'c0000000-0000-4000-8000-00000000dead', full_name: 'To Delete', kind: [] });
		const result = await run(sandbox(), { resource: 'contact', operation: 'delete', contactId: rl(contact.id) });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['DELETE', `/contacts/${contact.id}`]);
		expect(result.items.map((i) => i.json)).toEqual([{ id: contact.id, deleted: true }]);
		expect(state().contacts.get(contact.id)).toBeUndefined();
	});
});

describe('Dossier Contact', () => {
	test('Link, Get Many, Unlink', async () => {
		const dossier = firstDossier();
		const contact = state().contacts.all()[1];
		const linked = await run(sandbox(), { resource: 'dossierContact', operation: 'link', dossierId: rl(dossier.id), contactId: rl(contact.id), roleOnDossier: 'decision_maker', isPrimary: true });
		let request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['POST', `/dossiers/${dossier.id}/contacts`]);
		expect(request.body).toEqual({ contact_id: contact.id, role_on_dossier: 'decision_maker', is_primary: true });
		expect(linked.items.map((i) => i.json)).toEqual([{ dossier_id: dossier.id, contact_id: contact.id, role_on_dossier: 'decision_maker', is_primary: true }]);

		sandbox().server.clearLog();
		const listed = await run(sandbox(), { resource: 'dossierContact', operation: 'getAll', dossierId: rl(dossier.id), returnAll: true });
		request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', `/dossiers/${dossier.id}/contacts`, 'page=1&per_page=100']);
		expect(listed.items.map((i) => i.json)).toEqual([{ contact_id: contact.id, full_name: contact.full_name, email: contact.email, company: contact.company, role_on_dossier: 'decision_maker', is_primary: true }]);

		sandbox().server.clearLog();
		const unlinked = await run(sandbox(), { resource: 'dossierContact', operation: 'unlink', dossierId: rl(dossier.id), contactId: rl(contact.id) });
		request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['DELETE', `/dossiers/${dossier.id}/contacts/${contact.id}`]);
		expect(unlinked.items.map((i) => i.json)).toEqual([{ dossier_id: dossier.id, contact_id: contact.id, unlinked: true }]);
	});
});

describe('Flow', () => {
	test('Get Many filtered by type', async () => {
		const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true, filters: { type: 'sales' } });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', '/flows', 'type=sales&page=1&per_page=100']);
		expect(result.items.map((i) => i.json.name)).toEqual(['Sales Flow']);
		expect((result.items[0].json.stages as Array<{ name: string }>).map((s) => s.name)).toEqual(['Lead', 'Discovery', 'Proposal']);
	});

	test('Get Stages: one request without page/per_page (none documented), Limit applied to the answer', async () => {
		const flow = salesFlow();
		const result = await run(sandbox(), { resource: 'flow', operation: 'getStages', flowId: rl(flow.id), returnAll: false, limit: 2 });
		const request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', `/flows/${flow.id}/stages`, '']);
		expect(result.items.map((i) => i.json.name)).toEqual(['Lead', 'Discovery']);
	});
});

describe('Note', () => {
	test('Create and Get Many', async () => {
		const dossier = firstDossier();
		const created = await run(sandbox(), { resource: 'note', operation: 'create', dossierId: rl(dossier.id), content: 'Followed up by email.', isInternal: false });
		let request = onlyRequest(sandbox());
		expect([request.method, request.path]).toEqual(['POST', `/dossiers/${dossier.id}/notes`]);
		expect(request.body).toEqual({ content: 'Followed up by email.', is_internal: false });
		expect(created.items[0].json).toMatchObject({ dossier_id: dossier.id, content: 'Followed up by email.', is_internal: false });

		sandbox().server.clearLog();
		const listed = await run(sandbox(), { resource: 'note', operation: 'getAll', dossierId: rl(dossier.id), returnAll: true });
		request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['GET', `/dossiers/${dossier.id}/notes`, 'page=1&per_page=100']);
		expect(listed.items.map((i) => i.json)).toEqual([created.items[0].json]);
	});
});
