import * as vscode from 'vscode';
import { formatNumber, plural } from '../core/l10n/format';
import type { TaskRepository } from '../services/taskRepository';

/** "Remove Finished Tasks": succeeded, failed and not-found tasks, always after a confirmation (no argument skips it). */
export async function removeFinished(services: { repository: Pick<TaskRepository, 'ready' | 'list' | 'remove'> }): Promise<string[]> {
	await services.repository.ready;
	const finished = services.repository.list.finishedIds();
	if (!finished.length) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No finished Veo tasks to remove.'));
		return [];
	}
	const remove = vscode.l10n.t('Remove');
	const count = formatNumber(finished.length);
	const answer = await vscode.window.showWarningMessage(
		plural(finished.length, {
			one: vscode.l10n.t('Stop tracking {0} finished Veo task?', count),
			other: vscode.l10n.t('Stop tracking {0} finished Veo tasks?', count),
		}),
		{ modal: true, detail: vscode.l10n.t('Succeeded, failed and not-found tasks are removed from this list. The videos stay on the server.') },
		remove,
	);
	if (answer !== remove) {
		return [];
	}
	return services.repository.remove(finished);
}
