import * as vscode from 'vscode';
import type { TokenStore } from '../services/tokenStore';

export async function clearToken(services: { tokens: TokenStore }): Promise<void> {
	await services.tokens.clear();
	void vscode.window.showInformationMessage(
		(await services.tokens.source()) === 'environment'
			? vscode.l10n.t('Veo API token removed from secret storage. ACEDATACLOUD_API_TOKEN from the environment is used now.')
			: vscode.l10n.t('Veo API token removed from secret storage.'),
	);
}
