import * as vscode from 'vscode';
import { Settings, Views } from '../constants';
import type { TaskRepository } from '../store/taskRepository';
import type { TaskRefresher } from '../refresh/taskRefresher';
import { TasksTreeProvider } from './tasksTreeProvider';
import { readRowDisplay } from '../configuration/settings';

const AGE_REDRAW_MS = 60_000;

/** Creates the Tasks view and keeps its title-bar description and message in step with refreshes. */
export function registerTasksView(context: vscode.ExtensionContext, repository: TaskRepository, refresher: TaskRefresher): { view: vscode.TreeView<string>; provider: TasksTreeProvider } {
	// Read once, not per row: a tree of thousands of rows would read the settings thousands of times.
	let display = readRowDisplay();
	const provider = new TasksTreeProvider(repository.list, repository.ready, Date.now, () => display);
	const view = vscode.window.createTreeView(Views.tasks, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: false });

	let lastUpdated: number | undefined;
	let lastError: string | undefined;
	/**
	 * When the list was last updated, or why the last refresh failed. The message line is what
	 * shows when the view is alone in its container (VS Code hides the view's own header, and its
	 * description, then); the description shows when the view shares a container.
	 */
	const describe = (): void => {
		const updated = lastUpdated !== undefined ? `Updated ${new Date(lastUpdated).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : undefined;
		view.description = updated?.toLowerCase();
		// An empty list shows the welcome content instead.
		view.message = !repository.list.size ? undefined : lastError ? `Last refresh failed: ${lastError}` : updated;
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
			lastError = result.error?.message;
			if (!result.error) {
				lastUpdated = Date.now();
			}
			describe();
		}),
		repository.list.onDidChange((change) => {
			if (change.structural) {
				describe();
			}
		}),
		// Which rows are stalled depends on the give-up setting.
		vscode.workspace.onDidChangeConfiguration((event) => {
			if (event.affectsConfiguration(`${Settings.section}.${Settings.giveUpAfterMinutes}`)) {
				display = readRowDisplay();
				provider.refreshAll();
			}
		}),
	);
	return { view, provider };
}
