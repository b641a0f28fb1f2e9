'use strict';
/**
 * The n8n editor in headless Debian Chromium, used as a person would:
 * - both nodes render with the package's icons and the node panel opens;
 * - every node of every example opens with no parameter issue, no empty dropdown (the check that catches
 *   an options field whose list cannot load), no error marker of a code editor (CodeMirror's lint, e.g. an
 *   empty JSON field's "Unexpected end of JSON input") and no error in the browser console;
 * - a workflow built from scratch: add the action node, choose India Send Details, pick the payment
 *   configuration from its dropdown, execute it against the sandbox.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');

const { N8N, SANDBOX, IN, sandbox } = require('./helpers');
const { openBrowser, signIn: signInAs, nodePanelItems } = require('./browser');

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const TOKEN = 'sandbox-access-token';
/** A configuration made for this test, so the India dropdown has something to list. */
const EDITOR_CONFIG = 'editor-demo';

let browser;
let page;
/** How many dropdowns the example check opened (so that it cannot pass by finding none). */
let dropdownsOpened = 0;
/** How many code editors (CodeMirror: JSON fields, expressions) the example check looked at for lint errors. */
let codeEditorsChecked = 0;
/** CodeMirror's error marks: the underlined range, the gutter marker, the diagnostic in a tooltip or panel. */
const LINT_ERROR = '.cm-lintRange-error, .cm-lint-marker-error, .cm-diagnostic-error';
/** Errors in the browser console (and uncaught page errors) while `consoleWhere` is set, with where they came. */
const consoleErrors = [];
let consoleWhere = null;

before(async () => {
	({ browser, page } = await openBrowser());
	page.on('console', (message) => {
		if (consoleWhere && message.type() === 'error') {
			const url = message.location()?.url;
			// n8n 2.x asks for an optional output schema of each node it shows (GET /schemas/<type>/<version>...json)
			// and the browser logs the 404 of a node without one: n8n's own HTTP Request, If, Switch and Split Out
			// nodes do it too. That 404 means "no schema", not a fault.
			if (/\/schemas\/[^/]+\/\d+\.\d+\.\d+(\/[^/]+\/[^/]+)?\.json$/.test(url ?? '') && /404/.test(message.text())) return;
			// n8n 1.123.81's editor, opening any workflow: its AI assistant asks for session metadata, which an
			// unlicensed instance refuses (403, "Plan lacks license for this feature"), and it asks for the last
			// successful execution, 404 for a workflow that has none. n8n's own requests, whatever the workflow holds.
			if (/\/rest\/ai\/sessions\/metadata$/.test(url ?? '') && /403/.test(message.text())) return;
			if (/^Failed to fetch sessions metadata: ResponseError: Plan lacks license/.test(message.text())) return;
			if (/\/rest\/workflows\/[^/]+\/executions\/last-successful$/.test(url ?? '') && /404/.test(message.text())) return;
			consoleErrors.push(`${consoleWhere}: console error: ${message.text()}${url ? ` (${url})` : ''}`);
		}
	});
	page.on('pageerror', (error) => {
		if (consoleWhere) consoleErrors.push(`${consoleWhere}: uncaught: ${error.message}`);
	});
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	// The India examples name the configuration their set-up workflow creates (the flows test runs it first);
	// run alone, this test creates it, so that their dropdowns list it.
	for (const name of [EDITOR_CONFIG, 'rzp-demo']) {
		const existing = (await sandbox.state()).configurations.some((c) => c.configuration_name === name);
		if (existing && name !== EDITOR_CONFIG) continue;
		if (!existing) await createEditorConfiguration(name);
		await sandbox.post('/configurations/advance', { configuration_name: name, status: 'Active' });
	}
	await signIn();
});

async function createEditorConfiguration(name) {
	const created = await fetch(`${SANDBOX}/v25.0/${IN.waba}/payment_configuration`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify({ configuration_name: name, provider_name: 'razorpay', merchant_category_code: '0000', purpose_code: '00' }),
	});
	assert.equal(created.status, 200, await created.text());
}

