/**
 * From a parsed prompt file to the request it sends, checked by the rules the Generate wizard
 * applies (src/core/generation/generationRequest.ts): the same functions, so a file and the wizard
 * never disagree on what may be sent. Also the file a request is written back to, and what
 * completions offer where the cursor is.
 */
import {
	ASPECT_RATIOS,
	GENERATION_ACTIONS,
	INGREDIENTS_MODEL,
	KNOWN_MODELS,
	RESOLUTIONS,
	imageCountRange,
	imageUrlProblem,
	imageUrlsProblem,
	isGenerationAction,
	isResolution,
	isRetiredModel,
	modelProblem,
	modelsFor,
	needsImages,
	promptProblem,
	type GenerationAction,
	type GenerationChoices,
} from '../generation/generationRequest';
import { containsChinese } from '../generation/promptLanguage';
import { l10n } from '../l10n/l10n';
import { PROMPT_FILE_KEYS, isPromptFileKey, type ParsedPromptFile, type PromptFileKey, type PromptFileProblem, type TextSpan } from './promptFile';

/** What an option left out of the file becomes. */
export interface PromptFileDefaults {
	/** The user's default model (setting or last used). */
	model: string;
}

export interface PromptFileCheck {
	/** What would be sent; undefined while there is an error. */
	choices?: GenerationChoices;
	/** The parser's problems and the rules', in file order. */
	problems: PromptFileProblem[];
}

export function hasErrors(problems: readonly PromptFileProblem[]): boolean {
	return problems.some((problem) => problem.severity === 'error');
}

/** Checks a parsed file by the wizard's rules and, when nothing is wrong, says what it sends. */
export function checkPromptFile(parsed: ParsedPromptFile, defaults: PromptFileDefaults): PromptFileCheck {
	const problems = [...parsed.problems];
	const { options, spans } = parsed;
	const start: TextSpan = parsed.frontMatter ?? { start: 0, end: 0 };
	const error = (message: string, span: TextSpan | undefined, key?: PromptFileKey): void => {
		problems.push({ message, span: span ?? start, severity: 'error', key });
	};
	const warning = (message: string, span: TextSpan | undefined, key?: PromptFileKey): void => {
		problems.push({ message, span: span ?? start, severity: 'warning', key });
	};

	let action: GenerationAction = 'text2video';
	if (options.action !== undefined) {
		if (isGenerationAction(options.action)) {
			action = options.action;
		} else {
			error(
				l10n.t('Unknown action "{0}": use {1}.', options.action, GENERATION_ACTIONS.map((entry) => entry.action).join(', ')),
				spans.action?.value,
				'action',
			);
		}
	}

	const model = options.model ?? defaults.model;
	if (options.model !== undefined) {
		const span = spans.model?.value;
		if (isRetiredModel(options.model)) {
			error(l10n.t('The API no longer runs "{0}" (retired): use one of {1}.', options.model, modelsFor(action).join(', ')), span, 'model');
		} else if (action === 'ingredients2video' && options.model.toLowerCase() !== INGREDIENTS_MODEL) {
			// The wizard does not ask: ingredients always run on their model. Said here, so it is not a surprise.
			warning(l10n.t('Ingredients to video always runs on {0}: this model is not used.', INGREDIENTS_MODEL), span, 'model');
		} else {
			const problem = modelProblem(options.model, action);
			if (problem) {
				error(problem, span, 'model');
			} else if (!KNOWN_MODELS.includes(options.model.toLowerCase())) {
				warning(l10n.t('"{0}" is not a model this extension knows ({1}); the API may refuse it.', options.model, KNOWN_MODELS.join(', ')), span, 'model');
			}
		}
	}

	if (options.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(options.aspect_ratio)) {
		error(l10n.t('Unknown aspect ratio "{0}": use {1}.', options.aspect_ratio, ASPECT_RATIOS.join(', ')), spans.aspect_ratio?.value, 'aspect_ratio');
	}
	if (options.resolution !== undefined && !isResolution(options.resolution)) {
		error(
			l10n.t('Unknown resolution "{0}": use {1}, or leave it out for the model\'s default.', options.resolution, RESOLUTIONS.join(', ')),
			spans.resolution?.value,
			'resolution',
		);
	}

	const urls = options.image_urls ?? [];
	if (isGenerationAction(options.action ?? 'text2video')) {
		const { min, max } = imageCountRange(action);
		if (!needsImages(action) && urls.length) {
			error(
				l10n.t('Text to video takes no images: set "action" to image2video or ingredients2video, or remove "image_urls".'),
				spans.image_urls?.key,
				'image_urls',
			);
		} else if (urls.length < min) {
			error(imageUrlsProblem(action, urls) ?? '', spans.image_urls?.key ?? spans.action?.value, 'image_urls');
		} else if (urls.length > max) {
			error(imageUrlsProblem(action, urls) ?? '', spans.image_urls?.key, 'image_urls');
		}
	}
	urls.forEach((url, index) => {
		const problem = imageUrlProblem(url);
		if (problem) {
			error(problem, spans.image_urls?.items?.[index], 'image_urls');
		}
	});

	const promptTrouble = promptProblem(parsed.prompt);
	if (promptTrouble) {
		error(promptTrouble, parsed.promptSpan);
	}

	problems.sort((a, b) => a.span.start - b.span.start);
	if (hasErrors(problems)) {
		return { problems };
	}
	const choices: GenerationChoices = {
		action,
		model,
		prompt: parsed.prompt,
		imageUrls: needsImages(action) ? urls : [],
		aspectRatio: options.aspect_ratio ?? '16:9',
		// Left out, it is what the wizard offers first: on for a prompt with Chinese.
		translation: options.translation ?? containsChinese(parsed.prompt),
	};
	if (options.resolution !== undefined && isResolution(options.resolution)) {
		choices.resolution = options.resolution;
	}
	return { choices, problems };
}

