import seedPaymentMethod from '../fixtures/seed-000-payment-method-webhook.json';
import seedConfigUpdate from '../fixtures/seed-004-configuration-update-webhook.json';
import {
	explainGraphError,
	GRAPH_ERRORS,
	normaliseConfigurationStatus,
	parseDelivery,
	RecentKeys,
	DEFAULT_DEDUPE_CAPACITY,
	dedupeToken,
	TOKEN_LENGTH,
	signPayload,
	verifySignature,
} from '../../nodes/shared';

const entry = (changes: unknown[], id = '100000000000001') => ({ id, changes });
const delivery = (...entries: unknown[]) => ({
	object: 'whatsapp_business_account',
	entry: entries,
});
const metadata = { display_phone_number: '551140000001', phone_number_id: '200000000000001' };

describe('parseDelivery', () => {
	test('seed 000 payment_method webhook -> one flat payment_method event', () => {
		const { events } = parseDelivery(seedPaymentMethod);
		expect(events).toHaveLength(1);
		const e = events[0];
		expect(e.event).toBe('payment_method');
		expect(e.data).toMatchObject({
			event: 'payment_method',
			credential_id: '1234567',
			reference_id: 'pix_test_webhook',
			last_four_digits: '5235',
			payment_method: 'offsite_card_pay',
			payment_timestamp: 1726170122,
			payment_timestamp_iso: '2024-09-12T19:42:02.000Z',
			waba_id: '[<WHATSAPP_BUSINESS_ACCOUNT_ID>]',
			name: '[<WHATSAPP_USER_NAME>]',
		});
		expect(e.data.raw).toEqual(seedPaymentMethod.entry[0].changes[0]);
	});

	test('idempotency_key: the same for a redelivered event, different for another event or another WABA', () => {
		const key = (body: unknown) => parseDelivery(body).events[0].data.idempotency_key as string;
		const original = key(seedPaymentMethod);
		expect(original).toMatch(/^wapay_[0-9a-f]{40}$/);
		expect(key(JSON.parse(JSON.stringify(seedPaymentMethod)))).toBe(original);
		const other = JSON.parse(JSON.stringify(seedPaymentMethod));
		other.entry[0].changes[0].value.messages[0].id = 'wamid.another';
		expect(key(other)).not.toBe(original);
		const otherWaba = JSON.parse(JSON.stringify(seedPaymentMethod));
		otherWaba.entry[0].id = '100000000000009';
		expect(key(otherWaba)).not.toBe(original);
		for (const e of parseDelivery(seedConfigUpdate).events)
			expect(e.data.idempotency_key).toMatch(/^wapay_/);
	});

	test('seed 004 payment_configuration_update -> status normalised from "Needs Testing"', () => {
		const { events } = parseDelivery(seedConfigUpdate);
		expect(events).toHaveLength(1);
		expect(events[0].data).toMatchObject({
			event: 'payment_configuration_update',
			configuration_name: 'test-payment-configuration',
			provider_name: 'razorpay',
			provider_mid: 'test-provider-mid',
			status: 'Needs Testing',
			status_raw: 'Needs Testing',
			updated_timestamp: 123457678,
			waba_id: '0',
		});
	});

	test('India payment status with transaction, pass-through fields, amounts as strings', () => {
		const { events } = parseDelivery(
			delivery(
				entry([
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata,
							statuses: [
								{
									id: 'gBGGFlB5YjhvAgnhuF1qIUvCo7A',
									recipient_id: '919999999999',
									type: 'payment',
									status: 'CAPTURED',
									payment: {
										reference_id: 'INV12-1',
										amount: { value: '10050', offset: '100' },
										currency: 'INR',
										receipt: 'r-12',
										notes: { k: 'v' },
										transaction: {
											id: 'order_1',
											pg_transaction_id: 'pay_1',
											type: 'razorpay',
											status: 'Success',
											created_timestamp: '1772129215',
											updated_timestamp: 1772129215000,
											method: { type: 'upi' },
										},
									},
									timestamp: '1772129215',
								},
							],
						},
					},
				]),
			),
		);
		expect(events).toHaveLength(1);
		expect(events[0].data).toMatchObject({
			event: 'payment_status',
			reference_id: 'INV12-1',
			status: 'captured',
			amount: { value: 10050, offset: 100 },
			amount_decimal: 100.5,
			transaction_id: 'order_1',
			pg_transaction_id: 'pay_1',
			transaction_status: 'success',
			transaction_method: 'upi',
			transaction_created_timestamp: 1772129215,
			transaction_updated_timestamp: 1772129215,
			receipt: 'r-12',
			notes: { k: 'v' },
			wa_id: '919999999999',
			timestamp: 1772129215,
			timestamp_iso: '2026-02-26T18:06:55.000Z',
		});
	});

	test('order message statuses with payment errors; other content ignored without error', () => {
		const { events, ignored } = parseDelivery(
			delivery(
				entry([
					{
						field: 'messages',
						value: {
							metadata,
							messages: [{ from: '1', id: 'wamid.img', type: 'image', image: { id: 'media-1' } }],
						},
					},
					{
						field: 'messages',
						value: {
							metadata,
							statuses: [
								{ id: 'wamid.A', status: 'delivered', timestamp: 1700000000, recipient_id: '55' },
								{
									id: 'wamid.B',
									status: 'failed',
									timestamp: '1700000001',
									recipient_id: '55',
									errors: [
										{
											code: 2046,
											title: 'New order status was not correctly transitioned',
											error_data: { details: 'from completed' },
										},
									],
								},
							],
						},
					},
					{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
				]),
			),
		);
		expect(
			events.map((e) => [e.event, e.data.message_id, e.data.status, e.data.error_code]),
		).toEqual([
			['order_message_status', 'wamid.A', 'delivered', null],
			['order_message_status', 'wamid.B', 'failed', 2046],
		]);
		expect(events[1].data.error_message).toBe('from completed');
		expect(ignored).toBe(2);
	});

	test('buyer messages: texts and reply taps, each once, beside a cart and a payment in the same batch', () => {
		const { events, ignored } = parseDelivery(
			delivery(
				entry([
					{
						field: 'messages',
						value: {
							metadata,
							contacts: [{ wa_id: '5511955550001', profile: { name: 'Ana' } }],
							messages: [
								{
									from: '5511955550001',
									id: 'wamid.t1',
									timestamp: '1767225600',
									type: 'text',
									text: { body: 'Oi! Quero ver os produtos' },
								},
								{
									from: '5511955550001',
									id: 'wamid.c1',
									type: 'order',
									order: {
										catalog_id: 'cat-1',
										product_items: [
											{
												product_retailer_id: 'bolo-1',
												quantity: 1,
												item_price: 49.9,
												currency: 'BRL',
											},
										],
									},
								},
								{
									from: '5511955550001',
									id: 'wamid.r1',
									type: 'interactive',
									context: { id: 'wamid.menu' },
									interactive: {
										type: 'button_reply',
										button_reply: { id: 'shop', title: 'Shop' },
									},
								},
								{
									from: '5511955550001',
									id: 'wamid.r2',
									type: 'interactive',
									interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Cakes' } },
								},
								{
									from: '5511955550001',
									id: 'wamid.b1',
									type: 'button',
									button: { text: 'Yes', payload: 'yes' },
								},
								{ from: '5511955550001', id: 'wamid.s1', type: 'sticker', sticker: { id: 'm' } },
							],
						},
					},
				]),
			),
		);
		expect(events.map((e) => [e.event, e.data.message_id])).toEqual([
			['cart_order', 'wamid.c1'],
			['buyer_message', 'wamid.t1'],
			['buyer_message', 'wamid.r1'],
			['buyer_message', 'wamid.r2'],
			['buyer_message', 'wamid.b1'],
		]);
		expect(ignored).toBe(0);
		const [, text, button, row, template] = events.map((e) => e.data);
		expect(text).toMatchObject({
			wa_id: '5511955550001',
			name: 'Ana',
			phone_number_id: '200000000000001',
			waba_id: '100000000000001',
			message_type: 'text',
			text: 'Oi! Quero ver os produtos',
			reply_id: null,
			context_message_id: null,
			timestamp: 1767225600,
			timestamp_iso: '2026-01-01T00:00:00.000Z',
		});
		expect(text.idempotency_key).toMatch(/^wapay_[0-9a-f]{40}$/);
		expect([button.text, button.reply_id, button.context_message_id]).toEqual([
			'Shop',
			'shop',
			'wamid.menu',
		]);
		expect([row.text, row.reply_id]).toEqual(['Cakes', 'row-2']);
		expect([template.message_type, template.text, template.reply_id]).toEqual([
			'button',
			'Yes',
			'yes',
		]);
		expect(new Set(events.map((e) => e.key)).size).toBe(5);
		// A redelivery of the same message has the same key (the trigger drops it).
		const again = parseDelivery(
			delivery(
				entry([
					{
						field: 'messages',
						value: {
							metadata,
							messages: [{ from: '1', id: 'wamid.t1', type: 'text', text: { body: 'x' } }],
						},
					},
				]),
			),
		);
		expect(again.events[0].key).toBe(events[1].key);
	});

	test('a batch of several entries and changes gives every event in delivery order', () => {
		const pm = (id: string, ref: string) => ({
			field: 'messages',
			value: {
				metadata,
				contacts: [{ profile: { name: `Buyer ${id}` }, wa_id: `55${id}` }],
				messages: [
					{
						from: `55${id}`,
						id,
						timestamp: '1700000000',
						type: 'interactive',
						interactive: {
							type: 'payment_method',
							payment_method: {
								payment_method: 'offsite_card_pay',
								reference_id: ref,
								credential_id: `c${id}`,
								last_four_digits: '1111',
								payment_timestamp: 1700000000,
							},
						},
					},
				],
			},
		});
		const cfg = (name: string) => ({
			field: 'payment_configuration_update',
			value: {
				configuration_name: name,
				provider_name: 'RazorPay',
				status: 'Needs_Connecting',
				updated_timestamp: 1,
			},
		});
		const { events } = parseDelivery(
			delivery(
				entry([pm('1', 'r1'), cfg('c1')]),
				entry([pm('2', 'r2')], '100000000000002'),
				entry([cfg('c2'), pm('3', 'r3')]),
			),
		);
		expect(events.map((e) => e.data.reference_id ?? e.data.configuration_name)).toEqual([
			'r1',
			'c1',
			'r2',
			'c2',
			'r3',
		]);
		expect(events[2].data.waba_id).toBe('100000000000002');
		expect(events[2].data.name).toBe('Buyer 2');
		expect(events[1].data.provider_name).toBe('razorpay');
		expect(events[1].data.status).toBe('Needs Connecting');
		expect(new Set(events.map((e) => e.key)).size).toBe(5);
	});

	test.each([
		null,
		'text',
		42,
		[],
		{ entry: 'x' },
		{
			entry: [
				null,
				{
					changes: [
						null,
						{ field: 'messages' },
						{ field: 'messages', value: { statuses: 'x', messages: [null, 1] } },
					],
				},
			],
		},
	])('odd shapes never throw: %p', (body) => {
		expect(() => parseDelivery(body)).not.toThrow();
		expect(parseDelivery(body).events).toEqual([]);
	});
});

