import * as vscode from 'vscode';
import type { TaskListReader } from '../../services/taskRepository';
import type { TaskTracking } from '../../services/taskTracking';
import { TaskIdHoverProvider } from './taskIdHover';
import { TaskIdTerminalLinkProvider } from './taskIdTerminalLinks';

/** Task IDs where they appear: hovers in every file and links in the terminal. */
export function registerTaskIdLinks({
	repository,
	tracking,
	subscriptions,
}: {
	repository: TaskListReader;
	tracking: TaskTracking;
	subscriptions: vscode.Disposable[];
}): void {
	subscriptions.push(
		vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new TaskIdHoverProvider(repository.list)),
		vscode.window.registerTerminalLinkProvider(new TaskIdTerminalLinkProvider(repository.list, tracking)),
	);
}
