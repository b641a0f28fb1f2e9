// n8n's verification scan, run locally: `npx @n8n/scan-community-package <name>` first checks the npm provenance of
// the published version, then lints the source checkout the provenance points at (package.json and
// nodes/credentials) and the published tarball (its .js and package.json) with ESLint, inline directives off; any
// error fails. The provenance and download steps need a published version, so this packs the package the way
// `npm publish` would and hands the same two file sets to the scanner's own `analyzePackage`.
// Usage: node scripts/scan.mjs [packageDir] (default: this repository; its dist/ must be built).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const packageDir = path.resolve(process.argv[2] ?? '.');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wapay-scan-'));

function run(cmd, args, cwd) {
	const result = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout;
}

try {
	const [packed] = JSON.parse(
		run('npm', ['pack', '--json', '--pack-destination', work], packageDir),
	);
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	run(
		'tar',
		['-xzf', path.join(work, packed.filename), '-C', unpacked, '--strip-components=1'],
		work,
	);

	const source = await analyzePackage(packageDir, SOURCE_FILE_PATTERNS);
	const tarball = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	for (const [what, result] of [
		['source (package.json, nodes/, credentials/)', source],
		[`tarball ${packed.filename} (${packed.entryCount} files)`, tarball],
	]) {
		console.log(
			`${result.passed ? 'passed' : 'FAILED'}: ${what}${result.message ? `: ${result.message}` : ''}`,
		);
		if (result.details) console.log(result.details);
	}
	process.exitCode = source.passed && tarball.passed ? 0 : 1;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
