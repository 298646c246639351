import * as vscode from 'vscode';
import * as path from 'node:path';
import { importTooLargeMessage, MAX_IMPORT_BYTES, readImportedTaskList } from '../core/tasks/taskExport';
import { MAX_JSON_DEPTH } from '../core/security/jsonDepth';
import { readRegularFile, workspaceTaskListFiles } from '../services/workspaceFiles';
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
	// The user chose the file, but the dialog opens where a repository's list is: it is read as a
	// regular file only, and capped while reading (a link to /proc would never end).
	const read = await readRegularFile(uri, { maxBytes: MAX_IMPORT_BYTES, maxJsonDepth: MAX_JSON_DEPTH });
	if (read.kind === 'refused' && read.reason === 'tooLarge') {
		// The size the file system reports, for the message only (a /proc file reports 0): the cap was hit reading.
		const reported = await vscode.workspace.fs.stat(uri).then(
			(stat) => stat.size,
			() => 0,
		);
		void vscode.window.showErrorMessage(importTooLargeMessage(vscode.workspace.asRelativePath(uri), Math.max(reported, MAX_IMPORT_BYTES + 1)));
		return undefined;
	}
	if (read.kind !== 'ok') {
		const why = read.kind === 'missing' ? vscode.l10n.t('the file does not exist') : read.message;
		void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', vscode.workspace.asRelativePath(uri), why));
		return undefined;
	}
	const text = read.text;
	const { tasks, recognized } = readImportedTaskList(text);
	return services.tracking.track(tasks, { source: 'import', recognized, interactive: true });
}
