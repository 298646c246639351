import * as vscode from 'vscode';
import { Views } from '../constants';
import type { TaskRepository } from '../store/taskRepository';
import type { TaskRefresher } from '../refresh/taskRefresher';
import { TasksTreeProvider } from './tasksTreeProvider';

const AGE_REDRAW_MS = 60_000;

/** Creates the Tasks view and keeps its title-bar description and message in step with refreshes. */
export function registerTasksView(context: vscode.ExtensionContext, repository: TaskRepository, refresher: TaskRefresher): { view: vscode.TreeView<string>; provider: TasksTreeProvider } {
	const provider = new TasksTreeProvider(repository.list, repository.ready);
	const view = vscode.window.createTreeView(Views.tasks, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: false });

	let lastUpdated: number | undefined;
	const describe = (): void => {
		view.description = lastUpdated !== undefined ? `updated ${new Date(lastUpdated).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : undefined;
	};

	// Relative times ("3 min ago") age: redraw once a minute while someone can see them.
	const ageTimer = setInterval(() => {
		if (view.visible) {
			provider.refreshAll();
		}
	}, AGE_REDRAW_MS);

	context.subscriptions.push(
		provider,
		view,
		{ dispose: () => clearInterval(ageTimer) },
		refresher.onDidRefresh((result) => {
			if (!result.requested.length) {
				return;
			}
			if (result.error) {
				view.message = `Last refresh failed: ${result.error.message}`;
			} else {
				view.message = undefined;
				lastUpdated = Date.now();
			}
			describe();
		}),
	);
	return { view, provider };
}
