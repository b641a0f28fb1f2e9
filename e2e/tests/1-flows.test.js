'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { describe, test } = require('node:test');

const { N8N, SANDBOX, BR, IN, json, sandbox, n8nRequest, executions, successfulRuns, waitFor, noteChecked, n8nExecute } = require('./helpers');

const ONE_CLICK = 'wapayExOneClick1';
const PIX = 'wapayExPixBoleto';
const INDIA = 'wapayExIndiaPG01';
const MONITOR = 'wapayExCfgMonit1';
const CAROUSEL = 'wapayExInCarous1';
const COUPONS = 'wapayExInCoupon1';
const CHECKOUT_FAST = 'wapayExInCkFast1';
const CATALOG_LINKS = 'wapayExCatalogPL';

const WEB_BUYER_BR = '5511955550100';

describe('registration with the sandbox (as Meta)', () => {
	test('publishing the trigger workflows registered n8n production URLs and passed the handshake', async () => {
		const state = await sandbox.state();
		const byApp = Object.fromEntries(state.subscriptions.map((s) => [s.app_id, s]));
		const prod = new RegExp(`^${N8N}/webhook/[0-9a-f-]{36}/webhook$`);
		// The sandbox stores a subscription only after n8n echoed the verification challenge.
		assert.match(byApp[BR.app].callback_url, prod);
		assert.deepEqual(byApp[BR.app].fields, ['messages', 'payment_configuration_update', 'message_template_status_update']);
		assert.match(byApp[IN.app].callback_url, prod);
		assert.match(state.subscribed_apps[IN.waba].override_callback_uri, prod);
		assert.notEqual(state.subscribed_apps[IN.waba].override_callback_uri, byApp[IN.app].callback_url);
		assert.ok(state.subscribed_apps[BR.waba], 'the Brazil WABA is subscribed to its app');
	});

	test("the credential's Test button: the sandbox token connects, a wrong token gets Meta's #190 explained, a redirecting Base URL is named", async () => {
		const { SANDBOX_DEFAULTS } = require(path.join(__dirname, '..', '..', 'build', 'sandbox', 'sandbox', 'server.js'));
		const credential = (accessToken, baseUrl = SANDBOX) => ({
			credentials: {
				id: 'wapaySandboxBR01',
				name: 'WhatsApp Payments (sandbox Brazil)',
				type: 'whatsAppPaymentsApi',
				data: { accessToken, businessAccountId: BR.waba, appId: BR.app, appSecret: SANDBOX_DEFAULTS.businesses[0].appSecret, graphApiVersion: 'v25.0', baseUrl },
			},
		});
		const ok = await n8nRequest('POST', '/credentials/test', credential(SANDBOX_DEFAULTS.accessTokens[0]));
		assert.equal(ok.status, 'OK', JSON.stringify(ok));
		const wrong = await n8nRequest('POST', '/credentials/test', credential('EAAG-not-a-sandbox-token'));
		assert.equal(wrong.status, 'Error', JSON.stringify(wrong));
		assert.match(wrong.message, /#190/);
		// A Base URL that redirects (to the sandbox itself): not followed, so the token goes nowhere else, and said.
		const redirects = [];
		const moved = http.createServer((req, res) => {
			redirects.push(req.url);
			res.writeHead(301, { location: `${SANDBOX}${req.url}` });
			res.end();
		});
		await new Promise((resolve) => moved.listen(0, '127.0.0.1', resolve));
		try {
			const answer = await n8nRequest('POST', '/credentials/test', credential(SANDBOX_DEFAULTS.accessTokens[0], `http://127.0.0.1:${moved.address().port}`));
			assert.equal(answer.status, 'Error', JSON.stringify(answer));
			assert.match(answer.message, /Base URL/);
			assert.equal(redirects.length, 1);
		} finally {
			moved.close();
		}
	});
});

describe('Brazil One-Click', () => {
	const order = (ref, credential) => ({
		wa_id: '5511999990001',
		reference_id: ref,
		card: { last_four: '4242', credential_id: credential },
		item: { name: 'Bolo de cenoura', sku: 'cake-1', price: '49.90', quantity: 2 },
	});

	test('order -> Send payment -> PSP charged with the credential and amount -> order completed and paid', async () => {
		const before = (await executions(ONE_CLICK)).length;
		const res = await json('POST', `${N8N}/webhook/wapay-oneclick-order`, order('e2e-oc-1', 'card_abc'));
		assert.equal(res.status, 200, JSON.stringify(res.body));
		assert.match(res.body.message_id, /^wamid\./);
		assert.equal(res.body.reference_id, 'e2e-oc-1');
		const sent = await sandbox.order('e2e-oc-1');
		assert.equal(sent.total, 9980);
		assert.deepEqual(sent.settings, ['offsite_card_pay']);

		const pay = await sandbox.post('/buyer/send-payment', { reference_id: 'e2e-oc-1', name: 'Ana' });
		assert.equal(pay.status, 200);
		const done = await waitFor('the order to be completed and paid', async () => {
			const o = await sandbox.order('e2e-oc-1');
			return o.status === 'completed' && o.payment === 'captured' ? o : null;
		});
		assert.deepEqual(done.history.map((h) => h.kind), ['order_details', 'payment_method', 'order_status', 'order_status']);
		const charges = (await sandbox.state()).charges.filter((c) => c.reference_id === 'e2e-oc-1');
		assert.equal(charges.length, 1);
		assert.deepEqual([charges[0].credential_id, charges[0].amount, charges[0].status], ['card_abc', 9980, 'succeeded']);
		// The charge carries the trigger item's idempotency key, so a redelivered event could not charge again.
		assert.match(charges[0].idempotency_key, /^wapay_[0-9a-f]{40}$/);

		const runs = await waitFor('two successful executions', async () => {
			const list = await executions(ONE_CLICK);
			return list.length >= before + 2 ? list : null;
		});
		const fresh = runs.slice(0, runs.length - before);
		assert.ok(fresh.every((e) => e.status === 'success'), JSON.stringify(fresh.map((e) => e.status)));
		noteChecked(fresh);
	});

	test('a declined card sends payment failed and leaves the order pending', async () => {
		await json('POST', `${N8N}/webhook/wapay-oneclick-order`, order('e2e-oc-2', 'decline-insufficient-funds'));
		await sandbox.post('/buyer/send-payment', { reference_id: 'e2e-oc-2' });
		const o = await waitFor('the failed payment label', async () => {
			const x = await sandbox.order('e2e-oc-2');
			return x.payment === 'failed' ? x : null;
		});
		assert.equal(o.status, 'pending');
		const charge = (await sandbox.state()).charges.find((c) => c.reference_id === 'e2e-oc-2');
		assert.equal(charge.status, 'declined');
		noteChecked((await executions(ONE_CLICK)).slice(0, 2));
	});

	test('an order with a total that does not add up is refused in n8n before Meta is called', async () => {
		const body = order('e2e-oc-3', 'card_abc');
		body.item.price = '49.999';
		const res = await json('POST', `${N8N}/webhook/wapay-oneclick-order`, body);
		assert.notEqual(res.status, 200);
		const state = await sandbox.state();
		assert.equal(state.orders.some((o) => o.reference_id === 'e2e-oc-3'), false);
		const failed = (await executions(ONE_CLICK)).find((e) => e.status === 'error');
		assert.ok(failed, 'the execution is recorded as failed');
		noteChecked([failed]);
	});
});

describe('security', () => {
	test('a wrongly signed delivery gets 401 and starts no execution; a correctly signed one does', async () => {
		const payload = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'seed-000-payment-method-webhook.json'), 'utf8'));
		payload.entry[0].id = BR.waba;
		payload.entry[0].changes[0].value.messages[0].id = `wamid.e2e-tampered-${Date.now()}`;
		const before = (await executions(ONE_CLICK)).length;
		const bad = await sandbox.post('/deliver', { payload, waba_id: BR.waba, field: 'messages', signature: 'invalid' });
		const none = await sandbox.post('/deliver', { payload, waba_id: BR.waba, field: 'messages', signature: 'none' });
		// Meta retries a delivery that is not answered 200 (for days): each is refused again.
		const records = await waitFor('both deliveries to be refused twice', async () => {
			const list = (await sandbox.deliveries()).filter((d) => d.id === bad.body.delivery_id || d.id === none.body.delivery_id);
			return list.length === 2 && list.every((d) => d.attempts.length >= 2) ? list : null;
		}, 30000);
		for (const r of records) {
			assert.ok(r.attempts.every((a) => a.status === 401), JSON.stringify(r.attempts));
		}
		await new Promise((r) => setTimeout(r, 1500));
		assert.equal((await executions(ONE_CLICK)).length, before, 'no execution was started');
	});
});

