import * as vscode from 'vscode';
import { asObject } from '../core/tasks/taskRecord';
import { clip, plainNotificationText } from '../core/util/text';
import * as path from 'node:path';
import { access, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { playableVideoUrl } from '../core/api/urlPolicy';
import { formatNumber } from '../core/l10n/format';
import { videoFileName } from '../core/util/fileNames';
import { downloadToFile } from '../services/videoDownloader';
import { readMaxDownloadBytes } from '../services/settings';
import type { TaskListReader } from '../services/taskRepository';
import type { Log } from '../services/log';
import { downloadedVideoPath, videosFolderOutside } from '../features/videoFiles/videoFiles';
import { taskIdsOrPick } from './taskArguments';

export interface DownloadOptions {
	/** Where to save; by default `videos/` in the workspace, or a save dialog without a workspace. */
	target?: string;
	/** Ask where to save even when there is a workspace. */
	ask?: boolean;
	/** Open the file in VS Code's video preview when done (otherwise the user is offered it). */
	open?: boolean;
	/** Lets a caller cancel, as the notification's Cancel button does. */
	signal?: AbortSignal;
	/** Overwrite an existing file without asking (for callers that already asked). */
	overwrite?: boolean;
}

/**
 * The options a command call may pass: only those that cannot choose a file or skip a question
 * (`ask` shows the save dialog, `open` opens the result, `signal` cancels). `target` and `overwrite`
 * are for callers inside the extension only.
 */
export function downloadOptionsFromArguments(raw: unknown): DownloadOptions {
	const options = asObject(raw) ?? {};
	return {
		ask: options.ask === true ? true : undefined,
		open: options.open === true ? true : undefined,
		signal: options.signal instanceof AbortSignal ? options.signal : undefined,
	};
}

async function exists(file: string): Promise<boolean> {
	try {
		await access(file);
		return true;
	} catch {
		return false;
	}
}

/**
 * "Download Video": streams the mp4 to disk with a cancellable progress notification. An existing
 * file is not overwritten without asking; a partial file is removed on cancel or failure.
 * Returns the saved path, or undefined when nothing was saved.
 */
export async function downloadVideo(
	services: { repository: TaskListReader; log: Log },
	target?: unknown,
	options: DownloadOptions = {},
): Promise<string | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	const [id] = await taskIdsOrPick(list, target === undefined ? [] : [target], {
		placeHolder: vscode.l10n.t('Download the video of which Veo task?'),
		filter: (task) => playableVideoUrl(task.summary.videoUrl) !== undefined,
	});
	const task = id ? list.get(id) : undefined;
	if (!task) {
		return undefined;
	}
	const url = playableVideoUrl(task.summary.videoUrl);
	if (!url) {
		void vscode.window.showWarningMessage(vscode.l10n.t('This task has no video that can be downloaded (only https URLs are).'));
		return undefined;
	}

	const fileName = videoFileName(task.summary.prompt, task.id);
	const workspace = vscode.workspace.workspaceFolders?.[0];
	let file = options.target;
	const inWorkspace = downloadedVideoPath(task);
	if (!file && inWorkspace && !options.ask) {
		file = inWorkspace;
		// A cloned repository can make videos/ a symlink to anywhere (~/.ssh): not followed out.
		const outside = await videosFolderOutside(path.dirname(path.dirname(inWorkspace))); // the workspace folder
		if (outside) {
			void vscode.window.showErrorMessage(
				vscode.l10n.t('videos/ in this workspace leads outside it (to {0}); the video was not saved. Remove the link, or use Save As.', outside),
			);
			return undefined;
		}
	}
	if (!file) {
		const chosen = await vscode.window.showSaveDialog({
			title: vscode.l10n.t('Save Veo video'),
			// A virtual workspace has no folder on disk to stream into: offer the home folder instead.
			defaultUri: workspace?.uri.scheme === 'file' ? vscode.Uri.joinPath(workspace.uri, 'videos', fileName) : vscode.Uri.file(path.join(homedir(), fileName)),
			filters: { [vscode.l10n.t('Video')]: ['mp4'] },
		});
		if (!chosen) {
			return undefined;
		}
		if (chosen.scheme !== 'file') {
			void vscode.window.showErrorMessage(vscode.l10n.t('Videos are saved to a file on this machine: choose a local folder.'));
			return undefined;
		}
		file = chosen.fsPath;
	} else if (!options.overwrite && (await exists(file))) {
		const overwrite = vscode.l10n.t('Overwrite');
		const saveAs = vscode.l10n.t('Save As…');
		const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists.', path.basename(file)), { modal: true }, overwrite, saveAs);
		if (answer === saveAs) {
			return downloadVideo(services, task.id, { ...options, target: undefined, ask: true });
		}
		if (answer !== overwrite) {
			return undefined;
		}
	}

	await mkdir(path.dirname(file), { recursive: true });
	const savedTo = file;
	try {
		await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', path.basename(savedTo)), cancellable: true },
			async (progress, token) => {
				const controller = new AbortController();
				token.onCancellationRequested(() => controller.abort());
				options.signal?.addEventListener('abort', () => controller.abort());
				if (options.signal?.aborted) {
					controller.abort();
				}
				let reported = 0;
				await downloadToFile(url, savedTo, {
					signal: controller.signal,
					maxBytes: readMaxDownloadBytes(),
					onProgress: ({ received, total }) => {
						if (total) {
							const percent = Math.floor((received / total) * 100);
							if (percent > reported) {
								progress.report({ increment: percent - reported, message: `${percent}%` });
								reported = percent;
							}
						} else {
							// A unit, not words: the same in every language.
							progress.report({ message: `${formatNumber(Math.round(received / 1024))} KB` });
						}
					},
				});
			},
		);
	} catch (error) {
		const cancelled = error instanceof Error && error.name === 'AbortError';
		services.log.warn(`Download of task ${task.id} ${cancelled ? 'cancelled' : `failed: ${String(error)}`}`);
		if (!cancelled) {
			// Plain text: an error can carry what a server said, and a notification renders links.
			void vscode.window.showErrorMessage(
				plainNotificationText(vscode.l10n.t('Downloading the video failed: {0}', clip(error instanceof Error ? error.message : String(error), 300))),
			);
		}
		return undefined;
	}

	const uri = vscode.Uri.file(savedTo);
	if (options.open) {
		await vscode.commands.executeCommand('vscode.openWith', uri, 'vscode.videoPreview');
	} else {
		// Open goes to the system's player: VS Code's own preview cannot decode AAC and plays Veo 3 videos silently.
		const open = vscode.l10n.t('Open');
		const reveal = vscode.l10n.t('Reveal in File Explorer');
		void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(uri)), open, reveal).then(async (choice) => {
			if (choice === open) {
				await vscode.env.openExternal(uri);
			} else if (choice === reveal) {
				await vscode.commands.executeCommand('revealFileInOS', uri);
			}
		});
	}
	return savedTo;
}
