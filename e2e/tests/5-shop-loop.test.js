'use strict';
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { BR_SHOP, IN_SHOP, sandbox, executions, waitFor, noteChecked } = require('./helpers');

const BR_LOOP = 'wapayExBrShopLp1';
const IN_LOOP = 'wapayExInShopLp1';

/** The product message the shop sent this buyer (what the buyer simulator draws and fills the cart from). */
async function productMessage(shop, buyer) {
	return waitFor('the product list in the buyer\'s chat', async () =>
		(await sandbox.state()).chat.find((c) => c.kind === 'products' && c.wa_id === buyer && c.phone_number_id === shop.phone),
	);
}

/** The order the shop sent for this buyer's cart. */
async function cartOrder(shop, buyer) {
	return waitFor('the order details for the cart', async () =>
		(await sandbox.state()).orders.find((o) => o.wa_id === buyer && o.waba_id === shop.waba),
	);
}

/** Waits for `count` new finished executions of the workflow; every one must have succeeded. */
async function newRuns(workflowId, before, count) {
	const runs = await waitFor(`${count} new executions of ${workflowId}`, async () => {
		const list = await executions(workflowId);
		return list.length >= before + count ? list : null;
	}, 30000);
	const fresh = runs.slice(0, runs.length - before);
	assert.ok(fresh.every((e) => e.status === 'success'), JSON.stringify(fresh.map((e) => [e.id, e.status])));
	noteChecked(fresh);
	return fresh;
}

describe('the whole shop loop: buyer writes -> product list -> cart -> order details -> payment -> order status', () => {
	test('Brazil: a text gets the product list; the cart from it is priced from the catalog (One-Click); paying completes the order', async () => {
		const buyer = '5511955550301';
		const before = (await executions(BR_LOOP)).length;
		const wrote = await sandbox.post('/buyer/message', { wa_id: buyer, phone_number_id: BR_SHOP.phone, name: 'Ana', text: 'Oi! O que vocês têm hoje?' });
		assert.equal(wrote.status, 200, JSON.stringify(wrote.body));

		const list = await productMessage(BR_SHOP, buyer);
		assert.equal(list.products.type, 'product_list');
		assert.equal(list.products.action.catalog_id, '194836987000003');
		const offered = list.products.action.sections.flatMap((s) => s.product_items.map((p) => p.product_retailer_id));
		assert.deepEqual(offered, ['bolo-1', 'pao-1', 'cafe-1']);
		assert.match(list.products.body.text, /^Olá, Ana!/);

		// "Send cart" in the buyer simulator, filled from that product list.
		const cart = await sandbox.post('/buyer/cart', { wa_id: buyer, phone_number_id: BR_SHOP.phone, message_id: list.id, items: [{ retailer_id: 'bolo-1', quantity: 2 }, { retailer_id: 'cafe-1', quantity: 1 }] });
		assert.equal(cart.status, 200, JSON.stringify(cart.body));
		const order = await cartOrder(BR_SHOP, buyer);
		assert.equal(order.total, 2 * 4990 + 3250);
		assert.deepEqual(order.settings, ['offsite_card_pay']);
		const items = order.details.action.parameters.order.items;
		assert.deepEqual(items.map((i) => [i.retailer_id, i.name, i.amount.value, i.quantity]), [['bolo-1', 'Bolo de cenoura', 4990, 2], ['cafe-1', 'Café 250 g', 3250, 1]]);

		const pay = await sandbox.post('/buyer/send-payment', { reference_id: order.reference_id, name: 'Ana' });
		assert.equal(pay.status, 200, JSON.stringify(pay.body));
		const done = await waitFor('the order to be completed and paid', async () => {
			const o = await sandbox.order(order.reference_id);
			return o.status === 'completed' && o.payment === 'captured' ? o : null;
		});
		assert.deepEqual(done.history.map((h) => h.kind), ['order_details', 'payment_method', 'order_status', 'order_status']);
		const charges = (await sandbox.state()).charges.filter((c) => c.reference_id === order.reference_id);
		assert.deepEqual(charges.map((c) => [c.amount, c.status]), [[order.total, 'succeeded']]);

		// Three runs of the one workflow: the message, the cart, the payment.
		await newRuns(BR_LOOP, before, 3);
	});

	test('India: a text gets the product list; the cart from it is priced from the catalog (payment gateway); the captured payment completes the order', async () => {
		const buyer = '919000090301';
		const before = (await executions(IN_LOOP)).length;
		const wrote = await sandbox.post('/buyer/message', { wa_id: buyer, phone_number_id: IN_SHOP.phone, name: 'Priya', text: 'Hi, what do you have?' });
		assert.equal(wrote.status, 200, JSON.stringify(wrote.body));

		const list = await productMessage(IN_SHOP, buyer);
		assert.equal(list.products.type, 'product_list');
		assert.equal(list.products.action.catalog_id, '194836987000004');
		assert.deepEqual(list.products.action.sections.map((s) => s.title), ['Tea', 'Gifts']);

		const cart = await sandbox.post('/buyer/cart', { wa_id: buyer, phone_number_id: IN_SHOP.phone, message_id: list.id, items: [{ retailer_id: 'chai-1', quantity: 3 }, { retailer_id: 'aloe-1', quantity: 1 }] });
		assert.equal(cart.status, 200, JSON.stringify(cart.body));
		const order = await cartOrder(IN_SHOP, buyer);
		assert.equal(order.total, 3 * 34900 + 150000);
		const details = order.details.action.parameters;
		assert.equal(details.payment_settings[0].type, 'payment_gateway');
		assert.equal(details.payment_settings[0].payment_gateway.configuration_name, 'rzp-shop');
		assert.deepEqual(details.order.items.map((i) => [i.retailer_id, i.name, i.amount.value, i.quantity]), [['chai-1', 'Masala Chai 250 g', 34900, 3], ['aloe-1', 'Blue Elf Aloe', 150000, 1]]);

		await sandbox.post('/buyer/india-payment', { reference_id: order.reference_id, outcome: 'captured' });
		const done = await waitFor('the India order to complete', async () => {
			const o = await sandbox.order(order.reference_id);
			return o.status === 'completed' ? o : null;
		});
		assert.equal(done.transactions[0].status, 'success');
		// The message, the cart, the captured payment; the gateway's pending/other statuses may add runs that send nothing.
		const fresh = await newRuns(IN_LOOP, before, 3);
		assert.ok(fresh.length >= 3);
	});
});
