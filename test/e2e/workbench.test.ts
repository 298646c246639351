// The end-to-end test: VS Code (code-server) in Chromium, driven with the keyboard and the mouse
// as a person would, against the fake Veo API. It reads what is on screen: tree rows, the task
// panel's webview, notifications. Screenshots land in test-artifacts/ (and, with
// VEO_UPDATE_SCREENSHOTS=1, in docs/screenshots/ for the README, and small crops of them in
// media/walkthrough/ for the Getting Started walkthrough, which ships in the .vsix).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeVeoServer, type FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { readEnglishManifest } from '../unit/manifest/manifestNls';
import { REPO_ROOT, loadHost, type CodeServer } from './hostModule';
import { openWorkbench, runPaletteCommand, screenshotOnFailure, takeScreenshot, waitForFrame, widenSidebar, workbenchSettings } from './pageActions';

const TOKEN = 'e2e-token-4b1d-not-real';
const PROMPT = 'A red fox walking through fresh snow at dawn, cinematic';
const WALKTHROUGH_PICTURES = path.join(REPO_ROOT, 'media', 'walkthrough');

describe('Veo Tasks in VS Code, as a person uses it', function () {
	this.timeout(180_000);
	let fake: FakeVeoServer;
	let server: CodeServer;
	let page: Page;
	let closeBrowser: () => Promise<void>;
	let artifacts: string;
	let workspace: string;
	const succeeded = newTaskId();
	const running = newTaskId();
	const failed = newTaskId();

	before(async function () {
		const host = await loadHost();
		artifacts = host.ARTIFACTS_DIR;
		fs.mkdirSync(artifacts, { recursive: true });
		fake = await startFakeVeoServer({ token: TOKEN });
		const minutesAgo = (minutes: number): number => Date.now() / 1000 - minutes * 60;
		fake.setTask(succeededTask({ id: succeeded, prompt: PROMPT, model: 'veo31-fast', createdAt: minutesAgo(6), videoUrl: fake.sampleVideoUrl }));
		fake.setTask(runningTask({ id: running, prompt: 'Timelapse of clouds over a mountain lake', model: 'veo3', createdAt: minutesAgo(2) }));
		fake.setTask(
			failedTask({
				id: failed,
				prompt: 'A crowded stadium at night',
				model: 'veo2',
				createdAt: minutesAgo(12),
				errorMessage: 'The prompt was refused by the content filter.',
			}),
		);
		workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-e2e-'));
		server = await host.startCodeServer({
			extensionDevelopmentPath: REPO_ROOT,
			workspaceFolder: workspace,
			userSettings: workbenchSettings(fake.url),
		});
		({ page, close: closeBrowser } = await openWorkbench(host, server, { clipboard: true }));
	});

	after(async () => {
		await writeWalkthroughPictures().catch((error: unknown) => console.error(`walkthrough pictures: ${String(error)}`));
		await closeBrowser?.();
		await server?.stop();
		await fake?.close();
		fs.rmSync(workspace, { recursive: true, force: true });
	});

	afterEach(async function () {
		await screenshotOnFailure(this.currentTest, page, artifacts, 'e2e');
	});

	const runCommand = (title: string): Promise<void> => runPaletteCommand(page, title);

	function sidebarRow(text: string) {
		return page.locator('.sidebar .monaco-list-row', { hasText: text });
	}

	const screenshot = (name: string): Promise<void> => takeScreenshot(page, artifacts, name);

	/** Crops of the window for the walkthrough, encoded when the browser is done with the tests. */
	const walkthroughCrops = new Map<string, { png: Buffer; scale: number }>();

	/**
	 * A walkthrough picture: a crop of the window (`part`, cut to `height` pixels), to be scaled
	 * down and encoded as WebP by `writeWalkthroughPictures`, because every picture ships in the
	 * .vsix, which must stay under 250 KB (PNG would take three times as much).
	 */
	async function walkthroughPicture(name: string, part: string, options: { height?: number; scale: number; withActivityBar?: boolean }): Promise<void> {
		const box = await page.locator(part).first().boundingBox();
		assert.ok(box, `${part} is on screen`);
		const activityBar = options.withActivityBar ? await page.locator('.part.activitybar').boundingBox() : null;
		const x = activityBar ? activityBar.x : box.x;
		const clip = { x, y: box.y, width: box.x + box.width - x, height: Math.min(box.height, options.height ?? box.height) };
		walkthroughCrops.set(name, { png: await page.screenshot({ clip }), scale: options.scale });
	}

	/**
	 * Scales and encodes the crops on a canvas in a page of their own (no image library is
	 * installed), only now: a second page during the tests could take the focus from the workbench.
	 */
	async function writeWalkthroughPictures(): Promise<void> {
		if (!walkthroughCrops.size) {
			return;
		}
		const canvasPage = await page.context().newPage();
		try {
			for (const [name, { png, scale }] of walkthroughCrops) {
				const dataUrl = (await canvasPage.evaluate(`(async () => {
					const image = new Image();
					image.src = 'data:image/png;base64,${png.toString('base64')}';
					await image.decode();
					const canvas = document.createElement('canvas');
					canvas.width = Math.round(image.width * ${scale});
					canvas.height = Math.round(image.height * ${scale});
					const context = canvas.getContext('2d');
					context.imageSmoothingQuality = 'high';
					context.drawImage(image, 0, 0, canvas.width, canvas.height);
					return canvas.toDataURL('image/webp', 0.6);
				})()`)) as string;
				assert.match(dataUrl, /^data:image\/webp;base64,/, 'Chromium encodes WebP');
				const file = path.join(artifacts, `walkthrough-${name}`);
				fs.writeFileSync(file, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
				if (process.env.VEO_UPDATE_SCREENSHOTS === '1') {
					fs.mkdirSync(WALKTHROUGH_PICTURES, { recursive: true });
					fs.copyFileSync(file, path.join(WALKTHROUGH_PICTURES, name));
				}
			}
		} finally {
			await canvasPage.close();
		}
	}

	it('shows the Veo view with a way to set a token', async () => {
		await page.getByRole('tab', { name: /^Veo/ }).click();
		await page.locator('.sidebar .welcome-view-content', { hasText: 'needs an AceData Cloud API token' }).waitFor();
		await widenSidebar(page, 560);
		assert.ok(await page.locator('.sidebar a', { hasText: 'Set API Token' }).isVisible());
		await walkthroughPicture('token.webp', '.part.sidebar', { height: 300, scale: 0.75, withActivityBar: true });
	});

	it('takes the token in a password box from the command palette', async () => {
		await runCommand('Veo: Set API Token');
		// The palette's own input turns into the extension's password box.
		const input = page.locator('.quick-input-widget input.input[type=password]');
		await input.waitFor();
		assert.equal(await input.getAttribute('aria-label'), 'Veo API Token');
		await input.fill(TOKEN);
		await page.keyboard.press('Enter');
		await page.locator('.sidebar .welcome-view-content', { hasText: 'No Veo tasks tracked' }).waitFor();
	});

	it('adds a task ID typed into "Veo: Add Task ID…" and shows its row with its state', async () => {
		await runCommand('Veo: Add Task ID…');
		const input = page.locator('.quick-input-widget input.input[placeholder^="e.g."]');
		await input.waitFor();
		await input.fill(`${succeeded}, ${running} ${failed}`);
		await page.keyboard.press('Enter');
		const row = sidebarRow('A red fox walking');
		await row.waitFor();
		await page
			.locator('.sidebar .monaco-list-row .label-description', { hasText: /^succeeded · / })
			.first()
			.waitFor();
		await sidebarRow('Timelapse of clouds')
			.locator('.label-description', { hasText: /^running · / })
			.waitFor();
		await sidebarRow('A crowded stadium')
			.locator('.label-description', { hasText: /^failed · / })
			.waitFor();
		// Every batch call carried the token the person typed.
		assert.ok(fake.requestsFor('/veo/tasks', 'retrieve_batch').every((request) => request.headers.authorization === `Bearer ${TOKEN}`));
		await screenshot('sidebar.png');
		await walkthroughPicture('tasks.webp', '.part.sidebar', { height: 300, scale: 0.75, withActivityBar: true });
	});

	it('opens the task in an editor tab that shows its JSON and plays the video', async () => {
		await sidebarRow('A red fox walking').click();
		await page.locator('.tabs-container .tab', { hasText: 'A red fox walking' }).waitFor();
		const frame = await waitForFrame(page, (candidate) =>
			candidate
				.locator('[data-testid=json]')
				.count()
				.then((count) => count > 0),
		);
		const json = await frame.locator('[data-testid=json]').textContent();
		assert.ok(json?.includes(`"id": "${succeeded}"`), 'the JSON shows the task record');
		assert.equal(await frame.locator('[data-testid=title]').textContent(), 'A red fox walking through fresh snow at…');
		// The <video> really loaded the mp4's metadata (the page marks it on loadedmetadata).
		await frame.locator('video[data-loaded=true]').waitFor({ timeout: 30_000 });
		const duration = await frame.locator('video').evaluate((video) => (video as unknown as { duration: number }).duration);
		assert.ok(duration > 0.5 && duration < 2, `the fixture is one second long (got ${duration})`);
		await screenshot('panel.png');
		await walkthroughPicture('panel.webp', '.part.editor', { height: 520, scale: 0.6 });
	});

	it('copies the task ID from the panel', async () => {
		const frame = await waitForFrame(page, (candidate) =>
			candidate
				.locator('button[data-command=copyTaskId]')
				.count()
				.then((count) => count > 0),
		);
		await frame.locator('button[data-command=copyTaskId]').click();
		// The test reads the clipboard as the browser holds it (a string, since the test has no DOM types).
		await page.waitForFunction(`navigator.clipboard.readText().then((text) => text === ${JSON.stringify(succeeded)})`, undefined, { timeout: 10_000 });
	});

	it('says beside the player of a Veo 3.1 video that VS Code plays it without sound, with Play with Sound', async () => {
		const frame = await waitForFrame(page, (candidate) =>
			candidate
				.locator('[data-testid=sound-note]')
				.count()
				.then((count) => count > 0),
		);
		const note = frame.locator('[data-testid=sound-note]');
		assert.match((await note.textContent()) ?? '', /This video has sound, but VS Code plays videos without it/);
		assert.ok(await note.locator('button[data-command=openVideoExternal]', { hasText: 'Play with Sound' }).isVisible());
		await screenshot('panel-sound.png');
	});

	it('keeps the video position when its tab goes to the background and comes back', async () => {
		const fox = await waitForFrame(page, (candidate) =>
			candidate
				.locator('video[data-loaded=true]')
				.count()
				.then((count) => count > 0),
		);
		await fox.locator('video').evaluate(
			(video) =>
				new Promise<void>((resolve) => {
					const element = video as unknown as { currentTime: number; addEventListener(type: string, listener: () => void, options: { once: boolean }): void };
					element.addEventListener('seeked', () => resolve(), { once: true });
					element.currentTime = 0.6;
				}),
		);
		// Another task's tab in front: the fox's page is destroyed while hidden (no retainContextWhenHidden).
		await sidebarRow('Timelapse of clouds').click();
		await waitForFrame(page, (candidate) =>
			candidate
				.locator('[data-testid=title]', { hasText: 'Timelapse of clouds' })
				.count()
				.then((count) => count > 0),
		);
		await page.locator('.tabs-container .tab', { hasText: 'A red fox walking' }).click();
		const back = await waitForFrame(page, (candidate) =>
			candidate
				.locator('video[data-loaded=true]')
				.count()
				.then((count) => count > 0),
		);
		await back.waitForFunction('Math.abs(document.querySelector("video").currentTime - 0.6) < 0.05', undefined, { timeout: 10_000 });
	});

	it('groups the list by state, each group with its count', async () => {
		// The pick's own placeholder first: until it shows, the rows on screen are the Command
		// Palette's, fading out (inert), and one of them may match the text of a choice.
		const groupByPick = page.locator('.quick-input-widget input.input[placeholder="Group the Veo tasks by"]');
		// A task tab brought up to date may take the focus, which closes an open quick pick: ask again then.
		const groupBy = async (choice: string): Promise<void> => {
			for (let attempt = 1; ; attempt++) {
				await runCommand('Veo: Group By…');
				await groupByPick.waitFor();
				try {
					await page.locator('.quick-input-list .monaco-list-row', { hasText: choice }).first().click({ timeout: 10_000 });
					return;
				} catch (error) {
					if (attempt === 3) {
						throw error;
					}
					await page.keyboard.press('Escape');
				}
			}
		};
		await groupBy('State');
		for (const group of ['Running', 'Succeeded', 'Failed']) {
			await page.locator('.sidebar .monaco-list-row', { hasText: new RegExp(`^\\s*${group}\\s*1\\s*$`) }).waitFor();
		}
		await sidebarRow('A red fox walking').waitFor();
		await screenshot('sidebar-grouped.png');
		await groupBy('None');
		await page.locator('.sidebar .monaco-list-row', { hasText: /^\s*Running\s*1\s*$/ }).waitFor({ state: 'detached' });
	});

	it('walks through Generate Video… with the keyboard, a typed model the API refuses, Pick Another Model and the Back button', async () => {
		await runCommand('Veo: Generate Video…');
		const quickInput = page.locator('.quick-input-widget');
		const input = quickInput.locator('input.input');
		// 1. Action: text to video is offered first.
		// Clicked, not Enter: the tests before this one leave a webview focused, and a key pressed
		// before the quick input has taken the focus goes there.
		await quickInput.locator('.monaco-list-row', { hasText: 'Text to video' }).click();
		// 2. Model: a name that is not in the list is offered as typed.
		await page.locator('.quick-input-widget input.input[placeholder^="Model (or type"]').waitFor();
		await quickInput
			.locator('.monaco-list-row', { hasText: /^veo31-fast/ })
			.first()
			.waitFor();
		await input.fill('my-gateway-model');
		await quickInput.locator('.monaco-list-row', { hasText: 'Use this value' }).waitFor();
		await page.keyboard.press('Enter');
		// 3. Prompt, then Back from the next step: the prompt comes back as typed.
		await page.locator('.quick-input-widget input.input[placeholder^="A red fox"]').waitFor();
		await input.fill('A kite over the dunes');
		await page.keyboard.press('Enter');
		await quickInput.locator('.monaco-list-row', { hasText: '9:16' }).waitFor();
		await quickInput.getByRole('button', { name: 'Back' }).click();
		await page.waitForFunction(`document.querySelector('.quick-input-widget input.input')?.value === 'A kite over the dunes'`);
		await page.keyboard.press('Enter');
		// 4. Aspect ratio: portrait. 5. Resolution: the model's default. 6. Translation: keep (the
		// default for a prompt without Chinese; 05-generation tests the step a Chinese prompt gets).
		await quickInput.locator('.monaco-list-row', { hasText: '9:16' }).click();
		await quickInput.locator('.monaco-list-row', { hasText: 'GIF' }).waitFor();
		await page.keyboard.press('Enter');
		await quickInput.locator('.monaco-list-row', { hasText: 'Keep the prompt as written' }).waitFor();
		await page.keyboard.press('Enter');
		// 7. It is billable: one modal question says what will start.
		const dialog = page.locator('.monaco-dialog-box');
		await dialog.waitFor();
		assert.match(String(await dialog.textContent()), /Text to video · my-gateway-model · 9:16[\s\S]*A kite over the dunes/);
		await dialog.getByRole('button', { name: 'Generate' }).click();

		// The API does not know the typed model: the message names it and offers to pick another.
		await runCommand('Notifications: Show Notifications');
		const refusal = page.locator('.notifications-center .notification-list-item', { hasText: 'does not support the model "my-gateway-model"' }).first();
		await refusal.waitFor();
		await refusal.locator('.monaco-button', { hasText: 'Pick Another Model' }).click();
		// The wizard again, at the model step, the rest kept: veo31-fast, then Enter through the steps.
		await quickInput.locator('.monaco-list-row', { hasText: 'my-gateway-model' }).waitFor();
		await quickInput.locator('.monaco-list-row', { hasText: 'veo31-fast' }).first().click();
		await page.waitForFunction(`document.querySelector('.quick-input-widget input.input')?.value === 'A kite over the dunes'`);
		await page.keyboard.press('Enter');
		await quickInput.locator('.monaco-list-row', { hasText: '9:16' }).waitFor();
		await page.keyboard.press('Enter');
		await quickInput.locator('.monaco-list-row', { hasText: 'GIF' }).waitFor();
		await page.keyboard.press('Enter');
		await quickInput.locator('.monaco-list-row', { hasText: 'Keep the prompt as written' }).waitFor();
		await page.keyboard.press('Enter');
		await dialog.waitFor();
		assert.match(String(await dialog.textContent()), /Text to video · veo31-fast · 9:16/);
		await dialog.getByRole('button', { name: 'Generate' }).click();

		await sidebarRow('A kite over the dunes')
			.locator('.label-description', { hasText: /^pending · / })
			.waitFor();
		const requests = fake.requestsFor('/veo/videos');
		assert.equal(requests.length, 2);
		assert.deepEqual(requests[0].body, {
			action: 'text2video',
			model: 'my-gateway-model',
			prompt: 'A kite over the dunes',
			aspect_ratio: '9:16',
			translation: false,
			async: true,
		});
		assert.deepEqual(requests[1].body, {
			action: 'text2video',
			model: 'veo31-fast',
			prompt: 'A kite over the dunes',
			aspect_ratio: '9:16',
			translation: false,
			async: true,
		});
	});

	it('shows a rejected token as a notification with a Set API Token button', async () => {
		// Every request of this refresh is refused, whichever order the chunks go in.
		fake.failAlways({ error: 'invalid_token' });
		await runCommand('Veo: Refresh Tasks');
		// The rows keep what they showed.
		await sidebarRow('A red fox walking')
			.locator('.label-description', { hasText: /succeeded · .*refresh failed/ })
			.waitFor();
		fake.failAlways(undefined);
		await runCommand('Notifications: Show Notifications');
		const notification = page.locator('.notifications-center .notification-list-item', { hasText: 'The API token was rejected' }).first();
		await notification.waitFor();
		assert.ok(await notification.locator('.monaco-button', { hasText: 'Set API Token' }).isVisible());
	});

	it('opens the Get Started walkthrough: its four steps, their pictures, and a button that runs its command', async () => {
		await runCommand('Notifications: Clear All Notifications');
		// Without the sidebar the editor is wide enough for the walkthrough to show its pictures.
		await runCommand('View: Toggle Primary Side Bar Visibility');
		await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
		await runCommand('Welcome: Open Walkthrough');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Veo Tasks' }).first().click();
		const container = page.locator('.gettingStartedContainer');
		for (const title of ['Set your API token', 'Track a task or generate one', 'Open a task and watch the video', 'Settings worth knowing']) {
			await container.locator('.getting-started-step', { hasText: title }).first().waitFor();
		}
		// Each step's picture, known by its alt text, loads from the extension (what the .vsix ships).
		// The alt texts are %key% references: this run is in English, so package.nls.json says what shows.
		const manifest = readEnglishManifest(REPO_ROOT) as { contributes: { walkthroughs: { steps: { id: string; media: { altText: string } }[] }[] } };
		const steps = manifest.contributes.walkthroughs[0].steps;
		for (const step of [...steps.slice(1), steps[0]]) {
			await container.locator(`.getting-started-step[data-step-id$="#${step.id}"]`).click();
			const image = container.locator('.getting-started-media img').filter({ visible: true });
			await image.waitFor();
			assert.equal(await image.getAttribute('alt'), step.media.altText);
			await page.waitForFunction(
				(element) =>
					(element as unknown as { complete: boolean; naturalWidth: number }).complete && (element as unknown as { naturalWidth: number }).naturalWidth > 0,
				await image.elementHandle(),
				{ timeout: 10_000 },
			);
		}
		// The first step's button asks for the token, as the view's own button does.
		await container.locator('.getting-started-step[data-step-id$="#setToken"] .monaco-button', { hasText: 'Set API Token' }).click();
		await page.locator('.quick-input-widget input.input[type=password]').waitFor();
		await page.keyboard.press('Escape');
		await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		await runCommand('View: Toggle Primary Side Bar Visibility');
		await page.locator('.part.sidebar').waitFor();
	});

	it('shows the settings worth knowing when the Settings editor is searched for veoTasks', async () => {
		await runCommand('Preferences: Open Settings (UI)');
		await page.locator('.settings-editor').waitFor();
		// The search box has the focus when the Settings editor opens.
		// The list shows only the settings on screen: each is looked for by its own key, then all of ours for the picture.
		for (const [key, label] of [
			['veoTasks.giveUpAfterMinutes', 'Give Up After Minutes'],
			['veoTasks', 'Api Base Url'],
		]) {
			await page.keyboard.press('ControlOrMeta+A');
			await page.keyboard.type(key);
			await page.locator('.settings-editor .setting-item-contents .setting-item-label', { hasText: label }).first().waitFor();
		}
		// Off the tabs, so no tooltip covers the picture.
		await page.mouse.move(300, 700);
		await walkthroughPicture('settings.webp', '.part.editor', { height: 480, scale: 0.6 });
	});
});
