import * as vscode from 'vscode';
import type { Services } from '../services';

/** "Remove Finished Tasks": succeeded, failed and not-found tasks, always after a confirmation (no argument skips it). */
export async function removeFinished(services: Services): Promise<string[]> {
	await services.repository.ready;
	const finished = services.repository.list.finishedIds();
	if (!finished.length) {
		void vscode.window.showInformationMessage('No finished Veo tasks to remove.');
		return [];
	}
	const answer = await vscode.window.showWarningMessage(
		`Stop tracking ${finished.length} finished Veo task${finished.length === 1 ? '' : 's'}?`,
		{ modal: true, detail: 'Succeeded, failed and not-found tasks are removed from this list. The videos stay on the server.' },
		'Remove',
	);
	if (answer !== 'Remove') {
		return [];
	}
	return services.repository.remove(finished);
}
