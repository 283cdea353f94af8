/** The README's operations tables are generated from the node descriptions; this fails when they drift. */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { operationsSection, retrySection, START, END, RETRY_START, RETRY_END } = require('../../scripts/operations-table');

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function descriptionsOfNodes() {
	return (pkg.n8n.nodes as string[])
		.map((file) => {
			const source = path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const mod = require(source) as Record<string, new () => INodeType>;
			return new (Object.values(mod)[0])().description;
		})
		.filter((d) => d.properties.some((p) => p.name === 'resource'));
}

const readme = () => fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const between = (text: string, start: string, end: string) => text.slice(text.indexOf(start), text.indexOf(end) + end.length);

test('README operations tables match the nodes (run `npm run docs` to update)', () => {
	expect(between(readme(), START, END)).toBe(operationsSection(descriptionsOfNodes()));
});

test('README retry table lists the class every non-GET operation declares (run `npm run docs` to update)', () => {
	const current = between(readme(), RETRY_START, RETRY_END);
	expect(current).toContain('| Contact | Enrich (PUT), Mass Action (PUT) |');
	expect(current).toBe(retrySection(descriptionsOfNodes()));
});
