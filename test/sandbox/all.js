'use strict';
/**
 * Starts the sandboxes that exist and describes the n8n credentials that point at them: used by
 * `npm run dev` and by the end-to-end tests, so both see the same setup.
 */
const fs = require('node:fs');
const path = require('node:path');

const PROVIDERS = [
	{
		key: 'leadgrid',
		file: 'leadgrid.js',
		factory: 'createLeadGridSandbox',
		port: 4012,
		credential: (url) => ({ id: 'lgSandboxCred001', name: 'LeadGrid (sandbox)', type: 'leadGridApi', data: { apiKey: 'lg_live_sandbox_key', baseUrl: url, webhookSecret: 'whsec_sandbox' } }),
	},
	{
		key: 'grinfi',
		file: 'grinfi.js',
		factory: 'createGrinfiSandbox',
		port: 4011,
		credential: (url) => ({ id: 'grSandboxCred001', name: 'Grinfi (sandbox)', type: 'grinfiApi', data: { apiKey: 'grinfi_test_key', baseUrl: url } }),
	},
	{
		key: 'growthgenius',
		file: 'growthgenius.js',
		factory: 'createGrowthGeniusSandbox',
		port: 4013,
		credential: (url) => ({ id: 'ggSandboxCred001', name: 'GrowthGenius (sandbox)', type: 'growthGeniusApi', data: { apiKey: 'gg_sandbox_key', userId: '1', baseUrl: url } }),
	},
];

/** @param {{ports?: Record<string, number>, host?: string}} [options] port 0 picks a free port */
async function startSandboxes({ ports = {}, host = '127.0.0.1' } = {}) {
	const running = {};
	for (const provider of PROVIDERS) {
		const file = path.join(__dirname, provider.file);
		if (!fs.existsSync(file)) continue;
		const created = require(file)[provider.factory]();
		await created.server.listen(ports[provider.key] ?? provider.port, host);
		running[provider.key] = { ...created, provider };
	}
	return {
		...running,
		credentials: () => Object.values(running).map((s) => s.provider.credential(s.server.url)),
		close: async () => {
			for (const s of Object.values(running)) await s.server.close();
		},
	};
}

module.exports = { startSandboxes, PROVIDERS };
