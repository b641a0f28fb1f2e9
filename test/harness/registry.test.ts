/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The install suite's local registry (e2e/lib/registry.js), without n8n: verdaccio starts with no uplink,
 * `npm publish` puts a package on it, a re-versioned copy becomes `latest`, and the `npm` wrapper n8n finds
 * first on its PATH sends n8n's commands there, `--registry=https://registry.npmjs.org` included, while a name
 * nobody published is a 404 from the local registry rather than a download from anywhere else.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function npm(bin: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
	return new Promise((resolve) => {
		execFile(bin, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) =>
			resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
		);
	});
}

describe('the install suite registry', () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wapay-registry-'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Registry, publish, reversion } = require(path.join(ROOT, 'e2e', 'lib', 'registry.js'));
	let registry: {
		url: string;
		binDir: string;
		start(): Promise<void>;
		stop(): Promise<void>;
		versions(name: string): Promise<{ versions: string[]; latest?: string }>;
	};
	let tarball: string;

	beforeAll(async () => {
		registry = new Registry(path.join(work, 'registry'), await freePort());
		await registry.start();
		const pkg = path.join(work, 'pkg');
		fs.mkdirSync(pkg);
		fs.writeFileSync(
			path.join(pkg, 'package.json'),
			JSON.stringify({ name: 'n8n-nodes-wapay-fixture', version: '1.0.0', files: ['index.js'] }),
		);
		fs.writeFileSync(path.join(pkg, 'index.js'), 'module.exports = 1;\n');
		const packed = await npm('npm', ['pack', '--silent', `--pack-destination=${work}`], pkg);
		expect(packed.code).toBe(0);
		tarball = path.join(work, packed.out.trim().split('\n').pop() as string);
	}, 240000);

	afterAll(async () => {
		await registry?.stop();
		fs.rmSync(work, { recursive: true, force: true });
	});

	test('publish, then a re-versioned copy becomes latest', async () => {
		await publish(registry.url, tarball);
		expect(await registry.versions('n8n-nodes-wapay-fixture')).toEqual({
			versions: ['1.0.0'],
			latest: '1.0.0',
		});
		await publish(registry.url, await reversion(tarball, '1.0.1', work));
		expect(await registry.versions('n8n-nodes-wapay-fixture')).toEqual({
			versions: ['1.0.0', '1.0.1'],
			latest: '1.0.1',
		});
	}, 120000);

	test("the npm wrapper sends n8n's commands to the local registry, its --registry argument included", async () => {
		const wrapper = path.join(registry.binDir, 'npm');
		const view = await npm(
			wrapper,
			['view', 'n8n-nodes-wapay-fixture', 'version', '--registry=https://registry.npmjs.org'],
			work,
		);
		expect(view).toEqual({ code: 0, out: '1.0.1\n' });
		// Without --registry (n8n's `npm outdated`), too.
		expect(
			(await npm(wrapper, ['view', 'n8n-nodes-wapay-fixture', 'versions', '--json'], work)).out,
		).toContain('"1.0.0"');
		// No uplink: a package nobody published here is not fetched from anywhere else.
		const missing = await npm(
			wrapper,
			['view', 'left-pad', 'version', '--registry=https://registry.npmjs.org'],
			work,
		);
		expect(missing.code).not.toBe(0);
		expect(missing.out).toContain(`404 Not Found - GET ${registry.url}left-pad`);
	}, 120000);
});
