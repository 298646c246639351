import type * as vscode from 'vscode';
import type { ApiSession } from './api/apiSession';
import type { TokenStore } from './auth/tokenStore';
import type { FollowUpOffers } from './core/generation/followUps';
import type { Log } from './log';
import type { TaskRefresher } from './refresh/taskRefresher';
import type { TaskRepository } from './store/taskRepository';
import type { ViewPreferences } from './treeViews/viewPreferences';

/** What features share. Built once in extension.ts and handed to each `registerX`. */
export interface Services {
	context: vscode.ExtensionContext;
	repository: TaskRepository;
	/** Builds the API client and owns the consent to where the token goes; refreshing and generating use it. */
	session: ApiSession;
	refresher: TaskRefresher;
	tokens: TokenStore;
	log: Log;
	/** The Tasks view's choices (grouping, hidden finished tasks, paused polling), per workspace. */
	preferences: ViewPreferences;
	/** Follow-ups the API said it does not offer, hidden for the rest of the session. */
	followUps: FollowUpOffers;
}
