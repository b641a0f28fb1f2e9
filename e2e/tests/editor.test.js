'use strict';
/** The n8n editor in headless Debian Chromium: both nodes render with their icons and the node panel opens. */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');

const { N8N } = require('./helpers');

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let browser;
let page;

before(async () => {
	const { chromium } = require(path.join(__dirname, '..', '..', 'node_modules', 'playwright-core'));
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	fs.mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
	await browser?.close();
});

test('log in, open the One-Click example, see both nodes with icons, open the action node panel', async () => {
	await page.goto(`${N8N}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(process.env.WAPAY_N8N_EMAIL);
	await page.locator('input[type="password"]').first().fill(process.env.WAPAY_N8N_PASSWORD);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });

	await page.goto(`${N8N}/workflow/wapayExOneClick1`);
	const action = page.locator('[data-test-id="canvas-node"]', { hasText: 'Send order details' }).first();
	const trigger = page.locator('[data-test-id="canvas-node"]', { hasText: 'Buyer tapped Send payment' }).first();
	await action.waitFor({ timeout: 60000 });
	await trigger.waitFor();

	// Icons come from the package (dist/icons/whatsapp-payments.svg), not the "unknown node" placeholder.
	for (const node of [action, trigger]) {
		const icon = node.locator('img').first();
		await icon.waitFor();
		assert.match(await icon.getAttribute('src'), /whatsapp-payments(\.dark)?\.svg/);
		const loaded = await icon.evaluate((img) => img.complete && img.naturalWidth > 0);
		assert.ok(loaded, 'icon image loaded');
	}
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-one-click.png') });

	await action.dblclick();
	const panel = page.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]').first();
	await panel.waitFor({ timeout: 30000 });
	await page.getByText('Sender Phone Number').first().waitFor({ timeout: 30000 });
	await page.getByText('Input Mode').first().waitFor();
	const text = await page.locator('body').innerText();
	assert.doesNotMatch(text, /Install this node|node is not currently installed|Unrecognized node type|unknown node/i);
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-action-node-panel.png') });
});
