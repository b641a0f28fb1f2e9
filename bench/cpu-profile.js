'use strict';
/**
 * Where n8n's CPU time went during a load phase: reads the V8 CPU profile n8n wrote under --cpu-prof
 * (`BENCH_E2E_PROFILE=trigger|webhook npm run bench:e2e`) and prints self time by package and the
 * functions that cost most, as shares of the busy (non-idle) time.
 */
const fs = require('fs');
const path = require('path');

/** The package a script belongs to: the last node_modules/<name> in its path, or node's own code. */
function packageOf(url) {
	if (!url) return '(native / V8)';
	if (url.startsWith('node:')) return 'Node.js core';
	const parts = url.replace(/^file:\/\//, '').split('/node_modules/');
	if (parts.length < 2) return '(other)';
	const rest = parts[parts.length - 1].split('/');
	return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

/** Parts of n8n's work per delivery, told apart by the script a stack frame runs in. */
const CATEGORIES = [
	['this package (the trigger node and what it calls)', (url) => /node_modules\/n8n-nodes-whatsapp-payments\/dist\//.test(url)],
	["n8n's expression engine (isolates: create, initialise, evaluate, dispose)", (url) => /@n8n\/expression-runtime\//.test(url)],
	['database (TypeORM, SQLite, PostgreSQL)', (url) => /node_modules\/(@n8n\/typeorm|sqlite3|pg|pg-protocol)\//.test(url)],
	["n8n's webhook handling (live-webhooks, webhook-helpers)", (url) => /\/webhooks\/(live-webhooks|webhook-helpers)\.js$/.test(url)],
	['HTTP Request node (the sink call)', (url) => /HttpRequest/.test(url)],
];

function summarise(dir, label, top = 18) {
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
	if (files.length === 0) {
		console.log(`no CPU profile in ${dir}`);
		return;
	}
	// n8n's own process wrote the largest profile (task runners write small ones).
	const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i] || 0));
	}
	const byPackage = new Map();
	const byFunction = new Map();
	let busy = 0;
	for (const [id, us] of self) {
		const { callFrame } = byId.get(id);
		if (callFrame.functionName === '(idle)') continue;
		busy += us;
		const pkg = ['(garbage collector)', '(program)'].includes(callFrame.functionName) ? callFrame.functionName : packageOf(callFrame.url);
		byPackage.set(pkg, (byPackage.get(pkg) || 0) + us);
		const fn = `${callFrame.functionName || '(anonymous)'} ${pkg}${callFrame.url ? `:${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : ''}`;
		byFunction.set(fn, (byFunction.get(fn) || 0) + us);
	}
	const share = (us) => `${((100 * us) / busy).toFixed(1)}%`;
	// Inclusive time: a sample counts for a category when any frame of its stack belongs to it. Work that
	// continues after an await starts a new stack, so a category covers its own frames and what they call
	// synchronously.
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
	const inclusive = new Map(CATEGORIES.map(([name]) => [name, 0]));
	for (const [id, us] of self) {
		if (byId.get(id).callFrame.functionName === '(idle)') continue;
		const hit = new Set();
		for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
			const { url, functionName } = byId.get(cur).callFrame;
			for (const [name, test] of CATEGORIES) if (test(url || '', functionName)) hit.add(name);
		}
		for (const name of hit) inclusive.set(name, inclusive.get(name) + us);
	}
	console.log(`\n## CPU profile of n8n during the ${label} load (${path.basename(file)}: ${(busy / 1e6).toFixed(1)} s busy)\n`);
	console.log('| package (self time) | share of busy time |');
	console.log('|---|---|');
	for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${pkg} | ${share(us)} |`);
	console.log('\n| where (inclusive: the frames and what they call) | share of busy time |');
	console.log('|---|---|');
	for (const [name, us] of inclusive) console.log(`| ${name} | ${share(us)} |`);
	console.log('\n| function (self time) | share |');
	console.log('|---|---|');
	for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${fn} | ${share(us)} |`);
}

module.exports = { summarise };

if (require.main === module) summarise(process.argv[2], process.argv[3] || 'load');
