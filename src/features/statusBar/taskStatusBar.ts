import * as vscode from 'vscode';
import type { TaskRefresher } from '../../services/taskRefresher';
import type { TaskListReader } from '../../services/taskRepository';
import { escapeMarkdown, shorten } from '../../core/util/text';
import { stateLabel } from '../../core/tasks/taskState';
import { formatNumber, plural } from '../../core/l10n/format';
import { stalledSince } from '../../core/tasks/giveUp';
import { startedWork } from '../../core/tasks/transitions';
import { readGiveUpAfterMs } from '../../services/settings';

/** The item, and whether it is shown now (VS Code's item does not say). */
export type TaskStatusBarItem = vscode.StatusBarItem & { readonly visible: boolean };

/**
 * A status bar item: spinning while tasks run ("2 Veo tasks running"), then a check or an error
 * mark for what finished since; stalled or unfetched tasks say so. Hidden when none of that
 * applies, as VS Code's own items are: nothing running and nothing finished since is nothing to
 * say. Clicking it shows the view.
 */
export function registerTaskStatusBar({
	repository,
	refresher,
	subscriptions,
}: {
	repository: TaskListReader;
	refresher: Pick<TaskRefresher, 'onDidRefresh'>;
	subscriptions: vscode.Disposable[];
}): TaskStatusBarItem {
	const list = repository.list;
	const item = vscode.window.createStatusBarItem('veoTasks.status', vscode.StatusBarAlignment.Left, 50);
	item.name = 'Veo Tasks';
	item.command = 'veoTasks.tasks.focus';
	let recentlySucceeded = 0;
	let recentlyFailed = 0;
	let visible = false;
	const hide = (): void => {
		visible = false;
		item.hide();
	};

	const render = (): void => {
		if (!list.size) {
			hide();
			return;
		}
		// Tasks never fetched (no token yet, a failed first refresh) are not "running": they are unknown.
		const all = list
			.activeIds()
			.map((id) => list.get(id))
			.filter((task) => task !== undefined);
		// Stalled tasks (given up on: src/core/tasks/giveUp.ts) are not "running" either.
		const giveUpMs = readGiveUpAfterMs();
		const now = Date.now();
		const stalled = all.filter((task) => stalledSince(task.summary, now, giveUpMs) !== undefined).length;
		const active = all.filter((task) => task.summary.state !== 'unknown' && stalledSince(task.summary, now, giveUpMs) === undefined);
		const unfetched = all.length - active.length - stalled;
		const tooltip = new vscode.MarkdownString(undefined, false);
		// Not appendText: it leaves URLs and e-mail addresses in a prompt to become live links. Escaped
		// Markdown (every punctuation character, `:` `/` `@` `.` included) stays text.
		const appendInert = (text: string): void => {
			tooltip.appendMarkdown(escapeMarkdown(text));
		};
		if (active.length) {
			const running = formatNumber(active.length);
			item.text = plural(active.length, {
				one: vscode.l10n.t('$(loading~spin) {0} Veo task running', running),
				other: vscode.l10n.t('$(loading~spin) {0} Veo tasks running', running),
			});
			tooltip.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('Running Veo tasks'))}**\n\n`);
			for (const task of active.slice(0, 10)) {
				tooltip.appendMarkdown('- ');
				appendInert(vscode.l10n.t('{0} ({1})', shorten(task.summary.prompt ?? task.id, 60), stateLabel({ state: task.summary.state })));
				tooltip.appendMarkdown('\n');
			}
			if (active.length > 10) {
				appendInert(vscode.l10n.t('… and {0} more', formatNumber(active.length - 10)));
			}
		} else if (stalled) {
			item.text = vscode.l10n.t('$(watch) Veo: {0} stalled', formatNumber(stalled));
			appendInert(
				vscode.l10n.t(
					'{0} Veo task(s) stalled: still not finished after veoTasks.giveUpAfterMinutes, no longer polled. Click to see them.',
					formatNumber(stalled),
				),
			);
		} else if (unfetched) {
			item.text = vscode.l10n.t('$(question) Veo: {0} not fetched', formatNumber(unfetched));
			appendInert(vscode.l10n.t('{0} Veo task(s) could not be fetched yet. Click to see them.', formatNumber(unfetched)));
		} else if (recentlyFailed) {
			item.text = vscode.l10n.t('$(error) Veo: {0} failed', formatNumber(recentlyFailed));
			appendInert(
				recentlySucceeded
					? vscode.l10n.t('{0} Veo task(s) failed, {1} succeeded. Click to see them.', formatNumber(recentlyFailed), formatNumber(recentlySucceeded))
					: vscode.l10n.t('{0} Veo task(s) failed. Click to see them.', formatNumber(recentlyFailed)),
			);
		} else if (recentlySucceeded) {
			item.text = vscode.l10n.t('$(check) Veo: {0} ready', formatNumber(recentlySucceeded));
			appendInert(vscode.l10n.t('{0} video(s) ready. Click to see them.', formatNumber(recentlySucceeded)));
		} else {
			hide();
			return;
		}
		item.tooltip = tooltip;
		visible = true;
		item.show();
	};

	subscriptions.push(
		item,
		list.onDidChange(render),
		refresher.onDidRefresh((result) => {
			// A new batch of work resets the tally of what finished.
			if (startedWork(result.transitions)) {
				recentlySucceeded = 0;
				recentlyFailed = 0;
			}
			recentlySucceeded += result.finished.succeeded.length;
			recentlyFailed += result.finished.failed.length;
			render();
		}),
	);
	void repository.ready.then(render);
	return Object.defineProperty(item, 'visible', { get: () => visible }) as TaskStatusBarItem;
}