after(async () => {
	await browser?.close();
});

async function signIn() {
	await signInAs(page);
}

const canvasNode = (name) => page.locator('[data-test-id="canvas-node"]', { hasText: name }).first();
const ndv = () => page.locator('[data-test-id="ndv"]');

async function openWorkflow(id) {
	await page.goto(`${N8N}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
}

async function openNode(name) {
	// A hover popover (a sticky note's toolbar, a tooltip) must not sit over the node.
	await page.mouse.move(0, 0);
	await page.keyboard.press('Escape');
	await canvasNode(name).dblclick();
	await ndv().waitFor({ timeout: 30000 });
	await ndv().locator('[data-test-id="node-parameters"]').first().waitFor({ timeout: 30000 });
}

async function closeNode() {
	// The panel's close control (n8n 2.x) or its back-to-canvas arrow (1.x).
	await page.locator('[data-test-id="ndv-close-button"]:visible, [data-test-id="back-to-canvas"]:visible').first().click();
	await ndv().waitFor({ state: 'hidden', timeout: 10000 });
}

/** The list a dropdown opens (element-plus links its input to the list with aria-controls). */
async function listOf(select) {
	const id = await select.locator('input').first().getAttribute('aria-controls');
	return page.locator(`[id="${id}"]`);
}

/** The options a dropdown offers, opened as a user opens it (options loaded from the API included). */
async function dropdownOptions(select) {
	await select.click();
	const list = await listOf(select);
	const items = list.locator('.el-select-dropdown__item');
	const deadline = Date.now() + 15000;
	while (Date.now() < deadline && (await items.count()) === 0 && !(await list.isVisible())) await page.waitForTimeout(200);
	// Options from the API may still arrive just after an empty first render.
	for (let n = 0; n < 10 && (await items.count()) === 0; n++) await page.waitForTimeout(200);
	const options = (await items.allInnerTexts()).map((o) => o.trim()).filter(Boolean);
	await page.keyboard.press('Escape');
	await list.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
	return options;
}

/**
 * Problems a user would see in the open node panel: parameter-issue badges, code editors marked with a lint
 * error, and dropdowns with nothing to pick.
 */
async function panelProblems(nodeName) {
	const problems = [];
	const editors = ndv().locator('.cm-editor');
	const editorCount = await editors.count();
	if (editorCount > 0) {
		// CodeMirror lints a new editor after a delay (750 ms by default): give it time before looking.
		await page.waitForTimeout(1500);
		codeEditorsChecked += editorCount;
		const marks = ndv().locator(LINT_ERROR);
		for (let n = 0; n < (await marks.count()); n++) {
			const holder = marks.nth(n).locator('xpath=ancestor::*[contains(@class, "parameter-item")][1]');
			const label = (await holder.count()) > 0 ? (await holder.innerText()).split('\n')[0] : `mark ${n + 1}`;
			problems.push(`${nodeName}: code editor lint error on "${label}"`);
		}
	}
	const issues = ndv().locator('[data-test-id="parameter-issues"]');
	for (let n = 0; n < (await issues.count()); n++) {
		const holder = issues.nth(n).locator('xpath=ancestor::*[contains(@class, "parameter-item")][1]');
		const label = (await holder.count()) > 0 ? (await holder.innerText()).split('\n')[0] : `issue ${n + 1}`;
		problems.push(`${nodeName}: parameter issue on "${label}"`);
	}
	const selects = ndv().locator('[data-test-id^="parameter-input-"]:has(.el-select)');
	for (let n = 0; n < (await selects.count()); n++) {
		const select = selects.nth(n);
		if (!(await select.isVisible())) continue;
		const testId = await select.getAttribute('data-test-id');
		const t0 = Date.now();
		const options = await dropdownOptions(select.locator('.el-select').first());
		if (process.env.WAPAY_EDITOR_TIMING) console.log(`  ${testId}: ${options.length} options in ${Date.now() - t0} ms`);
		dropdownsOpened++;
		if (options.length === 0) problems.push(`${nodeName}: dropdown ${testId} offers no option`);
	}
	return problems;
}

test('log in, open the One-Click example, see both nodes with icons, open the action node panel', async () => {
	await openWorkflow('wapayExOneClick1');
	const action = canvasNode('Send order details');
	const trigger = canvasNode('Buyer tapped Send payment');
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

	await openNode('Send order details');
	await page.getByText('Sender Phone Number').first().waitFor({ timeout: 30000 });
	await page.getByText('Input Mode').first().waitFor();
	const text = await page.locator('body').innerText();
	assert.doesNotMatch(text, /Install this node|node is not currently installed|Unrecognized node type|unknown node/i);
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-action-node-panel.png') });
	await closeNode();
});

/** A node's description as the package built it (dist/, what n8n loaded), for comparing with what the editor shows. */
function builtDescription(folder, file) {
	const module = require(path.join(__dirname, '..', '..', 'dist', 'nodes', folder, `${file}.node.js`));
	return new module[file]().description;
}

test('the node panel: the action node with its own description, country-bound operations marked, hand-written trigger events, the checkout endpoint under "WhatsApp Payments"', async () => {
	const action = builtDescription('WhatsAppPayments', 'WhatsAppPayments');
	const trigger = builtDescription('WhatsAppPaymentsTrigger', 'WhatsAppPaymentsTrigger');
	const events = trigger.properties.find((p) => p.name === 'events').options.map((o) => o.action);
	const panel = await nodePanelItems(page, 'WhatsApp Payments', { event: events[0], shot: (name) => page.screenshot({ path: path.join(ARTIFACTS, `editor-node-panel-${name}.png`) }) });
	const seen = JSON.stringify(panel, null, 1);
	// First step: the trigger app and the checkout endpoint (found under "WhatsApp Payments" by its alias).
	for (const title of ['WhatsApp Payments', 'WhatsApp Checkout Endpoint']) assert.ok(panel.triggers.includes(title), `first step offers ${title}: ${seen}`);
	// The trigger app's events carry the names written for them, not ones n8n makes from the option names.
	for (const event of events) assert.ok(panel.events.includes(event), `trigger event "${event}" listed: ${seen}`);
	assert.ok(!panel.events.some((title) => /^On /.test(title)), `no generated event names: ${seen}`);
	// Next step: n8n lists the action node and the trigger as one entry and shows the trigger's description for
	// it (n8n 1.123.81, 2.40.7, 2.41.1), so that description names what the entry holds: the actions (payment
	// requests) as well as the events.
	const app = panel.actionItems.find((i) => i.title === 'WhatsApp Payments');
	assert.ok(app, seen);
	// n8n 1.123.81 shows no description under a search result (the entry's text is its title alone).
	if (app.text === app.title) process.stdout.write(`# n8n ${process.env.WAPAY_N8N_VERSION}: the node panel shows no description under "${app.title}"\n`);
	else {
		const shown = [action.description, trigger.description].find((d) => app.text.includes(d.slice(0, 40)));
		assert.ok(shown, `the entry shows one of the package's descriptions: ${app.text}`);
		assert.match(shown, /payment requests/);
		assert.match(shown, /payment events|payment requests.*order/);
	}
	// Country-bound operations name their country where the panel shows them.
	const operations = action.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options);
	const bound = operations.filter((o) => /\((India|Brazil)\)/.test(o.name));
	assert.ok(bound.length >= 5, `country-bound operations: ${bound.map((o) => o.name).join(', ')}`);
	for (const o of bound) {
		const country = /\((India|Brazil)\)/.exec(o.name)[1];
		const item = panel.operationItems.find((i) => i.title === o.action);
		assert.ok(item, `operation "${o.action}" listed: ${seen}`);
		assert.ok(item.text.toLowerCase().includes(country.toLowerCase()), `operation "${o.action}" names ${country} in the panel: ${item.text}`);
	}
});

