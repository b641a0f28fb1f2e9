/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
/**
 * The sandbox in a process of its own, for benchmarks where Meta's side must not share n8n's CPU (as it does
 * not in production): started with `fork`, driven by messages (start, seed, report, stop) that carry an id.
 */
import { fork } from 'child_process';
import type { ChildProcess } from 'child_process';

import { startSandbox } from '../sandbox/server';
import type { Sandbox, SandboxOptions } from '../sandbox/server';
import { seedPendingOrders } from '../sandbox/seeds';

export interface SeedRequest {
	prefix: string;
	count: number;
	phoneNumberId: string;
	waId: string;
}

export interface Report {
	/** Accepted order_status messages per reference ID, in the order asked. */
	counts: number[];
	/** When each message request was answered 200 (ms), in order. */
	acceptedAt: number[];
	throttled: number;
	peakInFlight: number;
}

type Command =
	| { id: number; cmd: 'start'; options: SandboxOptions }
	| { id: number; cmd: 'seed'; seed: SeedRequest }
	| { id: number; cmd: 'report'; refs: string[] }
	| { id: number; cmd: 'stop' };

type Ask = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

/** The parent's handle on a sandbox in a child process. */
export class RemoteSandbox {
	private seq = 0;
	private readonly waiting = new Map<number, (value: unknown) => void>();
	url = '';
	wabaId = '';

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (m: { id: number; value: unknown }) => {
			this.waiting.get(m.id)?.(m.value);
			this.waiting.delete(m.id);
		});
	}

	static async start(options: SandboxOptions): Promise<RemoteSandbox> {
		const remote = new RemoteSandbox(fork(__filename, [], { stdio: 'inherit' }));
		const started = (await remote.ask({ cmd: 'start', options })) as { url: string; wabaId: string };
		remote.url = started.url;
		remote.wabaId = started.wabaId;
		return remote;
	}

	async seed(seed: SeedRequest): Promise<string[]> {
		return (await this.ask({ cmd: 'seed', seed })) as string[];
	}

	async report(refs: string[]): Promise<Report> {
		return (await this.ask({ cmd: 'report', refs })) as Report;
	}

	async stop(): Promise<void> {
		await this.ask({ cmd: 'stop' });
		this.child.disconnect();
	}

	private async ask(command: Ask): Promise<unknown> {
		const id = ++this.seq;
		return await new Promise((resolve) => {
			this.waiting.set(id, resolve);
			this.child.send({ ...command, id });
		});
	}
}

function seed(sandbox: Sandbox, s: SeedRequest): string[] {
	return seedPendingOrders(sandbox, s.prefix, s.count, s.phoneNumberId, s.waId);
}

function report(sandbox: Sandbox, refs: string[]): Report {
	const messages = sandbox.requestLog.filter((r) => r.path.endsWith('/messages'));
	return {
		counts: refs.map((r) => sandbox.messageCounts.get(`${r}:order_status`) ?? 0),
		acceptedAt: messages.filter((r) => r.status === 200).map((r) => r.at),
		throttled: messages.filter((r) => r.status === 400).length,
		peakInFlight: sandbox.store.peakMessagesInFlight,
	};
}

if (require.main === module) {
	let sandbox: Sandbox | undefined;
	process.on('message', (c: Command) => {
		void (async () => {
			let value: unknown = null;
			if (c.cmd === 'start') {
				sandbox = await startSandbox(c.options);
				value = { url: sandbox.url, wabaId: sandbox.options.wabaId };
			} else if (c.cmd === 'seed') value = seed(sandbox!, c.seed);
			else if (c.cmd === 'report') value = report(sandbox!, c.refs);
			else if (c.cmd === 'stop') await sandbox?.stop();
			process.send!({ id: c.id, value });
		})();
	});
}
