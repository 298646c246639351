/**
 * What both pages share: the webview API and a tiny element builder. Every value shown may come
 * from the server: it is only ever set as textContent or as an attribute value, never as HTML.
 */

export interface VsCodeApi<State> {
	postMessage(message: unknown): void;
	getState(): State | undefined;
	setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export function vscodeApi<State>(): VsCodeApi<State> {
	return acquireVsCodeApi<State>();
}

export interface ElementOptions {
	className?: string;
	text?: string;
	attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (options.className) {
		node.className = options.className;
	}
	if (options.text !== undefined) {
		node.textContent = options.text;
	}
	for (const [name, value] of Object.entries(options.attrs ?? {})) {
		node.setAttribute(name, value);
	}
	node.append(...children);
	return node;
}

/** A label with `{0}`, `{1}`… replaced, as plain text (set only as textContent). */
export function format(template: string, ...values: (string | number)[]): string {
	return template.replace(/\{(\d+)\}/g, (match, index: string) => (values[Number(index)] !== undefined ? String(values[Number(index)]) : match));
}

/** Every on* attribute in the document (the tests check there is none: nothing became a handler). */
export function inlineHandlers(): string[] {
	return Array.from(document.querySelectorAll('*')).flatMap((node) =>
		Array.from(node.attributes)
			.filter((attribute) => /^on/i.test(attribute.name))
			.map((attribute) => `${node.tagName.toLowerCase()} ${attribute.name}`),
	);
}

export function option(value: string, label: string, selected: boolean): HTMLOptionElement {
	const node = el('option', { text: label, attrs: { value } });
	node.selected = selected;
	return node;
}
