'use strict';
/** Child processes with progress: long commands print a heartbeat so nobody wonders whether they hang. */
const { spawn } = require('child_process');
const os = require('os');

const { elapsed, log } = require('./env');

/**
 * Every child process the harness started and has not seen exit, with the signal that stops it in order.
 * Whatever is left when this process exits, however it exits short of SIGKILL, is killed: nothing the
 * harness started outlives it.
 */
const children = new Map();
process.once('exit', () => {
	for (const child of children.keys()) child.kill('SIGKILL');
});

function track(child, stopSignal = 'SIGTERM') {
	if (child.pid === undefined) return child;
	children.set(child, stopSignal);
	child.once('exit', () => children.delete(child));
	return child;
}

function exited(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms).unref());
}

/** Stops every tracked child (its own stop signal, then SIGKILL for those still running after graceMs). */
async function stopChildren(graceMs = 10000) {
	const left = [...children.entries()];
	for (const [child, signal] of left) child.kill(signal);
	await Promise.race([Promise.all(left.map(([child]) => exited(child))), sleep(graceMs)]);
	for (const child of children.keys()) child.kill('SIGKILL');
	await Promise.all([...children.keys()].map(exited));
}

/**
 * Ctrl-C, SIGTERM and SIGHUP stop everything this process started, then exit it with `exitCode`. npm passes
 * SIGINT and SIGTERM on to the script's process (the scripts `exec` node, so no `sh -c` stands between them),
 * and IDE stop buttons, `timeout`, supervisors and CI signal the npm process. `stop` shuts down in order what
 * is up (it may have nothing to do while things are starting); then every child still running is stopped.
 * A second signal kills what is left at once. Returns a function telling whether a stop is under way, so
 * that errors caused by the stop itself (a server exiting while it starts) are not reported as failures.
 */
function stopOnSignals(stop, { exitCode = 130, graceMs = 30000 } = {}) {
	let stopping = false;
	const onSignal = (signal) => {
		if (stopping) {
			log(`${signal} again: killing what is left`);
			process.exit(exitCode);
		}
		stopping = true;
		log(`${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping everything this started...`);
		const orderly = Promise.resolve()
			.then(stop)
			.catch((error) => log(`while stopping: ${error.message}`));
		Promise.race([orderly, sleep(graceMs)])
			.then(() => stopChildren())
			.finally(() => process.exit(exitCode));
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
	return () => stopping;
}

function run(command, args, options = {}) {
	const { cwd, env, quiet = true, heartbeat = 20000, label = `${command} ${args.join(' ')}`, niceness = 0 } = options;
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = track(spawn(command, args, { cwd, env: env || process.env, stdio: ['ignore', 'pipe', 'pipe'] }));
		// A lower priority (inherited by what it starts) for work done beside a running test suite.
		if (niceness && child.pid) {
			try {
				os.setPriority(child.pid, niceness);
			} catch {
				// not permitted here: runs at normal priority
			}
		}
		let output = '';
		const keep = (chunk) => {
			output += chunk.toString();
			if (output.length > 200000) output = output.slice(-100000);
			if (!quiet) process.stdout.write(chunk);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = heartbeat ? setInterval(() => log(`  ...still running: ${label} (${elapsed(t0)})`), heartbeat) : null;
		child.on('error', (error) => {
			if (timer) clearInterval(timer);
			reject(error);
		});
		child.on('close', (code) => {
			if (timer) clearInterval(timer);
			if (code === 0) resolve(output);
			else {
				const error = new Error(`${label} exited with ${code}\n${output.slice(-4000)}`);
				error.output = output;
				reject(error);
			}
		});
	});
}

module.exports = { run, track, exited, stopOnSignals };
