import * as vscode from 'vscode';
import * as path from 'node:path';
import { realpath } from 'node:fs/promises';
import { openableVideoUrl } from '../../core/api/urlPolicy';
import { taskCapabilities } from '../../core/tasks/capabilities';
import type { TaskListView, TrackedTask } from '../../core/tasks/taskList';
import { videoFileName, videosFolderOf } from '../../core/util/fileNames';
import { relativeLinkPath, videoLinkText, type VideoLinkStyle } from '../../core/view/videoLink';

/** A finished task whose video can be linked: an http(s) URL. */
export function canLinkVideo(task: TrackedTask): boolean {
	return taskCapabilities(task.summary).canLinkVideo;
}

/** Where Download Video saves a task's video without asking, and where links look for it; undefined without a folder on disk. */
export function downloadedVideoPath(task: Pick<TrackedTask, 'id' | 'summary'>): string | undefined {
	const folder = videosFolderOf(vscode.workspace.workspaceFolders);
	return folder ? path.join(folder.uri.fsPath, 'videos', videoFileName(task.summary.prompt, task.id)) : undefined;
}

/** Where videos/ really is when that is outside the workspace folder (a symlink out); undefined otherwise or when it does not exist yet. */
export async function videosFolderOutside(workspaceFolder: string): Promise<string | undefined> {
	let real: string;
	let root: string;
	try {
		root = await realpath(workspaceFolder);
		real = await realpath(path.join(workspaceFolder, 'videos'));
	} catch {
		return undefined;
	}
	const relative = path.relative(root, real);
	return relative.startsWith('..') || path.isAbsolute(relative) ? real : undefined;
}

/**
 * Where a document should point for a task's video: the downloaded copy by its path relative to the
 * document, else the video's URL.
 */
export async function videoLinkTarget(task: TrackedTask, document: vscode.TextDocument | undefined): Promise<string | undefined> {
	const url = openableVideoUrl(task.summary.videoUrl)?.href;
	const file = document?.uri.scheme === 'file' ? downloadedVideoPath(task) : undefined;
	if (document && file && (await fileExists(vscode.Uri.file(file)))) {
		return relativeLinkPath(path.dirname(document.uri.fsPath), file, path) ?? url;
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
export async function videoLinksFor(
	list: TaskListView,
	ids: readonly string[],
	document: vscode.TextDocument | undefined,
	style: VideoLinkStyle,
): Promise<string | undefined> {
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
