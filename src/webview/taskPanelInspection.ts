// Test runs only: the host adds this script to the task panel's page in ExtensionMode.Test, so the
// integration tests can ask from the extension host what the page rendered (that nothing from the
// server became markup, a handler, a link or a navigation). Read-only. Users' pages never load it.
//
// It runs before the page script and acquires the webview API, which a page may acquire once; it
// then hands the same API to the page script's later acquireVsCodeApi() call.
import type { InspectRequest, InspectionReply, PageInspection } from '../features/taskPanel/panelProtocol';
import './vscodeApi';

const api = acquireVsCodeApi<unknown, InspectionReply>();
globalThis.acquireVsCodeApi = (() => api) as unknown as typeof acquireVsCodeApi;

function describe(node: Element, attribute: string): string {
	return `${node.tagName.toLowerCase()} ${node.getAttribute(attribute)}`;
}

function inspect(): PageInspection {
	const all = Array.from(document.querySelectorAll('*'));
	const tags: Record<string, number> = {};
	for (const node of all) {
		const tag = node.tagName.toLowerCase();
		tags[tag] = (tags[tag] ?? 0) + 1;
	}
	const handlers = all.flatMap((node) =>
		Array.from(node.attributes)
			.filter((attribute) => /^on/i.test(attribute.name))
			.map((attribute) => `${node.tagName.toLowerCase()} ${attribute.name}`),
	);
	const fields: Record<string, string> = {};
	for (const term of Array.from(document.querySelectorAll('dl.fields dt'))) {
		fields[term.textContent ?? ''] = term.nextElementSibling?.textContent ?? '';
	}
	const text = (testId: string): string | null => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
	return {
		tags,
		handlers,
		links: Array.from(document.querySelectorAll('[href]'), (node) => describe(node, 'href')),
		sources: Array.from(document.querySelectorAll('[src]'), (node) => describe(node, 'src')),
		scripts: Array.from(document.scripts, (script) => `${script.getAttribute('src') ?? 'inline'}: ${(script.textContent ?? '').slice(0, 200)}`),
		href: location.href,
		documentTitle: document.title,
		title: text('title'),
		failure: text('failure'),
		json: text('json'),
		fields,
		soundNote: text('sound-note'),
		// Set by the payloads of the hostile test records if any of them ever ran.
		injected: (window as { __veoInjected?: unknown }).__veoInjected !== undefined,
	};
}

window.addEventListener('message', (event: MessageEvent<InspectRequest | undefined>) => {
	if (event.data?.type === 'inspect') {
		api.postMessage({ type: 'inspection', id: event.data.id, report: inspect() });
	}
});
