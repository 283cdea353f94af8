/**
 * Documentation a user reaches from n8n: every credential's documentationUrl and every codex file's
 * documentation links point to a section of this README on the repository (not to an API host),
 * and the README has those sections, the sections of n8n's community-node README template, the
 * screenshots it shows, a changelog and a versioning policy.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
const headings = [...readme.matchAll(/^(#{2,4}) (.+)$/gm)].map((m) => ({ level: m[1].length, text: m[2], anchor: slug(m[2]) }));
const anchors = new Set(headings.map((h) => h.anchor));

const repository = pkg.homepage as string;
/** The README section a documentation URL points to, or a description of what is wrong. */
const section = (url: string) => {
	if (!url.startsWith(`${repository}#`)) return `not a section of ${repository}: ${url}`;
	const anchor = url.slice(repository.length + 1);
	return anchors.has(anchor) ? anchor : `no README heading with the anchor #${anchor}`;
};

const credentials = (pkg.n8n.credentials as string[]).map((file) => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'))) as Record<string, new () => ICredentialType>;
	return new (Object.values(mod)[0])();
});
const codexFiles = (pkg.n8n.nodes as string[])
	.map((file) => path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.json')))
	.filter((file) => fs.existsSync(file));

test('the repository is the package homepage', () => {
	expect(repository).toBe('https://github.com/outreach-nodes/n8n-nodes-outreach');
	expect(pkg.repository.url).toBe(`git+${repository}.git`);
});

test('every credential documentationUrl is its section of the README', () => {
	expect(credentials.map((c) => [c.displayName, section(c.documentationUrl!)])).toEqual([
		['LeadGrid API', 'leadgrid-api'],
		['Grinfi API', 'grinfi-api'],
		['GrowthGenius API', 'growthgenius-api'],
	]);
});

test("every codex file's documentation is the README's section for its provider", () => {
	expect(codexFiles.map((f) => path.basename(f))).toEqual(['LeadGrid.node.json', 'Grinfi.node.json', 'GrowthGenius.node.json']);
	const links = codexFiles.map((file) => {
		const { resources } = JSON.parse(fs.readFileSync(file, 'utf8'));
		return [
			path.basename(file),
			resources.primaryDocumentation.map((d: { url: string }) => section(d.url)),
			resources.credentialDocumentation.map((d: { url: string }) => section(d.url)),
		];
	});
	expect(links).toEqual([
		['LeadGrid.node.json', ['leadgrid'], ['leadgrid-api']],
		['Grinfi.node.json', ['grinfi'], ['grinfi-api']],
		['GrowthGenius.node.json', ['growthgenius'], ['growthgenius-api']],
	]);
});

test("the README keeps its two commands at the top and has the template's sections in order", () => {
	expect(readme.split('\n').slice(0, 6).join('\n')).toMatch(/^# n8n-nodes-outreach\n\n```bash\nnpm ci && npm run dev .*\nnpm ci && npm test .*\n```$/);
	const top = headings.filter((h) => h.level === 2).map((h) => h.text);
	const template = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history'];
	expect(top.filter((h) => template.includes(h))).toEqual(template);
	for (const anchor of ['versioning', 'n8n-versions-tested', 'older-n8n-versions', 'leadgrid', 'grinfi', 'growthgenius']) expect(anchors).toContain(anchor);
	expect(readme).toMatch(/option values.*credential fields.*output shapes.*\*\*major\*\* version/s);
});

test('the README shows a committed screenshot of each of the six nodes, each under 150 kB', () => {
	const images = [...readme.matchAll(/!\[[^\]]*\]\((docs\/screenshots\/[^)]+\.png)\)/g)].map((m) => m[1]);
	expect(images).toEqual(
		['leadGrid', 'leadGridTrigger', 'grinfi', 'grinfiTrigger', 'growthGenius', 'growthGeniusTrigger'].map((n) => `docs/screenshots/${n}.png`),
	);
	for (const image of images) {
		const bytes = fs.readFileSync(path.join(root, image));
		expect(bytes.subarray(1, 4).toString()).toBe('PNG');
		expect(bytes.length).toBeLessThan(150 * 1024);
	}
});

test("CHANGELOG.md follows Keep a Changelog: an Unreleased section, then package.json's version", () => {
	const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
	expect(changelog).toMatch(/keepachangelog\.com/);
	const versions = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
	expect(versions.slice(0, 2)).toEqual(['Unreleased', pkg.version]);
	expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
	expect(changelog).toMatch(new RegExp(`^\\[unreleased\\]: ${repository}/compare/v${pkg.version}\\.\\.\\.HEAD$`, 'm'));
});
