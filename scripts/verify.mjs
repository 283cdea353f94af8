// n8n's verification gate, offline: the analysis of @n8n/scan-community-package (its exported
// analyzePackage, as its scanner calls it) on the sources and on the contents of `npm pack`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SOURCE_FILE_PATTERNS, analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let failed = false;

async function check(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? 'PASS' : 'FAIL'} scanner analysis of ${label}${result.message ? `: ${result.message}` : ''}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const problems = [];
if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push('runtime dependencies present');
if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) problems.push('peerDependencies must be exactly {"n8n-workflow": "*"}');
for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish']) if (pkg.scripts?.[script]) problems.push(`install-time script "${script}"`);
for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) if (!fs.existsSync(path.join(root, file))) problems.push(`${file} listed in package.json n8n block is not built`);
if (problems.length) {
	failed = true;
	console.log(`FAIL manifest: ${problems.join('; ')}`);
} else console.log('PASS manifest: no runtime dependencies, no install scripts, peer n8n-workflow *, every listed file built');

await check('the sources', root, SOURCE_FILE_PATTERNS);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-pack-'));
try {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	const [{ filename, files }] = JSON.parse(out);
	const extracted = path.join(tmp, 'package');
	execFileSync('tar', ['-xzf', path.join(tmp, filename), '-C', tmp]);
	console.log(`tarball ${filename}: ${files.length} files (their list is checked by scripts/pack-check.js)`);
	await check('the packed tarball', extracted);
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
