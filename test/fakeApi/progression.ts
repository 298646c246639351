/** How a task moves through its states over time, for live tests and the demo. */
import { TaskRecord, withShape } from './records';

/** A replacement record, or a function of the current one. Keep the same `id`. */
export type ProgressRecord = TaskRecord | ((prev: TaskRecord) => TaskRecord);

export interface ProgressStep {
	/** Milliseconds after scheduling (not after the previous step). */
	afterMs: number;
	record: ProgressRecord;
}

/** Timings for tasks created through the API: pending -> running -> succeeded. */
export interface AutoProgress {
	/** Milliseconds after creation when the task starts running. */
	runningAfterMs: number;
	/** Milliseconds after creation when the task succeeds. */
	succeededAfterMs: number;
}

export function nextRecord(prev: TaskRecord, record: ProgressRecord): TaskRecord {
	return typeof record === 'function' ? record(prev) : record;
}

export function autoProgressSteps(auto: AutoProgress, videoUrl: string, now: () => number): ProgressStep[] {
	return [
		{ afterMs: auto.runningAfterMs, record: (prev) => withShape(prev, 'running', { now }) },
		{ afterMs: auto.succeededAfterMs, record: (prev) => withShape(prev, 'succeeded', { now, videoUrl }) },
	];
}

/**
 * A task that starts and never finishes, like the provider's stuck tasks: running from
 * `runningAfterMs` on, for ever (the extension gives up polling it after veoTasks.giveUpAfterMinutes).
 */
export function neverFinishingSteps(runningAfterMs: number, now: () => number): ProgressStep[] {
	return [{ afterMs: runningAfterMs, record: (prev) => withShape(prev, 'running', { now }) }];
}
