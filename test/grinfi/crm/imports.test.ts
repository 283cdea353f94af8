/** Blacklists, data sources and file operations through n8n's engine against the Grinfi sandbox. */
import { binaryOf } from '../../harness';
import { expectRequest, itemsOf, json, onlyRequest, rl } from './helpers';
import { run, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const ids = () => state().ids;
const db = () => state().db;

const CSV = Buffer.from('First Name,Last Name,Company,LinkedIn,Email\nIngrid,Berg,Nordlys AB,ingrid-berg-77,ingrid@nordlys.example\nTomas,Novak,Vistula Software,tomas-novak-78,tomas@vistula-software.example\n');
const csvItem = (data = CSV, fileName = 'contacts.csv', mimeType = 'text/csv') => ({ json: {}, binary: { data: { base64: data.toString('base64'), fileName, mimeType } } });

describe('Blacklist', () => {
	test('Get Many Contacts: GET /leads/api/leads-blacklist', async () => {
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'getAllContacts', returnAll: true });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/leads-blacklist', query: [['limit', '100'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual(json(db().leadsBlacklist.all()));
		expect(result.items[0].json).toMatchObject({ name: 'Jordan Rival', email: 'jordan@rival-outreach.example' });
	});

	test('Add Contact: POST /leads/api/leads-blacklist', async () => {
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'addContact', contactEntry: { email: 'spam@competitor.example', name: 'Casey Competitor' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/leads-blacklist', body: { email: 'spam@competitor.example', name: 'Casey Competitor' } });
		expect(itemsOf(result)).toEqual([json(db().leadsBlacklist.all().find((e: any) => e.email === 'spam@competitor.example'))]);
	});

	test('Add Contact without any identifier is refused before sending', async () => {
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'addContact', contactEntry: { email: '' } });
		expect(result.error?.message).toBe('Identify By needs at least one of LinkedIn URL, Email or Name');
		expect(sandbox().server.requests).toHaveLength(0);
	});

	test('Remove Contact: DELETE /leads/api/leads-blacklist/{uuid}', async () => {
		const entry = db().leadsBlacklist.all().find((e: any) => e.email === 'spam@competitor.example');
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'removeContact', blacklistEntryId: entry.uuid });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/leads-blacklist/${entry.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().leadsBlacklist.get(entry.uuid)).toBeUndefined();
	});

	test('Get Many Companies: GET /leads/api/companies-blacklist', async () => {
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'getAllCompanies', returnAll: false, limit: 10 });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/companies-blacklist', query: [['limit', '10'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual(json(db().companiesBlacklist.all()));
		expect(result.items[0].json).toMatchObject({ name: 'Rival Outreach GmbH', domain: 'rival-outreach.example' });
	});

	test('Add Company: POST /leads/api/companies-blacklist', async () => {
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'addCompany', companyEntry: { domain: 'competitor.example' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/companies-blacklist', body: { domain: 'competitor.example' } });
		expect(itemsOf(result)).toEqual([json(db().companiesBlacklist.all().find((e: any) => e.domain === 'competitor.example'))]);
	});

	test('Remove Company: DELETE /leads/api/companies-blacklist/{uuid}', async () => {
		const entry = db().companiesBlacklist.all().find((e: any) => e.domain === 'competitor.example');
		const result = await run(sandbox(), { resource: 'blacklist', operation: 'removeCompany', blacklistEntryId: entry.uuid });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/companies-blacklist/${entry.uuid}` });
		expect(itemsOf(result)).toEqual([{ success: true }]);
		expect(db().companiesBlacklist.get(entry.uuid)).toBeUndefined();
	});
});

describe('Data Source', () => {
	test('Get Many: GET /leads/api/data-sources', async () => {
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: '/leads/api/data-sources', query: [['limit', '100'], ['offset', '0']] });
		expect(itemsOf(result)).toEqual(json(db().dataSources.all()));
		expect(result.items[0].json).toMatchObject({ uuid: ids().dataSource, type: 'csv_leads', status: 'completed' });
	});

	test('Create: POST /leads/api/data-sources', async () => {
		const result = await run(sandbox(), {
			resource: 'dataSource',
			operation: 'create',
			dataSourceType: 'sn_leads_search',
			dataSourceListId: rl(ids().lists[1]),
			dataSourcePayload: '{"url": "https://www.linkedin.com/sales/search/people?query=cto"}',
			dataSourceTags: 'sales nav, cto',
		});
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: '/leads/api/data-sources',
			body: { type: 'sn_leads_search', list_uuid: ids().lists[1], payload: { url: 'https://www.linkedin.com/sales/search/people?query=cto' }, tags: ['sales nav', 'cto'] },
		});
		const created = db().dataSources.all().find((d: any) => d.type === 'sn_leads_search');
		expect(itemsOf(result)).toEqual([json(created)]);
		expect(created.status).toBe('not_started');
	});

	test('Get: GET /leads/api/data-sources/{uuid}', async () => {
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'get', dataSourceId: rl(ids().dataSource) });
		expectRequest(onlyRequest(sandbox()), { method: 'GET', path: `/leads/api/data-sources/${ids().dataSource}` });
		expect(itemsOf(result)).toEqual([json(db().dataSources.get(ids().dataSource))]);
	});

	test('Update: PUT /leads/api/data-sources/{uuid}', async () => {
		const source = db().dataSources.all().find((d: any) => d.type === 'sn_leads_search');
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'update', dataSourceId: rl(source.uuid), updateFields: { list_uuid: rl(ids().lists[0]), tags: 'sn', payload: '{"url": "https://www.linkedin.com/sales/search/people?query=cmo"}' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'PUT',
			path: `/leads/api/data-sources/${source.uuid}`,
			body: { list_uuid: ids().lists[0], payload: { url: 'https://www.linkedin.com/sales/search/people?query=cmo' }, tags: ['sn'] },
		});
		expect(itemsOf(result)).toEqual([json(db().dataSources.get(source.uuid))]);
		expect(result.items[0].json).toMatchObject({ list_uuid: ids().lists[0], tags: ['sn'] });
	});

	test('Get Metrics: PUT /leads/api/data-sources/metrics', async () => {
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'getMetrics', metricsDataSourceIds: ids().dataSource });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'PUT', path: '/leads/api/data-sources/metrics', body: { uuids: [ids().dataSource] } });
		const saved = state().contacts.all().filter((c: any) => c.data_source_uuid === ids().dataSource).length;
		expect(itemsOf(result)).toEqual([
			{ [ids().dataSource]: { queued_records: 0, saved_records: saved, duplicate_records: 0, blacklisted_records: 0, error_records: 0, child_queued_records: 0, child_saved_records: 0, child_duplicate_records: 0 } },
		]);
		expect(saved).toBe(5);
	});

	test('Delete: DELETE /leads/api/data-sources/{uuid} (answered 200 {})', async () => {
		const source = db().dataSources.all().find((d: any) => d.type === 'sn_leads_search');
		const result = await run(sandbox(), { resource: 'dataSource', operation: 'delete', dataSourceId: rl(source.uuid) });
		expectRequest(onlyRequest(sandbox()), { method: 'DELETE', path: `/leads/api/data-sources/${source.uuid}` });
		expect(itemsOf(result)).toEqual([{}]);
		expect(db().dataSources.get(source.uuid)).toBeUndefined();
	});
});

describe('File', () => {
	let importUuid = '';

	test('Upload CSV: POST /leads/api/file-imports/upload-csv as multipart with file and type', async () => {
		const result = await run(sandbox(), { resource: 'file', operation: 'uploadCsv', binaryPropertyName: 'data' }, { items: [csvItem()] });
		expect(result.error).toBeUndefined();
		const request = onlyRequest(sandbox());
		expect([request.method, request.path, request.rawQuery]).toEqual(['POST', '/leads/api/file-imports/upload-csv', '']);
		expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.multipart?.fields).toEqual({ type: 'csv_leads' });
		expect(request.multipart?.files.file.filename).toBe('contacts.csv');
		expect(request.multipart?.files.file.contentType).toBe('text/csv');
		expect(request.multipart?.files.file.data.equals(CSV)).toBe(true);
		importUuid = String(result.items[0].json.uuid);
		expect(itemsOf(result)).toEqual([json(db().fileImports.get(importUuid))]);
		expect(result.items[0].json).toMatchObject({ type: 'csv_leads', status: 'uploaded', payload: { file_name: 'contacts.csv', config: { headers: ['First Name', 'Last Name', 'Company', 'LinkedIn', 'Email'], rows_count: 2 } } });
	});

	test('Import Contacts: POST /leads/api/file-imports/{uuid}/import-leads with the column mapping', async () => {
		const result = await run(sandbox(), {
			resource: 'file',
			operation: 'importContacts',
			fileImportId: importUuid,
			columns: {
				column: [
					{ source: 'First Name', target: 'first_name' },
					{ source: 'Last Name', target: 'last_name' },
					{ source: 'Company', target: 'company_name' },
					{ source: 'LinkedIn', target: 'linkedin_id' },
					{ source: 'Email', target: 'email' },
				],
			},
			importOptions: { listId: rl(ids().lists[1]), tags: [ids().tags[2]] },
		});
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: `/leads/api/file-imports/${importUuid}/import-leads`,
			body: {
				list_uuid: ids().lists[1],
				columns: [
					{ source: 'First Name', target: 'first_name' },
					{ source: 'Last Name', target: 'last_name' },
					{ source: 'Company', target: 'company_name' },
					{ source: 'LinkedIn', target: 'linkedin_id' },
					{ source: 'Email', target: 'email' },
				],
				tags: [ids().tags[2]],
			},
		});
		const dataSource = db().dataSources.all().find((d: any) => d.payload?.file_import_uuid === importUuid);
		expect(itemsOf(result)).toEqual([{ uuid: importUuid, data_source_uuid: dataSource.uuid, status: 'completed', saved_records: 2, updated_records: 0, duplicate_records: 0, error_records: 0 }]);
		const ingrid = state().contacts.all().find((c: any) => c.linkedin === 'ingrid-berg-77');
		expect(ingrid).toMatchObject({ first_name: 'Ingrid', work_email: 'ingrid@nordlys.example', list_uuid: ids().lists[1], tags: [ids().tags[2]] });
	});

	test('Import Companies: POST /leads/api/file-imports/{uuid}/import-companies', async () => {
		const upload = await run(sandbox(), { resource: 'file', operation: 'uploadCsv', binaryPropertyName: 'data' }, { items: [csvItem(Buffer.from('Name,Domain\nKestrel Labs,kestrel-labs.example\n'), 'companies.csv')] });
		const uuid = String(upload.items[0].json.uuid);
		sandbox().server.clearLog();
		const result = await run(sandbox(), { resource: 'file', operation: 'importCompanies', fileImportId: uuid, columns: { column: [{ source: 'Name', target: 'name' }, { source: 'Domain', target: 'domain' }] } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), {
			method: 'POST',
			path: `/leads/api/file-imports/${uuid}/import-companies`,
			body: { columns: [{ source: 'Name', target: 'name' }, { source: 'Domain', target: 'domain' }] },
		});
		expect(itemsOf(result)).toEqual([{ uuid, status: 'completed', saved_records: 1, duplicate_records: 0, error_records: 0 }]);
		expect(state().companies.all().find((c: any) => c.domain === 'kestrel-labs.example')).toMatchObject({ name: 'Kestrel Labs' });
	});

	let exportFile = '';

	test('Export Contacts: POST /leads/api/file-exports/leads with the selection as filter', async () => {
		const result = await run(sandbox(), { resource: 'file', operation: 'exportContacts', selectBy: 'filter', selectFilters: { list_uuid: ids().lists[0], q: 'schmidt' } });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/file-exports/leads', body: { filter: { all: true, list_uuid: ids().lists[0], q: 'schmidt' } } });
		const record = db().fileExports.get(String(result.items[0].json.uuid));
		expect(itemsOf(result)).toEqual([json(record)]);
		expect(record).toMatchObject({ type: 'contact_export_csv', status: 'queued', rows_count: 1 });
		exportFile = record.file_name;
	});

	test('Export Companies: POST /leads/api/file-exports/companies', async () => {
		const result = await run(sandbox(), { resource: 'file', operation: 'exportCompanies', selectBy: 'all' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/file-exports/companies', body: { filter: { all: true } } });
		const record = db().fileExports.get(String(result.items[0].json.uuid));
		expect(itemsOf(result)).toEqual([json(record)]);
		expect(record).toMatchObject({ type: 'account_export_csv', status: 'queued', rows_count: state().companies.size });
	});

	test('Download: POST /leads/api/file-exports/download returns the CSV as binary', async () => {
		const result = await run(sandbox(), { resource: 'file', operation: 'download', exportFileName: exportFile, binaryPropertyName: 'csv' });
		expect(result.error).toBeUndefined();
		expectRequest(onlyRequest(sandbox()), { method: 'POST', path: '/leads/api/file-exports/download', body: { file_name: exportFile } });
		const bytes = await binaryOf(result.items[0], 'csv');
		const text = bytes.toString('utf8');
		expect(text.split('\n')[0]).toMatch(/^"?uuid"?,"?first_name"?/);
		expect(text).toContain('Schmidt');
		expect(result.items[0].json).toEqual({ fileName: exportFile, mimeType: 'text/csv', size: bytes.length });
		expect(result.items[0].binary?.csv).toMatchObject({ fileName: exportFile, mimeType: 'text/csv' });
	});
});
