import * as vscode from 'vscode';
import { openableVideoUrl } from '../core/api/urlPolicy';
import type { TaskListReader } from '../services/taskRepository';
import { taskIdsOrPick } from './taskArguments';

/** "Open Video in Browser": http(s) URLs only, so a hostile record cannot open other schemes. */
export async function openVideoExternal(services: { repository: TaskListReader }, ...args: unknown[]): Promise<boolean> {
	await services.repository.ready;
	const list = services.repository.list;
	const [id] = await taskIdsOrPick(list, args, {
		placeHolder: vscode.l10n.t('Open the video of which Veo task?'),
		filter: (task) => openableVideoUrl(task.summary.videoUrl) !== undefined,
	});
	if (!id) {
		return false;
	}
	const url = openableVideoUrl(list.get(id)?.summary.videoUrl);
	if (!url) {
		void vscode.window.showInformationMessage(vscode.l10n.t('This task has no video yet.'));
		return false;
	}
	return vscode.env.openExternal(vscode.Uri.parse(url.href, true));
}
