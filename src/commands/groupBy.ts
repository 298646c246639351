import * as vscode from 'vscode';
import { isGroupBy, type GroupBy } from '../core/view/taskGroups';
import type { ViewPreferences } from '../services/viewPreferences';

/** The choices, in the display language (read when the pick opens, after activation set it). */
function choices(): { groupBy: GroupBy; label: string; detail: string }[] {
	return [
		{ groupBy: 'none', label: vscode.l10n.t('None'), detail: vscode.l10n.t('One list, newest first') },
		{ groupBy: 'state', label: vscode.l10n.t('State'), detail: vscode.l10n.t('Running, pending, succeeded, failed… with counts') },
		{ groupBy: 'day', label: vscode.l10n.t('Day'), detail: vscode.l10n.t('Today, yesterday, and earlier days') },
		{ groupBy: 'prompt', label: vscode.l10n.t('Prompt File'), detail: vscode.l10n.t('The *.veo.md file each task was started from') },
	];
}

/** "Group By…": none, state, day or prompt file; remembered for the workspace. Takes the choice as an argument too. */
export async function groupBy(services: { preferences: ViewPreferences }, choice?: unknown): Promise<GroupBy | undefined> {
	let picked: GroupBy | undefined = isGroupBy(choice) ? choice : undefined;
	if (!picked) {
		const current = services.preferences.groupBy;
		const item = await vscode.window.showQuickPick(
			choices().map((candidate) => ({ ...candidate, description: candidate.groupBy === current ? vscode.l10n.t('(current)') : undefined })),
			{ placeHolder: vscode.l10n.t('Group the Veo tasks by') },
		);
		picked = item?.groupBy;
	}
	if (picked) {
		await services.preferences.update({ groupBy: picked });
	}
	return picked;
}
