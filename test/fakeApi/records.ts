/**
 * Factories for Veo task records, shaped like the records `POST /veo/tasks` returns
 * (see docs/api.md and the provider's published response example).
 *
 * Deliberately independent of `src/`: the fake must describe what the server sends,
 * not what the extension hopes to receive, or a shared mistake would go unnoticed.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** The body that started a task, as echoed back by the server. Open-ended on purpose. */
export interface TaskRequest {
	action?: string;
	model?: string;
	prompt?: string;
	aspect_ratio?: string;
	image_urls?: string[];
	video_id?: string;
	callback_url?: string;
	async?: boolean;
	translation?: boolean;
	resolution?: string;
	[key: string]: unknown;
}

/** One generated video inside `response.data`. `id` is the VIDEO id, not the task id. */
export interface VideoData {
	id?: string;
	video_url?: string;
	created_at?: string;
	complete_at?: string;
	state?: string;
	[key: string]: unknown;
}

export interface TaskError {
	code?: string;
	message?: string;
	[key: string]: unknown;
}

export interface TaskResponse {
	success?: boolean;
	task_id?: string;
	trace_id?: string;
	data?: VideoData[];
	error?: TaskError;
	[key: string]: unknown;
}

/** A task record. Loose on purpose: real records may lack fields or carry new ones. */
export interface TaskRecord {
	_id?: string;
	id: string;
	api_id?: string;
	application_id?: string;
	credential_id?: string;
	user_id?: string;
	trace_id?: string;
	/** Unix seconds with milliseconds as a fraction, e.g. 1753435158.509. */
	created_at?: number;
	/** Some records say their state at the top level; it outranks `response` (docs/api.md). */
	status?: string;
	state?: string;
	/** Unix float seconds, once the task is over (the platform writes it since 2026-08-01). */
	finished_at?: number;
	/** Unix float seconds, once the upstream job started. */
	started_at?: number;
	/** Seconds the task took, once over (what the provider's web client shows). */
	elapsed?: number;
	type?: string;
	request?: TaskRequest;
	/** Absent while the task is queued. */
	response?: TaskResponse;
	[key: string]: unknown;
}

/** Options shared by every factory. */
export interface TaskOptions {
	id?: string;
	traceId?: string;
	prompt?: string;
	model?: string;
	action?: string;
	aspectRatio?: string;
	/** Unix seconds (float). Defaults to `now()`. */
	createdAt?: number;
	/** Extra or overriding request fields (image_urls, video_id, callback_url, ...). */
	request?: TaskRequest;
	/** Clock in milliseconds; injectable so tests get stable timestamps. */
	now?: () => number;
}

/** Options for shapes that carry a `response.data[]` entry. */
export interface ShapeOptions {
	/** The raw `data[].state` word; each shape has a sensible default. */
	state?: string;
	videoId?: string;
	/** Only used by the succeeded shape; the others never carry a URL. */
	videoUrl?: string;
	/** Unix seconds of completion; defaults to min(now, created_at + a typical run time). */
	completedAt?: number;
	/** Only used by the `failed` shape (success:false). */
	errorCode?: string;
	errorMessage?: string;
	now?: () => number;
}

export type VideoTaskOptions = TaskOptions & ShapeOptions;

/**
 * Every record shape the state derivation in docs/api.md distinguishes.
 * - failed: `success:false` with an `error` object
 * - failedState: `data[].state` is failed / error / cancelled
 * - noVideo: a terminal word ("succeeded") but no `video_url`
 * - unknownState: a word nobody documented, e.g. "upscaling"
 */
export type TaskShape = 'pending' | 'running' | 'succeeded' | 'failed' | 'failedState' | 'noVideo' | 'unknownState';

export type RunningStateWord = 'processing' | 'running' | 'queued' | 'pending';

