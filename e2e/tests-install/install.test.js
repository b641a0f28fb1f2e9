'use strict';
/**
 * The package installed as users install it: n8n started without it, the packed package published to a
 * local npm registry (e2e/lib/registry.js), and in headless Chromium, as the owner:
 * - Settings > Community Nodes > Install, the package name typed, the risk notice accepted;
 * - both nodes in the node panel;
 * - the One-Click example (imported before the install, unpublished) published and paid for by a buyer;
 * - a higher version published: n8n offers the update, the update from the editor, the example still runs;
 * - uninstall: n8n names the workflow that uses the nodes, then the nodes are gone.
 * In queue mode every webhook process and worker has a user folder of its own: each installs, updates and
 * removes the package itself when the main process tells it to, and a worker runs the package's nodes.
 * Run with `npm run test:e2e:install` (`-- --queue`, `-- --matrix`).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');

const { N8N, json, sandbox, executions, n8nRequest, waitFor, noteChecked } = require('../tests/helpers');
const { openBrowser, signIn, nodePanelItems } = require('../tests/browser');
const { publish, reversion, nextPatch } = require('../lib/registry');

const PACKAGE = 'n8n-nodes-whatsapp-payments';
const ONE_CLICK = 'wapayExOneClick1';
const ONE_CLICK_NAME = 'WhatsApp Payments: Brazil One-Click card';
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const QUEUE = process.env.WAPAY_TOPOLOGY === 'queue';
const TARBALL = process.env.WAPAY_PACKAGE_TARBALL;
const FIRST = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
const SECOND = nextPatch(FIRST);
/**
 * n8n 1.123 checks the version against registry.npmjs.org itself before running npm, and takes `latest` for
 * missing there (e2e/lib/registry.js): with a registry of one's own it installs only a named version and
 * cannot update. So on 1.x the name is typed with its version, and the update test does not run.
 */
const N8N_1 = Number((process.env.WAPAY_N8N_VERSION || '2').split('.')[0]) < 2;

let browser;
let page;

before(async () => {
	({ browser, page } = await openBrowser());
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await signIn(page);
});

after(async () => {
	await browser?.close();
});

const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `install-${QUEUE ? 'queue-' : ''}${name}.png`) });

/** n8n's processes in this topology: name -> { folder, log } (one process "main" outside queue mode). */
async function processes() {
	const res = await fetch(`${process.env.WAPAY_CONTROL_URL}/processes`);
	assert.equal(res.status, 200);
	return res.json();
}

/**
 * The package version in one process's nodes folder (undefined when absent). n8n's npm writes the file while a
 * process installs or updates, so a read can find it empty or cut short: that is "being written", which matches
 * no version and no absence, and waitFor reads again.
 */
function versionIn(folder) {
	const file = path.join(folder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json');
	if (!fs.existsSync(file)) return undefined;
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')).version;
	} catch {
		return '(being written)';
	}
}

/** Waits until every n8n process has the package at `version` in its own nodes folder (or none, for undefined). */
async function everyProcessHas(version) {
	const procs = await processes();
	await waitFor(`${PACKAGE} ${version ?? 'removed'} in the nodes folder of ${Object.keys(procs).join(', ')}`, async () => Object.values(procs).every((p) => versionIn(p.folder) === version), 60000);
	return procs;
}

async function installedPackages() {
	return n8nRequest('GET', '/community-packages');
}

async function openCommunityNodes() {
	await page.goto(`${N8N}/settings/community-nodes`);
	await page.getByText(/Community nodes/i).first().waitFor({ timeout: 60000 });
}

const card = () => page.locator('[data-test-id="community-package-card"]', { hasText: PACKAGE });

/**
 * Publishes the One-Click example as the editor's Publish (2.x) or Active switch (1.x) does, and waits until
 * n8n registered its trigger with the sandbox (as with Meta) and its Webhook node listens.
 */
async function publishOneClick() {
	const workflow = await n8nRequest('GET', `/workflows/${ONE_CLICK}`);
	await n8nRequest('POST', `/workflows/${ONE_CLICK}/activate`, { versionId: workflow.versionId });
	const trigger = workflow.nodes.find((n) => n.type.endsWith('.whatsAppPaymentsTrigger'));
	await waitFor('the One-Click trigger registered with the sandbox', async () => JSON.stringify(await sandbox.state()).includes(`/webhook/${trigger.webhookId}/webhook`), 60000);
	await waitFor('the One-Click order webhook listening', async () => (await fetch(`${N8N}/webhook/wapay-oneclick-order`, { method: 'OPTIONS' })).status !== 404, 60000);
}

