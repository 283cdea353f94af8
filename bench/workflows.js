'use strict';
/**
 * The benchmark workflows: Manual Trigger → N items (a Set node and a Split Out, no Code node and
 * so no task runner) → the contender. Contenders: the pack's node, n8n's HTTP Request node with its
 * defaults, and the HTTP Request node with Batching and Retry On Fail set by hand for the limit.
 */

let counter = 0;
const nodeId = () => `be0c0000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const rl = (value) => ({ __rl: true, mode: 'id', value: String(value) });

const CREDENTIALS = {
	pack: {
		leadgrid: { leadGridApi: { id: 'lgSandboxCred001', name: 'LeadGrid (sandbox)' } },
		grinfi: { grinfiApi: { id: 'grSandboxCred001', name: 'Grinfi (sandbox)' } },
		growthgenius: { growthGeniusApi: { id: 'ggSandboxCred001', name: 'GrowthGenius (sandbox)' } },
	},
	header: {
		leadgrid: { httpHeaderAuth: { id: 'lgHeaderCred0001', name: 'LeadGrid header (sandbox)' } },
		grinfi: { httpHeaderAuth: { id: 'grHeaderCred0001', name: 'Grinfi header (sandbox)' } },
		growthgenius: { httpHeaderAuth: { id: 'ggHeaderCred0001', name: 'GrowthGenius header (sandbox)' } },
	},
};

/** The credentials the workflows use, pointing at the running sandboxes. */
function credentials(urls) {
	return [
		{ ...CREDENTIALS.pack.leadgrid.leadGridApi, type: 'leadGridApi', data: { apiKey: 'lg_live_sandbox_key', baseUrl: urls.leadgrid, webhookSecret: 'whsec_sandbox' } },
		{ ...CREDENTIALS.pack.grinfi.grinfiApi, type: 'grinfiApi', data: { apiKey: 'grinfi_test_key', baseUrl: urls.grinfi } },
		{ ...CREDENTIALS.pack.growthgenius.growthGeniusApi, type: 'growthGeniusApi', data: { apiKey: 'gg_sandbox_key', userId: '1', baseUrl: urls.growthgenius } },
		{ ...CREDENTIALS.header.leadgrid.httpHeaderAuth, type: 'httpHeaderAuth', data: { name: 'Authorization', value: 'Bearer lg_live_sandbox_key' } },
		{ ...CREDENTIALS.header.grinfi.httpHeaderAuth, type: 'httpHeaderAuth', data: { name: 'Authorization', value: 'Bearer grinfi_test_key' } },
		{ ...CREDENTIALS.header.growthgenius.httpHeaderAuth, type: 'httpHeaderAuth', data: { name: 'Authorization', value: 'gg_sandbox_key' } },
	];
}

/** Start → `count` items {i} (count 1: a single item). */
function itemNodes(count) {
	return [
		{ id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: nodeId(),
			name: 'Make items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { assignments: { assignments: [{ id: 'i', name: 'i', value: `={{ Array.from({ length: ${count} }, (_, i) => i) }}`, type: 'array' }] }, options: {} },
		},
		{ id: nodeId(), name: 'One item each', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'i', options: {} } },
	];
}

/** A workflow: the items, then `node` (named "Contender"); without a node, the items alone (the CPU baseline). */
function workflow(id, name, count, node) {
	const nodes = itemNodes(count);
	const connections = {
		Start: { main: [[{ node: 'Make items', type: 'main', index: 0 }]] },
		'Make items': { main: [[{ node: 'One item each', type: 'main', index: 0 }]] },
	};
	if (node) {
		nodes.push({ id: nodeId(), name: 'Contender', position: [600, 0], ...node });
		connections['One item each'] = { main: [[{ node: 'Contender', type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {}, active: false };
}

/** Retry On Fail at the most n8n allows (5 tries, 5 s apart). */
const RETRY = { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 };

function http(provider, parameters, { tuned, options = {} } = {}) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', ...parameters, options },
		credentials: CREDENTIALS.header[provider],
		...(tuned ? RETRY : {}),
	};
}

/** The contenders of each workload: { pack, httpDefaults, httpTuned } → node. */
const contenders = {
	leadgridNotes({ urls, dossierId }) {
		const url = `${urls.leadgrid}/dossiers/${dossierId}/notes`;
		const body = { sendBody: true, specifyBody: 'keypair', bodyParameters: { parameters: [{ name: 'content', value: '={{ "note " + $json.i }}' }] } };
		return {
			pack: {
				type: 'n8n-nodes-outreach.leadGrid',
				typeVersion: 1,
				parameters: { resource: 'note', operation: 'create', dossierId: rl(dossierId), content: '={{ "note " + $json.i }}' },
				credentials: CREDENTIALS.pack.leadgrid,
			},
			httpDefaults: http('leadgrid', { method: 'POST', url, ...body }),
			// 600/min: 10 items a second.
			httpTuned: http('leadgrid', { method: 'POST', url, ...body }, { tuned: true, options: { batching: { batch: { batchSize: 10, batchInterval: 1000 } } } }),
		};
	},

	grinfiRead({ urls }) {
		const pagination = (requestInterval) => ({
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: { parameters: [{ type: 'body', name: 'offset', value: '={{ $pageCount * 100 }}' }] },
					paginationCompleteWhen: 'other',
					completeExpression: '={{ $response.body.offset + $response.body.data.length >= $response.body.total }}',
					requestInterval,
				},
			},
		});
		const request = { method: 'POST', url: `${urls.grinfi}/leads/api/leads/search`, sendBody: true, specifyBody: 'json', jsonBody: '{"limit": 100, "offset": 0}' };
		return {
			pack: {
				type: 'n8n-nodes-outreach.grinfi',
				typeVersion: 1,
				parameters: { resource: 'contact', operation: 'search', returnAll: true },
				credentials: CREDENTIALS.pack.grinfi,
			},
			httpDefaults: http('grinfi', request, { options: pagination(0) }),
			// 300/min: one page every 200 ms.
			httpTuned: http('grinfi', request, { tuned: true, options: pagination(200) }),
		};
	},

	growthGeniusGets({ urls, contactId }) {
		const request = { method: 'GET', url: `${urls.growthgenius}/integrations/v1/contacts/${contactId}`, sendQuery: true, queryParameters: { parameters: [{ name: 'user_id', value: '1' }] } };
		return {
			pack: {
				type: 'n8n-nodes-outreach.growthGenius',
				typeVersion: 1,
				parameters: { resource: 'contact', operation: 'get', contactId: rl(contactId) },
				credentials: CREDENTIALS.pack.growthgenius,
			},
			httpDefaults: http('growthgenius', request),
			// No documented limit: batches of 100, retried when refused.
			httpTuned: http('growthgenius', request, { tuned: true, options: { batching: { batch: { batchSize: 100, batchInterval: 0 } } } }),
		};
	},
};

module.exports = { credentials, workflow, contenders, itemNodes, CREDENTIALS, rl };
