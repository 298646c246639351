// The extension as a person sees it in VS Code's Simplified Chinese (zh-cn) and in the pseudo
// language (qps-ploc, made by `node scripts/l10n.mjs pseudo` from the English bundles), read
// from the screen: the view's welcome, the command titles, the tree rows, the Generate Video
// wizard, a notification and the task panel. In Chinese every text of ours must be Chinese (only
// names such as Veo, API or ID stay Latin); in the pseudo language every word of ours is accented,
// so a plain-ASCII word on screen is a string that never went through a translation.
// The Chinese run also takes docs/screenshots/zh-cn.png for the README (VEO_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ERROR_TABLE } from '../fakeApi/errors';
import { startFakeVeoServer, type FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { REPO_ROOT, loadHost, type CodeServer } from './hostModule';
import { openWorkbench, runPaletteCommand, screenshotOnFailure, takeScreenshot, waitForFrame, widenSidebar, workbenchSettings } from './pageActions';

const TOKEN = 'e2e-token-77c2-not-real';

interface Manifest {
	contributes: {
		commands: { command: string; title: string; category?: string }[];
		viewsContainers: { activitybar: { id: string; title: string }[] };
		viewsWelcome: { contents: string; when?: string }[];
	};
}

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;
}

/**
 * What the extension says in `language`, read from the files VS Code reads: the manifest's %key%
 * strings through package.nls.<language>.json, messages through l10n/bundle.l10n.<language>.json.
 */
function translations(language: string) {
	const manifest = readJson<Manifest>('package.json');
	const nls = readJson<Record<string, string>>(`package.nls.${language}.json`);
	const bundle = readJson<Record<string, string>>(`l10n/bundle.l10n.${language}.json`);
	const manifestText = (value: string): string => {
		const key = /^%(.+)%$/.exec(value)?.[1];
		assert.ok(key, `"${value}" in package.json is a %key%`);
		assert.ok(nls[key], `package.nls.${language}.json has ${key}`);
		return nls[key];
	};
	return {
		command(id: string): string {
			const command = manifest.contributes.commands.find((entry) => entry.command === id);
			assert.ok(command, id);
			return `${command.category ? `${manifestText(command.category)}: ` : ''}${manifestText(command.title)}`;
		},
		container: manifestText(manifest.contributes.viewsContainers.activitybar[0].title),
		/** The first line of each welcome (no token; no tasks), its text without links. */
		welcome: manifest.contributes.viewsWelcome.map((entry) => manifestText(entry.contents).split('\n')[0]),
		message(english: string): string {
			assert.ok(bundle[english], `l10n/bundle.l10n.${language}.json translates "${english}"`);
			return bundle[english];
		},
	};
}

/**
 * What VS Code itself adds under an input box (its own string: the minimal language packs of the
 * test host do not translate it, the official ones do).
 */
const WORKBENCH_INPUT_HINT = /\(Press 'Enter' to confirm or 'Escape' to cancel\)/;

/** Words that are the same in every language: names, and what the API and the tests put there. */
const NAMES = [
	'AceData Cloud',
	'VS Code',
	'Veo',
	'API',
	'ID',
	'URL',
	'JSON',
	'GIF',
	'MP4',
	'mp4',
	'HTTP',
	'CDN',
	'AAC',
	'https',
	'http',
	'1080p',
	'4K',
	'curl',
	'Veo Tasks',
];
/**
 * In the pseudo language, Intl (relative times, dates, units) answers in the runtime's English:
 * it has no pseudo locale, and these words come from its data, not from our bundles.
 */
const INTL_ENGLISH = [
	'min',
	'hr',
	'sec',
	'ago',
	'yesterday',
	'now',
	'AM',
	'PM',
	'GMT',
	'UTC',
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec',
	'day',
	'days',
];

