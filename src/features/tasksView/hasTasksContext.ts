import * as vscode from 'vscode';
import { ContextKeys } from '../../constants';
import type { TaskListView } from '../../core/tasks/taskList';

/** `veoTasks.hasTasks`: the view's welcome and the title's menus show by whether anything is tracked. */
export function registerHasTasksContext(list: TaskListView, subscriptions: vscode.Disposable[]): void {
	subscriptions.push(list.onDidChange(() => void vscode.commands.executeCommand('setContext', ContextKeys.hasTasks, list.size > 0)));
}
