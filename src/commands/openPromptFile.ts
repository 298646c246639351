import * as vscode from 'vscode';
import { promptFileUri } from '../features/promptFiles/promptFileDocuments';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { taskIdsOrPick } from './taskArguments';

/** "Open Prompt File": the file a task was started from (the panel's link, or a pick). */
export async function openPromptFile(services: Services, ...args: unknown[]): Promise<vscode.TextEditor | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	const [id] = await taskIdsOrPick(list, args, {
		placeHolder: vscode.l10n.t('Open the prompt file of which task?'),
		filter: (task) => task.promptFile !== undefined,
	});
	const path = id ? list.get(id)?.promptFile?.path : undefined;
	if (!path) {
		return undefined;
	}
	const uri = promptFileUri(path);
	try {
		if (!uri) {
			throw new Error(path);
		}
		return await vscode.window.showTextDocument(uri);
	} catch {
		void vscode.window.showWarningMessage(vscode.l10n.t('The prompt file {0} is not in this workspace any more.', path));
		return undefined;
	}
}