for (const language of ['zh-cn', 'qps-ploc']) {
	describe(`Veo Tasks in VS Code's ${language === 'zh-cn' ? 'Simplified Chinese' : 'pseudo language'} (${language})`, function () {
		this.timeout(180_000);
		let fake: FakeVeoServer;
		let server: CodeServer;
		let page: Page;
		let closeBrowser: () => Promise<void>;
		let artifacts: string;
		let workspace: string;
		let text: ReturnType<typeof translations>;
		const succeeded = newTaskId();
		const running = newTaskId();
		const failed = newTaskId();
		const prompts = ['一只红狐狸在黎明的新雪中行走，电影感', '山间湖泊上空的云朵延时摄影', '夜晚拥挤的体育场'];
		const models = ['veo31-fast', 'veo3', 'veo2'];

		/** Latin words in `shown` that are neither names nor data nor (pseudo language) Intl's. */
		function untranslated(shown: string, data: string[] = []): string[] {
			let rest = shown;
			// Trace IDs are UUIDs too: data, whose hex letters are no English words.
			rest = rest.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ' ');
			for (const known of [succeeded, running, failed, ...prompts, ...models, ...data, ...NAMES, ...(language === 'qps-ploc' ? INTL_ENGLISH : [])].sort(
				(a, b) => b.length - a.length,
			)) {
				rest = rest.split(known).join(' ');
			}
			return rest.match(/[A-Za-z]{2,}/g) ?? [];
		}

		function assertTranslated(what: string, text: string | null, data: string[] = []): void {
			const shown = text ?? '';
			assert.ok(shown.trim(), `${what} shows text`);
			assert.deepEqual(untranslated(shown, data), [], `${what} has English words left: "${shown}"`);
			if (language === 'zh-cn') {
				assert.match(shown, /\p{Script=Han}/u, `${what} is in Chinese: "${shown}"`);
			} else {
				// The pseudo bundles replace letters with accented ones (Ŧȧȧşķş): some must be there.
				assert.match(shown, /[\u0100-\u024f\u1e00-\u1eff]/u, `${what} is pseudo-localised: "${shown}"`);
			}
		}

		before(async function () {
			const host = await loadHost();
			if (language === 'qps-ploc') {
				const specifier = path.join(REPO_ROOT, 'scripts', 'l10n.mjs');
				const l10n = (await import(specifier)) as { writePseudoBundles(root: string): void };
				l10n.writePseudoBundles(REPO_ROOT);
			}
			text = translations(language);
			artifacts = host.ARTIFACTS_DIR;
			fs.mkdirSync(artifacts, { recursive: true });
			fake = await startFakeVeoServer({ token: TOKEN });
			const minutesAgo = (minutes: number): number => Date.now() / 1000 - minutes * 60;
			fake.setTask(succeededTask({ id: succeeded, prompt: prompts[0], model: models[0], createdAt: minutesAgo(6), videoUrl: fake.sampleVideoUrl }));
			fake.setTask(runningTask({ id: running, prompt: prompts[1], model: models[1], createdAt: minutesAgo(2) }));
			fake.setTask(failedTask({ id: failed, prompt: prompts[2], model: models[2], createdAt: minutesAgo(12), errorMessage: '提示词被内容过滤器拒绝。' }));
			workspace = fs.mkdtempSync(path.join(os.tmpdir(), `veo-e2e-${language}-`));
			server = await host.startCodeServer({
				extensionDevelopmentPath: REPO_ROOT,
				workspaceFolder: workspace,
				displayLanguage: language,
				userSettings: workbenchSettings(fake.url),
			});
			({ page, close: closeBrowser } = await openWorkbench(host, server));
		});

		after(async () => {
			await closeBrowser?.();
			await server?.stop();
			await fake?.close();
			if (workspace) {
				fs.rmSync(workspace, { recursive: true, force: true });
			}
		});

		afterEach(async function () {
			await screenshotOnFailure(this.currentTest, page, artifacts, `e2e-${language}`);
		});

		/** Runs one of our commands by its title in this language. */
		const runCommand = (id: string): Promise<void> => runPaletteCommand(page, text.command(id));

		function sidebarRow(prompt: string) {
			return page.locator('.sidebar .monaco-list-row', { hasText: prompt.slice(0, 6) });
		}

		it("shows the view's welcome in the display language", async () => {
			await page.getByRole('tab', { name: new RegExp(`^${text.container.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
			const welcome = page.locator('.sidebar .welcome-view-content', { hasText: text.welcome[0].slice(0, 8) });
			await welcome.waitFor();
			await widenSidebar(page, 520);
			assertTranslated('the welcome (no token)', await welcome.innerText(), ['ACEDATACLOUD_API_TOKEN', 'platform.acedata.cloud']);
		});

		it('takes the token and task IDs pasted with full-width separators, and shows each row in the display language', async () => {
			await runCommand('veoTasks.setToken');
			const password = page.locator('.quick-input-widget input.input[type=password]');
			await password.waitFor();
			await password.fill(TOKEN);
			await page.keyboard.press('Enter');
			const welcome = page.locator('.sidebar .welcome-view-content', { hasText: text.welcome[1].slice(0, 8) });
			await welcome.waitFor();
			assertTranslated('the welcome (no tasks)', await welcome.innerText());

			await runCommand('veoTasks.addTask');
			// Our box, not the command palette it replaces: its title is ours.
			await page.locator('.quick-input-widget .quick-input-title', { hasText: text.message('Add Veo Task IDs') }).waitFor();
			const input = page.locator('.quick-input-widget input.input:not([type=password])');
			const message = await page
				.locator('.quick-input-widget .quick-input-message')
				.innerText()
				.catch(() => '');
			assertTranslated('the Add Task ID box', `${await input.getAttribute('placeholder')} ${message.replace(WORKBENCH_INPUT_HINT, '')}`);
			// What a Chinese input method types between the IDs: a full-width comma and an enumeration comma.
			await input.fill(`${succeeded}，${running}、${failed}`);
			await page.keyboard.press('Enter');
			for (const prompt of prompts) {
				await sidebarRow(prompt).waitFor();
			}
			const descriptions = page.locator('.sidebar .monaco-list-row .label-description');
			await page.waitForFunction("document.querySelectorAll('.sidebar .monaco-list-row .label-description').length >= 3");
			for (const description of await descriptions.allInnerTexts()) {
				assertTranslated('a row description', description);
			}
		});

		it('opens the task panel with its labels in the display language', async () => {
			await sidebarRow(prompts[0]).click();
			const frame = await waitForFrame(page, (candidate) =>
				candidate
					.locator('[data-testid=json]')
					.count()
					.then((count) => count > 0),
			);
			await frame.locator('video[data-loaded=true]').waitFor({ timeout: 30_000 });
			assert.equal(await frame.locator('html').getAttribute('lang'), language);
			// Everything the page shows but the task's own JSON.
			const shown = (await frame.evaluate(`(() => {
				const copy = document.body.cloneNode(true);
				copy.querySelectorAll('[data-testid=json], script, style').forEach((element) => element.remove());
				const attributes = Array.from(copy.querySelectorAll('[title], [aria-label]'), (element) => (element.getAttribute('title') || '') + ' ' + (element.getAttribute('aria-label') || ''));
				return copy.innerText + '\\n' + attributes.join('\\n');
			})()`)) as string;
			// The API's action word (text2video) and the time zone's name (Intl's, in this machine's zone) are data.
			assertTranslated('the task panel', shown, [
				fake.sampleVideoUrl,
				new URL(fake.url).host,
				'127.0.0.1',
				'localhost',
				'https',
				'http',
				'veo31',
				'text2video',
				'UTC',
				'GMT',
			]);
			if (language === 'zh-cn') {
				await page.mouse.move(900, 700);
				await takeScreenshot(page, artifacts, 'zh-cn.png');
			}
		});

		it('asks the Generate Video wizard in the display language', async () => {
			await runCommand('veoTasks.generateVideo');
			const widget = page.locator('.quick-input-widget');
			await widget.locator('.quick-input-title', { hasText: text.message('Generate Veo Video') }).waitFor();
			await widget.locator('.quick-input-list .monaco-list-row').first().waitFor();
			const placeholder = await widget.locator('input.input').getAttribute('placeholder');
			const title = await widget
				.locator('.quick-input-title')
				.innerText()
				.catch(() => '');
			const rows = await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts();
			assertTranslated('the wizard', [placeholder, title, ...rows].join('\n'), ['veo31-fast-ingredients']);
			await page.keyboard.press('Escape');
			await widget.waitFor({ state: 'hidden' });
		});

		it('shows a rejected token as a notification in the display language', async () => {
			fake.failAlways({ error: 'invalid_token' });
			await runCommand('veoTasks.refresh');
			// In extension development mode notifications wait under the bell instead of popping up:
			// the bell (the status bar's, whatever its title in this language) opens them.
			const rejected = text.message('The API token was rejected. Set a new token.');
			const toast = page.locator('.notifications-center .notification-list-item', { hasText: rejected }).first();
			for (let tries = 0; !(await toast.isVisible()); tries++) {
				assert.ok(tries < 20, 'the notification is under the bell');
				if (!(await page.locator('.notifications-center.visible').isVisible())) {
					await page.locator('[id="status.notifications"]').click();
				}
				await page.waitForTimeout(1000);
			}
			fake.failAlways(undefined);
			const message = await toast.locator('.notification-list-item-message').innerText();
			const buttons = await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts();
			// The server's own words are quoted as they came: data, not a string of ours.
			assertTranslated('the notification', message, [ERROR_TABLE.invalid_token.message]);
			assert.ok(buttons.length > 0, 'the notification offers its action');
			for (const button of buttons) {
				assertTranslated('a notification button', button);
			}
		});
	});
}
