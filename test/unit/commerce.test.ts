/** Commerce: the product message builders and validators with Meta's limits, and the commerce settings helpers. */
import {
	buildCatalogMessageInteractive,
	buildProductCarouselInteractive,
	buildProductListInteractive,
	buildSingleProductInteractive,
	commerceSettingsQuery,
	parseCommerceSettings,
	productsOfMessage,
	retailerIdList,
	validateProductMessage,
} from '../../nodes/shared';
import { expectRule } from '../helpers/payloads';

const CAT = '194836987000002';
const ids = (n: number, prefix = 'sku') => Array.from({ length: n }, (_, k) => `${prefix}-${k}`);
const list = (sections: Array<{ title?: string; retailerIds: unknown }>) =>
	buildProductListInteractive({ catalogId: CAT, header: 'Picks', body: 'Pick some', sections });
const card = (index: unknown, id: string, catalog = CAT, type: unknown = 'product') => ({
	card_index: index,
	type,
	action: { product_retailer_id: id, catalog_id: catalog },
});
const carousel = (cards: unknown[], extra: Record<string, unknown> = {}) => ({
	type: 'carousel',
	body: { text: 'Swipe' },
	action: { cards },
	...extra,
});

describe('single product', () => {
	test('catalog and product required, body and footer optional, no header', () => {
		expect(buildSingleProductInteractive({ catalogId: CAT, retailerId: 'a' })).toEqual({
			type: 'product',
			action: { catalog_id: CAT, product_retailer_id: 'a' },
		});
		expectRule(
			() => buildSingleProductInteractive({ catalogId: '', retailerId: 'a' }),
			'action.catalog_id',
			/is required/,
		);
		expectRule(
			() => buildSingleProductInteractive({ catalogId: 'abc', retailerId: 'a' }),
			'action.catalog_id',
			/numeric catalog ID/,
		);
		expectRule(
			() => buildSingleProductInteractive({ catalogId: CAT, retailerId: ' a' }),
			'action.product_retailer_id',
			/spaces/,
		);
		expectRule(
			() =>
				validateProductMessage({
					type: 'product',
					header: { type: 'text', text: 'x' },
					action: { catalog_id: CAT, product_retailer_id: 'a' },
				}),
			'interactive.header',
			/not a field Meta accepts here/,
		);
		expectRule(
			() =>
				buildSingleProductInteractive({ catalogId: CAT, retailerId: 'a', footer: 'f'.repeat(61) }),
			'footer.text',
			/at most 60 characters/,
		);
	});
});

describe('product list', () => {
	test('one section may go without a title; several need one of at most 24 characters', () => {
		expect(list([{ retailerIds: ['a', 'b'] }]).action).toEqual({
			catalog_id: CAT,
			sections: [{ product_items: [{ product_retailer_id: 'a' }, { product_retailer_id: 'b' }] }],
		});
		expectRule(
			() => list([{ retailerIds: ['a'] }, { title: 'B', retailerIds: ['b'] }]),
			'action.sections[0].title',
			/is required/,
		);
		expectRule(
			() => list([{ title: 'x'.repeat(25), retailerIds: ['a'] }]),
			'action.sections[0].title',
			/at most 24 characters/,
		);
		expect(list([{ title: 'x'.repeat(24), retailerIds: ['a'] }])).toBeDefined();
	});

	test('1 to 10 sections, at least one product each, at most 30 products in all', () => {
		expectRule(() => list([]), 'action.sections', /at least 1 entry/);
		const eleven = ids(11).map((title) => ({ title, retailerIds: ['a'] }));
		expectRule(() => list(eleven), 'action.sections', /at most 10 entries/);
		expect(list(eleven.slice(0, 10)).type).toBe('product_list');
		expectRule(
			() => list([{ title: 'A', retailerIds: '' }]),
			'action.sections[0].product_items',
			/at least 1 entry/,
		);
		expect(
			list([
				{ title: 'A', retailerIds: ids(15) },
				{ title: 'B', retailerIds: ids(15, 'b') },
			]),
		).toBeDefined();
		expectRule(
			() =>
				list([
					{ title: 'A', retailerIds: ids(15) },
					{ title: 'B', retailerIds: ids(16, 'b') },
				]),
			'action.sections[1].product_items',
			/all sections to 31: a product list holds at most 30/,
		);
	});

	test('a text header is required; header, body and footer lengths', () => {
		const base = list([{ retailerIds: ['a'] }]);
		expectRule(
			() => validateProductMessage({ ...base, header: undefined }),
			'header',
			/is required/,
		);
		expectRule(
			() => validateProductMessage({ ...base, header: { type: 'image', text: 'x' } }),
			'header.type',
			/must be text/,
		);
		expectRule(
			() => validateProductMessage({ ...base, header: { type: 'text', text: 'h'.repeat(61) } }),
			'header.text',
			/at most 60/,
		);
		expectRule(() => validateProductMessage({ ...base, body: undefined }), 'body', /is required/);
		expectRule(
			() => validateProductMessage({ ...base, body: { text: 'b'.repeat(1025) } }),
			'body.text',
			/at most 1024/,
		);
	});
});

