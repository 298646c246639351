import * as vscode from 'vscode';
import { formatNumber, plural } from '../core/l10n/format';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { taskIdsFromArguments } from './taskArguments';

/**
 * "Remove Others": keeps one take and stops tracking the others, after a modal question. Called as
 * `(keptId, takeIds[])` by Compare Takes and by the view (the clicked row and the selected rows).
 */
export async function removeOtherTakes(services: Services, ...args: unknown[]): Promise<string[]> {
	await services.repository.ready;
	const list = services.repository.list;
	const [keep] = taskIdsFromArguments(list, [args[0]]);
	const takes = taskIdsFromArguments(list, [args[1]]);
	const others = takes.filter((id) => id !== keep);
	if (!keep || others.length === 0) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Select the take to keep together with the others, or use Remove Others in Compare Takes.'));
		return [];
	}
	const count = formatNumber(others.length);
	const remove = vscode.l10n.t('Remove Others');
	const answer = await vscode.window.showWarningMessage(
		plural(others.length, { one: vscode.l10n.t('Stop tracking the other take?', count), other: vscode.l10n.t('Stop tracking the other {0} takes?', count) }),
		{ modal: true, detail: vscode.l10n.t('The kept take stays. The others leave the list (their videos stay on the server until it deletes them).') },
		remove,
	);
	if (answer !== remove) {
		return [];
	}
	// Follow-ups of a removed take go with it (as Remove Task does), unless one is the kept take.
	const withChildren = others.flatMap((id) => [id, ...list.childrenOf(id).map((child) => child.id)]).filter((id) => id !== keep);
	return services.repository.remove(withChildren);
}
