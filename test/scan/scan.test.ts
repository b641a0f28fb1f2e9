/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * `npm run scan` (scripts/scan.mjs) must fail a package n8n's scanner would refuse. The fixture package's only node
 * requires `fs`; the same package without that line must pass, so the failure is the import and nothing else.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/scan-forbidden');
const NODE_FILE = 'nodes/Forbidden/Forbidden.node.js';

function scan(dir: string) {
	const run = spawnSync('node', [join(ROOT, 'scripts/scan.mjs'), dir], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('npm run scan (n8n scanner analyser over the source and the packed tarball)', () => {
	let clean: string;
	beforeAll(() => {
		clean = mkdtempSync(join(tmpdir(), 'wapay-scan-fixture-'));
		cpSync(FIXTURE, clean, { recursive: true });
		const source = readFileSync(join(FIXTURE, NODE_FILE), 'utf8');
		const withoutFs = source
			.replace("const { readFileSync } = require('fs');\n", '')
			.replace(/readFileSync\(file, 'utf8'\)/, 'file');
		expect(withoutFs).not.toContain("require('fs')");
		writeFileSync(join(clean, NODE_FILE), withoutFs);
	});
	afterAll(() => rmSync(clean, { recursive: true, force: true }));

	it('fails a package whose node imports fs, in the source and in the tarball', () => {
		const { status, out } = scan(FIXTURE);
		expect(status).toBe(1);
		expect(out).toContain('FAILED: source');
		expect(out).toContain('FAILED: tarball n8n-nodes-scan-fixture-0.0.1.tgz');
		expect(out.match(/Require of 'fs' is not allowed.*no-restricted-imports/g)).toHaveLength(2);
	});

	it('passes the same package without the import', () => {
		const { status, out } = scan(clean);
		expect(out).toContain('passed: source');
		expect(out).toContain('passed: tarball n8n-nodes-scan-fixture-0.0.1.tgz');
		expect(status).toBe(0);
	});
});
