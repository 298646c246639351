import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH, WORKSPACE_TASK_LIST_STATE_KEY } from '../../constants';
import { MAX_IMPORT_BYTES, readImportedTaskList, type ImportedTask } from '../../core/tasks/taskExport';
import type { Services } from '../../services/services';
import { formatNumber, plural } from '../../core/l10n/format';

/** A team's task list in a workspace folder: `.vscode/veo-tasks.json`, in the export format. */
export interface WorkspaceTaskList {
	uri: vscode.Uri;
	tasks: ImportedTask[];
	/** The file is an exported list (not any file with task IDs in it). */
	recognized: boolean;
}

/** The first workspace folder's `.vscode/veo-tasks.json` that holds task IDs; undefined without one. */
export async function findWorkspaceTaskList(): Promise<WorkspaceTaskList | undefined> {
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const uri = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_TASK_LIST_PATH.split('/'));
		let text: string;
		try {
			// A cloned repository decides this file's size: past the import limit it is not read at
			// startup at all (Import Task List… says why when asked for it).
			if ((await vscode.workspace.fs.stat(uri)).size > MAX_IMPORT_BYTES) {
				continue;
			}
			text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		} catch {
			continue;
		}
		const { tasks, recognized } = readImportedTaskList(text);
		if (tasks.length) {
			return { uri, tasks, recognized };
		}
	}
	return undefined;
}

export type OfferAnswer = 'tracked' | 'declined' | 'dismissed';

/**
 * Asks once per workspace whether to track the tasks of its `.vscode/veo-tasks.json` (when some are
 * not tracked yet). The question is remembered as soon as it is shown, and the answer when given, so
 * it never comes back; Track Workspace Task List does it later on demand.
 * Returns what happened, or undefined when nothing was asked.
 */
export async function offerWorkspaceTaskList(services: Services): Promise<OfferAnswer | undefined> {
	const { context, repository } = services;
	if (context.workspaceState.get(WORKSPACE_TASK_LIST_STATE_KEY) !== undefined) {
		return undefined;
	}
	const found = await findWorkspaceTaskList();
	await repository.ready;
	if (!found || found.tasks.every((task) => repository.list.has(task.id))) {
		return undefined;
	}
	await context.workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, 'dismissed');
	const count = found.tasks.length;
	// The answer is read by comparing the chosen button with the same translated labels.
	const trackThem = vscode.l10n.t('Track Them');
	const notNow = vscode.l10n.t('Not Now');
	const question = plural(count, {
		one: vscode.l10n.t('This workspace has {0} Veo task: Track Them?', formatNumber(count)),
		other: vscode.l10n.t('This workspace has {0} Veo tasks: Track Them?', formatNumber(count)),
	});
	const choice = await vscode.window.showInformationMessage(question, trackThem, notNow);
	const answer: OfferAnswer = choice === trackThem ? 'tracked' : choice === notNow ? 'declined' : 'dismissed';
	await context.workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, answer);
	if (answer === 'tracked') {
		// The file was read and parsed above: its tasks are tracked as they are, not read again.
		await services.tracking.track(found.tasks, { source: 'workspaceList', recognized: found.recognized, interactive: true });
	}
	return answer;
}

/** Offers the workspace's list once the window has settled: after activation, never during it. */
export function registerWorkspaceTaskListOffer(services: Services): void {
	const timer = setTimeout(() => {
		offerWorkspaceTaskList(services).catch((error: unknown) => services.log.warn(`Could not read ${WORKSPACE_TASK_LIST_PATH}: ${String(error)}`));
	}, 0);
	services.context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}
