import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { readLiveTrackingSettings } from '../../services/settings';
import { plainNotificationText, shorten } from '../../core/util/text';
import type { TaskRefresher } from '../../services/taskRefresher';
import type { TaskListReader } from '../../services/taskRepository';
import { formatList, formatNumber, plural } from '../../core/l10n/format';

const PROMPT_MAX = 50;

/**
 * Tells the user when tasks they were waiting for finish. All tasks that finish in one refresh make
 * one notification (per outcome), not a storm. Only tasks seen pending or running before count: a
 * task added when already finished is no news.
 */
export function registerCompletionNotifier({
	refresher,
	repository,
	subscriptions,
}: {
	refresher: Pick<TaskRefresher, 'onDidRefresh'>;
	repository: TaskListReader;
	subscriptions: vscode.Disposable[];
}): void {
	subscriptions.push(
		refresher.onDidRefresh((result) => {
			const notifyOn = readLiveTrackingSettings().notifyOn;
			if (notifyOn === 'off') {
				return;
			}
			const { succeeded, failed } = result.finished;
			if (succeeded.length && notifyOn === 'all') {
				void notifySucceeded(succeeded);
			}
			if (failed.length) {
				void notifyFailed(failed);
			}
		}),
	);

	function label(id: string): string {
		const prompt = repository.list.get(id)?.summary.prompt;
		// Prompts come from the server: a Markdown link in one must not become a live link. The quotes
		// are the language's own (“…” in Chinese).
		return prompt ? vscode.l10n.t('"{0}"', plainNotificationText(shorten(prompt, PROMPT_MAX))) : id;
	}

	/**
	 * The labels as the display language lists things ("a, b, c"; "a、b、c" in Chinese, "a、b和c" in zh-tw). More than
	 * three are cut to the first three, and a cut list is no complete one: no "and" (和) before its last
	 * name, the language's plain separator instead (the message then says "…").
	 */
	function labels(ids: readonly string[]): string {
		return ids.length > 3 ? ids.slice(0, 3).map(label).join(vscode.l10n.t(', ')) : formatList(ids.map(label));
	}

	async function notifySucceeded(ids: string[]): Promise<void> {
		// Buttons are compared by their text: against the same translated value that was shown.
		const open = vscode.l10n.t('Open');
		if (ids.length === 1) {
			const [id] = ids;
			const openInBrowser = vscode.l10n.t('Open in Browser');
			const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Video ready: {0}', label(id)), open, openInBrowser);
			if (choice === open) {
				await vscode.commands.executeCommand(Commands.openTask, id);
			} else if (choice === openInBrowser) {
				await vscode.commands.executeCommand(Commands.openVideoExternal, id);
			}
			return;
		}
		const count = formatNumber(ids.length);
		const names = labels(ids);
		const message =
			ids.length > 3
				? plural(ids.length, { one: vscode.l10n.t('{0} video ready: {1}, …', count, names), other: vscode.l10n.t('{0} videos ready: {1}, …', count, names) })
				: plural(ids.length, { one: vscode.l10n.t('{0} video ready: {1}', count, names), other: vscode.l10n.t('{0} videos ready: {1}', count, names) });
		const choice = await vscode.window.showInformationMessage(message, vscode.l10n.t('Open…'));
		if (choice) {
			await vscode.commands.executeCommand(Commands.openTask);
		}
	}

	async function notifyFailed(ids: string[]): Promise<void> {
		if (ids.length === 1) {
			const [id] = ids;
			const summary = repository.list.get(id)?.summary;
			const open = vscode.l10n.t('Open');
			const copyTraceId = vscode.l10n.t('Copy Trace ID');
			const actions = summary?.traceId ? [open, copyTraceId] : [open];
			const message = summary?.failureReason
				? vscode.l10n.t('Veo task failed: {0}: {1}', label(id), plainNotificationText(shorten(summary.failureReason, 200)))
				: vscode.l10n.t('Veo task failed: {0}', label(id));
			const choice = await vscode.window.showErrorMessage(message, ...actions);
			if (choice === open) {
				await vscode.commands.executeCommand(Commands.openTask, id);
			} else if (choice === copyTraceId && summary?.traceId) {
				await vscode.env.clipboard.writeText(summary.traceId);
			}
			return;
		}
		const count = formatNumber(ids.length);
		const names = labels(ids);
		const message =
			ids.length > 3
				? vscode.l10n.t('{0} Veo tasks failed: {1}, …', count, names)
				: plural(ids.length, { one: vscode.l10n.t('{0} Veo task failed: {1}', count, names), other: vscode.l10n.t('{0} Veo tasks failed: {1}', count, names) });
		const choice = await vscode.window.showErrorMessage(message, vscode.l10n.t('Show'));
		if (choice) {
			await vscode.commands.executeCommand('veoTasks.tasks.focus');
		}
	}
}
