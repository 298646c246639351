import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { TaskIdHoverProvider } from './taskIdHover';
import { TaskIdTerminalLinkProvider } from './taskIdTerminalLinks';

/** Task IDs where they appear: hovers in every file and links in the terminal. */
export function registerTaskIdLinks(services: Services): void {
	const { context, repository } = services;
	context.subscriptions.push(
		vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new TaskIdHoverProvider(repository.list)),
		vscode.window.registerTerminalLinkProvider(new TaskIdTerminalLinkProvider(repository.list, services.tracking)),
	);
}
