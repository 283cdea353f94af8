/**
 * What an AI agent gets from the pack's tools: the tool description n8n builds for each
 * operation, Simplify (raw on version 1 nodes, on by default from 1.1) and errors it can act on.
 * Prints the simplified vs raw sizes it measures.
 */
import type { INode, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Grinfi } from '../../nodes/Grinfi/Grinfi.node';
import { GrowthGenius } from '../../nodes/GrowthGenius/GrowthGenius.node';
import { LeadGrid } from '../../nodes/LeadGrid/LeadGrid.node';
import { run as runGrinfi, useSandbox as useGrinfi } from '../grinfi/setup';
import { run as runGrowthGenius, useSandbox as useGrowthGenius } from '../growthgenius/setup';
import { run as runLeadGrid, useSandbox as useLeadGrid } from '../leadgrid/setup';

const grinfi = useGrinfi();
const growthGenius = useGrowthGenius();
const leadGrid = useLeadGrid();

const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const isEmpty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Object.keys(v).length);

/** The tool variant n8n 2.x builds from a node with usableAsTool (n8n's convertNodeToAiTool). */
function toolOf(node: INodeType): INodeType {
	const description = JSON.parse(JSON.stringify(node.description)) as INodeTypeDescription;
	const properties = node.description.properties; // keep functions (routing)
	return { description: { ...description, properties, name: `${description.name}Tool`, displayName: `${description.displayName} Tool` } } as INodeType;
}

function operationsOf(node: INodeType) {
	return node.description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ value: string; description: string }>).map((o) => ({ resource: String(p.displayOptions?.show?.resource?.[0]), operation: o.value, description: o.description })));
}

describe('tool descriptions', () => {
	const nodes: Array<[string, INodeType]> = [
		['LeadGrid', new LeadGrid()],
		['Grinfi', new Grinfi()],
		['GrowthGenius', new GrowthGenius()],
	];

	test.each(nodes)('%s: the tool variant describes every operation with its own words, as n8n resolves them', (provider, node) => {
		const tool = toolOf(node);
		const ops = operationsOf(node);
		expect(ops.length).toBeGreaterThan(0);
		for (const { resource, operation, description } of ops) {
			const parameters = NodeHelpers.getNodeParameters(tool.description.properties, { resource, operation }, true, false, { typeVersion: 1.1 }, tool.description);
			const toolNode = { name: 'Tool', type: `x.${tool.description.name}`, typeVersion: 1.1, parameters } as unknown as INode;
			const seen = NodeHelpers.getToolDescriptionForNode(toolNode, tool);
			// upsert keeps the words n8n's lint requires in the editor; its tool description is its own
			if (!(provider === 'Grinfi' && resource === 'contact' && operation === 'upsert')) expect(seen).toBe(`${provider}: ${description}`);
			// what it does, and whether it changes or sends something
			expect(seen).toMatch(/[Rr]ead-only\.$|[Cc]hanges (data|nothing else)|[Ss]ends (a real|nothing|invitations|a request)|Uses credits/);
			expect(seen.length).toBeLessThanOrEqual(240);
		}
	});

	test.each(nodes)('%s: the action node itself has no Description field', (_provider, node) => {
		const parameters = NodeHelpers.getNodeParameters(node.description.properties, { resource: 'contact' }, true, false, { typeVersion: 1.1 }, node.description);
		expect(parameters).not.toHaveProperty('toolDescription');
	});

	test('a description the user wrote on the tool is what the agent sees', () => {
		const tool = toolOf(new Grinfi());
		const parameters = NodeHelpers.getNodeParameters(tool.description.properties, { resource: 'contact', operation: 'search', toolDescription: 'Find prospects' }, true, false, { typeVersion: 1.1 }, tool.description);
		const toolNode = { name: 'Tool', type: 'x.grinfiTool', typeVersion: 1.1, parameters } as unknown as INode;
		expect(NodeHelpers.getToolDescriptionForNode(toolNode, tool)).toBe('Find prospects');
	});
});