// One fake account: the real server repeats these for every task of one token.
const ACCOUNT = {
	api_id: '52a0fa83-3c78-4793-b45a-c1a5c869ae46',
	application_id: 'b7341df0-3a87-40ef-8f3c-a7dda97816a2',
	credential_id: '1f64eaaa-eff0-4f18-bfc2-8c5b1e7949ae',
	user_id: 'ad7afe47-cea9-4cda-980f-2ad8810e51cf',
} as const;

/** Seconds between the start and end of a typical generation (1 to 5 minutes). */
const TYPICAL_RUN_SECONDS = 143;

/**
 * The provider's `YYYY-MM-DD HH:MM:SS` strings carry no zone; in its published example
 * they are UTC+8 (created_at 1753435158.509 is 09:19 UTC, data.created_at says 17:19).
 * Reproducing that offset keeps clients honest about not parsing them as UTC.
 */
const API_CLOCK_OFFSET_MS = 8 * 3600 * 1000;

export function newTaskId(): string {
	return randomUUID();
}

export function newTraceId(): string {
	return randomUUID();
}

/** Video ids are 32 hex digits (a UUID without dashes), distinct from the task id. */
export function newVideoId(): string {
	return randomUUID().replace(/-/g, '');
}

/** A MongoDB-style ObjectId: 4 bytes of seconds, then 8 random bytes. */
function newObjectId(nowMs: number): string {
	const seconds = Math.floor(nowMs / 1000)
		.toString(16)
		.padStart(8, '0');
	return seconds + randomBytes(8).toString('hex');
}

/** Formats a unix-seconds time the way `data[].created_at` / `complete_at` look. */
export function formatApiTime(unixSeconds: number): string {
	const iso = new Date(unixSeconds * 1000 + API_CLOCK_OFFSET_MS).toISOString();
	return iso.slice(0, 19).replace('T', ' ');
}

function toUnixSeconds(ms: number): number {
	return Math.round(ms) / 1000;
}

/** Builds the echoed request; a field set to `undefined` in `options.request` is left out. */
function buildRequest(options: TaskOptions): TaskRequest {
	const request: TaskRequest = {
		action: options.action ?? 'text2video',
		model: options.model ?? 'veo3-fast',
		prompt: options.prompt ?? 'White ceramic coffee mug on a glossy marble countertop in morning window light, camera slowly orbiting the mug.',
		aspect_ratio: options.aspectRatio ?? '16:9',
		...options.request,
	};
	for (const key of Object.keys(request)) {
		if (request[key] === undefined) {
			delete request[key];
		}
	}
	return request;
}

/** A queued task: everything but `response`. */
export function pendingTask(options: TaskOptions = {}): TaskRecord {
	const nowMs = (options.now ?? Date.now)();
	return {
		_id: newObjectId(nowMs),
		id: options.id ?? newTaskId(),
		...ACCOUNT,
		trace_id: options.traceId ?? newTraceId(),
		created_at: options.createdAt ?? toUnixSeconds(nowMs),
		type: 'videos',
		request: buildRequest(options),
	};
}

function previousVideoId(prev: TaskRecord): string | undefined {
	const first = prev.response?.data?.[0];
	return typeof first?.id === 'string' ? first.id : undefined;
}

interface Timing {
	startedAt: string;
	completedAt: string;
}

function timing(prev: TaskRecord, options: ShapeOptions): Timing {
	const nowSeconds = toUnixSeconds((options.now ?? Date.now)());
	const createdAt = prev.created_at ?? nowSeconds;
	const completedAt = options.completedAt ?? Math.min(nowSeconds, createdAt + TYPICAL_RUN_SECONDS);
	// The upstream job starts a moment after the task record is written.
	return { startedAt: formatApiTime(createdAt + 2), completedAt: formatApiTime(completedAt) };
}

function dataEntry(prev: TaskRecord, options: ShapeOptions, state: string, terminal: boolean): VideoData {
	const times = timing(prev, options);
	const entry: VideoData = {
		id: options.videoId ?? previousVideoId(prev) ?? newVideoId(),
		created_at: times.startedAt,
	};
	if (terminal) {
		entry.complete_at = times.completedAt;
	}
	entry.state = state;
	return entry;
}