test('canvas subtitles show the names picked, not option values', async () => {
	await openWorkflow('wapayExOneClick1');
	const subtitles = {
		'Send order details': 'Order: Send Details',
		'Buyer tapped Send payment': 'Registration: ',
	};
	for (const [node, subtitle] of Object.entries(subtitles)) {
		const text = (await canvasNode(node).innerText()).replace(/\s+/g, ' ');
		assert.ok(text.includes(subtitle), `canvas node "${node}" shows "${subtitle}": ${text}`);
		assert.doesNotMatch(text, /sendDetails|: app\b|getAll/, `no option values on "${node}": ${text}`);
	}
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-canvas-subtitles.png') });
});

// The longest check (about 3 minutes): `.ci/run` runs it on every n8n of the matrix; the reduced queue-mode run
// skips it (WAPAY_E2E_QUICK_EDITOR=1, set by `--quick-editor`), the full one runs it.
test('every node of every example opens with no parameter issue and no empty dropdown', { skip: process.env.WAPAY_E2E_QUICK_EDITOR === '1' && 'quick editor check (--quick-editor)' }, async () => {
	const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
	const problems = [];
	let panels = 0;
	consoleErrors.length = 0;
	for (const file of examples) {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
		consoleWhere = `${file} (opening the workflow)`;
		await openWorkflow(workflow.id);
		for (const node of workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')) {
			const t0 = Date.now();
			consoleWhere = `${file} > ${node.name}`;
			await openNode(node.name);
			const t1 = Date.now();
			problems.push(...(await panelProblems(`${file} > ${node.name}`)));
			const t2 = Date.now();
			panels++;
			await closeNode();
			if (process.env.WAPAY_EDITOR_TIMING) console.log(`${file} > ${node.name}: open ${t1 - t0} ms, check ${t2 - t1} ms, close ${Date.now() - t2} ms`);
		}
	}
	consoleWhere = null;
	assert.ok(panels >= 15, `opened ${panels} node panels`);
	assert.ok(dropdownsOpened >= 20, `opened ${dropdownsOpened} dropdowns`);
	// The examples' expressions and JSON fields are CodeMirror editors: a check that found none checked nothing.
	assert.ok(codeEditorsChecked >= 20, `looked at ${codeEditorsChecked} code editors`);
	assert.deepEqual(problems, []);
	assert.deepEqual(consoleErrors, []);
});

