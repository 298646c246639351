import * as vscode from 'vscode';
import { hasErrors } from '../core/promptFiles/promptFileRequest';
import { formatNumber } from '../core/l10n/format';
import { isPromptFileUri } from '../features/promptFiles/promptFileDocuments';
import { loadPromptFile } from '../features/promptFiles/promptFileLoad';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { generateDefaults, startGeneration } from '../features/generationWizard/generationWizard';

/**
 * "Generate Video" of a prompt file (its lens, or the palette on the active one): the file as it
 * is now, checked by the wizard's rules; with an error nothing is sent and the problems are shown.
 * Otherwise the billable question, one request, and the task is tracked with its file.
 */
export async function generateFromPromptFile(services: Services, target?: unknown): Promise<string | undefined> {
	const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
	if (!uri || !isPromptFileUri(uri)) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Open a prompt file (*.veo.md) to generate a video from it.'));
		return undefined;
	}
	const loaded = await loadPromptFile(uri, { model: generateDefaults(services).model });
	if ('problem' in loaded) {
		void vscode.window.showErrorMessage(loaded.problem);
		return undefined;
	}
	const { check, link } = loaded;
	if (!check.choices || hasErrors(check.problems)) {
		const errors = check.problems.filter((problem) => problem.severity === 'error');
		const showProblems = vscode.l10n.t('Show Problems');
		const message =
			errors.length === 1
				? vscode.l10n.t('The prompt file has a problem, so nothing was sent: {0}', errors[0].message)
				: vscode.l10n.t('The prompt file has {0} problems, so nothing was sent. The first: {1}', formatNumber(errors.length), errors[0]?.message ?? '');
		void vscode.window
			.showErrorMessage(message, showProblems)
			.then((choice) => choice === showProblems && vscode.commands.executeCommand('workbench.actions.view.problems'));
		return undefined;
	}
	const name = uri.path.split('/').pop() ?? '';
	return startGeneration(services, check.choices, {
		question: vscode.l10n.t('Generate this video from {0}?', name),
		promptFile: link,
	});
}
