'use strict';
/**
 * The n8n versions the end-to-end suite runs against. Each has its own folder under e2e/n8n/<version>
 * with a package.json (n8n, and the Node it runs on from the npm registry) and a lockfile, installed
 * there on first use. `--n8n=<version>` or WAPAY_N8N_VERSION picks one; the default is the first.
 */
const fs = require('fs');
const path = require('path');

const VERSIONS_DIR = path.join(__dirname, '..', 'n8n');

/** Tested versions, in matrix order: the default first, then the newest 2.x that installs, then 1.x. */
const MATRIX = ['2.40.7', '2.41.1', '1.123.81'];
const DEFAULT_VERSION = MATRIX[0];

function available() {
	return fs.readdirSync(VERSIONS_DIR).filter((v) => fs.existsSync(path.join(VERSIONS_DIR, v, 'package.json')));
}

/** The version asked for on the command line (`--n8n=1.123.81`) or in WAPAY_N8N_VERSION. */
function selectedVersion(argv = process.argv) {
	const flag = argv.find((a) => a.startsWith('--n8n='));
	const version = flag ? flag.slice('--n8n='.length) : process.env.WAPAY_N8N_VERSION || DEFAULT_VERSION;
	if (!available().includes(version)) {
		throw new Error(`n8n ${version} is not set up for the end-to-end suite; choose one of ${available().join(', ')} (folders in e2e/n8n/)`);
	}
	return version;
}

function versionDir(version) {
	return path.join(VERSIONS_DIR, version);
}

function major(version) {
	return Number(version.split('.')[0]);
}

module.exports = { MATRIX, DEFAULT_VERSION, available, selectedVersion, versionDir, major };
