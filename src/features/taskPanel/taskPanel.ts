import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { PANEL_VIEW_TYPE } from '../../constants';
import type { PromptFileLink, TaskListView } from '../../core/tasks/taskList';
import type { FollowUpOffers } from '../../core/generation/followUps';
import { buildTaskPanelModel, panelTitle, type PromptFileState, type TaskPanelModel } from '../../core/view/taskPanelModel';
import { imageSources, mediaSources, renderTaskPanelHtml } from '../../core/view/taskPanelHtml';
import {
	isPanelCommand,
	type HostMessage,
	type InspectionReply,
	type InspectRequest,
	type PageInspection,
	type PageMessage,
	type PanelCommand,
	type Received,
} from './panelProtocol';
import { readRowDisplay } from '../../services/settings';
import { PageInspector } from '../webviewPage';
import { displayLocale } from '../../core/l10n/l10n';

export type { PageInspection } from './panelProtocol';

/** Runs a command a page button asked for; only names of PANEL_COMMANDS reach it. */
export type PanelCommandHandler = (command: PanelCommand, taskId: string) => unknown;

/**
 * One editor tab per task. Opening a task again reveals its tab. The page is rebuilt only when its
 * Content-Security-Policy must change (the video's origin); otherwise updates are posted to it.
 * A hidden page is destroyed (no retainContextWhenHidden) and drops what is posted to it, so the
 * page says `ready` whenever it loads and is answered with the task as it is then.
 */
export class TaskPanel implements vscode.Disposable {
	private static readonly panels = new Map<string, TaskPanel>();
	private readonly disposables: vscode.Disposable[] = [];
	private mediaPolicy = '';
	/** Set by the page; tests and the log read it. */
	videoState: 'none' | 'loaded' | 'error' = 'none';
	private readonly inspector = new PageInspector<PageInspection>((message) => this.post(message));
	/**
	 * Whether pages load the inspection script (they answer `inspect` with what they rendered): set
	 * by `activate` in ExtensionMode.Test only, so the pages every user runs carry no such door.
	 */
	static inspectable = false;
	/** The session's follow-ups the API does not offer (set by registerTaskPanels). */
	static followUps: FollowUpOffers | undefined;
	/** Whether a take's prompt file changed since (set by the prompt files feature; 'unknown' without it). */
	static promptFiles: { state(link: PromptFileLink): PromptFileState; onDidChange(listener: () => void): vscode.Disposable } | undefined;

	static updateAll(): void {
		for (const panel of TaskPanel.panels.values()) {
			panel.update();
		}
	}

