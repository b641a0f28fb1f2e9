/**
 * Commerce through n8n-core against the sandbox: commerce settings, the four product messages (sent, and
 * refused before sending naming the field and the rule), Continue On Fail, the editor's catalog lists, and
 * a cart filled from a product list reaching the trigger as a cart order event.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { buyerCart } from '../../sandbox/conversation';
import { INDIA_CATALOG } from '../../sandbox/seeds';
import type { Sandbox } from '../../sandbox/server';
import { graphOf, message } from '../helpers/graph';
import {
	ACTION_TYPE,
	actionWorkflow,
	additionalData,
	buildWorkflow,
	runWorkflow,
} from '../helpers/n8n';
import type { P } from '../helpers/orderParameters';
import { BUYER_IN, phone } from '../helpers/orderParameters';
import { credentialsFor, PHONE_IN, sandboxWithCatalog } from '../helpers/sandbox';
import { WebhookHost } from '../helpers/webhookHost';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CATALOG = INDIA_CATALOG.id;
const catalog = (id = CATALOG) => ({ __rl: true, mode: 'id', value: id });

function commerce(operation: string, extra: P = {}): P {
	const base: P = { resource: 'commerce', operation, phoneNumberId: phone(PHONE_IN) };
	if (operation.startsWith('send')) base.to = BUYER_IN;
	return { ...base, ...extra };
}

const productList = (extra: P = {}): P =>
	commerce('sendProductList', {
		catalogId: catalog(),
		headerText: 'Festive picks',
		bodyText: 'Pick what you like and send us the cart.',
		sections: {
			section: [
				{ title: 'Tea', products: ['chai-1'] },
				{ title: 'Gifts', products: 'aloe-1, diya-1' },
			],
		},
		...extra,
	});

describe('Commerce through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;
	let host: WebhookHost | undefined;
	beforeEach(async () => {
		sandbox = await sandboxWithCatalog();
	});
	afterEach(async () => {
		await sandbox.idle();
		await host?.stop();
		host = undefined;
		await sandbox.stop();
	});
	const run = (params: P, opts?: Parameters<typeof actionWorkflow>[1]) =>
		runWorkflow(actionWorkflow(params as never, opts), credentialsFor(sandbox));
	const graph = graphOf(() => sandbox);
	const sent = () => sandbox.requestLog.filter((r) => r.path.endsWith('/messages')).length;

	/** Runs each case and expects its refusal, with nothing reaching the sandbox. */
	async function expectRefused(cases: Array<[P, string]>): Promise<void> {
		const before = sandbox.requestLog.length;
		for (const [params, text] of cases) {
			const result = await run(params);
			expect(result.error?.message).toContain(text);
			expect((result.error as { description?: string }).description).toMatch(
				/Nothing was sent to Meta/,
			);
		}
		expect(sandbox.requestLog.length).toBe(before);
		expect(sandbox.store.chat).toHaveLength(0);
	}

	test("commerce settings: Meta's defaults, then cart off and catalog visible as query parameters, read back", async () => {
		const first = await run(commerce('getSettings'));
		expect(first.error).toBeUndefined();
		expect(first.output('WhatsApp Payments')[0]).toMatchObject({
			phone_number_id: PHONE_IN,
			is_cart_enabled: true,
			is_catalog_visible: false,
		});
		const update = await run(
			commerce('updateSettings', { cartEnabled: 'false', catalogVisible: 'true' }),
		);
		expect(update.error).toBeUndefined();
		expect(update.output('WhatsApp Payments')[0]).toEqual({
			phone_number_id: PHONE_IN,
			is_cart_enabled: false,
			is_catalog_visible: true,
			success: true,
		});
		const second = await run(commerce('getSettings'));
		expect(second.output('WhatsApp Payments')[0]).toMatchObject({
			is_cart_enabled: false,
			is_catalog_visible: true,
		});
		// Only the cart: the catalog setting stays.
		await run(commerce('updateSettings', { cartEnabled: 'true' }));
		expect(sandbox.store.commerceSettings.get(PHONE_IN)).toEqual({
			is_cart_enabled: true,
			is_catalog_visible: true,
		});
		// The sandbox holds Meta's documented form: settings in a JSON body are refused.
		const body = await graph('POST', `/${PHONE_IN}/whatsapp_commerce_settings`, {
			is_cart_enabled: false,
		});
		expect(body.status).toBe(400);
		expect(body.json.error.error_data.details).toMatch(/query parameters/);
	});

	test('Update Commerce Settings with nothing to change is refused before any request', async () => {
		await expectRefused([
			[commerce('updateSettings'), 'Invalid is_cart_enabled: or is_catalog_visible must be set'],
		]);
	});

	test('Send Product: the single product message as Meta documents it, drawn in the chat', async () => {
		const result = await run(
			commerce('sendProduct', {
				catalogId: catalog(),
				productRetailerId: { __rl: true, mode: 'list', value: 'aloe-1' },
				bodyText: 'Back in stock!',
				footerText: 'Sandbox Store',
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments') as J[];
		expect(out.payload.interactive).toEqual({
			type: 'product',
			body: { text: 'Back in stock!' },
			footer: { text: 'Sandbox Store' },
			action: { catalog_id: CATALOG, product_retailer_id: 'aloe-1' },
		});
		expect(out).toMatchObject({
			message_type: 'product',
			catalog_id: CATALOG,
			product_retailer_ids: ['aloe-1'],
			wa_id: BUYER_IN,
		});
		expect(out.message_id).toMatch(/^wamid\./);
		expect(sandbox.store.chat).toEqual([
			expect.objectContaining({ id: out.message_id, kind: 'products', wa_id: BUYER_IN }),
		]);
	});

	test('Send Product refusals: catalog ID, missing product, body and footer lengths; nothing reaches the sandbox', async () => {
		const ok = {
			catalogId: catalog(),
			productRetailerId: { __rl: true, mode: 'id', value: 'aloe-1' },
		};
		await expectRefused([
			[
				commerce('sendProduct', { ...ok, catalogId: catalog('={{ "my-catalog" }}') }),
				'Invalid action.catalog_id: must be the numeric catalog ID',
			],
			[
				commerce('sendProduct', {
					...ok,
					productRetailerId: { __rl: true, mode: 'id', value: '={{ "" }}' },
				}),
				'Invalid action.product_retailer_id: is required',
			],
			[
				commerce('sendProduct', { ...ok, bodyText: 'x'.repeat(1025) }),
				'Invalid body.text: must be at most 1024 characters',
			],
			[
				commerce('sendProduct', { ...ok, footerText: 'f'.repeat(61) }),
				'Invalid footer.text: must be at most 60 characters',
			],
		]);
	});

	test('a product the catalog does not have: Meta refuses it (sandbox), nothing is drawn', async () => {
		const result = await run(
			commerce('sendProduct', {
				catalogId: catalog(),
				productRetailerId: { __rl: true, mode: 'id', value: 'missing-9' },
			}),
		);
		expect(result.error?.message).toBeDefined();
		expect(JSON.stringify(result.error)).toMatch(/missing-9.*not found in catalog/);
		expect(sandbox.store.chat).toHaveLength(0);
	});

	test('Send Product List: sections from the list and from text, header, body and footer', async () => {
		const result = await run(productList({ footerText: 'Free delivery' }));
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments') as J[];
		expect(out.payload.interactive).toEqual({
			type: 'product_list',
			header: { type: 'text', text: 'Festive picks' },
			body: { text: 'Pick what you like and send us the cart.' },
			footer: { text: 'Free delivery' },
			action: {
				catalog_id: CATALOG,
				sections: [
					{ title: 'Tea', product_items: [{ product_retailer_id: 'chai-1' }] },
					{
						title: 'Gifts',
						product_items: [{ product_retailer_id: 'aloe-1' }, { product_retailer_id: 'diya-1' }],
					},
				],
			},
		});
		expect(out.product_retailer_ids).toEqual(['chai-1', 'aloe-1', 'diya-1']);
	});

	test("Send Product List refusals name the field and Meta's rule; nothing reaches the sandbox", async () => {
		const ids = (n: number) => Array.from({ length: n }, (_, k) => `sku-${k}`);
		await expectRefused([
			[productList({ headerText: '={{ "" }}' }), 'Invalid header.text: is required'],
			[productList({ bodyText: '={{ "" }}' }), 'Invalid body.text: is required'],
			[productList({ sections: {} }), 'Invalid action.sections: must have at least 1 entry'],
			[
				productList({ sections: { section: [{ products: ['a'] }, { products: ['b'] }] } }),
				'Invalid action.sections[0].title: is required',
			],
			[
				productList({
					sections: { section: [{ title: 'Teas from Assam, 25 chars', products: ['a'] }] },
				}),
				'Invalid action.sections[0].title: must be at most 24 characters',
			],
			[
				productList({ sections: { section: [{ title: 'A', products: [] }] } }),
				'Invalid action.sections[0].product_items: must have at least 1 entry',
			],
			[
				productList({
					sections: {
						section: [
							{ title: 'A', products: ids(20) },
							{ title: 'B', products: ids(11) },
						],
					},
				}),
				'Invalid action.sections[1].product_items: brings the products of all sections to 31: a product list holds at most 30',
			],
			[
				productList({
					sections: {
						section: Array.from({ length: 11 }, (_, k) => ({ title: `S${k}`, products: ['a'] })),
					},
				}),
				'Invalid action.sections: must have at most 10 entries',
			],
		]);
	});

	test('Continue On Fail: a bad section title becomes an error item paired with its input, the next item is sent', async () => {
		const result = await run(
			productList({
				sections: {
					section: [
						{ title: '={{ $json.title }}', products: ['chai-1'] },
						{ title: 'Gifts', products: ['aloe-1'] },
					],
				},
			}),
			{
				items: [{ title: 'Teas from Assam and Darjeeling' }, { title: 'Teas' }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		const items = result.items('WhatsApp Payments');
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(
			/action\.sections\[0\]\.title: must be at most 24 characters/,
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.message_type).toBe('product_list');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(sent()).toBe(1);
	});

	test('Send Catalog: body, footer and thumbnail; a blank body is refused before sending', async () => {
		const result = await run(
			commerce('sendCatalog', {
				bodyText: 'Browse our whole shop.',
				footerText: 'Sandbox Store',
				thumbnailRetailerId: 'chai-1',
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments') as J[];
		expect(out.payload.interactive).toEqual({
			type: 'catalog_message',
			body: { text: 'Browse our whole shop.' },
			footer: { text: 'Sandbox Store' },
			action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'chai-1' } },
		});
		expect(out.message_type).toBe('catalog_message');
		const before = sandbox.store.chat.length;
		await expectRefusedAfter(
			commerce('sendCatalog', { bodyText: '  ' }),
			'Invalid body.text: must not be blank',
		);
		expect(sandbox.store.chat).toHaveLength(before);
	});

	async function expectRefusedAfter(params: P, text: string): Promise<void> {
		const before = sandbox.requestLog.length;
		const result = await run(params);
		expect(result.error?.message).toContain(text);
		expect(sandbox.requestLog.length).toBe(before);
	}

	test('Send Product Carousel: one card per product, same catalog, card indexes in order; 1 or 11 cards refused', async () => {
		const result = await run(
			commerce('sendCarousel', {
				catalogId: catalog(),
				bodyText: 'Swipe for our festive picks',
				carouselProducts: ['aloe-1', 'chai-1', 'diya-1'],
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('WhatsApp Payments') as J[];
		expect(out.payload.interactive).toEqual({
			type: 'carousel',
			body: { text: 'Swipe for our festive picks' },
			action: {
				cards: ['aloe-1', 'chai-1', 'diya-1'].map((id, n) => ({
					card_index: n,
					type: 'product',
					action: { product_retailer_id: id, catalog_id: CATALOG },
				})),
			},
		});
		const before = sandbox.store.chat.length;
		const carousel = (products: unknown, extra: P = {}) =>
			commerce('sendCarousel', {
				catalogId: catalog(),
				bodyText: 'Swipe',
				carouselProducts: products,
				...extra,
			});
		await expectRefusedAfter(
			carousel(['aloe-1']),
			'Invalid action.cards: must have at least 2 entries',
		);
		await expectRefusedAfter(
			carousel(Array.from({ length: 11 }, (_, k) => `sku-${k}`)),
			'Invalid action.cards: must have at most 10 entries',
		);
		await expectRefusedAfter(
			carousel(['aloe-1', 'chai-1'], { bodyText: '={{ "" }}' }),
			'Invalid body.text: is required',
		);
		expect(sandbox.store.chat).toHaveLength(before);
	});

	test('the editor lists the connected catalog and its products (name, price, retailer ID)', async () => {
		const node = new WhatsAppPayments();
		const nodeJson: INode = {
			id: 'n1',
			name: 'WhatsApp Payments',
			type: ACTION_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: commerce('sendProduct', { catalogId: catalog() }) as INode['parameters'],
			credentials: { whatsAppPaymentsApi: { id: '1', name: 'WhatsApp Payments account' } },
		};
		const context = () =>
			new LoadOptionsContext(
				buildWorkflow({ nodes: [nodeJson], connections: {} }),
				nodeJson,
				// The editor sends the node's current parameters with every options request.
				Object.assign(additionalData(credentialsFor(sandbox)), {
					currentNodeParameters: nodeJson.parameters,
				}),
				'parameters.productRetailerId',
			);
		const catalogs = await node.methods.listSearch.searchCatalogs.call(context());
		expect(catalogs.results).toEqual([
			{ name: `Sandbox Store catalog (${CATALOG})`, value: CATALOG },
		]);
		const products = await node.methods.listSearch.searchProducts.call(context(), 'chai');
		expect(products.results).toEqual([{ name: 'Masala Chai 250 g (INR 349.00)', value: 'chai-1' }]);
		const options = await node.methods.loadOptions.getCatalogProducts.call(context());
		expect(options.map((o) => o.value)).toEqual(['aloe-1', 'chai-1', 'diya-1']);
		// No catalog chosen yet: an empty list, no request.
		nodeJson.parameters = commerce('sendProduct', {
			catalogId: catalog(''),
		}) as INode['parameters'];
		expect(await node.methods.loadOptions.getCatalogProducts.call(context())).toEqual([]);
	});

	test('a cart filled from a product list reaches the trigger as a cart order, priced from the catalog', async () => {
		host = new WebhookHost(credentialsFor(sandbox), {
			registration: 'app',
			events: ['cart_order'],
			options: {},
		});
		await host.start();
		await host.activate();
		const result = await run(productList());
		expect(result.error).toBeUndefined();
		const wamid = (result.output('WhatsApp Payments')[0] as J).message_id as string;
		// A product the message does not offer cannot be in its cart.
		expect(() =>
			buyerCart(sandbox, {
				wa_id: BUYER_IN,
				phone_number_id: PHONE_IN,
				message_id: wamid,
				items: [{ retailer_id: 'not-offered', quantity: 1 }],
			}),
		).toThrow(
			expect.objectContaining({ details: expect.stringMatching(/not offered by message/) }),
		);
		const res = await fetch(`${sandbox.url}/_sandbox/buyer/cart`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				wa_id: BUYER_IN,
				phone_number_id: PHONE_IN,
				message_id: wamid,
				items: [
					{ retailer_id: 'chai-1', quantity: 2 },
					{ retailer_id: 'diya-1', quantity: 1 },
				],
			}),
		});
		expect(res.status).toBe(200);
		await sandbox.idle();
		const items = host.runs.flatMap((r) => r.items);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'cart_order',
			wa_id: BUYER_IN,
			catalog_id: CATALOG,
			items: [
				{ retailer_id: 'chai-1', quantity: 2, unit_amount: { value: 34900, offset: 100 } },
				{ retailer_id: 'diya-1', quantity: 1, unit_amount: { value: 19950, offset: 100 } },
			],
			subtotal: { value: 89750, offset: 100 },
		});
	});

	test('with the cart disabled in the commerce settings the buyer has no cart to send', async () => {
		await run(commerce('updateSettings', { cartEnabled: 'false' }));
		const result = await run(productList());
		const wamid = (result.output('WhatsApp Payments')[0] as J).message_id as string;
		expect(() =>
			buyerCart(sandbox, { wa_id: BUYER_IN, phone_number_id: PHONE_IN, message_id: wamid }),
		).toThrow(expect.objectContaining({ details: expect.stringMatching(/cart is disabled/) }));
	});

	test('the sandbox holds the rules too: a product list missing some products is sent without them, a carousel of two catalogs is refused', async () => {
		const partial = await graph(
			'POST',
			`/${PHONE_IN}/messages`,
			message(
				{
					type: 'product_list',
					header: { type: 'text', text: 'Picks' },
					body: { text: 'Pick' },
					action: {
						catalog_id: CATALOG,
						sections: [
							{
								product_items: [
									{ product_retailer_id: 'chai-1' },
									{ product_retailer_id: 'gone-1' },
								],
							},
						],
					},
				},
				BUYER_IN,
			),
		);
		expect(partial.status).toBe(200);
		expect(sandbox.store.chat[0].dropped).toEqual(['gone-1']);
		const mixed = await graph(
			'POST',
			`/${PHONE_IN}/messages`,
			message(
				{
					type: 'carousel',
					body: { text: 'Swipe' },
					action: {
						cards: [
							{
								card_index: 0,
								type: 'product',
								action: { product_retailer_id: 'chai-1', catalog_id: CATALOG },
							},
							{
								card_index: 1,
								type: 'product',
								action: { product_retailer_id: 'aloe-1', catalog_id: '999' },
							},
						],
					},
				},
				BUYER_IN,
			),
		);
		expect(mixed.status).toBe(400);
		expect(mixed.json.error.error_data.details).toMatch(
			/action\.cards\[1\]\.action\.catalog_id: must be the same catalog on every card/,
		);
		expect(sandbox.store.chat).toHaveLength(1);
	});
});
