/** The order operations (Send Details, Send Status, Lookup Payment, Refund) through n8n-core against the sandbox. */
import seed from '../fixtures/seed-000-order-details.json';
import type { Sandbox } from '../../sandbox/server';
import { actionWorkflow, runWorkflow } from '../helpers/n8n';
import type { P } from '../helpers/orderParameters';
import { BUYER_BR, byName, details, indiaDetails, phone, status } from '../helpers/orderParameters';
import { upiLink } from '../helpers/payloads';
import { credentialsFor, PHONE_IN, sandboxFor, TOKEN } from '../helpers/sandbox';

describe('Order operations through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await sandboxFor();
	});
	afterEach(async () => {
		await sandbox.stop();
	});
	const run = (params: P, opts?: Parameters<typeof actionWorkflow>[1]) =>
		runWorkflow(actionWorkflow(params as never, opts), credentialsFor(sandbox));

	test('Brazil One-Click from the form: the interactive object sent is the seed example, and the sandbox accepts it', async () => {
		const result = await run(
			details({
				referenceId: 'order-1234.1',
				brPaymentSettings: { oneClick: { lastFourDigits: '5235', credentialId: '1234567' } },
				items: { item: [{ name: 'Cake', retailerId: '1234567', amount: '500', quantity: 1 }] },
				orderFields: { tax: '0', taxDescription: 'optional text' },
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments');
		const expected = JSON.parse(JSON.stringify(seed.interactive));
		expected.action.parameters.reference_id = 'order-1234.1';
		expect((out.payload as P).interactive).toEqual(expected);
		expect(out.payload).toMatchObject({
			messaging_product: 'whatsapp',
			to: BUYER_BR,
			type: 'interactive',
		});
		expect(out.message_id).toMatch(/^wamid\./);
		expect(out.reference_id).toBe('order-1234.1');
		expect(out.wa_id).toBe(BUYER_BR);
		const order = sandbox.getOrder('order-1234.1');
		expect(order.total).toBe(50000);
		expect(order.settings).toEqual(['offsite_card_pay']);
	});

	test('a total off by one cent is refused before any request leaves', async () => {
		const before = sandbox.requestLog.length;
		const result = await run(
			details({
				referenceId: 'order-1234.2',
				brPaymentSettings: { oneClick: { lastFourDigits: '5235', credentialId: '1234567' } },
				items: { item: [{ name: 'Cake', retailerId: '1234567', amount: '500', quantity: 1 }] },
				orderFields: { tax: '0', total: '500.01' },
			}),
		);
		expect(result.error?.message).toBe(
			'Invalid parameters.total_amount: must equal subtotal + tax + shipping - discount: expected 500.00 (value 50000), got 500.01 (value 50001). Nothing was sent to Meta: correct parameters.total_amount and try again.',
		);
		expect((result.error as { description?: string }).description).toMatch(
			/Nothing was sent to Meta/,
		);
		expect(sandbox.requestLog.length).toBe(before);
		expect(sandbox.orders.size).toBe(0);
	});

	test('Brazil Pix + boleto + payment link, itemised with shipping and discount', async () => {
		const result = await run(
			details({
				referenceId: 'pix-1',
				goodsType: 'physical-goods',
				brPaymentSettings: {
					pix: {
						code: '00020126580014br.gov.bcb.pix',
						merchantName: 'Loja X',
						key: '39580525000189',
						keyType: 'CNPJ',
					},
					boleto: { digitableLine: '34191.79001 01043.510047 91020.150008 1 96610000010000' },
					paymentLink: { uri: 'https://pay.example.com/o/pix-1' },
				},
				items: {
					item: [
						{ name: 'Shirt', retailerId: 'S1', amount: '59.90', saleAmount: '49.90', quantity: 2 },
						{ name: 'Cap', retailerId: 'C1', amount: '19.99', quantity: 3 },
					],
				},
				orderFields: {
					tax: '0',
					shipping: '15',
					shippingDescription: 'PAC',
					discount: '10',
					discountDescription: 'Cupom',
				},
				messageOptions: { footer: 'Obrigado!', headerImageUrl: 'https://img.example/banner.png' },
			}),
		);
		expect(result.error).toBeUndefined();
		const params = (
			(result.output('WhatsApp Payments')[0].payload as P).interactive as P & {
				action: { parameters: P };
			}
		).action.parameters;
		expect((params.payment_settings as P[]).map((s) => s.type)).toEqual([
			'pix_dynamic_code',
			'payment_link',
			'boleto',
		]);
		expect(params.total_amount).toEqual({ value: 9980 + 5997 + 1500 - 1000, offset: 100 });
		expect(sandbox.getOrder('pix-1').total).toBe(16477);
	});

	test('Brazil simplified message (total only)', async () => {
		const result = await run(
			details({
				referenceId: 'simple-1',
				itemised: false,
				simplifiedTotal: '50.00',
				brPaymentSettings: { pix: { code: 'c', merchantName: 'm', key: 'k', keyType: 'EVP' } },
			}),
		);
		expect(result.error).toBeUndefined();
		const params = (
			(result.output('WhatsApp Payments')[0].payload as P).interactive as P & {
				action: { parameters: P };
			}
		).action.parameters;
		expect(params.order).toBeUndefined();
		expect(params.total_amount).toEqual({ value: 5000, offset: 100 });
	});

	test('India payment gateway with pass-through fields, preferred app and enabled options', async () => {
		await run({
			resource: 'paymentConfiguration',
			operation: 'create',
			configurationName: 'rzp-prod',
			providerName: 'razorpay',
		});
		const result = await run(
			indiaDetails({
				referenceId: 'INV-1',
				inPaymentSettings: {
					paymentGateway: {
						gateway: 'razorpay',
						configurationName: 'rzp-prod',
						passThrough: '{"receipt":"r-1","notes":{"order":"1"}}',
						preferredApp: 'phonepe',
						enabledOptions: ['upi'],
					},
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const params = (
			(result.output('WhatsApp Payments')[0].payload as P).interactive as P & {
				action: { parameters: P };
			}
		).action.parameters;
		expect(params.payment_settings).toEqual([
			{
				type: 'payment_gateway',
				payment_gateway: {
					type: 'razorpay',
					configuration_name: 'rzp-prod',
					razorpay: { receipt: 'r-1', notes: { order: '1' } },
					preferred_payment_methods: [{ method: 'phonepe' }],
					enabled_payment_options: ['upi'],
				},
			},
		]);
		expect(params.currency).toBe('INR');
		expect(params.total_amount).toEqual({ value: 299900, offset: 100 });
	});

	test('India UPI intent link and payment link (payment_type upi added for links)', async () => {
		const upi = await run(
			indiaDetails({
				referenceId: 'UPI-1',
				inPaymentSettings: { upiIntentLink: { link: upiLink('UPI-1') } },
			}),
		);
		expect(upi.error).toBeUndefined();
		const link = await run(
			indiaDetails({
				referenceId: 'LINK-1',
				inPaymentSettings: {
					paymentLink: {
						uri: 'https://rzp.io/i/abc',
						successUrl: 'https://shop.example/ok',
						cancelUrl: 'https://shop.example/cancel',
					},
				},
			}),
		);
		expect(link.error).toBeUndefined();
		const params = (
			(link.output('WhatsApp Payments')[0].payload as P).interactive as P & {
				action: { parameters: P };
			}
		).action.parameters;
		expect(params.payment_type).toBe('upi');
		expect(sandbox.getOrder('LINK-1').settings).toEqual(['payment_link']);
	});

	test('India physical goods need beneficiaries; importer details when no catalog', async () => {
		const missing = await run(
			indiaDetails({
				referenceId: 'PHYS-0',
				goodsType: 'physical-goods',
				inPaymentSettings: { upiIntentLink: { link: upiLink() } },
			}),
		);
		expect(missing.error?.message).toMatch(
			/parameters\.beneficiaries: must have at least 1 entry|beneficiaries/,
		);
		const ok = await run(
			indiaDetails({
				referenceId: 'PHYS-1',
				goodsType: 'physical-goods',
				inPaymentSettings: { upiIntentLink: { link: upiLink() } },
				beneficiaries: {
					beneficiary: [
						{
							name: 'Asha',
							address_line1: '1 MG Road',
							city: 'Bengaluru',
							state: 'KA',
							postal_code: '560001',
						},
					],
				},
				items: {
					item: [
						{
							name: 'Kurta',
							amount: '999',
							quantity: 1,
							countryOfOrigin: 'India',
							importerName: 'Imp Ltd',
							importerAddress:
								'{"address_line1":"2 MG Road","city":"Bengaluru","zone_code":"KA","postal_code":"560001","country_code":"IN"}',
						},
					],
				},
				orderFields: { tax: '0' },
			}),
		);
		expect(ok.error).toBeUndefined();
		expect(sandbox.getOrder('PHYS-1').total).toBe(99900);
	});

	/** The item fields an order sent over the wire carries, as the sandbox received them. */
	const sentItems = (reference: string) =>
		((sandbox.getOrder(reference).details as P).action as P & { parameters: P }).parameters
			.order as { items: P[]; type?: string };
	const IMPORTER = {
		address_line1: '2 MG Road',
		city: 'Bengaluru',
		zone_code: 'KA',
		postal_code: '560001',
		country_code: 'IN',
	};
	const indiaItemFields = {
		imageUrl: 'https://shop.example/kurta.png',
		countryOfOrigin: 'India',
		importerName: 'Imp Ltd',
		importerAddress: JSON.stringify(IMPORTER),
	};

	test('a Brazil order does not send the India-only item fields a saved workflow still holds (nor Quick Pay)', async () => {
		// As after switching a filled India form to Brazil: the values stay in the saved parameters.
		const result = await run(
			details({
				referenceId: 'br-india-fields',
				brPaymentSettings: { boleto: { digitableLine: '123' } },
				items: {
					item: [
						{ name: 'Bolo', retailerId: 'bolo-1', amount: '10', quantity: 1, ...indiaItemFields },
					],
				},
				orderFields: { tax: '0', quickPay: true },
			}),
		);
		expect(result.error).toBeUndefined();
		const order = sentItems('br-india-fields');
		expect(order.items).toEqual([
			{
				retailer_id: 'bolo-1',
				name: 'Bolo',
				amount: { value: 1000, offset: 100 },
				quantity: 1,
			},
		]);
		expect(order.type).toBeUndefined();
	});

	test('an India order sends the India-only item fields; their defaults ({} for the importer address) send nothing', async () => {
		const withFields = await run(
			indiaDetails({
				referenceId: 'in-fields-1',
				inPaymentSettings: { upiIntentLink: { link: upiLink('in-fields-1') } },
				items: {
					item: [{ name: 'Kurta', amount: '999', quantity: 1, ...indiaItemFields }],
				},
				orderFields: { tax: '0', quickPay: true },
			}),
		);
		expect(withFields.error).toBeUndefined();
		const sent = sentItems('in-fields-1');
		expect(sent.items[0]).toMatchObject({
			image: { link: 'https://shop.example/kurta.png' },
			country_of_origin: 'India',
			importer_name: 'Imp Ltd',
			importer_address: IMPORTER,
		});
		expect(sent.type).toBe('quick_pay');

		// The field's default text `{}` (what the editor shows for an untouched field) is "not set".
		const defaults = await run(
			indiaDetails({
				referenceId: 'in-fields-2',
				inPaymentSettings: { upiIntentLink: { link: upiLink('in-fields-2') } },
				items: {
					item: [
						{
							name: 'Course fee',
							retailerId: 'SKU-1',
							amount: '1499.50',
							quantity: 2,
							importerAddress: '{}',
						},
					],
				},
			}),
		);
		expect(defaults.error).toBeUndefined();
		expect(sentItems('in-fields-2').items[0]).not.toHaveProperty('importer_address');
	});

	test('Order JSON left at its default {} is refused as missing before any request leaves', async () => {
		const before = sandbox.requestLog.length;
		for (const inputMode of ['json', 'jsonOrder']) {
			const result = await run(details({ referenceId: 'empty-json', inputMode, orderJson: '{}' }));
			expect(result.error?.message).toMatch(
				/^Invalid Order JSON: is required\. Nothing was sent to Meta/,
			);
		}
		expect(sandbox.requestLog.length).toBe(before);
	});

	test('Order JSON mode: whole parameters from an upstream item go through the same validation', async () => {
		const parameters = JSON.parse(JSON.stringify(seed.interactive.action.parameters));
		parameters.reference_id = 'json-1';
		const ok = await run(details({ inputMode: 'json', orderJson: '={{ $json.parameters }}' }), {
			items: [{ parameters }],
		});
		expect(ok.error).toBeUndefined();
		expect(sandbox.getOrder('json-1').total).toBe(50000);

		const bad = JSON.parse(JSON.stringify(parameters));
		bad.reference_id = 'json-2';
		bad.order.items[0].quantity = 2;
		const before = sandbox.requestLog.length;
		const refused = await run(
			details({ inputMode: 'json', orderJson: '={{ $json.parameters }}' }),
			{ items: [{ parameters: bad }] },
		);
		expect(refused.error?.message).toMatch(
			/parameters\.order\.subtotal: must equal the sum of item \(sale\) amount x quantity: expected 1000\.00/,
		);
		expect(sandbox.requestLog.length).toBe(before);
	});

	test('Order JSON mode (order only): reference, goods type and payment options from the form; total computed', async () => {
		const order = {
			status: 'pending',
			items: [{ retailer_id: 'A', name: 'A', amount: { value: 1250, offset: 100 }, quantity: 4 }],
			subtotal: { value: 5000, offset: 100 },
			tax: { value: 500, offset: 100 },
		};
		const result = await run(
			details({
				inputMode: 'jsonOrder',
				orderJson: '={{ $json.order }}',
				referenceId: '={{ "shop-" + $json.id }}',
				brPaymentSettings: { boleto: { digitableLine: '123' } },
			}),
			{ items: [{ id: 77, order }] },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.getOrder('shop-77').total).toBe(5500);
	});

	test('Send Status: processing, then completed with payment captured; a status after completed is refused with 2046 explained', async () => {
		await run(
			details({
				referenceId: 'flow-1',
				brPaymentSettings: { oneClick: { lastFourDigits: '4242', credentialId: 'cred-1' } },
				items: { item: [{ name: 'Cake', retailerId: 'c', amount: '10', quantity: 1 }] },
			}),
		);
		const processing = await run(
			status({ referenceId: 'flow-1', status: 'processing', paymentStatus: '' }),
		);
		expect(processing.error).toBeUndefined();
		const done = await run(
			status({
				referenceId: 'flow-1',
				status: 'completed',
				paymentStatus: 'captured',
				statusFields: { paymentTimestamp: '2026-11-21T10:00:00Z', description: 'Paid, thanks' },
			}),
		);
		expect(done.error).toBeUndefined();
		expect(
			(
				(done.output('WhatsApp Payments')[0].payload as P).interactive as P & {
					action: { parameters: P };
				}
			).action.parameters,
		).toEqual({
			reference_id: 'flow-1',
			order: { status: 'completed', description: 'Paid, thanks' },
			payment: { status: 'captured', timestamp: Date.parse('2026-11-21T10:00:00Z') / 1000 },
		});
		const order = sandbox.getOrder('flow-1');
		expect([order.status, order.payment]).toEqual(['completed', 'captured']);
		const late = await run(status({ referenceId: 'flow-1', status: 'shipped', paymentStatus: '' }));
		expect(late.error?.message).toMatch(/Invalid order status transition \(#2046\)/);
		expect((late.error as { description?: string }).description).toMatch(
			/completed and canceled are final/,
		);
	});

	test('Already Done Counts as Sent: a run repeated after completion gives already_done items for #2046, other refusals stay errors', async () => {
		await run(
			details({
				referenceId: 'repeat-1',
				brPaymentSettings: { oneClick: { lastFourDigits: '4242', credentialId: 'cred-1' } },
				items: { item: [{ name: 'Cake', retailerId: 'c', amount: '10', quantity: 1 }] },
			}),
		);
		const sendRun = async () => [
			await run(status({ referenceId: 'repeat-1', status: 'processing', alreadyDone: true })),
			await run(
				status({
					referenceId: 'repeat-1',
					status: 'completed',
					paymentStatus: 'captured',
					alreadyDone: true,
				}),
			),
		];
		const firstRun = await sendRun();
		expect(firstRun.map((r) => r.error)).toEqual([undefined, undefined]);
		expect(firstRun.map((r) => r.output('WhatsApp Payments')[0].already_done)).toEqual([
			undefined,
			undefined,
		]);
		const sentBefore = sandbox.requestLog.length;
		// The same run again (a redelivery after a crash): "processing" after "completed" is refused with
		// #2046 and becomes an already_done item; "completed" again is accepted (the sandbox, like Meta as far
		// as observed, lets an order repeat its current status).
		const secondRun = await sendRun();
		expect(secondRun.map((r) => r.error)).toEqual([undefined, undefined]);
		const [repeatedProcessing, repeatedCompleted] = secondRun.map(
			(r) => r.output('WhatsApp Payments')[0],
		);
		expect(repeatedProcessing).toMatchObject({
			reference_id: 'repeat-1',
			message_id: null,
			already_done: true,
			refused_with: 2046,
		});
		expect(repeatedCompleted.message_id).toMatch(/^wamid\./);
		expect(sandbox.requestLog.length).toBe(sentBefore + 2);
		const order = sandbox.getOrder('repeat-1');
		expect([order.status, order.payment]).toEqual(['completed', 'captured']);
		// Off (the default), the same refusal is an error; on, another refusal (2047) still is.
		const off = await run(status({ referenceId: 'repeat-1', status: 'processing' }));
		expect(off.error?.message).toMatch(/#2046/);
		await run(
			details({
				referenceId: 'repeat-2',
				brPaymentSettings: { oneClick: { lastFourDigits: '4242', credentialId: 'cred-1' } },
				items: { item: [{ name: 'Cake', retailerId: 'c', amount: '10', quantity: 1 }] },
			}),
		);
		await run(status({ referenceId: 'repeat-2', status: '', paymentStatus: 'captured' }));
		const cancel = await run(
			status({ referenceId: 'repeat-2', status: 'canceled', alreadyDone: true }),
		);
		expect(cancel.error?.message).toMatch(/#2047/);
	});

	test('Send Status simplified (payment only) and canceling a paid order (2047)', async () => {
		await run(
			details({
				referenceId: 'flow-2',
				brPaymentSettings: { pix: { code: 'c', merchantName: 'm', key: 'k', keyType: 'EVP' } },
				items: { item: [{ name: 'X', retailerId: 'x', amount: '5', quantity: 1 }] },
			}),
		);
		const paid = await run(
			status({ referenceId: 'flow-2', status: '', paymentStatus: 'captured' }),
		);
		expect(paid.error).toBeUndefined();
		expect(sandbox.getOrder('flow-2').payment).toBe('captured');
		const cancel = await run(
			status({ referenceId: 'flow-2', status: 'canceled', paymentStatus: '' }),
		);
		expect(cancel.error?.message).toMatch(/#2047/);
	});

	test('India lookup and refund (full after capture, then partial is refused as exceeding)', async () => {
		await run({
			resource: 'paymentConfiguration',
			operation: 'create',
			configurationName: 'rzp',
			providerName: 'razorpay',
		});
		await run(
			indiaDetails({
				referenceId: 'PAY-1',
				inPaymentSettings: { paymentGateway: { gateway: 'razorpay', configurationName: 'rzp' } },
			}),
		);
		const lookup = {
			resource: 'order',
			operation: 'lookupPayment',
			phoneNumberId: phone(PHONE_IN),
			configurationName: byName('rzp'),
			referenceId: 'PAY-1',
		};
		const pending = await run(lookup);
		expect(pending.output('WhatsApp Payments')[0]).toMatchObject({
			reference_id: 'PAY-1',
			status: 'pending',
			captured: false,
			amount_decimal: 2999,
		});

		sandbox.buyerIndiaPayment('PAY-1', 'captured');
		await sandbox.idle();
		const captured = await run(lookup);
		expect(captured.output('WhatsApp Payments')[0]).toMatchObject({
			status: 'captured',
			captured: true,
		});

		const partial = await run({
			resource: 'order',
			operation: 'refund',
			phoneNumberId: phone(PHONE_IN),
			configurationName: byName('rzp'),
			referenceId: 'PAY-1',
			refundType: 'partial',
			amount: '100.50',
			speed: 'instant',
		});
		expect(partial.error).toBeUndefined();
		expect(partial.output('WhatsApp Payments')[0]).toMatchObject({
			status: 'completed',
			speed_processed: 'instant',
			request: {
				amount: { currency: 'INR', value: '10050', offset: '100' },
				payment_config_id: 'rzp',
			},
		});
		const full = await run({
			resource: 'order',
			operation: 'refund',
			phoneNumberId: phone(PHONE_IN),
			configurationName: byName('rzp'),
			referenceId: 'PAY-1',
			refundType: 'full',
			speed: 'normal',
		});
		expect(full.error?.message).toMatch(/#131009/);
		expect((full.error as { description?: string }).description).toMatch(
			/exceed the captured amount/,
		);
	});

	test('a full refund without a captured payment is refused before the refund call', async () => {
		await run({
			resource: 'paymentConfiguration',
			operation: 'create',
			configurationName: 'rzp',
			providerName: 'razorpay',
		});
		await run(
			indiaDetails({
				referenceId: 'PAY-2',
				inPaymentSettings: { paymentGateway: { gateway: 'razorpay', configurationName: 'rzp' } },
			}),
		);
		const result = await run({
			resource: 'order',
			operation: 'refund',
			phoneNumberId: phone(PHONE_IN),
			configurationName: byName('rzp'),
			referenceId: 'PAY-2',
			refundType: 'full',
			speed: 'normal',
		});
		expect(result.error?.message).toMatch(/No captured payment found for reference ID "PAY-2"/);
		expect(sandbox.requestLog.some((r) => r.path.endsWith('/payments_refund'))).toBe(false);
	});

	test('134011 on send surfaces the terms link; 131008-style sandbox details name the field', async () => {
		sandbox.termsPending.add(sandbox.options.wabaId);
		const result = await run(
			details({
				referenceId: 'tos-1',
				brPaymentSettings: { boleto: { digitableLine: '1' } },
				items: { item: [{ name: 'X', retailerId: 'x', amount: '5', quantity: 1 }] },
			}),
		);
		expect(result.error?.message).toMatch(/#134011/);
		expect((result.error as { description?: string }).description).toContain(
			'https://fb.me/sandbox-payments-terms',
		);
		expect(JSON.stringify(result.error)).not.toContain(TOKEN);
	});

	test('phone number given as a phone number instead of its ID is refused clearly', async () => {
		// Typed literally, n8n's locator check refuses it in the editor; through an expression it reaches the node.
		const result = await run(
			details({
				phoneNumberId: phone('={{ "+55 11 4000-0001" }}'),
				referenceId: 'x',
				brPaymentSettings: { boleto: { digitableLine: '1' } },
				items: { item: [{ name: 'X', retailerId: 'x', amount: '5', quantity: 1 }] },
			}),
		);
		expect(result.error?.message).toMatch(/phone_number_id: must be the numeric phone number ID/);
	});

	test('continueOnFail: a bad item becomes an error item and the next item is sent', async () => {
		const result = await run(
			details({
				referenceId: '={{ $json.ref }}',
				brPaymentSettings: { boleto: { digitableLine: '1' } },
				items: {
					item: [{ name: 'X', retailerId: 'x', amount: '={{ $json.amount }}', quantity: 1 }],
				},
			}),
			{
				items: [
					{ ref: 'ok-1', amount: '12.345' },
					{ ref: 'ok-2', amount: '12.34' },
				],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items[0].json.error).toMatch(
			/order\.items\[0\]\.amount: must have at most two decimal places/,
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.reference_id).toBe('ok-2');
		expect(sandbox.orders.size).toBe(1);
	});
});
