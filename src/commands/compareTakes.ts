import * as vscode from 'vscode';
import { MAX_TAKES, MIN_TAKES, siblingsFirst } from '../core/view/compareModel';
import { buildTaskRow } from '../core/view/taskRow';
import { formatNumber } from '../core/l10n/format';
import { readRowDisplay } from '../services/settings';
import type { TrackedTask } from '../core/tasks/taskList';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { taskIdsFromArguments } from './taskArguments';

/** Finished tasks with a video are takes; the others have nothing to compare. */
const isTake = (task: TrackedTask): boolean => task.summary.state === 'succeeded';

/**
 * "Compare Takes": the rows selected in the view, the gallery's selection, or IDs from a caller
 * (2 to 4). With fewer, a picker adds takes, offering the siblings of the first (same prompt) first.
 */
export async function compareTakes(services: Services, show: (ids: readonly string[]) => unknown, ...args: unknown[]): Promise<string[]> {
	await services.repository.ready;
	const list = services.repository.list;
	let ids = taskIdsFromArguments(list, args);
	if (ids.length > MAX_TAKES) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t(
				'Compare Takes shows {0} to {1} takes side by side; {2} are selected.',
				formatNumber(MIN_TAKES),
				formatNumber(MAX_TAKES),
				formatNumber(ids.length),
			),
		);
		return [];
	}
	if (ids.length < MIN_TAKES) {
		const picked = await pickTakes(services, ids);
		if (!picked) {
			return [];
		}
		ids = picked;
	}
	show(ids);
	return ids;
}

interface TakePick extends vscode.QuickPickItem {
	id: string;
}

/** A multi-select pick of finished tasks; `chosen` are ticked already, their siblings listed first. */
async function pickTakes(services: Services, chosen: readonly string[]): Promise<string[] | undefined> {
	const list = services.repository.list;
	const anchor = chosen.length ? list.get(chosen[0]) : undefined;
	const now = Date.now();
	const display = readRowDisplay();
	const candidates = siblingsFirst(anchor, list.all().filter(isTake));
	const ordered = anchor ? [anchor, ...candidates] : candidates;
	if (ordered.length < MIN_TAKES) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Compare Takes needs at least two finished videos.'));
		return undefined;
	}
	const samePrompt = anchor?.summary.prompt?.trim();
	const items: TakePick[] = ordered.map((task) => {
		const row = buildTaskRow(task, now, false, display);
		const sibling = task !== anchor && samePrompt !== undefined && task.summary.prompt?.trim() === samePrompt;
		return {
			id: task.id,
			label: row.label,
			description: sibling ? vscode.l10n.t('same prompt · {0}', row.description) : row.description,
			picked: chosen.includes(task.id),
		};
	});
	for (;;) {
		const picked = await vscode.window.showQuickPick(items, {
			canPickMany: true,
			placeHolder: vscode.l10n.t('Compare which takes? Choose 2 to 4.'),
			matchOnDescription: true,
		});
		if (!picked) {
			return undefined;
		}
		if (picked.length >= MIN_TAKES && picked.length <= MAX_TAKES) {
			return picked.map((item) => item.id);
		}
		for (const item of items) {
			item.picked = picked.includes(item);
		}
		void vscode.window.showInformationMessage(vscode.l10n.t('Choose 2 to 4 takes to compare ({0} chosen).', formatNumber(picked.length)));
	}
}
