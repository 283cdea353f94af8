/** LeadGrid's resource-locator searches through n8n-core's LoadOptionsContext, over real HTTP. */
import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { listSearch } from '../../nodes/LeadGrid/methods';
import { buildAdditionalData, buildWorkflow } from '../harness';
import { KEY, LEADGRID, useSandbox } from './setup';

const sandbox = useSandbox();

function context(): LoadOptionsContext {
	const node: INode = {
		id: 'methods',
		name: 'LeadGrid',
		type: LEADGRID,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'dossier', operation: 'get' },
		credentials: { leadGridApi: { id: 'leadGridApi', name: 'leadGridApi' } },
	};
	const workflow = buildWorkflow([node], {}, 'leadgrid-methods', {});
	// A trailing slash on the base URL is tolerated.
	const additionalData = buildAdditionalData(workflow, { leadGridApi: { apiKey: KEY, baseUrl: `${sandbox().server.url}/` } });
	return new LoadOptionsContext(workflow, node, additionalData, 'dossierId');
}

const search = async (method: keyof typeof listSearch, filter?: string) => await listSearch[method].call(context() as never, filter);
const lines = () => sandbox().server.requests.map((r) => `${r.method} ${r.path}?${r.rawQuery}`);

test('searchDossiers lists one page and narrows by name', async () => {
	const { results } = await search('searchDossiers', 'rabo');
	expect(lines()).toEqual(['GET /dossiers?page=1&per_page=100']);
	expect(results).toEqual([{ name: 'Rabobank, Talent rollout (sales, active)', value: 'd0000000-0000-4000-8000-000000000001' }]);
});

test('searchContacts searches on the server', async () => {
	const { results } = await search('searchContacts', 'sophie');
	expect(lines()).toEqual(['GET /contacts?search=sophie&page=1&per_page=100']);
	expect(results).toEqual([{ name: 'Sophie van Dijk <sophie@example.com>', value: 'c0000000-0000-4000-8000-000000000001' }]);
});

test('searchFlows and searchStages name stages by flow', async () => {
	expect((await search('searchFlows')).results.map((r) => r.name)).toEqual(['Sales Flow (sales)', 'Recruitment Flow (candidate)']);
	const { results } = await search('searchStages', 'interview');
	expect(results).toEqual([{ name: 'Recruitment Flow › Interview', value: '5a000000-0000-4000-8000-000000000005' }]);
});
