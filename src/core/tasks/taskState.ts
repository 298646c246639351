import { asObject, asString, readEpochMs } from './taskRecord';

/**
 * `unknown` means "not fetched yet"; `notFound` means the server did not return the task when asked.
 * Pending and running are the only states worth polling again.
 */
export type TaskState = 'pending' | 'running' | 'succeeded' | 'failed' | 'notFound' | 'unknown';

export const ACTIVE_STATES: ReadonlySet<TaskState> = new Set(['pending', 'running']);
export const FINISHED_STATES: ReadonlySet<TaskState> = new Set(['succeeded', 'failed', 'notFound']);

/** What the UI needs of a task, derived from its record. Every string here came from the server: show it as text only. */
export interface TaskSummary {
	state: TaskState;
	/** The server's own word for the state when it is not one we know (shown to the user as is). */
	rawState?: string;
	prompt?: string;
	model?: string;
	action?: string;
	/** Epoch milliseconds. */
	createdAt?: number;
	/** As the server wrote it: "YYYY-MM-DD HH:MM:SS". */
	completedAt?: string;
	videoUrl?: string;
	/** The video's own ID (what follow-ups take), not the task ID. */
	videoId?: string;
	traceId?: string;
	failureReason?: string;
	/** For follow-up tasks: the video they continue. */
	sourceVideoId?: string;
}

const STATE_WORD_MAX = 60;
const RUNNING_WORDS = new Set(['processing', 'running', 'pending', 'queued', 'submitted', 'in_progress', 'starting']);
const FAILED_WORDS = new Set(['failed', 'failure', 'error', 'errored', 'cancelled', 'canceled', 'timeout', 'rejected']);
const SUCCEEDED_WORDS = new Set(['succeeded', 'success', 'completed', 'complete', 'finished', 'done']);

function firstVideo(data: unknown): Record<string, unknown> | undefined {
	if (Array.isArray(data)) {
		return data.map(asObject).find((entry) => entry !== undefined);
	}
	// Some answers carry one object where a list is documented.
	return asObject(data);
}

function errorMessage(response: Record<string, unknown>): string | undefined {
	const error = asObject(response.error);
	return asString(error?.message) ?? asString(response.error) ?? asString(response.message);
}

/**
 * Derives a task's state from its record the way the provider's own web client does
 * (../shared/docs/veo-api.md, "Deriving a task's state"), defensively: any field may be missing or odd.
 */
export function summarizeRecord(record: Record<string, unknown>): TaskSummary {
	const request = asObject(record.request) ?? {};
	const response = asObject(record.response);
	const common: Omit<TaskSummary, 'state'> = {
		prompt: asString(request.prompt),
		model: asString(request.model),
		action: asString(request.action),
		createdAt: readEpochMs(record.created_at),
		traceId: asString(record.trace_id) ?? asString(response?.trace_id),
		sourceVideoId: asString(request.video_id),
	};
	if (!response) {
		return { ...common, state: 'pending' };
	}
	const video = firstVideo(response.data);
	const videoUrl = asString(video?.video_url);
	// A state word is shown as is when unknown: a server bug must not put megabytes in a tree row.
	const word = asString(video?.state)?.trim().toLowerCase().slice(0, STATE_WORD_MAX);
	const withVideo = {
		...common,
		videoUrl,
		videoId: asString(video?.id),
		completedAt: asString(video?.complete_at),
	};

	if (response.success === false || (word !== undefined && FAILED_WORDS.has(word))) {
		return { ...withVideo, state: 'failed', failureReason: errorMessage(response) ?? (word ? `The task ended as "${word}".` : 'The task failed.') };
	}
	if (word === undefined) {
		// A response without a per-video state: success with a URL means done, anything else is still going.
		if (response.success === true && videoUrl) {
			return { ...withVideo, state: 'succeeded' };
		}
		return { ...withVideo, state: 'running' };
	}
	if (SUCCEEDED_WORDS.has(word)) {
		return videoUrl
			? { ...withVideo, state: 'succeeded' }
			: { ...withVideo, state: 'failed', failureReason: 'The task finished without output (no video URL).' };
	}
	if (RUNNING_WORDS.has(word)) {
		return { ...withVideo, state: 'running' };
	}
	return { ...withVideo, state: 'running', rawState: word };
}

const STATE_LABELS: Record<TaskState, string> = {
	pending: 'pending',
	running: 'running',
	succeeded: 'succeeded',
	failed: 'failed',
	notFound: 'not found',
	unknown: 'not fetched yet',
};

export function stateLabel(summary: Pick<TaskSummary, 'state' | 'rawState'>): string {
	return summary.rawState ?? STATE_LABELS[summary.state];
}
