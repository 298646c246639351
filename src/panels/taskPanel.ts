import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { PANEL_VIEW_TYPE } from '../constants';
import type { TaskList } from '../core/tasks/taskList';
import { buildTaskPanelModel, panelTitle, type TaskPanelModel } from '../core/view/taskPanelModel';
import { mediaSources, renderTaskPanelHtml } from '../core/view/taskPanelHtml';
import { readRowDisplay } from '../configuration/settings';

/** Messages the page sends; anything else is ignored. */
type PageMessage =
	| { type: 'ready' }
	| { type: 'command'; command: string; taskId?: unknown }
	| { type: 'videoLoaded'; duration?: unknown }
	| { type: 'videoError' }
	| { type: 'inspection'; id?: unknown; report?: unknown };

/** What the page reports it rendered (see `inspect` in media/taskPanel.js). */
export interface PageInspection {
	/** Elements by tag name. */
	tags: Record<string, number>;
	/** `tag attribute` of every on* attribute. */
	handlers: string[];
	/** `tag href` of every href attribute. */
	links: string[];
	/** `tag src` of every src attribute. */
	sources: string[];
	/** Every script element: its src (or "inline") and the start of its text. */
	scripts: string[];
	href: string;
	documentTitle: string;
	title: string | null;
	failure: string | null;
	json: string | null;
	/** The fields list: label to the text shown. */
	fields: Record<string, string>;
	/** Whether any injected payload ran (they set window.__veoInjected). */
	injected: boolean;
}

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
	private readonly inspections = new Map<number, (report: PageInspection) => void>();
	private nextInspection = 0;

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
		}, Date.now(), readRowDisplay());
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
			case 'inspection':
				if (typeof message.id === 'number') {
					this.inspections.get(message.id)?.(message.report as PageInspection);
					this.inspections.delete(message.id);
				}
				break;
			case 'ready':
				break;
		}
	}

	/**
	 * Asks the page what it rendered. The question is repeated until the page answers: it may still
	 * be loading (or reloading for a new media policy) when asked.
	 */
	async inspect(timeoutMs = 10_000): Promise<PageInspection> {
		const id = this.nextInspection++;
		const answered = new Promise<PageInspection>((resolve) => this.inspections.set(id, resolve));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			void this.panel.webview.postMessage({ type: 'inspect', id });
			const report = await Promise.race([answered, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 250))]);
			if (report) {
				return report;
			}
			if (Date.now() > deadline) {
				this.inspections.delete(id);
				throw new Error(`The task panel did not answer within ${timeoutMs} ms.`);
			}
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
