import * as vscode from 'vscode';
import { promptFileHash } from '../../core/promptFiles/promptFileRequest';
import type { PromptFileLink } from '../../core/tasks/taskList';
import type { PromptFileState } from '../../core/view/taskPanelModel';
import { Emitter } from '../../core/util/emitter';
import { promptFileUri, readPromptFileText } from './promptFileDocuments';

/**
 * Whether a take's prompt file changed since the take: the file's fingerprint now, per path, read
 * when first asked and again when the file changes (edited in an editor, saved, or changed on disk).
 * Answers at once from what it knows; `onDidChange` says when it learnt more.
 */
export class PromptFileStates implements vscode.Disposable {
	/** Path to the fingerprint of its text now; null when it cannot be read (missing, a link, too big). */
	private readonly hashes = new Map<string, string | null>();
	private readonly reading = new Set<string>();
	private readonly changeEmitter = new Emitter<void>();
	readonly onDidChange = this.changeEmitter.event;
	private readonly subscriptions: vscode.Disposable[] = [];

	constructor() {
		const forget = (uri: vscode.Uri): void => {
			for (const path of this.hashes.keys()) {
				if (promptFileUri(path)?.toString() === uri.toString()) {
					this.hashes.delete(path);
					this.changeEmitter.fire();
				}
			}
		};
		const watcher = vscode.workspace.createFileSystemWatcher('**/*.veo.md');
		this.subscriptions.push(
			watcher,
			watcher.onDidChange(forget),
			watcher.onDidCreate(forget),
			watcher.onDidDelete(forget),
			vscode.workspace.onDidChangeTextDocument((event) => forget(event.document.uri)),
			vscode.workspace.onDidCloseTextDocument((document) => forget(document.uri)),
		);
	}

	state(link: PromptFileLink): PromptFileState {
		const hash = this.hashes.get(link.path);
		if (hash === undefined) {
			void this.read(link.path);
			return 'unknown';
		}
		return hash === null ? 'missing' : hash === link.hash ? 'unchanged' : 'changed';
	}

	private async read(path: string): Promise<void> {
		if (this.reading.has(path)) {
			return;
		}
		this.reading.add(path);
		try {
			const uri = promptFileUri(path);
			const read = uri ? await readPromptFileText(uri) : undefined;
			this.hashes.set(path, read && 'text' in read ? promptFileHash(read.text) : null);
		} finally {
			this.reading.delete(path);
		}
		this.changeEmitter.fire();
	}

	dispose(): void {
		this.changeEmitter.dispose();
		for (const subscription of this.subscriptions.splice(0)) {
			subscription.dispose();
		}
	}
}
