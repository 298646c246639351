/**
 * What "Generate Video…" asks for and the `/veo/videos` body it produces
 * (docs/api.md, "Generation"). Pure, so every step's validation is unit-tested.
 */
import { asObject, asString } from '../tasks/taskRecord';
import { formatNumber, plural } from '../l10n/format';
import { l10n } from '../l10n/l10n';

export type GenerationAction = 'text2video' | 'image2video' | 'ingredients2video';

/** The actions offered; label and detail are getters, read in the display language (set after this module loads). */
export const GENERATION_ACTIONS: readonly { readonly action: GenerationAction; readonly label: string; readonly detail: string }[] = [
	{
		action: 'text2video',
		get label() {
			return l10n.t('Text to video');
		},
		get detail() {
			return l10n.t('A video from a prompt alone.');
		},
	},
	{
		action: 'image2video',
		get label() {
			return l10n.t('Image to video');
		},
		get detail() {
			return l10n.t('One image as the first frame, or two as the first and last frames.');
		},
	},
	{
		action: 'ingredients2video',
		get label() {
			return l10n.t('Ingredients to video');
		},
		get detail() {
			return l10n.t('One to three reference images of subjects, styles or objects (runs on {0}).', INGREDIENTS_MODEL);
		},
	},
];

/** Ingredients to video runs on this model only, and this model runs nothing else. */
export const INGREDIENTS_MODEL = 'veo31-fast-ingredients';
/**
 * The models the API accepts today (veo2 and veo2-fast are retired). The API may add more, so a
 * typed name is accepted too; the server's "model is not supported" then says which one it refused.
 */
export const KNOWN_MODELS: readonly string[] = ['veo31-fast', 'veo31', 'veo3-fast', 'veo3', INGREDIENTS_MODEL];
export const DEFAULT_MODEL = 'veo31-fast';
/** Models the API refuses now ("model is not supported"); never offered first, even if last used. */
export const RETIRED_MODELS: readonly string[] = ['veo2', 'veo2-fast'];

export function isRetiredModel(model: string): boolean {
	return RETIRED_MODELS.includes(model.trim().toLowerCase());
}
export const ASPECT_RATIOS: readonly string[] = ['16:9', '9:16'];
/** Sent as `resolution`; without one the model's default is used and the field is left out. */
export type GenerationResolution = '1080p' | '4k' | 'gif';
export const RESOLUTIONS: readonly GenerationResolution[] = ['1080p', '4k', 'gif'];
export const MAX_PROMPT_CHARS = 4000;

export interface GenerationChoices {
	action: GenerationAction;
	/** The model for text and image to video; ingredients to video always sends INGREDIENTS_MODEL. */
	model: string;
	prompt: string;
	imageUrls: string[];
	aspectRatio: string;
	resolution?: GenerationResolution;
	translation: boolean;
}

export function isGenerationAction(value: unknown): value is GenerationAction {
	return GENERATION_ACTIONS.some((entry) => entry.action === value);
}

/** Whether a task's summary holds what Generate Again starts from: a generation action and its prompt. */
export function hasGenerationRequest<T extends { action?: unknown; prompt?: string }>(summary: T): summary is T & { action: GenerationAction; prompt: string } {
	return isGenerationAction(summary.action) && Boolean(summary.prompt);
}

export function isResolution(value: unknown): value is GenerationResolution {
	return RESOLUTIONS.includes(value as GenerationResolution);
}

export function needsImages(action: GenerationAction): boolean {
	return action !== 'text2video';
}

/** How many images each action takes: image2video a first frame (and a last); ingredients 1 to 3. */
export function imageCountRange(action: GenerationAction): { min: number; max: number } {
	switch (action) {
		case 'text2video':
			return { min: 0, max: 0 };
		case 'image2video':
			return { min: 1, max: 2 };
		case 'ingredients2video':
			return { min: 1, max: 3 };
	}
}

/** The model the request is sent with: ingredients to video has no choice. */
export function effectiveModel(choices: Pick<GenerationChoices, 'action' | 'model'>): string {
	return choices.action === 'ingredients2video' ? INGREDIENTS_MODEL : choices.model.trim();
}

/** The models offered for an action: the ingredients model only for ingredients, and only it there. */
export function modelsFor(action: GenerationAction): readonly string[] {
	return action === 'ingredients2video' ? [INGREDIENTS_MODEL] : KNOWN_MODELS.filter((model) => model !== INGREDIENTS_MODEL);
}

export function promptProblem(prompt: string): string | undefined {
	if (!prompt.trim()) {
		return l10n.t('Describe the video: the prompt cannot be empty.');
	}
	if (prompt.length > MAX_PROMPT_CHARS) {
		return l10n.t('The prompt is {0} characters; keep it under {1}.', formatNumber(prompt.length), formatNumber(MAX_PROMPT_CHARS));
	}
	return undefined;
}

export function modelProblem(model: string, action?: GenerationAction): string | undefined {
	const name = model.trim();
	if (!name) {
		return l10n.t('Choose a model or type its name.');
	}
	if (!/^[\w.-]+$/.test(name)) {
		return l10n.t('A model name has only letters, digits, dots, dashes and underscores.');
	}
	if (action !== undefined && action !== 'ingredients2video' && name.toLowerCase() === INGREDIENTS_MODEL) {
		return l10n.t('{0} runs only Ingredients to video.', INGREDIENTS_MODEL);
	}
	return undefined;
}

