'use strict';
/**
 * The release workflow's first step: the pushed tag (v1.2.3) must be package.json's version
 * (1.2.3), or nothing is published. Usage: node scripts/release-tag-check.js <tag>
 */
const path = require('node:path');

const tag = process.argv[2] || '';
const { version } = require(path.join(__dirname, '..', 'package.json'));
if (tag.replace(/^v/, '') !== version) {
	console.error(`::error::tag "${tag}" does not match package.json's version ${version}: tag the commit v${version}, or bump the version first`);
	process.exit(1);
}
console.log(`tag ${tag} is package.json's version ${version}`);
