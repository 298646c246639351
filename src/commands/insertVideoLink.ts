import * as vscode from 'vscode';
import { linkStylesFor, offeredLinkStyle, type VideoLinkStyle } from '../core/view/videoLink';
import { canLinkVideo, videoLinksFor } from '../features/videoFiles/videoFiles';
import type { TaskListReader } from '../services/taskRepository';
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

/**
 * "Insert Video Link": at the cursor of the active editor, in the document's language (a Markdown
 * link, or, when picked, an HTML `<video>` element); a downloaded video by its relative path.
 */
export async function insertVideoLink(services: { repository: TaskListReader }, target?: unknown, rawOptions?: unknown): Promise<string | undefined> {
	await services.repository.ready;
	// From the panel's button the task tab is active, not a text editor: the document beside it is meant.
	const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
	if (!editor) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open the document to insert the video link into, then run Insert Video Link again.'));
		return undefined;
	}
	const list = services.repository.list;
	const ids = await taskIdsOrPick(list, target === undefined ? [] : [target], {
		placeHolder: vscode.l10n.t('Insert a link to the video of which Veo task?'),
		filter: canLinkVideo,
	});
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
	// Arguments come from anyone (another extension, a command: link): they may select the task and
	// skip the style question with a style this document is offered, nothing else; null or junk is ignored.
	const requested = typeof rawOptions === 'object' && rawOptions !== null ? (rawOptions as InsertVideoLinkOptions).style : undefined;
	let style = offeredLinkStyle(requested, editor.document.languageId);
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
