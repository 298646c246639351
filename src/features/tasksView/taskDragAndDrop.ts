import * as vscode from 'vscode';
import { isGroupId } from '../../core/view/taskGroups';
import { linkStylesFor } from '../../core/view/videoLink';
import { openableVideoUrl } from '../../core/api/urlPolicy';
import type { TaskListView } from '../../core/tasks/taskList';
import { canLinkVideo, videoLinksFor } from '../videoFiles/videoFiles';

/** Our own drag data: the dragged task IDs, read by the editor's drop provider below. */
export const TASK_IDS_MIME = 'application/vnd.veotasks.task-ids';

/**
 * Dragging rows out of the Tasks view. The editor's drop provider turns our task IDs into the same
 * link Insert Video Link writes (in the document's language, a downloaded file by relative path);
 * any other drop target gets the video URLs (text/uri-list) and a Markdown link as plain text.
 */
export class TaskDragAndDropController implements vscode.TreeDragAndDropController<string> {
	readonly dragMimeTypes = [TASK_IDS_MIME, 'text/uri-list', 'text/plain'];
	readonly dropMimeTypes: string[] = [];

	constructor(private readonly list: TaskListView) {}

	async handleDrag(source: readonly string[], dataTransfer: vscode.DataTransfer): Promise<void> {
		const ids = source.filter((id) => {
			const task = isGroupId(id) ? undefined : this.list.get(id);
			return task !== undefined && canLinkVideo(task);
		});
		if (!ids.length) {
			return;
		}
		dataTransfer.set(TASK_IDS_MIME, new vscode.DataTransferItem(JSON.stringify(ids)));
		const urls = ids.map((id) => openableVideoUrl(this.list.get(id)?.summary.videoUrl)?.href).filter((url): url is string => url !== undefined);
		dataTransfer.set('text/uri-list', new vscode.DataTransferItem(urls.join('\r\n')));
		const text = await videoLinksFor(this.list, ids, undefined, 'markdown');
		if (text) {
			dataTransfer.set('text/plain', new vscode.DataTransferItem(text));
		}
	}
}

/** Drops of dragged task rows into a text editor: the link, as Insert Video Link would write it. */
export class TaskLinkDropProvider implements vscode.DocumentDropEditProvider {
	constructor(private readonly list: TaskListView) {}

	async provideDocumentDropEdits(
		document: vscode.TextDocument,
		_position: vscode.Position,
		dataTransfer: vscode.DataTransfer,
	): Promise<vscode.DocumentDropEdit | undefined> {
		const item = dataTransfer.get(TASK_IDS_MIME);
		if (!item) {
			return undefined;
		}
		let ids: unknown;
		try {
			ids = JSON.parse(await item.asString());
		} catch {
			return undefined;
		}
		if (!Array.isArray(ids)) {
			return undefined;
		}
		const text = await videoLinksFor(
			this.list,
			ids.filter((id): id is string => typeof id === 'string'),
			document,
			linkStylesFor(document.languageId)[0],
		);
		return text ? new vscode.DocumentDropEdit(text) : undefined;
	}
}