describe('Simplify', () => {
	const simplifyOf = (node: INodeType, version: number, resource: string, operation: string) =>
		NodeHelpers.getNodeParameters(node.description.properties, { resource, operation }, true, false, { typeVersion: version }, node.description)?.simplify;

	test('off by default on version 1 nodes (saved workflows unchanged), on from 1.1 (the default version), only on reads', () => {
		for (const node of [new LeadGrid(), new Grinfi(), new GrowthGenius()] as INodeType[]) {
			expect(node.description.defaultVersion).toBe(1.1);
			expect(node.description.version).toEqual([1, 1.1]);
		}
		expect(simplifyOf(new Grinfi(), 1, 'contact', 'search')).toBe(false);
		expect(simplifyOf(new Grinfi(), 1.1, 'contact', 'search')).toBe(true);
		expect(simplifyOf(new Grinfi(), 1.1, 'contact', 'upsert')).toBeUndefined();
		expect(simplifyOf(new LeadGrid(), 1.1, 'dossier', 'get')).toBe(true);
		expect(simplifyOf(new GrowthGenius(), 1, 'contact', 'get')).toBe(false);
		const simplify = new Grinfi().description.properties.filter((p: INodeProperties) => p.name === 'simplify');
		expect(simplify[0]).toMatchObject({ displayName: 'Simplify', type: 'boolean', description: 'Whether to return a simplified version of the response instead of the raw data' });
	});

	test('Grinfi Contact Search of 5: the same request; version 1 returns the raw records, 1.1 the useful fields without empty ones', async () => {
		const parameters = { resource: 'contact', operation: 'search', limit: 5 };
		const raw = await runGrinfi(grinfi(), parameters);
		const rawRequests = grinfi().server.requests.map((r) => [r.method, r.path, r.body]);
		grinfi().server.clearLog();
		const simple = await runGrinfi(grinfi(), parameters, { typeVersion: 1.1 });
		const simpleRequests = grinfi().server.requests.map((r) => [r.method, r.path, r.body]);
		expect(rawRequests).toEqual([['POST', '/leads/api/leads/search', { limit: 5, offset: 0 }]]);
		expect(simpleRequests).toEqual(rawRequests);

		const rawItems = raw.items.map((i) => i.json);
		const simpleItems = simple.items.map((i) => i.json);
		expect(rawItems).toHaveLength(5);
		expect(simpleItems).toHaveLength(5);
		expect(rawItems[0]).toHaveProperty('about', null); // raw: what Grinfi sent
		simpleItems.forEach((item, i) => {
			expect(Object.values(item).some(isEmpty)).toBe(false);
			for (const key of ['uuid', 'name', 'first_name', 'company_name', 'linkedin', 'status', 'created_at']) {
				if (!isEmpty(rawItems[i][key])) expect(item[key]).toEqual(rawItems[i][key]);
			}
			expect(item).not.toHaveProperty('experience');
			expect(item).not.toHaveProperty('team_id');
		});
		const [r, s] = [bytes(rawItems), bytes(simpleItems)];
		console.log(`Grinfi Contact Search, 5 contacts: raw ${r} bytes, simplified ${s} bytes (${Math.round((100 * s) / r)}%)`);
		expect(s).toBeLessThan(r * 0.6);
	});

	test('GrowthGenius Contact Get: the same request; 1.1 keeps the useful fields without empty ones', async () => {
		const id = growthGenius().state.contacts.all()[0].id;
		const parameters = { resource: 'contact', operation: 'get', contactId: rl(id) };
		const raw = await runGrowthGenius(growthGenius(), parameters);
		const simple = await runGrowthGenius(growthGenius(), parameters, { typeVersion: 1.1 });
		expect(growthGenius().server.requests.map((r) => `${r.method} ${r.path}?${r.rawQuery}`)).toEqual([
			`GET /integrations/v1/contacts/${id}?user_id=1`,
			`GET /integrations/v1/contacts/${id}?user_id=1`,
		]);
		const [rawContact] = raw.items.map((i) => i.json);
		const [simpleContact] = simple.items.map((i) => i.json);
		expect(rawContact.id).toBe(id);
		expect(simpleContact.id).toBe(id);
		expect(Object.values(simpleContact).some(isEmpty)).toBe(false);
		for (const key of ['full_name', 'email', 'linkedin_url', 'company_name', 'stage', 'status', 'created_at']) {
			if (!isEmpty(rawContact[key])) expect(simpleContact[key]).toEqual(rawContact[key]);
		}
		const [r, s] = [bytes(rawContact), bytes(simpleContact)];
		console.log(`GrowthGenius Contact Get: raw ${r} bytes (${Object.keys(rawContact).length} keys), simplified ${s} bytes (${Object.keys(simpleContact).length} keys)`);
		expect(s).toBeLessThan(r / 2);
	});

	test('LeadGrid Dossier Get with Simplify turned off on 1.1 returns the raw record', async () => {
		const dossier = leadGrid().state.dossiers.all()[0];
		const result = await runLeadGrid(leadGrid(), { resource: 'dossier', operation: 'get', dossierId: rl(dossier.id), simplify: false }, { typeVersion: 1.1 });
		expect(result.items[0].json).toHaveProperty('cv_url', null);
		const simple = await runLeadGrid(leadGrid(), { resource: 'dossier', operation: 'get', dossierId: rl(dossier.id) }, { typeVersion: 1.1 });
		expect(simple.items[0].json).not.toHaveProperty('cv_url');
		expect(simple.items[0].json).toMatchObject({ id: dossier.id, name: dossier.name, current_stage_id: dossier.current_stage_id });
	});
});

describe('errors an agent can act on', () => {
	test('a missing dossier behind a note list: names the dossier and what to try, no "(item 0)" for one item', async () => {
		const missing = '00000000-0000-4000-8000-00000000dead';
		const result = await runLeadGrid(leadGrid(), { resource: 'note', operation: 'getAll', dossierId: rl(missing), returnAll: true });
		expect(leadGrid().server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /dossiers/${missing}/notes`]);
		expect(result.error).toMatchObject({
			message: `No LeadGrid dossier with ID "${missing}"; list or search the dossiers first to get a valid ID`,
			description: 'LeadGrid answered 404: Dossier not found. (not_found)',
			httpCode: '404',
			itemIndex: 0,
		});
	});

	test('a Grinfi record named after the resource; bad input on one item has no item number, on several it has', async () => {
		const missing = 'c1000000-0000-4000-8000-0000000dead1';
		const one = await runGrinfi(grinfi(), { resource: 'linkedinMessage', operation: 'retry', linkedinMessageId: missing });
		expect(one.error?.message).toBe(`No Grinfi LinkedIn message with ID "${missing}"; list or search the LinkedIn messages first to get a valid ID`);
		const empty = await runGrinfi(grinfi(), { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') }, { items: [{ json: { id: '' } }] });
		expect(empty.error).toMatchObject({ message: 'Contact is required', itemIndex: 0 });
		const several = await runGrinfi(grinfi(), { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') }, { items: [{ json: { id: '' } }, { json: { id: '' } }] });
		expect(several.error).toMatchObject({ message: 'Contact is required (item 0)', itemIndex: 0 });
	});
});
