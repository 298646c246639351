import type { TrackedTask } from '../tasks/taskList';
import { FINISHED_STATES, type TaskState } from '../tasks/taskState';
import { l10n } from '../l10n/l10n';
import { formatDay } from '../l10n/format';

/** How the Tasks view groups its top-level rows ("Group By…"). */
export type GroupBy = 'none' | 'state' | 'day' | 'prompt';
export const GROUP_BY_CHOICES: readonly GroupBy[] = ['none', 'state', 'day', 'prompt'];

export function isGroupBy(value: unknown): value is GroupBy {
	return typeof value === 'string' && (GROUP_BY_CHOICES as readonly string[]).includes(value);
}

export interface TaskGroup {
	/** The tree element of the group: `group:` plus the key, never a task ID (those are UUIDs). */
	id: string;
	label: string;
	tasks: TrackedTask[];
}

export const GROUP_ID_PREFIX = 'group:';

export function isGroupId(element: string): boolean {
	return element.startsWith(GROUP_ID_PREFIX);
}

/** Running work first, then what finished, then what the server does not know. */
const STATE_ORDER: readonly TaskState[] = ['running', 'pending', 'unknown', 'succeeded', 'failed', 'notFound'];

/** A group's heading, translated when asked (the display language is set after this module loads). */
function stateGroupLabel(state: TaskState): string {
	switch (state) {
		case 'running':
			return l10n.t('Running');
		case 'pending':
			return l10n.t('Pending');
		case 'unknown':
			return l10n.t('Not Fetched Yet');
		case 'succeeded':
			return l10n.t('Succeeded');
		case 'failed':
			return l10n.t('Failed');
		case 'notFound':
			return l10n.t('Not Found');
	}
}

const DAY_MS = 86_400_000;

/** The local calendar day of a task (when the server created it, else when it was added). */
function dayKey(task: TrackedTask): string {
	const date = new Date(task.summary.createdAt ?? task.addedAt);
	return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function dayLabel(key: string, now: number): string {
	const [year, month, day] = key.split('-').map(Number);
	const date = new Date(year, month - 1, day);
	const today = new Date(now);
	const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
	const days = Math.round((startOfToday - date.getTime()) / DAY_MS);
	if (days === 0) {
		return l10n.t('Today');
	}
	if (days === 1) {
		return l10n.t('Yesterday');
	}
	return formatDay(date);
}

/** The group a top-level task belongs to; undefined without grouping. */
export function groupIdOf(task: TrackedTask, groupBy: GroupBy): string | undefined {
	switch (groupBy) {
		case 'state':
			return `${GROUP_ID_PREFIX}state:${task.summary.state}`;
		case 'day':
			return `${GROUP_ID_PREFIX}day:${dayKey(task)}`;
		case 'prompt':
			// `prompt:` alone holds the tasks that did not come from a file.
			return `${GROUP_ID_PREFIX}prompt:${task.promptFile?.path ?? ''}`;
		default:
			return undefined;
	}
}

/**
 * Groups top-level tasks (already newest first). Groups by state come in a fixed order; groups by
 * day newest first. Empty groups are left out. Follow-ups are not grouped: they stay under their parent.
 */
export function groupTasks(roots: readonly TrackedTask[], groupBy: GroupBy, now: number): TaskGroup[] {
	if (groupBy === 'none') {
		return [];
	}
	const groups = new Map<string, TaskGroup>();
	for (const task of roots) {
		const id = groupIdOf(task, groupBy) as string;
		let group = groups.get(id);
		if (!group) {
			const key = id.slice(id.indexOf(':', GROUP_ID_PREFIX.length) + 1);
			group = { id, label: groupLabel(groupBy, key, now), tasks: [] };
			groups.set(id, group);
		}
		group.tasks.push(task);
	}
	const result = [...groups.values()];
	if (groupBy === 'state') {
		const rank = (group: TaskGroup): number => STATE_ORDER.indexOf(group.tasks[0].summary.state);
		result.sort((a, b) => rank(a) - rank(b));
	}
	if (groupBy === 'prompt') {
		// Files by path; the tasks from no file last.
		const path = (group: TaskGroup): string => group.id.slice(`${GROUP_ID_PREFIX}prompt:`.length);
		result.sort((a, b) => (path(a) === '' ? 1 : path(b) === '' ? -1 : path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : 0));
	}
	return result;
}

function groupLabel(groupBy: GroupBy, key: string, now: number): string {
	switch (groupBy) {
		case 'state':
			return stateGroupLabel(key as TaskState);
		case 'prompt':
			return key === '' ? l10n.t('No Prompt File') : key;
		default:
			return dayLabel(key, now);
	}
}

export function isFinished(task: TrackedTask): boolean {
	return FINISHED_STATES.has(task.summary.state);
}

/**
 * Whether "Hide Finished" hides a task: it is finished and so is every follow-up under it (a
 * running 4K upscale keeps its finished parent in view, so it is not orphaned).
 */
export function hiddenWhenFinishedHidden(task: TrackedTask, childrenOf: (id: string) => readonly TrackedTask[], depth = 0): boolean {
	if (!isFinished(task)) {
		return false;
	}
	// Follow-up chains are short; the bound only guards against a cycle in damaged data.
	return depth > 20 || childrenOf(task.id).every((child) => hiddenWhenFinishedHidden(child, childrenOf, depth + 1));
}