describe('Brazil Pix, Boleto and payment link', () => {
	test('order JSON -> Pix paid at the PSP -> PSP webhook -> order marked paid', async () => {
		const body = {
			wa_id: '5511999990002',
			reference_id: 'e2e-pix-1',
			pix: { code: '00020126580014br.gov.bcb.pix0136e2e' },
			boleto_line: '34191.79001 01043.510047 91020.150008 1 96610000010000',
			order: {
				status: 'pending',
				items: [{ retailer_id: 'shirt-1', name: 'Camiseta', amount: { value: 5990, offset: 100 }, sale_amount: { value: 4990, offset: 100 }, quantity: 2 }],
				subtotal: { value: 9980, offset: 100 },
				tax: { value: 0, offset: 100 },
				shipping: { value: 1500, offset: 100, description: 'PAC' },
			},
		};
		const res = await json('POST', `${N8N}/webhook/wapay-pix-order`, body);
		assert.equal(res.status, 200, JSON.stringify(res.body));
		const sent = await sandbox.order('e2e-pix-1');
		assert.equal(sent.total, 11480);
		assert.deepEqual(sent.settings, ['pix_dynamic_code', 'payment_link', 'boleto']);
		await sandbox.post('/psp/pix-confirm', { reference_id: 'e2e-pix-1' });
		const paid = await waitFor('the paid label', async () => {
			const o = await sandbox.order('e2e-pix-1');
			return o.payment === 'captured' ? o : null;
		});
		assert.equal(paid.status, 'processing');
		noteChecked(await successfulRuns(PIX, 2));
	});
});

