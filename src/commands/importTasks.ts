import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { importTooLargeMessage, MAX_IMPORT_BYTES, readImportedTaskList, type ImportedTask } from '../core/tasks/taskExport';
import type { Services } from '../services';

/**
 * "Import Task List…": always asks for the file in the open dialog. The command takes no file from its
 * arguments (another extension or a `command:` link could otherwise make it read any file).
 */
export async function importTasks(services: Services): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	const [uri] =
		(await vscode.window.showOpenDialog({
			title: 'Import Veo task list',
			openLabel: 'Import',
			canSelectMany: false,
			defaultUri: await importDialogFolder(),
			filters: { JSON: ['json'], 'All files': ['*'] },
		})) ?? [];
	return uri ? importTaskFile(services, uri) : undefined;
}

/** The dialog opens where a team's list would be: `.vscode/` when it holds one, else the workspace. */
async function importDialogFolder(): Promise<vscode.Uri | undefined> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	const parts = WORKSPACE_TASK_LIST_PATH.split('/');
	for (const folder of folders) {
		try {
			await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, ...parts));
			return vscode.Uri.joinPath(folder.uri, ...parts.slice(0, -1));
		} catch {
			// No list in this folder: try the next one.
		}
	}
	return folders[0]?.uri;
}

/** Reads the file the user chose in the dialog (an exported list, or any file with task IDs) and tracks its tasks. */
async function importTaskFile(services: Services, uri: vscode.Uri): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
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
	return trackImportedTasks(services, tasks, recognized);
}

/**
 * Tracks the tasks read from a task list (`recognized`: it was an exported list, not any file with
 * task IDs in it), says how many, and refreshes the new ones.
 */
export async function trackImportedTasks(services: Services, tasks: readonly ImportedTask[], recognized: boolean): Promise<{ added: string[]; alreadyTracked: string[] }> {
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
