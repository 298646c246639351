import * as vscode from 'vscode';
import type { TaskListReader } from '../services/taskRepository';
import { taskIdsOrPick } from './taskArguments';

/** "Open Task": the tree row's click, or a quick pick from the palette. */
export async function openTask(services: { repository: TaskListReader }, openPanel: (taskId: string) => void, ...args: unknown[]): Promise<string | undefined> {
	await services.repository.ready;
	const [id] = await taskIdsOrPick(services.repository.list, args, { placeHolder: vscode.l10n.t('Open which Veo task?') });
	if (id) {
		openPanel(id);
	}
	return id;
}