describe('India payment gateway and configuration monitoring', () => {
	test('`n8n execute` runs the manual set-up workflow: the action node creates the configuration in the sandbox', async () => {
		const output = await n8nExecute(INDIA);
		assert.match(output, /rzp-demo/);
		const state = await sandbox.state();
		const config = state.configurations.find((c) => c.configuration_name === 'rzp-demo');
		assert.ok(config, 'configuration created');
		assert.equal(config.waba_id, IN.waba);
		assert.equal(config.provider_name, 'razorpay');
	});

	test('configuration updates reach the monitor through the app callback', async () => {
		// Each update starts its own execution; wait for one before the next so the order is meaningful.
		const notes = [];
		for (const expected of ['Needs Testing', 'Active']) {
			await sandbox.post('/configurations/advance', { configuration_name: 'rzp-demo' });
			notes.push(
				await waitFor(`the "${expected}" notification`, async () => {
					const list = (await sandbox.state()).notifications.filter((n) => n.configuration_name === 'rzp-demo' && n.status === expected);
					return list[0];
				}),
			);
		}
		assert.match(notes[1].text, /rzp-demo \(razorpay\) is now Active/);
		noteChecked((await executions(MONITOR)).slice(0, 2));
	});

	test('invoice -> buyer pays in WhatsApp -> payment status (WABA override) -> lookup confirms -> completed', async () => {
		const res = await json('POST', `${N8N}/webhook/wapay-in-invoice`, { wa_id: '919999990001', reference_id: 'E2E-IN-1', item: { name: 'Course fee', sku: 'course-1', price: '1499.50', quantity: 1 } });
		assert.equal(res.status, 200, JSON.stringify(res.body));
		assert.equal((await sandbox.order('E2E-IN-1')).total, 149950);
		await sandbox.post('/buyer/india-payment', { reference_id: 'E2E-IN-1', outcome: 'captured' });
		const done = await waitFor('the India order to complete', async () => {
			const o = await sandbox.order('E2E-IN-1');
			return o.status === 'completed' ? o : null;
		});
		assert.equal(done.transactions[0].status, 'success');
		noteChecked(await successfulRuns(INDIA, 2));
	});
});

