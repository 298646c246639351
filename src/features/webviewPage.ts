import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { renderWebviewPage } from '../core/view/webviewPageHtml';
import { displayLocale } from '../core/l10n/l10n';

/**
 * What the gallery and Compare Takes share of a webview: where their files come from, and the page
 * built with a fresh nonce, the display language and the allowed video origins.
 */
export function pageOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
	return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

export function pageHtml(
	webview: vscode.Webview,
	extensionUri: vscode.Uri,
	page: 'gallery' | 'compareTakes',
	title: string,
	model: unknown,
	mediaSources: string,
): string {
	return renderWebviewPage(title, model, {
		cspSource: webview.cspSource,
		nonce: randomBytes(16).toString('base64'),
		scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page}.js`)).toString(),
		styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${page}.css`)).toString(),
		language: displayLocale() ?? vscode.env.language,
		mediaSources,
	});
}

/**
 * Asks a page what it rendered, repeating the question until it answers (it may still be loading,
 * or reloading for a new media policy). For the integration tests only.
 */
export class PageInspector<Report> {
	private readonly waiting = new Map<number, (report: Report) => void>();
	private next = 0;

	constructor(private readonly post: (message: { type: 'inspect'; id: number }) => void) {}

	answer(id: unknown, report: unknown): void {
		if (typeof id === 'number') {
			this.waiting.get(id)?.(report as Report);
			this.waiting.delete(id);
		}
	}

	async ask(timeoutMs = 10_000): Promise<Report> {
		const id = this.next++;
		const answered = new Promise<Report>((resolve) => this.waiting.set(id, resolve));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			this.post({ type: 'inspect', id });
			const report = await Promise.race([answered, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 250))]);
			if (report) {
				return report;
			}
			if (Date.now() > deadline) {
				this.waiting.delete(id);
				throw new Error(`The page did not answer within ${timeoutMs} ms.`);
			}
		}
	}
}

/** The task IDs a page sent: tracked ones only, each once, at most `max`. Anything else is dropped. */
export function trackedIds(raw: unknown, has: (id: string) => boolean, max = 10_000): string[] {
	if (!Array.isArray(raw)) {
		return [];
	}
	const ids = raw.filter((id): id is string => typeof id === 'string' && id.length <= 100 && has(id));
	return [...new Set(ids)].slice(0, max);
}