function responseHead(prev: TaskRecord, success: boolean): TaskResponse {
	return { success, task_id: prev.id, trace_id: prev.trace_id };
}

function runningResponse(prev: TaskRecord, options: ShapeOptions): TaskResponse {
	return { ...responseHead(prev, true), data: [dataEntry(prev, options, options.state ?? 'processing', false)] };
}

function succeededResponse(prev: TaskRecord, options: ShapeOptions): TaskResponse {
	const entry = dataEntry(prev, options, options.state ?? 'succeeded', true);
	const videoUrl = options.videoUrl ?? `https://platform.cdn.acedata.cloud/veo/${prev.id}.mp4`;
	// Keep the provider's key order (id, video_url, created_at, complete_at, state).
	const ordered: VideoData = { id: entry.id, video_url: videoUrl, ...entry };
	return { ...responseHead(prev, true), data: [ordered] };
}

function failedResponse(prev: TaskRecord, options: ShapeOptions): TaskResponse {
	return {
		...responseHead(prev, false),
		error: {
			code: options.errorCode ?? 'api_error',
			message: options.errorMessage ?? 'The prompt could not be processed: it may violate the content policy of the upstream model.',
		},
	};
}

function failedStateResponse(prev: TaskRecord, options: ShapeOptions): TaskResponse {
	// success stays true: only the state word says it failed, which clients must notice.
	return { ...responseHead(prev, true), data: [dataEntry(prev, options, options.state ?? 'failed', true)] };
}

function noVideoResponse(prev: TaskRecord, options: ShapeOptions): TaskResponse {
	return { ...responseHead(prev, true), data: [dataEntry(prev, options, options.state ?? 'succeeded', true)] };
}

function unknownStateResponse(prev: TaskRecord, options: ShapeOptions): TaskResponse {
	return { ...responseHead(prev, true), data: [dataEntry(prev, options, options.state ?? 'upscaling', false)] };
}

const RESPONSE_BUILDERS: Record<Exclude<TaskShape, 'pending'>, (prev: TaskRecord, options: ShapeOptions) => TaskResponse> = {
	running: runningResponse,
	succeeded: succeededResponse,
	failed: failedResponse,
	failedState: failedStateResponse,
	noVideo: noVideoResponse,
	unknownState: unknownStateResponse,
};

/**
 * Returns `prev` moved to another shape, keeping its identity (ids, trace id, request,
 * created_at) and its video id, as a real task does while it progresses.
 */
export function withShape(prev: TaskRecord, shape: TaskShape, options: ShapeOptions = {}): TaskRecord {
	const identity: TaskRecord = { ...prev };
	delete identity.response;
	delete identity.started_at;
	delete identity.finished_at;
	delete identity.elapsed;
	if (shape === 'pending') {
		return identity;
	}
	return { ...identity, ...serverTimes(prev, options, shape !== 'running' && shape !== 'unknownState'), response: RESPONSE_BUILDERS[shape](prev, options) };
}

/**
 * The top-level times the platform writes since 2026-08-01 (docs/api.md, "Times"): `started_at` and,
 * once over, `finished_at` as unix float seconds, and `elapsed` in seconds (what the web client shows).
 */
function serverTimes(prev: TaskRecord, options: ShapeOptions, terminal: boolean): Pick<TaskRecord, 'started_at' | 'finished_at' | 'elapsed'> {
	const nowSeconds = toUnixSeconds((options.now ?? Date.now)());
	const createdAt = prev.created_at ?? nowSeconds;
	const startedAt = Math.round((createdAt + 2) * 1000) / 1000;
	if (!terminal) {
		return { started_at: startedAt };
	}
	const finishedAt = Math.max(startedAt, options.completedAt ?? Math.min(nowSeconds, createdAt + TYPICAL_RUN_SECONDS));
	return { started_at: startedAt, finished_at: finishedAt, elapsed: Math.round((finishedAt - startedAt) * 100) / 100 };
}

