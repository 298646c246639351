import type { TrackedTask } from '../tasks/taskList';
import { asObject, asString, type TaskRecord } from '../tasks/taskRecord';
import { stateLabel } from '../tasks/taskState';
import { playableVideoUrl } from '../api/urlPolicy';
import { l10n } from '../l10n/l10n';
import { clip, shorten } from '../util/text';
import { diffTakes } from './promptDiff';
import type { CompareLabels, CompareModel, CompareRow } from './compareProtocol';

/** Compare Takes shows two to four takes. */
export const MIN_TAKES = 2;
export const MAX_TAKES = 4;
const PROMPT_MAX = 4_000;
const VALUE_MAX = 200;

export function compareLabels(): CompareLabels {
	return {
		title: l10n.t('Compare Takes'),
		play: l10n.t('Play All'),
		pause: l10n.t('Pause All'),
		loop: l10n.t('Loop'),
		position: l10n.t('Position'),
		keep: l10n.t('Keep'),
		kept: l10n.t('Kept'),
		removeOthers: l10n.t('Remove Others…'),
		open: l10n.t('Open Task'),
		prompt: l10n.t('Prompt'),
		parameters: l10n.t('Parameters'),
		noVideo: l10n.t('No video'),
		controls: l10n.t('Playback of every take'),
		take: l10n.t('Take {0}'),
		differs: l10n.t('differs'),
	};
}

/** The request a task was started with, as the server echoes it (`record.request`). */
function requestOf(record: TaskRecord | undefined): Record<string, unknown> {
	return asObject(record?.request) ?? {};
}

/**
 * The Compare Takes model: each take's player and prompt (marked word by word where it differs),
 * and the parameters side by side, marked where they differ.
 */
export function buildCompareModel(takes: readonly { task: TrackedTask; record?: TaskRecord }[]): CompareModel {
	const prompts = takes.map(({ task }) => clip(task.summary.prompt ?? '', PROMPT_MAX));
	const diffs = diffTakes(prompts);
	const value = (text: string | undefined): string => (text === undefined || text.trim() === '' ? '—' : clip(text.trim(), VALUE_MAX));
	const rowOf = (key: CompareRow['key'], label: string, read: (task: TrackedTask, request: Record<string, unknown>) => string | undefined): CompareRow => {
		const values = takes.map(({ task, record }) => value(read(task, requestOf(record))));
		return { key, label, values, differs: new Set(values).size > 1 };
	};
	const rows = [
		rowOf('model', l10n.t('Model'), (task, request) => task.summary.model ?? asString(request.model)),
		rowOf('action', l10n.t('Action'), (task, request) => task.summary.action ?? asString(request.action)),
		rowOf('aspectRatio', l10n.t('Aspect ratio'), (_task, request) => asString(request.aspect_ratio)),
		// Without a resolution the model's default is used.
		rowOf('resolution', l10n.t('Resolution'), (_task, request) => asString(request.resolution) ?? l10n.t('default')),
		rowOf('translation', l10n.t('Translation'), (_task, request) =>
			typeof request.translation === 'boolean' ? (request.translation ? l10n.t('on') : l10n.t('off')) : undefined,
		),
	];
	return {
		takes: takes.map(({ task }, index) => ({
			id: task.id,
			title: task.summary.prompt?.trim() ? shorten(task.summary.prompt, 80) : task.id,
			stateLabel: stateLabel(task.summary),
			videoUrl: task.summary.state === 'succeeded' ? playableVideoUrl(task.summary.videoUrl)?.href : undefined,
			kept: task.kept === true,
			prompt: diffs[index] ?? [],
		})),
		rows,
		promptsDiffer: diffs.some((parts) => parts.some((part) => part.changed)),
		labels: compareLabels(),
	};
}

/**
 * The order a picker offers takes to compare with `anchor`: its siblings first (same prompt, then
 * same parent), then the rest, newest first within each.
 */
export function siblingsFirst(anchor: TrackedTask | undefined, tasks: readonly TrackedTask[]): TrackedTask[] {
	if (!anchor) {
		return [...tasks];
	}
	const prompt = anchor.summary.prompt?.trim();
	const rank = (task: TrackedTask): number =>
		prompt && task.summary.prompt?.trim() === prompt ? 0 : anchor.parentId && task.parentId === anchor.parentId ? 1 : 2;
	return tasks
		.filter((task) => task.id !== anchor.id)
		.map((task, index) => ({ task, index, rank: rank(task) }))
		.sort((a, b) => a.rank - b.rank || a.index - b.index)
		.map(({ task }) => task);
}

/** The takes a saved Compare Takes page holds (ComparePageState, after a reload); anything else yields none. */
export function takesOfPageState(state: unknown): string[] {
	const ids = (state as { taskIds?: unknown } | undefined)?.taskIds;
	return Array.isArray(ids) ? [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length <= 100))].slice(0, MAX_TAKES) : [];
}
