import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import type { VeoError } from '../core/api/veoError';
import { plainNotificationText } from '../core/util/text';

/**
 * The one place where error kinds become buttons. Each kind gets the action that fixes it.
 * Messages are shown as plain text by VS Code: no Markdown, no links from the server.
 */
function actionsFor(error: VeoError, canRetry: boolean): string[] {
	switch (error.kind) {
		case 'noToken':
		case 'auth':
			return ['Set API Token'];
		case 'quota':
			return ['Open AceData Cloud'];
		case 'endpointNotFound':
			return ['Open Settings'];
		case 'badRequest':
		case 'refused':
			return ['Show Log'];
		case 'rateLimited':
		case 'server':
		case 'network':
		case 'timeout':
		case 'badResponse':
			return canRetry ? ['Retry', 'Show Log'] : ['Show Log'];
	}
}

export interface ErrorActionHandlers {
	retry?: () => unknown;
	showLog: () => void;
}

export async function showVeoError(error: VeoError, context: string, handlers: ErrorActionHandlers): Promise<void> {
	const trace = error.traceId ? ` Trace ID: ${error.traceId}` : '';
	// The message and trace ID may quote the server: no link in them may become live.
	const choice = await vscode.window.showErrorMessage(plainNotificationText(`${context}: ${error.message}${trace}`), ...actionsFor(error, handlers.retry !== undefined));
	switch (choice) {
		case 'Set API Token':
			await vscode.commands.executeCommand(Commands.setToken);
			break;
		case 'Open AceData Cloud':
			await vscode.env.openExternal(vscode.Uri.parse('https://platform.acedata.cloud/'));
			break;
		case 'Open Settings':
			await vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${Settings.apiBaseUrl}`);
			break;
		case 'Retry':
			await handlers.retry?.();
			break;
		case 'Show Log':
			handlers.showLog();
			break;
	}
}