function shaped(shape: TaskShape, options: VideoTaskOptions): TaskRecord {
	return withShape(pendingTask(options), shape, options);
}

/** A started task; `state` may be processing (default), running, queued or pending. */
export function runningTask(options: VideoTaskOptions & { state?: RunningStateWord } = {}): TaskRecord {
	return shaped('running', options);
}

/** A finished task with `state: "succeeded"` and a `video_url`. */
export function succeededTask(options: VideoTaskOptions = {}): TaskRecord {
	return shaped('succeeded', options);
}

/** A failed task: `success: false` and `error {code, message}`. */
export function failedTask(options: VideoTaskOptions = {}): TaskRecord {
	return shaped('failed', options);
}

/** A failed task told only by the state word: failed (default), error or cancelled. */
export function failedStateTask(options: VideoTaskOptions & { state?: 'failed' | 'error' | 'cancelled' } = {}): TaskRecord {
	return shaped('failedState', options);
}

/** A terminal state word (default "succeeded") with no `video_url`: finished without output. */
export function finishedWithoutVideoTask(options: VideoTaskOptions = {}): TaskRecord {
	return shaped('noVideo', options);
}

/** A state word the documentation never mentions (default "upscaling"). */
export function unknownStateTask(options: VideoTaskOptions = {}): TaskRecord {
	return shaped('unknownState', options);
}

/** Any shape by name, for table-driven tests; the state word may be any string here. */
export function taskOfShape(shape: TaskShape, options: VideoTaskOptions = {}): TaskRecord {
	return shaped(shape, options);
}

/**
 * A record that says its state at the top level (`status`, or `state` with `field: 'state'`),
 * over a `response` of the given shape: the top-level word wins, whatever the response says.
 * Words the provider's clients use there: "succeed", "failure", "rejected", "canceled"...
 */
export function topLevelStatusTask(options: VideoTaskOptions & { status: string; field?: 'status' | 'state'; shape?: TaskShape }): TaskRecord {
	const record = shaped(options.shape ?? 'running', options);
	// Only the word and the answer: the shape's times (finished_at) would say more than the word.
	delete record.started_at;
	delete record.finished_at;
	delete record.elapsed;
	return { ...record, [options.field ?? 'status']: options.status };
}

/**
 * A record that carries `finished_at` (unix seconds): with a video (shape "succeeded", but no state
 * word in data[]) it is done; without one (`withVideo: false`, no response) it finished without output.
 */
export function finishedAtTask(options: VideoTaskOptions & { withVideo?: boolean; finishedAt?: number } = {}): TaskRecord {
	const record = options.withVideo === false ? pendingTask(options) : shaped('succeeded', options);
	const createdAt = record.created_at ?? toUnixSeconds((options.now ?? Date.now)());
	if (record.response?.data?.[0]) {
		const entry: VideoData = { ...record.response.data[0] };
		delete entry.state;
		record.response = { ...record.response, data: [entry] };
	}
	return { ...record, finished_at: options.finishedAt ?? createdAt + TYPICAL_RUN_SECONDS };
}

/**
 * A task that never finishes: it started `stuckForSeconds` ago (default two hours) and is still
 * "processing". The provider advises giving up on such a task after about ten minutes.
 * Served without progression steps, it stays like this for ever.
 */
export function stuckTask(options: VideoTaskOptions & { stuckForSeconds?: number } = {}): TaskRecord {
	const nowSeconds = toUnixSeconds((options.now ?? Date.now)());
	return shaped('running', { ...options, createdAt: options.createdAt ?? nowSeconds - (options.stuckForSeconds ?? 2 * 3600) });
}

/**
 * A believable set of tasks in every state, for the demo mode and screenshots.
 * Succeeded tasks point at `${baseUrl}/files/sample.mp4` so the player has a real file.
 */
