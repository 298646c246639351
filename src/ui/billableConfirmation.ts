import * as vscode from 'vscode';
import { readConfirmBillableActions } from '../services/settings';
import { plainNotificationText } from '../core/util/text';

export interface BillableStart {
	/** e.g. "Generate this video?", already translated (as are `detail` and `button`). */
	question: string;
	/** What will be started: action, model, options, prompt (callers shorten the prompt). */
	detail: string;
	/** The button that starts it, e.g. "Generate". */
	button: string;
}

/**
 * Whether to ask before a billable start. Only the user's own settings can turn the question off:
 * a workspace (a cloned repository's .vscode/settings.json) cannot, and neither can a command's
 * arguments, which come from whoever called the command.
 */
export function billableConfirmationWanted(): boolean {
	return readConfirmBillableActions();
}

/** One modal question with what will be started; true when the user said to start it. */
export async function confirmBillableStart(start: BillableStart): Promise<boolean> {
	if (!billableConfirmationWanted()) {
		return true;
	}
	const choice = await vscode.window.showInformationMessage(
		plainNotificationText(start.question),
		{
			modal: true,
			detail: plainNotificationText(
				vscode.l10n.t(
					'{0}\n\nThis starts a job billed to your AceData Cloud account. (Setting veoTasks.confirmBillableActions turns this question off.)',
					start.detail,
				),
			),
		},
		start.button,
	);
	return choice === start.button;
}
