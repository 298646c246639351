import * as vscode from 'vscode';
import * as path from 'node:path';
import { videoFileName } from '../core/util/fileNames';
import { linkStylesFor, relativeLinkPath, videoLinkText, type VideoLinkStyle } from '../core/view/videoLink';
import { openableVideoUrl } from '../core/api/urlPolicy';
import type { TaskList, TrackedTask } from '../core/tasks/taskList';
import type { Services } from '../services';
import { taskIdsOrPick } from './taskArguments';

export interface InsertVideoLinkOptions {
	/** Skips the question of how to write the link. */
	style?: VideoLinkStyle;
}

/** How each style is offered, in the display language (read when the pick opens). */
function styleLabels(): Record<VideoLinkStyle, { label: string; detail: string }> {
	return {
		// The detail shows the syntax itself: the "prompt" in it is translated, the rest is code.
		markdown: { label: vscode.l10n.t('Markdown link'), detail: vscode.l10n.t('[prompt](url)') },
		html: { label: vscode.l10n.t('HTML video element'), detail: '<video src="…" controls></video>' },
		url: { label: vscode.l10n.t('URL only'), detail: vscode.l10n.t('the address, as text') },
	};
}

/** A finished task whose video can be linked: an http(s) URL. */
export function canLinkVideo(task: TrackedTask): boolean {
	return task.summary.state === 'succeeded' && openableVideoUrl(task.summary.videoUrl) !== undefined;
}

/**
 * Where a document should point for a task's video: the downloaded copy (Download Video saves it
 * as `videos/<name>` in the workspace) by its path relative to the document, else the video's URL.
 */
export async function videoLinkTarget(task: TrackedTask, document: vscode.TextDocument | undefined): Promise<string | undefined> {
	const url = openableVideoUrl(task.summary.videoUrl)?.href;
	if (document?.uri.scheme === 'file') {
		const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
		if (folder?.uri.scheme === 'file') {
			const file = path.join(folder.uri.fsPath, 'videos', videoFileName(task.summary.prompt, task.id));
			if (await fileExists(vscode.Uri.file(file))) {
				return relativeLinkPath(path.dirname(document.uri.fsPath), file, path) ?? url;
			}
		}
	}
	return url;
}

async function fileExists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

/** The link text for tasks, in the given style, one per line. */
export async function videoLinksFor(list: TaskList, ids: readonly string[], document: vscode.TextDocument | undefined, style: VideoLinkStyle): Promise<string | undefined> {
	const links: string[] = [];
	for (const id of ids) {
		const task = list.get(id);
		const target = task && canLinkVideo(task) ? await videoLinkTarget(task, document) : undefined;
		if (task && target) {
			links.push(videoLinkText(style, target, task.summary.prompt, task.id));
		}
	}
	return links.length ? links.join('\n') : undefined;
}

/**
 * "Insert Video Link": at the cursor of the active editor, in the document's language (a Markdown
 * link, or, when picked, an HTML `<video>` element); a downloaded video by its relative path.
 */
export async function insertVideoLink(services: Services, target?: unknown, options: InsertVideoLinkOptions = {}): Promise<string | undefined> {
	await services.repository.ready;
	// From the panel's button the task tab is active, not a text editor: the document beside it is meant.
	const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
	if (!editor) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open the document to insert the video link into, then run Insert Video Link again.'));
		return undefined;
	}
	const list = services.repository.list;
	const ids = await taskIdsOrPick(list, target === undefined ? [] : [target], { placeHolder: vscode.l10n.t('Insert a link to the video of which Veo task?'), filter: canLinkVideo });
	const [id] = ids;
	const task = id ? list.get(id) : undefined;
	if (!task) {
		return undefined;
	}
	if (!canLinkVideo(task)) {
		void vscode.window.showInformationMessage(vscode.l10n.t('This task has no finished video to link to yet.'));
		return undefined;
	}
	const styles = linkStylesFor(editor.document.languageId);
	let style = options.style;
	if (!style) {
		const labels = styleLabels();
		const picked = await vscode.window.showQuickPick(
			styles.map((candidate) => ({ ...labels[candidate], style: candidate })),
			{ placeHolder: vscode.l10n.t('Insert the video as') },
		);
		style = picked?.style;
	}
	if (!style) {
		return undefined;
	}
	// Several tasks (the gallery's selection): a link for each that has a video.
	const text = await videoLinksFor(list, ids, editor.document, style);
	if (!text) {
		return undefined;
	}
	await editor.edit((edit) => {
		for (const selection of editor.selections) {
			edit.replace(selection, text);
		}
	});
	return text;
}
