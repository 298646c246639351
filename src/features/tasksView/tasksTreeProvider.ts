import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { buildTaskRow, type RowDisplay } from '../../core/view/taskRow';
import type { TaskListView, TrackedTask } from '../../core/tasks/taskList';
import { formatNumber, plural } from '../../core/l10n/format';
import { groupIdOf, groupTasks, hiddenWhenFinishedHidden, isGroupId, type GroupBy } from '../../core/view/taskGroups';

/** What the provider needs of the view's choices (ViewPreferences). */
export interface TreeShape {
	readonly groupBy: GroupBy;
	readonly hideFinished: boolean;
}

/**
 * The "Tasks" tree. Elements are task IDs, and group IDs (`group:…`) when grouped; rows are built
 * from the TaskList by the pure `buildTaskRow`. A change to some tasks redraws only their rows;
 * adding, removing or reordering redraws the list, and so does a change that moves a task between
 * groups or hides it.
 */
export class TasksTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<string | string[] | undefined>();
	private grouped: ReturnType<typeof groupTasks> | undefined;
	readonly onDidChangeTreeData = this.changeEmitter.event;
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly list: TaskListView,
		private readonly ready: Promise<void>,
		private readonly shape: TreeShape = { groupBy: 'none', hideFinished: false },
		private readonly now: () => number = Date.now,
		private readonly display: () => RowDisplay = () => ({}),
	) {
		this.subscription = list.onDidChange((change) => {
			// A state change moves a row to another group, or hides it: only a full redraw does that.
			const reshapes = this.shape.groupBy === 'state' || this.shape.hideFinished;
			if (change.structural || (reshapes && change.changed.length)) {
				this.redraw(undefined);
			} else if (change.changed.length) {
				this.redraw(change.changed);
			}
		});
	}

	private visible(tasks: readonly TrackedTask[]): TrackedTask[] {
		if (!this.shape.hideFinished) {
			return tasks as TrackedTask[];
		}
		const childrenOf = (id: string): readonly TrackedTask[] => this.list.childrenOf(id);
		return tasks.filter((task) => !hiddenWhenFinishedHidden(task, childrenOf));
	}

	/** Redraws every row (relative times age). */
	refreshAll(): void {
		this.redraw(undefined);
	}

	/** Every redraw starts from fresh groups: VS Code then asks for the root and each group in turn. */
	private redraw(ids: string[] | undefined): void {
		this.grouped = undefined;
		this.changeEmitter.fire(ids);
	}

	async getChildren(parentId?: string): Promise<string[]> {
		await this.ready;
		if (parentId && isGroupId(parentId)) {
			return (
				this.groups()
					.find((group) => group.id === parentId)
					?.tasks.map((task) => task.id) ?? []
			);
		}
		if (!parentId && this.shape.groupBy !== 'none') {
			return this.groups().map((group) => group.id);
		}
		const tasks = this.visible(parentId ? this.list.childrenOf(parentId) : this.list.roots());
		return tasks.map((task) => task.id);
	}

	/**
	 * The groups of the visible top-level tasks (none when not grouped), computed once per redraw:
	 * the root and every group node read them.
	 */
	private groups(): ReturnType<typeof groupTasks> {
		this.grouped ??= groupTasks(this.visible(this.list.roots()), this.shape.groupBy, this.now());
		return this.grouped;
	}

	getParent(id: string): string | undefined {
		if (isGroupId(id)) {
			return undefined;
		}
		const task = this.list.get(id);
		const parentId = task?.parentId;
		if (parentId && this.list.has(parentId)) {
			return parentId;
		}
		return task ? groupIdOf(task, this.shape.groupBy) : undefined;
	}

	getTreeItem(id: string): vscode.TreeItem {
		if (isGroupId(id)) {
			return this.groupItem(id);
		}
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
		item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}', row.label, row.description) };
		item.command = { command: Commands.openTask, title: vscode.l10n.t('Open Task'), arguments: [id] };
		return item;
	}

	private groupItem(id: string): vscode.TreeItem {
		const group = this.groups().find((candidate) => candidate.id === id);
		const count = group?.tasks.length ?? 0;
		const item = new vscode.TreeItem(group?.label ?? '', vscode.TreeItemCollapsibleState.Expanded);
		item.id = id;
		item.description = formatNumber(count);
		item.contextValue = 'group';
		const label = group?.label ?? '';
		item.accessibilityInformation = {
			label: plural(count, {
				one: vscode.l10n.t('{0}, {1} task', label, formatNumber(count)),
				other: vscode.l10n.t('{0}, {1} tasks', label, formatNumber(count)),
			}),
		};
		return item;
	}

	/** The tooltip, built only when someone hovers the row. */
	resolveTreeItem(item: vscode.TreeItem, id: string): vscode.TreeItem {
		const task = isGroupId(id) ? undefined : this.list.get(id);
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
