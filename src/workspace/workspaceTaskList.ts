import * as vscode from 'vscode';
import { WORKSPACE_TASK_LIST_PATH, WORKSPACE_TASK_LIST_STATE_KEY } from '../constants';
import { MAX_IMPORT_BYTES, readImportedTaskList, type ImportedTask } from '../core/tasks/taskExport';
import { MAX_JSON_DEPTH } from '../core/security/jsonDepth';
import { mayReadAtStartup, readRegularFile } from '../services/workspaceFiles';
import type { Services } from '../services';
import { trackImportedTasks } from '../commands/importTasks';
import { formatNumber, plural } from '../core/l10n/format';

/** A team's task list in a workspace folder: `.vscode/veo-tasks.json`, in the export format. */
export interface WorkspaceTaskList {
	uri: vscode.Uri;
	tasks: ImportedTask[];
	/** The file is an exported list (not any file with task IDs in it). */
	recognized: boolean;
}

/** What looking for the workspace's list found. */
export interface WorkspaceTaskListScan {
	list?: WorkspaceTaskList;
	/** A file was there (read, or refused): the offer counts as made, so it does not come back every start. */
	lookedAt: boolean;
	/** Why a file there was not read (a link, too large, too deep), for the user who asked for it. */
	refused?: string;
}

/**
 * Looks at each workspace folder's `.vscode/veo-tasks.json` until one holds task IDs. The repository
 * controls that file: it is read only as a regular file inside the folder, capped while reading
 * (src/services/workspaceFiles.ts).
 */
export async function scanWorkspaceTaskList(): Promise<WorkspaceTaskListScan> {
	const scan: WorkspaceTaskListScan = { lookedAt: false };
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const uri = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_TASK_LIST_PATH.split('/'));
		const read = await readRegularFile(uri, { maxBytes: MAX_IMPORT_BYTES, maxJsonDepth: MAX_JSON_DEPTH, insideFolder: folder.uri });
		if (read.kind === 'missing') {
			continue;
		}
		scan.lookedAt = true;
		if (read.kind !== 'ok') {
			scan.refused ??= read.message;
			continue;
		}
		const { tasks, recognized } = readImportedTaskList(read.text);
		if (tasks.length) {
			scan.list = { uri, tasks, recognized };
			return scan;
		}
	}
	return scan;
}

/** The first workspace folder's `.vscode/veo-tasks.json` that holds task IDs; undefined without one. */
export async function findWorkspaceTaskList(): Promise<WorkspaceTaskList | undefined> {
	return (await scanWorkspaceTaskList()).list;
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
	// In Restricted Mode the repository's files are not read unasked (Track Workspace Task List still
	// reads it when the user asks); the offer comes when the workspace is trusted.
	if (context.workspaceState.get(WORKSPACE_TASK_LIST_STATE_KEY) !== undefined || !mayReadAtStartup()) {
		return undefined;
	}
	const scan = await scanWorkspaceTaskList();
	if (scan.lookedAt) {
		// Stored whenever a file was looked at, whatever it held: a file that cannot be used is not
		// read again at every start.
		await context.workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, 'dismissed');
	}
	const found = scan.list;
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
		await trackImportedTasks(services, found.tasks, found.recognized);
	}
	return answer;
}

/** Offers the workspace's list once the window has settled: after activation, never during it. */
export function registerWorkspaceTaskListOffer(services: Services): void {
	const offer = (): void => {
		offerWorkspaceTaskList(services).catch((error: unknown) => services.log.warn(`Could not read ${WORKSPACE_TASK_LIST_PATH}: ${String(error)}`));
	};
	const timer = setTimeout(offer, 0);
	services.context.subscriptions.push({ dispose: () => clearTimeout(timer) }, vscode.workspace.onDidGrantWorkspaceTrust(offer));
}
