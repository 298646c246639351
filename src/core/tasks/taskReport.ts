import { l10n } from '../l10n/l10n';
import { describeTaskDuration } from '../util/time';
import { shorten } from '../util/text';
import { stalledSince } from './giveUp';
import type { TrackedTask } from './taskList';
import { FINISHED_STATES, stateLabel, type TaskState } from './taskState';

/*
 * Tasks as short text a language model reads well (the agent tools' results): one block per task
 * with its state, prompt, video URL, how long it took and why it failed. Everything from the server
 * is data: flattened to one line and cut, so a record cannot add lines, headings or instructions
 * that look like ours.
 */

const PROMPT_MAX = 300;
const URL_MAX = 600;
const REASON_MAX = 300;

/** The states a tool's `state` filter takes: the task states, plus `active` and `finished`. */
export const LIST_STATE_FILTERS = ['pending', 'running', 'succeeded', 'failed', 'notFound', 'unknown', 'stalled', 'active', 'finished'] as const;
export type ListStateFilter = (typeof LIST_STATE_FILTERS)[number];

/** One line of server text: control characters and line breaks become spaces, then cut. */
export function plainServerText(text: string, max: number): string {
	// eslint-disable-next-line no-control-regex
	return shorten(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' '), max);
}

/** The state as a tool reports it: the task's state key, or `stalled` once polling gave up on it. */
export function reportedState(task: TrackedTask, now: number, giveUpAfterMs: number): TaskState | 'stalled' {
	return stalledSince(task.summary, now, giveUpAfterMs) !== undefined ? 'stalled' : task.summary.state;
}

/** Finished for an agent: succeeded, failed, not found, or stalled (nothing more will happen by itself). */
export function isSettled(task: TrackedTask, now: number, giveUpAfterMs: number): boolean {
	const state = reportedState(task, now, giveUpAfterMs);
	return state === 'stalled' || FINISHED_STATES.has(state);
}

export function matchesStateFilter(task: TrackedTask, filter: ListStateFilter, now: number, giveUpAfterMs: number): boolean {
	const state = reportedState(task, now, giveUpAfterMs);
	switch (filter) {
		case 'active':
			return state === 'pending' || state === 'running' || state === 'unknown';
		case 'finished':
			return state === 'stalled' || FINISHED_STATES.has(state);
		default:
			return state === filter;
	}
}

/**
 * A task as a few lines: "- <id>: <state key> (<state in the display language>) · took 2 min" then
 * the prompt, the video URL and the failure reason when there are any.
 */
export function describeTaskForAgent(task: TrackedTask, now: number, giveUpAfterMs: number, locale?: string): string {
	const { summary } = task;
	const state = reportedState(task, now, giveUpAfterMs);
	const label = state === 'stalled' ? l10n.t('stalled') : stateLabel(summary);
	const head = [`- ${task.id}: ${state}${label !== state ? ` (${plainServerText(label, 60)})` : ''}`];
	const start = summary.createdAt;
	const end = FINISHED_STATES.has(summary.state) ? summary.completedAtMs : undefined;
	const took = summary.state === 'notFound' || summary.state === 'unknown' ? undefined : describeTaskDuration(start, end, now, locale);
	if (took) {
		head.push(took);
	}
	const lines = [head.join(' · ')];
	if (summary.prompt) {
		lines.push(`  ${l10n.t('Prompt: {0}', JSON.stringify(plainServerText(summary.prompt, PROMPT_MAX)))}`);
	}
	if (summary.model) {
		lines.push(`  ${l10n.t('Model: {0}', plainServerText(summary.model, 60))}`);
	}
	if (summary.videoUrl) {
		lines.push(`  ${l10n.t('Video: {0}', plainServerText(summary.videoUrl, URL_MAX))}`);
	}
	if (summary.state === 'failed' && summary.failureReason) {
		lines.push(`  ${l10n.t('Failure reason: {0}', plainServerText(summary.failureReason, REASON_MAX))}`);
	}
	if (summary.state === 'notFound') {
		lines.push(`  ${l10n.t("The API does not know this task (another account's token, or a mistyped ID).")}`);
	}
	if (state === 'stalled') {
		lines.push(
			`  ${l10n.t('No longer polled automatically: it has been active for longer than the give-up time. The user can Refresh it, or start it again.')}`,
		);
	}
	if (task.staleReason) {
		lines.push(`  ${l10n.t('The last refresh failed; this is the last state known.')}`);
	}
	return lines.join('\n');
}
