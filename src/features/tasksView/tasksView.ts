import * as vscode from 'vscode';
import { Settings, Views } from '../../constants';
import type { TaskListReader } from '../../services/taskRepository';
import type { TaskRefresher } from '../../services/taskRefresher';
import { TasksTreeProvider } from './tasksTreeProvider';
import type { ViewPreferences } from '../../services/viewPreferences';
import { TaskDragAndDropController, TaskLinkDropProvider } from './taskDragAndDrop';
import { readRowDisplay } from '../../services/settings';
import { formatNumber, formatTimeOfDay, plural } from '../../core/l10n/format';

const AGE_REDRAW_MS = 60_000;

/**
 * Creates the Tasks view and keeps its title-bar description and message in step with refreshes,
 * its shape with the view's choices, and its badge with what finished while nobody looked.
 */
export function registerTasksView(
	context: Pick<vscode.ExtensionContext, 'subscriptions'>,
	repository: TaskListReader,
	refresher: Pick<TaskRefresher, 'onDidRefresh'>,
	preferences: ViewPreferences,
	/** Tasks discovery found (their rows say so). */
	isFound?: (id: string) => boolean,
): { view: vscode.TreeView<string>; provider: TasksTreeProvider } {
	// Read once, not per row: a tree of thousands of rows would read the settings thousands of times.
	let display = { ...readRowDisplay(), isFound };
	const provider = new TasksTreeProvider(repository.list, repository.ready, preferences, Date.now, () => display);
	const view = vscode.window.createTreeView(Views.tasks, {
		treeDataProvider: provider,
		canSelectMany: true,
		showCollapseAll: false,
		dragAndDropController: new TaskDragAndDropController(repository.list),
	});

	/** Tasks that finished while the view was not visible: the activity bar's badge counts them. */
	const unseen = new Set<string>();
	const showBadge = (): void => {
		const count = formatNumber(unseen.size);
		const tooltip = plural(unseen.size, {
			one: vscode.l10n.t('{0} Veo task finished since you last looked', count),
			other: vscode.l10n.t('{0} Veo tasks finished since you last looked', count),
		});
		view.badge = unseen.size ? { value: unseen.size, tooltip } : undefined;
	};

	let lastUpdated: number | undefined;
	let lastError: string | undefined;
	/**
	 * When the list was last updated, or why the last refresh failed. The message line is what
	 * shows when the view is alone in its container (VS Code hides the view's own header, and its
	 * description, then); the description shows when the view shares a container.
	 */
	const describe = (): void => {
		const time = lastUpdated !== undefined ? formatTimeOfDay(lastUpdated) : undefined;
		const updated = time !== undefined ? vscode.l10n.t('Updated {0}', time) : undefined;
		// The description is the same line in lower case, as its own message: lower-casing a
		// translation is no rule of every language.
		view.description = time !== undefined ? vscode.l10n.t('updated {0}', time) : undefined;
		// An empty list shows the welcome content instead.
		const status = !repository.list.size ? undefined : lastError ? vscode.l10n.t('Last refresh failed: {0}', lastError) : updated;
		// Paused polling is a choice that outlives the session: say so where the list is read.
		if (repository.list.size && preferences.autoRefreshPaused) {
			view.message = status ? vscode.l10n.t('{0} · auto-refresh paused', status) : vscode.l10n.t('auto-refresh paused');
		} else {
			view.message = status;
		}
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
		preferences.onDidChange(() => {
			provider.refreshAll();
			describe();
		}),
		vscode.languages.registerDocumentDropEditProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new TaskLinkDropProvider(repository.list)),
		view.onDidChangeVisibility(({ visible }) => {
			if (visible && unseen.size) {
				unseen.clear();
				showBadge();
			}
		}),
		refresher.onDidRefresh((result) => {
			if (!view.visible) {
				for (const id of [...result.finished.succeeded, ...result.finished.failed]) {
					unseen.add(id);
				}
				showBadge();
			}
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
				// A removed task is no longer news.
				const before = unseen.size;
				for (const id of unseen) {
					if (!repository.list.has(id)) {
						unseen.delete(id);
					}
				}
				if (unseen.size !== before) {
					showBadge();
				}
			}
		}),
		// Which rows are stalled depends on the give-up setting.
		vscode.workspace.onDidChangeConfiguration((event) => {
			if (event.affectsConfiguration(`${Settings.section}.${Settings.giveUpAfterMinutes}`)) {
				display = { ...readRowDisplay(), isFound };
				provider.refreshAll();
			}
		}),
	);
	return { view, provider };
}
