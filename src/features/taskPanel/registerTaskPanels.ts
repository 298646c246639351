import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../constants';
import type { TaskListReader } from '../../services/taskRepository';
import type { TaskTracking } from '../../services/taskTracking';
import type { FollowUpOffers } from '../../core/generation/followUps';
import { PANEL_COMMANDS } from './panelProtocol';
import { TaskPanel, type PanelCommandHandler } from './taskPanel';
import { TaskPanelSerializer } from './taskPanelSerializer';

/**
 * The task panel feature: the tabs, the commands their buttons run, and the serializer that brings
 * them back after a reload (registered during activation, as VS Code requires). Returns the
 * function that opens (or reveals) a task's tab.
 */
export function registerTaskPanels(
	context: Pick<vscode.ExtensionContext, 'extensionMode' | 'extensionUri' | 'subscriptions'>,
	{ repository, tracking, followUps }: { repository: TaskListReader; tracking: TaskTracking; followUps: FollowUpOffers },
): { openPanel: (taskId: string) => TaskPanel | undefined; serializer: TaskPanelSerializer } {
	// The page answers `inspect` (what it rendered) to the integration tests only.
	TaskPanel.inspectable = context.extensionMode === vscode.ExtensionMode.Test;
	// A follow-up the API refused hides its button in every open tab too.
	TaskPanel.followUps = followUps;
	context.subscriptions.push(followUps.onDidChange(() => TaskPanel.updateAll()));
	const onCommand: PanelCommandHandler = (command, taskId) => vscode.commands.executeCommand(PANEL_COMMANDS[command], taskId);
	const serializer = new TaskPanelSerializer(context.extensionUri, repository, tracking, onCommand);
	context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, serializer), { dispose: () => TaskPanel.disposeAll() });
	const openPanel = (taskId: string): TaskPanel | undefined => TaskPanel.createOrShow(context.extensionUri, repository.list, taskId, onCommand);
	return { openPanel, serializer };
}
