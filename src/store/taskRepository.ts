import * as vscode from 'vscode';
import { ContextKeys, TASK_LIST_STATE_KEY } from '../constants';
import { TaskList, type AddResult, type StateTransition } from '../core/tasks/taskList';
import type { FetchOutcome } from '../core/tasks/taskFetcher';
import type { TaskSummary } from '../core/tasks/taskState';
import { readCache, readTaskList, restoreTasks, serializeCache, serializeTaskList } from '../core/tasks/taskPersistence';
import type { Log } from '../log';

const CACHE_FILE = 'task-cache.json';
/** Cache writes are batched: a refresh of 500 tasks should write the file once, not 500 times. */
const CACHE_WRITE_DELAY_MS = 500;

/**
 * Keeps the TaskList in step with its two stores: the tracked IDs in workspaceState (written at once
 * on every add and remove, so an ID is never lost) and the fetched records in a cache file in the
 * extension's storage folder (written shortly after refreshes). Loading happens in the background
 * so activation never waits on a large file.
 */
export class TaskRepository implements vscode.Disposable {
	readonly list = new TaskList();
	readonly ready: Promise<void>;
	private cacheTimer: ReturnType<typeof setTimeout> | undefined;
	private cacheWrite: Promise<void> = Promise.resolve();
	private readonly subscriptions: vscode.Disposable[] = [];

	constructor(
		private readonly state: vscode.Memento,
		private readonly storageFolder: vscode.Uri,
		private readonly log: Log,
		private readonly now: () => number = Date.now,
	) {
		this.ready = this.load();
		this.subscriptions.push(this.list.onDidChange(() => void this.updateContext()));
	}

	async add(ids: readonly string[], options: { parentId?: string; summary?: TaskSummary } = {}): Promise<AddResult> {
		await this.ready;
		const result = this.list.add(ids, this.now(), options);
		if (result.added.length) {
			await this.saveList();
		}
		return result;
	}

	async remove(ids: readonly string[]): Promise<string[]> {
		await this.ready;
		const removed = this.list.remove(ids);
		if (removed.length) {
			await this.saveList();
			this.scheduleCacheWrite();
		}
		return removed;
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
		const stored = readTaskList(this.state.get<unknown>(TASK_LIST_STATE_KEY), this.now());
		const cache = readCache(await this.readCacheFile());
		const { tasks, records } = restoreTasks(stored.tasks, cache);
		this.list.restore(tasks, records);
		if (stored.recovered) {
			this.log.warn(`The stored task list was in an older or damaged format; ${stored.tasks.length} task ID(s) recovered and saved in the current format.`);
			await this.saveList();
		}
	}

	private async saveList(): Promise<void> {
		await this.state.update(TASK_LIST_STATE_KEY, serializeTaskList(this.list.all()));
	}

	private get cacheUri(): vscode.Uri {
		return vscode.Uri.joinPath(this.storageFolder, CACHE_FILE);
	}

	private async readCacheFile(): Promise<unknown> {
		try {
			const bytes = await vscode.workspace.fs.readFile(this.cacheUri);
			return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
		} catch (error) {
			if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
				this.log.warn(`Could not read the task cache; the next refresh fills it again. ${String(error)}`);
			}
			return undefined;
		}
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
				const content = JSON.stringify(serializeCache(this.list.all(), (id) => this.list.record(id)));
				await vscode.workspace.fs.createDirectory(this.storageFolder);
				const temporary = vscode.Uri.joinPath(this.storageFolder, `${CACHE_FILE}.tmp`);
				await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(content));
				await vscode.workspace.fs.rename(temporary, this.cacheUri, { overwrite: true });
			} catch (error) {
				this.log.warn(`Could not write the task cache: ${String(error)}`);
			}
		});
		return this.cacheWrite;
	}

	private async updateContext(): Promise<void> {
		await vscode.commands.executeCommand('setContext', ContextKeys.hasTasks, this.list.size > 0);
	}

	dispose(): void {
		void this.flush();
		this.list.dispose();
		for (const subscription of this.subscriptions) {
			subscription.dispose();
		}
	}
}
