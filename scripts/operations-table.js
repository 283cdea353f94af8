'use strict';
/**
 * Markdown operations tables from node descriptions (Resource → Operations), used by
 * `npm run docs` to write the README and by a test that fails when the README drifts.
 */
function operationsTable(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	const rows = [];
	for (const r of resource.options) {
		const ops = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value),
		);
		const names = ops ? ops.options.map((o) => `${o.name} (\`${o.value}\`)`) : [];
		rows.push(`| ${r.name} (\`${r.value}\`) | ${names.join(', ')} |`);
	}
	const count = rows.length;
	const opCount = resource.options.reduce((n, r) => {
		const ops = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value));
		return n + (ops ? ops.options.length : 0);
	}, 0);
	return [`**${description.displayName}** (\`${description.name}\`): ${count} resources, ${opCount} operations`, '', '| Resource | Operations |', '|---|---|', ...rows].join('\n');
}

const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

function operationsSection(descriptions) {
	return [START, ...descriptions.map((d) => `${operationsTable(d)}\n`), END].join('\n');
}

function replaceSection(readme, section) {
	const a = readme.indexOf(START);
	const b = readme.indexOf(END);
	if (a === -1 || b === -1) throw new Error('README has no operations markers');
	return readme.slice(0, a) + section + readme.slice(b + END.length);
}

module.exports = { operationsSection, replaceSection, START, END };

if (require.main === module) {
	const fs = require('node:fs');
	const path = require('node:path');
	const root = path.resolve(__dirname, '..');
	const pkg = require(path.join(root, 'package.json'));
	const descriptions = pkg.n8n.nodes
		.map((file) => {
			const mod = require(path.join(root, file));
			const Cls = Object.values(mod)[0];
			return new Cls().description;
		})
		.filter((d) => d.properties.some((p) => p.name === 'resource'));
	const readmePath = path.join(root, 'README.md');
	fs.writeFileSync(readmePath, replaceSection(fs.readFileSync(readmePath, 'utf8'), operationsSection(descriptions)));
	console.log(`README operations tables written for ${descriptions.map((d) => d.displayName).join(', ')}`);
}
