/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The install cache's lock (e2e/lib/install.js `withCacheLock`): two runs on one machine that both need an
 * install (npm run dev beside npm test, two clones) take turns instead of running npm into one folder at once
 * (npm then fails with ENOTEMPTY); a lock left by a run that died is taken over.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const INSTALL = path.resolve(__dirname, '..', '..', 'e2e', 'lib', 'install.js');

/** A separate Node process that holds the lock for `dir` for `holdMs`, recording when it held it. */
function holder(dir: string, record: string, holdMs: number): Promise<number | null> {
	const code = `
const fs = require('fs');
const { withCacheLock } = require(${JSON.stringify(INSTALL)});
withCacheLock(${JSON.stringify(dir)}, 'test', async () => {
	const start = Date.now();
	await new Promise((r) => setTimeout(r, ${holdMs}));
	fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ pid: process.pid, start, end: Date.now() }) + '\\n');
}).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
		child.once('exit', (exitCode) => resolve(exitCode));
	});
}

describe('the install cache lock', () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wapay-lock-'));
	afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

	test('three runs wanting the same folder hold it one after another', async () => {
		const dir = path.join(work, 'n8n-x');
		const record = path.join(work, 'turns.jsonl');
		const codes = await Promise.all([
			holder(dir, record, 700),
			holder(dir, record, 700),
			holder(dir, record, 700),
		]);
		expect(codes).toEqual([0, 0, 0]);
		const turns = fs
			.readFileSync(record, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { start: number; end: number })
			.sort((a, b) => a.start - b.start);
		expect(turns).toHaveLength(3);
		for (let n = 1; n < turns.length; n++)
			expect(turns[n].start).toBeGreaterThanOrEqual(turns[n - 1].end);
		expect(fs.existsSync(`${dir}.lock`)).toBe(false);
	}, 60000);

	test('a lock left by a run that died is taken over', async () => {
		const dir = path.join(work, 'n8n-y');
		const record = path.join(work, 'stale.jsonl');
		// A pid that is certainly not running: a child that has exited.
		const dead = await new Promise<number>((resolve) => {
			const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
			child.once('exit', () => resolve(child.pid as number));
		});
		fs.mkdirSync(`${dir}.lock`, { recursive: true });
		fs.writeFileSync(path.join(`${dir}.lock`, 'pid'), String(dead));
		expect(await holder(dir, record, 10)).toBe(0);
		expect(fs.readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(1);
		expect(fs.existsSync(`${dir}.lock`)).toBe(false);
	}, 60000);
});
