import * as vscode from 'vscode';
import { Commands, COMPARE_TAKES_VIEW_TYPE } from '../../constants';
import type { TaskList } from '../../core/tasks/taskList';
import { buildCompareModel } from '../../core/view/compareModel';
import type { CompareCommand, CompareHostMessage, CompareInspection, CompareModel, ComparePageMessage } from '../../core/view/compareProtocol';
import { galleryMediaSources } from '../../core/view/galleryModel';
import { l10n } from '../../core/l10n/l10n';
import { PageInspector, pageHtml, pageOptions } from '../webviewPage';

const COMPARE_COMMANDS: readonly CompareCommand[] = ['keep', 'unkeep', 'removeOthers', 'open'];

/**
 * The Compare Takes tab: one at a time, its takes replaced when another comparison is opened. It
 * follows its tasks live (a take removed leaves it; none left closes it).
 */
export class CompareTakesPanel implements vscode.Disposable {
	static current: CompareTakesPanel | undefined;
	static inspectable = false;
	private readonly disposables: vscode.Disposable[] = [];
	private mediaPolicy = '';
	private readonly inspector = new PageInspector<CompareInspection>((message) => this.post(message));

	static show(extensionUri: vscode.Uri, list: TaskList, taskIds: readonly string[]): CompareTakesPanel {
		const existing = CompareTakesPanel.current;
		if (existing) {
			existing.taskIds = [...taskIds];
			// New takes: a new page, so no player of the last comparison lingers.
			existing.mediaPolicy = '';
			existing.update();
			existing.panel.reveal(existing.panel.viewColumn);
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(COMPARE_TAKES_VIEW_TYPE, l10n.t('Compare Takes'), vscode.ViewColumn.Active, {
			...pageOptions(extensionUri),
			retainContextWhenHidden: false,
		});
		return new CompareTakesPanel(panel, extensionUri, list, taskIds);
	}

	/** Takes over a tab restored after a reload, with the takes its page saved that are still tracked. */
	static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, list: TaskList, taskIds: readonly string[]): CompareTakesPanel | undefined {
		const tracked = taskIds.filter((id) => list.has(id));
		if (CompareTakesPanel.current || tracked.length === 0) {
			panel.dispose();
			return undefined;
		}
		panel.webview.options = pageOptions(extensionUri);
		return new CompareTakesPanel(panel, extensionUri, list, tracked);
	}

	private constructor(
		readonly panel: vscode.WebviewPanel,
		private readonly extensionUri: vscode.Uri,
		private readonly list: TaskList,
		private taskIds: string[] | readonly string[],
	) {
		CompareTakesPanel.current = this;
		panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'veo.svg');
		this.update();
		this.disposables.push(
			panel.onDidDispose(() => this.dispose()),
			panel.webview.onDidReceiveMessage((message: ComparePageMessage) => void this.receive(message)),
			list.onDidChange((change) => {
				if (change.structural || change.changed.some((id) => this.taskIds.includes(id))) {
					this.update();
				}
			}),
		);
	}

	/** The takes shown, in order (those still tracked). */
	get takes(): readonly string[] {
		return this.taskIds;
	}

	model(): CompareModel {
		const model = buildCompareModel(
			this.taskIds.flatMap((id) => {
				const task = this.list.get(id);
				return task ? [{ task, record: this.list.record(id) }] : [];
			}),
		);
		return CompareTakesPanel.inspectable ? { ...model, inspectable: true } : model;
	}

	private update(): void {
		this.taskIds = this.taskIds.filter((id) => this.list.has(id));
		if (this.taskIds.length === 0) {
			this.panel.dispose();
			return;
		}
		const model = this.model();
		this.panel.title = model.labels.title;
		const policy = galleryMediaSources(model.takes.map((take) => take.videoUrl));
		if (policy !== this.mediaPolicy) {
			this.mediaPolicy = policy;
			this.panel.webview.html = pageHtml(this.panel.webview, this.extensionUri, 'compareTakes', model.labels.title, model, policy);
		} else {
			this.post({ type: 'update', model });
		}
	}

	private post(message: CompareHostMessage): void {
		void this.panel.webview.postMessage(message);
	}

	private async receive(message: ComparePageMessage): Promise<void> {
		switch (message?.type) {
			case 'ready':
				this.post({ type: 'update', model: this.model() });
				break;
			case 'inspection':
				this.inspector.answer(message.id, message.report);
				break;
			case 'command': {
				const command = COMPARE_COMMANDS.find((name) => name === message.command);
				// Only a take of this comparison: the page is treated as untrusted.
				const taskId = typeof message.taskId === 'string' && this.taskIds.includes(message.taskId) ? message.taskId : undefined;
				if (!command || !taskId) {
					break;
				}
				if (command === 'keep' || command === 'unkeep') {
					await vscode.commands.executeCommand(command === 'keep' ? Commands.keepTake : Commands.unkeepTake, taskId);
				} else if (command === 'open') {
					await vscode.commands.executeCommand(Commands.openTask, taskId);
				} else {
					await vscode.commands.executeCommand(Commands.removeOtherTakes, taskId, [...this.taskIds]);
				}
				break;
			}
		}
	}

	inspect(timeoutMs?: number): Promise<CompareInspection> {
		if (!CompareTakesPanel.inspectable) {
			throw new Error('Compare Takes answers inspections only in ExtensionMode.Test.');
		}
		return this.inspector.ask(timeoutMs);
	}

	/** Drives the shared control bar as a click would (tests only). */
	control(action: 'play' | 'pause' | 'seek', time?: number): void {
		this.post({ type: 'control', action, time });
	}

	dispose(): void {
		if (CompareTakesPanel.current === this) {
			CompareTakesPanel.current = undefined;
		}
		this.panel.dispose();
		for (const disposable of this.disposables.splice(0)) {
			disposable.dispose();
		}
	}
}
