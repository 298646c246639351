import * as vscode from 'vscode';
import { Commands } from '../constants';
import { buildTaskRow, type RowDisplay } from '../core/view/taskRow';
import type { TaskList } from '../core/tasks/taskList';

/**
 * The "Tasks" tree. Elements are task IDs; rows are built from the TaskList by the pure
 * `buildTaskRow`. A change to some tasks redraws only their rows; adding, removing or reordering
 * redraws the list.
 */
export class TasksTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<string | string[] | undefined>();
	readonly onDidChangeTreeData = this.changeEmitter.event;
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly list: TaskList,
		private readonly ready: Promise<void>,
		private readonly now: () => number = Date.now,
		private readonly display: () => RowDisplay = () => ({}),
	) {
		this.subscription = list.onDidChange((change) => {
			if (change.structural) {
				this.changeEmitter.fire(undefined);
			} else if (change.changed.length) {
				this.changeEmitter.fire(change.changed);
			}
		});
	}

	/** Redraws every row (relative times age). */
	refreshAll(): void {
		this.changeEmitter.fire(undefined);
	}

	async getChildren(parentId?: string): Promise<string[]> {
		await this.ready;
		const tasks = parentId ? this.list.childrenOf(parentId) : this.list.roots();
		return tasks.map((task) => task.id);
	}

	getParent(id: string): string | undefined {
		const parentId = this.list.get(id)?.parentId;
		return parentId && this.list.has(parentId) ? parentId : undefined;
	}

	getTreeItem(id: string): vscode.TreeItem {
		const task = this.list.get(id);
		if (!task) {
			// A row removed between the redraw request and now: VS Code drops it on the next redraw.
			return new vscode.TreeItem(id);
		}
		const hasChildren = this.list.childrenOf(id).length > 0;
		const row = buildTaskRow(task, this.now(), hasChildren, this.display());
		const item = new vscode.TreeItem(row.label, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
		item.id = row.id;
		item.description = row.description;
		item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
		item.contextValue = row.contextValue;
		item.accessibilityInformation = { label: `${row.label}, ${row.description}` };
		item.command = { command: Commands.openTask, title: 'Open Task', arguments: [id] };
		return item;
	}

	/** The tooltip, built only when someone hovers the row. */
	resolveTreeItem(item: vscode.TreeItem, id: string): vscode.TreeItem {
		const task = this.list.get(id);
		if (task) {
			// Untrusted, no HTML, no command links: everything from the server is escaped by buildTaskRow.
			const tooltip = new vscode.MarkdownString(buildTaskRow(task, this.now(), false, this.display()).tooltip, false);
			tooltip.isTrusted = false;
			tooltip.supportHtml = false;
			item.tooltip = tooltip;
		}
		return item;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changeEmitter.dispose();
	}
}