test('the template dropdowns list only the approved templates of the operation\'s kind, from the sandbox', async () => {
	const cases = [
		['wapayExPixBoleto', 'Send order details template', ['pedido_pix'], ['pt_BR']],
		['wapayExInCarous1', 'Send the carousel', ['festive_picks'], ['en_US']],
	];
	for (const [workflow, node, names, languages] of cases) {
		await openWorkflow(workflow);
		await openNode(node);
		const template = ndv().locator('[data-test-id="parameter-input-templateName"] .el-select').first();
		const options = await dropdownOptions(template);
		// Each option shows the template name with its languages under it (the text reads "name\nlanguages", or
		// "namelanguages" when n8n renders both inline, as 2.40.7 and 2.41.1 did in one CI run).
		assert.deepEqual(options.map((o) => o.replace(/\s+/g, '')), names.map((n) => `${n}${languages.join(',')}`), `${node}: ${JSON.stringify(options)}`);
		const language = ndv().locator('[data-test-id="parameter-input-templateLanguage"] .el-select').first();
		assert.deepEqual(await dropdownOptions(language), languages);
		await page.screenshot({ path: path.join(ARTIFACTS, `editor-template-${workflow}.png`) });
		await closeNode();
	}
});

test('a workflow built from scratch: India Send Details with the configuration picked from its dropdown, executed against the sandbox', async () => {
	const reference = `editor-built-${Date.now().toString(36)}`;
	await page.goto(`${N8N}/workflow/new`);
	// First step: a manual trigger; then the action node after it, found by name, action "Send order details".
	await page.locator('[data-test-id="canvas-add-button"]').first().click({ timeout: 60000 });
	await page.locator('[data-test-id="node-creator-search-bar"]').first().fill('manual');
	await page.locator('[data-test-id="item-iterator-item"]', { hasText: 'Manual Trigger' }).first().click();
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	await page.locator('[data-test-id="node-creator-search-bar"]').first().fill('WhatsApp Payments');
	await page.locator('[data-test-id="item-iterator-item"]', { hasText: 'WhatsApp Payments' }).first().click();
	await page.locator('[data-test-id="item-iterator-item"]', { hasText: 'Send order details' }).first().click();
	await ndv().waitFor({ timeout: 30000 });

	// Credential: the India shop's (not the shop loop's "sandbox India shop").
	const credential = ndv().locator('[data-test-id="node-credentials-select"]');
	if (!/sandbox India\)/.test(await credential.innerText())) {
		await credential.click();
		await page.locator('[data-test-id="node-credentials-select-item-wapaySandboxIN01"]').click();
	}
	await pick('country', /India/);
	// Sender phone number from the list the node loads.
	await ndv().locator('[data-test-id="rlc-input"]').first().click();
	await page.locator('[data-test-id="rlc-item"]', { hasText: 'Sandbox Store IN' }).first().click();
	await ndv().locator('[data-test-id="parameter-input-to"] input').fill('919999990001');
	await ndv().locator('[data-test-id="parameter-input-bodyText"] textarea').first().fill('Your order from the editor');
	await ndv().locator('[data-test-id="parameter-input-referenceId"] input').fill(reference);

	// How the buyer pays: a payment gateway, its configuration picked from the dropdown.
	await ndv().locator('[data-test-id="fixed-collection-inPaymentSettings"] .el-select').first().click();
	await page.getByRole('option', { name: 'Payment Gateway' }).click();
	const offered = await dropdownOptions(ndv().locator('[data-test-id="parameter-input-configurationName"] .el-select').first());
	assert.ok(
		offered.some((o) => o.startsWith(EDITOR_CONFIG)),
		`the configuration dropdown lists ${EDITOR_CONFIG}; it offered ${JSON.stringify(offered)}`,
	);
	await pick('configurationName', new RegExp(`^${EDITOR_CONFIG}`));

	// One catalog item, 250.00.
	await ndv().locator('[data-test-id="fixed-collection-items"] [data-test-id="fixed-collection-add"]').first().click();
	await ndv().locator('[data-test-id="parameter-input-name"] input').first().fill('Masala chai');
	await ndv().locator('[data-test-id="parameter-input-amount"] input').first().fill('250.00');
	// "Add Field" is a dropdown in n8n 2.x and a button with a menu in 1.x.
	await ndv().locator('input[placeholder="Add Field"]').or(ndv().getByText('Add Field', { exact: true })).first().click();
	await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible, [role="menuitem"]:visible', { hasText: 'Catalog ID' }).first().click();
	await ndv().locator('[data-test-id="parameter-input-catalogId"] input').fill('catalog-1');
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-built-from-scratch.png') });

	await ndv().locator('[data-test-id="node-execute-button"]').first().click();
	const order = await waitForOrder(reference);
	const settings = order.details.action.parameters.payment_settings;
	assert.equal(settings[0].payment_gateway.configuration_name, EDITOR_CONFIG);
	assert.equal(order.total, 25000);
	await ndv().locator('[data-test-id="output-panel"]').getByText(/wamid\./).first().waitFor({ timeout: 30000 });
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor-built-from-scratch-executed.png') });
	await closeNode();
});

/** Chooses an option of a dropdown parameter in the open node panel. */
async function pick(parameter, option) {
	const select = ndv().locator(`[data-test-id="parameter-input-${parameter}"] .el-select`).first();
	await select.click();
	await (await listOf(select)).locator('.el-select-dropdown__item', { hasText: option }).first().click();
}

async function waitForOrder(reference) {
	const deadline = Date.now() + 30000;
	while (Date.now() < deadline) {
		const order = await sandbox.order(reference);
		if (order && order.reference_id === reference) return order;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the sandbox received no order ${reference}`);
}
