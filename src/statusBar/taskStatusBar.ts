import * as vscode from 'vscode';
import type { Services } from '../services';
import { shorten } from '../core/util/text';
import { stalledSince } from '../core/tasks/giveUp';
import { readRowDisplay } from '../configuration/settings';

/**
 * A status bar item: spinning while tasks run ("2 Veo tasks running"), then a check or an error
 * mark for what finished since; hidden when nothing is tracked. Clicking it shows the view.
 */
export function registerTaskStatusBar(services: Services): vscode.StatusBarItem {
	const { repository, refresher, context } = services;
	const list = repository.list;
	const item = vscode.window.createStatusBarItem('veoTasks.status', vscode.StatusBarAlignment.Left, 50);
	item.name = 'Veo Tasks';
	item.command = 'veoTasks.tasks.focus';
	let recentlySucceeded = 0;
	let recentlyFailed = 0;

	const render = (): void => {
		if (!list.size) {
			item.hide();
			return;
		}
		// Tasks never fetched (no token yet, a failed first refresh) are not "running": they are unknown.
		const all = list.activeIds().map((id) => list.get(id)).filter((task) => task !== undefined);
		// Stalled tasks (given up on: src/core/tasks/giveUp.ts) are not "running" either.
		const giveUpMs = readRowDisplay().giveUpAfterMs ?? 0;
		const now = Date.now();
		const stalled = all.filter((task) => stalledSince(task.summary, now, giveUpMs) !== undefined).length;
		const active = all.filter((task) => task.summary.state !== 'unknown' && stalledSince(task.summary, now, giveUpMs) === undefined);
		const unfetched = all.length - active.length - stalled;
		const tooltip = new vscode.MarkdownString(undefined, false);
		if (active.length) {
			item.text = `$(loading~spin) ${active.length} Veo task${active.length === 1 ? '' : 's'} running`;
			tooltip.appendMarkdown('**Running Veo tasks**\n\n');
			for (const task of active.slice(0, 10)) {
				tooltip.appendMarkdown('- ');
				tooltip.appendText(`${shorten(task.summary.prompt ?? task.id, 60)} (${task.summary.state})`);
				tooltip.appendMarkdown('\n');
			}
			if (active.length > 10) {
				tooltip.appendText(`… and ${active.length - 10} more`);
			}
		} else if (stalled) {
			item.text = `$(watch) Veo: ${stalled} stalled`;
			tooltip.appendText(`${stalled} Veo task(s) stalled: still not finished after veoTasks.giveUpAfterMinutes, no longer polled. Click to see them.`);
		} else if (unfetched) {
			item.text = `$(question) Veo: ${unfetched} not fetched`;
			tooltip.appendText(`${unfetched} Veo task(s) could not be fetched yet. Click to see them.`);
		} else if (recentlyFailed) {
			item.text = `$(error) Veo: ${recentlyFailed} failed`;
			tooltip.appendText(`${recentlyFailed} Veo task(s) failed${recentlySucceeded ? `, ${recentlySucceeded} succeeded` : ''}. Click to see them.`);
		} else {
			item.text = recentlySucceeded ? `$(check) Veo: ${recentlySucceeded} ready` : '$(check) Veo';
			tooltip.appendText(recentlySucceeded ? `${recentlySucceeded} video(s) ready. Click to see them.` : `${list.size} Veo task(s) tracked, none running.`);
		}
		item.tooltip = tooltip;
		item.show();
	};

	context.subscriptions.push(
		item,
		list.onDidChange(render),
		refresher.onDidRefresh((result) => {
			// A new batch of work resets the tally of what finished.
			if (result.transitions.some((transition) => transition.from === 'unknown' && (transition.to === 'pending' || transition.to === 'running'))) {
				recentlySucceeded = 0;
				recentlyFailed = 0;
			}
			for (const transition of result.transitions) {
				if (transition.from === 'pending' || transition.from === 'running') {
					recentlySucceeded += transition.to === 'succeeded' ? 1 : 0;
					recentlyFailed += transition.to === 'failed' ? 1 : 0;
				}
			}
			render();
		}),
	);
	void repository.ready.then(render);
	return item;
}
