import { escapeHtml, shorten } from '../util/text';
import { l10n } from '../l10n/l10n';

/** How Insert Video Link writes the link. */
export type VideoLinkStyle = 'markdown' | 'html' | 'url';

const LABEL_MAX = 80;

/** Languages whose documents take Markdown links. */
const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx', 'quarto', 'rmd']);
/** Languages whose documents take an HTML `<video>` element. */
const HTML_LANGUAGES = new Set(['html', 'vue', 'svelte', 'astro', 'php', 'javascriptreact', 'typescriptreact']);

/** The styles to offer for a document's language, the most natural first. */
export function linkStylesFor(languageId: string): VideoLinkStyle[] {
	if (MARKDOWN_LANGUAGES.has(languageId)) {
		return ['markdown', 'html'];
	}
	if (HTML_LANGUAGES.has(languageId)) {
		return ['html', 'markdown'];
	}
	return ['url', 'markdown', 'html'];
}

/**
 * Link text as Markdown reads it literally: the prompt comes from the server (or from anyone), so
 * brackets, emphasis, code spans and HTML in it must not become markup, and a line break must not
 * end the link.
 */
export function escapeMarkdownLinkText(text: string): string {
	return text
		.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
		.replace(/[\\`*_[\]<>!|~#&]/g, '\\$&')
		.trim();
}

/** A link destination: `<…>` when it holds spaces or parentheses, with the characters that would end it encoded. */
export function markdownDestination(target: string): string {
	const safe = target.replace(/[\p{Cc} <>\\]/gu, (character) => encodeURIComponent(character));
	return /[()]/.test(safe) ? `<${safe}>` : safe;
}

/**
 * A link target that no document language reads as markup: every character outside letters, digits
 * and the URL punctuation `-._~:/?#@&=+,;%` is percent-encoded. `(` `)` `[` `]` `<` `>` would end or
 * start a Markdown link (a URL-only link in a Copilot prompt file, which renders Markdown, must not
 * become `[x](command:…)`), quotes would end an HTML attribute, `{` `}` and `$` start template
 * expressions (Svelte, Astro, JSX), `*` `_` `` ` `` `|` `\` are Markdown, white space ends a URL.
 * Percent-encoding these keeps the address the same resource for any server.
 */
export function inertLinkTarget(target: string): string {
	// Letters and digits other than ASCII read as themselves in every style; \p{L}\p{N} excludes
	// invisible format characters (bidirectional overrides), which are encoded.
	return target.replace(/[^\p{L}\p{N}\-._~:/?#@&=+,;%]/gu, (character) => {
		const code = character.charCodeAt(0);
		// encodeURIComponent leaves ( ) ! * ' as they are: ASCII is encoded by hand.
		return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(character);
	});
}

/**
 * The text Insert Video Link puts into a document. `target` is the video's URL, or the downloaded
 * file's path relative to the document; `prompt` labels a Markdown link.
 */
export function videoLinkText(style: VideoLinkStyle, rawTarget: string, prompt: string | undefined, taskId: string): string {
	// Escaped for every style alike: the document's language decides the style, not whether it is safe.
	const target = inertLinkTarget(rawTarget);
	switch (style) {
		case 'markdown': {
			const label = escapeMarkdownLinkText(shorten(prompt?.trim() || l10n.t('Veo video {0}', taskId.slice(0, 8)), LABEL_MAX));
			return `[${label}](${markdownDestination(target)})`;
		}
		case 'html':
			return `<video src="${escapeHtml(target)}" controls></video>`;
		default:
			return target;
	}
}

/**
 * The path from a document's folder to a file, with `/` separators as links want them, or undefined
 * when the two are not on one file system tree (different drives). Both are absolute paths.
 */
export function relativeLinkPath(
	fromFolder: string,
	toFile: string,
	pathModule: { relative(from: string, to: string): string; isAbsolute(p: string): boolean; sep: string },
): string | undefined {
	const relative = pathModule.relative(fromFolder, toFile);
	if (!relative || pathModule.isAbsolute(relative)) {
		return undefined;
	}
	const posix = relative.split(pathModule.sep).join('/');
	return posix.startsWith('.') ? posix : `./${posix}`;
}

/** The style a caller asked for, when it is one this document's language is offered; else undefined (ask). */
export function offeredLinkStyle(requested: unknown, languageId: string): VideoLinkStyle | undefined {
	return linkStylesFor(languageId).find((style) => style === requested);
}
