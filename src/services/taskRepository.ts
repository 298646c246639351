import * as vscode from 'vscode';
import { parsedOrText, replaceFileIfUnchanged } from '../services/lockedFile';
import { TASK_LIST_STATE_KEY } from '../constants';
import { TaskList, type AddResult, type PromptFileLink, type StateTransition, type TaskListView, type TrackedTask } from '../core/tasks/taskList';
import type { FetchOutcome } from '../core/tasks/taskFetcher';
import type { TaskSummary } from '../core/tasks/taskState';
import { randomBytes } from 'node:crypto';
import {
	cacheFileText,
	persistedTasks,
	readCache,
	readTaskList,
	restoreTasks,
	serializeCache,
	unionTaskLists,
	type PersistedTask,
	type TaskCacheEntry,
} from '../core/tasks/taskPersistence';
import { SharedTaskListSync } from '../core/tasks/sharedTaskList';
import type { Log } from './log';

const CACHE_FILE = 'task-cache.json';
/**
 * The tracked list again, in the storage folder: every window on the workspace reads and writes this
 * one file, while each window's workspaceState is its own copy until it is flushed.
 */
const LIST_FILE = 'task-list.json';
/** Cache writes are batched: a refresh of 500 tasks should write the file once, not 500 times. */
const CACHE_WRITE_DELAY_MS = 500;

/** What modules that only read the tasks receive: the list, read-only, and when it has loaded. */
export interface TaskListReader {
	readonly list: TaskListView;
	readonly ready: Promise<void>;
}

/**
 * Keeps the TaskList in step with its stores: the tracked IDs in workspaceState and in a list file
 * shared by every window on the workspace (both written at once on every add and remove, so an ID is
 * never lost), and the fetched records in a cache file in the extension's storage folder (written
 * shortly after refreshes). Two windows on one workspace merge their lists on every write (and when
 * the other writes): what one adds the other adopts, what one removes the other drops (see
 * SharedTaskListSync: a deterministic merge with remembered removals, re-read after every write).
 * Loading happens in the background so activation never waits on a large file.
 */
/** After adopting another window's tasks, when to read its cache file again (it writes that 500 ms after its list). */
const ADOPT_AGAIN_MS = 2_000;

export class TaskRepository implements TaskListReader, vscode.Disposable {
	readonly list = new TaskList();
	readonly ready: Promise<void>;
	private cacheTimer: ReturnType<typeof setTimeout> | undefined;
	private cacheWrite: Promise<void> = Promise.resolve();
	/** Reads, merges and writes the list file shared with other windows; its syncs never interleave. */
	private readonly shared: SharedTaskListSync;
	private readonly subscriptions: vscode.Disposable[] = [];
	private disposed = false;