describe('templates: outside the 24-hour window, carts and campaigns', () => {
	const webOrder = (ref) => ({
		wa_id: WEB_BUYER_BR,
		name: 'Ana',
		reference_id: ref,
		pix: { code: '00020126580014br.gov.bcb.pix0136web' },
		boleto_line: '34191.79001 01043.510047 91020.150008 1 96610000010000',
		order: {
			status: 'pending',
			items: [{ retailer_id: 'bolo-1', name: 'Bolo de cenoura', amount: { value: 4990, offset: 100 }, quantity: 2 }],
			subtotal: { value: 9980, offset: 100 },
			tax: { value: 0, offset: 100 },
		},
	});

	test('Brazil web order: the interactive message is refused (131047), the order details template goes out; paid before the buyer writes -> the shop is told; after "Paguei!" -> captured', async () => {
		const refused = await json('POST', `${N8N}/webhook/wapay-pix-order`, webOrder('e2e-web-0'));
		assert.notEqual(refused.status, 200, 'interactive order_details to a buyer who never wrote is refused');
		const res = await json('POST', `${N8N}/webhook/wapay-web-order`, webOrder('e2e-web-1'));
		assert.equal(res.status, 200, JSON.stringify(res.body));
		assert.equal(res.body.template, 'pedido_pix');
		assert.equal(res.body.payload.type, 'template');
		const sent = await sandbox.order('e2e-web-1');
		assert.equal(sent.total, 9980);
		assert.equal(sent.details.template.name, 'pedido_pix');
		assert.equal(sent.details.body.text, 'Olá Ana, seu pedido e2e-web-1 está pronto. Pague abaixo.');

		await sandbox.post('/psp/pix-confirm', { reference_id: 'e2e-web-1' });
		const note = await waitFor('the "status not sent" notification', async () =>
			(await sandbox.state()).notifications.find((n) => n.kind === 'status-not-sent' && n.reference_id === 'e2e-web-1'),
		);
		assert.match(note.text, /131047/);
		assert.equal((await sandbox.order('e2e-web-1')).payment, 'none');

		await sandbox.post('/buyer/message', { wa_id: WEB_BUYER_BR, phone_number_id: BR.phone, text: 'Paguei!' });
		await json('POST', `${N8N}/webhook/wapay-web-order`, webOrder('e2e-web-2'));
		await sandbox.post('/psp/pix-confirm', { reference_id: 'e2e-web-2' });
		const paid = await waitFor('the web order to be marked paid', async () => {
			const o = await sandbox.order('e2e-web-2');
			return o.payment === 'captured' ? o : null;
		});
		assert.equal(paid.status, 'processing');
		noteChecked((await executions(PIX)).slice(0, 5));
	});

	test('India cart: the buyer sends a cart from the catalog -> order details for exactly that cart -> pays -> completed', async () => {
		const buyer = '919000090055';
		await sandbox.post('/buyer/cart', { wa_id: buyer, phone_number_id: IN.phone, items: [{ retailer_id: 'chai-1', quantity: 2 }, { retailer_id: 'diya-1', quantity: 1 }] });
		const order = await waitFor('the order details for the cart', async () =>
			(await sandbox.state()).orders.find((o) => o.wa_id === buyer && o.reference_id.startsWith('cart-')),
		);
		assert.equal(order.total, 2 * 34900 + 19950);
		const items = order.details.action.parameters.order.items;
		assert.deepEqual(items.map((i) => [i.retailer_id, i.name, i.amount.value, i.quantity]), [['chai-1', 'Masala Chai 250 g', 34900, 2], ['diya-1', 'Clay Diya set', 19950, 1]]);
		await sandbox.post('/buyer/india-payment', { reference_id: order.reference_id, outcome: 'captured' });
		await waitFor('the cart order to complete', async () => ((await sandbox.order(order.reference_id)).status === 'completed' ? true : null));
		noteChecked((await executions(INDIA)).slice(0, 2));
	});

	test('India checkout carousel campaign: two buyers get three cards each, each card its own order; paying one card completes only that order', async () => {
		const res = await json('POST', `${N8N}/webhook/wapay-in-campaign`, { buyers: [{ wa_id: '919000090061', name: 'Nidhi' }, { wa_id: '919000090062', name: 'Arjun' }] });
		assert.equal(res.status, 200, JSON.stringify(res.body));
		const state = await sandbox.state();
		// One carousel per buyer, found by buyer: the node sends a campaign's messages concurrently, so they may
		// reach Meta in any order.
		const carousels = ['919000090061', '919000090062'].map((waId) => state.chat.filter((c) => c.kind === 'carousel' && c.wa_id === waId));
		assert.deepEqual(carousels.map((list) => list.length), [1, 1]);
		const [, arjun] = carousels.map((list) => list[0]);
		const refs = carousels.flatMap((list) => list[0].cards);
		assert.equal(new Set(refs).size, 6, 'six distinct reference IDs');
		assert.equal(arjun.text, 'Festive picks for Arjun: tap Buy now on the one you like.');
		const card = await sandbox.order(arjun.cards[2]);
		assert.equal(card.total, 150000);
		await sandbox.post('/buyer/india-payment', { reference_id: card.reference_id, outcome: 'captured' });
		await waitFor('the paid card to complete', async () => ((await sandbox.order(card.reference_id)).status === 'completed' ? true : null));
		assert.equal((await sandbox.order(arjun.cards[0])).status, 'pending');
		noteChecked((await executions(CAROUSEL)).slice(0, 1));
	});

	test('a template review reaches the monitor through the app callback (Template Status event)', async () => {
		await sandbox.post('/templates/review', { name: 'order_update', waba_id: IN.waba, status: 'PAUSED' });
		const note = await waitFor('the template notification', async () =>
			(await sandbox.state()).notifications.find((n) => n.template_name === 'order_update' && n.status === 'PAUSED'),
		);
		assert.equal(note.text, 'Template order_update (en_US) is now PAUSED');
		noteChecked((await executions(MONITOR)).slice(0, 1));
	});
});

