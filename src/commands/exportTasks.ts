import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { formatNumber, plural } from '../core/l10n/format';
import { exportTaskList } from '../core/tasks/taskExport';
import type { TaskListReader } from '../services/taskRepository';

/**
 * "Export Task List…": the tracked IDs and their last known state, as JSON. The file is always chosen
 * in the save dialog, never by an argument (a crafted call could otherwise write anywhere).
 */
export async function exportTasks(services: { repository: TaskListReader }): Promise<string | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	if (!list.size) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No Veo tasks to export.'));
		return undefined;
	}
	const workspace = vscode.workspace.workspaceFolders?.[0];
	const uri = await vscode.window.showSaveDialog({
		title: vscode.l10n.t('Export Veo task list'),
		// The team's list first: a workspace that ships it offers it to everyone who opens it.
		defaultUri: workspace ? vscode.Uri.joinPath(workspace.uri, ...WORKSPACE_TASK_LIST_PATH.split('/')) : undefined,
		filters: { JSON: ['json'] },
	});
	if (!uri) {
		return undefined;
	}
	const content = JSON.stringify(exportTaskList(list.all(), Date.now()), null, 2);
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${content}\n`));
	const count = formatNumber(list.size);
	const where = vscode.workspace.asRelativePath(uri);
	void vscode.window.showInformationMessage(
		plural(list.size, { one: vscode.l10n.t('Exported {0} Veo task to {1}.', count, where), other: vscode.l10n.t('Exported {0} Veo tasks to {1}.', count, where) }),
	);
	return uri.fsPath;
}
