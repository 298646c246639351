import * as vscode from 'vscode';
import type { Services } from '../services';
import { taskIdsOrPick } from './taskArguments';

export async function copyTaskId(services: Services, ...args: unknown[]): Promise<string | undefined> {
	await services.repository.ready;
	const ids = await taskIdsOrPick(services.repository.list, args, { placeHolder: 'Copy the ID of which Veo task?' });
	if (!ids.length) {
		return undefined;
	}
	const text = ids.join('\n');
	await vscode.env.clipboard.writeText(text);
	void vscode.window.setStatusBarMessage(ids.length === 1 ? 'Copied the task ID' : `Copied ${ids.length} task IDs`, 3000);
	return text;
}