/**
 * A buyer orders and pays through the One-Click example: the Webhook node's workflow sends the order
 * (WhatsApp Payments node), the payment arrives at the WhatsApp Payments Trigger, the card is charged and
 * the order completed. Returns the workflow's new executions (all successful).
 */
async function oneClickPayment(reference) {
	const before = (await executions(ONE_CLICK)).length;
	const res = await json('POST', `${N8N}/webhook/wapay-oneclick-order`, {
		wa_id: '5511999990001',
		reference_id: reference,
		card: { last_four: '4242', credential_id: 'card_abc' },
		item: { name: 'Bolo de cenoura', sku: 'cake-1', price: '49.90', quantity: 2 },
	});
	assert.equal(res.status, 200, JSON.stringify(res.body));
	assert.match(res.body.message_id, /^wamid\./);
	const pay = await sandbox.post('/buyer/send-payment', { reference_id: reference, name: 'Ana' });
	assert.equal(pay.status, 200);
	const done = await waitFor(`order ${reference} completed and paid`, async () => {
		const o = await sandbox.order(reference);
		return o.status === 'completed' && o.payment === 'captured' ? o : null;
	}, 60000);
	assert.equal(done.total, 9980);
	const runs = await waitFor('two new executions of the One-Click example', async () => {
		const list = await executions(ONE_CLICK);
		return list.length >= before + 2 ? list : null;
	}, 60000);
	const fresh = runs.slice(0, runs.length - before);
	assert.deepEqual(fresh.map((e) => e.status), fresh.map(() => 'success'));
	noteChecked(fresh);
	if (QUEUE) {
		// Queue mode: the executions ran on the workers, each of which installed the package itself.
		const procs = await processes();
		const workerLogs = Object.entries(procs).filter(([name]) => name.startsWith('worker')).map(([, p]) => fs.readFileSync(p.log, 'utf8')).join('\n');
		for (const e of fresh) assert.match(workerLogs, new RegExp(`Worker started execution ${e.id} `), `execution ${e.id} ran on a worker`);
	}
	return fresh;
}

test('Settings > Community Nodes > Install: the package from the registry, the risk notice accepted', async () => {
	assert.deepEqual((await installedPackages()).map((p) => p.packageName), [], 'n8n starts without the package');
	await openCommunityNodes();
	await page.getByRole('button', { name: /Install/i }).first().click();
	const name = page.locator('[data-test-id="package-name-input"] input, input[name="packageName"], [data-test-id="package-name-input"]').first();
	await name.waitFor({ timeout: 15000 });
	await name.fill(N8N_1 ? `${PACKAGE}@${FIRST}` : PACKAGE);
	const install = page.locator('[data-test-id="install-community-package-button"]').or(page.locator('.el-dialog, [role="dialog"]').getByRole('button', { name: /^Install$/ })).first();
	// The Install button stays disabled until the risk notice is accepted.
	assert.equal(await install.isDisabled(), true, 'Install is disabled before the risk notice is accepted');
	await page.getByText('I understand the risks of installing unverified code from a public source').click();
	await shot('1-install-dialog');
	await install.click();
	await card().waitFor({ timeout: 120000 });
	await card().getByText(`v${FIRST}`).waitFor({ timeout: 30000 });
	await shot('2-installed');

	const [installed] = await installedPackages();
	assert.equal(installed.packageName, PACKAGE);
	assert.equal(installed.installedVersion, FIRST);
	const types = installed.installedNodes.map((n) => n.type);
	for (const node of ['whatsAppPayments', 'whatsAppPaymentsTrigger']) assert.ok(types.includes(`${PACKAGE}.${node}`), JSON.stringify(types));
	// Installed through n8n: npm unpacked what the registry served (the packed tarball, byte for byte).
	const served = await fetch(`${process.env.WAPAY_REGISTRY_URL}${PACKAGE}/-/${PACKAGE}-${FIRST}.tgz`);
	assert.deepEqual(Buffer.from(await served.arrayBuffer()), fs.readFileSync(TARBALL));
	await everyProcessHas(FIRST);
});