describe('status spellings', () => {
	test.each([
		['Needs_Testing', 'Needs Testing'],
		['needs testing', 'Needs Testing'],
		['NEEDS-CONNECTING', 'Needs Connecting'],
		['Active', 'Active'],
		['needsConnecting', 'Needs Connecting'],
		['NeedsTesting', 'Needs Testing'],
		['  ACTIVE ', 'Active'],
		['Needs  Connecting', 'Needs Connecting'],
		['Pending_Review', 'Pending Review'],
		['___', undefined],
		['', undefined],
		[42, undefined],
	])('%s reads as %s', (input, expected) => {
		expect(normaliseConfigurationStatus(input)).toBe(expected);
	});

	// The webhook covers India and Brazil; Brazil's providers and any later status are not listed by Meta, so
	// every name and spelling is accepted and read the same way (one event, nothing ignored).
	test.each([
		['razorpay', 'Needs Testing', 'razorpay', 'Needs Testing'],
		['Mercado  Pago', 'NEEDS_CONNECTING', 'mercado pago', 'Needs Connecting'],
		['PagSeguro', 'needsTesting', 'pagseguro', 'Needs Testing'],
		['cielo', 'Verification Pending', 'cielo', 'Verification Pending'],
		[12345, 'active', '12345', 'Active'],
		[undefined, undefined, null, null],
	])(
		'payment_configuration_update with provider %p and status %p -> one event (%s, %s)',
		(provider, status, expectedProvider, expectedStatus) => {
			const value: Record<string, unknown> = {
				configuration_name: 'br-config',
				provider_mid: 'mid-1',
				created_timestamp: 1767225600,
				updated_timestamp: 1767225660,
			};
			if (provider !== undefined) value.provider_name = provider;
			if (status !== undefined) value.status = status;
			const { events, ignored } = parseDelivery(
				delivery(entry([{ field: 'payment_configuration_update', value }], '100000000000002')),
			);
			expect(ignored).toBe(0);
			expect(events).toHaveLength(1);
			expect(events[0].data).toMatchObject({
				event: 'payment_configuration_update',
				waba_id: '100000000000002',
				configuration_name: 'br-config',
				provider_name: expectedProvider,
				provider_mid: 'mid-1',
				status: expectedStatus,
				status_raw: typeof status === 'string' ? status : null,
				updated_timestamp: 1767225660,
			});
		},
	);
});

