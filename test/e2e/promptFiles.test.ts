// A prompt file (`*.veo.md`) in VS Code in Chromium, as a person uses it: opened from the Explorer,
// its lenses at the top, Generate Video clicked and confirmed in the billable dialog, then the takes
// lens. Its screenshot (docs/screenshots/prompt-file.png with VEO_UPDATE_SCREENSHOTS=1) is the README's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeVeoServer, type FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { REPO_ROOT, loadHost, type CodeServer } from './hostModule';
import { openWorkbench, screenshotOnFailure, takeScreenshot, workbenchSettings } from './pageActions';

const TOKEN = 'e2e-token-prompt-files-not-real';
const PROMPT_FILE = [
	'---',
	'action: text2video',
	'model: veo31-fast',
	'aspect_ratio: "16:9"',
	'resolution: 1080p',
	'---',
	'',
	'A red fox walking through fresh snow at dawn, cinematic.',
	'',
	'Low camera, slow push in; breath visible in the cold air.',
	'',
].join('\n');

describe('Prompt files in VS Code, as a person uses them', function () {
	this.timeout(180_000);
	let fake: FakeVeoServer;
	let server: CodeServer;
	let page: Page;
	let closeBrowser: () => Promise<void>;
	let artifacts: string;
	let workspace: string;

	before(async function () {
		const host = await loadHost();
		artifacts = host.ARTIFACTS_DIR;
		fs.mkdirSync(artifacts, { recursive: true });
		fake = await startFakeVeoServer({ token: TOKEN });
		workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-e2e-prompts-'));
		fs.mkdirSync(path.join(workspace, 'prompts'));
		fs.writeFileSync(path.join(workspace, 'prompts', 'red-fox.veo.md'), PROMPT_FILE);
		server = await host.startCodeServer({
			extensionDevelopmentPath: REPO_ROOT,
			workspaceFolder: workspace,
			userSettings: { ...workbenchSettings(fake.url), 'veoTasks.autoRefresh': false, 'editor.minimap.enabled': false },
			// The token from the environment, as a CI job passes it: no token step in this test.
			env: { ACEDATACLOUD_API_TOKEN: TOKEN },
		});
		({ page, close: closeBrowser } = await openWorkbench(host, server));
	});

	after(async () => {
		await closeBrowser?.();
		await server?.stop();
		await fake?.close();
		fs.rmSync(workspace, { recursive: true, force: true });
	});

	afterEach(async function () {
		await screenshotOnFailure(this.currentTest, page, artifacts, 'e2e-prompt-files');
	});

	it('shows Generate Video above the prompt, asks before sending, then counts the take', async () => {
		// The Veo view first: the extension is active (and has the token from the environment) once it says so.
		await page.getByRole('tab', { name: /^Veo/ }).click();
		await page.locator('.sidebar .welcome-view-content', { hasText: 'No Veo tasks tracked' }).waitFor({ timeout: 60_000 });
		// Then the file, from the Explorer, as a person opens a file of the repository.
		await page.getByRole('tab', { name: /^Explorer/ }).click();
		const explorerRow = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
		await explorerRow('prompts').click();
		await explorerRow('red-fox.veo.md').click();
		const generate = page.locator('.codelens-decoration a', { hasText: 'Generate Video' });
		await generate.waitFor({ timeout: 60_000 });
		await generate.click();
		// The billable question, answered as a person would.
		const dialog = page.locator('.monaco-dialog-box');
		await dialog.waitFor();
		assert.match((await dialog.textContent()) ?? '', /red-fox\.veo\.md/);
		await dialog.locator('.monaco-button', { hasText: /^Generate$/ }).click();
		await page.locator('.codelens-decoration a', { hasText: '1 take (0 succeeded, 1 running, 0 failed)' }).waitFor({ timeout: 30_000 });
		const requests = fake.requestsFor('/veo/videos');
		assert.equal(requests.length, 1);
		assert.equal(
			(requests[0].body as { prompt?: unknown }).prompt,
			'A red fox walking through fresh snow at dawn, cinematic.\n\nLow camera, slow push in; breath visible in the cold air.',
		);
		assert.equal((requests[0].body as { resolution?: unknown }).resolution, '1080p');
		// The view grouped by prompt file beside the file, for the README's picture.
		await page.locator('.codelens-decoration a', { hasText: '1 take' }).click();
		await page.locator('.sidebar .monaco-list-row', { hasText: 'prompts/red-fox.veo.md' }).waitFor();
		await page.locator('.sidebar .monaco-list-row', { hasText: 'A red fox walking' }).waitFor();
		await page.mouse.move(0, 0);
		await takeScreenshot(page, artifacts, 'prompt-file.png');
	});
});
