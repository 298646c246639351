// What the end-to-end tests do on the workbench's page, as a person would.
import type { Frame, Page } from 'playwright-core';

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
