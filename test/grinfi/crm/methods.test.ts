/** The CRM locators' searches and option lists, through n8n-core's LoadOptionsContext against the Grinfi sandbox. */
import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { crmListSearch, crmLoadOptions } from '../../../nodes/Grinfi/methods/crm';
import { buildAdditionalData, buildWorkflow } from '../../harness';
import { GRINFI, KEY, useSandbox } from '../setup';

const sandbox = useSandbox();
const state = () => sandbox().state;
const ids = () => state().ids;

function context(): LoadOptionsContext {
	const node: INode = {
		id: 'methods',
		name: 'Grinfi',
		type: GRINFI,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'contact', operation: 'get' },
		credentials: { grinfiApi: { id: 'grinfiApi', name: 'grinfiApi' } },
	};
	const workflow = buildWorkflow([node], {}, 'crm-methods', {});
	const additionalData = buildAdditionalData(workflow, { grinfiApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
	return new LoadOptionsContext(workflow, node, additionalData, 'contactId');
}

const search = async (method: keyof typeof crmListSearch, filter?: string) => await crmListSearch[method].call(context() as never, filter);
const options = async (method: keyof typeof crmLoadOptions) => await crmLoadOptions[method].call(context() as never);
const lines = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}?${decodeURIComponent(r.rawQuery)}${r.body ? ` ${JSON.stringify(r.body)}` : ''}`);

describe('List searches (resource locators)', () => {
	test('searchContacts searches on the server with filter.q', async () => {
		const { results } = await search('searchContacts', 'schmidt');
		expect(lines()).toEqual(['POST /leads/api/leads/search? {"filter":{"q":"schmidt"},"limit":100,"offset":0}']);
		expect(results).toEqual([{ name: 'Anna Schmidt (Helios Energie GmbH)', value: ids().contacts[1] }]);
	});

	test('searchCompanies sends filter[q]', async () => {
		const { results } = await search('searchCompanies', 'nordlys');
		expect(lines()).toEqual(['GET /leads/api/companies?filter[q]=nordlys&limit=100&offset=0']);
		expect(results).toEqual([{ name: 'Nordlys AB (nordlys.example)', value: ids().companies[4] }]);
	});

	test('searchLists sends filter[q]', async () => {
		const { results } = await search('searchLists', 'cmo');
		expect(lines()).toEqual(['GET /leads/api/lists?filter[q]=cmo&limit=100&offset=0']);
		expect(results).toEqual([{ name: 'CMO Germany', value: ids().lists[0] }]);
	});

	test('searchTags narrows by name', async () => {
		const { results } = await search('searchTags', 'follow');
		expect(lines()).toEqual(['GET /leads/api/tags?']); // no limit/offset: none documented
		expect(results).toEqual([{ name: 'Follow Up', value: ids().tags[2] }]);
	});

	test('searchContactStages / searchCompanyStages / searchPipelineStages use the JSON-string filter', async () => {
		const contactStages = await search('searchContactStages');
		expect(contactStages.results).toEqual([
			{ name: 'New (cold)', value: ids().stages[0] },
			{ name: 'Approaching (cold)', value: ids().stages[1] },
			{ name: 'Replied (engaging)', value: ids().stages[2] },
			{ name: 'Demo Booked (positive)', value: ids().stages[3] },
		]);
		expect(lines()).toEqual(['GET /leads/api/pipeline-stages?filter={"object":"lead"}']);
		sandbox().server.clearLog();
		expect((await search('searchCompanyStages')).results).toEqual([{ name: 'Target Account (cold)', value: ids().companyStage }]);
		expect(lines()).toEqual(['GET /leads/api/pipeline-stages?filter={"object":"company"}']);
		const both = await search('searchPipelineStages', 'target');
		expect(both.results).toEqual([{ name: 'Companies › Target Account (cold)', value: ids().companyStage }]);
	});

	test('searchCustomFields, searchDataSources, searchTeams', async () => {
		expect((await search('searchCustomFields', 'ice')).results).toEqual([{ name: 'icebreaker (contact)', value: ids().customFields[1] }]);
		const sources = await search('searchDataSources');
		expect(sources.results).toEqual([{ name: `csv_leads (completed, ${ids().dataSource.slice(0, 8)})`, value: ids().dataSource }]);
		expect((await search('searchTeams')).results).toEqual([{ name: 'Sandbox Outreach Team', value: '134' }]);
	});
});

describe('Option lists', () => {
	test('lists, tags and stages, sorted by name', async () => {
		expect(await options('getListOptions')).toEqual([
			{ name: 'CMO Germany', value: ids().lists[0] },
			{ name: 'SaaS Founders', value: ids().lists[1] },
		]);
		expect(await options('getTagOptions')).toEqual([
			{ name: 'Decision Maker', value: ids().tags[1] },
			{ name: 'Follow Up', value: ids().tags[2] },
			{ name: 'Hot Lead', value: ids().tags[0] },
		]);
		expect((await options('getContactStageOptions')).map((o) => o.value)).toEqual([ids().stages[1], ids().stages[3], ids().stages[0], ids().stages[2]]);
		expect(await options('getCompanyStageOptions')).toEqual([{ name: 'Target Account (cold)', value: ids().companyStage }]);
		expect(await options('getDataSourceOptions')).toEqual([{ name: `csv_leads (completed, ${ids().dataSource.slice(0, 8)})`, value: ids().dataSource }]);
	});

	test('contact custom fields by name (for upsert) and by ID (for mass action)', async () => {
		expect(await options('getContactCustomFieldNames')).toEqual([
			{ name: 'icebreaker', value: 'icebreaker' },
			{ name: 'industry_vertical', value: 'industry_vertical' },
		]);
		expect(await options('getContactCustomFieldOptions')).toEqual([
			{ name: 'icebreaker', value: ids().customFields[1] },
			{ name: 'industry_vertical', value: ids().customFields[0] },
		]);
	});

	test('automations for the mass action payloads', async () => {
		expect(await options('getCrmAutomationOptions')).toEqual([
			{ name: 'DACH CTO Outreach (on)', value: ids().flows[0] },
			{ name: 'SaaS Founders Follow-up (draft)', value: ids().flows[1] },
		]);
	});
});
