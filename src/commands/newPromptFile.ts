import * as vscode from 'vscode';
import { openNewPromptFile } from '../features/promptFiles/promptFileLoad';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { generateDefaults } from '../features/generationWizard/generationWizard';

/** "New Prompt File": an unsaved `*.veo.md` with the options used last, and a prompt to replace. */
export async function newPromptFile(services: Services): Promise<vscode.Uri> {
	const defaults = generateDefaults(services);
	const editor = await openNewPromptFile({ ...defaults, prompt: vscode.l10n.t('Describe the video here. Line breaks are kept.') }, 'prompt');
	return editor.document.uri;
}