describe('X-Hub-Signature-256', () => {
	const secret = 'app-secret-123';
	// Non-ASCII names escaped as \uXXXX, exactly as Meta sends them: re-serialising would change the bytes.
	const raw = Buffer.from(
		'{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"contacts":[{"profile":{"name":"Jo\\u00e3o"}}]}}]}]}',
	);

	test('the signature over the exact bytes verifies; re-serialised JSON does not', () => {
		const header = signPayload(raw, secret);
		expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(verifySignature(raw, header, secret)).toBe(true);
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
		expect(reserialised.equals(raw)).toBe(false);
		expect(verifySignature(reserialised, header, secret)).toBe(false);
	});

	test('uppercase hex from a client is accepted (same digest)', () => {
		const header = signPayload(raw, secret);
		expect(verifySignature(raw, `sha256=${header.slice(7).toUpperCase()}`, secret)).toBe(true);
	});

	test.each([
		['missing', undefined],
		['empty', ''],
		['wrong secret', signPayload(raw, 'other')],
		['truncated', signPayload(raw, secret).slice(0, 40)],
		['sha1 prefix', `sha1=${signPayload(raw, secret).slice(7)}`],
		['not hex', `sha256=${'z'.repeat(64)}`],
	])('%s signature is refused', (_n, header) => {
		expect(verifySignature(raw, header, secret)).toBe(false);
	});

	test('one changed byte is refused', () => {
		const header = signPayload(raw, secret);
		const changed = Buffer.from(raw);
		changed[20] = changed[20] ^ 1;
		expect(verifySignature(changed, header, secret)).toBe(false);
	});

	test('no secret never verifies', () => {
		expect(verifySignature(raw, signPayload(raw, ''), '')).toBe(false);
	});
});