/** Splits what was typed into URLs (spaces, commas or new lines between them). */
export function splitImageUrls(input: string): string[] {
	return input
		.split(/[\s,]+/)
		.map((part) => part.trim())
		.filter(Boolean);
}

export function imageUrlsProblem(action: GenerationAction, urls: readonly string[]): string | undefined {
	if (!needsImages(action)) {
		return undefined;
	}
	const { min, max } = imageCountRange(action);
	if (urls.length < min) {
		return l10n.t('Give at least one image URL.');
	}
	if (urls.length > max) {
		return l10n.t('Give at most {0} image URLs for {1} (you gave {2}).', formatNumber(max), action, formatNumber(urls.length));
	}
	for (const url of urls) {
		const problem = imageUrlProblem(url);
		if (problem) {
			return problem;
		}
	}
	return undefined;
}

/** What is wrong with one image URL: it must be an http(s) URL the API can download. */
export function imageUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return l10n.t('"{0}" is not a URL.', url);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return l10n.t('"{0}" must be an http(s) URL the API can download.', url);
	}
	return undefined;
}

/** Everything wrong with a complete set of choices; empty when they can be sent. */
export function choicesProblems(choices: GenerationChoices): string[] {
	return [
		promptProblem(choices.prompt),
		modelProblem(effectiveModel(choices), choices.action),
		imageUrlsProblem(choices.action, choices.imageUrls),
		ASPECT_RATIOS.includes(choices.aspectRatio) ? undefined : l10n.t('Unknown aspect ratio "{0}".', choices.aspectRatio),
		choices.resolution === undefined || isResolution(choices.resolution) ? undefined : l10n.t('Unknown resolution "{0}".', String(choices.resolution)),
	].filter((problem): problem is string => problem !== undefined);
}

/** The body of `POST /veo/videos` (the client adds `async: true`). */
export function buildGenerationBody(choices: GenerationChoices): Record<string, unknown> {
	const body: Record<string, unknown> = {
		action: choices.action,
		model: effectiveModel(choices),
		prompt: choices.prompt.trim(),
		aspect_ratio: choices.aspectRatio,
		translation: choices.translation,
	};
	if (needsImages(choices.action)) {
		body.image_urls = [...choices.imageUrls];
	}
	if (choices.resolution !== undefined) {
		body.resolution = choices.resolution;
	}
	return body;
}

/**
 * The choices a task was started with, read from its record's `request` (for Generate Again).
 * Undefined when the request is not a generation. Fields the server sent oddly are left out, so the
 * wizard's defaults fill them and every step still validates what it shows.
 */
export function choicesFromRequest(request: unknown): Partial<GenerationChoices> | undefined {
	const fields = asObject(request);
	if (!fields || !isGenerationAction(fields.action)) {
		return undefined;
	}
	const choices: Partial<GenerationChoices> = { action: fields.action };
	const model = asString(fields.model);
	if (model !== undefined && !modelProblem(model)) {
		choices.model = model.trim();
	}
	const prompt = asString(fields.prompt);
	if (prompt !== undefined) {
		choices.prompt = prompt;
	}
	if (Array.isArray(fields.image_urls)) {
		choices.imageUrls = fields.image_urls.filter((url): url is string => typeof url === 'string');
	}
	if (typeof fields.aspect_ratio === 'string' && ASPECT_RATIOS.includes(fields.aspect_ratio)) {
		choices.aspectRatio = fields.aspect_ratio;
	}
	if (isResolution(fields.resolution)) {
		choices.resolution = fields.resolution;
	}
	if (typeof fields.translation === 'boolean') {
		choices.translation = fields.translation;
	}
	return choices;
}

export function actionLabel(action: string): string {
	return GENERATION_ACTIONS.find((entry) => entry.action === action)?.label ?? action;
}

export function resolutionLabel(resolution: GenerationResolution | undefined): string {
	return resolution === undefined ? l10n.t("the model's default resolution") : resolution === 'gif' ? 'GIF' : resolution;
}

/**
 * A one-line summary of the choices, for the confirmation: "Image to video · veo3 · 16:9 · 1080p ·
 * 2 images · translated". Each item stands alone, so the ' · ' list reads in any language.
 */
export function describeChoices(choices: GenerationChoices): string {
	const parts = [actionLabel(choices.action), effectiveModel(choices), choices.aspectRatio];
	if (choices.resolution) {
		parts.push(resolutionLabel(choices.resolution));
	}
	if (needsImages(choices.action)) {
		const count = choices.imageUrls.length;
		parts.push(plural(count, { one: l10n.t('{0} image', formatNumber(count)), other: l10n.t('{0} images', formatNumber(count)) }));
	}
	if (choices.translation) {
		parts.push(l10n.t('translated'));
	}
	return parts.join(' · ');
}

/**
 * Whether the server's words (VeoError.serverMessage) are the API's "model is not supported"
 * (docs/api.md: the answer for a retired or unknown model). Matched on the words, since the code is
 * a generic bad_request.
 */
export function isModelNotSupportedMessage(message: string): boolean {
	return /model\b[^.]*\bnot supported|unsupported model/i.test(message);
}
