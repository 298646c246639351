import { Emitter } from '../util/emitter';
import type { FetchOutcome } from './taskFetcher';
import type { TaskRecord } from './taskRecord';
import { ACTIVE_STATES, FINISHED_STATES, summarizeRecord, type TaskState, type TaskSummary } from './taskState';

export interface TrackedTask {
	id: string;
	/** When the user started tracking it (epoch ms): orders tasks not fetched yet. */
	addedAt: number;
	/** The task this one continues (a follow-up such as Get 1080p). */
	parentId?: string;
	summary: TaskSummary;
	/** When the server last told us about this task. */
	fetchedAt?: number;
	/** The last refresh that covered this task failed; the summary is the last one known. */
	staleReason?: string;
	/** The prompt file (`*.veo.md`) the task was started from. */
	promptFile?: PromptFileLink;
	/** The user kept this take (Compare Takes' Keep): a star on its row and card. */
	kept?: boolean;
	/** When Keep was last set or cleared (epoch ms): two windows' marks merge by the later one. */
	keptChangedAt?: number;
}

/** Where a task's prompt came from: the file, relative to the workspace, and a fingerprint of the text sent. */
export interface PromptFileLink {
	/** Workspace-relative, with `/` (a multi-root workspace's paths start with the folder's name). */
	path: string;
	/** promptFileHash (src/core/promptFiles/promptFileRequest.ts) of the file's text when it was sent. */
	hash: string;
}

export interface TaskListChange {
	/** Rows whose content changed. */
	changed: string[];
	/** Tasks were added or removed, or the order changed: the whole list must be redrawn. */
	structural: boolean;
}

export interface StateTransition {
	id: string;
	from: TaskState;
	to: TaskState;
}

export interface AddResult {
	added: string[];
	alreadyTracked: string[];
}

const UNFETCHED: TaskSummary = { state: 'unknown' };

/**
 * What readers of the task list see (views, links, notifications, the public API): they cannot
 * change it. Only the repository adds, removes and applies fetches.
 */
export interface TaskListView {
	readonly onDidChange: TaskList['onDidChange'];
	readonly size: number;
	has(id: string): boolean;
	get(id: string): TrackedTask | undefined;
	record(id: string): TaskRecord | undefined;
	all(): readonly TrackedTask[];
	roots(): TrackedTask[];
	childrenOf(id: string): TrackedTask[];
	activeIds(): string[];
	finishedIds(): string[];
	ids(): string[];
}

/**
 * The tracked tasks and what is known of them. Pure: persistence and UI live in adapters that listen
 * to `onDidChange`. IDs are the keys everywhere; an ID is only ever dropped by `remove`.
 */
export class TaskList implements TaskListView {
	private readonly tasks = new Map<string, TrackedTask>();
	private readonly records = new Map<string, TaskRecord>();
	private sorted: TrackedTask[] | undefined;
	/** Follow-ups by parent, in list order; rebuilt with `sorted` (rows ask for it once each). */
	private children: Map<string, TrackedTask[]> | undefined;
	private readonly changeEmitter = new Emitter<TaskListChange>();
	readonly onDidChange = this.changeEmitter.event;

	get size(): number {
		return this.tasks.size;
	}

	has(id: string): boolean {
		return this.tasks.has(id);
	}

	get(id: string): TrackedTask | undefined {
		return this.tasks.get(id);
	}

	/** The record as the server last sent it, for the JSON view. */
	record(id: string): TaskRecord | undefined {
		return this.records.get(id);
	}

	/** All tasks, newest first (by creation time on the server, else by when they were added). */
	all(): readonly TrackedTask[] {
		this.sorted ??= [...this.tasks.values()].sort(compareTasks);
		return this.sorted;
	}

	/** Top-level rows: tasks without a tracked parent. */
	roots(): TrackedTask[] {
		return this.all().filter((task) => !task.parentId || !this.tasks.has(task.parentId));
	}

