'use strict';
/**
 * Prints, per node, the tool description an AI agent sees for each operation: the default of the
 * tool variant's Description field (describe.toolDescriptions), which n8n sends as the tool's
 * description. Usage: npm run build && node scripts/tool-descriptions.js [--markdown]
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const NODES = ['LeadGrid/LeadGrid', 'Grinfi/Grinfi', 'GrowthGenius/GrowthGenius'];

function toolDescriptions() {
	const rows = [];
	for (const file of NODES) {
		const Cls = Object.values(require(path.join(root, 'dist/nodes', `${file}.node.js`)))[0];
		const description = new Cls().description;
		for (const property of description.properties) {
			if (property.name !== 'toolDescription') continue;
			const { resource, operation } = property.displayOptions.show;
			rows.push({ node: description.displayName, resource: resource[0], operation: operation[0], description: property.default });
		}
	}
	return rows;
}

module.exports = { toolDescriptions };

if (require.main === module) {
	const rows = toolDescriptions();
	const markdown = process.argv.includes('--markdown');
	for (const r of rows) {
		console.log(markdown ? `| ${r.node} | ${r.resource} | ${r.operation} | ${r.description} |` : `${r.node}\t${r.resource}\t${r.operation}\t${r.description}`);
	}
	console.error(`${rows.length} operations`);
}
