import type * as vscode from 'vscode';
import type { ApiSession } from './apiSession';
import type { TokenStore } from './tokenStore';
import type { Log } from './log';
import type { TaskRefresher } from './taskRefresher';
import type { TaskRepository } from './taskRepository';
import type { TaskTracking } from './taskTracking';
import type { ViewPreferences } from './viewPreferences';

/** What features share. Built once in extension.ts and handed to each `registerX`. */
export interface Services {
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
}
