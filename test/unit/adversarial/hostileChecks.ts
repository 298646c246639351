/**
 * Checks shared by the hostile tests in plain Node (test/unit/adversarial/hostile*.test.ts) and in VS Code
 * (test/suite/adversarial/hostileAnswers.test.ts): does Markdown from a tooltip render anything but text, and does
 * the panel's page carry anything from the server outside its escaped data attribute?
 */
import { createRequire } from 'node:module';

interface MarkdownRenderer {
	render(markdown: string): string;
}

// markdown-it comes with the dev tools (vsce renders READMEs with it): a CommonMark renderer with
// raw HTML and autolinks switched on, so anything that would become markup in a tooltip shows up.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: Record<string, unknown>) => MarkdownRenderer;
const markdown = new MarkdownIt({ html: true, linkify: true });

/** Tags a tooltip may render: its own bold labels, code spans and line breaks. */
const TOOLTIP_TAGS = new Set(['p', 'strong', 'code', 'br']);

/** What in a tooltip's Markdown would not be plain text; empty when it is safe. */
export function markdownProblems(source: string): string[] {
	const problems: string[] = [];
	// eslint-disable-next-line no-control-regex
	const control = /[\r\u2028\u2029\u0000-\u0008\u000b-\u001f\u007f]/.exec(source);
	if (control) {
		problems.push(`a control character or line break U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')} reached the Markdown`);
	}
	const html = markdown.render(source);
	for (const [, tag] of html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)) {
		if (!TOOLTIP_TAGS.has(tag.toLowerCase())) {
			problems.push(`renders <${tag}>: ${html.slice(0, 300)}`);
		}
	}
	if (/<[^>]*\b(href|src)=/i.test(html)) {
		problems.push(`renders a link or an image: ${html.slice(0, 300)}`);
	}
	return problems;
}

/** The page's own elements: everything from the server travels in the data-model attribute. */
const PAGE_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'link', 'title', 'body', 'main', 'script']);

/** Decodes character references in one pass (decoding twice would turn "&amp;lt;" into "<"). */
export function decodeHtmlAttribute(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	return text.replace(/&(#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) => (ref.startsWith('#') ? String.fromCharCode(Number(ref.slice(1))) : named[ref]));
}

/** Problems of a rendered panel page; `model` is what data-model must decode to. */
export function panelHtmlProblems(html: string, model: unknown): string[] {
	const problems: string[] = [];
	const attribute = /<body data-model="([^"]*)">/.exec(html);
	if (!attribute) {
		return ['no <body data-model="..."> in the page'];
	}
	try {
		const decoded = JSON.parse(decodeHtmlAttribute(attribute[1])) as unknown;
		if (JSON.stringify(decoded) !== JSON.stringify(model)) {
			problems.push('data-model does not decode to the model');
		}
	} catch (error) {
		problems.push(`data-model is not JSON: ${String(error)}`);
	}
	const outside = html.replace(attribute[0], '<body>');
	for (const [, tag] of outside.matchAll(/<(!?[a-z][a-z0-9]*)/gi)) {
		if (!PAGE_TAGS.has(tag.toLowerCase())) {
			problems.push(`an element <${tag}> outside the data attribute`);
		}
	}
	const scripts = outside.match(/<script\b/gi) ?? [];
	if (scripts.length !== 1 || !/<script nonce="[^"]+" src="[^"]*"><\/script>/.test(outside)) {
		problems.push(`expected exactly the one nonce'd script, found ${scripts.length}`);
	}
	if (/<[^>]*\son[a-z]+=/i.test(outside)) {
		problems.push('an on* attribute outside the data attribute');
	}
	return problems;
}
