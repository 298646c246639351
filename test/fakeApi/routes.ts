/**
 * The JSON endpoints of the fake Veo API. Plain functions from a recorded request and
 * the server's state to an answer; the HTTP plumbing lives in fakeVeoServer.ts.
 */
import { Answer, jsonAnswer } from './answers';
import { errorAnswer } from './errors';
import type { TaskRecord, TaskRequest } from './records';
import { isObject, RecordedRequest } from './recording';
import { requestProblemText, veoVideosRequestProblems } from '../../src/core/generation/veoVideosRequest';

/** What the routes may read and change. */
export interface ApiContext {
	readonly tasks: ReadonlyMap<string, TaskRecord>;
	/** Stores a new pending task for this request (and starts auto-progress if enabled). */
	createTask(request: TaskRequest): TaskRecord;
	/**
	 * What retrieve_batch's `count` says: 'page' (default) the number of tasks in this answer, as the
	 * provider's guide reads it, with `total` beside it; 'total' the number in all pages and no
	 * `total`, as its MCP server reads it. Both readings are in use (docs/api.md, "Several tasks").
	 */
	readonly batchCount: BatchCountReading;
	/** False once the provider drops the deprecated get1080p alias: it then answers 400 bad_request. */
	readonly get1080pOffered: boolean;
}

export type BatchCountReading = 'page' | 'total';

type Body = Record<string, unknown>;
type Route = (body: Body, ctx: ApiContext) => Answer;

/** The default page size of retrieve_batch in the provider's clients. */
export const DEFAULT_BATCH_LIMIT = 12;

const VIDEO_ACTIONS = ['text2video', 'image2video', 'ingredients2video', 'get1080p'];
/** The models `/veo/videos` accepts today; veo2 and veo2-fast are retired (docs/api.md, "Generation"). */
export const SUPPORTED_MODELS = ['veo3', 'veo3-fast', 'veo31', 'veo31-fast', 'veo31-fast-ingredients'];
export const INGREDIENTS_MODEL = 'veo31-fast-ingredients';
const RESOLUTIONS = ['4k', '1080p', 'gif'];
const ASPECT_RATIOS = ['16:9', '9:16'];
/** Follow-up endpoints the provider's own clients dropped; no source says what the API answers, the fake says 404 no_api. */
export const RETIRED_ENDPOINTS = ['/veo/upsample', '/veo/extend', '/veo/reshoot', '/veo/objects'];

function badRequest(message: string): Answer {
	return errorAnswer('bad_request', message);
}

function nonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** The first required field that is missing or empty, if any. */
function missingField(body: Body, fields: string[]): string | undefined {
	return fields.find((field) => !nonEmptyString(body[field]));
}

function stringList(value: unknown): string[] | undefined | 'invalid' {
	if (value === undefined) {
		return undefined;
	}
	return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : 'invalid';
}

function wholeNumber(value: unknown, fallback: number, min: number): number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : fallback;
}

// --- /veo/tasks ---------------------------------------------------------------------

function findByTraceId(tasks: ReadonlyMap<string, TaskRecord>, traceId: string): TaskRecord | undefined {
	return [...tasks.values()].find((task) => task.trace_id === traceId);
}

/**
 * The provider documents no answer for an unknown id. Its own SDK polls `retrieve` and
 * treats an answer without a state word as "still running", which only works if the
 * server answers 200 rather than an error; so the fake answers 200 with `{}` (a record
 * without an id). A client must read that as "not found": a 404 would be mistaken for
 * `no_api` (wrong base URL). Tests wanting another answer can `enqueue` one.
 */
function retrieve(body: Body, ctx: ApiContext): Answer {
	const task = nonEmptyString(body.id) ? ctx.tasks.get(body.id) : nonEmptyString(body.trace_id) ? findByTraceId(ctx.tasks, body.trace_id) : null;
	if (task === null) {
		return badRequest('Either id or trace_id is required.');
	}
	if (task === undefined) {
		return jsonAnswer(200, {});
	}
	return jsonAnswer(200, task);
}

interface BatchFilter {
	ids: Set<string> | undefined;
	traceIds: Set<string> | undefined;
	type: unknown;
	createdMin: unknown;
	createdMax: unknown;
}

function matchesBatch(task: TaskRecord, filter: BatchFilter): boolean {
	const created = task.created_at ?? 0;
	return (
		(filter.ids === undefined || filter.ids.has(task.id)) &&
		(filter.traceIds === undefined || (task.trace_id !== undefined && filter.traceIds.has(task.trace_id))) &&
		(typeof filter.type !== 'string' || task.type === filter.type) &&
		(typeof filter.createdMin !== 'number' || created >= filter.createdMin) &&
		(typeof filter.createdMax !== 'number' || created <= filter.createdMax)
	);
}

/**
 * Like the real server: unknown ids are simply absent, items come newest first (not in
 * the order asked), and only `limit` items (default 12) are returned from `offset`,
 * so a client that forgets `limit` silently loses tasks. The filters combine: `ids`,
 * `trace_ids`, `type`, and `created_at_min` / `created_at_max` (unix seconds, inclusive).
 */
