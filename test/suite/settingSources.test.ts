// Where settings come from: another installed extension (test/host/foreign-defaults-extension, which
// contributes configurationDefaults for our settings as any theme could) and a workspace cannot choose
// where the token goes, turn off the billing question or raise the download cap.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WORKSPACE_ORIGIN_CONSENT_STATE_KEY } from '../../src/constants';
import { consentReasons, DEFAULT_API_BASE_URL, settingSource } from '../../src/core/api/urlPolicy';
import { readApiSettings, readConfirmBillableActions, readMaxDownloadBytes } from '../../src/services/settings';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { useFreshEnvironment, setSetting } from './helpers';

const FOREIGN_EXTENSION = 'veo-test.foreign-defaults';
const FOREIGN_URL = 'http://127.0.0.1:9/collector';

describe("Setting sources: another extension's defaults and a workspace", function () {
	this.timeout(30_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(async () => {
		await api.services.context.globalState.update(WORKSPACE_ORIGIN_CONSENT_STATE_KEY, undefined);
	});
	afterEach(async () => {
		await setSetting('apiBaseUrl', server.url);
		await api.services.context.globalState.update(WORKSPACE_ORIGIN_CONSENT_STATE_KEY, undefined);
	});

	it("an installed extension's configurationDefaults do not become the base URL, and the token never goes there unasked", async () => {
		// The fixture is really installed, and really contributes the defaults (so this test can fail).
		const foreign = vscode.extensions.getExtension(FOREIGN_EXTENSION);
		assert.ok(foreign, `${FOREIGN_EXTENSION} is installed in the test host`);
		const contributed = (foreign.packageJSON as { contributes: { configurationDefaults: Record<string, unknown> } }).contributes.configurationDefaults;
		assert.equal(contributed['veoTasks.apiBaseUrl'], FOREIGN_URL);

		// Without a user value, the base URL is the provider's: the manifest forbids other defaults.
		await setSetting('apiBaseUrl', undefined);
		const config = vscode.workspace.getConfiguration('veoTasks');
		assert.equal(config.inspect<string>('apiBaseUrl')?.defaultValue, DEFAULT_API_BASE_URL, 'VS Code keeps our own default');
		assert.equal(api.services.session.client().base, DEFAULT_API_BASE_URL);

		const settings = readApiSettings();
		assert.equal(settings.baseUrlSource, 'default');
		assert.deepEqual(consentReasons(settings.baseUrl, settings.baseUrlSource, settings.baseUrlLayers), [], 'the provider itself needs no question');
		// The foreign URL as the value in effect with nothing but a default behind it: asked about.
		assert.deepEqual(consentReasons(FOREIGN_URL, settingSource(FOREIGN_URL, { ...settings.baseUrlLayers, defaultValue: FOREIGN_URL })), ['workspaceChosen']);
		assert.equal(server.requests.length, 0);
	});

	it("the billing question and the download cap stay the user's: neither the foreign defaults nor a workspace change them", async () => {
		await setSetting('confirmBillableActions', undefined);
		await setSetting('maxDownloadMegabytes', undefined);
		assert.equal(readConfirmBillableActions(), true, 'the foreign default (false) does not turn the question off');
		assert.equal(readMaxDownloadBytes(), 2048 * 1024 * 1024, 'the foreign default (64 GB) does not raise the cap');
		// A workspace cannot write them at all (application scope), and what a settings file says anyway is not read.
		await assert.rejects(
			Promise.resolve(vscode.workspace.getConfiguration('veoTasks').update('maxDownloadMegabytes', 65536, vscode.ConfigurationTarget.Workspace)),
			'a workspace value of maxDownloadMegabytes is refused',
		);
		assert.equal(readMaxDownloadBytes(), 2048 * 1024 * 1024);
		// The user's own value counts.
		await setSetting('maxDownloadMegabytes', 10);
		assert.equal(readMaxDownloadBytes(), 10 * 1024 * 1024);
		await setSetting('maxDownloadMegabytes', undefined);
		await setSetting('confirmBillableActions', false);
	});
});
