/**
 * The operations of the CRM resources are a public API (saved workflows store the resource and operation
 * values): this pins every value and the endpoint it calls, 71 in all, one endpoint each, and the n8n
 * conventions every parameter must follow.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Grinfi } from '../../../nodes/Grinfi/Grinfi.node';
import { crmResources } from '../../../nodes/Grinfi/resources/crm';

const EXPECTED: Array<[string, string, string, string]> = [
	['activity', 'create', 'POST', '/leads/api/activities'],
	['activity', 'getAll', 'GET', '/leads/api/activities'],
	['apiKey', 'create', 'POST', '/id/api/jwt-tokens/create-api-key'],
	['blacklist', 'addCompany', 'POST', '/leads/api/companies-blacklist'],
	['blacklist', 'addContact', 'POST', '/leads/api/leads-blacklist'],
	['blacklist', 'getAllCompanies', 'GET', '/leads/api/companies-blacklist'],
	['blacklist', 'getAllContacts', 'GET', '/leads/api/leads-blacklist'],
	['blacklist', 'removeCompany', 'DELETE', '/leads/api/companies-blacklist/{blacklistEntryId}'],
	['blacklist', 'removeContact', 'DELETE', '/leads/api/leads-blacklist/{blacklistEntryId}'],
	['company', 'create', 'POST', '/leads/api/companies'],
	['company', 'delete', 'DELETE', '/leads/api/companies/{companyId}'],
	['company', 'enrich', 'PUT', '/leads/api/companies/advanced-enrichment'],
	['company', 'get', 'GET', '/leads/api/companies/{companyId}'],
	['company', 'getContacts', 'POST', '/leads/api/companies/leads'],
	['company', 'getAll', 'GET', '/leads/api/companies'],
	['company', 'lookup', 'POST', '/leads/api/companies/lookup'],
	['company', 'massAction', 'PUT', '/leads/api/companies/mass-action'],
	['company', 'search', 'POST', '/leads/api/companies/list'],
	['company', 'update', 'PUT', '/leads/api/companies/{companyId}'],
	['contact', 'count', 'POST', '/leads/api/leads/count'],
	['contact', 'upsert', 'POST', '/leads/api/leads/upsert'],
	['contact', 'delete', 'DELETE', '/leads/api/leads/{contactId}'],
	['contact', 'enrich', 'PUT', '/leads/api/leads/advanced-enrichment'],
	['contact', 'find', 'POST', '/leads/api/leads/lookup-one'],
	['contact', 'get', 'GET', '/leads/api/leads/{contactId}'],
	['contact', 'getEnrichmentMetrics', 'POST', '/leads/api/enrichment-queue/metrics'],
	['contact', 'getEnrichmentQueue', 'GET', '/leads/api/enrichment-queue'],
	['contact', 'getMetrics', 'POST', '/leads/api/leads/metrics'],
	['contact', 'massAction', 'PUT', '/leads/api/leads/mass-action'],
	['contact', 'search', 'POST', '/leads/api/leads/search'],
	['contact', 'update', 'PUT', '/leads/api/leads/{contactId}'],
	['customField', 'create', 'POST', '/leads/api/custom-fields'],
	['customField', 'delete', 'DELETE', '/leads/api/custom-fields/{customFieldId}'],
	['customField', 'getAll', 'GET', '/leads/api/custom-fields'],
	['customField', 'setValue', 'POST', '/leads/api/custom-field-values'],
	['customField', 'update', 'PUT', '/leads/api/custom-fields/{customFieldId}'],
	['dataSource', 'create', 'POST', '/leads/api/data-sources'],
	['dataSource', 'delete', 'DELETE', '/leads/api/data-sources/{dataSourceId}'],
	['dataSource', 'get', 'GET', '/leads/api/data-sources/{dataSourceId}'],
	['dataSource', 'getAll', 'GET', '/leads/api/data-sources'],
	['dataSource', 'getMetrics', 'PUT', '/leads/api/data-sources/metrics'],
	['dataSource', 'update', 'PUT', '/leads/api/data-sources/{dataSourceId}'],
	['file', 'download', 'POST', '/leads/api/file-exports/download'],
	['file', 'exportCompanies', 'POST', '/leads/api/file-exports/companies'],
	['file', 'exportContacts', 'POST', '/leads/api/file-exports/leads'],
	['file', 'importCompanies', 'POST', '/leads/api/file-imports/{fileImportId}/import-companies'],
	['file', 'importContacts', 'POST', '/leads/api/file-imports/{fileImportId}/import-leads'],
	['file', 'uploadCsv', 'POST', '/leads/api/file-imports/upload-csv'],
	['list', 'create', 'POST', '/leads/api/lists'],
	['list', 'delete', 'DELETE', '/leads/api/lists/{listId}'],
	['list', 'get', 'GET', '/leads/api/lists/{listId}'],
	['list', 'getAll', 'GET', '/leads/api/lists'],
	['list', 'getMetrics', 'POST', '/leads/api/lists/metrics'],
	['list', 'update', 'PUT', '/leads/api/lists/{listId}'],
	['note', 'create', 'POST', '/leads/api/notes'],
	['note', 'delete', 'DELETE', '/leads/api/notes/{noteId}'],
	['note', 'getAll', 'GET', '/leads/api/notes'],
	['note', 'update', 'PUT', '/leads/api/notes/{noteId}'],
	['pipelineStage', 'create', 'POST', '/leads/api/pipeline-stages'],
	['pipelineStage', 'delete', 'DELETE', '/leads/api/pipeline-stages/{pipelineStageId}'],
	['pipelineStage', 'getAll', 'GET', '/leads/api/pipeline-stages'],
	['pipelineStage', 'update', 'PUT', '/leads/api/pipeline-stages/{pipelineStageId}'],
	['tag', 'create', 'POST', '/leads/api/tags'],
	['tag', 'delete', 'DELETE', '/leads/api/tags/{tagId}'],
	['tag', 'getAll', 'GET', '/leads/api/tags'],
	['tag', 'getMetrics', 'POST', '/leads/api/tags/metrics'],
	['tag', 'update', 'PUT', '/leads/api/tags/{tagId}'],
	['team', 'checkLimits', 'POST', '/id/api/teams/{teamId}/check-limits'],
	['team', 'get', 'GET', '/id/api/teams/{teamId}'],
	['team', 'getAll', 'GET', '/id/api/teams'],
	['user', 'get', 'GET', '/id/api/users/current'],
];

test('the CRM resources have exactly these 71 operations, one endpoint each', () => {
	const actual = crmResources.flatMap((r) =>
		(r.operations.options as INodePropertyOptions[]).map((o) => {
			const request = (o.routing as { request: { method: string; url: string } }).request;
			return [r.value, String(o.value), request.method, request.url];
		}),
	);
	expect(actual).toEqual(EXPECTED);
	const endpoints = new Set(actual.map(([, , method, url]) => `${method} ${url.replace(/\{\w+\}/g, '{}')}`));
	expect(endpoints.size).toBe(71);
});

test('every resource is in the node, and every parameter has a literal default and a Title Case name', () => {
	const properties = new Grinfi().description.properties;
	const resources = (properties.find((p) => p.name === 'resource')?.options as INodePropertyOptions[]).map((o) => o.value);
	for (const r of crmResources) expect(resources).toContain(r.value);
	const walk = (list: INodeProperties[]) => {
		for (const p of list) {
			expect(p).toHaveProperty('default');
			expect(p.displayName).toMatch(/^[A-Z0-9]/);
			for (const o of (p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>) {
				if ('type' in o && 'default' in o) walk([o as INodeProperties]);
				if ('values' in o && o.values) walk(o.values);
			}
		}
	};
	for (const r of crmResources) walk(r.fields);
});

test('every path parameter of the CRM paths is declared', () => {
	for (const r of crmResources) {
		for (const o of r.operations.options as INodePropertyOptions[]) {
			const url = (o.routing as { request: { url: string } }).request.url;
			for (const [, name] of url.matchAll(/\{(\w+)\}/g)) expect(Object.keys(r.pathParams ?? {})).toContain(name);
		}
	}
});
