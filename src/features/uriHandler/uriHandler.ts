import * as vscode from 'vscode';
import { Views } from '../../constants';
import { formatNumber } from '../../core/l10n/format';
import { parseTaskIdInput } from '../../core/tasks/taskIds';
import { shorten } from '../../core/util/text';
import type { ExtensionServices as Services } from '../../services/extensionServices';
import { trackTaskIds } from '../agentTools/trackTasks';

/** The most tasks one link tracks: a link is written by someone else, and a long one is a mistake. */
export const URI_MAX_IDS = 20;
/** The most task tabs one link opens; the others are in the view. */
export const URI_MAX_OPENED = 3;

export interface UriOutcome {
	tracked: string[];
	opened: string[];
	/** Why nothing was done, when nothing was. */
	refused?: string;
}

/**
 * `vscode://veo-tasks.veo-tasks/track?ids=<id>[,<id>…]` tracks the tasks and opens them (a docs page
 * or a chat answer links to a task this way). Only that: nothing billable can be started from a
 * link, whatever it says.
 */
export async function handleTrackUri(services: Services, uri: vscode.Uri, openTask: (id: string) => void): Promise<UriOutcome> {
	if (uri.path.replace(/\/+$/, '') !== '/track') {
		const refused = vscode.l10n.t(
			'Veo Tasks does not know the link "{0}". Links it opens look like {1}.',
			shorten(uri.path, 60),
			'vscode://veo-tasks.veo-tasks/track?ids=<task ID>',
		);
		void vscode.window.showWarningMessage(refused);
		return { tracked: [], opened: [], refused };
	}
	const given = new URLSearchParams(uri.query).getAll('ids').join(',');
	const parsed = parseTaskIdInput(given);
	if (!parsed.ids.length) {
		const refused = vscode.l10n.t('The link names no task ID. Task IDs are UUIDs such as 2f1c7c1e-3b7a-4a5e-9d62-0c8f3e1b9a4d.');
		void vscode.window.showWarningMessage(refused);
		return { tracked: [], opened: [], refused };
	}
	if (parsed.ids.length > URI_MAX_IDS) {
		const refused = vscode.l10n.t(
			'The link names {0} tasks; a link tracks at most {1}. Nothing was tracked: use Add Task ID… for long lists.',
			formatNumber(parsed.ids.length),
			formatNumber(URI_MAX_IDS),
		);
		void vscode.window.showWarningMessage(refused);
		return { tracked: [], opened: [], refused };
	}
	if (parsed.invalid.length) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'Some parts of the link are not task IDs and were ignored: {0}.',
				parsed.invalid
					.slice(0, 3)
					.map((token) => JSON.stringify(shorten(token, 40)))
					.join(', '),
			),
		);
	}
	await trackTaskIds(services, parsed.ids, 'uri');
	await vscode.commands.executeCommand(`${Views.tasks}.focus`).then(undefined, () => undefined);
	const opened = parsed.ids.slice(0, URI_MAX_OPENED);
	for (const id of opened) {
		openTask(id);
	}
	return { tracked: parsed.ids, opened };
}

export function registerUriHandler(services: Services, openTask: (id: string) => void): (uri: vscode.Uri) => Promise<UriOutcome> {
	const handle = (uri: vscode.Uri): Promise<UriOutcome> => handleTrackUri(services, uri, openTask);
	services.context.subscriptions.push(vscode.window.registerUriHandler({ handleUri: (uri) => void handle(uri) }));
	return handle;
}