test('the nodes are in the node panel', async () => {
	const { triggers, actions, operations } = await nodePanelItems(page, 'WhatsApp Payments');
	// The first step's panel offers the package's trigger and the checkout endpoint (found under "WhatsApp
	// Payments" by its codex alias), the next step's the action node with its operations.
	const PACKAGE_NODES = ['WhatsApp Checkout Endpoint', 'WhatsApp Payments'];
	assert.deepEqual([...triggers].sort(), PACKAGE_NODES);
	// The next step's panel lists the action node (with its trigger, as one app) and, on some versions, the
	// checkout endpoint too: nothing else.
	assert.ok(actions.includes('WhatsApp Payments'), JSON.stringify(actions));
	assert.ok(actions.every((title) => PACKAGE_NODES.includes(title)), JSON.stringify(actions));
	assert.ok(operations.includes('Send order details'), JSON.stringify(operations));
	await shot('3-node-panel');
});

test('the One-Click example, published after the install, takes an order and a payment', async () => {
	await publishOneClick();
	await oneClickPayment('e2e-install-1');
});

test('a higher version on the registry: the editor offers the update, updates, and the example still runs', { skip: N8N_1 && 'n8n 1.123 updates only from registry.npmjs.org (see N8N_1)' }, async () => {
	const next = await reversion(TARBALL, SECOND, path.join(process.env.WAPAY_RUNTIME, 'pack'));
	await publish(process.env.WAPAY_REGISTRY_URL, next);
	await openCommunityNodes();
	const update = card().getByRole('button', { name: /Update/i });
	await update.waitFor({ timeout: 30000 });
	await shot('4-update-offered');
	await update.click();
	const dialog = page.locator('[role="dialog"]:visible, .el-dialog:visible').filter({ hasText: /Update node package/i }).first();
	await dialog.waitFor({ timeout: 15000 });
	// n8n lists the workflows whose nodes the update changes.
	await dialog.getByText(ONE_CLICK_NAME).first().waitFor({ timeout: 15000 });
	await dialog.getByRole('button', { name: /Confirm update/i }).click();
	await card().getByText(`v${SECOND}`).waitFor({ timeout: 120000 });
	await shot('5-updated');
	assert.equal((await installedPackages())[0].installedVersion, SECOND);
	await everyProcessHas(SECOND);
	// Published before the update and still published: n8n reloaded the nodes under it.
	await oneClickPayment('e2e-install-2');
});

test('uninstall: n8n names the workflow that uses the nodes, then the nodes are gone', async () => {
	await openCommunityNodes();
	// The card's action menu (three dots) > Uninstall package.
	await card().locator('[data-test-id="action-toggle"], .action-toggle, button[aria-haspopup], [aria-haspopup="menu"]').last().click();
	await page.getByText('Uninstall package').last().click();
	const dialog = page.locator('[role="dialog"]:visible, .el-dialog:visible').filter({ hasText: /Uninstall node package/i }).first();
	await dialog.waitFor({ timeout: 15000 });
	// n8n lists the workflows whose nodes come from this package.
	await dialog.getByText(ONE_CLICK_NAME).first().waitFor({ timeout: 15000 });
	await shot('6-uninstall-dialog');
	await dialog.getByRole('button', { name: /Confirm uninstall/i }).click();
	await card().waitFor({ state: 'detached', timeout: 60000 });
	await shot('7-uninstalled');
	assert.deepEqual(await installedPackages(), []);
	await everyProcessHas(undefined);
	const { triggers, actions } = await nodePanelItems(page, 'WhatsApp Payments');
	assert.ok(![...triggers, ...actions].some((i) => /^WhatsApp (Payments|Checkout)/.test(i)), JSON.stringify({ triggers, actions }));
	// The example's nodes show as not installed.
	await page.goto(`${N8N}/workflow/${ONE_CLICK}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
	const workflow = await n8nRequest('GET', `/workflows/${ONE_CLICK}`);
	const packageNodes = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`)).length;
	await waitFor(`the canvas to mark the ${packageNodes} nodes of the package as not installed`, async () => (await page.locator('[data-test-id="node-not-installed"]').count()) === packageNodes, 30000);
	await shot('8-workflow-after-uninstall');
});
