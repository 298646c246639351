/**
 * The body of `POST /veo/videos` the provider accepts, as a schema, and a small validator for it.
 *
 * Derived from the provider's published OpenAPI for this endpoint:
 *   repository AceDataCloud/SDK, path scripts/specs/52a0fa83-3c78-4793-b45a-c1a5c869ae46.json,
 *   last changed in commit 4d6dd67e39cafafaafe289fcb89ea81bfac3c067 (2026-07-27), read at
 *   0d3494cb15752d5619359f05fe63dade85b200b9 (2026-08-07).
 * Its types, enums and `required: ["action"]` are copied as data below; the `rules` are the
 * sentences of its field descriptions, each quoted beside the rule. What the spec does not say and
 * we assume is marked "our assumption" (see docs/api.md, "Generation").
 *
 * No dependency: the schema uses a small subset of JSON Schema (type, enum, items, required,
 * additionalProperties), which `validateSchema` below reads in full. The contract test
 * (test/unit/requestContract.test.ts) checks every body the extension can send against it, and
 * the fake API (test/fakeApi/) refuses with a 400 whatever it refuses.
 */
import { formatNumber } from '../l10n/format';
import { l10n } from '../l10n/l10n';

type JsonType = 'string' | 'boolean' | 'array' | 'object';

export interface PropertySchema {
	readonly type: JsonType;
	readonly enum?: readonly string[];
	readonly items?: PropertySchema;
}

export interface ObjectSchema {
	readonly type: 'object';
	readonly required: readonly string[];
	readonly properties: Readonly<Record<string, PropertySchema>>;
	readonly additionalProperties: boolean;
}

export const VEO_VIDEOS_SPEC_SOURCE = {
	repository: 'AceDataCloud/SDK',
	path: 'scripts/specs/52a0fa83-3c78-4793-b45a-c1a5c869ae46.json',
	commit: '4d6dd67e39cafafaafe289fcb89ea81bfac3c067',
	date: '2026-07-27',
} as const;

export const VEO_VIDEO_ACTIONS = ['text2video', 'image2video', 'ingredients2video', 'get1080p'] as const;
export const VEO_VIDEO_MODELS = ['veo3', 'veo3-fast', 'veo31-fast', 'veo31', 'veo31-fast-ingredients'] as const;
export const VEO_RESOLUTIONS = ['4k', '1080p', 'gif'] as const;
export const VEO_ASPECT_RATIOS = ['16:9', '9:16'] as const;

/** The spec's request schema. `additionalProperties: false` is our assumption: a field it does not list is one the API does not read (a typo, most likely). */
export const VEO_VIDEOS_REQUEST_SCHEMA: ObjectSchema = {
	type: 'object',
	required: ['action'],
	properties: {
		action: { type: 'string', enum: VEO_VIDEO_ACTIONS },
		model: { type: 'string', enum: VEO_VIDEO_MODELS },
		prompt: { type: 'string' },
		video_id: { type: 'string' },
		image_urls: { type: 'array', items: { type: 'string' } },
		resolution: { type: 'string', enum: VEO_RESOLUTIONS },
		translation: { type: 'boolean' },
		aspect_ratio: { type: 'string', enum: VEO_ASPECT_RATIOS },
		callback_url: { type: 'string' },
		async: { type: 'boolean' },
	},
	additionalProperties: false,
};

/** What is wrong with a body, as data: callers phrase it (requestProblemText) or answer like the server (the fake API). */
export type RequestProblem =
	| { kind: 'notObject' }
	| { kind: 'missing'; field: string }
	| { kind: 'unknownField'; field: string }
	| { kind: 'wrongType'; field: string; expected: JsonType }
	| { kind: 'notInEnum'; field: string; allowed: readonly string[] }
	| { kind: 'emptyPrompt' }
	| { kind: 'imageCount'; action: string; min: number; max: number; given: number }
	| { kind: 'imagesNotAllowed'; action: string }
	| { kind: 'videoIdNotAllowed'; action: string }
	| { kind: 'ingredientsModel'; action: string; model: string };

function typeOf(value: unknown): JsonType | 'other' {
	if (Array.isArray(value)) {
		return 'array';
	}
	if (value !== null && typeof value === 'object') {
		return 'object';
	}
	if (typeof value === 'string') {
		return 'string';
	}
	return typeof value === 'boolean' ? 'boolean' : 'other';
}

function propertyProblems(field: string, value: unknown, schema: PropertySchema): RequestProblem[] {
	if (typeOf(value) !== schema.type) {
		return [{ kind: 'wrongType', field, expected: schema.type }];
	}
	if (schema.enum && !schema.enum.includes(value as string)) {
		return [{ kind: 'notInEnum', field, allowed: schema.enum }];
	}
	if (schema.items && Array.isArray(value)) {
		const items = schema.items;
		return value.flatMap((item, index) => propertyProblems(`${field}[${index}]`, item, items));
	}
	return [];
}

/** The schema part: types, enums, required fields and unknown fields. */
export function validateSchema(body: unknown, schema: ObjectSchema = VEO_VIDEOS_REQUEST_SCHEMA): RequestProblem[] {
	if (typeOf(body) !== 'object') {
		return [{ kind: 'notObject' }];
	}
	const fields = body as Record<string, unknown>;
	const problems: RequestProblem[] = schema.required.filter((field) => fields[field] === undefined).map((field) => ({ kind: 'missing', field }));
	for (const [field, value] of Object.entries(fields)) {
		const property = schema.properties[field];
		if (!property) {
			if (!schema.additionalProperties) {
				problems.push({ kind: 'unknownField', field });
			}
			continue;
		}
		if (value !== undefined) {
			problems.push(...propertyProblems(field, value, property));
		}
	}
	return problems;
}

