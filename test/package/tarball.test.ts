/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * What `npm publish` would ship (`npm pack --dry-run --json` over the built dist/): exactly the compiled nodes and
 * credentials, their codex files, the icons and the package's own four files. No source maps (their sources are
 * not shipped), no declarations (n8n loads JavaScript; nothing imports this package's types), no images outside
 * icons/, nothing from test/, docs/ or the sandbox. Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : [relative(ROOT, full)];
	});
}

function expectedFiles(): string[] {
	const compiled = [...walk(join(ROOT, 'nodes')), ...walk(join(ROOT, 'credentials'))].flatMap(
		(file) => {
			if (file.endsWith('.ts')) return [`dist/${file.replace(/\.ts$/, '.js')}`];
			if (file.endsWith('.node.json')) return [`dist/${file}`];
			return [];
		},
	);
	const icons = walk(join(ROOT, 'icons')).map((file) => `dist/${file}`);
	return [...compiled, ...icons, 'package.json', 'README.md', 'LICENSE.md', 'index.js'].sort();
}

describe('the published tarball', () => {
	let packed: { size: number; unpackedSize: number; files: Array<{ path: string }> };
	beforeAll(() => {
		if (!existsSync(join(ROOT, 'dist')))
			throw new Error('dist/ is missing: run npm run build first');
		[packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], {
				cwd: ROOT,
				encoding: 'utf8',
			}),
		);
	});

	it('holds exactly the compiled sources, codex files, icons and the package files', () => {
		expect(packed.files.map((f) => f.path).sort()).toEqual(expectedFiles());
	});

	it('has no source maps, declarations, or images outside dist/icons', () => {
		const paths = packed.files.map((f) => f.path);
		expect(paths.filter((p) => /\.(map|d\.ts)$/.test(p))).toEqual([]);
		expect(
			paths.filter((p) => /\.(png|svg|jpe?g|gif|webp)$/i.test(p) && !p.startsWith('dist/icons/')),
		).toEqual([]);
	});

	it('contains every file package.json registers with n8n', () => {
		const { n8n } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		const paths = new Set(packed.files.map((f) => f.path));
		for (const file of [...n8n.nodes, ...n8n.credentials]) expect(paths).toContain(file);
	});

	it('is the size the README states, within 15%', () => {
		const stated = readFileSync(join(ROOT, 'README.md'), 'utf8').match(
			/tarball is about (\d+) KiB/,
		);
		expect(stated).not.toBeNull();
		const kib = packed.size / 1024;
		expect(Math.abs(kib - Number(stated![1])) / Number(stated![1])).toBeLessThan(0.15);
	});
});
