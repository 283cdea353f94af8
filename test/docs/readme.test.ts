/** The README's operations tables are generated from the node descriptions; this fails when they drift. */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { operationsSection, START, END } = require('../../scripts/operations-table');

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('README operations tables match the nodes (run `npm run docs` to update)', () => {
	const descriptions = (pkg.n8n.nodes as string[])
		.map((file) => {
			const source = path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const mod = require(source) as Record<string, new () => INodeType>;
			return new (Object.values(mod)[0])().description;
		})
		.filter((d) => d.properties.some((p) => p.name === 'resource'));
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
	expect(current).toBe(operationsSection(descriptions));
});
