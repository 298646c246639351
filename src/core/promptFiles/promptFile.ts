/**
 * Prompt files (`*.veo.md`): an optional front matter block (YAML between `---` lines) with the
 * request's options under the API's own names, then the prompt as Markdown text. Pure: the adapter
 * (src/features/promptFiles/) turns the problems' offsets into ranges of the open document.
 *
 * The front matter is read by the `yaml` package (a maintained YAML 1.2 parser, about 36 KB
 * compressed in the .vsix), so quoting, comments and flow lists behave as every other YAML tool
 * reads them; what it reports is mapped back to offsets in the file.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { l10n } from '../l10n/l10n';

/** The options a prompt file may set, by the names the API's `/veo/videos` body uses. */
export const PROMPT_FILE_KEYS = ['action', 'model', 'aspect_ratio', 'resolution', 'translation', 'image_urls'] as const;
export type PromptFileKey = (typeof PROMPT_FILE_KEYS)[number];

export function isPromptFileKey(value: string): value is PromptFileKey {
	return (PROMPT_FILE_KEYS as readonly string[]).includes(value);
}

/** A span of the file's text: offsets from its start, end excluded. */
export interface TextSpan {
	start: number;
	end: number;
}

export interface PromptFileProblem {
	message: string;
	span: TextSpan;
	/** Errors stop Generate Video; warnings are shown and the file can still be sent. */
	severity: 'error' | 'warning';
	/** The option it is about, when it is about one. */
	key?: PromptFileKey;
}

/** What the front matter set, each option read with the type the API expects. */
export interface PromptFileOptions {
	action?: string;
	model?: string;
	aspect_ratio?: string;
	resolution?: string;
	translation?: boolean;
	image_urls?: string[];
}

export interface ParsedPromptFile {
	options: PromptFileOptions;
	/** Where each option's key and value are (for diagnostics on values checked later). */
	spans: Partial<Record<PromptFileKey, { key: TextSpan; value: TextSpan; items?: TextSpan[] }>>;
	/** The prompt: the text after the front matter, line breaks as `\n`, blank lines around it trimmed. */
	prompt: string;
	/** Where the prompt's text is (the whole body); an empty body is an empty span where it would start. */
	promptSpan: TextSpan;
	/** The front matter block, from its opening `---` to the end of its closing line; undefined without one. */
	frontMatter?: TextSpan;
	/** The YAML between the fences (for completions). */
	yamlSpan?: TextSpan;
	problems: PromptFileProblem[];
}

/** The longest prompt file read: a prompt is at most 4,000 characters, its options a few lines. */
export const MAX_PROMPT_FILE_BYTES = 64 * 1024;

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/** The file's lines with their offsets (the line's text excludes its line break). */
function lines(text: string): { start: number; text: string; next: number }[] {
	const result: { start: number; text: string; next: number }[] = [];
	let start = 0;
	while (start <= text.length) {
		const newline = text.indexOf('\n', start);
		const end = newline < 0 ? text.length : newline;
		const lineText = text.slice(start, end).replace(/\r$/, '');
		result.push({ start, text: lineText, next: newline < 0 ? text.length : newline + 1 });
		if (newline < 0) {
			break;
		}
		start = newline + 1;
	}
	return result;
}

/** Reads a prompt file. Never throws: whatever is wrong becomes a problem with its span. */
export function parsePromptFile(text: string): ParsedPromptFile {
	const problems: PromptFileProblem[] = [];
	const options: PromptFileOptions = {};
	const spans: ParsedPromptFile['spans'] = {};
	// A byte order mark is not part of the fence.
	const bom = text.startsWith('\uFEFF') ? 1 : 0;
	const all = lines(text);
	let bodyStart = bom;
	let frontMatter: TextSpan | undefined;
	let yamlSpan: TextSpan | undefined;
	if (OPENING.test(all[0].text.slice(bom))) {
		const closing = all.findIndex((line, index) => index > 0 && CLOSING.test(line.text));
		if (closing < 0) {
			problems.push({
				message: l10n.t('The front matter has no closing "---" line: add one after the options, before the prompt.'),
				span: { start: bom, end: all[0].start + all[0].text.length },
				severity: 'error',
			});
			// Nothing of an unclosed block is guessed at: the whole file stays unsendable until it is closed.
			return { options, spans, prompt: '', promptSpan: { start: text.length, end: text.length }, problems };
		}
		yamlSpan = { start: all[0].next, end: all[closing].start };
		frontMatter = { start: bom, end: all[closing].start + all[closing].text.length };
		bodyStart = all[closing].next;
		readFrontMatter(text.slice(yamlSpan.start, yamlSpan.end), yamlSpan.start, options, spans, problems);
	}
	const body = text.slice(bodyStart);
	// The API receives `\n` line breaks whatever the file's own are (CRLF on Windows).
	const prompt = body.replace(/\r\n?/g, '\n').trim();
	return { options, spans, prompt, promptSpan: { start: bodyStart, end: text.length }, frontMatter, yamlSpan, problems };
}

