import { findTaskIds, isTaskId, normalizeTaskId } from './taskIds';
import { isRecordWithId, asObject, type TaskRecord } from './taskRecord';
import type { PromptFileLink, TrackedTask } from './taskList';
import { summarizeRecord, type TaskSummary } from './taskState';

/**
 * Three stores (docs/architecture.md):
 * - the tracked list (IDs, when added, parent) in workspaceState: small, one entry per task;
 * - the same list in a file of the storage folder that every window on the workspace shares;
 * - what the server said (the records) in a cache file beside it, kept out of workspaceState
 *   because VS Code warns when an extension's workspaceState passes 512 KB.
 * Losing the cache costs one refresh; losing the list would lose the user's work, so the list is
 * read as forgivingly as possible.
 */
export const TASK_LIST_VERSION = 2;
export const TASK_CACHE_VERSION = 1;

export interface PersistedTask {
	id: string;
	/** Epoch seconds: shorter than milliseconds, and precise enough for ordering. */
	added: number;
	parent?: string;
	/** The prompt file the task was started from. */
	promptFile?: PromptFileLink;
	/**
	 * The Keep mark: epoch milliseconds of its last change, positive when kept, negative when cleared
	 * (milliseconds: a Keep and a Don't Keep within one second must not tie).
	 * Two windows' marks merge by the later change (sharedTaskList.ts).
	 */
	mark?: number;
}

/**
 * One task as stored: `[id, added]`, or `[id, added, parentIndex]` for a follow-up, where
 * parentIndex is the parent's position in the same list. Arrays and an index keep 5,000 tasks,
 * even all of them follow-ups, well under 512 KB (objects with keys and a second UUID would not).
 */
export type StoredTask =
	| [id: string, added: number]
	| [id: string, added: number, parentIndex: number]
	/**
	 * A task started from a prompt file, or kept: the file's position in `files` (-1 without one), the
	 * fingerprint of its text ('' without one), and the Keep mark when there is one. parentIndex is -1
	 * without a parent. Versions that read three fields ignore the rest.
	 */
	| [id: string, added: number, parentIndex: number, fileIndex: number, hash: string]
	| [id: string, added: number, parentIndex: number, fileIndex: number, hash: string, mark: number];

export interface PersistedTaskList {
	version: typeof TASK_LIST_VERSION;
	tasks: StoredTask[];
	/** The prompt files' workspace-relative paths, each once (absent when no task came from a file). */
	files?: string[];
}

/** A stored prompt file path: relative, never up and out of the workspace, of a sane length. */
function isStoredPromptPath(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= 1024 && !value.startsWith('/') && !/(^|\/)\.\.(\/|$)/.test(value);
}

export interface TaskCacheEntry {
	record?: TaskRecord;
	notFound?: true;
	fetchedAt?: number;
}

export interface TaskCacheFile {
	version: typeof TASK_CACHE_VERSION;
	entries: Record<string, TaskCacheEntry>;
}

export function serializeTaskList(tasks: readonly TrackedTask[]): PersistedTaskList {
	return storeTaskList(persistedTasks(tasks));
}

/** The stored form of a list: compact rows, a follow-up pointing at its parent's position. */
export function storeTaskList(entries: readonly PersistedTask[]): PersistedTaskList {
	const index = new Map(entries.map((entry, position) => [entry.id, position]));
	const files = new Map<string, number>();
	const tasks = entries.map((entry): StoredTask => {
		const parentIndex = entry.parent !== undefined ? index.get(entry.parent) : undefined;
		if (entry.promptFile || entry.mark) {
			let fileIndex = -1;
			if (entry.promptFile) {
				fileIndex = files.get(entry.promptFile.path) ?? files.size;
				files.set(entry.promptFile.path, fileIndex);
			}
			const head: [string, number, number, number, string] = [entry.id, entry.added, parentIndex ?? -1, fileIndex, entry.promptFile?.hash ?? ''];
			return entry.mark ? [...head, entry.mark] : head;
		}
		return parentIndex !== undefined ? [entry.id, entry.added, parentIndex] : [entry.id, entry.added];
	});
	return files.size ? { version: TASK_LIST_VERSION, tasks, files: [...files.keys()] } : { version: TASK_LIST_VERSION, tasks };
}

export interface ReadTaskListResult {
	tasks: PersistedTask[];
	/** Set when the stored value was not in the current format (older, or damaged) and was recovered. */
	recovered?: 'migrated' | 'repaired';
}

/**
 * Reads the stored list in any format this extension ever wrote:
 * - version 1 (0.0.x previews): a plain array of ID strings;
 * - version 2: `{version, tasks: [[id, added, parentIndex?]]}`.
 * Anything else (damaged by hand, by another tool, or a future format) is searched for task IDs so
 * none that can be recovered is lost.
 */