export function sampleTasks(baseUrl: string, now: () => number = Date.now): TaskRecord[] {
	const nowSeconds = toUnixSeconds(now());
	const ago = (minutes: number): number => Math.round((nowSeconds - minutes * 60) * 1000) / 1000;
	const sampleUrl = `${baseUrl.replace(/\/+$/, '')}/files/sample.mp4`;
	const lighthouse = succeededTask({
		now,
		createdAt: ago(185),
		model: 'veo3',
		prompt: 'Aerial shot of a lighthouse on a rocky cliff at golden hour, waves crashing below, seagulls circling, cinematic.',
		videoUrl: sampleUrl,
	});
	const lighthouseVideoId = lighthouse.response?.data?.[0]?.id ?? newVideoId();
	return [
		lighthouse,
		succeededTask({
			now,
			createdAt: ago(96),
			action: 'image2video',
			model: 'veo31-fast',
			aspectRatio: '9:16',
			prompt: 'The cat in the photo slowly turns its head toward the camera and blinks, soft afternoon light.',
			request: { image_urls: ['https://cdn.acedata.cloud/examples/cat-on-windowsill.png'] },
			videoUrl: sampleUrl,
		}),
		succeededTask({
			now,
			createdAt: ago(60),
			action: 'get1080p',
			model: 'veo3',
			// get1080p takes a video id, not a prompt or an aspect ratio.
			request: { video_id: lighthouseVideoId, prompt: undefined, aspect_ratio: undefined },
			videoUrl: sampleUrl,
		}),
		runningTask({
			now,
			createdAt: ago(3),
			model: 'veo31',
			prompt: 'A barista pours latte art in slow motion, macro lens, steam rising, shallow depth of field.',
		}),
		runningTask({
			now,
			createdAt: ago(1),
			state: 'queued',
			model: 'veo3-fast',
			aspectRatio: '9:16',
			prompt: 'Neon-lit Tokyo alley in the rain at night, a cyclist passes through puddles, reflections everywhere.',
		}),
		pendingTask({
			now,
			createdAt: ago(0.2),
			action: 'ingredients2video',
			model: 'veo31-fast-ingredients',
			prompt: 'A wooden toy robot and a paper boat race across a kitchen table, playful stop-motion style.',
			request: {
				image_urls: ['https://cdn.acedata.cloud/examples/toy-robot.png', 'https://cdn.acedata.cloud/examples/paper-boat.png'],
			},
		}),
		failedTask({
			now,
			createdAt: ago(240),
			model: 'veo3-fast',
			prompt: 'A famous actor giving a speech at a political rally, photorealistic news footage.',
			errorCode: 'api_error',
			errorMessage: 'The request was blocked by the upstream safety filter. Please revise the prompt.',
		}),
		failedStateTask({
			now,
			createdAt: ago(130),
			model: 'veo3',
			prompt: 'Time-lapse of a city skyline from day to night with clouds rushing overhead.',
		}),
		finishedWithoutVideoTask({
			now,
			createdAt: ago(75),
			model: 'veo3-fast',
			prompt: 'A hummingbird hovering at a red flower, 240 fps slow motion.',
		}),
		unknownStateTask({
			now,
			createdAt: ago(8),
			model: 'veo31',
			prompt: 'Snowy mountain village at dawn, smoke rising from chimneys, gentle camera push-in.',
		}),
		// Shown as stalled: older than veoTasks.giveUpAfterMinutes and still processing.
		stuckTask({
			now,
			stuckForSeconds: 2 * 3600,
			model: 'veo31-fast',
			prompt: 'A paper lantern drifts up into a starry sky over a quiet lake, long exposure.',
		}),
		topLevelStatusTask({
			now,
			createdAt: ago(30),
			status: 'succeed',
			shape: 'succeeded',
			model: 'veo31-fast',
			prompt: 'A red kite dances over a windy beach, drone shot following it.',
			videoUrl: sampleUrl,
		}),
	];
}