	childrenOf(id: string): TrackedTask[] {
		if (!this.children) {
			this.children = new Map();
			for (const task of this.all()) {
				if (task.parentId) {
					// Appended in place: copying the array per child was quadratic for many follow-ups of one parent.
					const siblings = this.children.get(task.parentId);
					if (siblings) {
						siblings.push(task);
					} else {
						this.children.set(task.parentId, [task]);
					}
				}
			}
		}
		return this.children.get(id) ?? [];
	}

	/** Tasks worth asking about again: pending, running, or never fetched. */
	activeIds(): string[] {
		return this.all()
			.filter((task) => ACTIVE_STATES.has(task.summary.state) || task.summary.state === 'unknown')
			.map((task) => task.id);
	}

	finishedIds(): string[] {
		return this.all()
			.filter((task) => FINISHED_STATES.has(task.summary.state))
			.map((task) => task.id);
	}

	ids(): string[] {
		return this.all().map((task) => task.id);
	}

	/**
	 * Starts tracking IDs. `summary` seeds what is known before the first fetch (a task we just
	 * started is pending, with the prompt we sent).
	 */
	add(ids: readonly string[], now: number, options: { parentId?: string; summary?: TaskSummary; promptFile?: PromptFileLink } = {}): AddResult {
		return this.addEntries(
			ids.map((id) => ({ id, parentId: options.parentId, promptFile: options.promptFile })),
			now,
			options.summary,
		);
	}

	/** Starts tracking tasks each with its own parent (an imported list): one change, whatever the number of parents. */
	addEntries(entries: readonly { id: string; parentId?: string; promptFile?: PromptFileLink }[], now: number, summary?: TaskSummary): AddResult {
		const result: AddResult = { added: [], alreadyTracked: [] };
		for (const { id, parentId, promptFile } of entries) {
			if (this.tasks.has(id)) {
				result.alreadyTracked.push(id);
				continue;
			}
			const task: TrackedTask = { id, addedAt: now, summary: summary ?? UNFETCHED };
			if (parentId && parentId !== id) {
				task.parentId = parentId;
			}
			if (promptFile) {
				task.promptFile = promptFile;
			}
			this.tasks.set(id, task);
			result.added.push(id);
		}
		if (result.added.length) {
			const previous = this.sorted;
			// A new cycle must pass through a task added now: only their chains are walked.
			const relinked = this.breakParentCycles(result.added.map((id) => this.tasks.get(id) as TrackedTask));
			// One task added to 50,000: merged into the sorted list (linear) instead of sorting it all again.
			const sorted = previous && !relinked ? mergeSorted(previous, result.added.map((id) => this.tasks.get(id) as TrackedTask).sort(compareTasks)) : undefined;
			this.changed(result.added, true, sorted);
		}
		return result;
	}

	remove(ids: readonly string[]): string[] {
		const removed = ids.filter((id) => this.tasks.delete(id));
		for (const id of removed) {
			this.records.delete(id);
		}
		if (removed.length) {
			const gone = new Set(removed);
			this.changed(
				removed,
				true,
				this.sorted?.filter((task) => !gone.has(task.id)),
			);
		}
		return removed;
	}

	/** Marks tasks as kept (or not); returns the IDs whose mark changed. */
	setKept(ids: readonly string[], kept: boolean, now: number): string[] {
		const changed: string[] = [];
		for (const id of ids) {
			const task = this.tasks.get(id);
			if (task && (task.kept === true) !== kept) {
				const updated = { ...task, keptChangedAt: now };
				if (kept) {
					updated.kept = true;
				} else {
					delete updated.kept;
				}
				this.tasks.set(id, updated);
				changed.push(id);
			}
		}
		if (changed.length) {
			this.changed(changed, false);
		}
		return changed;
	}

