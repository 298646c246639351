import { ACTIVE_STATES, type TaskSummary } from './taskState';

/*
 * Tasks that never finish. The provider advises giving up on a task after about ten minutes and
 * submitting it again (docs/api.md, "Deriving a task's state"); its own SDK and CLI stop waiting at
 * 600 s. The extension waits longer by default (setting veoTasks.giveUpAfterMinutes, 30) and then
 * stops polling the task and shows it as stalled. Only automatic polling gives up: Refresh still
 * asks, and a stalled task that answers finished becomes finished as usual.
 */

/** The setting in milliseconds; 0 (or anything unusable as a positive number) means never. */
export function giveUpAfterMs(minutes: number): number {
	return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0;
}

/**
 * When automatic polling gives up on the task: `giveUpAfterMs` after its creation on the server.
 * Undefined when the rule is off or the server's creation time is not known (a task never fetched
 * is never given up on: it has not been asked about yet).
 */
export function giveUpAt(summary: Pick<TaskSummary, 'createdAt'>, afterMs: number): number | undefined {
	return afterMs > 0 && summary.createdAt !== undefined ? summary.createdAt + afterMs : undefined;
}

/** When the task became stalled (still active past its give-up time), or undefined when it is not stalled. */
export function stalledSince(summary: Pick<TaskSummary, 'createdAt' | 'state'>, now: number, afterMs: number): number | undefined {
	if (!ACTIVE_STATES.has(summary.state)) {
		return undefined;
	}
	const at = giveUpAt(summary, afterMs);
	return at !== undefined && at <= now ? at : undefined;
}
