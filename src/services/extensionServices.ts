import type * as vscode from 'vscode';
import type { FollowUpOffers } from '../core/generation/followUps';
import type { ApiSession } from './apiSession';
import type { Log } from './log';
import type { TaskRefresher } from './taskRefresher';
import type { TaskRepository } from './taskRepository';
import type { TaskTracking } from './taskTracking';
import type { TokenStore } from './tokenStore';
import type { ViewPreferences } from './viewPreferences';

/**
 * Every long-lived service, built once in `activate`. Only the composition (this file, the command
 * registry and the test API) holds them all; each feature and command receives the few it uses.
 */
export interface ExtensionServices {
	context: vscode.ExtensionContext;
	repository: TaskRepository;
	/** Builds the API client and owns the consent to where the token goes; refreshing and generating use it. */
	session: ApiSession;
	refresher: TaskRefresher;
	/** The one door for adding tasks. */
	tracking: TaskTracking;
	tokens: TokenStore;
	log: Log;
	/** The Tasks view's choices (grouping, hidden finished tasks, paused polling), per workspace. */
	preferences: ViewPreferences;
	/** Follow-ups the API said it does not offer, hidden for the rest of the session. */
	followUps: FollowUpOffers;
}
