import { formatNumber } from '../l10n/format';
import { l10n } from '../l10n/l10n';

/** One line, at most `max` characters, ending in an ellipsis when cut. */
export function shorten(text: string, max: number): string {
	// Tree rows call this for every task: only a bounded head of a (possibly huge) prompt is
	// flattened, and the regex replace is skipped for the common text with single spaces only.
	const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
	const flat = (/\s\s|[^\S ]/.test(head) ? head.replace(/\s+/g, ' ') : head).trim();
	return flat.length > max || head.length < text.length ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * Escapes text for Markdown so that nothing from the server can become a link, an image, HTML or
 * formatting in a tooltip: every ASCII punctuation character may be backslash-escaped in CommonMark.
 */
export function escapeMarkdown(text: string): string {
	return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>~:&"'=/@$%^]/g, '\\$&');
}

/**
 * Every line break Markdown knows (\n, \r\n and a lone \r) and the other control characters become
 * spaces: a blank line from the server would end a code span or a paragraph early, and what follows
 * would be read as Markdown.
 */
function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/** Longest text a tooltip's code span holds: a record can carry megabytes in any field. */
const CODE_SPAN_MAX = 500;

/** A Markdown code span that holds any text literally (URLs in code spans are never turned into links). */
export function markdownCode(text: string): string {
	const line = oneLine(text);
	const flat = line.length > CODE_SPAN_MAX ? `${line.slice(0, CODE_SPAN_MAX)}…` : line;
	const longestRun = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (match) => match[0].length));
	const fence = '`'.repeat(longestRun + 1);
	return `${fence} ${flat} ${fence}`;
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Text for a notification. VS Code turns `[label](https://…)`, `[label](command:…)` and
 * `[label](file:…)` in a notification's message into live links, so text from the server could
 * otherwise offer a command link: a zero-width space after "](" keeps the text as it reads and
 * breaks the link.
 */
export function plainNotificationText(text: string): string {
	return text.replace(/\]\(/g, ']\u200b(');
}

/** Cuts text to at most `max` characters (marking the cut) without touching what it keeps. */
export function clip(text: string, max: number): string {
	return text.length > max ? l10n.t('{0}… (cut: {1} characters)', text.slice(0, max), formatNumber(text.length)) : text;
}

/**
 * Text for a quick pick's label, description or detail, or a status bar item: VS Code renders
 * `$(name)` there as an icon, so `$(` from the server is escaped (VS Code shows `\$(` as `$(`).
 */
export function escapeIconSyntax(text: string): string {
	return text.replace(/\$\(/g, '\\$(');
}
