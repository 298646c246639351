import { l10n } from '../l10n/l10n';
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
	/** As the server wrote it: "YYYY-MM-DD HH:MM:SS" in UTC+8 (shown as is only when it cannot be read). */
	completedAt?: string;
	/** When the task finished, epoch milliseconds: `data[].complete_at` read as UTC+8, else `finished_at` (top level or in `response`). */
	completedAtMs?: number;
	/** When the server started the task, epoch milliseconds (`started_at`, top level or in `response`). */
	startedAtMs?: number;
	/** How long the task took by the server's own count (top-level `elapsed`, seconds), in milliseconds. */
	elapsedMs?: number;
	videoUrl?: string;
	/** The video's own ID (what follow-ups take), not the task ID. */
	videoId?: string;
	traceId?: string;
	failureReason?: string;
	/** For follow-up tasks: the video they continue. */
	sourceVideoId?: string;
}

const STATE_WORD_MAX = 60;
/**
 * The provider's words (docs/api.md, "Deriving a task's state"), each list the union of what its
 * SDK, MCP server and web client accept. A few words other task APIs use ride along: reading one
 * as its obvious meaning is better than polling it until the task is given up on.
 */
export const DONE_WORDS: ReadonlySet<string> = new Set(['succeeded', 'success', 'succeed', 'completed', 'complete', 'finished', 'done']);
export const FAILED_WORDS: ReadonlySet<string> = new Set(['failed', 'failure', 'error', 'cancelled', 'canceled', 'rejected', 'errored', 'timeout']);
export const ACTIVE_WORDS: ReadonlySet<string> = new Set(['processing', 'running', 'pending', 'queued', 'submitted', 'in_progress', 'starting']);

/** The `data[]` entries that are objects; some answers carry one object where a list is documented. */
function videoEntries(data: unknown): Record<string, unknown>[] {
	if (Array.isArray(data)) {
		return data.map(asObject).filter((entry): entry is Record<string, unknown> => entry !== undefined);
	}
	const single = asObject(data);
	return single ? [single] : [];
}

/** The entry shown: the first with a video URL, else the first. */
function firstVideo(entries: readonly Record<string, unknown>[]): Record<string, unknown> | undefined {
	return entries.find((entry) => asString(entry.video_url) !== undefined) ?? entries[0];
}

/** A time read from the record's top level, else from its `response` (where the SDK also reads `finished_at`). */
function recordTime(record: Record<string, unknown>, response: Record<string, unknown> | undefined, field: string): number | undefined {
	return readEpochMs(record[field]) ?? readEpochMs(response?.[field]);
}

/** Top-level `elapsed`, seconds as a number or a numeric string (what the web client shows). */
function elapsedMs(value: unknown): number | undefined {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 && seconds < 1e9 ? Math.round(seconds * 1000) : undefined;
}

/**
 * Every state word of an answer, as the provider's SDK collects them: `response.status`,
 * `response.state` and each `data[]` entry's `state`. Strings only.
 */
function responseWords(response: Record<string, unknown>, entries: readonly Record<string, unknown>[]): string[] {
	// A number in `response.status` is more likely an HTTP status than a task's; an entry's odd state is shown raw.
	const own = [response.status, response.state].filter((value): value is string => typeof value === 'string');
	return [...own, ...entries.map((entry) => entry.state)].map(stateWord).filter((word): word is string => word !== undefined);
}

function errorMessage(holder: Record<string, unknown> | undefined): string | undefined {
	if (!holder) {
		return undefined;
	}
	const error = asObject(holder.error);
	return asString(error?.message) ?? asString(holder.error) ?? asString(holder.message);
}

/** A state word as we compare it; a server bug must not put megabytes in a tree row either. */
function stateWord(value: unknown): string | undefined {
	const word = asString(value)?.trim().toLowerCase().slice(0, STATE_WORD_MAX);
	return word ? word : undefined;
}

/**
 * Derives a task's state from its record as docs/api.md ("Deriving a task's state") sets out,
 * defensively: any field may be missing or odd. In order: a top-level `status`/`state` word
 * outranks everything else; then `success: false`; then the words of the answer
 * (`response.status`/`state`, every `data[].state`), a failed word winning; a task with no answer yet is pending. A done word without a video URL, and a `finished_at` without a result, are failures.
 */