describe('Graph error catalogue', () => {
	const required = [
		0, 4, 10, 100, 190, 200, 368, 80007, 130429, 131000, 131005, 131008, 131009, 131016, 131021,
		131026, 131047, 131051, 131056, 133004, 134011, 2040, 2046, 2047,
	];
	test.each(required)('code %p has a title, explanation and fix', (code) => {
		const info = GRAPH_ERRORS[code];
		expect(info).toBeDefined();
		expect(info.title.length).toBeGreaterThan(3);
		expect(info.fix.length).toBeGreaterThan(10);
	});

	test('131005 and 134011 surface the terms link from error_data.details', () => {
		for (const code of [131005, 134011]) {
			const e = explainGraphError(403, {
				error: {
					message: `(#${code}) Access denied`,
					code,
					error_data: {
						details:
							'Please use the following link to accept terms of service: https://fb.me/12345.',
					},
				},
			});
			expect(e.termsLink).toBe('https://fb.me/12345');
			expect(e.description).toContain(
				'Accept the WhatsApp Payments Terms of Service here: https://fb.me/12345',
			);
		}
	});

	test('131047 suggests the order details template', () => {
		expect(
			explainGraphError(400, { error: { code: 131047, message: 'Re-engagement message' } })
				.description,
		).toMatch(/"Send Order Details Template"/);
	});

	test('throttling codes retry, transient ones are marked, unknown 5xx is transient, unknown 4xx never', () => {
		expect(explainGraphError(400, { error: { code: 130429 } }).retry).toBe('throttle');
		expect(explainGraphError(400, { error: { code: 80007 } }).retry).toBe('throttle');
		expect(explainGraphError(503, { error: { code: 131016 } }).retry).toBe('transient');
		expect(explainGraphError(502, 'Bad gateway').retry).toBe('transient');
		expect(explainGraphError(429, {}).retry).toBe('throttle');
		expect(explainGraphError(400, { error: { code: 131009 } }).retry).toBe('never');
	});

	test('payments lookup errors[] shape is read', () => {
		expect(
			explainGraphError(500, {
				errors: [{ code: 500, title: 'Generic error', details: 'System error. Please try again.' }],
			}).message,
		).toMatch(/Generic error/);
	});
});

