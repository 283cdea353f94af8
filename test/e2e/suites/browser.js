'use strict';
/**
 * The n8n editor in a real browser: Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) driven
 * by playwright-core against a real n8n with the packed package installed and the three sandboxes
 * as credentials. No browser is downloaded.
 *
 * 1. node panel: each of the six nodes is found by its display name, with its icon, and its detail
 *    panel lists its actions (action nodes) or events (trigger nodes), with the icon.
 * 2. Grinfi in the node details view: the sandbox credential, Resource → Contact, Operation → Get,
 *    and the Contact locator's "From list" showing the sandbox's contacts.
 * 3. credential tests: each sandbox credential opened in the editor tests successfully; a new one
 *    with the key 'wrong_key' shows n8n's failure banner with the credential's 401 message.
 *
 * Screenshots: test-artifacts/browser/<n8n version>-<step>.png, and <version>-failure-<scenario>.png
 * on a failure. One n8n, one set of sandboxes and one browser serve the three scenarios of a
 * version; cleanup() stops them. Runs on n8n 2.x and 1.x (1.x words the wrong-key failure
 * differently).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { chromium, selectors } = require('playwright-core');

const { prepareInstance } = require('../n8n');
const { startSandboxes } = require('../../sandbox/all');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];
const TIMEOUT = 60000; // 2 cores shared with other n8n instances
const PACKAGE = 'n8n-nodes-outreach';

// `app`: the action node the node panel groups the app under (a trigger is listed under its app);
// `trigger`: one of the trigger's events as the panel must label it (the options' `action`).
const NODES = [
	{ type: 'leadGrid', displayName: 'LeadGrid', app: 'leadGrid', appName: 'LeadGrid', icon: 'leadgrid.svg' },
	{ type: 'leadGridTrigger', displayName: 'LeadGrid Trigger', app: 'leadGrid', appName: 'LeadGrid', icon: 'leadgrid.svg', trigger: 'On dossier stage changed' },
	{ type: 'grinfi', displayName: 'Grinfi', app: 'grinfi', appName: 'Grinfi', icon: 'grinfi.svg' },
	{ type: 'grinfiTrigger', displayName: 'Grinfi Trigger', app: 'grinfi', appName: 'Grinfi', icon: 'grinfi.svg', trigger: 'On contact replied on LinkedIn' },
	{ type: 'growthGenius', displayName: 'GrowthGenius', app: 'growthGenius', appName: 'GrowthGenius', icon: 'growthgenius.svg' },
	{ type: 'growthGeniusTrigger', displayName: 'GrowthGenius Trigger', app: 'growthGenius', appName: 'GrowthGenius', icon: 'growthgenius.svg', trigger: 'On new contact or message' },
];

// `sandbox`: key in startSandboxes(); `refused`: start of the credential test's message for a 401.
const CREDENTIALS = [
	{ sandbox: 'leadgrid', type: 'leadGridApi', displayName: 'LeadGrid API', refused: 'LeadGrid refused the API key' },
	{ sandbox: 'grinfi', type: 'grinfiApi', displayName: 'Grinfi API', refused: 'Grinfi refused the API key' },
	{ sandbox: 'growthgenius', type: 'growthGeniusApi', displayName: 'GrowthGenius API', refused: 'GrowthGenius refused the API key' },
];

// ---------------------------------------------------------------------------------------------
// the environment the scenarios share: started by the first scenario that runs, per n8n version

let env;
let shotsCleared = false; // old screenshots go at the first start in a run

async function setup({ version, packDir, artifacts }) {
	if (env && env.version === version) return env;
	await cleanup();
	const shots = path.join(artifacts, 'browser');
	if (!shotsCleared) fs.rmSync(shots, { recursive: true, force: true });
	shotsCleared = true;
	fs.mkdirSync(shots, { recursive: true });
	env = { version, shots };
	env.sandboxes = await startSandboxes({ ports: { leadgrid: 0, grinfi: 0, growthgenius: 0 } });
	env.credentials = env.sandboxes.credentials();
	env.n8n = await prepareInstance({ version, packDir });
	await env.n8n.importCredentials(env.credentials);
	await env.n8n.start();
	await env.n8n.login(); // 1.x: sets the owner up first

	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute (Playwright's default is data-testid)
	env.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
	env.context = await env.browser.newContext({ baseURL: env.n8n.baseUrl, viewport: { width: 1440, height: 900 } });
	env.context.setDefaultTimeout(TIMEOUT);
	env.context.setDefaultNavigationTimeout(2 * TIMEOUT);
	// The login sets the n8n-auth cookie in the browser context.
	const login = await env.context.request.post('/rest/login', {
		data: { emailOrLdapLoginId: env.n8n.owner.email, password: env.n8n.owner.password },
	});
	env.login = { status: login.status(), body: await login.json().catch(() => undefined) };
	env.page = await env.context.newPage();
	env.page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	return env;
}

async function cleanup() {
	if (!env) return;
	const { browser, n8n, sandboxes } = env;
	env = undefined;
	if (browser) await browser.close().catch(() => {});
	if (n8n) await n8n.dispose();
	if (sandboxes) await sandboxes.close();
}

// ---------------------------------------------------------------------------------------------
// helpers

async function shot(name) {
	await env.page.waitForTimeout(400); // let transitions settle
	await env.page.screenshot({ path: path.join(env.shots, `${env.version}-${name}.png`) });
}

/** A scenario whose failure leaves failure-<name>.png beside the other screenshots. */
function scenario(name, fn) {
	return {
		name,
		async run(options) {
			const e = await setup(options);
			try {
				await fn(e);
			} catch (error) {
				if (e.page) await shot(`failure-${name.replace(/\W+/g, '-')}`).catch(() => {});
				throw error;
			}
		},
	};
}

