'use strict';
/** Paths, ports and progress output shared by `npm run dev` and `npm run test:e2e`. */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const E2E = path.join(ROOT, 'e2e');
/** Homes, packed tarball, logs; WAPAY_RUNTIME_DIR puts them elsewhere (the harness's own tests do). */
const RUNTIME = process.env.WAPAY_RUNTIME_DIR ? path.resolve(process.env.WAPAY_RUNTIME_DIR) : path.join(E2E, '.runtime');
const ARTIFACTS = path.join(E2E, 'artifacts');

function port(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Ports away from n8n's defaults (5678 editor, 5679 task broker) so a user's own n8n keeps running. */
const PORTS = {
	n8n: port('WAPAY_N8N_PORT', 5688),
	broker: port('WAPAY_N8N_BROKER_PORT', 5689),
	sandbox: port('WAPAY_SANDBOX_PORT', 4010),
};
/** The install suite's local npm registry: beside the sandbox unless set (4011 by default). */
PORTS.registry = port('WAPAY_REGISTRY_PORT', PORTS.sandbox + 1);

const OWNER = {
	email: process.env.WAPAY_N8N_EMAIL || 'demo@example.com',
	password: process.env.WAPAY_N8N_PASSWORD || 'Demo-pass-1234',
	firstName: 'Demo',
	lastName: 'Owner',
};

const started = Date.now();
function elapsed(since = started) {
	const s = (Date.now() - since) / 1000;
	if (s < 60) return `${s.toFixed(1)}s`;
	const whole = Math.round(s);
	return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

function log(message) {
	process.stdout.write(`[wapay ${elapsed()}] ${message}\n`);
}

/** Runs a long step, printing what it is doing and how long it took. */
async function step(title, fn) {
	const t0 = Date.now();
	log(`${title}...`);
	const result = await fn();
	log(`${title}: done in ${elapsed(t0)}`);
	return result;
}

function ensureDir(dir) {
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

module.exports = { ROOT, E2E, RUNTIME, ARTIFACTS, PORTS, OWNER, log, step, elapsed, ensureDir };
