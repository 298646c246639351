import * as vscode from 'vscode';
import { openNewPromptFile } from '../features/promptFiles/promptFileLoad';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { generationOf } from './generateAgain';
import { taskIdsOrPick } from './taskArguments';

/** "Save as Prompt File": a task's request (action, model, options, prompt) as a new, unsaved prompt file. */
export async function saveAsPromptFile(services: Services, ...args: unknown[]): Promise<vscode.Uri | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	const [id] = await taskIdsOrPick(list, args, {
		placeHolder: vscode.l10n.t('Save which task as a prompt file?'),
		filter: (task) => generationOf(list, task.id) !== undefined,
	});
	const choices = id ? generationOf(list, id) : undefined;
	if (!id || !choices) {
		if (id) {
			void vscode.window.showWarningMessage(
				vscode.l10n.t('This task has no generation request to save (it may be a follow-up, or not fetched yet: refresh it and try again).'),
			);
		}
		return undefined;
	}
	const editor = await openNewPromptFile(choices, id);
	return editor.document.uri;
}
