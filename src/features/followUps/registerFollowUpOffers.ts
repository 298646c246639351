import * as vscode from 'vscode';
import { ContextKeys } from '../../constants';
import type { FollowUpOffers } from '../../core/generation/followUps';

/**
 * Follow-ups the API said it does not offer (src/core/generation/followUps.ts, FollowUpOffers) hide
 * for the rest of the session: the context key hides Get 1080p in the Tasks view's menu and the
 * Command Palette; the task panels hide their button (registerTaskPanels re-renders them).
 */
export function registerFollowUpOffers({ followUps, subscriptions }: { followUps: FollowUpOffers; subscriptions: vscode.Disposable[] }): void {
	const update = (): void => void vscode.commands.executeCommand('setContext', ContextKeys.get1080pNotOffered, !followUps.isOffered('1080p'));
	subscriptions.push(followUps.onDidChange(update));
}
