/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The release pipeline: both GitHub workflow files validate against GitHub's workflow schema
 * (@action-validator/cli, offline), the publish workflow publishes with provenance only after the tests, the
 * release script's CHANGELOG step, and package.json's repository, homepage and bugs naming one repository (npm
 * refuses a provenance publish whose repository.url is not the repository that built it).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const WORKFLOWS = join(ROOT, '.github/workflows');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

function validate(file: string) {
	const bin = join(ROOT, 'node_modules/.bin/action-validator');
	const run = spawnSync(bin, [file], { encoding: 'utf8' });
	return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('GitHub workflows', () => {
	let tmp: string;
	beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'wapay-workflows-'))));
	afterAll(() => rmSync(tmp, { recursive: true, force: true }));

	it.each(['ci.yml', 'publish.yml'])('%s validates', (file) => {
		expect(readdirSync(WORKFLOWS)).toContain(file);
		const { status, out } = validate(join(WORKFLOWS, file));
		expect(out).toBe('');
		expect(status).toBe(0);
	});

	it('the validator rejects a publish workflow with a misspelt permission', () => {
		const broken = read('.github/workflows/publish.yml').replace(
			'id-token: write',
			'id-token: writ',
		);
		expect(broken).toContain('id-token: writ\n');
		writeFileSync(join(tmp, 'publish.yml'), broken);
		const { status, out } = validate(join(tmp, 'publish.yml'));
		expect(status).toBe(1);
		expect(out).toContain('/permissions/id-token');
	});

	it('ci.yml runs the README test command on pushes and pull requests', () => {
		const ci = read('.github/workflows/ci.yml');
		expect(read('README.md')).toContain('npm ci && npm test');
		expect(ci).toMatch(/^on:\n {2}push:\n {4}branches: \[main\]\n {2}pull_request:\n/m);
		expect(ci).toMatch(/run: npm ci\b/);
		expect(ci).toMatch(/run: npm test\n/);
	});

	it('publish.yml publishes with provenance from the tag release-it pushes, after npm test', () => {
		const publish = read('.github/workflows/publish.yml');
		const releaseIt = JSON.parse(read('.release-it.json'));
		expect(releaseIt.git.tagName).toBe('v${version}');
		expect(publish).toMatch(/tags: \['v\*\.\*\.\*'\]/);
		const [verify, job] = publish.split(/\n {2}publish:\n/);
		expect(verify).toMatch(/run: npm test\n/);
		expect(verify).not.toContain('id-token');
		expect(job).toMatch(/needs: verify\n/);
		expect(job).toMatch(/permissions:\n {6}contents: read\n(?: {6}#.*\n)* {6}id-token: write\n/);
		expect(job).toMatch(/run: node scripts\/scan\.mjs\n/);
		expect(job.indexOf('npm publish --dry-run')).toBeLessThan(
			job.indexOf('npm publish --provenance'),
		);
		expect(job).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
	});
});

describe('package.json and the release script', () => {
	it('repository, homepage, bugs and the documentation links name the same GitHub repository', () => {
		const pkg = JSON.parse(read('package.json'));
		const repo = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(pkg.repository.url)?.[1];
		expect(repo).toBeDefined();
		expect(pkg.homepage).toBe(`https://github.com/${repo}#readme`);
		expect(pkg.bugs.url).toBe(`https://github.com/${repo}/issues`);
		expect(pkg.author.name).toMatch(/\S/);
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
		expect(pkg.publishConfig.provenance).toBe(true);
		const codex = ['WhatsAppPayments', 'WhatsAppPaymentsTrigger', 'WhatsAppCheckoutEndpoint'].map(
			(n) => read(`nodes/${n}/${n}.node.json`),
		);
		const credentials = readdirSync(join(ROOT, 'credentials')).map((f) => read(`credentials/${f}`));
		const links =
			[...codex, ...credentials].join('\n').match(/https:\/\/github\.com\/[^'"#\s]+/g) ?? [];
		expect(links.length).toBeGreaterThan(0);
		expect(new Set(links)).toEqual(new Set([`https://github.com/${repo}`]));
	});

	it("moves CHANGELOG.md's Unreleased entries under the new version", () => {
		const dir = mkdtempSync(join(tmpdir(), 'wapay-changelog-'));
		const file = join(dir, 'CHANGELOG.md');
		writeFileSync(
			file,
			'# Changelog\n\n## Unreleased\n\n- one\n- two\n\n## 0.1.0 (2026-01-01)\n\n- first\n',
		);
		const today = () => new Date().toISOString().slice(0, 10);
		const before = today();
		const run = spawnSync('node', [join(ROOT, 'scripts/changelog-release.js'), '1.0.0', file], {
			encoding: 'utf8',
		});
		expect(run.status).toBe(0);
		const released = (date: string) =>
			`# Changelog\n\n## Unreleased\n\n## 1.0.0 (${date})\n\n- one\n- two\n\n## 0.1.0 (2026-01-01)\n\n- first\n`;
		// The script dates the section with the UTC day it ran on (either side of a midnight during the run).
		expect([released(before), released(today())]).toContain(readFileSync(file, 'utf8'));
		const again = spawnSync('node', [join(ROOT, 'scripts/changelog-release.js'), '1.0.1', file], {
			encoding: 'utf8',
		});
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('nothing under "## Unreleased"');
		rmSync(dir, { recursive: true, force: true });
	});
});
