import type * as vscode from 'vscode';
import type { TaskListReader } from '../../services/taskRepository';
import type { TaskTracking } from '../../services/taskTracking';
import { FINISHED_STATES } from '../../core/tasks/taskState';
import { taskIdOfPageState } from './panelProtocol';
import { TaskPanel, type PanelCommandHandler } from './taskPanel';

/**
 * Brings task tabs back after a reload. VS Code keeps each tab with the state its page saved
 * (`PanelPageState`: the task ID and the player's position); the tab shows the task from the cache
 * at once and is refreshed, so a task that finished meanwhile is seen as it is now.
 */
export class TaskPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
	constructor(
		private readonly extensionUri: vscode.Uri,
		private readonly repository: TaskListReader,
		private readonly tracking: Pick<TaskTracking, 'track'>,
		private readonly onCommand: PanelCommandHandler,
	) {}

	async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
		await this.repository.ready;
		const taskId = taskIdOfPageState(state);
		const revived = taskId ? TaskPanel.revive(panel, this.extensionUri, this.repository.list, taskId, this.onCommand) : undefined;
		if (!revived) {
			// A tab of a task no longer tracked (or a state we cannot read) has nothing to show.
			panel.dispose();
			return;
		}
		// A finished task is shown from the cache as it is: only one that may have moved on is asked
		// about, and every tab restored in the same turn shares one request.
		const known = this.repository.list.get(revived.taskId)?.summary.state;
		if (known === undefined || !FINISHED_STATES.has(known)) {
			this.queueRefresh(revived.taskId);
		}
	}

	private readonly queued = new Set<string>();

	private queueRefresh(taskId: string): void {
		if (this.queued.size === 0) {
			setTimeout(() => {
				const ids = [...this.queued];
				this.queued.clear();
				void this.tracking.track(ids, { source: 'restoredTab', fetch: 'all' });
			}, 0);
		}
		this.queued.add(taskId);
	}
}