/** The spec's image counts per action ("image2video … 1-2 reference images", "ingredients2video … 1-3"). */
export const IMAGE_COUNTS: Readonly<Record<string, { min: number; max: number }>> = {
	image2video: { min: 1, max: 2 },
	ingredients2video: { min: 1, max: 3 },
};

const INGREDIENTS_ONLY_MODEL = 'veo31-fast-ingredients';

/**
 * The rules the spec's descriptions state, beyond types (each quoted), and what we assume:
 * - image_urls: "valid only when the action is `image2video` or `ingredients2video`"; image2video
 *   "1-2 reference images", ingredients2video "1-3 reference images".
 * - video_id: "only valid when the action is `get1080p`"; get1080p needs one (our reading: it
 *   names the video to upscale, and the provider's MCP server and CLI always send it).
 * - ingredients2video: "internally forcing the use of the `veo31-fast-ingredients` model"; we send
 *   that model or none. That this model runs nothing but ingredients (and get1080p of its videos) is
 *   our assumption, from the provider's MCP server, which offers it for ingredients only.
 * - a generation (text2video, image2video, ingredients2video) needs a non-empty prompt: our
 *   assumption ("generates videos based on prompts"; the spec does not mark it required).
 */
export function validateRules(body: Record<string, unknown>): RequestProblem[] {
	const problems: RequestProblem[] = [];
	const action = typeof body.action === 'string' ? body.action : undefined;
	if (action === undefined) {
		return problems;
	}
	const images = Array.isArray(body.image_urls) ? body.image_urls : undefined;
	const counts = IMAGE_COUNTS[action];
	if (counts) {
		const given = images?.length ?? 0;
		if (given < counts.min || given > counts.max) {
			problems.push({ kind: 'imageCount', action, min: counts.min, max: counts.max, given });
		}
	} else if (images !== undefined) {
		problems.push({ kind: 'imagesNotAllowed', action });
	}
	if (action === 'get1080p') {
		if (typeof body.video_id !== 'string' || !body.video_id.trim()) {
			problems.push({ kind: 'missing', field: 'video_id' });
		}
	} else if (body.video_id !== undefined) {
		problems.push({ kind: 'videoIdNotAllowed', action });
	}
	const model = typeof body.model === 'string' ? body.model : undefined;
	if (model !== undefined && (action === 'ingredients2video' ? model !== INGREDIENTS_ONLY_MODEL : action !== 'get1080p' && model === INGREDIENTS_ONLY_MODEL)) {
		problems.push({ kind: 'ingredientsModel', action, model });
	}
	if (action !== 'get1080p' && (typeof body.prompt !== 'string' || !body.prompt.trim())) {
		problems.push(body.prompt === undefined ? { kind: 'missing', field: 'prompt' } : { kind: 'emptyPrompt' });
	}
	return problems;
}

/**
 * Everything the provider's spec (and the rules its descriptions state) refuses in a `/veo/videos`
 * body; empty when it would be accepted. For every feature that builds such a body (the wizard,
 * Generate Again, Get 1080p, agent tools, prompt files): check before sending.
 */
export function veoVideosRequestProblems(body: unknown): RequestProblem[] {
	const problems = validateSchema(body);
	if (problems.some((problem) => problem.kind === 'notObject')) {
		return problems;
	}
	// A field of the wrong type is reported once, by the schema; the rules read only well-typed fields.
	return [...problems, ...validateRules(body as Record<string, unknown>)];
}

/** A problem in the display language, for a message or an agent tool's answer. */
export function requestProblemText(problem: RequestProblem): string {
	switch (problem.kind) {
		case 'notObject':
			return l10n.t('The request body must be a JSON object.');
		case 'missing':
			return l10n.t('"{0}" is required.', problem.field);
		case 'unknownField':
			return l10n.t('"{0}" is not a field of the Veo API\'s /veo/videos request.', problem.field);
		case 'wrongType':
			return l10n.t('"{0}" must be of type {1}.', problem.field, problem.expected);
		case 'notInEnum':
			return l10n.t('"{0}" must be one of: {1}.', problem.field, problem.allowed.join(', '));
		case 'emptyPrompt':
			return l10n.t('The prompt cannot be empty.');
		case 'imageCount':
			return l10n.t(
				'{0} takes {1} to {2} image URLs ({3} given).',
				problem.action,
				formatNumber(problem.min),
				formatNumber(problem.max),
				formatNumber(problem.given),
			);
		case 'imagesNotAllowed':
			return l10n.t('{0} takes no image URLs.', problem.action);
		case 'videoIdNotAllowed':
			return l10n.t('"video_id" is only valid with get1080p, not {0}.', problem.action);
		case 'ingredientsModel':
			return problem.action === 'ingredients2video'
				? l10n.t('ingredients2video runs on {0} only, not {1}.', INGREDIENTS_ONLY_MODEL, problem.model)
				: l10n.t('{0} runs only ingredients2video, not {1}.', INGREDIENTS_ONLY_MODEL, problem.action);
	}
}
