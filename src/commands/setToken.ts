import * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * "Set API Token": a password box; the token goes to SecretStorage only. Other extensions (and
 * tests) may pass the token as an argument instead.
 */
export async function setToken(services: Services, token?: unknown): Promise<boolean> {
	const value =
		typeof token === 'string'
			? token
			: await vscode.window.showInputBox({
					title: 'Veo API Token',
					prompt: 'Your AceData Cloud token for the Veo service. It is kept in VS Code\'s secret storage.',
					password: true,
					ignoreFocusOut: true,
					validateInput: (text) => (text.trim() ? undefined : 'Paste the token, or press Escape to cancel.'),
				});
	if (!value?.trim()) {
		return false;
	}
	await services.tokens.set(value);
	void vscode.window.showInformationMessage('Veo API token saved.');
	// Rows that failed for want of a token fill in now.
	if (services.repository.list.size) {
		void services.refresher.refresh(undefined, { interactive: true });
	}
	return true;
}