describe('RecentKeys', () => {
	const token = (n: number) => n.toString(16).padStart(16, '0');

	test('bounded: the oldest tokens are forgotten first and the state round-trips through JSON', () => {
		const keys = new RecentKeys(undefined, 3);
		expect([1, 2, 3, 4].map((n) => keys.add(token(n)))).toEqual([true, true, true, true]);
		expect(keys.has(token(1))).toBe(false);
		expect(keys.add(token(4))).toBe(false);
		const saved = JSON.parse(JSON.stringify(keys));
		expect(saved.keys).toBe(token(2) + token(3) + token(4));
		const restored = new RecentKeys(saved, 3);
		expect([2, 3, 4].every((n) => restored.has(token(n)))).toBe(true);
		expect(restored.size).toBe(3);
	});

	test('10,000 events are saved as 160 KB: one string of 16-character tokens', () => {
		const keys = new RecentKeys(undefined, DEFAULT_DEDUPE_CAPACITY);
		for (let n = 0; n < 12000; n++) keys.add(token(n));
		const json = JSON.stringify(keys);
		expect(keys.size).toBe(10000);
		expect(json.length).toBeLessThan(10000 * 16 + 100);
		expect(new RecentKeys(JSON.parse(json)).has(token(11999))).toBe(true);
		expect(new RecentKeys(JSON.parse(json)).has(token(1999))).toBe(false);
	});

	test("absorb merges what another process saved, and skips this memory's own latest save", () => {
		const a = new RecentKeys(undefined, 100);
		const b = new RecentKeys(undefined, 100);
		a.add(token(1));
		b.add(token(2));
		b.absorb(JSON.parse(JSON.stringify(a)));
		expect(b.has(token(1)) && b.has(token(2))).toBe(true);
		// A redelivery of event 1 reaching process b is now recognised.
		expect(b.add(token(1))).toBe(false);
		// What this memory saved itself is not read back (it holds nothing new): a token slipped into its own
		// save is ignored, while the same save from another writer would be merged.
		const own = JSON.parse(JSON.stringify(b));
		own.keys += token(3);
		b.absorb(own);
		expect(b.has(token(3))).toBe(false);
		b.absorb({ ...own, writer: 'another-process' });
		expect(b.has(token(3))).toBe(true);
		// An older version's list of keys is ignored rather than misread.
		expect(new RecentKeys(['pm:wamid.1', 'pm:wamid.2']).size).toBe(0);
	});

	test('the same saved state handed again is not merged again; a changed one is', () => {
		const other = new RecentKeys(undefined, 100);
		other.add(token(1));
		const save = JSON.parse(JSON.stringify(other));
		const keys = new RecentKeys(save, 2);
		expect(keys.has(token(1))).toBe(true);
		keys.add(token(2));
		keys.add(token(3));
		expect(keys.has(token(1))).toBe(false);
		// n8n hands every delivery the stored state; an unchanged one holds nothing new for this memory.
		keys.absorb(JSON.parse(JSON.stringify(save)));
		expect(keys.has(token(1))).toBe(false);
		other.add(token(4));
		keys.absorb(JSON.parse(JSON.stringify(other)));
		expect(keys.has(token(4))).toBe(true);
		expect(JSON.parse(JSON.stringify(keys)).keys).toBe(token(1) + token(4));
	});

	test("dedupeToken is the idempotency key's first 16 hex characters after the prefix", () => {
		expect(dedupeToken('wapay_0123456789abcdef0123456789abcdef01234567')).toBe('0123456789abcdef');
		expect(TOKEN_LENGTH).toBe(16);
	});
});
