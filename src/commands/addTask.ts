import * as vscode from 'vscode';
import { formatNumber, plural } from '../core/l10n/format';
import { parseTaskIdInput } from '../core/tasks/taskIds';
import type { Services } from '../services/services';

export interface AddTaskResult {
	added: string[];
	alreadyTracked: string[];
	invalid: string[];
}

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
export async function addTask(services: Services, input?: unknown): Promise<AddTaskResult | undefined> {
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

	const parsed = parseTaskIdInput(text);
	const { added, alreadyTracked } = await services.repository.add(parsed.ids);
	const result: AddTaskResult = { added, alreadyTracked, invalid: parsed.invalid };

	// Whole sentences, one after the other.
	const notes: string[] = [];
	if (alreadyTracked.length) {
		notes.push(vscode.l10n.t('{0} already tracked, ignored.', formatNumber(alreadyTracked.length)));
	}
	if (parsed.invalid.length) {
		const shown = parsed.invalid.slice(0, 3).map((token) => `"${token.length > 40 ? `${token.slice(0, 40)}…` : token}"`).join(', ');
		const more = parsed.invalid.length - 3;
		notes.push(
			more > 0
				? vscode.l10n.t('Not task IDs (a task ID is a UUID): {0} and {1} more.', shown, formatNumber(more))
				: vscode.l10n.t('Not task IDs (a task ID is a UUID): {0}.', shown),
		);
	}
	const addedNote = plural(added.length, { one: vscode.l10n.t('Added {0} task.', formatNumber(added.length)), other: vscode.l10n.t('Added {0} tasks.', formatNumber(added.length)) });
	if (parsed.invalid.length || (!added.length && !alreadyTracked.length)) {
		const lead = added.length ? addedNote : vscode.l10n.t('No task added.');
		void vscode.window.showWarningMessage([lead, ...notes].join(' '));
	} else if (alreadyTracked.length) {
		void vscode.window.showInformationMessage([...(added.length ? [addedNote] : []), ...notes].join(' '));
	}

	if (added.length) {
		// New tasks are fetched at once so their rows show a state, not "not fetched yet".
		void services.refresher.refresh(added, { interactive: true, reason: 'added' });
	}
	return result;
}
