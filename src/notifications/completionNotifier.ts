import * as vscode from 'vscode';
import { Commands } from '../constants';
import { readLiveTrackingSettings } from '../configuration/settings';
import { plainNotificationText, shorten } from '../core/util/text';
import type { StateTransition } from '../core/tasks/taskList';
import type { Services } from '../services';

const PROMPT_MAX = 50;

/**
 * Tells the user when tasks they were waiting for finish. All tasks that finish in one refresh make
 * one notification (per outcome), not a storm. Only tasks seen pending or running before count: a
 * task added when already finished is no news.
 */
export function registerCompletionNotifier(services: Services): void {
	const { refresher, repository, context } = services;
	context.subscriptions.push(
		refresher.onDidRefresh((result) => {
			const notifyOn = readLiveTrackingSettings().notifyOn;
			if (notifyOn === 'off') {
				return;
			}
			const finished = (to: 'succeeded' | 'failed'): StateTransition[] =>
				result.transitions.filter((transition) => transition.to === to && (transition.from === 'pending' || transition.from === 'running'));
			const succeeded = finished('succeeded').map((transition) => transition.id);
			const failed = finished('failed').map((transition) => transition.id);
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
		// Prompts come from the server: a Markdown link in one must not become a live link.
		return prompt ? `"${plainNotificationText(shorten(prompt, PROMPT_MAX))}"` : id;
	}

	async function notifySucceeded(ids: string[]): Promise<void> {
		if (ids.length === 1) {
			const [id] = ids;
			const choice = await vscode.window.showInformationMessage(`Video ready: ${label(id)}`, 'Open', 'Open in Browser');
			if (choice === 'Open') {
				await vscode.commands.executeCommand(Commands.openTask, id);
			} else if (choice === 'Open in Browser') {
				await vscode.commands.executeCommand(Commands.openVideoExternal, id);
			}
			return;
		}
		const names = ids.slice(0, 3).map(label).join(', ');
		const choice = await vscode.window.showInformationMessage(`${ids.length} videos ready: ${names}${ids.length > 3 ? ', …' : ''}`, 'Open…');
		if (choice) {
			await vscode.commands.executeCommand(Commands.openTask);
		}
	}

	async function notifyFailed(ids: string[]): Promise<void> {
		if (ids.length === 1) {
			const [id] = ids;
			const summary = repository.list.get(id)?.summary;
			const actions = summary?.traceId ? ['Open', 'Copy Trace ID'] : ['Open'];
			const reason = summary?.failureReason ? `: ${plainNotificationText(shorten(summary.failureReason, 200))}` : '';
			const choice = await vscode.window.showErrorMessage(`Veo task failed: ${label(id)}${reason}`, ...actions);
			if (choice === 'Open') {
				await vscode.commands.executeCommand(Commands.openTask, id);
			} else if (choice === 'Copy Trace ID' && summary?.traceId) {
				await vscode.env.clipboard.writeText(summary.traceId);
			}
			return;
		}
		const choice = await vscode.window.showErrorMessage(`${ids.length} Veo tasks failed: ${ids.slice(0, 3).map(label).join(', ')}`, 'Show');
		if (choice) {
			await vscode.commands.executeCommand('veoTasks.tasks.focus');
		}
	}
}
