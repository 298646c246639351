import * as vscode from 'vscode';
import { Commands, WORKSPACE_TASK_LIST_PATH } from '../constants';
import type { Services } from '../services';
import { findWorkspaceTaskList } from '../workspace/workspaceTaskList';
import { trackImportedTasks } from './importTasks';

/** "Track Workspace Task List": tracks every task of the workspace's `.vscode/veo-tasks.json`. */
export async function trackWorkspaceTaskList(services: Services): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	const found = await findWorkspaceTaskList();
	if (!found) {
		const choice = await vscode.window.showInformationMessage(
			`This workspace has no ${WORKSPACE_TASK_LIST_PATH} with Veo tasks. Export Task List… writes one there for your team.`,
			'Export Task List…',
		);
		if (choice) {
			await vscode.commands.executeCommand(Commands.exportTasks);
		}
		return undefined;
	}
	return trackImportedTasks(services, found.tasks, found.recognized);
}
