import type { TaskPanelModel } from './taskPanelModel';
import { escapeHtml } from '../util/text';
import { isLoopbackHost } from '../api/urlPolicy';

export interface PanelResources {
	/** `webview.cspSource`: where the panel's own script and stylesheet come from. */
	cspSource: string;
	scriptUri: string;
	/** Test runs only: the inspection script (src/webview/taskPanelInspection.ts), loaded before the page's. */
	inspectionScriptUri?: string;
	styleUri: string;
	nonce: string;
	/** VS Code's display language (`vscode.env.language`), the page's `lang`; 'en' when absent or not a language tag. */
	language?: string;
}

/** A BCP 47-shaped tag ("en", "zh-cn", "qps-ploc"): nothing that could end the attribute it is written in. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** The page's `lang`: the display language when it is a language tag, else 'en' (the value lands in HTML). */
export function pageLanguage(language: string | undefined): string {
	return language !== undefined && LANGUAGE_TAG.test(language) ? language : 'en';
}

/**
 * `media-src` for a model: any https origin (the provider's CDN moves), plus the exact loopback
 * origin when the video is served from this machine (tests and local gateways). Nothing else.
 */
export function mediaSources(model: Pick<TaskPanelModel, 'playableVideoUrl'>): string {
	const sources = ['https:'];
	if (model.playableVideoUrl) {
		const url = new URL(model.playableVideoUrl);
		if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
			sources.push(url.origin);
		}
	}
	return sources.join(' ');
}

/**
 * `img-src`: exactly the origins of the reference images the page shows (all https, see
 * requestDetails), or none.
 */
export function imageSources(model: Pick<TaskPanelModel, 'referenceImages'>): string {
	const origins = new Set<string>();
	for (const image of model.referenceImages ?? []) {
		const url = new URL(image);
		if (url.protocol === 'https:') {
			origins.add(url.origin);
		}
	}
	return origins.size ? [...origins].join(' ') : "'none'";
}

/**
 * The panel's page. It holds no data from the server as markup: the model travels in an
 * HTML-escaped `data-model` attribute (as VS Code's own media preview passes its settings),
 * and the page script (src/webview/taskPanel.ts) builds the page from it with `textContent`.
 */
export function renderTaskPanelHtml(model: TaskPanelModel, resources: PanelResources): string {
	const csp = [
		"default-src 'none'",
		`style-src ${resources.cspSource}`,
		`script-src 'nonce-${resources.nonce}'`,
		`media-src ${mediaSources(model)}`,
		`img-src ${imageSources(model)}`,
		"base-uri 'none'",
		"form-action 'none'",
	].join('; ');
	const script = (uri: string): string => `<script nonce="${resources.nonce}" src="${escapeHtml(uri)}"></script>\n`;
	const scripts = (resources.inspectionScriptUri !== undefined ? script(resources.inspectionScriptUri) : '') + script(resources.scriptUri);
	return `<!DOCTYPE html>
<html lang="${pageLanguage(resources.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>${escapeHtml(model.title)}</title>
</head>
<body data-model="${escapeHtml(JSON.stringify(model))}">
<main id="app" aria-live="polite"></main>
${scripts}</body>
</html>`;
}
