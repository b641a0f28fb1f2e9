/* eslint-disable no-console */
import { benchFootprint } from './footprint';
import { benchFaults, benchSend } from './send';
import { benchTrigger } from './trigger';
import { machine } from './common';

async function main(): Promise<void> {
	console.log(`# npm run bench (${new Date().toISOString()})\nMachine: ${machine()}`);
	await benchTrigger();
	await benchSend();
	await benchFaults();
	await benchFootprint();
}

void main();
