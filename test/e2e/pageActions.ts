// What the end-to-end tests do on the workbench's page, as a person would, and how they open it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { REPO_ROOT, type CodeServer, type HostModule } from './hostModule';

/** Where the README's screenshots live (written with VEO_UPDATE_SCREENSHOTS=1). */
export const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/**
 * The user settings of a workbench that shows our extension against a fake API: polling goes on
 * without focus (the browser is headless), and nothing of VS Code's own opens over the view.
 */
export function workbenchSettings(apiBaseUrl: string): Record<string, unknown> {
	return {
		'veoTasks.apiBaseUrl': apiBaseUrl,
		'veoTasks.pauseWhenUnfocused': false,
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'workbench.colorTheme': 'Default Dark Modern',
		'workbench.secondarySideBar.defaultVisibility': 'hidden',
	};
}

/** Opens `server`'s workbench in Chromium and waits until it is drawn; `clipboard` lets the page read and write it. */
export async function openWorkbench(
	host: HostModule,
	server: CodeServer,
	options: { clipboard?: boolean } = {},
): Promise<{ page: Page; context: BrowserContext; close(): Promise<void> }> {
	const browser = await host.launchChromium();
	if (options.clipboard) {
		await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	}
	await browser.page.goto(host.workbenchUrl(server));
	await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
	return { page: browser.page, context: browser.context, close: browser.close };
}

/** After a failed test, a screenshot of the page in `artifacts`, named by `prefix` and the test's title. */
export async function screenshotOnFailure(test: Mocha.Test | undefined, page: Page | undefined, artifacts: string, prefix: string): Promise<void> {
	if (test?.state === 'failed' && page) {
		fs.mkdirSync(artifacts, { recursive: true });
		await page.screenshot({ path: path.join(artifacts, `${prefix}-failure-${test.title.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
	}
}

/** A screenshot in `artifacts`; with VEO_UPDATE_SCREENSHOTS=1 also in docs/screenshots/, for the README. */
export async function takeScreenshot(page: Page, artifacts: string, name: string): Promise<void> {
	const file = path.join(artifacts, name);
	await page.screenshot({ path: file });
	if (process.env.VEO_UPDATE_SCREENSHOTS === '1') {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		fs.copyFileSync(file, path.join(SCREENSHOTS, name));
	}
}

/**
 * Runs a command from the Command Palette by its title. Clicks the command's own row: Enter would
 * run whichever row the still-filtering list has selected at that moment.
 */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input.input');
	await input.waitFor();
	await input.fill(`>${title}`);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** Drags the sash between the sidebar and the editor, as a person would to read long rows. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
	const sidebar = await page.locator('.part.sidebar').boundingBox();
	if (!sidebar) {
		return;
	}
	const edge = sidebar.x + sidebar.width;
	await page.mouse.move(edge + 1, sidebar.y + sidebar.height / 2);
	await page.mouse.down();
	await page.mouse.move(sidebar.x + width, sidebar.y + sidebar.height / 2, { steps: 10 });
	await page.mouse.up();
	// Off the sash, so its highlight is not in the screenshots.
	await page.mouse.move(sidebar.x + width + 300, sidebar.y + 200);
}

/** Webviews are iframes inside iframes: the one with our page is found by what it contains. */
export async function waitForFrame(page: Page, test: (frame: Frame) => Promise<boolean>, timeoutMs = 30_000): Promise<Frame> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		for (const frame of page.frames()) {
			if (await test(frame).catch(() => false)) {
				return frame;
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error('the task panel webview did not appear');
}
