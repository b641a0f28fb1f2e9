// Run by `npm run release` (release-it's after:bump hook): the entries under "## Unreleased" in CHANGELOG.md
// become the new version's section, dated today (UTC), and "## Unreleased" starts empty again.
// Usage: node scripts/changelog-release.js <version> [changelog file]
const fs = require('fs');
const path = require('path');

const version = process.argv[2];
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version ?? '')) {
	console.error(`usage: node scripts/changelog-release.js <version> (got ${version})`);
	process.exit(1);
}
const file = process.argv[3] ?? path.join(__dirname, '..', 'CHANGELOG.md');
const text = fs.readFileSync(file, 'utf8');
const heading = '## Unreleased\n';
const start = text.indexOf(heading);
if (start < 0) throw new Error('CHANGELOG.md has no "## Unreleased" section');
const bodyStart = start + heading.length;
const next = text.indexOf('\n## ', bodyStart);
const body = text.slice(bodyStart, next < 0 ? text.length : next + 1).trim();
if (!body) throw new Error('CHANGELOG.md: nothing under "## Unreleased" to release');
if (text.includes(`\n## ${version} `))
	throw new Error(`CHANGELOG.md already has a ${version} section`);
const date = new Date().toISOString().slice(0, 10);
const rest = next < 0 ? '' : text.slice(next + 1);
fs.writeFileSync(
	file,
	`${text.slice(0, start)}${heading}\n## ${version} (${date})\n\n${body}\n\n${rest}`,
);
console.log(`CHANGELOG.md: Unreleased -> ${version} (${date})`);
