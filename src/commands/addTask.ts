import * as vscode from 'vscode';
import { parseTaskIdInput } from '../core/tasks/taskIds';
import type { TaskTracking } from '../services/taskTracking';
import type { TrackResult } from '../services/taskTracking';

export type AddTaskResult = TrackResult;

function describeInput(value: string): string | undefined {
	if (!value.trim()) {
		return undefined;
	}
	const parsed = parseTaskIdInput(value);
	if (!parsed.ids.length) {
		return vscode.l10n.t('No task ID found. Task IDs are UUIDs such as 2f1c7c1e-3b7a-4a5e-9d62-0c8f3e1b9a4d.');
	}
	return undefined;
}

/**
 * "Add Task ID…": one ID or many, typed or pasted (curl output and JSON work: the IDs are found in
 * them). Also callable with the IDs as an argument (a string or an array of strings).
 */
export async function addTask(services: { tracking: TaskTracking }, input?: unknown): Promise<AddTaskResult | undefined> {
	let text: string | undefined;
	if (typeof input === 'string') {
		text = input;
	} else if (Array.isArray(input)) {
		text = input.filter((value): value is string => typeof value === 'string').join('\n');
	} else {
		text = await vscode.window.showInputBox({
			title: vscode.l10n.t('Add Veo Task IDs'),
			prompt: vscode.l10n.t('One task ID or several, separated by spaces, commas or new lines. Pasted JSON or curl output works too.'),
			placeHolder: vscode.l10n.t('e.g. {0}', '2f1c7c1e-3b7a-4a5e-9d62-0c8f3e1b9a4d'),
			ignoreFocusOut: true,
			validateInput: (value) => describeInput(value),
		});
	}
	if (text === undefined || !text.trim()) {
		return undefined;
	}

	return services.tracking.track(text, { source: 'manual', interactive: true });
}
