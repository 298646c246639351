import * as vscode from 'vscode';
import { findTaskIds } from '../core/tasks/taskIds';
import type { Services } from '../services';

/**
 * "Track Task IDs in Selection": every task ID in the selection (or the whole file when nothing is
 * selected), e.g. in a log or a JSON answer, is tracked at once.
 */
export async function addTasksFromSelection(services: Services): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	const editor = vscode.window.activeTextEditor;
	if (!editor) {
		void vscode.window.showInformationMessage('Open a file that contains Veo task IDs first.');
		return undefined;
	}
	const selected = editor.selections.filter((selection) => !selection.isEmpty);
	const text = selected.length ? selected.map((selection) => editor.document.getText(selection)).join('\n') : editor.document.getText();
	const ids = [...new Set(findTaskIds(text))];
	if (!ids.length) {
		void vscode.window.showInformationMessage(`No task IDs (UUIDs) found in the ${selected.length ? 'selection' : 'file'}.`);
		return { added: [], alreadyTracked: [] };
	}
	const result = await services.repository.add(ids);
	const already = result.alreadyTracked.length ? ` (${result.alreadyTracked.length} already tracked)` : '';
	void vscode.window.showInformationMessage(`Tracking ${result.added.length} new Veo task${result.added.length === 1 ? '' : 's'}${already}.`);
	if (result.added.length) {
		void services.refresher.refresh(result.added, { interactive: true, reason: 'added' });
	}
	return result;
}
