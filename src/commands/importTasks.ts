import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { importTooLargeMessage, MAX_IMPORT_BYTES, readImportedTaskList } from '../core/tasks/taskExport';
import type { Services } from '../services/services';

/**
 * "Import Task List…": always asks for the file in the open dialog. The command takes no file from its
 * arguments (another extension or a `command:` link could otherwise make it read any file).
 */
export async function importTasks(services: Services): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	const [uri] =
		(await vscode.window.showOpenDialog({
			title: vscode.l10n.t('Import Veo task list'),
			openLabel: vscode.l10n.t('Import'),
			canSelectMany: false,
			defaultUri: await importDialogFolder(),
			filters: { JSON: ['json'], [vscode.l10n.t('All files')]: ['*'] },
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
		void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
		return undefined;
	}
	const { tasks, recognized } = readImportedTaskList(text);
	return services.tracking.track(tasks, { source: 'import', recognized, interactive: true });
}
