import * as vscode from 'vscode';
import { importTooLargeMessage, MAX_IMPORT_BYTES, readImportedTaskList } from '../core/tasks/taskExport';
import type { Services } from '../services';

/** "Import Task List…": tracks the IDs of an exported list (or of any file that contains task IDs). */
export async function importTasks(services: Services, source?: unknown): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	let uri = typeof source === 'string' ? vscode.Uri.file(source) : source instanceof vscode.Uri ? source : undefined;
	if (!uri) {
		const [picked] =
			(await vscode.window.showOpenDialog({ title: 'Import Veo task list', canSelectMany: false, filters: { JSON: ['json'], 'All files': ['*'] } })) ?? [];
		uri = picked;
	}
	if (!uri) {
		return undefined;
	}
	let text: string;
	try {
		// Checked before reading: a file of gigabytes would be read whole into memory first.
		const { size } = await vscode.workspace.fs.stat(uri);
		if (size > MAX_IMPORT_BYTES) {
			void vscode.window.showErrorMessage(importTooLargeMessage(vscode.workspace.asRelativePath(uri), size));
			return undefined;
		}
		text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
	} catch (error) {
		void vscode.window.showErrorMessage(`Could not read ${vscode.workspace.asRelativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
		return undefined;
	}
	const { tasks, recognized } = readImportedTaskList(text);
	if (!tasks.length) {
		void vscode.window.showWarningMessage('No Veo task IDs found in that file.');
		return { added: [], alreadyTracked: [] };
	}
	// One add and one write for the whole list, whatever the number of parents (one per parent was
	// thousands of writes of the whole list for an export with many follow-ups).
	const { added, alreadyTracked } = await services.repository.addEntries(tasks);
	const note = recognized ? '' : ' (the file was not an exported list; every task ID in it was taken)';
	void vscode.window.showInformationMessage(`Imported ${added.length} Veo task${added.length === 1 ? '' : 's'}${alreadyTracked.length ? `, ${alreadyTracked.length} already tracked` : ''}${note}.`);
	if (added.length) {
		void services.refresher.refresh(added, { interactive: true, reason: 'added' });
	}
	return { added, alreadyTracked };
}
