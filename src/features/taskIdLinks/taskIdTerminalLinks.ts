import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { taskIdsInLine } from '../../core/tasks/taskIdMatches';
import type { TaskListView } from '../../core/tasks/taskList';
import type { TaskTracking } from '../../services/taskTracking';
import { saysVeoTask } from '../../core/tasks/veoTaskMention';
import { readLinkUntrackedTaskIds } from '../../services/settings';

interface TaskIdTerminalLink extends vscode.TerminalLink {
	taskId: string;
}

/**
 * Task IDs printed in the integrated terminal (by scripts, curl, the provider's CLI) become links:
 * a click tracks the task if needed and opens it. An untracked UUID is a link only where the line
 * says it is a Veo task (or `veoTasks.linkUntrackedTaskIds` is on): request IDs and UIDs are not.
 */
export class TaskIdTerminalLinkProvider implements vscode.TerminalLinkProvider<TaskIdTerminalLink> {
	constructor(
		private readonly list: Pick<TaskListView, 'has'>,
		private readonly tracking: Pick<TaskTracking, 'track'>,
		private readonly linkUntracked: () => boolean = readLinkUntrackedTaskIds,
	) {}

	provideTerminalLinks(context: vscode.TerminalLinkContext): TaskIdTerminalLink[] {
		const matches = taskIdsInLine(context.line);
		const everyId = matches.length > 0 && this.linkUntracked();
		return matches
			.filter((match) => everyId || this.list.has(match.id) || saysVeoTask(context.line, match.start))
			.map((match) => ({
				startIndex: match.start,
				length: match.length,
				tooltip: this.list.has(match.id) ? vscode.l10n.t('Open Veo task') : vscode.l10n.t('Track and open Veo task'),
				taskId: match.id,
			}));
	}

	async handleTerminalLink(link: TaskIdTerminalLink): Promise<void> {
		if (!this.list.has(link.taskId)) {
			await this.tracking.track([link.taskId], { source: 'terminalLink', interactive: true });
		}
		await vscode.commands.executeCommand(Commands.openTask, link.taskId);
	}
}
