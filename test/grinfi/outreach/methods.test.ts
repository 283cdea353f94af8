/** The outreach locators' searches and option lists, through n8n-core's LoadOptionsContext against the sandbox. */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { outreachListSearch, outreachLoadOptions } from '../../../nodes/Grinfi/methods/outreach';
import { buildAdditionalData, buildWorkflow } from '../../harness';
import { GRINFI, KEY, useSandbox } from '../setup';
import { api, records } from './helpers';

const sandbox = useSandbox();

function context(): LoadOptionsContext {
	const node: INode = {
		id: 'methods',
		name: 'Grinfi',
		type: GRINFI,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'automation', operation: 'get' },
		credentials: { grinfiApi: { id: 'grinfiApi', name: 'grinfiApi' } },
	};
	const workflow = buildWorkflow([node], {}, 'outreach-methods', {});
	const additionalData = buildAdditionalData(workflow, { grinfiApi: { apiKey: KEY, baseUrl: sandbox().server.url } });
	return new LoadOptionsContext(workflow, node, additionalData, 'automationId');
}

async function search(method: keyof typeof outreachListSearch, filter?: string): Promise<INodeListSearchResult> {
	return await outreachListSearch[method].call(context() as never, filter);
}

describe('List searches', () => {
	test('searchAutomations asks the server with filter[q] and names each by name and status', async () => {
		const flows = await records(sandbox(), '/flows/api/flows?limit=100');
		const all = await search('searchAutomations');
		expect(all.results).toEqual(flows.map((f) => ({ name: `${String(f.name)} (${String(f.status)})`, value: f.uuid })));
		sandbox().server.clearLog();
		const narrowed = await search('searchAutomations', flows[0].name);
		expect(sandbox().server.requests.map((r) => r.query)).toEqual([
			[
				['filter[q]', flows[0].name],
				['limit', '100'],
				['offset', '0'],
			],
		]);
		expect(narrowed.results.map((r) => r.value)).toContain(flows[0].uuid);
	});

	test('searchSenderProfiles', async () => {
		const senders = await records(sandbox(), '/flows/api/sender-profiles?limit=100');
		const { results } = await search('searchSenderProfiles');
		expect(results.map((r) => r.value)).toEqual(senders.map((s) => s.uuid));
		expect(results[0].name).toContain(String(senders[0].first_name));
	});

	test.each([
		['searchAutomationFolders', '/flows/api/flow-workspaces?limit=100', 'uuid'],
		['searchMailboxes', '/emails/api/mailboxes?limit=100', 'uuid'],
		['searchAiTemplates', '/flows/api/ai-templates?limit=100', 'uuid'],
		['searchAiAgents', '/flows/api/ai-agents?limit=100', 'uuid'],
		['searchListsForOutreach', '/leads/api/lists?limit=100', 'uuid'],
	] as const)('%s lists %s', async (method, path, key) => {
		const expected = await records(sandbox(), path);
		const { results } = await search(method);
		expect(results.map((r) => r.value)).toEqual(expected.map((x) => String(x[key])));
	});

	test('searchLinkedinBrowsers pages the POST list and uses the numeric ID', async () => {
		const browsers = await records(sandbox(), '/browsers/api/linkedin-browsers/list', { limit: 100 });
		const { results } = await search('searchLinkedinBrowsers');
		expect(results.map((r) => r.value)).toEqual(browsers.map((b) => String(b.id)));
	});

	test('searchContactsForOutreach searches on the server with filter.q', async () => {
		const contacts = await records(sandbox(), '/leads/api/leads/search', { limit: 100 });
		const target = contacts[0];
		sandbox().server.clearLog();
		const { results } = await search('searchContactsForOutreach', String(target.last_name));
		expect(sandbox().server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/leads/api/leads/search', { filter: { q: String(target.last_name) }, limit: 100, offset: 0 }],
		]);
		expect(results.map((r) => r.value)).toContain(target.uuid);
	});

	test('searchWebhooks', async () => {
		await api(sandbox(), 'POST', '/integrations/api/webhooks', { name: 'Replies', event: 'contact_replied_email', target_url: 'https://example.com/h', request_method: 'POST' });
		const { results } = await search('searchWebhooks');
		expect(results).toEqual([expect.objectContaining({ name: 'Replies (contact_replied_email)' })]);
		expect(results.map((r) => r.value)).toEqual((await records(sandbox(), '/integrations/api/webhooks?limit=100')).map((w) => w.uuid));
	});
});

describe('Option lists', () => {
	async function load(method: keyof typeof outreachLoadOptions): Promise<INodePropertyOptions[]> {
		return await outreachLoadOptions[method].call(context() as never);
	}

	test('getAutomationOptions: by name, UUID as value', async () => {
		const flows = await records(sandbox(), '/flows/api/flows?limit=100');
		const options = await load('getAutomationOptions');
		expect(options.map((o) => o.value).sort()).toEqual(flows.map((f) => f.uuid).sort());
	});

	test('getMailboxAddressOptions: the value is the address', async () => {
		const boxes = await records(sandbox(), '/emails/api/mailboxes?limit=100');
		const options = await load('getMailboxAddressOptions');
		expect(options.map((o) => o.value).sort()).toEqual(boxes.map((b) => b.email).sort());
	});

	test.each([
		['getSenderProfileOptions', '/flows/api/sender-profiles?limit=100'],
		['getMailboxOptions', '/emails/api/mailboxes?limit=100'],
	] as const)('%s', async (method, path) => {
		const expected = await records(sandbox(), path);
		const options = await load(method);
		expect(options.map((o) => o.value).sort()).toEqual(expected.map((x) => x.uuid).sort());
	});
});
