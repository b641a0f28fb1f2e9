/* eslint-disable no-console */
import { benchCheckout } from './checkout';
import { benchFootprint } from './footprint';
import { benchFaults, benchSend } from './send';
import { benchTiers } from './tiers';
import { benchTrigger } from './trigger';
import { machine } from './common';

async function main(): Promise<void> {
	console.log(`# npm run bench (${new Date().toISOString()})\nMachine: ${machine()}`);
	await benchTrigger();
	await benchSend();
	await benchTiers();
	await benchFaults();
	await benchCheckout();
	await benchFootprint();
}

void main();
