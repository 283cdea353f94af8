const { src, dest } = require('gulp');

/** Copies node and credential icons (and codex JSON) next to the compiled files in dist/. */
function build() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports.build = build;
exports.default = build;
