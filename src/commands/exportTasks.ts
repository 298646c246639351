import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { formatNumber, plural } from '../core/l10n/format';
import { exportTaskList } from '../core/tasks/taskExport';
import type { TaskListReader } from '../services/taskRepository';
import type { TokenStore } from '../services/tokenStore';
import { redactParsed } from '../core/security/redaction';
import { isPlainWorkspacePath, RegularFileWriteError, writeRegularFile } from '../services/workspaceFiles';

/**
 * "Export Task List…": the tracked IDs and their last known state, as JSON. The file is always chosen
 * in the save dialog, never by an argument (a crafted call could otherwise write anywhere).
 */
export async function exportTasks(services: { repository: TaskListReader; tokens: Pick<TokenStore, 'get'> }): Promise<string | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	if (!list.size) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No Veo tasks to export.'));
		return undefined;
	}
	const workspace = vscode.workspace.workspaceFolders?.[0];
	// The team's list first: a workspace that ships it offers it to everyone who opens it. Not when a
	// link is on the way: the repository would choose what the export overwrites.
	const teamList =
		workspace && (await isPlainWorkspacePath(workspace.uri, WORKSPACE_TASK_LIST_PATH))
			? vscode.Uri.joinPath(workspace.uri, ...WORKSPACE_TASK_LIST_PATH.split('/'))
			: workspace?.uri;
	const uri = await vscode.window.showSaveDialog({
		title: vscode.l10n.t('Export Veo task list'),
		defaultUri: teamList,
		filters: { JSON: ['json'] },
	});
	if (!uri) {
		return undefined;
	}
	// Records are redacted as they arrive; this also covers any cached before that was so.
	const token = await services.tokens.get();
	const content = JSON.stringify(redactParsed(exportTaskList(list.all(), Date.now()), token ? [token] : []), null, 2);
	try {
		// Never through a link: the file is replaced as a regular file, or the export is refused.
		await writeRegularFile(uri, `${content}\n`);
	} catch (error) {
		void vscode.window.showErrorMessage(
			error instanceof RegularFileWriteError
				? error.message
				: vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)),
		);
		return undefined;
	}
	const count = formatNumber(list.size);
	const where = vscode.workspace.asRelativePath(uri);
	void vscode.window.showInformationMessage(
		plural(list.size, {
			one: vscode.l10n.t('Exported {0} Veo task to {1}.', count, where),
			other: vscode.l10n.t('Exported {0} Veo tasks to {1}.', count, where),
		}),
	);
	return uri.fsPath;
}