	constructor(
		private readonly state: vscode.Memento,
		private readonly storageFolder: vscode.Uri,
		private readonly log: Log,
		private readonly now: () => number = Date.now,
	) {
		this.shared = new SharedTaskListSync(
			this.list,
			{
				readFile: () => this.readJson(LIST_FILE),
				writeFile: (text, unchanged) => this.replaceListIfUnchanged(text, unchanged),
				writeState: async (value) => {
					await this.state.update(TASK_LIST_STATE_KEY, value);
				},
				restoreAdopted: async (adopted) => {
					// What the other window fetched of them is in the shared cache file.
					const { tasks, records } = restoreTasks(adopted, readCache(await this.readJson(CACHE_FILE)));
					this.list.restore(tasks, records);
					// The other window writes its cache after its list: should the cache file's event be
					// missed, look again once that write is due, as the event would have.
					if (tasks.some((task) => !records.has(task.id))) {
						const timer = setTimeout(() => void this.ready.then(() => (this.disposed ? undefined : this.adoptFetchedRecords())), ADOPT_AGAIN_MS);
						this.subscriptions.push({ dispose: () => clearTimeout(timer) });
					}
				},
			},
			this.now,
		);
		this.ready = this.load();
		// Another window on this workspace wrote the shared list: take in what it added or removed.
		// The folder must exist before it is watched: a watch on a missing folder may never report.
		void Promise.resolve(vscode.workspace.fs.createDirectory(storageFolder))
			.then(undefined, () => undefined)
			.then(() => {
				if (this.disposed) {
					return;
				}
				const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(storageFolder, LIST_FILE));
				const onOtherWrite = (): void => void this.ready.then(() => this.sync());
				this.subscriptions.push(watcher, watcher.onDidChange(onOtherWrite), watcher.onDidCreate(onOtherWrite));
				// The other window's cache is written after its list (500 ms later, or as it closes): a task
				// adopted before that shows "not fetched yet" until the cache says what was fetched of it.
				const cacheWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(storageFolder, CACHE_FILE));
				const onOtherCache = (): void => void this.ready.then(() => this.adoptFetchedRecords());
				this.subscriptions.push(cacheWatcher, cacheWatcher.onDidChange(onOtherCache), cacheWatcher.onDidCreate(onOtherCache));
			});
	}

	async add(ids: readonly string[], options: { parentId?: string; summary?: TaskSummary; promptFile?: PromptFileLink } = {}): Promise<AddResult> {
		return this.addEntries(
			ids.map((id) => ({ id, parentId: options.parentId, promptFile: options.promptFile })),
			options.summary,
		);
	}

	/** Adds tasks each with its own parent (an imported list) in one change and one write. */
	async addEntries(entries: readonly { id: string; parentId?: string; promptFile?: PromptFileLink }[], summary?: TaskSummary): Promise<AddResult> {
		await this.ready;
		const result = this.list.addEntries(entries, this.now(), summary);
		if (result.added.length) {
			this.shared.noteAdded(result.added);
			await this.saveList();
		}
		return result;
	}

	async remove(ids: readonly string[]): Promise<string[]> {
		await this.ready;
		const addedAt = new Map(ids.map((id) => [id, this.list.get(id)?.addedAt]));
		const removed = this.list.remove(ids);
		if (removed.length) {
			this.shared.noteRemoved(removed, (id) => addedAt.get(id));
			await this.saveList();
			this.scheduleCacheWrite();
		}
		return removed;
	}

	/**
	 * Whether the user removed this task and it was not tracked again since: discovery never brings
	 * such a task back. Call `sync()` first to include removals made in other windows.
	 */
	wasRemoved(id: string): boolean {
		return !this.list.has(id) && this.shared.wasRemoved(id);
	}

	/** Keeps (or un-keeps) takes; the mark is saved with the list, so every window and a reload see it. */
	async setKept(ids: readonly string[], kept: boolean): Promise<string[]> {
		await this.ready;
		const changed = this.list.setKept(ids, kept, this.now());
		if (changed.length) {
			await this.saveList();
		}
		return changed;
	}

	apply(outcome: FetchOutcome): StateTransition[] {
		const transitions = this.list.applyFetch(outcome, this.now());
		this.scheduleCacheWrite();
		return transitions;
	}

	/** Writes pending cache changes now (on deactivate). */
	async flush(): Promise<void> {
		if (this.cacheTimer) {
			clearTimeout(this.cacheTimer);
			this.cacheTimer = undefined;
			await this.writeCache();
		}
		await this.cacheWrite;
	}

	private async load(): Promise<void> {
		const stored = await this.readStoredList();
		const cache = readCache(await this.readJson(CACHE_FILE));
		const { tasks, records } = restoreTasks(stored.tasks, cache);
		this.list.restore(tasks, records);
		if (stored.recovered) {
			this.log.warn(`The stored task list was in an older or damaged format; ${stored.tasks.length} task ID(s) recovered and saved in the current format.`);
			await this.saveList();
		}
	}

	/**
	 * The list as stored now. The shared file is the authority when it is whole (it is the one every
	 * window writes); otherwise what can be read of it and of workspaceState is united, so no ID
	 * either store still holds is lost.
	 */
	private async readStoredList(): Promise<{ tasks: PersistedTask[]; recovered?: 'migrated' | 'repaired' }> {
		const now = this.now();
		const fromState = readTaskList(this.state.get<unknown>(TASK_LIST_STATE_KEY), now);
		const fileJson = await this.readJson(LIST_FILE);
		if (fileJson === undefined) {
			return fromState;
		}
		const fromFile = readTaskList(fileJson, now);
		if (!fromFile.recovered) {
			return fromFile;
		}
		return { tasks: unionTaskLists(fromState.tasks, fromFile.tasks), recovered: fromFile.recovered };
	}

	/** Writes the list after a change here, merged with what another window wrote meanwhile. */
	private async saveList(): Promise<void> {
		await this.sync(true);
	}

	/**
	 * Reads the shared list, merges it with this window's, applies what the other side added or
	 * removed, and writes the result when it differs from what is stored (see SharedTaskListSync).
	 */
	async sync(force = false): Promise<void> {
		try {
			await this.shared.sync({ force });
		} catch (error) {
			this.log.warn(`Could not save the task list: ${String(error)}`);
		}
	}

	/**
	 * Tasks this window has never fetched take what another window fetched of them, from the shared
	 * cache file. Costs nothing while every task here has been fetched (the file is not read).
	 */
	private async adoptFetchedRecords(): Promise<void> {
		const unfetched = (): TrackedTask[] =>
			this.list.all().filter((task) => task.fetchedAt === undefined && task.summary.state === 'unknown' && !this.list.record(task.id));
		if (unfetched().length === 0) {
			return;
		}
		const cache = readCache(await this.readJson(CACHE_FILE));
		// Read again after the await: a refresh may have answered meanwhile, and its answer wins.
		const known = unfetched().filter((task) => cache.get(task.id)?.record !== undefined);
		if (known.length === 0) {
			return;
		}
		const { tasks, records } = restoreTasks(persistedTasks(known), cache);
		const byId = new Map(known.map((task) => [task.id, task]));
		// Keep this window's time added and parent: only what was fetched comes from the cache.
		this.list.restore(
			tasks.map((task) => ({
				...task,
				addedAt: byId.get(task.id)?.addedAt ?? task.addedAt,
				parentId: byId.get(task.id)?.parentId,
				promptFile: byId.get(task.id)?.promptFile,
			})),
			records,
		);
	}

	/** A JSON file of the storage folder; undefined when it is missing or unreadable. */
	private async readJson(name: string): Promise<unknown> {
		const uri = vscode.Uri.joinPath(this.storageFolder, name);
		let text: string;
		try {
			text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		} catch (error) {
			if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
				this.log.warn(`Could not read ${name}: ${String(error)}`);
			}
			return undefined;
		}
		try {
			return JSON.parse(text) as unknown;
		} catch {
			// Damaged: the text is still searched for task IDs by readTaskList.
			this.log.warn(`${name} is damaged; what can be recovered of it is used.`);
			return text;
		}
	}

	/**
	 * The shared list's compare-and-swap (see SharedTaskListStorage.writeFile): under a lock file
	 * beside it when the storage folder is on disk (it is, for the extension host that owns it).
	 */
	private async replaceListIfUnchanged(text: string, unchanged: (current: unknown) => boolean): Promise<boolean> {
		if (this.storageFolder.scheme === 'file') {
			return replaceFileIfUnchanged(vscode.Uri.joinPath(this.storageFolder, LIST_FILE).fsPath, text, (current) => unchanged(parsedOrText(current)));
		}
		if (!unchanged(await this.readJson(LIST_FILE))) {
			return false;
		}
		await this.writeFileAtomically(LIST_FILE, text);
		return true;
	}

	/** Through a temporary file of this window's own, so no reader sees half a file. */
	private async writeFileAtomically(name: string, content: string): Promise<void> {
		await vscode.workspace.fs.createDirectory(this.storageFolder);
		const temporary = vscode.Uri.joinPath(this.storageFolder, `${name}.${randomBytes(4).toString('hex')}.tmp`);
		await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(content));
		await vscode.workspace.fs.rename(temporary, vscode.Uri.joinPath(this.storageFolder, name), { overwrite: true });
	}

	private scheduleCacheWrite(): void {
		if (this.cacheTimer) {
			return;
		}
		this.cacheTimer = setTimeout(() => {
			this.cacheTimer = undefined;
			void this.writeCache();
		}, CACHE_WRITE_DELAY_MS);
	}

	private writeCache(): Promise<void> {
		// Writes are chained so two never interleave on the same file.
		this.cacheWrite = this.cacheWrite.then(async () => {
			try {
				const tasks = this.list.all();
				// A task this window tracks but never fetched (adopted from another window) keeps what the
				// file already holds of it, rather than the other window's fetch being overwritten.
				const unfetched = tasks.some((task) => !this.list.record(task.id) && task.summary.state !== 'notFound');
				const existing = unfetched ? readCache(await this.readJson(CACHE_FILE)) : new Map<string, TaskCacheEntry>();
				const { text: content, skipped } = cacheFileText(serializeCache(tasks, (id) => this.list.record(id) ?? existing.get(id)?.record));
				if (skipped.length) {
					this.log.warn(
						`Left ${skipped.length} record(s) out of the task cache (they cannot be written as JSON, e.g. nested too deep); they are fetched again after a reload.`,
					);
				}
				await this.writeFileAtomically(CACHE_FILE, content);
			} catch (error) {
				this.log.warn(`Could not write the task cache: ${String(error)}`);
			}
		});
		return this.cacheWrite;
	}

	dispose(): void {
		this.disposed = true;
		void this.flush();
		this.list.dispose();
		for (const subscription of this.subscriptions) {
			subscription.dispose();
		}
	}
}
