import * as vscode from 'vscode';
import { toTaskSnapshot, type TaskSnapshot } from '../../core/tasks/taskSnapshot';
import type { TaskTracking } from '../../services/taskTracking';
import type { TaskListReader } from '../../services/taskRepository';

export type { TaskSnapshot };

/** A task started or stopped being tracked, or what is known of it changed. */
export interface TaskChange {
	readonly id: string;
	/** The task as it is now; undefined when it is no longer tracked. */
	readonly task?: TaskSnapshot;
}

/**
 * What `activate` returns to other extensions (`vscode.extensions.getExtension('veo-tasks.veo-tasks').exports`).
 * Documented in README ("For other extensions"). It reaches no token, no ExtensionContext and no store:
 * callers get frozen copies and can only ask for IDs to be tracked, as the Add Task ID… command does.
 */
export interface VeoTasksPublicApi {
	/** Bumped when this interface changes incompatibly. */
	readonly apiVersion: 1;
	/**
	 * Tracks task IDs (a string with one or more IDs, or an array) and fetches the new ones. Resolves
	 * to the IDs that were not tracked before; text that is not a task ID is ignored.
	 */
	trackTasks(ids: string | readonly string[]): Promise<string[]>;
	/** A snapshot of every tracked task (newest first), once the stored list has loaded. */
	getTasks(): Promise<TaskSnapshot[]>;
	/** Fires once per task whose tracking or known state changed. */
	readonly onDidChangeTask: vscode.Event<TaskChange>;
}

/** Builds the public API over the repository; its emitter is disposed with the extension. */
export function createPublicApi(repository: TaskListReader, tracking: Pick<TaskTracking, 'track'>, subscriptions: vscode.Disposable[]): VeoTasksPublicApi {
	const emitter = new vscode.EventEmitter<TaskChange>();
	const listening = repository.list.onDidChange(({ changed }) => {
		for (const id of changed) {
			const task = repository.list.get(id);
			emitter.fire(Object.freeze({ id, task: task ? toTaskSnapshot(task) : undefined }));
		}
	});
	subscriptions.push(emitter, { dispose: () => listening.dispose() });
	return Object.freeze({
		apiVersion: 1 as const,
		async trackTasks(ids: string | readonly string[]): Promise<string[]> {
			const text = typeof ids === 'string' ? ids : Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').join('\n') : '';
			// Another extension asked: errors stay in the view and the log, no pop-up of ours.
			const { added } = await tracking.track(text, { source: 'publicApi' });
			return added;
		},
		async getTasks(): Promise<TaskSnapshot[]> {
			await repository.ready;
			return repository.list.all().map(toTaskSnapshot);
		},
		onDidChangeTask: emitter.event,
	});
}