export function summarizeRecord(record: Record<string, unknown>): TaskSummary {
	const request = asObject(record.request) ?? {};
	const response = asObject(record.response);
	const entries = videoEntries(response?.data);
	const video = firstVideo(entries);
	const videoUrl = asString(video?.video_url);
	const finishedAt = recordTime(record, response, 'finished_at');
	const hasFinishedAt = (record.finished_at ?? response?.finished_at) !== undefined && (record.finished_at ?? response?.finished_at) !== null;
	const completedAt = asString(video?.complete_at);
	const startedAtMs = recordTime(record, response, 'started_at');
	const elapsed = elapsedMs(record.elapsed);
	const summary: Omit<TaskSummary, 'state'> = {
		prompt: asString(request.prompt),
		model: asString(request.model),
		action: asString(request.action),
		createdAt: readEpochMs(record.created_at),
		traceId: asString(record.trace_id) ?? asString(response?.trace_id),
		sourceVideoId: asString(request.video_id),
		videoUrl,
		videoId: asString(video?.id),
		completedAt,
		completedAtMs: readEpochMs(completedAt) ?? finishedAt,
		...(startedAtMs !== undefined ? { startedAtMs } : {}),
		...(elapsed !== undefined ? { elapsedMs: elapsed } : {}),
	};
	const failed = (reason: string): TaskSummary => ({ ...summary, state: 'failed', failureReason: reason });
	// Our own reasons are read in the display language; the server's are shown as it wrote them.
	const noOutput = (): TaskSummary => failed(l10n.t('The task finished without output (no video URL).'));
	const active = (state: 'pending' | 'running', rawState?: string): TaskSummary => {
		// A task that says it finished but carries no video did not produce one, whatever its word.
		if (hasFinishedAt && !videoUrl) {
			return noOutput();
		}
		return rawState === undefined ? { ...summary, state } : { ...summary, state, rawState };
	};
	const fromWord = (word: string): TaskSummary => {
		if (DONE_WORDS.has(word)) {
			return videoUrl ? { ...summary, state: 'succeeded' } : noOutput();
		}
		if (FAILED_WORDS.has(word)) {
			return failed(errorMessage(response) ?? errorMessage(record) ?? l10n.t('The task ended as "{0}".', word));
		}
		if (ACTIVE_WORDS.has(word)) {
			// The API says "pending" of a task it has answered for: it is under way, as the doc has it.
			return active('running');
		}
		// A word we do not know: still worth asking about, and shown to the user as the server wrote it.
		return active('running', word);
	};

	// Only words count at the top level: a number there is more likely an HTTP status than a task's.
	const topWord =
		stateWord(typeof record.status === 'string' ? record.status : undefined) ?? stateWord(typeof record.state === 'string' ? record.state : undefined);
	if (topWord !== undefined) {
		return fromWord(topWord);
	}
	if (!response) {
		return active('pending');
	}
	if (response.success === false) {
		return failed(errorMessage(response) ?? errorMessage(record) ?? l10n.t('The task failed.'));
	}
	// As the provider's SDK reads them: a failed word anywhere wins, then a done word, then the rest.
	const words = responseWords(response, entries);
	const decisive =
		words.find((word) => FAILED_WORDS.has(word)) ?? words.find((word) => DONE_WORDS.has(word)) ?? words.find((word) => ACTIVE_WORDS.has(word)) ?? words[0];
	if (decisive !== undefined) {
		return fromWord(decisive);
	}
	// An answer without a state word: success with a URL means done, anything else is still going.
	if (videoUrl && (response.success === true || hasFinishedAt)) {
		return { ...summary, state: 'succeeded' };
	}
	return active('running');
}

/** The states in English as data: what an exported task list writes (other tools read it). */
const STATE_NAMES: Record<TaskState, string> = {
	pending: 'pending',
	running: 'running',
	succeeded: 'succeeded',
	failed: 'failed',
	notFound: 'not found',
	unknown: 'not fetched yet',
};

/** The state as files store it: the server's own word when it is not one we know, else the English name. */
export function stateName(summary: Pick<TaskSummary, 'state' | 'rawState'>): string {
	return summary.rawState ?? STATE_NAMES[summary.state];
}

/** The state as people read it, in the display language; the server's own word when it is not one we know (as written). */
export function stateLabel(summary: Pick<TaskSummary, 'state' | 'rawState'>): string {
	if (summary.rawState !== undefined) {
		return summary.rawState;
	}
	// Translated when asked, not once at load: the display language is set after the module loads.
	switch (summary.state) {
		case 'pending':
			return l10n.t('pending');
		case 'running':
			return l10n.t('running');
		case 'succeeded':
			return l10n.t('succeeded');
		case 'failed':
			return l10n.t('failed');
		case 'notFound':
			return l10n.t('not found');
		case 'unknown':
			return l10n.t('not fetched yet');
	}
}
