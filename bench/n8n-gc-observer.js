'use strict';
/**
 * Preloaded into n8n's processes by `BENCH_E2E_SEND_GC=1 npm run bench:e2e:send` (NODE_OPTIONS=--require; n8n's
 * bundled Node refuses --trace-gc there). Appends to `${WAPAY_GC_LOG}.${pid}`, one JSON object a line, on n8n's main
 * thread only:
 *  - {"gc": ms, "kind": n, "at": ms since epoch} for each garbage collection of 10 ms or more (kind 1 is a
 *    young-generation scavenge, 4 a full mark-sweep; Node's perf_hooks constants);
 *  - {"stall": ms, "at": ...} when the event loop ran no timer for 100 ms or more (what a paced sender loses);
 *  - {"old": MB, "at": ...} the old generation's used size, every 250 ms.
 * The bench reads the lines of each run's time span and prints what n8n's collector did in it.
 */
if (require('worker_threads').isMainThread && process.env.WAPAY_GC_LOG) {
	const fs = require('fs');
	const v8 = require('v8');
	const { PerformanceObserver, performance } = require('perf_hooks');
	const file = `${process.env.WAPAY_GC_LOG}.${process.pid}`;
	const lines = [];
	const flush = () => {
		if (lines.length) fs.appendFileSync(file, lines.splice(0).join('\n') + '\n');
	};
	new PerformanceObserver((list) => {
		for (const e of list.getEntries())
			if (e.duration >= 10)
				lines.push(JSON.stringify({ gc: Math.round(e.duration), kind: e.detail ? e.detail.kind : e.kind, at: Math.round(performance.timeOrigin + e.startTime) }));
	}).observe({ entryTypes: ['gc'] });
	const TICK = 20;
	let last = Date.now();
	setInterval(() => {
		const now = Date.now();
		if (now - last - TICK >= 100) lines.push(JSON.stringify({ stall: now - last - TICK, at: last }));
		last = now;
	}, TICK).unref();
	setInterval(() => {
		const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
		if (old) lines.push(JSON.stringify({ old: Math.round(old.space_used_size / 2 ** 20), at: Date.now() }));
	}, 250).unref();
	setInterval(flush, 1000).unref();
	process.on('exit', flush);
}
