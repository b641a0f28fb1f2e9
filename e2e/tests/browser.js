'use strict';
/** Headless Debian Chromium through playwright-core, signed in to n8n as the owner (the editor tests share it). */
const path = require('node:path');

const { N8N, waitFor } = require('./helpers');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function openBrowser() {
	const { chromium } = require(path.join(__dirname, '..', '..', 'node_modules', 'playwright-core'));
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	return { browser, page };
}

async function signIn(page) {
	await page.goto(`${N8N}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(process.env.WAPAY_N8N_EMAIL);
	await page.locator('input[type="password"]').first().fill(process.env.WAPAY_N8N_PASSWORD);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
}

/** The node panel's items as `{ title, text }` (text: everything the item shows, its description included). */
async function panelItems(page) {
	return (await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts()).map((t) => ({ title: t.split('\n')[0].trim(), text: t.replace(/\s+/g, ' ').trim() }));
}

/** Types into the open node panel's search and returns the items once the list shows the results. */
async function searchPanel(page, term) {
	const search = page.locator('[data-test-id="node-creator-search-bar"]').first();
	await search.waitFor({ timeout: 15000 });
	const shown = JSON.stringify(await panelItems(page));
	await search.fill(term);
	// The list filters as one types: wait until it is no longer the unfiltered one.
	await waitFor(`the node panel to list results for "${term}"`, async () => JSON.stringify(await panelItems(page)) !== shown || (await page.getByText(/We didn't make that|No results|nothing found/i).count()) > 0, 15000);
	await page.waitForTimeout(300);
	return panelItems(page);
}

/** Opens the app `title` in the open node panel and returns what its page lists, once `expected` shows. */
async function openApp(page, title, expected) {
	await page.locator('[data-test-id="item-iterator-item"]', { hasText: title }).first().click();
	await page.locator('[data-test-id="item-iterator-item"]', { hasText: expected }).first().waitFor({ timeout: 15000 });
	await page.waitForTimeout(300);
	return panelItems(page);
}

/**
 * What the node panel lists for `term`, as a user adding nodes meets it: the panel a new workflow's first step
 * opens (triggers; `triggers`, and `events`: the trigger app's page when `events` names one of its events), and
 * the one that opens after a first step (every node; `actions`, and `operations`: the app's page). Titles are in
 * `triggers`, `actions`, `operations`; `...Items` hold `{ title, text }` with each item's description.
 */
async function nodePanelItems(page, term, { event, shot = async () => {} } = {}) {
	const firstStep = async () => {
		await page.goto(`${N8N}/workflow/new`);
		await page.locator('[data-test-id="canvas-add-button"]').first().click({ timeout: 60000 });
		return searchPanel(page, term);
	};
	let triggerItems = await firstStep();
	await shot('first-step');
	let eventItems = [];
	if (event && triggerItems.some((i) => i.title === term)) {
		eventItems = await openApp(page, term, event);
		await shot('trigger-events');
		triggerItems = await firstStep();
	}
	await searchPanel(page, 'manual');
	await page.locator('[data-test-id="item-iterator-item"]', { hasText: 'Manual Trigger' }).first().click();
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	const actionItems = await searchPanel(page, term);
	await shot('next-step');
	// n8n shows a node and its trigger as one app: its page lists the operations.
	let operationItems = [];
	if (actionItems.some((i) => i.title === term)) {
		operationItems = await openApp(page, term, 'Send order details');
		await shot('operations');
	}
	await page.keyboard.press('Escape');
	const titles = (items) => items.map((i) => i.title);
	return { triggers: titles(triggerItems), actions: titles(actionItems), operations: titles(operationItems), events: titles(eventItems), triggerItems, actionItems, operationItems, eventItems };
}

module.exports = { openBrowser, signIn, nodePanelItems };