describe('catalog message', () => {
	test('body required, footer and thumbnail optional, the action named catalog_message', () => {
		expect(buildCatalogMessageInteractive({ body: 'See all', thumbnailRetailerId: 'a' })).toEqual({
			type: 'catalog_message',
			body: { text: 'See all' },
			action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'a' } },
		});
		expect(buildCatalogMessageInteractive({ body: 'See all' }).action).toEqual({
			name: 'catalog_message',
		});
		expectRule(() => buildCatalogMessageInteractive({ body: '' }), 'body.text', /is required/);
		expectRule(
			() =>
				validateProductMessage({
					type: 'catalog_message',
					body: { text: 'x' },
					action: { name: 'catalog' },
				}),
			'action.name',
			/must be catalog_message/,
		);
		// One catalog per message: a catalog message names none, so a catalog_id is refused.
		expectRule(
			() =>
				validateProductMessage({
					type: 'catalog_message',
					body: { text: 'x' },
					action: { name: 'catalog_message', catalog_id: CAT },
				}),
			'action.catalog_id',
			/not a field Meta accepts here/,
		);
	});
});

describe('product carousel', () => {
	test('2 to 10 product cards of one catalog, unique indexes 0 to 9, body only', () => {
		const built = buildProductCarouselInteractive({
			catalogId: CAT,
			body: 'Swipe',
			retailerIds: 'a, b',
		});
		expect(built).toEqual(carousel([card(0, 'a'), card(1, 'b')]));
		expectRule(
			() => buildProductCarouselInteractive({ catalogId: CAT, body: 'Swipe', retailerIds: ['a'] }),
			'action.cards',
			/at least 2 entries/,
		);
		expectRule(
			() =>
				buildProductCarouselInteractive({ catalogId: CAT, body: 'Swipe', retailerIds: ids(11) }),
			'action.cards',
			/at most 10 entries/,
		);
		expect(
			buildProductCarouselInteractive({ catalogId: CAT, body: 'Swipe', retailerIds: ids(10) }),
		).toBeDefined();
		expectRule(
			() => validateProductMessage(carousel([card(0, 'a'), card(0, 'b')])),
			'action.cards[1].card_index',
			/unique/,
		);
		expectRule(
			() => validateProductMessage(carousel([card(0, 'a'), card(10, 'b')])),
			'action.cards[1].card_index',
			/0 to 9/,
		);
		expectRule(
			() => validateProductMessage(carousel([card(0, 'a'), card('1', 'b')])),
			'action.cards[1].card_index',
			/whole number/,
		);
		expectRule(
			() => validateProductMessage(carousel([card(0, 'a'), card(1, 'b', '777')])),
			'action.cards[1].action.catalog_id',
			/same catalog on every card/,
		);
		expectRule(
			() => validateProductMessage(carousel([card(0, 'a'), card(1, 'b', CAT, 'image')])),
			'action.cards[1].type',
			/must be product/,
		);
		expectRule(
			() =>
				validateProductMessage(carousel([card(0, 'a'), card(1, 'b')], { footer: { text: 'f' } })),
			'interactive.footer',
			/not a field/,
		);
		expectRule(
			() => validateProductMessage(carousel([card(0, 'a'), card(1, 'b')], { body: undefined })),
			'body',
			/is required/,
		);
	});
});

describe('shared', () => {
	test('unknown type, retailer ID lists, the products a message offers', () => {
		expectRule(
			() => validateProductMessage({ type: 'button' }),
			'type',
			/product, product_list, catalog_message, carousel/,
		);
		expectRule(() => validateProductMessage('x'), 'interactive', /must be an object/);
		expect(retailerIdList('a, b\nc,,', 'f')).toEqual(['a', 'b', 'c']);
		expect(retailerIdList(undefined, 'f')).toEqual([]);
		expectRule(() => retailerIdList([1], 'f'), 'f[0]', /must be text/);
		expect(
			productsOfMessage(
				list([
					{ title: 'A', retailerIds: ['a'] },
					{ title: 'B', retailerIds: ['b', 'c'] },
				]),
			),
		).toEqual({
			catalogId: CAT,
			retailerIds: ['a', 'b', 'c'],
		});
		expect(productsOfMessage(buildCatalogMessageInteractive({ body: 'x' }))).toEqual({
			retailerIds: [],
		});
	});

	test("commerce settings: Meta's answer read with its defaults; an update changes at least one setting", () => {
		expect(
			parseCommerceSettings({
				data: [{ is_cart_enabled: false, is_catalog_visible: true, id: '7' }],
			}),
		).toEqual({
			id: '7',
			is_cart_enabled: false,
			is_catalog_visible: true,
		});
		expect(parseCommerceSettings({ data: [] })).toEqual({
			id: null,
			is_cart_enabled: true,
			is_catalog_visible: false,
		});
		expect(commerceSettingsQuery({ cartEnabled: 'false', catalogVisible: 'unchanged' })).toEqual({
			is_cart_enabled: false,
		});
		expect(commerceSettingsQuery({ catalogVisible: true })).toEqual({ is_catalog_visible: true });
		expectRule(
			() => commerceSettingsQuery({}),
			'is_cart_enabled',
			/or is_catalog_visible must be set/,
		);
		expectRule(
			() => commerceSettingsQuery({ cartEnabled: 'yes' }),
			'is_cart_enabled',
			/must be true or false/,
		);
	});
});
