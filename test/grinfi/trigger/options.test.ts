/** The trigger's filter dropdowns, through n8n-core's LoadOptionsContext against the sandbox. */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodePropertyOptions } from 'n8n-workflow';

import { GrinfiTrigger } from '../../../nodes/Grinfi/GrinfiTrigger.node';
import { buildAdditionalData, buildWorkflow } from '../../harness';
import { useSandbox, KEY } from '../setup';
import { TRIGGER } from './n8n';

const sandbox = useSandbox();

async function load(method: keyof GrinfiTrigger['methods']['loadOptions']): Promise<INodePropertyOptions[]> {
	const node: INode = {
		id: 'options',
		name: 'Grinfi Trigger',
		type: TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		parameters: { events: ['contact_created'] },
		credentials: { grinfiApi: { id: 'grinfiApi', name: 'grinfiApi' } },
	};
	const workflow = buildWorkflow([node], {}, `options-${method}`, {});
	const additionalData = buildAdditionalData(workflow, { grinfiApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
	const context = new LoadOptionsContext(workflow, node, additionalData, 'filters');
	return await new GrinfiTrigger().methods.loadOptions[method].call(context);
}

/** The records the sandbox lists at `path` (read directly, as the expected answer). */
async function records(path: string, query = ''): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${sandbox().server.url}${path}?limit=100&offset=0${query}`, { headers: { Authorization: `Bearer ${KEY}` } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: Array<Record<string, unknown>> }).data;
}

test.each([
	['getAutomations', '/flows/api/flows', ''],
	['getLists', '/leads/api/lists', ''],
	['getTags', '/leads/api/tags', ''],
	['getPipelineStages', '/leads/api/pipeline-stages', `&filter=${encodeURIComponent(JSON.stringify({ object: 'lead' }))}`],
] as const)('%s lists %s by name, with the UUID as value', async (method, path, query) => {
	const options = await load(method);
	const request = sandbox().server.requests.find((r) => r.path === path)!;
	expect(request.method).toBe('GET');
	expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
	const qs = Object.fromEntries(request.query);
	// Tags and pipeline stages document no limit/offset: they are asked for without them.
	if (method === 'getTags' || method === 'getPipelineStages') expect(Object.keys(qs).filter((k) => k === 'limit' || k === 'offset')).toEqual([]);
	else expect(qs).toMatchObject({ limit: '100', offset: '0' });
	if (method === 'getPipelineStages') expect(JSON.parse(qs.filter)).toEqual({ object: 'lead' });
	const expected = await records(path, query);
	expect(options.map((o) => o.value).sort()).toEqual(expected.map((r) => String(r.uuid)).sort());
	expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
	expect(options.every((o) => typeof o.name === 'string' && o.name.length > 0)).toBe(true);
});