describe('India checkout data endpoint', () => {
	test('set-up uploads the public key derived from the credential; activation linked the endpoint to rzp-checkout', async () => {
		const output = await n8nExecute(COUPONS);
		assert.match(output, /key_fingerprint/);
		const state = await sandbox.state();
		assert.ok(state.public_keys.includes(IN.phone), 'public key uploaded for the India number');
		const link = state.checkout_endpoints.find((e) => e.configuration_name === 'rzp-checkout');
		assert.match(link.url, new RegExp(`^${N8N}/webhook/[0-9a-f-]{36}/checkout$`));
	});

	test('offer -> coupons -> DIWALI10 (and a wrong code) -> shipping -> the buyer pays the repriced total -> completed', async () => {
		const before = (await executions(COUPONS)).length;
		const res = await json('POST', `${N8N}/webhook/wapay-in-checkout`, { wa_id: '919000090088', name: 'Nidhi', reference_id: 'E2E-CK-1' });
		assert.equal(res.status, 200, JSON.stringify(res.body));
		assert.equal((await sandbox.order('E2E-CK-1')).total, 150000);
		const coupons = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-1', action: 'get_coupons' });
		assert.equal(coupons.body.status, 200, JSON.stringify(coupons.body));
		assert.deepEqual(coupons.body.answer.data.coupons.map((c) => c.code), ['DIWALI10', 'FLAT200']);
		const wrong = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-1', action: 'apply_coupon', code: 'NOPE' });
		assert.deepEqual([wrong.body.status, wrong.body.error_msg], [427, 'The offer code you have entered is not valid.']);
		const applied = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-1', action: 'apply_coupon', code: 'diwali10' });
		assert.equal(applied.body.status, 200, JSON.stringify(applied.body));
		assert.equal((await sandbox.order('E2E-CK-1')).total, 135000);
		const shipped = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-1', action: 'apply_shipping' });
		assert.equal(shipped.body.status, 200, JSON.stringify(shipped.body));
		const repriced = await sandbox.order('E2E-CK-1');
		assert.equal(repriced.total, 135000 + 4900);
		assert.equal(repriced.details.action.parameters.coupon.code, 'DIWALI10');
		assert.equal(repriced.details.action.parameters.shipping_info.selected_address.in_pin_code, '400051');
		await sandbox.post('/buyer/india-payment', { reference_id: 'E2E-CK-1', outcome: 'captured' });
		const done = await waitFor('the checkout order to complete', async () => {
			const o = await sandbox.order('E2E-CK-1');
			return o.status === 'completed' ? o : null;
		});
		assert.equal(done.transactions[0].amount.value, 139900);
		const runs = await waitFor('five executions (the offer and four endpoint requests)', async () => {
			const list = await executions(COUPONS);
			return list.length >= before + 5 ? list : null;
		});
		const fresh = runs.slice(0, runs.length - before);
		assert.ok(fresh.every((e) => e.status === 'success'), JSON.stringify(fresh.map((e) => e.status)));
		noteChecked(fresh);
	});

	test('a bad signature gets 432 and a stale key 421 then the refreshed key works; ping is answered; only the retried request starts a run', async () => {
		await json('POST', `${N8N}/webhook/wapay-in-checkout`, { wa_id: '919000090089', name: 'Arjun', reference_id: 'E2E-CK-2' });
		await waitFor('the offer execution', async () => ((await executions(COUPONS)).length > 0 ? true : null));
		const count = async () => (await executions(COUPONS)).length;
		const before = await count();
		await sandbox.post('/checkout/faults', { bad_signature: true });
		const bad = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-2', action: 'get_coupons' });
		assert.deepEqual(bad.body.attempts.map((a) => a.status), [432]);
		await sandbox.post('/checkout/faults', { wrong_key: true });
		const stale = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-2', action: 'get_coupons' });
		assert.deepEqual(stale.body.attempts.map((a) => a.status), [421, 200]);
		const ping = await sandbox.post('/checkout/ping', { configuration_name: 'rzp-checkout' });
		assert.deepEqual([ping.body.status, ping.body.answer.data.status], [200, 'active']);
		await new Promise((r) => setTimeout(r, 1500));
		assert.equal(await count(), before + 1, 'only the request that decrypted started a run');
	});

	test("on n8n's Webhook node (examples/india-checkout-webhook-node.json): its set-up links rzp-checkout to it; coupons, a wrong code, shipping and ping answered, a bad signature 432 and a failed run; linked back to the trigger after", async () => {
		const linked = async () => (await sandbox.state()).checkout_endpoints.find((e) => e.configuration_name === 'rzp-checkout').url;
		const trigger = await linked();
		try {
			const output = await n8nExecute(CHECKOUT_FAST);
			assert.match(output, /wapay-in-checkout-fast/);
			assert.equal(await linked(), `${N8N}/webhook/wapay-in-checkout-fast`);
			const before = (await executions(CHECKOUT_FAST)).length;
			const res = await json('POST', `${N8N}/webhook/wapay-in-checkout`, { wa_id: '919000090087', name: 'Kavya', reference_id: 'E2E-CK-3' });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			const coupons = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-3', action: 'get_coupons' });
			assert.deepEqual(coupons.body.answer.data.coupons.map((c) => c.code), ['DIWALI10', 'FLAT200'], JSON.stringify(coupons.body));
			const wrong = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-3', action: 'apply_coupon', code: 'NOPE' });
			assert.deepEqual([wrong.body.status, wrong.body.error_msg], [427, 'The offer code you have entered is not valid.']);
			const applied = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-3', action: 'apply_coupon', code: 'FLAT200' });
			assert.equal(applied.body.status, 200, JSON.stringify(applied.body));
			const shipped = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-3', action: 'apply_shipping' });
			assert.equal(shipped.body.status, 200, JSON.stringify(shipped.body));
			assert.equal((await sandbox.order('E2E-CK-3')).total, 150000 - 20000 + 4900);
			const ping = await sandbox.post('/checkout/ping', { configuration_name: 'rzp-checkout' });
			assert.deepEqual([ping.body.status, ping.body.answer.data.status], [200, 'active']);
			await sandbox.post('/checkout/faults', { bad_signature: true });
			const bad = await sandbox.post('/buyer/checkout', { reference_id: 'E2E-CK-3', action: 'get_coupons' });
			assert.deepEqual(bad.body.attempts.map((a) => a.status), [432]);
			// Six requests, six runs: n8n's Webhook node starts one before any check; the forged one fails, loudly.
			const runs = await waitFor('six runs of the Webhook-node endpoint', async () => {
				const list = await executions(CHECKOUT_FAST);
				return list.length >= before + 6 ? list.slice(0, list.length - before) : null;
			});
			assert.deepEqual(runs.map((e) => e.status).sort(), ['error', 'success', 'success', 'success', 'success', 'success']);
			noteChecked(runs);
		} finally {
			const back = await fetch(`${SANDBOX}/v25.0/${IN.waba}/payment_configuration/rzp-checkout`, {
				method: 'POST',
				headers: { authorization: 'Bearer sandbox-access-token', 'content-type': 'application/json' },
				body: JSON.stringify({ data_endpoint_url: trigger }),
			});
			assert.equal(back.status, 200);
		}
	});
});

