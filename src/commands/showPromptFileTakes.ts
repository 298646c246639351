import * as vscode from 'vscode';
import { Views } from '../constants';
import { promptFilePath } from '../features/promptFiles/promptFileDocuments';
import type { ExtensionServices as Services } from '../services/extensionServices';

/**
 * The takes of a prompt file (its "N takes" lens): the Tasks view grouped by prompt file, where the
 * file's group lists them. Returns their IDs.
 */
export async function showPromptFileTakes(services: Services, target?: unknown): Promise<string[]> {
	const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
	const path = uri ? promptFilePath(uri) : undefined;
	await services.repository.ready;
	const ids =
		path === undefined
			? []
			: services.repository.list
					.all()
					.filter((task) => task.promptFile?.path === path)
					.map((task) => task.id);
	if (!ids.length) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No task was started from this prompt file yet.'));
		return ids;
	}
	if (services.preferences.groupBy !== 'prompt') {
		await services.preferences.update({ groupBy: 'prompt' });
	}
	await vscode.commands.executeCommand(`${Views.tasks}.focus`);
	return ids;
}
