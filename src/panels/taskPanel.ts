import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { PANEL_VIEW_TYPE } from '../constants';
import type { TaskList } from '../core/tasks/taskList';
import { buildTaskPanelModel, panelTitle, type TaskPanelModel } from '../core/view/taskPanelModel';
import { mediaSources, renderTaskPanelHtml } from '../core/view/taskPanelHtml';

/** Messages the page sends; anything else is ignored. */
type PageMessage =
	| { type: 'ready' }
	| { type: 'command'; command: string; taskId?: unknown }
	| { type: 'videoLoaded'; duration?: unknown }
	| { type: 'videoError' };

/** Commands the page's buttons may run, mapped to extension commands by the caller. */
export type PanelCommandHandler = (command: string, taskId: string) => unknown;

/**
 * One editor tab per task. Opening a task again reveals its tab. The page is rebuilt only when its
 * Content-Security-Policy must change (the video's origin); otherwise updates are posted to it.
 */
export class TaskPanel implements vscode.Disposable {
	private static readonly panels = new Map<string, TaskPanel>();
	private readonly disposables: vscode.Disposable[] = [];
	private mediaPolicy = '';
	/** Set by the page; tests and the log read it. */
	videoState: 'none' | 'loaded' | 'error' = 'none';

	static createOrShow(extensionUri: vscode.Uri, list: TaskList, taskId: string, onCommand: PanelCommandHandler): TaskPanel | undefined {
		const existing = TaskPanel.panels.get(taskId);
		if (existing) {
			existing.panel.reveal(existing.panel.viewColumn);
			return existing;
		}
		if (!list.has(taskId)) {
			return undefined;
		}
		const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Veo task', vscode.ViewColumn.Active, {
			enableScripts: true,
			retainContextWhenHidden: false,
			localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
			enableFindWidget: true,
		});
		const taskPanel = new TaskPanel(panel, extensionUri, list, taskId, onCommand);
		TaskPanel.panels.set(taskId, taskPanel);
		return taskPanel;
	}

	static get(taskId: string): TaskPanel | undefined {
		return TaskPanel.panels.get(taskId);
	}

	static disposeAll(): void {
		for (const panel of [...TaskPanel.panels.values()]) {
			panel.dispose();
		}
	}

	private constructor(
		readonly panel: vscode.WebviewPanel,
		private readonly extensionUri: vscode.Uri,
		private readonly list: TaskList,
		readonly taskId: string,
		private readonly onCommand: PanelCommandHandler,
	) {
		panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'veo.svg');
		this.update();
		this.disposables.push(
			panel.onDidDispose(() => this.dispose()),
			panel.webview.onDidReceiveMessage((message: PageMessage) => this.receive(message)),
			list.onDidChange((change) => {
				if (change.structural || change.changed.includes(taskId)) {
					this.update();
				}
			}),
		);
	}

	/** The model the page shows now (also what tests compare the page against). */
	model(): TaskPanelModel | undefined {
		const task = this.list.get(this.taskId);
		if (!task) {
			return undefined;
		}
		return buildTaskPanelModel(task, this.list.record(this.taskId), {
			parent: task.parentId ? this.list.get(task.parentId) : undefined,
			followUps: this.list.childrenOf(this.taskId),
		});
	}

	private update(): void {
		const model = this.model();
		const task = this.list.get(this.taskId);
		if (!model || !task) {
			// The task was removed: its tab has nothing left to show.
			this.panel.dispose();
			return;
		}
		this.panel.title = panelTitle(task);
		const policy = mediaSources(model);
		if (policy !== this.mediaPolicy) {
			this.mediaPolicy = policy;
			const webview = this.panel.webview;
			const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
			webview.html = renderTaskPanelHtml(model, {
				cspSource: webview.cspSource,
				nonce: randomBytes(16).toString('base64'),
				scriptUri: media('taskPanel.js'),
				styleUri: media('taskPanel.css'),
			});
		} else {
			void this.panel.webview.postMessage({ type: 'update', model });
		}
	}

	private receive(message: PageMessage): void {
		switch (message?.type) {
			case 'command': {
				const taskId = typeof message.taskId === 'string' && this.list.has(message.taskId) ? message.taskId : this.taskId;
				void this.onCommand(message.command, taskId);
				break;
			}
			case 'videoLoaded':
				this.videoState = 'loaded';
				break;
			case 'videoError':
				this.videoState = 'error';
				break;
			case 'ready':
				break;
		}
	}

	dispose(): void {
		TaskPanel.panels.delete(this.taskId);
		this.panel.dispose();
		for (const disposable of this.disposables.splice(0)) {
			disposable.dispose();
		}
	}
}