	static createOrShow(extensionUri: vscode.Uri, list: TaskListView, taskId: string, onCommand: PanelCommandHandler): TaskPanel | undefined {
		const existing = TaskPanel.panels.get(taskId);
		if (existing) {
			existing.panel.reveal(existing.panel.viewColumn);
			return existing;
		}
		if (!list.has(taskId)) {
			return undefined;
		}
		// A placeholder: update() titles the tab by the task at once.
		const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Veo task'), vscode.ViewColumn.Active, {
			...TaskPanel.webviewOptions(extensionUri),
			retainContextWhenHidden: false,
			enableFindWidget: true,
		});
		const taskPanel = new TaskPanel(panel, extensionUri, list, taskId, onCommand);
		TaskPanel.panels.set(taskId, taskPanel);
		return taskPanel;
	}

	/**
	 * Takes over a tab VS Code restored after a reload (see taskPanelSerializer.ts). Undefined for a
	 * second tab of a task that already has one, or of a task no longer tracked: the serializer closes
	 * it, so one tab per task holds after a reload too.
	 */
	static revive(
		panel: vscode.WebviewPanel,
		extensionUri: vscode.Uri,
		list: TaskListView,
		taskId: string,
		onCommand: PanelCommandHandler,
	): TaskPanel | undefined {
		if (TaskPanel.panels.has(taskId) || !list.has(taskId)) {
			return undefined;
		}
		panel.webview.options = TaskPanel.webviewOptions(extensionUri);
		const taskPanel = new TaskPanel(panel, extensionUri, list, taskId, onCommand);
		TaskPanel.panels.set(taskId, taskPanel);
		return taskPanel;
	}

	private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
		return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
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
		private readonly list: TaskListView,
		readonly taskId: string,
		private readonly onCommand: PanelCommandHandler,
	) {
		panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'veo.svg');
		this.update();
		this.disposables.push(
			panel.onDidDispose(() => this.dispose()),
			panel.webview.onDidReceiveMessage((message: Received<PageMessage | InspectionReply> | undefined) => this.receive(message)),
			// The page of a tab brought to the front reloads and says `ready`; posting now as well
			// covers a page that was kept alive.
			panel.onDidChangeViewState(({ webviewPanel }) => {
				if (webviewPanel.visible) {
					this.postModel();
				}
			}),
			list.onDidChange((change) => {
				if (change.structural || change.changed.includes(taskId)) {
					this.update();
				}
			}),
		);
		if (TaskPanel.promptFiles) {
			this.disposables.push(TaskPanel.promptFiles.onDidChange(() => this.list.get(taskId)?.promptFile && this.update()));
		}
	}

	/** The model the page shows now (also what tests compare the page against). */
	model(): TaskPanelModel | undefined {
		const task = this.list.get(this.taskId);
		if (!task) {
			return undefined;
		}
		return buildTaskPanelModel(
			task,
			this.list.record(this.taskId),
			{
				parent: task.parentId ? this.list.get(task.parentId) : undefined,
				followUps: this.list.childrenOf(this.taskId),
				get1080pOffered: TaskPanel.followUps?.isOffered('1080p') ?? true,
				promptFileState: task.promptFile ? TaskPanel.promptFiles?.state(task.promptFile) : undefined,
			},
			Date.now(),
			readRowDisplay(),
		);
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
		// The reference images' origins are in the policy too: new ones need a new page.
		const policy = `${mediaSources(model)} | ${imageSources(model)}`;
		if (policy !== this.mediaPolicy) {
			this.mediaPolicy = policy;
			const webview = this.panel.webview;
			const resource = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
			webview.html = renderTaskPanelHtml(model, {
				cspSource: webview.cspSource,
				nonce: randomBytes(16).toString('base64'),
				scriptUri: resource('dist', 'webview', 'taskPanel.js'),
				inspectionScriptUri: TaskPanel.inspectable ? resource('dist', 'webview', 'taskPanelInspection.js') : undefined,
				styleUri: resource('media', 'taskPanel.css'),
				// The page's lang: screen readers pick their voice by it, and Chromium its fonts (Chinese glyphs).
				language: displayLocale() ?? vscode.env.language,
			});
		} else {
			this.post({ type: 'update', model });
		}
	}

	private postModel(): void {
		const model = this.model();
		if (model) {
			this.post({ type: 'update', model });
		}
	}

	private post(message: HostMessage | InspectRequest): void {
		void this.panel.webview.postMessage(message);
	}

	private receive(message: Received<PageMessage | InspectionReply> | undefined): void {
		switch (message?.type) {
			case 'command': {
				if (!isPanelCommand(message.command)) {
					break;
				}
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
				this.inspector.answer(message.id, message.report);
				break;
			case 'ready':
				// The html it loaded may be older than the task: a tab that was hidden missed updates.
				this.postModel();
				break;
		}
	}

	/**
	 * Asks the page what it rendered. The question is repeated until the page answers: it may still
	 * be loading (or reloading for a new media policy) when asked.
	 */
	async inspect(timeoutMs = 10_000): Promise<PageInspection> {
		if (!TaskPanel.inspectable) {
			throw new Error('The task panel answers inspections only in ExtensionMode.Test.');
		}
		return this.inspector.ask(timeoutMs);
	}

	dispose(): void {
		TaskPanel.panels.delete(this.taskId);
		this.panel.dispose();
		for (const disposable of this.disposables.splice(0)) {
			disposable.dispose();
		}
	}
}
