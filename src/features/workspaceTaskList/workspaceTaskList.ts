import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH, WORKSPACE_TASK_LIST_STATE_KEY } from '../../constants';
import { mayReadAtStartup, scanWorkspaceTaskList } from '../../services/workspaceFiles';
import type { Log } from '../../services/log';
import type { TaskListReader } from '../../services/taskRepository';
import type { TaskTracking } from '../../services/taskTracking';

export interface WorkspaceTaskListServices {
	workspaceState: vscode.Memento;
	repository: TaskListReader;
	tracking: TaskTracking;
}
import { formatNumber, plural } from '../../core/l10n/format';

export type OfferAnswer = 'tracked' | 'declined' | 'dismissed';

/**
 * Asks once per workspace whether to track the tasks of its `.vscode/veo-tasks.json` (when some are
 * not tracked yet). The question is remembered as soon as it is shown, and the answer when given, so
 * it never comes back; Track Workspace Task List does it later on demand.
 * Returns what happened, or undefined when nothing was asked.
 */
export async function offerWorkspaceTaskList({ workspaceState, repository, tracking }: WorkspaceTaskListServices): Promise<OfferAnswer | undefined> {
	// In Restricted Mode the repository's files are not read unasked (Track Workspace Task List still
	// reads it when the user asks); the offer comes when the workspace is trusted.
	if (workspaceState.get(WORKSPACE_TASK_LIST_STATE_KEY) !== undefined || !mayReadAtStartup()) {
		return undefined;
	}
	const scan = await scanWorkspaceTaskList();
	if (scan.lookedAt) {
		// Stored whenever a file was looked at, whatever it held: a file that cannot be used is not
		// read again at every start.
		await workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, 'dismissed');
	}
	const found = scan.list;
	await repository.ready;
	if (!found || found.tasks.every((task) => repository.list.has(task.id))) {
		return undefined;
	}
	await workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, 'dismissed');
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
	await workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, answer);
	if (answer === 'tracked') {
		// The file was read and parsed above: its tasks are tracked as they are, not read again.
		await tracking.track(found.tasks, { source: 'workspaceList', recognized: found.recognized, interactive: true });
	}
	return answer;
}

/** Offers the workspace's list once the window has settled: after activation, never during it. */
export function registerWorkspaceTaskListOffer(services: WorkspaceTaskListServices & { log: Log; subscriptions: vscode.Disposable[] }): void {
	const offer = (): void => {
		offerWorkspaceTaskList(services).catch((error: unknown) => services.log.warn(`Could not read ${WORKSPACE_TASK_LIST_PATH}: ${String(error)}`));
	};
	const timer = setTimeout(offer, 0);
	services.subscriptions.push({ dispose: () => clearTimeout(timer) }, vscode.workspace.onDidGrantWorkspaceTrust(offer));
}
