import type { TrackedTask } from './taskList';
import { stateName } from './taskState';
import { findTaskIds, isTaskId, normalizeTaskId } from './taskIds';
import { asObject } from './taskRecord';
import { jsonDepthWithin } from '../security/jsonDepth';
import { isoTime } from '../util/time';
import { formatNumber } from '../l10n/format';
import { l10n } from '../l10n/l10n';

/**
 * The file "Export Task List…" writes and "Import Task List…" reads: the tracked IDs with their last
 * known state, readable by people and by other tools. It never holds the token or whole records.
 */
export const EXPORT_FORMAT = 'veo-tasks';
export const EXPORT_VERSION = 1;

export interface ExportedTask {
	id: string;
	state: string;
	prompt?: string;
	model?: string;
	action?: string;
	videoUrl?: string;
	traceId?: string;
	/** ISO 8601 in UTC, whatever form the server wrote the time in (src/core/util/time.ts). */
	createdAt?: string;
	completedAt?: string;
	parentId?: string;
}

export interface ExportedTaskList {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	exportedAt: string;
	tasks: ExportedTask[];
}

export function exportTaskList(tasks: readonly TrackedTask[], now: number): ExportedTaskList {
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: isoTime(now) ?? new Date().toISOString(),
		tasks: tasks.map((task) => {
			const { summary } = task;
			const entry: ExportedTask = { id: task.id, state: stateName(summary) };
			const optional: Omit<ExportedTask, 'id' | 'state'> = {
				prompt: summary.prompt,
				model: summary.model,
				action: summary.action,
				videoUrl: summary.videoUrl,
				traceId: summary.traceId,
				createdAt: summary.createdAt !== undefined ? isoTime(summary.createdAt) : undefined,
				completedAt: summary.completedAtMs !== undefined ? isoTime(summary.completedAtMs) : undefined,
				parentId: task.parentId,
			};
			for (const [key, value] of Object.entries(optional)) {
				if (value !== undefined) {
					(entry as unknown as Record<string, unknown>)[key] = value;
				}
			}
			return entry;
		}),
	};
}

/** The largest file Import Task List reads: an export of 50,000 tasks with long prompts is about 20 MB. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export function importTooLargeMessage(name: string, bytes: number): string {
	return l10n.t(
		'{0} is too large to import ({1} MB; Import Task List reads files up to {2} MB). Split it, or keep only the task IDs.',
		name,
		formatNumber(bytes / 1024 / 1024, 1),
		formatNumber(MAX_IMPORT_BYTES / 1024 / 1024),
	);
}

export interface ImportedTask {
	id: string;
	parentId?: string;
}

/**
 * Reads an exported list. A file in another shape (a JSON answer of the API, a log) still yields
 * every task ID it contains, so importing never loses what can be recovered.
 */
export function readImportedTaskList(text: string): { tasks: ImportedTask[]; recognized: boolean } {
	let parsed: unknown;
	try {
		// Nesting checked first: JSON.parse of millions of `[` takes seconds and gigabytes.
		parsed = jsonDepthWithin(text) ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	const object = asObject(parsed);
	if (object?.format === EXPORT_FORMAT && Array.isArray(object.tasks)) {
		const tasks: ImportedTask[] = [];
		const seen = new Set<string>();
		for (const entry of object.tasks) {
			const record = asObject(entry);
			const id = typeof record?.id === 'string' ? normalizeTaskId(record.id) : '';
			if (!isTaskId(id) || seen.has(id)) {
				continue;
			}
			seen.add(id);
			const parent = typeof record?.parentId === 'string' ? normalizeTaskId(record.parentId) : undefined;
			tasks.push(parent && isTaskId(parent) ? { id, parentId: parent } : { id });
		}
		return { tasks, recognized: true };
	}
	return { tasks: [...new Set(findTaskIds(text))].map((id) => ({ id })), recognized: false };
}