/**
 * A prompt file for a request: every option it has, under the API's names, then the prompt. The
 * aspect ratio is quoted (YAML 1.1 tools would read 16:9 as a number); URLs are JSON strings, which
 * YAML reads as they are, whatever they hold.
 */
export function promptFileText(choices: Partial<GenerationChoices>): string {
	const lines = ['---'];
	const action = choices.action ?? 'text2video';
	lines.push(`action: ${action}`);
	if (choices.model && action !== 'ingredients2video') {
		lines.push(`model: ${choices.model}`);
	} else if (action === 'ingredients2video') {
		lines.push(`model: ${INGREDIENTS_MODEL}`);
	}
	lines.push(`aspect_ratio: "${choices.aspectRatio ?? '16:9'}"`);
	if (choices.resolution) {
		lines.push(`resolution: ${choices.resolution}`);
	}
	if (choices.translation !== undefined) {
		lines.push(`translation: ${String(choices.translation)}`);
	}
	if (needsImages(action)) {
		lines.push('image_urls:');
		for (const url of choices.imageUrls?.length ? choices.imageUrls : ['https://example.com/first-frame.png']) {
			lines.push(`  - ${JSON.stringify(url)}`);
		}
	}
	lines.push('---', '', choices.prompt ?? '', '');
	return lines.join('\n');
}

/**
 * A short fingerprint of a prompt file's text (FNV-1a, 32 bits, as 8 hex digits): enough to say
 * whether the file changed since a take, and small enough to keep with every task. Line breaks are
 * compared as `\n`, so a checkout that turns them into CRLF is not a change.
 */
export function promptFileHash(text: string): string {
	const normalised = text.replace(/\r\n?/g, '\n');
	let hash = 0x811c9dc5;
	for (let index = 0; index < normalised.length; index++) {
		hash ^= normalised.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

export type CompletionContext = { kind: 'key'; span: TextSpan } | { kind: 'value'; key: PromptFileKey; span: TextSpan };

/** What may be typed at `offset`: an option's name at the start of a front matter line, or its value after `key:`. */
export function completionContext(parsed: Pick<ParsedPromptFile, 'yamlSpan'>, text: string, offset: number): CompletionContext | undefined {
	let region = parsed.yamlSpan;
	if (!region && /^\uFEFF?---[ \t]*\r?\n/.test(text)) {
		// A block being written (no closing line yet) still gets completions.
		region = { start: text.indexOf('\n') + 1, end: text.length };
	}
	if (!region || offset < region.start || offset > region.end) {
		return undefined;
	}
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const before = text.slice(lineStart, offset);
	if (/^[A-Za-z_]*$/.test(before)) {
		return { kind: 'key', span: { start: lineStart, end: offset } };
	}
	const value = /^([A-Za-z_]+):[ \t]*("?)([^"#]*)$/.exec(before);
	if (value && isPromptFileKey(value[1])) {
		const typedStart = offset - value[3].length - value[2].length;
		return { kind: 'value', key: value[1], span: { start: typedStart, end: offset } };
	}
	return undefined;
}

export interface CompletionEntry {
	label: string;
	/** What is written; the label when absent. */
	insert?: string;
	detail?: string;
}

/** What a completion at `context` offers, given what the file already sets. */
export function completionEntries(context: CompletionContext, parsed: Pick<ParsedPromptFile, 'options' | 'spans'>): CompletionEntry[] {
	if (context.kind === 'key') {
		return PROMPT_FILE_KEYS.filter((key) => parsed.spans[key] === undefined).map((key) => ({
			label: key,
			insert: key === 'image_urls' ? 'image_urls:\n  - ' : `${key}: `,
			detail: keyDetail(key),
		}));
	}
	switch (context.key) {
		case 'action':
			return GENERATION_ACTIONS.map((entry) => ({ label: entry.action, detail: entry.label }));
		case 'model': {
			const action = isGenerationAction(parsed.options.action) ? parsed.options.action : 'text2video';
			return modelsFor(action).map((model) => ({ label: model }));
		}
		case 'aspect_ratio':
			return ASPECT_RATIOS.map((ratio) => ({ label: ratio, insert: `"${ratio}"` }));
		case 'resolution':
			return RESOLUTIONS.map((resolution) => ({ label: resolution }));
		case 'translation':
			return [
				{ label: 'true', detail: l10n.t('Translate the prompt to English') },
				{ label: 'false', detail: l10n.t('Keep the prompt as written') },
			];
		case 'image_urls':
			return [];
	}
}

function keyDetail(key: PromptFileKey): string {
	switch (key) {
		case 'action':
			return l10n.t('text2video, image2video or ingredients2video');
		case 'model':
			return l10n.t('The model (ingredients to video always runs on {0})', INGREDIENTS_MODEL);
		case 'aspect_ratio':
			return ASPECT_RATIOS.join(', ');
		case 'resolution':
			return l10n.t("{0}; left out, the model's default", RESOLUTIONS.join(', '));
		case 'translation':
			return l10n.t('Translate the prompt to English first (true or false)');
		case 'image_urls':
			return l10n.t('Image URLs: a first frame (and a last), or 1 to 3 references');
	}
}
