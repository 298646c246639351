import * as vscode from 'vscode';
import { promptProblem } from '../core/generation/generationRequest';
import { generateVideo } from './generateVideo';
import type { WizardServices } from '../features/generationWizard/generationWizard';

/** "Generate Video from Selection": the selected text (several lines are fine) is the prompt. */
export async function generateFromSelection(services: WizardServices): Promise<string | undefined> {
	const editor = vscode.window.activeTextEditor;
	const prompt = editor
		? editor.selections
				.map((selection) => editor.document.getText(selection))
				.join('\n')
				.trim()
		: '';
	const problem = promptProblem(prompt);
	if (problem) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Select the text to use as the prompt. {0}', problem));
		return undefined;
	}
	return generateVideo(services, { prompt, promptGiven: true });
}
