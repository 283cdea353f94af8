'use strict';
/**
 * What ships: `npm pack --dry-run --json` must list exactly package.json, README.md, LICENSE,
 * index.js and the build output under dist/ (each file there built from a source under nodes/ or
 * credentials/: no source maps, type declarations, TypeScript sources, tests, sandboxes or
 * examples, nothing left over from a source that no longer exists). Prints the file count and the
 * packed and unpacked sizes; `--list` prints every file too. Run by `npm run verify` (and so by
 * .ci/run and both GitHub workflows) after `npm run build`.
 */
const fs = require('node:fs');
const path = require('node:path');

const TOP_LEVEL = ['LICENSE', 'README.md', 'index.js', 'package.json'];
const BUILT_FROM = { '.js': ['.ts'], '.json': ['.json'], '.svg': ['.svg'], '.png': ['.png'] };

/**
 * Problems with a tarball's file list (`files` of `npm pack --json`: [{ path, size }]).
 * `exists(relativePath)` tells whether a source file exists in the repository.
 */
function packProblems(files, { exists, n8nFiles = [] }) {
	const problems = [];
	const paths = files.map((f) => f.path);
	for (const file of TOP_LEVEL) if (!paths.includes(file)) problems.push(`missing ${file}`);
	for (const file of n8nFiles) if (!paths.includes(file)) problems.push(`missing ${file} (listed in package.json's n8n block)`);
	for (const p of paths) {
		if (TOP_LEVEL.includes(p)) continue;
		if (!p.startsWith('dist/')) {
			problems.push(`${p}: outside dist/`);
			continue;
		}
		if (/\.(map|d\.ts|ts|tsbuildinfo)$/.test(p)) {
			problems.push(`${p}: source map, declaration or TypeScript source`);
			continue;
		}
		if (/(^|\/)(test|tests|__tests__|sandbox|examples|bench)\/|\.(test|spec)\.js$/.test(p)) {
			problems.push(`${p}: test, sandbox, example or benchmark`);
			continue;
		}
		const relative = p.slice('dist/'.length);
		const ext = path.extname(relative);
		const sources = (BUILT_FROM[ext] || []).map((e) => relative.slice(0, -ext.length) + e);
		if (!/^(nodes|credentials)\//.test(relative) || !sources.some(exists)) {
			problems.push(`${p}: not built from a source under nodes/ or credentials/ (stale build output? rebuild with npm run build)`);
		}
	}
	return problems;
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

module.exports = { packProblems, TOP_LEVEL };

if (require.main === module) {
	const { execFileSync } = require('node:child_process');
	const root = path.resolve(__dirname, '..');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	const [pack] = JSON.parse(out);
	const problems = packProblems(pack.files, {
		exists: (p) => fs.existsSync(path.join(root, p)),
		n8nFiles: [...pkg.n8n.nodes, ...pkg.n8n.credentials],
	});
	if (process.argv.includes('--list')) for (const f of pack.files) console.log(`${String(f.size).padStart(8)}  ${f.path}`);
	const dist = pack.files.filter((f) => f.path.startsWith('dist/')).length;
	console.log(
		`tarball ${pack.filename}: ${pack.entryCount} files (${TOP_LEVEL.join(', ')} and ${dist} under dist/), ` +
			`${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked`,
	);
	if (problems.length) {
		console.log(`FAIL tarball contents:\n  ${problems.join('\n  ')}`);
		process.exit(1);
	}
	console.log('PASS tarball contents: exactly package.json, README.md, LICENSE, index.js and the build of nodes/ and credentials/');
}
