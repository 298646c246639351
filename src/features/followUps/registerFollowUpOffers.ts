import * as vscode from 'vscode';
import { ContextKeys } from '../../constants';
import type { Services } from '../../services';

/**
 * Follow-ups the API said it does not offer (src/core/generation/followUps.ts, FollowUpOffers) hide
 * for the rest of the session: the context key hides Get 1080p in the Tasks view's menu and the
 * Command Palette; the task panels hide their button (registerTaskPanels re-renders them).
 */
export function registerFollowUpOffers(services: Services): void {
	const update = (): void => void vscode.commands.executeCommand('setContext', ContextKeys.get1080pNotOffered, !services.followUps.isOffered('1080p'));
	services.context.subscriptions.push(services.followUps.onDidChange(update));
}
