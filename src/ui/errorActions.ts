import * as vscode from 'vscode';
import { Commands, PLATFORM_URL, Settings } from '../constants';
import type { VeoError } from '../core/api/veoError';
import { plainNotificationText } from '../core/util/text';

/** The buttons, translated; the choice is compared with these same values. */
function buttons(): { setToken: string; openAceData: string; openSettings: string; retry: string; showLog: string } {
	return {
		setToken: vscode.l10n.t('Set API Token'),
		openAceData: vscode.l10n.t('Open AceData Cloud'),
		openSettings: vscode.l10n.t('Open Settings'),
		retry: vscode.l10n.t('Retry'),
		showLog: vscode.l10n.t('Show Log'),
	};
}

/**
 * The one place where error kinds become buttons. Each kind gets the action that fixes it.
 * Messages are shown as plain text by VS Code: no Markdown, no links from the server.
 */
function actionsFor(error: VeoError, canRetry: boolean, labels: ReturnType<typeof buttons>): string[] {
	switch (error.kind) {
		case 'noToken':
		case 'auth':
			return [labels.setToken];
		case 'quota':
			return [labels.openAceData];
		case 'endpointNotFound':
			return [labels.openSettings];
		case 'paymentRequired':
			return [labels.openSettings, labels.setToken];
		case 'badRequest':
		case 'refused':
			return [labels.showLog];
		case 'rateLimited':
		case 'server':
		case 'network':
		case 'timeout':
		case 'badResponse':
			return canRetry ? [labels.retry, labels.showLog] : [labels.showLog];
	}
}

export interface ErrorActionHandlers {
	retry?: () => unknown;
	showLog: () => void;
}

/**
 * Shows a failure with the buttons that fix it. `context` is a translated whole sentence ("Refreshing
 * Veo tasks failed"); the error's own message follows it.
 */
export async function showVeoError(error: VeoError, context: string, handlers: ErrorActionHandlers): Promise<void> {
	const labels = buttons();
	const message = error.traceId
		? vscode.l10n.t('{0}: {1} Trace ID: {2}', context, error.message, error.traceId)
		: vscode.l10n.t('{0}: {1}', context, error.message);
	// The message and trace ID may quote the server: no link in them may become live.
	const choice = await vscode.window.showErrorMessage(plainNotificationText(message), ...actionsFor(error, handlers.retry !== undefined, labels));
	switch (choice) {
		case labels.setToken:
			await vscode.commands.executeCommand(Commands.setToken);
			break;
		case labels.openAceData:
			await vscode.env.openExternal(vscode.Uri.parse(PLATFORM_URL));
			break;
		case labels.openSettings:
			await vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${Settings.apiBaseUrl}`);
			break;
		case labels.retry:
			await handlers.retry?.();
			break;
		case labels.showLog:
			handlers.showLog();
			break;
	}
}
