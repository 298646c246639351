import * as vscode from 'vscode';
import type { ExtensionServices as Services } from '../services/extensionServices';
import { taskIdsOrPick } from './taskArguments';

/** "Keep" (or "Don't Keep"): marks takes as favourites, a star on their rows and cards, saved with the list. */
export async function keepTake(services: Services, kept: boolean, ...args: unknown[]): Promise<string[]> {
	await services.repository.ready;
	const list = services.repository.list;
	const ids = await taskIdsOrPick(list, args, {
		placeHolder: kept ? vscode.l10n.t('Keep which takes?') : vscode.l10n.t('Stop keeping which takes?'),
		canPickMany: true,
		filter: (task) => (task.kept === true) !== kept,
	});
	return ids.length ? services.repository.setKept(ids, kept) : [];
}
