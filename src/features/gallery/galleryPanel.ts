import * as vscode from 'vscode';
import { Commands, GALLERY_VIEW_TYPE } from '../../constants';
import type { TaskList } from '../../core/tasks/taskList';
import { buildGalleryModel, galleryMediaSources } from '../../core/view/galleryModel';
import type { GalleryCommand, GalleryFilter, GalleryHostMessage, GalleryInspection, GalleryModel, GalleryPageMessage } from '../../core/view/galleryProtocol';
import { l10n } from '../../core/l10n/l10n';
import { PageInspector, pageHtml, pageOptions, trackedIds } from '../webviewPage';

/** Updates are sent at most this often: a refresh of 500 tasks sends one model, not 500. */
const UPDATE_THROTTLE_MS = 300;

const GALLERY_COMMANDS: readonly GalleryCommand[] = ['open', 'download', 'insertVideoLinks', 'remove', 'compare', 'keep'];

/**
 * The one gallery tab. The page gets the whole model (every finished task's card) after it says
 * `ready`, and again, throttled, whenever tasks change while it is visible; it filters, sorts and
 * windows the cards itself. The html is rebuilt only when the allowed video origins change.
 */
export class GalleryPanel implements vscode.Disposable {
	static current: GalleryPanel | undefined;
	/** Whether the page answers `inspect` (ExtensionMode.Test only). */
	static inspectable = false;
	private readonly disposables: vscode.Disposable[] = [];
	private mediaPolicy = '';
	private updateTimer: ReturnType<typeof setTimeout> | undefined;
	private dirty = false;
	private readonly inspector = new PageInspector<GalleryInspection>((message) => this.post(message));

	static createOrShow(extensionUri: vscode.Uri, list: TaskList): GalleryPanel {
		if (GalleryPanel.current) {
			GalleryPanel.current.panel.reveal(GalleryPanel.current.panel.viewColumn);
			return GalleryPanel.current;
		}
		const panel = vscode.window.createWebviewPanel(GALLERY_VIEW_TYPE, l10n.t('Veo Gallery'), vscode.ViewColumn.Active, {
			...pageOptions(extensionUri),
			retainContextWhenHidden: false,
			enableFindWidget: true,
		});
		return new GalleryPanel(panel, extensionUri, list);
	}

	/** Takes over the tab VS Code restored after a reload; a second one is closed (one gallery). */
	static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, list: TaskList): GalleryPanel | undefined {
		if (GalleryPanel.current) {
			panel.dispose();
			return undefined;
		}
		panel.webview.options = pageOptions(extensionUri);
		return new GalleryPanel(panel, extensionUri, list);
	}

	private constructor(
		readonly panel: vscode.WebviewPanel,
		private readonly extensionUri: vscode.Uri,
		private readonly list: TaskList,
	) {
		GalleryPanel.current = this;
		panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'veo.svg');
		panel.title = l10n.t('Veo Gallery');
		this.render();
		this.disposables.push(
			panel.onDidDispose(() => this.dispose()),
			panel.webview.onDidReceiveMessage((message: GalleryPageMessage) => void this.receive(message)),
			panel.onDidChangeViewState(({ webviewPanel }) => {
				if (webviewPanel.visible && this.dirty) {
					this.scheduleUpdate();
				}
			}),
			list.onDidChange(() => this.scheduleUpdate()),
		);
	}

	model(): GalleryModel {
		const model = buildGalleryModel(this.list.all(), Date.now());
		return GalleryPanel.inspectable ? { ...model, inspectable: true } : model;
	}

	/** Rebuilds the page when the video origins it must allow changed; otherwise posts the model. */
	private render(): void {
		const model = this.model();
		const policy = galleryMediaSources(model.cards.map((card) => card.videoUrl));
		if (policy !== this.mediaPolicy) {
			this.mediaPolicy = policy;
			// The model follows the page's `ready`: 5,000 cards are not written into the html.
			this.panel.webview.html = pageHtml(this.panel.webview, this.extensionUri, 'gallery', model.labels.title, {}, policy);
		} else {
			this.post({ type: 'update', model });
		}
	}

	private scheduleUpdate(): void {
		if (!this.panel.visible) {
			// A hidden page is destroyed: it asks for the model when it comes back.
			this.dirty = true;
			return;
		}
		if (this.updateTimer) {
			return;
		}
		this.updateTimer = setTimeout(() => {
			this.updateTimer = undefined;
			this.dirty = false;
			this.render();
		}, UPDATE_THROTTLE_MS);
	}

	private post(message: GalleryHostMessage): void {
		void this.panel.webview.postMessage(message);
	}

	private async receive(message: GalleryPageMessage): Promise<void> {
		switch (message?.type) {
			case 'ready':
				this.dirty = false;
				this.post({ type: 'update', model: this.model() });
				break;
			case 'inspection':
				this.inspector.answer(message.id, message.report);
				break;
			case 'command': {
				const command = GALLERY_COMMANDS.find((name) => name === message.command);
				// The page is treated as untrusted: only tracked IDs reach a command.
				const ids = trackedIds(message.taskIds, (id) => this.list.has(id));
				if (command && ids.length) {
					await runGalleryCommand(command, ids);
				}
				break;
			}
		}
	}

	/** What the page rendered (tests only). */
	inspect(timeoutMs?: number): Promise<GalleryInspection> {
		if (!GalleryPanel.inspectable) {
			throw new Error('The gallery answers inspections only in ExtensionMode.Test.');
		}
		return this.inspector.ask(timeoutMs);
	}

	/** Sets the page's filter as if the user chose it (tests only: the page ignores it otherwise). */
	setFilter(filter: Partial<GalleryFilter>): void {
		this.post({ type: 'setFilter', filter });
	}

	dispose(): void {
		if (GalleryPanel.current === this) {
			GalleryPanel.current = undefined;
		}
		if (this.updateTimer) {
			clearTimeout(this.updateTimer);
		}
		this.panel.dispose();
		for (const disposable of this.disposables.splice(0)) {
			disposable.dispose();
		}
	}
}

/** Runs what the selection bar or a card asked for, through the extension's own commands. */
export async function runGalleryCommand(command: GalleryCommand, ids: readonly string[]): Promise<void> {
	switch (command) {
		case 'open':
			await vscode.commands.executeCommand(Commands.openTask, ids[0]);
			break;
		case 'download':
			// One after another: each download shows its own progress and may ask about an existing file.
			for (const id of ids) {
				await vscode.commands.executeCommand(Commands.downloadVideo, id);
			}
			break;
		case 'insertVideoLinks':
			await vscode.commands.executeCommand(Commands.insertVideoLink, [...ids]);
			break;
		case 'remove':
			await vscode.commands.executeCommand(Commands.removeTask, [...ids]);
			break;
		case 'compare':
			await vscode.commands.executeCommand(Commands.compareTakes, [...ids]);
			break;
		case 'keep':
			await vscode.commands.executeCommand(Commands.keepTake, [...ids]);
			break;
	}
}
