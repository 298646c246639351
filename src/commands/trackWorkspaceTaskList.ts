import * as vscode from 'vscode';
import { Commands, WORKSPACE_TASK_LIST_PATH } from '../constants';
import type { TaskTracking } from '../services/taskTracking';
import { scanWorkspaceTaskList } from '../services/workspaceFiles';

/** "Track Workspace Task List": tracks every task of the workspace's `.vscode/veo-tasks.json`. */
export async function trackWorkspaceTaskList(services: { tracking: TaskTracking }): Promise<{ added: string[]; alreadyTracked: string[] } | undefined> {
	const scan = await scanWorkspaceTaskList();
	const found = scan.list;
	if (!found && scan.refused) {
		void vscode.window.showWarningMessage(scan.refused);
		return undefined;
	}
	if (!found) {
		const exportList = vscode.l10n.t('Export Task List…');
		const choice = await vscode.window.showInformationMessage(
			vscode.l10n.t('This workspace has no {0} with Veo tasks. Export Task List… writes one there for your team.', WORKSPACE_TASK_LIST_PATH),
			exportList,
		);
		if (choice === exportList) {
			await vscode.commands.executeCommand(Commands.exportTasks);
		}
		return undefined;
	}
	return services.tracking.track(found.tasks, { source: 'workspaceList', recognized: found.recognized, interactive: true });
}
