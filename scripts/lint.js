// `n8n-node lint` (@n8n/node-cli) exits 0 when ESLint reports only warnings; the package must have none (an
// unused eslint-disable directive is one), so this runs it and fails on any problem ESLint's summary line counts.
const { spawnSync } = require('child_process');

const run = spawnSync('npx', ['--no-install', 'n8n-node', 'lint'], { encoding: 'utf8' });
const out = `${run.stdout ?? ''}${run.stderr ?? ''}`;
process.stdout.write(out);
const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
const summary = plain.match(/✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/);
if (run.status !== 0 || summary) {
	console.error(
		summary
			? `n8n-node lint: ${summary[0].slice(2)}; 0 required`
			: `n8n-node lint exited ${run.status}`,
	);
	process.exit(1);
}
