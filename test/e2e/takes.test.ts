// The gallery and Compare Takes as a person uses them: VS Code (code-server) in Chromium against the
// fake Veo API. Cards are selected with the mouse, compared from the selection bar, and played with
// the comparison's one control bar. Takes the README's screenshots gallery.png and compare-takes.png
// (in docs/screenshots/ with VEO_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeVeoServer, type FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { loadHost, REPO_ROOT, type CodeServer } from './hostModule';
import type { Frame } from 'playwright-core';
import { openWorkbench, runPaletteCommand, screenshotOnFailure, takeScreenshot, waitForFrame, widenSidebar, workbenchSettings } from './pageActions';

const TOKEN = 'e2e-token-6c2e-not-real';

/**
 * Waits until every element `selector` matches satisfies `test` (run on the elements by
 * evaluateAll: a string predicate would be eval'd in the page, which its CSP forbids).
 */
async function untilAll(frame: Frame, selector: string, test: (elements: { paused?: boolean }[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (
			await frame
				.locator(selector)
				.evaluateAll((elements) => elements.map((element) => ({ paused: (element as unknown as { paused?: boolean }).paused })))
				.then(test)
		) {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`timed out waiting for ${what}`);
}

describe('The gallery and Compare Takes, as a person uses them', function () {
	this.timeout(180_000);
	let fake: FakeVeoServer;
	let server: CodeServer;
	let page: Page;
	let closeBrowser: () => Promise<void>;
	let artifacts: string;
	let workspace: string;
	const takes = [
		{ id: newTaskId(), prompt: 'A red fox trotting through fresh snow in a birch forest, golden hour', model: 'veo31-fast', minutes: 3 },
		{ id: newTaskId(), prompt: 'A red fox trotting through deep snow in a pine forest, blue hour', model: 'veo3', minutes: 5 },
		{ id: newTaskId(), prompt: 'Aerial shot of a lighthouse on a rocky cliff at sunset', model: 'veo31-fast', minutes: 30 },
		{ id: newTaskId(), prompt: 'A barista pours latte art in slow motion', model: 'veo31', minutes: 90 },
		{ id: newTaskId(), prompt: 'Neon-lit alley in the rain at night, a cyclist passes', model: 'veo3-fast', minutes: 200 },
	];
	const running = newTaskId();

	before(async function () {
		const host = await loadHost();
		artifacts = host.ARTIFACTS_DIR;
		fs.mkdirSync(artifacts, { recursive: true });
		fake = await startFakeVeoServer({ token: TOKEN });
		const minutesAgo = (minutes: number): number => Date.now() / 1000 - minutes * 60;
		for (const take of takes) {
			fake.setTask(
				succeededTask({
					id: take.id,
					prompt: take.prompt,
					model: take.model,
					aspectRatio: '16:9',
					createdAt: minutesAgo(take.minutes),
					videoUrl: fake.sampleVideoUrl,
				}),
			);
		}
		fake.setTask(runningTask({ id: running, prompt: 'Timelapse of clouds over a mountain lake', model: 'veo3', createdAt: minutesAgo(1) }));
		workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-e2e-takes-'));
		server = await host.startCodeServer({ extensionDevelopmentPath: REPO_ROOT, workspaceFolder: workspace, userSettings: workbenchSettings(fake.url) });
		({ page, close: closeBrowser } = await openWorkbench(host, server));
	});

	after(async () => {
		await closeBrowser?.();
		await server?.stop();
		await fake?.close();
		fs.rmSync(workspace, { recursive: true, force: true });
	});

	afterEach(async function () {
		await screenshotOnFailure(this.currentTest, page, artifacts, 'e2e-takes');
	});

	it('tracks the takes', async () => {
		await page.getByRole('tab', { name: /^Veo/ }).click();
		await page.locator('.sidebar .welcome-view-content', { hasText: 'needs an AceData Cloud API token' }).waitFor({ timeout: 60_000 });
		await widenSidebar(page, 420);
		await runPaletteCommand(page, 'Veo: Set API Token');
		const password = page.locator('.quick-input-widget input.input[type=password]');
		await password.waitFor();
		await password.fill(TOKEN);
		await page.keyboard.press('Enter');
		await page.locator('.sidebar .welcome-view-content', { hasText: 'No Veo tasks tracked' }).waitFor();
		await runPaletteCommand(page, 'Veo: Add Task ID…');
		const input = page.locator('.quick-input-widget input.input[placeholder^="e.g."]');
		await input.waitFor();
		await input.fill([...takes.map((take) => take.id), running].join(' '));
		await page.keyboard.press('Enter');
		await page
			.locator('.sidebar .monaco-list-row', { hasText: 'A barista pours' })
			.locator('.label-description', { hasText: /^succeeded · / })
			.waitFor();
	});

	it('opens the gallery: a card per finished video, each with its first frame, none for the running task', async () => {
		await runPaletteCommand(page, 'Veo: Open Gallery');
		const frame = await waitForFrame(page, (candidate) =>
			candidate
				.locator('.card')
				.count()
				.then((count) => count > 0),
		);
		await frame
			.locator('.card video[data-loaded="true"]')
			.nth(takes.length - 1)
			.waitFor({ timeout: 30_000 });
		assert.equal(await frame.locator('.card').count(), takes.length, 'no card for the running task');
		assert.equal(await frame.locator('.card', { hasText: 'Timelapse of clouds' }).count(), 0);
		// Two takes of the fox, selected with their boxes.
		await frame.locator('.card', { hasText: 'golden hour' }).locator('[data-testid=select]').click();
		await frame.locator('.card', { hasText: 'blue hour' }).locator('[data-testid=select]').click();
		await frame.locator('.selection button[data-command=compare]:not([disabled])').waitFor();
		await takeScreenshot(page, artifacts, 'gallery.png');
	});

	it('compares the selected takes: two players that play and pause together, the differences marked', async () => {
		const gallery = await waitForFrame(page, (candidate) =>
			candidate
				.locator('.selection button[data-command=compare]')
				.count()
				.then((count) => count > 0),
		);
		await gallery.locator('.selection button[data-command=compare]').click();
		const frame = await waitForFrame(page, (candidate) =>
			candidate
				.locator('[data-testid=player]')
				.count()
				.then((count) => count === 2),
		);
		await frame.locator('[data-testid=player][data-loaded="true"]').nth(1).waitFor({ timeout: 30_000 });
		assert.ok((await frame.locator('tr.differs[data-key=model]').count()) === 1, 'the model row is highlighted');
		const marked = await frame.locator('.take').first().locator('.prompt mark').allTextContents();
		assert.deepEqual(marked, ['fresh', 'birch', 'golden'], "the first take's own words are marked");
		await frame.locator('[data-testid=play]').click();
		await untilAll(frame, '[data-testid=player]', (videos) => videos.length === 2 && videos.every((video) => video.paused === false), 'both players to play');
		await frame.locator('[data-testid=play]').click();
		await untilAll(frame, '[data-testid=player]', (videos) => videos.length === 2 && videos.every((video) => video.paused === true), 'both players to pause');
		await frame.locator('.take').first().locator('button[data-command=keep]').click();
		await frame.locator('[data-testid=kept]').waitFor();
		await takeScreenshot(page, artifacts, 'compare-takes.png');
	});
});