async function waitUntil(check, message, timeoutMs = TIMEOUT) {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** An empty workflow in the editor (the login must have held: no sign-in page). */
async function openNewWorkflow(page) {
	await page.goto('/workflow/new');
	await page.getByTestId('node-creator-plus-button').waitFor();
	assert.doesNotMatch(page.url(), /signin/, 'the editor sent the browser to the sign-in page');
}

async function openNodeCreator(page) {
	const creator = page.getByTestId('node-creator');
	if (!(await creator.isVisible())) await page.getByTestId('node-creator-plus-button').click();
	await creator.waitFor();
	return creator;
}

async function closeNodeCreator(page) {
	const creator = page.getByTestId('node-creator');
	for (let i = 0; i < 3 && (await creator.isVisible()); i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

/**
 * Node panel entries of one of our node types: kind 'node' for search results, 'action' for the
 * actions and trigger events of an app's detail panel.
 */
const panelItems = (creator, type, kind) =>
	creator.locator(`[data-test-id="item-iterator-item"][data-keyboard-nav-type="${kind}"][data-keyboard-nav-id^="${PACKAGE}.${type}-"]`);

/** Opens the detail panel of a search result; resolves the panel's entries of `type`. */
async function openAppPanel(creator, result, type, section) {
	await result.click();
	const entries = panelItems(creator, type, 'action');
	await creator.getByTestId('node-creator-category-item').first().waitFor();
	await result.waitFor({ state: 'detached', timeout: 5000 }).catch(() => {}); // the search list slides out
	const shown = await entries.first().waitFor({ timeout: 3000 }).then(() => true, () => false);
	if (!shown) {
		await creator.getByTestId('node-creator-category-item').filter({ hasText: section }).click();
	}
	return entries;
}

/** Asserts the entry shows the pack's icon file, loaded (not a broken image or a fallback). */
async function assertIcon(item, file, what) {
	const img = item.locator(`img[src*="/${file}"]`).first();
	await img.waitFor({ state: 'visible' }).catch(() => {
		throw new Error(`${what}: no visible icon <img src=".../${file}">`);
	});
	await waitUntil(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), `${what}: icon ${file} did not load`);
}

/** Opens a dropdown of the node details view and picks the option named `name`. */
async function pickOption(page, scope, testId, name) {
	await scope.getByTestId(testId).click();
	await page.getByRole('option').filter({ has: page.getByText(name, { exact: true }) }).first().click();
	await waitUntil(async () => (await valueOf(scope.getByTestId(testId))) === name, `${testId} did not become "${name}"`);
}

/** The value of an input, or of the first input inside an element. */
const valueOf = (locator) =>
	locator.first().evaluate((el) => {
		const input = el.matches('input, textarea') ? el : el.querySelector('input, textarea');
		return input ? input.value : '';
	});

/** Requests a sandbox received since `from` (an index into its log) that carried `key`. */
const requestsWithKey = (sandbox, from, key) =>
	env.sandboxes[sandbox].server.requests.slice(from).filter((r) => Object.values(r.headers).some((v) => String(v).includes(key)));

// ---------------------------------------------------------------------------------------------
// scenarios

const nodePanel = scenario('node panel lists the six nodes with their icons', async ({ page, login, n8n }) => {
	assert.equal(login.status, 200, `POST /rest/login in the browser answered ${login.status}: ${JSON.stringify(login.body)}`);
	assert.equal(login.body && login.body.data && login.body.data.email, n8n.owner.email);
	await openNewWorkflow(page);
	for (const node of NODES) {
		const creator = await openNodeCreator(page);
		await creator.getByTestId('node-creator-search-bar').fill(node.displayName);
		// n8n lists an app once: "Grinfi Trigger" finds the Grinfi entry, whose panel holds the events.
		const listed = panelItems(creator, node.app, 'node').first();
		await listed.waitFor().catch(() => {
			throw new Error(`searching "${node.displayName}" listed no ${PACKAGE}.${node.app} entry`);
		});
		assert.equal((await listed.getByTestId('node-creator-item-name').innerText()).trim(), node.appName);
		await assertIcon(listed, node.icon, `search result for "${node.displayName}"`);
		await shot(`search-${node.type}`);

		const own = await openAppPanel(creator, listed, node.type, node.trigger ? /Triggers/ : /Actions/);
		await own.first().waitFor().catch(() => {
			throw new Error(`the ${node.appName} panel lists no ${PACKAGE}.${node.type} entry`);
		});
		assert.ok((await own.count()) > 0);
		if (node.trigger) {
			const labels = (await own.allInnerTexts()).map((t) => t.trim());
			assert.ok(labels.some((t) => t.startsWith(node.trigger)), `${node.displayName}: no event "${node.trigger}" in ${JSON.stringify(labels)}`);
		}
		await own.first().scrollIntoViewIfNeeded();
		await assertIcon(own.first(), node.icon, `${node.displayName} entry "${(await own.first().innerText()).trim()}"`);
		await shot(`node-${node.type}`);
		await closeNodeCreator(page);
	}
});

const grinfiNode = scenario('Grinfi node: credential, Resource/Operation, contact list from the sandbox', async ({ page, sandboxes }) => {
	const grinfi = sandboxes.grinfi;
	const credentialName = env.credentials.find((c) => c.type === 'grinfiApi').name;
	await openNewWorkflow(page);
	const creator = await openNodeCreator(page);
	await creator.getByTestId('node-creator-search-bar').fill('Grinfi');
	const actions = await openAppPanel(creator, panelItems(creator, 'grinfi', 'node').first(), 'grinfi', /Actions/);
	// any action adds the node; Resource and Operation are then changed in their dropdowns
	await actions.filter({ hasText: 'Get many tags' }).click();

	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	await pickOption(page, ndv, 'node-credentials-select', credentialName);
	await pickOption(page, ndv, 'parameter-input-resource', 'Contact');
	await pickOption(page, ndv, 'parameter-input-operation', 'Get');
	await shot('grinfi-resource-operation');

	// the Contact resource locator, "From list": a contact added just now must be listed
	const probe = grinfi.state.seedContacts(1, { first_name: 'Browser', last_name: `Probe ${Date.now().toString(36)}`, company_name: 'Playwright Probe Co' })[0];
	const label = (c) => `${[c.first_name, c.last_name].filter(Boolean).join(' ') || c.name}${c.company_name ? ` (${c.company_name})` : ''}`;
	const expected = new Set(grinfi.state.contacts.all().map(label));
	const logFrom = grinfi.server.requests.length;
	const locator = ndv.getByTestId('resource-locator-contactId');
	await pickOption(page, locator, 'rlc-mode-selector', 'From list');
	await locator.getByTestId('rlc-input').click();
	const items = page.getByTestId('rlc-item');
	await items.filter({ hasText: label(probe) }).first().waitFor().catch(() => {
		throw new Error(`the Contact list does not show the contact just added to the sandbox (${label(probe)})`);
	});
	const listed = (await items.allInnerTexts()).map((t) => t.trim());
	const foreign = listed.filter((t) => !expected.has(t));
	assert.deepEqual(foreign, [], 'Contact list items that are not sandbox contacts');
	assert.equal(listed.length, Math.min(expected.size, 100), `listed ${listed.length} of the sandbox's ${expected.size} contacts`);
	const searches = requestsWithKey('grinfi', logFrom, 'grinfi_test_key').filter((r) => r.method === 'POST' && r.path === '/leads/api/leads/search');
	assert.ok(searches.length > 0, 'the sandbox received no contact search with the sandbox key');
	await shot('grinfi-contact-list');

	await items.filter({ hasText: label(probe) }).first().click();
	await waitUntil(async () => (await valueOf(locator.getByTestId('rlc-input'))).includes(label(probe)), 'the picked contact is not shown in the Contact field');
});

const credentialTests = scenario('credential tests: success with the sandbox key, failure with a wrong key', async ({ page }) => {
	for (const spec of CREDENTIALS) {
		const credential = env.credentials.find((c) => c.type === spec.type);
		const modal = page.getByTestId('editCredential-modal');
		const banner = modal.getByText(/Connection tested successfully|Couldn.t connect with these settings/);

		// the imported sandbox credential: n8n tests it when it opens; Retry tests it again
		await page.goto('/home/credentials');
		await page.getByTestId('resources-list-item').filter({ hasText: credential.name }).first().click();
		await modal.waitFor();
		await banner.first().waitFor();
		let logFrom = env.sandboxes[spec.sandbox].server.requests.length;
		await modal.getByRole('button', { name: /Retry/ }).click();
		const tested = await waitUntil(() => {
			const answered = requestsWithKey(spec.sandbox, logFrom, credential.data.apiKey).filter((r) => r.status);
			return answered.length > 0 && answered;
		}, `the ${spec.displayName} test reached no sandbox`);
		assert.ok(tested.every((r) => r.status < 300), `${spec.displayName}: the sandbox answered ${tested.map((r) => r.status)} to the sandbox key`);
		await modal.getByText('Connection tested successfully').waitFor();
		assert.equal(await modal.getByText(/Couldn.t connect/).isVisible(), false, `${spec.displayName}: failure banner beside the success`);
		await shot(`credential-${spec.type}-success`);
		await modal.locator('.el-dialog__close').first().click();
		await modal.waitFor({ state: 'hidden' });

		// a new credential of the type with a wrong key: saving runs the test, which fails
		await page.getByTestId('add-resource-credential').click();
		const select = page.getByTestId('selectCredential-modal');
		await select.getByTestId('new-credential-type-select').click();
		await page.keyboard.type(spec.displayName);
		await page.getByRole('option').filter({ has: page.getByText(spec.displayName, { exact: true }) }).first().click();
		await select.getByTestId('new-credential-type-button').click();
		await modal.waitFor();
		for (const [field, value] of Object.entries({ ...credential.data, apiKey: 'wrong_key' })) {
			await modal.getByTestId(`parameter-input-${field}`).locator('input, textarea').first().fill(value);
		}
		logFrom = env.sandboxes[spec.sandbox].server.requests.length;
		await modal.getByTestId('credential-save-button').click();
		await modal.getByText(/Couldn.t connect with these settings/).waitFor();
		const details = modal.getByText('More details');
		if (await details.isVisible()) await details.click();
		// 2.x shows the message of the credential's 401 rule; 1.x skips the rules when the request
		// fails and shows its own NodeApiError text for a 401
		const reason = env.n8n.major >= 2 ? spec.refused : 'Authorization failed - please check your credentials';
		await modal.getByText(reason).waitFor().catch(() => {
			throw new Error(`${spec.displayName} with a wrong key: the banner does not say "${reason}"`);
		});
		const refused = requestsWithKey(spec.sandbox, logFrom, 'wrong_key');
		assert.ok(refused.length > 0 && refused.every((r) => r.status === 401), `${spec.displayName}: the sandbox did not answer 401 to the wrong key`);
		assert.equal(await modal.getByText('Connection tested successfully').isVisible(), false, `${spec.displayName}: success banner beside the failure`);
		await shot(`credential-${spec.type}-failure`);
		await modal.locator('.el-dialog__close').first().click();
		await modal.waitFor({ state: 'hidden' });
	}
});

module.exports = {
	name: 'editor in a browser',
	versions: (version) => /^[12]\./.test(version),
	scenarios: [nodePanel, grinfiNode, credentialTests],
	cleanup,
};
