import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { formatNumber, plural } from '../core/l10n/format';
import { importTooLargeMessage, MAX_IMPORT_BYTES, readImportedTaskList, type ImportedTask } from '../core/tasks/taskExport';
import type { Services } from '../services';
import { MAX_JSON_DEPTH } from '../core/security/jsonDepth';
import { readRegularFile } from '../services/workspaceFiles';

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
	return trackImportedTasks(services, tasks, recognized);
}

/**
 * "Imported 3 Veo tasks, 1 already tracked." with the note that the file was not an exported list
 * (every task ID in it was taken) when it was not: each variant a whole sentence.
 */
function importedMessage(added: number, already: number, recognized: boolean): string {
	const count = formatNumber(added);
	const tracked = formatNumber(already);
	if (recognized) {
		return already
			? plural(added, {
					one: vscode.l10n.t('Imported {0} Veo task, {1} already tracked.', count, tracked),
					other: vscode.l10n.t('Imported {0} Veo tasks, {1} already tracked.', count, tracked),
				})
			: plural(added, { one: vscode.l10n.t('Imported {0} Veo task.', count), other: vscode.l10n.t('Imported {0} Veo tasks.', count) });
	}
	return already
		? plural(added, {
				one: vscode.l10n.t('Imported {0} Veo task, {1} already tracked (the file was not an exported list; every task ID in it was taken).', count, tracked),
				other: vscode.l10n.t('Imported {0} Veo tasks, {1} already tracked (the file was not an exported list; every task ID in it was taken).', count, tracked),
			})
		: plural(added, {
				one: vscode.l10n.t('Imported {0} Veo task (the file was not an exported list; every task ID in it was taken).', count),
				other: vscode.l10n.t('Imported {0} Veo tasks (the file was not an exported list; every task ID in it was taken).', count),
			});
}

/**
 * Tracks the tasks read from a task list (`recognized`: it was an exported list, not any file with
 * task IDs in it), says how many, and refreshes the new ones.
 */
export async function trackImportedTasks(services: Services, tasks: readonly ImportedTask[], recognized: boolean): Promise<{ added: string[]; alreadyTracked: string[] }> {
	if (!tasks.length) {
		void vscode.window.showWarningMessage(vscode.l10n.t('No Veo task IDs found in that file.'));
		return { added: [], alreadyTracked: [] };
	}
	// One add and one write for the whole list, whatever the number of parents (one per parent was
	// thousands of writes of the whole list for an export with many follow-ups).
	const { added, alreadyTracked } = await services.repository.addEntries(tasks);
	void vscode.window.showInformationMessage(importedMessage(added.length, alreadyTracked.length, recognized));
	if (added.length) {
		void services.refresher.refresh(added, { interactive: true, reason: 'added' });
	}
	return { added, alreadyTracked };
}
