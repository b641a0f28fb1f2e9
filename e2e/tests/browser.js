'use strict';
/** Headless Debian Chromium through playwright-core, signed in to n8n as the owner (the editor tests share it). */
const path = require('node:path');

const { N8N } = require('./helpers');

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

module.exports = { openBrowser, signIn };
