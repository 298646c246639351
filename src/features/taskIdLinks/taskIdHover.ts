import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { taskIdAt } from '../../core/tasks/taskIdMatches';
import { stateLabel } from '../../core/tasks/taskState';
import { escapeMarkdown, shorten } from '../../core/util/text';
import { relativeTime } from '../../core/l10n/format';
import type { TaskListView } from '../../core/tasks/taskList';
import { saysVeoTask } from '../../core/tasks/veoTaskMention';
import { readLinkUntrackedTaskIds } from '../../services/settings';

/** The only commands a hover's links may run: the hover shows server text, so it is never fully trusted. */
const HOVER_COMMANDS = [Commands.openTask, Commands.refresh, Commands.addTask] as const;
const PROMPT_MAX = 200;
/** Lines around the hovered one that may say what a UUID is (a "Veo" heading, a `task_id` key above). */
const CONTEXT_LINES_BEFORE = 3;
const CONTEXT_LINES_AFTER = 1;

function commandLink(title: string, command: (typeof HOVER_COMMANDS)[number], taskId: string): string {
	// The title comes from a translation bundle: escaped like any text, so no bracket in it can end
	// the link early or start another one.
	return `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify([taskId]))})`;
}

/**
 * Hovering a task ID in any file: a tracked task's state, prompt and age with Open Task and Refresh;
 * an untracked one offers Track Task where the text says it is a Veo task (or
 * `veoTasks.linkUntrackedTaskIds` is on). Every server value is escaped; only the commands above run.
 */
export class TaskIdHoverProvider implements vscode.HoverProvider {
	constructor(
		private readonly list: TaskListView,
		private readonly now: () => number = Date.now,
		private readonly linkUntracked: () => boolean = readLinkUntrackedTaskIds,
	) {}

	/** Whether the text around an untracked ID (a few lines of the document) calls it a Veo task. */
	private saysVeoTask(document: vscode.TextDocument, line: number, character: number): boolean {
		const first = Math.max(0, line - CONTEXT_LINES_BEFORE);
		const last = Math.min(document.lineCount - 1, line + CONTEXT_LINES_AFTER);
		const lines: string[] = [];
		let start = character;
		for (let index = first; index <= last; index++) {
			if (index < line) {
				start += document.lineAt(index).text.length + 1;
			}
			lines.push(document.lineAt(index).text);
		}
		return saysVeoTask(lines.join('\n'), start);
	}

	provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const line = document.lineAt(position.line).text;
		const match = taskIdAt(line, position.character);
		if (!match) {
			return undefined;
		}
		const task = this.list.get(match.id);
		if (!task && !this.linkUntracked() && !this.saysVeoTask(document, position.line, match.start)) {
			return undefined;
		}
		const lines: string[] = [];
		if (task) {
			const { summary } = task;
			// The Markdown (bold) is in the message: translations keep it around their own words.
			lines.push(
				vscode.l10n.t(
					'**Veo task** · {0} · {1}',
					escapeMarkdown(stateLabel(summary)),
					escapeMarkdown(relativeTime(summary.createdAt ?? task.addedAt, this.now())),
				),
			);
			if (summary.prompt?.trim()) {
				lines.push(escapeMarkdown(shorten(summary.prompt, PROMPT_MAX)));
			}
			lines.push(
				`${commandLink(vscode.l10n.t('Open Task'), Commands.openTask, match.id)} · ${commandLink(vscode.l10n.t('Refresh'), Commands.refresh, match.id)}`,
			);
		} else {
			lines.push(vscode.l10n.t('**Veo task ID** (not tracked in this workspace)'));
			lines.push(commandLink(vscode.l10n.t('Track Task'), Commands.addTask, match.id));
		}
		const markdown = new vscode.MarkdownString(lines.join('\n\n'));
		markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
		markdown.supportHtml = false;
		const range = new vscode.Range(position.line, match.start, position.line, match.start + match.length);
		return new vscode.Hover(markdown, range);
	}
}