export function readTaskList(raw: unknown, now: number): ReadTaskListResult {
	if (raw === undefined || raw === null) {
		return { tasks: [] };
	}
	const object = asObject(raw);
	if (object && object.version === TASK_LIST_VERSION && Array.isArray(object.tasks)) {
		const entries: unknown[] = object.tasks;
		const files: unknown[] = Array.isArray(object.files) ? object.files : [];
		const tasks = entries.map((entry, position) => readEntry(entry, position, entries, now, files));
		const valid = dedupeTasks(tasks.filter((task): task is PersistedTask => task !== undefined));
		return valid.length === object.tasks.length ? { tasks: valid } : { tasks: mergeRecovered(valid, raw, now), recovered: 'repaired' };
	}
	if (Array.isArray(raw) && raw.every((entry) => typeof entry === 'string')) {
		const tasks = raw.filter(isTaskId).map((id) => ({ id: normalizeTaskId(id), added: Math.round(now / 1000) }));
		return { tasks: dedupeTasks(tasks), recovered: 'migrated' };
	}
	return { tasks: mergeRecovered([], raw, now), recovered: 'repaired' };
}

function readEntry(entry: unknown, position: number, all: readonly unknown[], now: number, files: readonly unknown[]): PersistedTask | undefined {
	const id = storedId(entry);
	if (!id || !Array.isArray(entry)) {
		return undefined;
	}
	const [, added, parentIndex, fileIndex, hash, mark] = entry as unknown[];
	const task: PersistedTask = {
		id,
		added: typeof added === 'number' && Number.isFinite(added) ? clampStoredSeconds(added, now, ADDED_SLACK_SECONDS) : Math.round(now / 1000),
	};
	if (typeof mark === 'number' && Number.isFinite(mark) && mark !== 0) {
		task.mark = Math.round(mark);
	}
	// A task cannot be its own parent; a damaged index is dropped, the task kept.
	const parent = typeof parentIndex === 'number' && parentIndex !== position ? storedId(all[parentIndex]) : undefined;
	if (parent) {
		task.parent = parent;
	}
	// A damaged link is dropped, the task kept: the link only groups and annotates it.
	const path = typeof fileIndex === 'number' ? files[fileIndex] : undefined;
	if (isStoredPromptPath(path) && typeof hash === 'string' && /^[0-9a-f]{8}$/.test(hash)) {
		task.promptFile = { path, hash };
	}
	return task;
}

/**
 * Times read from files are clamped to the present: a file another window, another tool or a
 * repository wrote may say "removed in the year 3000", which would make an ID impossible to track
 * again, or "added in 3000", impossible to remove. Honest times are at most a second or two ahead
 * (a task tracked again is stored as added the second after its removal), so a few seconds of slack
 * never change them; a time added may be a little further ahead than a removal, so the task
 * tracked again after a clamped removal stays tracked.
 */
export const REMOVED_SLACK_SECONDS = 5;
export const ADDED_SLACK_SECONDS = 10;

export function clampStoredSeconds(seconds: number, nowMs: number, slackSeconds: number): number {
	return Math.min(seconds, Math.round(nowMs / 1000) + slackSeconds);
}

/** The task ID of a stored entry (`[id, ...]`), normalised; undefined when it is not one. */
export function storedId(entry: unknown): string | undefined {
	const id = Array.isArray(entry) && typeof entry[0] === 'string' ? normalizeTaskId(entry[0]) : undefined;
	return id && isTaskId(id) ? id : undefined;
}

function mergeRecovered(valid: PersistedTask[], raw: unknown, now: number): PersistedTask[] {
	let text: string;
	try {
		text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
	} catch {
		text = '';
	}
	const known = new Set(valid.map((task) => task.id));
	const found = findTaskIds(text).filter((id) => !known.has(id));
	return dedupeTasks([...valid, ...found.map((id) => ({ id, added: Math.round(now / 1000) }))]);
}

function dedupeTasks(tasks: PersistedTask[]): PersistedTask[] {
	const seen = new Set<string>();
	return tasks.filter((task) => !seen.has(task.id) && seen.add(task.id));
}

/** The IDs of two lists, each once, the first list's entries first. */
export function unionTaskLists(first: readonly PersistedTask[], second: readonly PersistedTask[]): PersistedTask[] {
	return dedupeTasks([...first, ...second]);
}

/** The stored form of tracked tasks, as `readTaskList` returns it. */
export function persistedTasks(tasks: readonly TrackedTask[]): PersistedTask[] {
	// A parent that is not in the list (or the task itself) is not stored: it could not be read back.
	const ids = new Set(tasks.map((task) => task.id));
	return tasks.map((task) => {
		const entry: PersistedTask = { id: task.id, added: Math.round(task.addedAt / 1000) };
		if (task.parentId !== undefined && task.parentId !== task.id && ids.has(task.parentId)) {
			entry.parent = task.parentId;
		}
		if (task.promptFile) {
			entry.promptFile = task.promptFile;
		}
		const mark = keptMark(task);
		if (mark !== undefined) {
			entry.mark = mark;
		}
		return entry;
	});
}

