import * as vscode from 'vscode';
import type { TokenStore } from '../services/tokenStore';
import type { TaskListReader } from '../services/taskRepository';
import type { TaskRefresher } from '../services/taskRefresher';

/**
 * "Set API Token": a password box; the token goes to SecretStorage only. A token is never taken from
 * the command's arguments: a `command:` link or another extension could otherwise swap in its own
 * token and read every request made with it.
 */
export async function setToken(services: { tokens: TokenStore; repository: TaskListReader; refresher: TaskRefresher }): Promise<boolean> {
	const value = await vscode.window.showInputBox({
		title: vscode.l10n.t('Veo API Token'),
		prompt: vscode.l10n.t("Your AceData Cloud token for the Veo service. It is kept in VS Code's secret storage."),
		password: true,
		ignoreFocusOut: true,
		validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Paste the token, or press Escape to cancel.')),
	});
	if (!value?.trim()) {
		return false;
	}
	await services.tokens.set(value);
	void vscode.window.showInformationMessage(vscode.l10n.t('Veo API token saved.'));
	// Rows that failed for want of a token fill in now.
	if (services.repository.list.size) {
		void services.refresher.refresh(undefined, { interactive: true });
	}
	return true;
}
