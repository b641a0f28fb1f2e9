'use strict';
/** Child processes with progress: long commands print a heartbeat so nobody wonders whether they hang. */
const { spawn } = require('child_process');
const os = require('os');

const { elapsed, log } = require('./env');

function run(command, args, options = {}) {
	const { cwd, env, quiet = true, heartbeat = 20000, label = `${command} ${args.join(' ')}`, niceness = 0 } = options;
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawn(command, args, { cwd, env: env || process.env, stdio: ['ignore', 'pipe', 'pipe'] });
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

module.exports = { run };
