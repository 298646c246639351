import { findTaskIds, isTaskId, normalizeTaskId } from './taskIds';
import { isRecordWithId, asObject, type TaskRecord } from './taskRecord';
import type { TrackedTask } from './taskList';
import { summarizeRecord, type TaskSummary } from './taskState';

/**
 * Two stores, because VS Code warns when an extension's workspaceState passes 512 KB:
 * - the tracked list (IDs, when added, parent) goes to workspaceState: small, one entry per task;
 * - what the server said (the records) goes to a cache file in the extension's storage folder.
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
}

export interface PersistedTaskList {
	version: typeof TASK_LIST_VERSION;
	tasks: PersistedTask[];
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
	return {
		version: TASK_LIST_VERSION,
		tasks: tasks.map((task) => {
			const entry: PersistedTask = { id: task.id, added: Math.round(task.addedAt / 1000) };
			if (task.parentId) {
				entry.parent = task.parentId;
			}
			return entry;
		}),
	};
}

export interface ReadTaskListResult {
	tasks: PersistedTask[];
	/** Set when the stored value was not in the current format (older, or damaged) and was recovered. */
	recovered?: 'migrated' | 'repaired';
}

/**
 * Reads the stored list in any format this extension ever wrote:
 * - version 1 (0.0.x previews): a plain array of ID strings;
 * - version 2: `{version, tasks: [{id, added, parent?}]}`.
 * Anything else (damaged by hand, by another tool, or a future format) is searched for task IDs so
 * none that can be recovered is lost.
 */
export function readTaskList(raw: unknown, now: number): ReadTaskListResult {
	if (raw === undefined || raw === null) {
		return { tasks: [] };
	}
	const object = asObject(raw);
	if (object && object.version === TASK_LIST_VERSION && Array.isArray(object.tasks)) {
		const tasks = object.tasks.map((entry) => readEntry(entry, now));
		const valid = dedupeTasks(tasks.filter((task): task is PersistedTask => task !== undefined));
		return valid.length === object.tasks.length ? { tasks: valid } : { tasks: mergeRecovered(valid, raw, now), recovered: 'repaired' };
	}
	if (Array.isArray(raw) && raw.every((entry) => typeof entry === 'string')) {
		const tasks = raw.filter(isTaskId).map((id) => ({ id: normalizeTaskId(id), added: Math.round(now / 1000) }));
		return { tasks: dedupeTasks(tasks), recovered: 'migrated' };
	}
	return { tasks: mergeRecovered([], raw, now), recovered: 'repaired' };
}

function readEntry(entry: unknown, now: number): PersistedTask | undefined {
	const object = asObject(entry);
	const id = typeof object?.id === 'string' ? normalizeTaskId(object.id) : undefined;
	if (!object || !id || !isTaskId(id)) {
		return undefined;
	}
	const added = typeof object.added === 'number' && Number.isFinite(object.added) ? object.added : Math.round(now / 1000);
	const parent = typeof object.parent === 'string' && isTaskId(object.parent) ? normalizeTaskId(object.parent) : undefined;
	return parent ? { id, added, parent } : { id, added };
}

function mergeRecovered(valid: PersistedTask[], raw: unknown, now: number): PersistedTask[] {
	let text: string;
	try {
		text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? '';
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

export function serializeCache(tasks: readonly TrackedTask[], recordOf: (id: string) => TaskRecord | undefined): TaskCacheFile {
	const entries: Record<string, TaskCacheEntry> = {};
	for (const task of tasks) {
		const record = recordOf(task.id);
		if (record) {
			entries[task.id] = { record, fetchedAt: task.fetchedAt };
		} else if (task.summary.state === 'notFound') {
			entries[task.id] = { notFound: true, fetchedAt: task.fetchedAt };
		}
	}
	return { version: TASK_CACHE_VERSION, entries };
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
		const fetchedAt = typeof entry.fetchedAt === 'number' ? entry.fetchedAt : undefined;
		if (isRecordWithId(entry.record)) {
			result.set(id, { record: entry.record, fetchedAt });
		} else if (entry.notFound === true) {
			result.set(id, { notFound: true, fetchedAt });
		}
	}
	return result;
}

/** Rebuilds tracked tasks from the stored list and the cache, deriving summaries again from the records. */
export function restoreTasks(list: readonly PersistedTask[], cache: ReadonlyMap<string, TaskCacheEntry>): { tasks: TrackedTask[]; records: Map<string, TaskRecord> } {
	const records = new Map<string, TaskRecord>();
	const tasks = list.map((entry): TrackedTask => {
		const cached = cache.get(entry.id);
		let summary: TaskSummary = { state: 'unknown' };
		if (cached?.record) {
			records.set(entry.id, cached.record);
			summary = summarizeRecord(cached.record);
		} else if (cached?.notFound) {
			summary = { state: 'notFound' };
		}
		const task: TrackedTask = { id: entry.id, addedAt: entry.added * 1000, summary, fetchedAt: cached?.fetchedAt };
		if (entry.parent) {
			task.parentId = entry.parent;
		}
		return task;
	});
	return { tasks, records };
}
