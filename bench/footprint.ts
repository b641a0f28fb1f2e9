/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/** Footprint: packed and unpacked size of the published tarball, and how long n8n-core takes to load its nodes. */
import { execFileSync } from 'child_process';

import { fmt, header, median, ROOT, table } from './common';

export async function benchFootprint(): Promise<void> {
	header('Footprint');
	const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8' }))[0];
	// Loading as n8n does for an installed package: n8n-core's PackageDirectoryLoader reads package.json's n8n
	// field, requires every node and credential and builds their descriptions. Fresh process per sample.
	const script = `
		const t0 = process.hrtime.bigint();
		const { PackageDirectoryLoader } = require('n8n-core');
		const t1 = process.hrtime.bigint();
		const loader = new PackageDirectoryLoader(${JSON.stringify(ROOT)});
		loader.loadAll().then(() => {
			const t2 = process.hrtime.bigint();
			process.stdout.write(JSON.stringify({ core: Number(t1 - t0) / 1e6, load: Number(t2 - t1) / 1e6, nodes: Object.keys(loader.nodeTypes).length, credentials: Object.keys(loader.credentialTypes).length }));
		});`;
	const samples = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, N8N_USER_FOLDER: '/tmp/n8n-wapay-footprint' } })));
	table([
		{ measure: 'packed tarball (npm pack)', value: `${fmt(packed.size / 1024, 1)} KiB` },
		{ measure: 'unpacked', value: `${fmt(packed.unpackedSize / 1024, 1)} KiB in ${packed.entryCount} files` },
		{ measure: 'runtime dependencies', value: '0' },
		{ measure: 'n8n-core loading this package (median of 7 fresh processes)', value: `${fmt(median(samples.map((s) => s.load)), 1)} ms for ${samples[0].nodes} nodes and ${samples[0].credentials} credential` },
	]);
}

if (require.main === module) void benchFootprint();
