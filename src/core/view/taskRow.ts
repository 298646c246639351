import type { TrackedTask } from '../tasks/taskList';
import { stateLabel, type TaskState } from '../tasks/taskState';
import { escapeMarkdown, formatTimestamp, markdownCode, relativeTime, shorten } from '../util/text';
import { playableVideoUrl } from '../api/urlPolicy';
import { isGenerationAction } from '../generation/generationRequest';

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
	/** Space-separated tokens matched by `when` clauses: `task state:<state> hasVideo canFollowUp hasRequest stale`. */
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

const LABEL_MAX = 60;

export function buildTaskRow(task: TrackedTask, now: number, hasChildren = false): TaskRow {
	const { summary } = task;
	const label = summary.prompt?.trim() ? shorten(summary.prompt, LABEL_MAX) : task.id;
	const when = summary.createdAt ?? task.addedAt;
	const parts = [stateLabel(summary), relativeTime(when, now)];
	if (task.staleReason) {
		parts.push('refresh failed');
	}
	const tokens = ['task', `state:${summary.state}`];
	if (summary.videoUrl && playableVideoUrl(summary.videoUrl)) {
		tokens.push('hasVideo');
	}
	if (summary.state === 'succeeded' && summary.videoId) {
		tokens.push('canFollowUp');
	}
	// Generate Again… needs the request the task was started with (not a follow-up's).
	if (isGenerationAction(summary.action) && summary.prompt) {
		tokens.push('hasRequest');
	}
	if (summary.traceId) {
		tokens.push('hasTrace');
	}
	if (task.staleReason) {
		tokens.push('stale');
	}
	return {
		id: task.id,
		label,
		description: parts.join(' · '),
		icon: task.staleReason && summary.state !== 'failed' ? { id: 'warning', color: 'list.warningForeground' } : ICONS[summary.state],
		contextValue: tokens.join(' '),
		get tooltip() {
			return buildTooltip(task);
		},
		hasChildren,
	};
}

function buildTooltip(task: TrackedTask): string {
	const { summary } = task;
	const lines: string[] = [];
	const field = (name: string, value: string | undefined, asCode = false): void => {
		if (value !== undefined && value !== '') {
			lines.push(`**${name}:** ${asCode ? markdownCode(value) : escapeMarkdown(shorten(value, 300))}`);
		}
	};
	field('Task ID', task.id, true);
	field('State', stateLabel(summary));
	field('Model', summary.model);
	field('Action', summary.action);
	field('Prompt', summary.prompt);
	field('Created', summary.createdAt !== undefined ? formatTimestamp(summary.createdAt) : undefined);
	field('Completed', summary.completedAt);
	field('Video', summary.videoUrl, true);
	field('Trace ID', summary.traceId, true);
	if (summary.state === 'failed') {
		field('Reason', summary.failureReason);
	}
	if (summary.state === 'notFound') {
		lines.push('The server did not return this task. It stays tracked; remove it when you no longer need it.');
	}
	if (summary.state === 'unknown') {
		lines.push('Not fetched yet.');
	}
	if (task.staleReason) {
		field('Last refresh failed', task.staleReason);
	}
	// Two trailing spaces make each field its own line in Markdown.
	return lines.join('  \n');
}
