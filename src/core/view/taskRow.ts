import type { TrackedTask } from '../tasks/taskList';
import { stateLabel, type TaskState } from '../tasks/taskState';
import { escapeMarkdown, markdownCode, shorten } from '../util/text';
import { relativeTime } from '../l10n/format';
import { l10n } from '../l10n/l10n';
import { describeElapsed, describeTaskDuration, formatDateTime, formatDuration, type TimeDisplay } from '../util/time';
import { stalledSince } from '../tasks/giveUp';
import { taskCapabilities } from '../tasks/capabilities';

export interface RowIcon {
	/** A codicon ID, e.g. `loading~spin`. */
	id: string;
	/** A theme colour ID, e.g. `testing.iconPassed`. */
	color?: string;
}

/** Everything a tree row shows, computed without `vscode` so it is tested (and benchmarked) in plain Node. */
export interface TaskRow {
	id: string;
	label: string;
	description: string;
	icon: RowIcon;
	/** Space-separated tokens matched by `when` clauses: `task state:<state> hasVideo canFollowUp hasRequest fromPromptFile hasTrace stale stalled kept`. */
	contextValue: string;
	/**
	 * Markdown with every server-provided value escaped or in a code span. Computed when read: VS
	 * Code asks for it only on hover (resolveTreeItem), and it is most of a row's cost.
	 */
	readonly tooltip: string;
	hasChildren: boolean;
}

const ICONS: Record<TaskState, RowIcon> = {
	pending: { id: 'clock', color: 'charts.yellow' },
	running: { id: 'loading~spin', color: 'charts.blue' },
	succeeded: { id: 'pass-filled', color: 'testing.iconPassed' },
	failed: { id: 'error', color: 'testing.iconFailed' },
	notFound: { id: 'question', color: 'disabledForeground' },
	unknown: { id: 'circle-outline' },
};

/** A task automatic polling gave up on (src/core/tasks/giveUp.ts): neither running nor failed. */
const STALLED_ICON: RowIcon = { id: 'watch', color: 'list.warningForeground' };

const LABEL_MAX = 60;
/** A kept take that succeeded: the star where the row's state icon would be (a long prompt can hide the description's). */
const KEPT_ICON: RowIcon = { id: 'star-full', color: 'charts.yellow' };
/** What a kept take's row description starts with. */
export const KEPT_STAR = '★ ';

/** How rows show times, and when a task counts as stalled. Adapters pass VS Code's language and the setting. */
export interface RowDisplay extends TimeDisplay {
	/** veoTasks.giveUpAfterMinutes in ms; 0 or absent = never. */
	giveUpAfterMs?: number;
	/** Tasks discovery tracked by itself (src/features/discovery), not added by hand: marked "found". */
	isFound?: (id: string) => boolean;
}

export function buildTaskRow(task: TrackedTask, now: number, hasChildren = false, display: RowDisplay = {}): TaskRow {
	const { summary } = task;
	const label = summary.prompt?.trim() ? shorten(summary.prompt, LABEL_MAX) : task.id;
	const when = summary.createdAt ?? task.addedAt;
	const stalled = stalledSince(summary, now, display.giveUpAfterMs ?? 0);
	// The raw word of an unknown state stays visible beside "stalled": it may say why.
	const parts = [
		stalled !== undefined ? (summary.rawState ? l10n.t('stalled ({0})', summary.rawState) : l10n.t('stalled')) : stateLabel(summary),
		relativeTime(when, now),
	];
	if (task.staleReason) {
		parts.push(l10n.t('refresh failed'));
	}
	const found = display.isFound?.(task.id) === true;
	if (found) {
		parts.push(l10n.t('found'));
	}
	const tokens = ['task', `state:${summary.state}`];
	const can = taskCapabilities(summary);
	if (can.playableVideoUrl) {
		tokens.push('hasVideo');
	}
	if (can.canFollowUp) {
		tokens.push('canFollowUp');
	}
	// Generate Again… needs the request the task was started with (not a follow-up's).
	if (can.canGenerateAgain) {
		tokens.push('hasRequest');
	}
	if (task.promptFile) {
		tokens.push('fromPromptFile');
	}
	if (summary.traceId) {
		tokens.push('hasTrace');
	}
	if (task.staleReason) {
		tokens.push('stale');
	}
	if (stalled !== undefined) {
		// Beside its state:pending/running token, so menus of active rows still match.
		tokens.push('stalled');
	}
	if (task.kept) {
		tokens.push('kept');
	}
	return {
		id: task.id,
		label,
		// The star of a kept take (Compare Takes' Keep) leads, where the eye scans a list of takes.
		description: `${task.kept ? KEPT_STAR : ''}${parts.join(' · ')}`,
		icon:
			task.staleReason && summary.state !== 'failed'
				? { id: 'warning', color: 'list.warningForeground' }
				: stalled !== undefined
					? STALLED_ICON
					: task.kept && summary.state === 'succeeded'
						? KEPT_ICON
						: ICONS[summary.state],
		contextValue: tokens.join(' '),
		get tooltip() {
			return buildTooltip(task, now, display, stalled);
		},
		hasChildren,
	};
}

