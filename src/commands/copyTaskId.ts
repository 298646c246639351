import * as vscode from 'vscode';
import { formatNumber } from '../core/l10n/format';
import type { TaskListReader } from '../services/taskRepository';
import { taskIdsOrPick } from './taskArguments';

export async function copyTaskId(services: { repository: TaskListReader }, ...args: unknown[]): Promise<string | undefined> {
	await services.repository.ready;
	const ids = await taskIdsOrPick(services.repository.list, args, { placeHolder: vscode.l10n.t('Copy the ID of which Veo task?') });
	if (!ids.length) {
		return undefined;
	}
	const text = ids.join('\n');
	await vscode.env.clipboard.writeText(text);
	void vscode.window.setStatusBarMessage(
		ids.length === 1 ? vscode.l10n.t('Copied the task ID') : vscode.l10n.t('Copied {0} task IDs', formatNumber(ids.length)),
		3000,
	);
	return text;
}