export function serializeCache(tasks: readonly TrackedTask[], recordOf: (id: string) => TaskRecord | undefined): TaskCacheFile {
	const entries: Record<string, TaskCacheEntry> = {};
	for (const task of tasks) {
		const record = recordOf(task.id);
		const entry: TaskCacheEntry = { fetchedAt: task.fetchedAt };
		if (record) {
			entry.record = record;
		}
		// The server stopped returning a task it returned before: keep both what it was and that.
		if (task.summary.state === 'notFound') {
			entry.notFound = true;
		}
		if (entry.record || entry.notFound) {
			entries[task.id] = entry;
		}
	}
	return { version: TASK_CACHE_VERSION, entries };
}

/**
 * The cache file's text, written entry by entry: a record JSON.stringify cannot write (one nested
 * thousands deep overflows its stack) is left out, and only it, instead of failing the whole file.
 * `skipped` lists the IDs whose record was left out.
 */
export function cacheFileText(cache: TaskCacheFile): { text: string; skipped: string[] } {
	const parts: string[] = [];
	const skipped: string[] = [];
	for (const [id, entry] of Object.entries(cache.entries)) {
		let json: string;
		try {
			json = JSON.stringify(entry);
		} catch {
			skipped.push(id);
			if (!entry.notFound) {
				continue;
			}
			json = JSON.stringify({ fetchedAt: entry.fetchedAt, notFound: true });
		}
		parts.push(`${JSON.stringify(id)}:${json}`);
	}
	return { text: `{"version":${cache.version},"entries":{${parts.join(',')}}}`, skipped };
}

/** Reads the cache file; a damaged or unknown one is ignored (the next refresh fills it again). */
export function readCache(raw: unknown): Map<string, TaskCacheEntry> {
	const object = asObject(raw);
	const entries = asObject(object?.entries);
	const result = new Map<string, TaskCacheEntry>();
	if (object?.version !== TASK_CACHE_VERSION || !entries) {
		return result;
	}
	for (const [id, value] of Object.entries(entries)) {
		const entry = asObject(value);
		if (!entry) {
			continue;
		}
		const read: TaskCacheEntry = { fetchedAt: typeof entry.fetchedAt === 'number' ? entry.fetchedAt : undefined };
		if (isRecordWithId(entry.record)) {
			read.record = entry.record;
		}
		if (entry.notFound === true) {
			read.notFound = true;
		}
		if (read.record || read.notFound) {
			result.set(id, read);
		}
	}
	return result;
}

/** Rebuilds tracked tasks from the stored list and the cache, deriving summaries again from the records. */
export function restoreTasks(
	list: readonly PersistedTask[],
	cache: ReadonlyMap<string, TaskCacheEntry>,
): { tasks: TrackedTask[]; records: Map<string, TaskRecord> } {
	const records = new Map<string, TaskRecord>();
	const tasks = list.map((entry): TrackedTask => {
		const cached = cache.get(entry.id);
		let summary: TaskSummary = { state: 'unknown' };
		if (cached?.record) {
			records.set(entry.id, cached.record);
			summary = summarizeRecord(cached.record);
		}
		if (cached?.notFound) {
			summary = { ...summary, state: 'notFound', rawState: undefined };
		}
		const task: TrackedTask = { id: entry.id, addedAt: entry.added * 1000, summary, fetchedAt: cached?.fetchedAt };
		if (entry.parent) {
			task.parentId = entry.parent;
		}
		if (entry.promptFile) {
			task.promptFile = entry.promptFile;
		}
		Object.assign(task, keptFromMark(entry.mark));
		return task;
	});
	return { tasks, records };
}

/** A task's Keep mark as stored (see PersistedTask.mark); undefined when Keep was never used on it. */
export function keptMark(task: Pick<TrackedTask, 'kept' | 'keptChangedAt'>): number | undefined {
	if (task.keptChangedAt === undefined) {
		return task.kept ? 1 : undefined;
	}
	// At least 1: a mark of 0 would read as "never marked".
	const at = Math.max(1, Math.round(task.keptChangedAt));
	return task.kept ? at : -at;
}

/** The task fields a stored mark stands for. */
export function keptFromMark(mark: number | undefined): Pick<TrackedTask, 'kept' | 'keptChangedAt'> {
	if (!mark) {
		return {};
	}
	return mark > 0 ? { kept: true, keptChangedAt: mark } : { keptChangedAt: -mark };
}

/** The later of two marks (a tie keeps the task kept), so every window merges them the same way. */
export function laterMark(a: number | undefined, b: number | undefined): number | undefined {
	if (!a || !b) {
		return a || b || undefined;
	}
	return Math.abs(a) !== Math.abs(b) ? (Math.abs(a) > Math.abs(b) ? a : b) : Math.max(a, b);
}
