import * as vscode from 'vscode';
import { ContextKeys, VIEW_PREFERENCES_STATE_KEY } from '../constants';
import { isGroupBy, type GroupBy } from '../core/view/taskGroups';

interface StoredPreferences {
	groupBy?: unknown;
	hideFinished?: unknown;
	autoRefreshPaused?: unknown;
}

/**
 * The Tasks view's choices: grouping, hidden finished tasks, paused auto-refresh. Remembered per
 * workspace (workspaceState: one project's list is grouped by day, another's by state), mirrored in
 * context keys so the title bar shows the right one of each toggle pair.
 */
export class ViewPreferences implements vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChange = this.changeEmitter.event;
	private current: { groupBy: GroupBy; hideFinished: boolean; autoRefreshPaused: boolean };

	constructor(private readonly state: vscode.Memento) {
		const stored = state.get<StoredPreferences>(VIEW_PREFERENCES_STATE_KEY) ?? {};
		this.current = {
			groupBy: isGroupBy(stored.groupBy) ? stored.groupBy : 'none',
			hideFinished: stored.hideFinished === true,
			autoRefreshPaused: stored.autoRefreshPaused === true,
		};
		void this.updateContext();
	}

	get groupBy(): GroupBy {
		return this.current.groupBy;
	}

	get hideFinished(): boolean {
		return this.current.hideFinished;
	}

	get autoRefreshPaused(): boolean {
		return this.current.autoRefreshPaused;
	}

	async update(change: Partial<{ groupBy: GroupBy; hideFinished: boolean; autoRefreshPaused: boolean }>): Promise<void> {
		this.current = { ...this.current, ...change };
		this.changeEmitter.fire();
		await Promise.all([this.state.update(VIEW_PREFERENCES_STATE_KEY, this.current), this.updateContext()]);
	}

	private async updateContext(): Promise<void> {
		await Promise.all([
			vscode.commands.executeCommand('setContext', ContextKeys.finishedHidden, this.current.hideFinished),
			vscode.commands.executeCommand('setContext', ContextKeys.autoRefreshPaused, this.current.autoRefreshPaused),
		]);
	}

	dispose(): void {
		this.changeEmitter.dispose();
	}
}
