import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { taskIdsInLine } from '../../core/tasks/taskIdMatches';
import type { TaskRepository } from '../../services/taskRepository';

interface TaskIdTerminalLink extends vscode.TerminalLink {
	taskId: string;
}

/**
 * Task IDs printed in the integrated terminal (by scripts, curl, the provider's CLI) become links:
 * a click tracks the task if needed and opens it.
 */
export class TaskIdTerminalLinkProvider implements vscode.TerminalLinkProvider<TaskIdTerminalLink> {
	constructor(private readonly repository: TaskRepository) {}

	provideTerminalLinks(context: vscode.TerminalLinkContext): TaskIdTerminalLink[] {
		return taskIdsInLine(context.line).map((match) => ({
			startIndex: match.start,
			length: match.length,
			tooltip: this.repository.list.has(match.id) ? vscode.l10n.t('Open Veo task') : vscode.l10n.t('Track and open Veo task'),
			taskId: match.id,
		}));
	}

	async handleTerminalLink(link: TaskIdTerminalLink): Promise<void> {
		if (!this.repository.list.has(link.taskId)) {
			await vscode.commands.executeCommand(Commands.addTask, [link.taskId]);
		}
		await vscode.commands.executeCommand(Commands.openTask, link.taskId);
	}
}
