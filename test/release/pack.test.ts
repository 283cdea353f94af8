/**
 * What ships: scripts/pack-check.js's rule over `npm pack --json`'s file list (exactly
 * package.json, README.md, LICENSE, index.js and the build of nodes/ and credentials/), and the
 * LICENSE the tarball carries.
 */
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packProblems } = require('../../scripts/pack-check');

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const sources = new Set(['nodes/Grinfi/Grinfi.node.ts', 'nodes/Grinfi/Grinfi.node.json', 'nodes/Grinfi/grinfi.svg', 'credentials/GrinfiApi.credentials.ts']);
const exists = (p: string) => sources.has(p);
const good = [
	'LICENSE',
	'README.md',
	'index.js',
	'package.json',
	'dist/nodes/Grinfi/Grinfi.node.js',
	'dist/nodes/Grinfi/Grinfi.node.json',
	'dist/nodes/Grinfi/grinfi.svg',
	'dist/credentials/GrinfiApi.credentials.js',
].map((p) => ({ path: p, size: 1 }));
const check = (files: Array<{ path: string }>, n8nFiles: string[] = []) => packProblems(files, { exists, n8nFiles });

test('the expected files pass', () => {
	expect(check(good, ['dist/nodes/Grinfi/Grinfi.node.js', 'dist/credentials/GrinfiApi.credentials.js'])).toEqual([]);
});

test.each([
	['dist/nodes/Grinfi/Grinfi.node.js.map', 'source map'],
	['dist/nodes/Grinfi/Grinfi.node.d.ts', 'declaration'],
	['dist/test/grinfi/contact.test.js', 'test'],
	['dist/nodes/Grinfi/sandbox/server.js', 'sandbox'],
	['examples/grinfi-upsert-tag-search.json', 'outside dist/'],
	['test/sandbox/grinfi.ts', 'outside dist/'],
	['.npmrc', 'outside dist/'],
	['dist/nodes/Grinfi/resources/removed.js', 'stale build output'],
	['dist/bench/upsert.js', 'benchmark'],
	['dist/scripts/verify.js', 'not built from a source'],
])('%s is refused (%s)', (extra, reason) => {
	const problems: string[] = check([...good, { path: extra }]);
	expect(problems).toHaveLength(1);
	expect(problems[0]).toContain(extra);
	expect(problems[0]).toContain(reason);
});

test('a missing LICENSE, README or listed node file is refused', () => {
	const files = good.filter((f) => f.path !== 'LICENSE' && f.path !== 'README.md' && f.path !== 'dist/nodes/Grinfi/Grinfi.node.js');
	expect(check(files, ['dist/nodes/Grinfi/Grinfi.node.js'])).toEqual([
		'missing LICENSE',
		'missing README.md',
		"missing dist/nodes/Grinfi/Grinfi.node.js (listed in package.json's n8n block)",
	]);
});

test('LICENSE is the MIT license of package.json, held by its author', () => {
	expect(pkg.license).toBe('MIT');
	const license = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
	expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} (.+)\n/);
	expect(license).toContain(`Copyright (c) ${license.match(/\(c\) (\d{4})/)![1]} ${pkg.author.name}\n`);
	expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
	expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'LICENSE']));
});

test("package.json's n8n block states node API version 1, strict", () => {
	expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	expect(pkg.n8n.strict).toBe(true);
});
