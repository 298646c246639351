import * as vscode from 'vscode';
import { findTaskIds } from '../core/tasks/taskIds';
import type { TaskTracking } from '../services/taskTracking';

/**
 * "Track Task IDs in Selection": every task ID in the selection (or the whole file when nothing is
 * selected), e.g. in a log or a JSON answer, is tracked at once.
 */
export async function addTasksFromSelection(services: { tracking: TaskTracking }): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	const editor = vscode.window.activeTextEditor;
	if (!editor) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a file that contains Veo task IDs first.'));
		return undefined;
	}
	const selected = editor.selections.filter((selection) => !selection.isEmpty);
	const text = selected.length ? selected.map((selection) => editor.document.getText(selection)).join('\n') : editor.document.getText();
	const ids = [...new Set(findTaskIds(text))];
	if (!ids.length) {
		void vscode.window.showInformationMessage(
			selected.length ? vscode.l10n.t('No task IDs (UUIDs) found in the selection.') : vscode.l10n.t('No task IDs (UUIDs) found in the file.'),
		);
		return { added: [], alreadyTracked: [] };
	}
	return services.tracking.track(ids, { source: 'selection', interactive: true });
}
