import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import type { Sandbox } from '../../sandbox/server';
import { ACTION_TYPE, additionalData, buildWorkflow } from '../helpers/n8n';
import { credentialsFor, sandboxFor, WABA_ID } from '../helpers/sandbox';

/** listSearch and loadOptions methods through n8n-core's LoadOptionsContext, against the sandbox. */
describe('lists in the editor (phone numbers, payment configurations)', () => {
	let sandbox: Sandbox;
	const node = new WhatsAppPayments();
	const nodeJson: INode = {
		id: 'n1',
		name: 'WhatsApp Payments',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'order', operation: 'sendDetails' },
		credentials: { whatsAppPaymentsApi: { id: '1', name: 'WhatsApp Payments account' } },
	};
	const context = () =>
		new LoadOptionsContext(
			buildWorkflow({ nodes: [nodeJson], connections: {} }),
			nodeJson,
			additionalData(credentialsFor(sandbox)),
			'parameters.phoneNumberId',
		);

	beforeAll(async () => {
		sandbox = await sandboxFor();
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	test('phone numbers from GET /{waba}/phone_numbers show the display number and verified name, filterable', async () => {
		const all = await node.methods.listSearch.searchPhoneNumbers.call(context());
		expect(all.results).toEqual([
			{ name: '+55 11 4000-0001 (Loja Sandbox BR)', value: '200000000000001' },
			{ name: '+91 80 4000 0002 (Sandbox Store IN)', value: '200000000000002' },
		]);
		const filtered = await node.methods.listSearch.searchPhoneNumbers.call(context(), 'store');
		expect(filtered.results.map((r) => r.value)).toEqual(['200000000000002']);
		expect(sandbox.requestLog.some((r) => r.path === `/v25.0/${WABA_ID}/phone_numbers`)).toBe(true);
	});

	test('payment configurations for the locator and the gateway option list', async () => {
		const empty = await node.methods.listSearch.searchPaymentConfigurations.call(context());
		expect(empty.results).toEqual([]);
		await fetch(`${sandbox.url}/v25.0/${WABA_ID}/payment_configuration`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${credentialsFor(sandbox).accessToken}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ configuration_name: 'rzp-prod', provider_name: 'razorpay' }),
		});
		const found = await node.methods.listSearch.searchPaymentConfigurations.call(context());
		expect(found.results).toEqual([
			{ name: 'rzp-prod (razorpay, Needs Connecting)', value: 'rzp-prod' },
		]);
		const options = await node.methods.loadOptions.getPaymentConfigurations.call(context());
		expect(options).toEqual([{ name: 'rzp-prod (razorpay, Needs Connecting)', value: 'rzp-prod' }]);
	});
});
