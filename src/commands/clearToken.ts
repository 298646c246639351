import * as vscode from 'vscode';
import type { Services } from '../services';

export async function clearToken(services: Services): Promise<void> {
	await services.tokens.clear();
	const fallback = (await services.tokens.source()) === 'environment' ? ' ACEDATACLOUD_API_TOKEN from the environment is used now.' : '';
	void vscode.window.showInformationMessage(`Veo API token removed from secret storage.${fallback}`);
}
