import * as vscode from 'vscode';
import * as path from 'node:path';
import { importTooLargeMessage, readImportedTaskList } from '../core/tasks/taskExport';
import { readTextCapped, workspaceTaskListFiles } from '../services/workspaceFiles';
import type { TaskTracking } from '../services/taskTracking';

/**
 * "Import Task List…": always asks for the file in the open dialog. The command takes no file from its
 * arguments (another extension or a `command:` link could otherwise make it read any file).
 */
export async function importTasks(services: { tracking: TaskTracking }): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
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
	const [list] = await workspaceTaskListFiles();
	return list ? list.with({ path: path.posix.dirname(list.path) }) : vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Reads the file the user chose in the dialog (an exported list, or any file with task IDs) and tracks its tasks. */
async function importTaskFile(services: { tracking: TaskTracking }, uri: vscode.Uri): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	let text: string;
	try {
		const read = await readTextCapped(uri);
		if ('tooLarge' in read) {
			void vscode.window.showErrorMessage(importTooLargeMessage(vscode.workspace.asRelativePath(uri), read.tooLarge));
			return undefined;
		}
		text = read.text;
	} catch (error) {
		void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
		return undefined;
	}
	const { tasks, recognized } = readImportedTaskList(text);
	return services.tracking.track(tasks, { source: 'import', recognized, interactive: true });
}
