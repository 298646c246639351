import * as vscode from 'vscode';
import type { ViewPreferences } from '../services/viewPreferences';

/**
 * "Pause Auto-Refresh" / "Resume Auto-Refresh": stops automatic polling in this workspace until
 * resumed (the `autoRefresh` setting stays as it is). Refresh Tasks still works while paused.
 */
export async function setAutoRefreshPaused(services: { preferences: ViewPreferences }, paused: boolean): Promise<void> {
	await services.preferences.update({ autoRefreshPaused: paused });
	vscode.window.setStatusBarMessage(paused ? vscode.l10n.t('Veo: auto-refresh paused') : vscode.l10n.t('Veo: auto-refresh resumed'), 3000);
}
