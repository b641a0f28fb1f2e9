/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

import seed from '../fixtures/seed-000-order-details.json';
import { SANDBOX_DEFAULTS, startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	buildCatalogMessageInteractive,
	buildCheckoutCarouselTemplate,
	buildMessage,
	buildProductCarouselInteractive,
	buildProductListInteractive,
	buildOrderDetailsParameters,
	buildOrderStatusInteractive,
	buildOrderStatusParameters,
	buildPaymentRequestTemplate,
	buildTemplateMessage,
	paymentSetting,
} from '../../nodes/shared';
import { APP_SECRET, PHONE_BR, sandboxFor, TOKEN, WABA_ID } from '../helpers/sandbox';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', '..', 'e2e', 'artifacts');

describe('buyer simulator page in headless Chromium', () => {
	let sandbox: Sandbox;
	let browser: Browser;
	let server: http.Server;
	const received: Array<{ raw: Buffer; signature: string | undefined }> = [];
	let callbackUrl = '';

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				if (req.method === 'POST')
					received.push({
						raw: Buffer.concat(chunks),
						signature: req.headers['x-hub-signature-256'] as string | undefined,
					});
				res.writeHead(200).end('ok');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/receiver`;
		sandbox = await sandboxFor();
		sandbox.subscribedApps.set(WABA_ID, { override_callback_uri: callbackUrl });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
	});

	afterAll(async () => {
		await browser?.close();
		await sandbox?.stop();
		await new Promise<void>((r) => server.close(() => r()));
	});

	test('an order appears; clicking "Send payment" delivers a signed payment_method webhook to the receiver', async () => {
		const interactive = JSON.parse(JSON.stringify(seed.interactive));
		interactive.action.parameters.reference_id = 'browser-1';
		const sent = await fetch(`${sandbox.url}/v25.0/${PHONE_BR}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				messaging_product: 'whatsapp',
				to: '5511999990001',
				type: 'interactive',
				interactive,
			}),
		});
		expect(sent.status).toBe(200);

		const page = await browser.newPage();
		await page.goto(`${sandbox.url}/_sandbox/buyer`);
		const card = page.locator('.order[data-ref="browser-1"]');
		await card.waitFor();
		expect(await card.textContent()).toContain('500.00');
		await card.getByRole('button', { name: /Send payment/ }).click();

		const deadline = Date.now() + 10000;
		while (received.length === 0 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 50));
		expect(received).toHaveLength(1);
		const { raw, signature } = received[0];
		expect(signature).toBe(`sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`);
		const value = JSON.parse(raw.toString()).entry[0].changes[0].value;
		expect(value.messages[0].interactive.payment_method).toMatchObject({
			reference_id: 'browser-1',
			credential_id: '1234567',
			last_four_digits: '5235',
		});

		await page.locator('.order[data-ref="browser-1"] .badge.pending').waitFor();

		// The shop's order_status: its bubble shows the text the shop sent, then the new status.
		const body = 'Pagamento recebido! Estamos preparando o seu pedido.';
		const statusSent = await fetch(`${sandbox.url}/v25.0/${PHONE_BR}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(
				buildMessage(
					'5511999990001',
					'interactive',
					buildOrderStatusInteractive(
						buildOrderStatusParameters({
							country: 'BR',
							referenceId: 'browser-1',
							status: 'processing',
						}),
						{ body, footer: 'Loja X' },
					),
				),
			),
		});
		expect(statusSent.status).toBe(200);
		const bubble = page.locator('.bubble.status[data-ref="browser-1"]');
		await bubble.waitFor();
		expect(await bubble.locator('.body').textContent()).toBe(body);
		expect(await bubble.locator('.state').textContent()).toContain('processing');
		expect(await bubble.locator('.footer').textContent()).toBe('Loja X');
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: path.join(ARTIFACTS, 'buyer-page.png'), fullPage: true });
	});

	test('templates: a carousel shows its cards with their buttons, a payment request its payment buttons; "Buyer sends a cart" delivers a signed order webhook', async () => {
		const shops = await startSandbox({
			port: 0,
			businesses: SANDBOX_DEFAULTS.businesses,
			accessTokens: [TOKEN],
			statusDelayMs: 0,
		});
		const [br, inb] = SANDBOX_DEFAULTS.businesses;
		shops.subscribedApps.set(inb.wabaId, { override_callback_uri: callbackUrl });
		try {
			const post = (phone: string, message: unknown) =>
				fetch(`${shops.url}/v25.0/${phone}/messages`, {
					method: 'POST',
					headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
					body: JSON.stringify(message),
				});
			const card = (ref: string) => ({
				header: { type: 'image' as const, link: `https://img.example/${ref}.jpg` },
				parameters: buildOrderDetailsParameters(
					{
						country: 'IN',
						referenceId: ref,
						goodsType: 'digital-goods',
						paymentSettings: [
							paymentSetting.paymentGateway({ gateway: 'razorpay', configurationName: 'rzp-demo' }),
						],
						catalogId: 'c',
						items: [{ name: `Diya ${ref}`, retailerId: ref, amount: '199.50', quantity: 1 }],
					},
					{ flavor: 'checkout' },
				),
			});
			expect(
				(
					await post(
						inb.phoneNumbers[0].id,
						buildTemplateMessage(
							'919000090000',
							buildCheckoutCarouselTemplate(
								{ name: 'festive_picks', language: 'en_US', bodyVariables: ['Nidhi'] },
								['d-1', 'd-2', 'd-3'].map(card),
							),
						),
					)
				).status,
			).toBe(200);
			expect(
				(
					await post(
						br.phoneNumbers[0].id,
						buildTemplateMessage(
							'5511955550100',
							buildPaymentRequestTemplate(
								{ name: 'cobranca_web', language: 'pt_BR', bodyVariables: ['Ana', 'F-1'] },
								[
									{ index: 0, type: 'pix_dynamic_code', value: '000201pix' },
									{
										index: 1,
										type: 'boleto',
										value: '03399026944140000002628346101018898510000008848',
									},
									{ index: 2, type: 'payment_link', value: 'https://pay.example/F-1' },
								],
							),
						),
					)
				).status,
			).toBe(200);
			const page = await browser.newPage();
			await page.goto(`${shops.url}/_sandbox/buyer`);
			await page.locator('.chat', { hasText: '919000090000' }).click();
			const carousel = page.locator('.carousel');
			await carousel.waitFor();
			expect(await carousel.locator('.order').count()).toBe(3);
			expect(await carousel.textContent()).toContain('Festive picks for Nidhi');
			expect(await carousel.locator('.order[data-ref="d-2"] .cta').textContent()).toBe('Buy now');
			await carousel
				.locator('.order[data-ref="d-2"]')
				.getByRole('button', { name: /Pay via gateway/ })
				.waitFor();
			await page.screenshot({
				path: path.join(ARTIFACTS, 'buyer-page-carousel.png'),
				fullPage: true,
			});
			await page.locator('.chat', { hasText: '5511955550100' }).click();
			const request = page.locator('.payment-request');
			await request.waitFor();
			expect(await request.getByRole('button').allTextContents()).toEqual([
				'Copy Pix code',
				'Copy Boleto code',
				'Open payment link',
			]);

			received.length = 0;
			await page.locator('#new-buyer').fill('919000090077');
			await page.locator('#new-shop').selectOption(inb.wabaId);
			await page.getByRole('button', { name: 'Buyer sends a cart' }).click();
			await page.locator('.cart').waitFor();
			const deadline = Date.now() + 10000;
			while (received.length === 0 && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 50));
			const { raw, signature } = received[0];
			expect(signature).toBe(
				`sha256=${createHmac('sha256', inb.appSecret).update(raw).digest('hex')}`,
			);
			const message = JSON.parse(raw.toString()).entry[0].changes[0].value.messages[0];
			expect(message).toMatchObject({
				from: '919000090077',
				type: 'order',
				order: { catalog_id: '194836987000002' },
			});
		} finally {
			await shops.stop();
		}
	});

	test('product messages: a product list, a carousel and a catalog message are drawn with names and prices; quantities and "Send cart" deliver the cart as an order webhook', async () => {
		const shops = await startSandbox({
			port: 0,
			businesses: SANDBOX_DEFAULTS.businesses,
			accessTokens: [TOKEN],
			statusDelayMs: 0,
		});
		const inb = SANDBOX_DEFAULTS.businesses[1];
		const catalog = inb.catalog!.id;
		shops.subscribedApps.set(inb.wabaId, { override_callback_uri: callbackUrl });
		try {
			const buyer = '919000090088';
			const post = async (interactive: Record<string, unknown>) => {
				const res = await fetch(`${shops.url}/v25.0/${inb.phoneNumbers[0].id}/messages`, {
					method: 'POST',
					headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
					body: JSON.stringify(buildMessage(buyer, 'interactive', interactive)),
				});
				expect(res.status).toBe(200);
			};
			await post(
				buildProductListInteractive({
					catalogId: catalog,
					header: 'Festive picks',
					body: 'Pick and send us the cart',
					sections: [
						{ title: 'Tea', retailerIds: ['chai-1'] },
						{ title: 'Gifts', retailerIds: ['aloe-1', 'diya-1'] },
					],
				}),
			);
			await post(
				buildProductCarouselInteractive({
					catalogId: catalog,
					body: 'Swipe',
					retailerIds: ['aloe-1', 'diya-1'],
				}),
			);
			await post(buildCatalogMessageInteractive({ body: 'All our products' }));
			const page = await browser.newPage();
			const consoleErrors: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error') consoleErrors.push(m.text());
			});
			await page.goto(`${shops.url}/_sandbox/buyer`);
			await page.locator('.chat', { hasText: buyer }).click();
			const list = page.locator('.products.product_list');
			await list.waitFor();
			expect(await list.textContent()).toContain('Festive picks');
			expect(await list.textContent()).toContain('Masala Chai 250 g');
			expect(await list.textContent()).toContain('349.00 INR');
			expect(await page.locator('.products.carousel .product-card').count()).toBe(2);
			const catalogMessage = page.locator('.products.catalog_message');
			// Meta's default hides the catalog: View catalog is an invalid link until the number shows it.
			expect(await catalogMessage.textContent()).toContain('Invalid catalog link');
			const visible = await fetch(
				`${shops.url}/v25.0/${inb.phoneNumbers[0].id}/whatsapp_commerce_settings?is_catalog_visible=true`,
				{ method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } },
			);
			expect(visible.status).toBe(200);
			await catalogMessage.getByLabel('Quantity of Blue Elf Aloe').waitFor();

			received.length = 0;
			await list.getByLabel('Quantity of Masala Chai 250 g').fill('2');
			await list.getByLabel('Quantity of Clay Diya set').fill('1');
			// The page redraws every 2 s: the quantities typed stay.
			await page.waitForTimeout(2200);
			expect(await list.getByLabel('Quantity of Masala Chai 250 g').inputValue()).toBe('2');
			await list.getByRole('button', { name: 'Send cart' }).click();
			await page.locator('.cart').waitFor();
			const deadline = Date.now() + 10000;
			while (received.length === 0 && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 50));
			const message = JSON.parse(received[0].raw.toString()).entry[0].changes[0].value.messages[0];
			expect(message).toMatchObject({
				from: buyer,
				type: 'order',
				order: {
					catalog_id: catalog,
					product_items: [
						{ product_retailer_id: 'chai-1', quantity: 2, item_price: 349, currency: 'INR' },
						{ product_retailer_id: 'diya-1', quantity: 1, item_price: 199.5, currency: 'INR' },
					],
				},
			});
			await page.screenshot({
				path: path.join(ARTIFACTS, 'buyer-page-products.png'),
				fullPage: true,
			});
			expect(consoleErrors).toEqual([]);
		} finally {
			await shops.stop();
		}
	});

	test("inputs have labels; the new buyer's number is prefilled for the chosen shop's country; the raw control answers sit behind a closed debug toggle; no console error", async () => {
		const shops = await startSandbox({
			port: 0,
			businesses: SANDBOX_DEFAULTS.businesses,
			accessTokens: [TOKEN],
			statusDelayMs: 0,
		});
		const [br, inb] = SANDBOX_DEFAULTS.businesses;
		expect(br.phoneNumbers[0].display_phone_number).toMatch(/^\+55/);
		expect(inb.phoneNumbers[0].display_phone_number).toMatch(/^\+91/);
		shops.subscribedApps.set(br.wabaId, { override_callback_uri: callbackUrl });
		try {
			const page = await browser.newPage();
			const consoleErrors: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error') consoleErrors.push(m.text());
			});
			page.on('pageerror', (e) => consoleErrors.push(e.message));
			await page.goto(`${shops.url}/_sandbox/buyer`);

			const buyer = page.getByLabel("New buyer's number");
			const shop = page.getByLabel('Shop', { exact: true });
			await shop.locator(`option[value="${inb.wabaId}"]`).waitFor({ state: 'attached' });
			// The first shop is the Brazil one: a Brazilian number; India gives an Indian one, and back.
			expect(await shop.inputValue()).toBe(br.wabaId);
			expect(await buyer.inputValue()).toMatch(/^55\d{10,11}$/);
			await shop.selectOption(inb.wabaId);
			expect(await buyer.inputValue()).toMatch(/^91\d{10}$/);
			await shop.selectOption(br.wabaId);
			expect(await buyer.inputValue()).toMatch(/^55\d{10,11}$/);
			// A number the user typed is theirs: choosing another shop keeps it.
			await buyer.fill('5511977770000');
			await shop.selectOption(inb.wabaId);
			expect(await buyer.inputValue()).toBe('5511977770000');
			await shop.selectOption(br.wabaId);

			// The debug log is closed at first; an action's raw answer goes there, shown only when opened.
			const log = page.locator('#log');
			expect(await log.isVisible()).toBe(false);
			await page.getByRole('button', { name: 'Buyer sends a cart' }).click();
			await page.locator('.cart').waitFor();
			await page.getByLabel('Message as the buyer').waitFor();
			expect(await log.isVisible()).toBe(false);
			await page.getByText("Debug: the control API's raw answers").click();
			await log.waitFor({ state: 'visible' });
			expect(await log.textContent()).toContain('/buyer/cart -> {');

			// Every input and select on the page has a label.
			const controls = await page.locator('input, select, textarea').evaluateAll((els) =>
				els.map((el) => ({
					id: el.id,
					labels:
						((el as unknown as { labels?: { length: number } | null }).labels?.length ?? 0) +
						(el.getAttribute('aria-label') ? 1 : 0),
				})),
			);
			expect(controls.map((c) => c.id).sort()).toEqual(['new-buyer', 'new-shop', 'say']);
			expect(controls.filter((c) => c.labels === 0)).toEqual([]);
			await page.screenshot({ path: path.join(ARTIFACTS, 'buyer-page-tools.png'), fullPage: true });
			expect(consoleErrors).toEqual([]);
		} finally {
			await shops.stop();
		}
	});
});
