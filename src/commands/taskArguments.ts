import * as vscode from 'vscode';
import type { TaskListView, TrackedTask } from '../core/tasks/taskList';
import { buildTaskRow } from '../core/view/taskRow';
import { escapeIconSyntax } from '../core/util/text';
import { readRowDisplay } from '../services/settings';

/**
 * Reads the task IDs a command was called with: a tree row (an ID), the rows selected with it
 * (VS Code passes `(clicked, selected[])`), an ID string, an array, or `{ id }` objects from other
 * extensions. Only tracked IDs are returned.
 */
export function taskIdsFromArguments(list: TaskListView, args: readonly unknown[]): string[] {
	const [first, second] = args;
	const candidates = Array.isArray(second) && second.length ? second : Array.isArray(first) ? first : [first];
	const ids = candidates
		.map((candidate) =>
			typeof candidate === 'string' ? candidate : typeof (candidate as { id?: unknown })?.id === 'string' ? (candidate as { id: string }).id : undefined,
		)
		.filter((id): id is string => id !== undefined)
		.map((id) => id.trim().toLowerCase());
	return [...new Set(ids)].filter((id) => list.has(id));
}

interface TaskPick extends vscode.QuickPickItem {
	id: string;
}

/** A quick pick of tracked tasks, for commands run from the palette. */
export async function pickTasks(
	list: TaskListView,
	options: { placeHolder: string; canPickMany?: boolean; filter?: (task: TrackedTask) => boolean },
): Promise<string[]> {
	const now = Date.now();
	const display = readRowDisplay();
	const items: TaskPick[] = list
		.all()
		.filter(options.filter ?? (() => true))
		.map((task) => {
			const row = buildTaskRow(task, now, false, display);
			// The label is the prompt: `$(name)` in it must not render as an icon.
			return {
				id: task.id,
				label: escapeIconSyntax(row.label),
				description: escapeIconSyntax(row.description),
				detail: row.label === task.id ? undefined : task.id,
			};
		});
	if (!items.length) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No Veo task to choose from.'));
		return [];
	}
	if (options.canPickMany) {
		const picked = await vscode.window.showQuickPick(items, { placeHolder: options.placeHolder, canPickMany: true, matchOnDetail: true });
		return picked?.map((item) => item.id) ?? [];
	}
	const picked = await vscode.window.showQuickPick(items, { placeHolder: options.placeHolder, matchOnDetail: true });
	return picked ? [picked.id] : [];
}

/** IDs from the arguments, or else from a quick pick. */
export async function taskIdsOrPick(
	list: TaskListView,
	args: readonly unknown[],
	options: { placeHolder: string; canPickMany?: boolean; filter?: (task: TrackedTask) => boolean },
): Promise<string[]> {
	const ids = taskIdsFromArguments(list, args);
	return ids.length ? ids : pickTasks(list, options);
}