function retrieveBatch(body: Body, ctx: ApiContext): Answer {
	const ids = stringList(body.ids);
	const traceIds = stringList(body.trace_ids);
	if (ids === 'invalid' || traceIds === 'invalid') {
		return badRequest('ids and trace_ids must be arrays of strings.');
	}
	const filter: BatchFilter = {
		ids: ids === undefined ? undefined : new Set(ids),
		traceIds: traceIds === undefined ? undefined : new Set(traceIds),
		type: body.type,
		createdMin: body.created_at_min,
		createdMax: body.created_at_max,
	};
	const offset = wholeNumber(body.offset, 0, 0);
	const limit = wholeNumber(body.limit, DEFAULT_BATCH_LIMIT, 1);
	const matching = [...ctx.tasks.values()].filter((task) => matchesBatch(task, filter)).sort((a, b) => (b.created_at ?? 0) - (a.created_at ?? 0));
	const items = matching.slice(offset, offset + limit);
	return jsonAnswer(200, ctx.batchCount === 'total' ? { items, count: matching.length } : { items, count: items.length, total: matching.length });
}

function tasksRoute(body: Body, ctx: ApiContext): Answer {
	switch (body.action) {
		case 'retrieve':
			return retrieve(body, ctx);
		case 'retrieve_batch':
			return retrieveBatch(body, ctx);
		case undefined:
			return badRequest('action is required.');
		default:
			return errorAnswer('api_not_implemented', `The action ${JSON.stringify(body.action)} is not implemented.`);
	}
}

// --- generation endpoints -----------------------------------------------------------

function started(ctx: ApiContext, body: Body): Answer {
	const task = ctx.createTask({ ...body });
	return jsonAnswer(200, { success: true, task_id: task.id, trace_id: task.trace_id });
}

function oneOf(value: unknown, allowed: string[], field: string): Answer | undefined {
	return typeof value === 'string' && allowed.includes(value) ? undefined : badRequest(`${field} must be one of ${allowed.join(', ')}.`);
}

function videoFieldsProblem(body: Body): Answer | undefined {
	const required = body.action === 'get1080p' ? ['video_id', 'model'] : ['prompt', 'model'];
	const missing = missingField(body, required);
	if (missing !== undefined) {
		return badRequest(`${missing} is required.`);
	}
	const model = String(body.model);
	if (!SUPPORTED_MODELS.includes(model)) {
		return badRequest(`model ${model} is not supported.`);
	}
	if (body.action === 'ingredients2video' ? model !== INGREDIENTS_MODEL : body.action !== 'get1080p' && model === INGREDIENTS_MODEL) {
		return badRequest(`model ${model} is not supported for ${String(body.action)}.`);
	}
	if (body.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(String(body.aspect_ratio))) {
		return badRequest(`aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}.`);
	}
	if (body.resolution !== undefined && !RESOLUTIONS.includes(String(body.resolution))) {
		return badRequest(`resolution must be one of ${RESOLUTIONS.join(', ')}.`);
	}
	const images = stringList(body.image_urls);
	if (images === 'invalid') {
		return badRequest('image_urls must be an array of URLs.');
	}
	const count = images?.length ?? 0;
	if (body.action === 'image2video' && (count < 1 || count > 2)) {
		return badRequest('image2video requires 1 or 2 image_urls.');
	}
	if (body.action === 'ingredients2video' && (count < 1 || count > 3)) {
		return badRequest('ingredients2video requires 1 to 3 image_urls.');
	}
	return undefined;
}

/** Whatever the provider's spec refuses (src/core/generation/veoVideosRequest.ts), refused like the real API: 400 bad_request. */
function specProblem(body: Body): Answer | undefined {
	const [first] = veoVideosRequestProblems(body);
	return first === undefined ? undefined : badRequest(requestProblemText(first));
}

/**
 * Without `async` or `callback_url` the real API holds the connection for minutes until
 * the video exists. The fake refuses instead, to keep tests fast and to catch a client
 * that forgets `async: true`.
 */
function videosRoute(body: Body, ctx: ApiContext): Answer {
	const problem = oneOf(body.action, VIDEO_ACTIONS, 'action') ?? videoFieldsProblem(body) ?? specProblem(body);
	if (problem !== undefined) {
		return problem;
	}
	if (body.action === 'get1080p' && !ctx.get1080pOffered) {
		return badRequest('The action get1080p is not supported.');
	}
	if (body.async !== true && !nonEmptyString(body.callback_url)) {
		return badRequest('This fake only supports async: true (or a callback_url).');
	}
	return started(ctx, body);
}

function retiredRoute(path: string): Route {
	return () => errorAnswer('no_api', `No API at POST ${path}.`);
}

const ROUTES: Record<string, Route> = {
	'/veo/tasks': tasksRoute,
	'/veo/videos': videosRoute,
	...Object.fromEntries(RETIRED_ENDPOINTS.map((path) => [path, retiredRoute(path)])),
};

export function isApiPath(path: string): boolean {
	return Object.prototype.hasOwnProperty.call(ROUTES, path);
}

/** Answers a request to one of the JSON endpoints (all POST, like the real API). */
export function routeApi(req: RecordedRequest, ctx: ApiContext): Answer {
	const route = isApiPath(req.path) ? ROUTES[req.path] : undefined;
	if (route === undefined || req.method !== 'POST') {
		return errorAnswer('no_api', `No API at ${req.method} ${req.path}.`);
	}
	if (!isObject(req.body)) {
		return badRequest('The body must be a JSON object.');
	}
	return route(req.body, ctx);
}
