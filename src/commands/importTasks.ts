import * as vscode from 'vscode';
import { readImportedTaskList } from '../core/tasks/taskExport';
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
	const added: string[] = [];
	const alreadyTracked: string[] = [];
	// One add per parent (top-level tasks first), so a large list is saved in a few writes.
	const byParent = new Map<string | undefined, string[]>();
	for (const task of tasks) {
		byParent.set(task.parentId, [...(byParent.get(task.parentId) ?? []), task.id]);
	}
	const groups = [...byParent].sort(([a], [b]) => Number(a !== undefined) - Number(b !== undefined));
	for (const [parentId, ids] of groups) {
		const result = await services.repository.add(ids, { parentId });
		added.push(...result.added);
		alreadyTracked.push(...result.alreadyTracked);
	}
	const note = recognized ? '' : ' (the file was not an exported list; every task ID in it was taken)';
	void vscode.window.showInformationMessage(`Imported ${added.length} Veo task${added.length === 1 ? '' : 's'}${alreadyTracked.length ? `, ${alreadyTracked.length} already tracked` : ''}${note}.`);
	if (added.length) {
		void services.refresher.refresh(added, { interactive: true, reason: 'added' });
	}
	return { added, alreadyTracked };
}
