import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { MAX_IMPORT_BYTES, readImportedTaskList, type ImportedTask } from '../core/tasks/taskExport';

/** A team's task list in a workspace folder: `.vscode/veo-tasks.json`, in the export format. */
export interface WorkspaceTaskList {
	uri: vscode.Uri;
	tasks: ImportedTask[];
	/** The file is an exported list (not any file with task IDs in it). */
	recognized: boolean;
}

/** Each workspace folder's `.vscode/veo-tasks.json` that exists, in folder order. */
export async function workspaceTaskListFiles(): Promise<vscode.Uri[]> {
	const found: vscode.Uri[] = [];
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const uri = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_TASK_LIST_PATH.split('/'));
		try {
			await vscode.workspace.fs.stat(uri);
			found.push(uri);
		} catch {
			// No list in this folder.
		}
	}
	return found;
}

/**
 * A file's text, read only when it is at most `maxBytes` (checked before reading: a file of
 * gigabytes would otherwise be read whole into memory). Throws what the file system throws.
 */
export async function readTextCapped(uri: vscode.Uri, maxBytes = MAX_IMPORT_BYTES): Promise<{ text: string } | { tooLarge: number }> {
	const { size } = await vscode.workspace.fs.stat(uri);
	if (size > maxBytes) {
		return { tooLarge: size };
	}
	return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
}

/** The first workspace folder's `.vscode/veo-tasks.json` that holds task IDs; undefined without one. */
export async function findWorkspaceTaskList(): Promise<WorkspaceTaskList | undefined> {
	for (const uri of await workspaceTaskListFiles()) {
		let read: Awaited<ReturnType<typeof readTextCapped>>;
		try {
			read = await readTextCapped(uri);
		} catch {
			continue;
		}
		// A cloned repository decides this file's size: past the import limit it is not read at
		// startup at all (Import Task List… says why when asked for it).
		if ('tooLarge' in read) {
			continue;
		}
		const { tasks, recognized } = readImportedTaskList(read.text);
		if (tasks.length) {
			return { uri, tasks, recognized };
		}
	}
	return undefined;
}
