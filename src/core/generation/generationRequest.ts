/**
 * What "Generate Video…" asks for and the `/veo/videos` body it produces
 * (docs/api.md, "Generation"). Pure, so every step's validation is unit-tested.
 */
import { asObject, asString } from '../tasks/taskRecord';

export type GenerationAction = 'text2video' | 'image2video' | 'ingredients2video';

export const GENERATION_ACTIONS: readonly { action: GenerationAction; label: string; detail: string }[] = [
	{ action: 'text2video', label: 'Text to video', detail: 'A video from a prompt alone.' },
	{ action: 'image2video', label: 'Image to video', detail: 'One image as the first frame, or two as the first and last frames.' },
	{ action: 'ingredients2video', label: 'Ingredients to video', detail: 'One to three reference images of subjects, styles or objects (runs on veo31-fast-ingredients).' },
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
		return 'Describe the video: the prompt cannot be empty.';
	}
	if (prompt.length > MAX_PROMPT_CHARS) {
		return `The prompt is ${prompt.length} characters; keep it under ${MAX_PROMPT_CHARS}.`;
	}
	return undefined;
}

export function modelProblem(model: string, action?: GenerationAction): string | undefined {
	const name = model.trim();
	if (!name) {
		return 'Choose a model or type its name.';
	}
	if (!/^[\w.-]+$/.test(name)) {
		return 'A model name has only letters, digits, dots, dashes and underscores.';
	}
	if (action !== undefined && action !== 'ingredients2video' && name.toLowerCase() === INGREDIENTS_MODEL) {
		return `${INGREDIENTS_MODEL} runs only Ingredients to video.`;
	}
	return undefined;
}

/** Splits what was typed into URLs (spaces, commas or new lines between them). */
export function splitImageUrls(input: string): string[] {
	return input.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);
}

export function imageUrlsProblem(action: GenerationAction, urls: readonly string[]): string | undefined {
	if (!needsImages(action)) {
		return undefined;
	}
	const { min, max } = imageCountRange(action);
	if (urls.length < min) {
		return 'Give at least one image URL.';
	}
	if (urls.length > max) {
		return `Give at most ${max} image URLs for ${action} (you gave ${urls.length}).`;
	}
	for (const url of urls) {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			return `"${url}" is not a URL.`;
		}
		if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
			return `"${url}" must be an http(s) URL the API can download.`;
		}
	}
	return undefined;
}

/** Everything wrong with a complete set of choices; empty when they can be sent. */
export function choicesProblems(choices: GenerationChoices): string[] {
	return [
		promptProblem(choices.prompt),
		modelProblem(effectiveModel(choices), choices.action),
		imageUrlsProblem(choices.action, choices.imageUrls),
		ASPECT_RATIOS.includes(choices.aspectRatio) ? undefined : `Unknown aspect ratio "${choices.aspectRatio}".`,
		choices.resolution === undefined || isResolution(choices.resolution) ? undefined : `Unknown resolution "${String(choices.resolution)}".`,
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
	return resolution === undefined ? "the model's default resolution" : resolution === 'gif' ? 'GIF' : resolution;
}

/** A one-line summary of the choices, for the confirmation. */
export function describeChoices(choices: GenerationChoices): string {
	const count = choices.imageUrls.length;
	const images = needsImages(choices.action) ? ` · ${count} image${count === 1 ? '' : 's'}` : '';
	const resolution = choices.resolution ? ` · ${resolutionLabel(choices.resolution)}` : '';
	return `${actionLabel(choices.action)} · ${effectiveModel(choices)} · ${choices.aspectRatio}${resolution}${images}${choices.translation ? ' · translated' : ''}`;
}

/**
 * Whether an error message is the API's "model is not supported" (docs/api.md: the answer for a
 * retired or unknown model). Matched on the words, since the code is a generic bad_request.
 */
export function isModelNotSupportedMessage(message: string): boolean {
	return /model\b[^.]*\bnot supported|unsupported model/i.test(message);
}
