const fs = require('fs');
const path = require('path');
const { task } = require('gulp');

// `n8n-node build` (@n8n/node-cli) compiles with tsc, then copies every *.png and *.svg of the repository into
// dist/ under its own path (its build command globs '**/*.{png,svg}', ignoring only dist and node_modules), so
// docs/ screenshots and any image a test or e2e folder holds would ship. n8n loads only what package.json's
// `n8n` section lists and the icons those files reference (`file:../../icons/...`), so dist/ keeps nodes/,
// credentials/ and icons/ and this job removes everything else the copy brought along.
const SHIPPED = new Set(['nodes', 'credentials', 'icons']);

function pruneDist(done) {
	const dist = path.resolve('dist');
	for (const entry of fs.readdirSync(dist)) {
		if (!SHIPPED.has(entry)) fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
	}
	done();
}

task('build:prune', pruneDist);
