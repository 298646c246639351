import type { StateTransition } from './taskList';

/** Tasks that finished while someone could have been waiting for them: seen pending or running before. */
export interface FinishedAfterWaiting {
	succeeded: string[];
	failed: string[];
}

/**
 * The one rule for "finished after waiting" (the view's badge, the notifications, the status bar's
 * tally): a task seen pending or running that is now succeeded or failed. A task added when already
 * finished is no news.
 */
export function finishedAfterWaiting(transitions: readonly StateTransition[]): FinishedAfterWaiting {
	const finished: FinishedAfterWaiting = { succeeded: [], failed: [] };
	for (const { id, from, to } of transitions) {
		if ((from === 'pending' || from === 'running') && (to === 'succeeded' || to === 'failed')) {
			finished[to].push(id);
		}
	}
	return finished;
}

/** New work began: a task seen for the first time as pending or running (the status bar starts a new tally). */
export function startedWork(transitions: readonly StateTransition[]): boolean {
	return transitions.some((transition) => transition.from === 'unknown' && (transition.to === 'pending' || transition.to === 'running'));
}
