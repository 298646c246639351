import type { TaskList, TrackedTask } from './taskList';
import { asObject } from './taskRecord';
import {
	clampStoredSeconds,
	keptFromMark,
	keptMark,
	laterMark,
	persistedTasks,
	readTaskList,
	REMOVED_SLACK_SECONDS,
	storedId,
	storeTaskList,
	type PersistedTask,
} from './taskPersistence';

/**
 * The list every window on a workspace shares (task-list.json in the storage folder): the tracked
 * tasks, plus `removed`, when each removed ID was removed. The removals are what make the merge
 * safe: without them a window cannot tell "the other removed X" from "the other wrote before it
 * saw X", and dropped IDs another window had just added.
 *
 * The merge is a union that the removals subtract from. It is commutative and idempotent (the
 * same answer whichever window computes it, however often), so two windows converge and stop
 * writing as soon as the file holds the merge of both.
 */
export interface SharedTaskList {
	tasks: PersistedTask[];
	/** ID → epoch seconds of its removal. A task added at or before that second stays removed. */
	removed: Map<string, number>;
}

/** How many removals are remembered: the newest, so the file stays small however many are removed. */
export const MAX_REMEMBERED_REMOVALS = 5_000;

/** Reads the shared file's value (as readTaskList does, plus the removals). */
export function readSharedTaskList(raw: unknown, now: number): { list: SharedTaskList; recovered?: 'migrated' | 'repaired' } {
	const { tasks, recovered } = readTaskList(raw, now);
	const removed = new Map<string, number>();
	const entries = asObject(raw)?.removed;
	if (Array.isArray(entries)) {
		for (const entry of entries as unknown[]) {
			const id = storedId(entry);
			const at: unknown = Array.isArray(entry) ? entry[1] : undefined;
			if (id && typeof at === 'number' && Number.isFinite(at)) {
				removed.set(id, Math.max(removed.get(id) ?? 0, clampStoredSeconds(at, now, REMOVED_SLACK_SECONDS)));
			}
		}
	}
	return { list: { tasks, removed }, recovered };
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Merges two windows' lists. Per ID: present when either has it and no removal at or after the
 * second it was last added; added is the later time (so a task removed and tracked again stays
 * tracked whichever window merges next: the earlier time would fall before the removal); the parent
 * is the one either side knows (the smaller ID when they differ). The result is sorted by ID, so
 * both sides write the same text.
 */
export function mergeSharedTaskLists(a: SharedTaskList, b: SharedTaskList): SharedTaskList {
	const removed = new Map(a.removed);
	for (const [id, at] of b.removed) {
		removed.set(id, Math.max(removed.get(id) ?? 0, at));
	}
	const merged = new Map<string, PersistedTask>();
	for (const task of [...a.tasks, ...b.tasks]) {
		const other = merged.get(task.id);
		if (!other) {
			merged.set(task.id, { ...task });
			continue;
		}
		other.added = Math.max(other.added, task.added);
		if (task.parent !== undefined && (other.parent === undefined || task.parent < other.parent)) {
			other.parent = task.parent;
		}
		// Either side's link to its prompt file (the smaller path when they differ, so both sides agree).
		if (task.promptFile && (!other.promptFile || task.promptFile.path < other.promptFile.path)) {
			other.promptFile = task.promptFile;
		}
		const mark = laterMark(other.mark, task.mark);
		if (mark !== undefined) {
			other.mark = mark;
		}
	}
	const tasks: PersistedTask[] = [];
	for (const task of merged.values()) {
		const removedAt = removed.get(task.id);
		if (removedAt === undefined || task.added > removedAt) {
			tasks.push(task);
		}
	}
	tasks.sort(byId);
	// The newest removals are kept (ties by ID, so both sides keep the same ones).
	const kept = [...removed].sort(([idA, atA], [idB, atB]) => atB - atA || (idA < idB ? -1 : idA > idB ? 1 : 0)).slice(0, MAX_REMEMBERED_REMOVALS);
	return { tasks, removed: new Map(kept) };
}

/** The file's text: the stored list format (version 2) plus `removed`, in a canonical order. */
export function sharedTaskListText(list: SharedTaskList): string {
	const removed = [...list.removed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return JSON.stringify({ ...storeTaskList(list.tasks), removed });
}

/** What a sync reads and writes: the shared file and this window's workspaceState copy. */
export interface SharedTaskListStorage {
	/** The file's parsed JSON, its text when it is not JSON, undefined when it is missing. */
	readFile(): Promise<unknown>;
	/**
	 * Replaces the file atomically (no reader sees half of it), but only when `unchanged` says the file
	 * (its parsed JSON, its text when not JSON, undefined when missing, read again under a lock) still
	 * holds what this sync merged from: compare-and-swap, so no other window's write is lost.
	 * Returns whether it wrote.
	 */
	writeFile(text: string, unchanged: (current: unknown) => boolean): Promise<boolean>;
	/** This window's copy (the list alone, in the stored format). */
	writeState(value: ReturnType<typeof storeTaskList>): Promise<void>;
	/** What another window fetched of tasks adopted from it (from the shared cache file). */
	restoreAdopted(tasks: readonly PersistedTask[]): Promise<void>;
}

export interface SyncResult {
	wrote: number;
	adopted: string[];
	dropped: string[];
}

/**
 * Merges in a row before a sync gives up for now (the next change or file event tries again): each
 * attempt after the first follows another window's write that came between this one's read and write.
 */
const MAX_SYNC_ATTEMPTS = 50;

/**
 * Keeps one window's TaskList and the shared file in step. Each sync reads the file, merges, applies
 * the merge to the list, writes when the file differs from the merge, then reads again: when
 * another window wrote meanwhile, it merges again. Syncs are chained, never interleaved.
 */
export class SharedTaskListSync {
	private readonly removed = new Map<string, number>();
	private chain: Promise<unknown> = Promise.resolve();
	/** Writes so far (for tests and the log). */
	writes = 0;

	constructor(
		private readonly list: TaskList,
		private readonly storage: SharedTaskListStorage,
		private readonly now: () => number,
	) {}

	/**
	 * Tasks this window tracked again after a removal: the second after that removal. Times are
	 * stored in whole seconds, so a task removed and added back within one second would otherwise
	 * look added "at" its removal and be dropped by the next merge.
	 */
	private readonly readded = new Map<string, number>();

	/**
	 * Remembers removals made here, so the merge takes them to the other windows. A removal counts
	 * from no earlier than the task's own time added (`addedAtMs`, before it was removed): a task
	 * tracked again is stored as added the second after the removal before, so removing it again
	 * within that second must not fall before it.
	 */
	noteRemoved(ids: readonly string[], addedAtMs?: (id: string) => number | undefined): void {
		const now = Math.round(this.now() / 1000);
		for (const id of ids) {
			const added = addedAtMs?.(id);
			this.removed.set(id, Math.max(now, this.readded.get(id) ?? 0, added === undefined ? 0 : Math.round(added / 1000)));
			this.readded.delete(id);
		}
	}

	/** Whether a removal of this task is remembered (here or read from another window's writes). */
	wasRemoved(id: string): boolean {
		return this.removed.has(id);
	}

	/** Tasks added here: one this window knows was removed is stored as added after that removal. */
	noteAdded(ids: readonly string[]): void {
		for (const id of ids) {
			const removedAt = this.removed.get(id);
			if (removedAt !== undefined) {
				this.readded.set(id, removedAt + 1);
			}
		}
	}

	/** This window's tasks as stored, each re-added one no earlier than the second after its removal. */
	private mine(): PersistedTask[] {
		const tasks = persistedTasks(this.list.all());
		if (this.readded.size === 0) {
			return tasks;
		}
		return tasks.map((task) => {
			const after = this.readded.get(task.id);
			return after !== undefined && task.added < after ? { ...task, added: after } : task;
		});
	}

	sync(options: { force?: boolean } = {}): Promise<SyncResult> {
		const run = this.chain.then(() => this.run(options.force ?? false));
		this.chain = run.catch(() => undefined);
		return run;
	}

	private async run(force: boolean): Promise<SyncResult> {
		const result: SyncResult = { wrote: 0, adopted: [], dropped: [] };
		let stored = readSharedTaskList(await this.storage.readFile(), this.now()).list;
		// The file's text as this window would write it: compared with the merge, each read once.
		let storedText = sharedTaskListText(stored);
		for (let attempt = 0; attempt < MAX_SYNC_ATTEMPTS; attempt++) {
			const mine: SharedTaskList = { tasks: this.mine(), removed: this.removed };
			const merged = mergeSharedTaskLists(mine, stored);
			for (const [id, at] of merged.removed) {
				this.removed.set(id, at);
			}
			await this.apply(merged, result);
			const text = sharedTaskListText(merged);
			if (!force && text === storedText) {
				break;
			}
			force = false;
			await this.storage.writeState(storeTaskList(merged.tasks));
			const expected = storedText;
			const wrote = await this.storage.writeFile(text, (current) => sharedTaskListText(readSharedTaskList(current, this.now()).list) === expected);
			if (wrote) {
				this.writes++;
				result.wrote++;
				break;
			}
			// Another window wrote between our read and our write: merge with what it wrote, and try again.
			stored = readSharedTaskList(await this.storage.readFile(), this.now()).list;
			storedText = sharedTaskListText(stored);
		}
		return result;
	}

	/** Makes the list hold exactly the merged tasks: drops, adopts, and takes the merged time and parent. */
	private async apply(merged: SharedTaskList, result: SyncResult): Promise<void> {
		const wanted = new Map(merged.tasks.map((task) => [task.id, task]));
		const dropped = this.list.ids().filter((id) => !wanted.has(id));
		if (dropped.length) {
			this.list.remove(dropped);
			result.dropped.push(...dropped);
		}
		const adopted = merged.tasks.filter((task) => !this.list.has(task.id));
		if (adopted.length) {
			await this.storage.restoreAdopted(adopted);
			result.adopted.push(...adopted.map((task) => task.id));
		}
		const relinked: TrackedTask[] = [];
		for (const task of this.list.all()) {
			const entry = wanted.get(task.id);
			if (!entry) {
				continue;
			}
			const parentId = entry.parent !== undefined && this.list.has(entry.parent) ? entry.parent : task.parentId;
			const promptFile = task.promptFile ?? entry.promptFile;
			// The Keep mark another window set later than this one's.
			const mark = laterMark(keptMark(task), entry.mark);
			const kept = mark !== keptMark(task) ? keptFromMark(mark) : undefined;
			if (Math.round(task.addedAt / 1000) !== entry.added || parentId !== task.parentId || promptFile !== task.promptFile || kept) {
				const updated: TrackedTask = { ...task, addedAt: entry.added * 1000, parentId, promptFile };
				if (kept) {
					delete updated.kept;
					Object.assign(updated, kept);
				}
				relinked.push(updated);
			}
		}
		if (relinked.length) {
			this.list.restore(relinked, new Map());
		}
	}
}
