import * as vscode from 'vscode';
import { openableVideoUrl } from '../core/api/urlPolicy';
import type { TaskListReader } from '../services/taskRepository';
import { taskIdsOrPick } from './taskArguments';

export async function copyVideoUrl(services: { repository: TaskListReader }, ...args: unknown[]): Promise<string | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	const [id] = await taskIdsOrPick(list, args, {
		placeHolder: vscode.l10n.t('Copy the video URL of which Veo task?'),
		filter: (task) => openableVideoUrl(task.summary.videoUrl) !== undefined,
	});
	const url = id ? openableVideoUrl(list.get(id)?.summary.videoUrl) : undefined;
	if (!id) {
		return undefined;
	}
	if (!url) {
		void vscode.window.showInformationMessage(vscode.l10n.t('This task has no video yet.'));
		return undefined;
	}
	await vscode.env.clipboard.writeText(url.href);
	void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the video URL'), 3000);
	return url.href;
}
