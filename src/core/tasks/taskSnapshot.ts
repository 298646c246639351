import { openableVideoUrl } from '../api/urlPolicy';
import type { TrackedTask } from './taskList';
import type { TaskState } from './taskState';

/**
 * What other extensions may read of a tracked task (the public API's view of it): the task's own
 * facts, never where it was fetched from, the token or the stores. A frozen copy: changing it
 * changes nothing here.
 */
export interface TaskSnapshot {
	readonly id: string;
	readonly state: TaskState;
	/** The task this one continues (1080p, 4K, GIF, extend). */
	readonly parentId?: string;
	readonly prompt?: string;
	readonly model?: string;
	readonly action?: string;
	/** Set once the video is ready; http(s) only. */
	readonly videoUrl?: string;
	/**
	 * Why it failed, for people: the server's words, or ours in VS Code's display language when the
	 * server gave none. Code reads `state`, never this text.
	 */
	readonly failureReason?: string;
	/** When tracking started (epoch ms). */
	readonly addedAt: number;
	/** When the server last told us about it (epoch ms). */
	readonly fetchedAt?: number;
}

export function toTaskSnapshot(task: TrackedTask): TaskSnapshot {
	const { summary } = task;
	const snapshot: TaskSnapshot = {
		id: task.id,
		state: summary.state,
		parentId: task.parentId,
		prompt: summary.prompt,
		model: summary.model,
		action: summary.action,
		videoUrl: openableVideoUrl(summary.videoUrl)?.href,
		failureReason: summary.failureReason,
		addedAt: task.addedAt,
		fetchedAt: task.fetchedAt,
	};
	// Absent fields are left out rather than undefined, so the snapshot serialises as it reads.
	for (const key of Object.keys(snapshot) as (keyof TaskSnapshot)[]) {
		if (snapshot[key] === undefined) {
			delete (snapshot as Partial<Record<keyof TaskSnapshot, unknown>>)[key];
		}
	}
	return Object.freeze(snapshot);
}