	/**
	 * Applies a fetch. Tasks removed while the request was in flight stay removed; failed chunks keep
	 * their last known summary and are marked stale. Returns the state changes, for notifications.
	 */
	applyFetch(outcome: FetchOutcome, now: number): StateTransition[] {
		const transitions: StateTransition[] = [];
		const changed: string[] = [];
		let structural = false;
		const update = (id: string, next: Partial<TrackedTask>): void => {
			const task = this.tasks.get(id);
			if (!task) {
				return;
			}
			const updated = { ...task, ...next };
			if (updated.summary.state !== task.summary.state) {
				transitions.push({ id, from: task.summary.state, to: updated.summary.state });
			}
			if (sortKey(updated) !== sortKey(task)) {
				structural = true;
			}
			this.tasks.set(id, updated);
			changed.push(id);
		};
		for (const [id, record] of outcome.found) {
			if (this.tasks.has(id)) {
				this.records.set(id, record);
				update(id, { summary: summarizeRecord(record), fetchedAt: now, staleReason: undefined });
			}
		}
		for (const id of outcome.missing) {
			const previous = this.tasks.get(id)?.summary;
			// Absent is not deleted: keep what we knew of the task, but say the server no longer returns it.
			update(id, { summary: { ...(previous ?? UNFETCHED), state: 'notFound', rawState: undefined }, fetchedAt: now, staleReason: undefined });
		}
		for (const failure of outcome.failed) {
			for (const id of failure.ids) {
				update(id, { staleReason: failure.error.message });
			}
		}
		if (changed.length) {
			this.changed(changed, structural);
		}
		return transitions;
	}

	/** Restores tasks and cached records (after a reload) without firing per-row events. */
	restore(tasks: readonly TrackedTask[], records: ReadonlyMap<string, TaskRecord>): void {
		for (const task of tasks) {
			this.tasks.set(task.id, task);
			const record = records.get(task.id);
			if (record) {
				this.records.set(task.id, record);
			}
		}
		this.breakParentCycles(this.tasks.values());
		this.changed([], true);
	}

	/**
	 * A task whose chain of parents comes back to itself (A's parent B, B's parent A, from a crafted
	 * file or two windows) would be no root and no one's visible child: hidden for ever while still
	 * polled. Each cycle loses one link, that of its member with the smallest ID, so every window
	 * breaks it the same way. Linear: each task is walked once (after an add, only the added tasks'
	 * chains are).
	 */
	private breakParentCycles(starts: Iterable<TrackedTask>): boolean {
		let relinked = false;
		const done = new Set<string>();
		const onPath = new Set<string>();
		for (const start of starts) {
			const path: string[] = [];
			onPath.clear();
			let current: TrackedTask | undefined = start;
			while (current && !done.has(current.id) && !onPath.has(current.id)) {
				path.push(current.id);
				onPath.add(current.id);
				current = current.parentId !== undefined ? this.tasks.get(current.parentId) : undefined;
			}
			if (current && onPath.has(current.id)) {
				const cycle = path.slice(path.indexOf(current.id));
				const breaker = cycle.reduce((smallest, id) => (id < smallest ? id : smallest));
				const task = this.tasks.get(breaker);
				if (task) {
					const rest = { ...task };
					delete rest.parentId;
					this.tasks.set(breaker, rest);
					relinked = true;
				}
			}
			for (const id of path) {
				done.add(id);
			}
		}
		return relinked;
	}

	dispose(): void {
		this.changeEmitter.dispose();
	}

	private changed(ids: string[], structural: boolean, sorted?: TrackedTask[]): void {
		// Tasks are immutable values replaced on update, so the sorted view is rebuilt on any change
		// (unless the caller kept it in order itself).
		this.sorted = sorted;
		this.children = undefined;
		this.changeEmitter.fire({ changed: ids, structural });
	}
}

function sortKey(task: TrackedTask): number {
	return task.summary.createdAt ?? task.addedAt;
}

/** Newest first; IDs are lower-case ASCII, so a plain comparison orders them as localeCompare would, many times faster. */
function compareTasks(a: TrackedTask, b: TrackedTask): number {
	return sortKey(b) - sortKey(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Two lists sorted by compareTasks, as one. */
function mergeSorted(a: readonly TrackedTask[], b: readonly TrackedTask[]): TrackedTask[] {
	const merged: TrackedTask[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		merged.push(compareTasks(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
	}
	while (i < a.length) {
		merged.push(a[i++]);
	}
	while (j < b.length) {
		merged.push(b[j++]);
	}
	return merged;
}