function readFrontMatter(yamlText: string, offset: number, options: PromptFileOptions, spans: ParsedPromptFile['spans'], problems: PromptFileProblem[]): void {
	const at = (range: readonly number[] | undefined): TextSpan =>
		range ? { start: offset + range[0], end: offset + Math.max(range[0], range[1]) } : { start: offset, end: offset + yamlText.length };
	const document = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, strict: true });
	for (const error of document.errors) {
		const span = at(error.pos);
		if (error.code === 'DUPLICATE_KEY') {
			// The parser points at the key's first character: the span is the whole key.
			const key = (/^[^:\n]*/.exec(yamlText.slice(error.pos[0])) ?? [''])[0].trim();
			problems.push({
				message: l10n.t('"{0}" is set more than once: keep one.', key),
				span: { start: span.start, end: span.start + key.length },
				severity: 'error',
			});
		} else {
			// The YAML parser's own words (English) say what it could not read, and where.
			problems.push({ message: l10n.t('The front matter is not valid YAML: {0}', firstLine(error.message)), span, severity: 'error' });
		}
	}
	if (document.errors.length) {
		return;
	}
	for (const warning of document.warnings) {
		problems.push({ message: l10n.t('The front matter is not valid YAML: {0}', firstLine(warning.message)), span: at(warning.pos), severity: 'warning' });
	}
	const contents = document.contents;
	if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
		return;
	}
	if (!isMap(contents)) {
		problems.push({ message: l10n.t('The front matter must be a list of "key: value" options.'), span: at(contents.range ?? undefined), severity: 'error' });
		return;
	}
	for (const pair of contents.items) {
		const keyNode = pair.key as YamlNode | null;
		const valueNode = pair.value as YamlNode | null;
		const keySpan = at(keyNode?.range ?? undefined);
		const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
		if (key === undefined) {
			problems.push({ message: l10n.t("An option's name must be plain text."), span: keySpan, severity: 'error' });
			continue;
		}
		if (!isPromptFileKey(key)) {
			problems.push({
				message: l10n.t('Unknown option "{0}". Prompt files take: {1}.', key, PROMPT_FILE_KEYS.join(', ')),
				span: keySpan,
				severity: 'error',
			});
			continue;
		}
		const valueSpan = valueNode?.range ? at(valueNode.range) : { start: keySpan.end, end: keySpan.end };
		spans[key] = { key: keySpan, value: valueSpan };
		const value = isScalar(valueNode) ? valueNode.value : undefined;
		switch (key) {
			case 'translation':
				if (typeof value === 'boolean') {
					options.translation = value;
				} else {
					problems.push({ message: l10n.t('"translation" is true or false.'), span: valueSpan, severity: 'error', key });
				}
				break;
			case 'image_urls': {
				const items: TextSpan[] = [];
				const urls: string[] = [];
				if (isSeq(valueNode)) {
					for (const item of valueNode.items as (YamlNode | null)[]) {
						const itemSpan = at(item?.range ?? undefined);
						if (isScalar(item) && typeof item.value === 'string') {
							urls.push(item.value.trim());
							items.push(itemSpan);
						} else {
							problems.push({ message: l10n.t('Each image URL is a piece of text.'), span: itemSpan, severity: 'error', key });
						}
					}
				} else if (typeof value === 'string') {
					// One URL written on the key's line is a list of one.
					urls.push(value.trim());
					items.push(valueSpan);
				} else {
					problems.push({ message: l10n.t('"image_urls" is a list of image URLs, one "- https://…" line each.'), span: valueSpan, severity: 'error', key });
					break;
				}
				options.image_urls = urls;
				spans[key] = { key: keySpan, value: valueSpan, items };
				break;
			}
			default:
				if (typeof value === 'string' && value.trim()) {
					options[key] = value.trim();
				} else {
					problems.push({ message: l10n.t('"{0}" needs a text value.', key), span: valueNode ? valueSpan : keySpan, severity: 'error', key });
				}
		}
	}
}

function firstLine(message: string): string {
	return message.split('\n')[0].trim();
}
