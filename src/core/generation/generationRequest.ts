/**
 * What "Generate Video…" asks for and the `/veo/videos` body it produces
 * (docs/api.md, "Generation"). Pure, so every step's validation is unit-tested.
 */
export type GenerationAction = 'text2video' | 'image2video' | 'ingredients2video';

export const GENERATION_ACTIONS: readonly { action: GenerationAction; label: string; detail: string }[] = [
	{ action: 'text2video', label: 'Text to video', detail: 'A video from a prompt alone.' },
	{ action: 'image2video', label: 'Image to video', detail: 'One image as the first frame, or two or three as first and last frames.' },
	{ action: 'ingredients2video', label: 'Ingredients to video', detail: 'One to three reference images of subjects, styles or objects.' },
];

/** The known models; the API takes any string, so a typed one is accepted too. */
export const KNOWN_MODELS: readonly string[] = ['veo31-fast', 'veo31', 'veo3-fast', 'veo3', 'veo2-fast', 'veo2', 'veo31-fast-ingredients'];
export const DEFAULT_MODEL = 'veo31-fast';
export const ASPECT_RATIOS: readonly string[] = ['16:9', '9:16'];
export const MAX_IMAGE_URLS = 3;
export const MAX_PROMPT_CHARS = 4000;

export interface GenerationChoices {
	action: GenerationAction;
	model: string;
	prompt: string;
	imageUrls: string[];
	aspectRatio: string;
	translation: boolean;
}

export function isGenerationAction(value: unknown): value is GenerationAction {
	return GENERATION_ACTIONS.some((entry) => entry.action === value);
}

export function needsImages(action: GenerationAction): boolean {
	return action !== 'text2video';
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

export function modelProblem(model: string): string | undefined {
	if (!model.trim()) {
		return 'Choose a model or type its name.';
	}
	return /^[\w.-]+$/.test(model.trim()) ? undefined : 'A model name has only letters, digits, dots, dashes and underscores.';
}

/** Splits what was typed into URLs (spaces, commas or new lines between them). */
export function splitImageUrls(input: string): string[] {
	return input.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);
}

export function imageUrlsProblem(action: GenerationAction, urls: readonly string[]): string | undefined {
	if (!needsImages(action)) {
		return undefined;
	}
	if (urls.length < 1) {
		return 'Give at least one image URL.';
	}
	if (urls.length > MAX_IMAGE_URLS) {
		return `Give at most ${MAX_IMAGE_URLS} image URLs (you gave ${urls.length}).`;
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
		modelProblem(choices.model),
		imageUrlsProblem(choices.action, choices.imageUrls),
		ASPECT_RATIOS.includes(choices.aspectRatio) ? undefined : `Unknown aspect ratio "${choices.aspectRatio}".`,
	].filter((problem): problem is string => problem !== undefined);
}

/** The body of `POST /veo/videos` (the client adds `async: true`). */
export function buildGenerationBody(choices: GenerationChoices): Record<string, unknown> {
	const body: Record<string, unknown> = {
		action: choices.action,
		model: choices.model.trim(),
		prompt: choices.prompt.trim(),
		aspect_ratio: choices.aspectRatio,
		translation: choices.translation,
	};
	if (needsImages(choices.action)) {
		body.image_urls = [...choices.imageUrls];
	}
	return body;
}

/** A one-line summary of the choices, for the confirmation step. */
export function describeChoices(choices: GenerationChoices): string {
	const action = GENERATION_ACTIONS.find((entry) => entry.action === choices.action)?.label ?? choices.action;
	const images = needsImages(choices.action) ? ` · ${choices.imageUrls.length} image${choices.imageUrls.length === 1 ? '' : 's'}` : '';
	return `${action} · ${choices.model} · ${choices.aspectRatio}${images}${choices.translation ? ' · translated' : ''}`;
}
