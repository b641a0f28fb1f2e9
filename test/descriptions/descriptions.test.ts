/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * Every node's and credential's description, compared with the committed copy beside this file.
 * A move of code must leave what n8n reads unchanged: parameters, their order, defaults, display
 * rules, credentials and versions. When a change of a description is meant, rewrite the copies with
 * `UPDATE_DESCRIPTIONS=1 npx jest test/descriptions` and commit them with the change.
 */
import * as fs from 'fs';
import * as path from 'path';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';
import { WhatsAppCheckoutEndpoint } from '../../nodes/WhatsAppCheckoutEndpoint/WhatsAppCheckoutEndpoint.node';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';

const UPDATE = process.env.UPDATE_DESCRIPTIONS === '1';

/** Object keys sorted, array order kept (it is what the editor shows), functions named. */
function canonical(value: unknown): unknown {
	if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
	if (value === undefined) return '[undefined]';
	if (Array.isArray(value)) return value.map(canonical);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			out[key] = canonical((value as Record<string, unknown>)[key]);
		}
		return out;
	}
	return value;
}

function serialise(value: unknown): string {
	return JSON.stringify(canonical(value), null, '\t') + '\n';
}

/** The first lines where the two texts part, with a few lines of context. */
function readableDiff(expected: string, actual: string): string {
	const a = expected.split('\n');
	const b = actual.split('\n');
	let first = 0;
	while (first < a.length && first < b.length && a[first] === b[first]) first++;
	let endA = a.length - 1;
	let endB = b.length - 1;
	while (endA >= first && endB >= first && a[endA] === b[endB]) {
		endA--;
		endB--;
	}
	const from = Math.max(0, first - 4);
	const lines = [`first difference at line ${first + 1}:`];
	for (let i = from; i < first; i++) lines.push(`  ${a[i]}`);
	for (let i = first; i <= Math.min(endA, first + 30); i++) lines.push(`- ${a[i]}`);
	for (let i = first; i <= Math.min(endB, first + 30); i++) lines.push(`+ ${b[i]}`);
	return lines.join('\n');
}

const subjects: Array<[string, unknown]> = [
	['node.WhatsAppPayments', new WhatsAppPayments().description],
	['node.WhatsAppPaymentsTrigger', new WhatsAppPaymentsTrigger().description],
	['node.WhatsAppCheckoutEndpoint', new WhatsAppCheckoutEndpoint().description],
	// A credential class is its description: every own property n8n reads.
	['credential.WhatsAppPaymentsApi', { ...new WhatsAppPaymentsApi() }],
	['credential.WhatsAppCheckoutEndpointApi', { ...new WhatsAppCheckoutEndpointApi() }],
];

describe('node and credential descriptions', () => {
	it.each(subjects)('%s matches its committed copy', (name, description) => {
		const file = path.join(__dirname, `${name}.json`);
		const actual = serialise(description);
		if (UPDATE) {
			fs.writeFileSync(file, actual);
			return;
		}
		if (!fs.existsSync(file)) {
			throw new Error(
				`${path.relative(process.cwd(), file)} is missing: run UPDATE_DESCRIPTIONS=1 npx jest test/descriptions`,
			);
		}
		const expected = fs.readFileSync(file, 'utf8');
		if (expected !== actual) {
			throw new Error(
				`${name}'s description changed (UPDATE_DESCRIPTIONS=1 rewrites the copy when that is meant)\n` +
					readableDiff(expected, actual),
			);
		}
	});

	it('the copies are the only files of their kind here', () => {
		const names = fs
			.readdirSync(__dirname)
			.filter((f) => f.endsWith('.json'))
			.sort();
		expect(names).toEqual(subjects.map(([name]) => `${name}.json`).sort());
	});
});
