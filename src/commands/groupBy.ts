import * as vscode from 'vscode';
import { isGroupBy, type GroupBy } from '../core/view/taskGroups';
import type { Services } from '../services';

const CHOICES: { groupBy: GroupBy; label: string; detail: string }[] = [
	{ groupBy: 'none', label: 'None', detail: 'One list, newest first' },
	{ groupBy: 'state', label: 'State', detail: 'Running, pending, succeeded, failed… with counts' },
	{ groupBy: 'day', label: 'Day', detail: 'Today, yesterday, and earlier days' },
];

/** "Group By…": none, state or day; remembered for the workspace. Takes the choice as an argument too. */
export async function groupBy(services: Services, choice?: unknown): Promise<GroupBy | undefined> {
	let picked: GroupBy | undefined = isGroupBy(choice) ? choice : undefined;
	if (!picked) {
		const current = services.preferences.groupBy;
		const item = await vscode.window.showQuickPick(
			CHOICES.map((candidate) => ({ ...candidate, description: candidate.groupBy === current ? '(current)' : undefined })),
			{ placeHolder: 'Group the Veo tasks by' },
		);
		picked = item?.groupBy;
	}
	if (picked) {
		await services.preferences.update({ groupBy: picked });
	}
	return picked;
}
