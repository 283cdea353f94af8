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
const RETRY_START = '<!-- retries:start -->';
const RETRY_END = '<!-- retries:end -->';

function operationsSection(descriptions) {
	return [START, ...descriptions.map((d) => `${operationsTable(d)}\n`), END].join('\n');
}

/**
 * The retry class of every operation that is not a plain read (a GET), from the policy each
 * operation's request carries (nodes/shared/describe.ts policyOf): one row per resource.
 */
function retryTable(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	const rows = [];
	for (const r of resource.options) {
		const ops = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value));
		const by = { write: [], action: [], read: [] };
		for (const o of ops ? ops.options : []) {
			const request = o.routing?.request ?? {};
			const retry = request.policy?.retry;
			if (!retry) throw new Error(`${description.name} ${r.value} ${o.value} has no retry class`);
			if (retry === 'read' && (request.method ?? 'GET') === 'GET') continue;
			by[retry].push(`${o.name} (${request.method})`);
		}
		if (by.write.length + by.action.length + by.read.length) {
			rows.push(`| ${r.name} | ${by.action.join(', ')} | ${by.write.join(', ')} | ${by.read.join(', ')} |`);
		}
	}
	if (!rows.length) return undefined;
	return [`**${description.displayName}**`, '', '| Resource | Action: never sent again | Idempotent write: retried | Read (not GET): retried |', '|---|---|---|---|', ...rows].join('\n');
}

function retrySection(descriptions) {
	return [RETRY_START, ...descriptions.map(retryTable).filter(Boolean).map((t) => `${t}\n`), RETRY_END].join('\n');
}

function replaceSection(readme, section, start = START, end = END) {
	const a = readme.indexOf(start);
	const b = readme.indexOf(end);
	if (a === -1 || b === -1) throw new Error(`README has no ${start} … ${end} markers`);
	return readme.slice(0, a) + section + readme.slice(b + end.length);
}

module.exports = { operationsSection, retrySection, replaceSection, START, END, RETRY_START, RETRY_END };

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
	let readme = replaceSection(fs.readFileSync(readmePath, 'utf8'), operationsSection(descriptions));
	readme = replaceSection(readme, retrySection(descriptions), RETRY_START, RETRY_END);
	fs.writeFileSync(readmePath, readme);
	console.log(`README operations and retry tables written for ${descriptions.map((d) => d.displayName).join(', ')}`);
}