describe('Catalog messages and payment links (the Commerce resource, Enhanced Payment Links)', () => {
	test('`n8n execute` runs the example: settings changed, one product, the catalog and a carousel to the Brazil buyer, a Pay now card to the India buyer, a template created', async () => {
		const before = (await sandbox.state()).chat.length;
		const templatesBefore = (await sandbox.state()).templates.length;
		const output = await n8nExecute(CATALOG_LINKS);
		const state = await sandbox.state();
		const fresh = state.chat.slice(before);
		const br = fresh.filter((e) => e.wa_id === '5511999990001' && e.kind === 'products').map((e) => e.products?.type);
		assert.deepEqual(br, ['product', 'catalog_message', 'carousel'], `${JSON.stringify(fresh).slice(0, 3000)}\n${output.slice(-1500)}`);
		const [link] = fresh.filter((e) => e.wa_id === '919999990001' && e.kind === 'payment_link');
		assert.ok(link, `a payment link message to the India buyer: ${JSON.stringify(fresh)}`);
		assert.equal(link.payment_link.url, 'https://rzp.io/rzp/ORD2001xyz');
		assert.equal(link.payment_link.card, true);
		const settings = state.commerce_settings['200000000000001'];
		assert.deepEqual(settings, { is_cart_enabled: true, is_catalog_visible: true });
		const created = state.templates.slice(templatesBefore).filter((t) => /^fee_reminder_\d{14}$/.test(t.name));
		assert.equal(created.length, 1, JSON.stringify(state.templates.slice(templatesBefore)));
	});
});
