/**
 * Every ID this extension shares with package.json, in one place. A test checks that these and
 * package.json agree, so a rename cannot break a menu or a keybinding silently.
 */
export const EXTENSION_ID = 'veo-tasks.veo-tasks';

export const Commands = {
	addTask: 'veoTasks.addTask',
	refresh: 'veoTasks.refresh',
	setToken: 'veoTasks.setToken',
	clearToken: 'veoTasks.clearToken',
	openTask: 'veoTasks.openTask',
	removeTask: 'veoTasks.removeTask',
	removeFinished: 'veoTasks.removeFinished',
	copyTaskId: 'veoTasks.copyTaskId',
	copyVideoUrl: 'veoTasks.copyVideoUrl',
	openVideoExternal: 'veoTasks.openVideoExternal',
	generateVideo: 'veoTasks.generateVideo',
	generateFromSelection: 'veoTasks.generateFromSelection',
	get1080p: 'veoTasks.get1080p',
	upscale4k: 'veoTasks.upscale4k',
	makeGif: 'veoTasks.makeGif',
	extendVideo: 'veoTasks.extendVideo',
	downloadVideo: 'veoTasks.downloadVideo',
	addTasksFromSelection: 'veoTasks.addTasksFromSelection',
	exportTasks: 'veoTasks.exportTasks',
	importTasks: 'veoTasks.importTasks',
	generateAgain: 'veoTasks.generateAgain',
	trackRecentTasks: 'veoTasks.trackRecentTasks',
	groupBy: 'veoTasks.groupBy',
	hideFinished: 'veoTasks.hideFinished',
	showFinished: 'veoTasks.showFinished',
	pauseAutoRefresh: 'veoTasks.pauseAutoRefresh',
	resumeAutoRefresh: 'veoTasks.resumeAutoRefresh',
	insertVideoLink: 'veoTasks.insertVideoLink',
	trackWorkspaceTaskList: 'veoTasks.trackWorkspaceTaskList',
	openGallery: 'veoTasks.openGallery',
	compareTakes: 'veoTasks.compareTakes',
	keepTake: 'veoTasks.keepTake',
	unkeepTake: 'veoTasks.unkeepTake',
	removeOtherTakes: 'veoTasks.removeOtherTakes',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
	container: 'veoTasks',
	tasks: 'veoTasks.tasks',
} as const;

export const Settings = {
	section: 'veoTasks',
	apiBaseUrl: 'apiBaseUrl',
	requestTimeoutSeconds: 'requestTimeoutSeconds',
	autoRefresh: 'autoRefresh',
	pollIntervalSeconds: 'pollIntervalSeconds',
	maxPollIntervalSeconds: 'maxPollIntervalSeconds',
	pauseWhenUnfocused: 'pauseWhenUnfocused',
	notifyOn: 'notifyOn',
	defaultModel: 'defaultModel',
	confirmBillableActions: 'confirmBillableActions',
	maxDownloadMegabytes: 'maxDownloadMegabytes',
	giveUpAfterMinutes: 'giveUpAfterMinutes',
} as const;

export type NotifyOn = 'all' | 'failures' | 'off';

export const ContextKeys = {
	hasToken: 'veoTasks.hasToken',
	hasStoredToken: 'veoTasks.hasStoredToken',
	hasTasks: 'veoTasks.hasTasks',
	refreshing: 'veoTasks.refreshing',
	/** The view's choices (see treeViews/viewPreferences.ts): they drive the title bar's toggles. */
	finishedHidden: 'veoTasks.finishedHidden',
	autoRefreshPaused: 'veoTasks.autoRefreshPaused',
} as const;

export const PANEL_VIEW_TYPE = 'veoTasks.taskPanel';
export const GALLERY_VIEW_TYPE = 'veoTasks.gallery';
export const COMPARE_TAKES_VIEW_TYPE = 'veoTasks.compareTakes';
export const OUTPUT_CHANNEL_NAME = 'Veo Tasks';
export const TOKEN_SECRET_KEY = 'veoTasks.apiToken';
export const TOKEN_ENV_VARIABLE = 'ACEDATACLOUD_API_TOKEN';
export const TOKEN_ISSUE_URL = 'https://platform.acedata.cloud/';
export const TASK_LIST_STATE_KEY = 'veoTasks.trackedTasks';
/** globalState: per origin, whether the user agreed to send the token over plain http ('allow' | 'deny'). */
export const CLEARTEXT_CONSENT_STATE_KEY = 'veoTasks.cleartextConsent';
/** globalState: per origin, whether the user agreed to send the token to a base URL a workspace's settings chose ('allow' | 'deny'). */
export const WORKSPACE_ORIGIN_CONSENT_STATE_KEY = 'veoTasks.workspaceOriginConsent';
/** workspaceState: the Tasks view's grouping, hidden finished tasks and paused polling. */
export const VIEW_PREFERENCES_STATE_KEY = 'veoTasks.viewPreferences';
/** workspaceState: the answer to "Track them?" for the workspace's `.vscode/veo-tasks.json`. */
export const WORKSPACE_TASK_LIST_STATE_KEY = 'veoTasks.workspaceTaskListOffer';
/** The team's task list a repository may ship, in the export format. */
export const WORKSPACE_TASK_LIST_PATH = '.vscode/veo-tasks.json';
