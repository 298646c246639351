import * as vscode from 'vscode';
import { formatNumber } from '../core/l10n/format';
import type { TaskRepository } from '../services/taskRepository';
import { taskIdsOrPick } from './taskArguments';

/** "Remove Task": the clicked row, or all selected rows, or a multi-select quick pick from the palette. */
export async function removeTask(services: { repository: Pick<TaskRepository, 'ready' | 'list' | 'remove'> }, ...args: unknown[]): Promise<string[]> {
	await services.repository.ready;
	const ids = await taskIdsOrPick(services.repository.list, args, { placeHolder: vscode.l10n.t('Stop tracking which Veo tasks?'), canPickMany: true });
	if (!ids.length) {
		return [];
	}
	// Follow-ups of a removed task are removed with it: without their parent they would float at the top.
	const withChildren = ids.flatMap((id) => [id, ...services.repository.list.childrenOf(id).map((child) => child.id)]);
	const removed = await services.repository.remove(withChildren);
	if (removed.length > 1) {
		// More than one: never the singular.
		void vscode.window.setStatusBarMessage(vscode.l10n.t('Removed {0} Veo tasks', formatNumber(removed.length)), 4000);
	}
	return removed;
}