function buildTooltip(task: TrackedTask, now: number, display: RowDisplay, stalled: number | undefined): string {
	const { summary } = task;
	const lines: string[] = [];
	// `name` is one of our translated labels; the value is escaped or in a code span. The pattern is
	// translated too, for the colon ("**任务 ID：**").
	const field = (name: string, value: string | undefined, asCode = false): void => {
		if (value !== undefined && value !== '') {
			lines.push(l10n.t('**{0}:** {1}', name, asCode ? markdownCode(value) : escapeMarkdown(shorten(value, 300))));
		}
	};
	field(l10n.t('Task ID'), task.id, true);
	field(l10n.t('State'), stateLabel(summary));
	field(l10n.t('Model'), summary.model);
	field(l10n.t('Action'), summary.action);
	field(l10n.t('Prompt'), summary.prompt);
	field(l10n.t('Created'), summary.createdAt !== undefined ? formatDateTime(summary.createdAt, display) : undefined);
	field(l10n.t('Started'), summary.startedAtMs !== undefined ? formatDateTime(summary.startedAtMs, display) : undefined);
	// A completion time that cannot be read is shown as the server wrote it.
	field(l10n.t('Completed'), summary.completedAtMs !== undefined ? formatDateTime(summary.completedAtMs, display) : summary.completedAt);
	field(l10n.t('Duration'), taskDuration(summary, now, display.locale));
	field(l10n.t('Video'), summary.videoUrl, true);
	field(l10n.t('Trace ID'), summary.traceId, true);
	if (summary.state === 'failed') {
		field(l10n.t('Reason'), summary.failureReason);
	}
	if (summary.state === 'notFound') {
		lines.push(l10n.t('The server did not return this task. It stays tracked; remove it when you no longer need it.'));
	}
	if (summary.state === 'unknown') {
		lines.push(l10n.t('Not fetched yet.'));
	}
	if (stalled !== undefined) {
		field(l10n.t('Stalled since'), formatDateTime(stalled, display));
		// The state may be the server's own word: escaped like every other value.
		lines.push(
			escapeMarkdown(
				l10n.t(
					'Still {0} {1} after it was created: no longer polled automatically. Refresh asks once more; Generate Again starts a new one.',
					stateLabel(summary),
					formatDuration(stalled - (summary.createdAt ?? stalled), display.locale),
				),
			),
		);
	}
	if (task.staleReason) {
		field(l10n.t('Last refresh failed'), task.staleReason);
	}
	if (display.isFound?.(task.id)) {
		lines.push(l10n.t('Found by Veo Tasks: created elsewhere (an agent, the web client, a script), not added by hand.'));
	}
	// Two trailing spaces make each field its own line in Markdown.
	return lines.join('  \n');
}

/** "took 2 min 28 sec" once finished (when the server says when), "running for 3 min" while active. */
export function taskDuration(summary: TrackedTask['summary'], now: number, locale?: string): string | undefined {
	if (summary.state === 'succeeded' || summary.state === 'failed') {
		// The server's own count (`elapsed`), when it gives one: the web client shows the same.
		if (summary.elapsedMs !== undefined) {
			return describeElapsed(summary.elapsedMs, locale);
		}
		return summary.completedAtMs !== undefined ? describeTaskDuration(summary.createdAt, summary.completedAtMs, now, locale) : undefined;
	}
	if (summary.state === 'pending' || summary.state === 'running') {
		return describeTaskDuration(summary.createdAt, undefined, now, locale);
	}
	return undefined;
}
