import { escapeHtml } from '../util/text';
import { pageLanguage } from './taskPanelHtml';

export interface WebviewPageResources {
	/** `webview.cspSource`: where the page's own script and stylesheet come from. */
	cspSource: string;
	scriptUri: string;
	styleUri: string;
	nonce: string;
	/** The page's `lang` (VS Code's display language). */
	language?: string;
	/** `media-src`: `https:` plus the exact loopback origins of the videos (galleryMediaSources). */
	mediaSources: string;
}

/**
 * A page of the gallery or Compare Takes, with the task panel's discipline: no data as markup (the
 * model travels HTML-escaped in `data-model` and the script builds the page with textContent), only
 * the nonce'd script runs, and nothing loads but our stylesheet and the allowed video origins.
 */
export function renderWebviewPage(title: string, model: unknown, resources: WebviewPageResources): string {
	const csp = [
		"default-src 'none'",
		`style-src ${resources.cspSource}`,
		`script-src 'nonce-${resources.nonce}'`,
		`media-src ${resources.mediaSources}`,
		"img-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
	].join('; ');
	return `<!DOCTYPE html>
<html lang="${pageLanguage(resources.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body data-model="${escapeHtml(JSON.stringify(model))}">
<main id="app"></main>
<script nonce="${resources.nonce}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>`;
}
