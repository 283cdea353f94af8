'use strict';
/**
 * The README's list of Grinfi field exceptions (test/grinfi/openapi-fields-exceptions.json): fields
 * the OpenAPI documents that the node cannot set, and fields it sends that the OpenAPI does not
 * document, each with its reason. Written by `npm run docs`; test/grinfi/fields.test.ts fails when
 * the README drifts from the file.
 */
const fs = require('node:fs');
const path = require('node:path');

const START = '<!-- field-exceptions:start -->';
const END = '<!-- field-exceptions:end -->';
const FILE = path.resolve(__dirname, '../test/grinfi/openapi-fields-exceptions.json');

function rows(list) {
	return list.map((e) => `| \`${e.operation}\` | \`${e.field}\` | ${e.reason} |`);
}

function exceptionsSection(exceptions = JSON.parse(fs.readFileSync(FILE, 'utf8'))) {
	const lines = [START];
	lines.push(`**Documented but not settable** (${exceptions.unreachable.length})`, '');
	if (exceptions.unreachable.length) lines.push('| Endpoint | Field | Why |', '|---|---|---|', ...rows(exceptions.unreachable));
	else lines.push('None: every documented field can be set.');
	lines.push('', `**Sent but not in the OpenAPI** (${exceptions.undocumented.length})`, '', '| Endpoint | Field | Why |', '|---|---|---|', ...rows(exceptions.undocumented), END);
	return lines.join('\n');
}

function replaceSection(readme, section) {
	const a = readme.indexOf(START);
	const b = readme.indexOf(END);
	if (a === -1 || b === -1) throw new Error('README has no field-exceptions markers');
	return readme.slice(0, a) + section + readme.slice(b + END.length);
}

module.exports = { exceptionsSection, replaceSection, START, END };

if (require.main === module) {
	const readmePath = path.resolve(__dirname, '../README.md');
	fs.writeFileSync(readmePath, replaceSection(fs.readFileSync(readmePath, 'utf8'), exceptionsSection()));
	console.log('README field exceptions written');
}
