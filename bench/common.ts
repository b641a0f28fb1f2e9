/* eslint-disable no-console */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { IDataObject } from 'n8n-workflow';

import { BUYER_BR, status } from '../test/helpers/orderParameters';
import { PHONE_BR } from '../test/helpers/sandbox';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** n8n's own nodes from the default e2e install (see e2e/lib/install.js), for side-by-side benchmarks. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const e2eInstall = require(path.join(ROOT, 'e2e', 'lib', 'install.js')) as { modulesDir(v: string): string };
export const N8N_NODES_BASE = path.join(e2eInstall.modulesDir('2.40.7'), 'n8n-nodes-base');

export function machine(): string {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	return `${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function header(title: string): void {
	console.log(`\n## ${title}\n`);
}

export function table(rows: Array<Record<string, string | number>>): void {
	if (rows.length === 0) return;
	const cols = Object.keys(rows[0]);
	const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
	console.log(line(cols));
	console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

export function fmt(n: number, digits = 0): string {
	return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(values: number[], p: number): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function builtinAvailable(): boolean {
	if (fs.existsSync(N8N_NODES_BASE)) return true;
	console.log(`n8n-nodes-base is not installed in the e2e n8n install: run \`npm run test:e2e\` (or \`npm run dev\`) once to install n8n, then rerun.`);
	return false;
}

/** The sender number and buyer the sending benchmarks use (the sandbox's Brazil business). */
export const SEND_PHONE = PHONE_BR;
export const SEND_BUYER = BUYER_BR;

/** The action node's parameters for one `order_status` per item (`$json.ref`), with the given Options. */
export function sendStatusParameters(options: IDataObject): IDataObject {
	return status({
		referenceId: '={{ $json.ref }}',
		status: 'processing',
		paymentStatus: '',
		bodyText: 'Your order is being prepared',
		statusFields: {},
		options,
	}) as IDataObject;
}
