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
	newPromptFile: 'veoTasks.newPromptFile',
	saveAsPromptFile: 'veoTasks.saveAsPromptFile',
	generateFromPromptFile: 'veoTasks.generateFromPromptFile',
	showPromptFileTakes: 'veoTasks.showPromptFileTakes',
	openPromptFile: 'veoTasks.openPromptFile',
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
	linkUntrackedTaskIds: 'linkUntrackedTaskIds',
	discoverNewTasks: 'discoverNewTasks',
} as const;

export type NotifyOn = 'all' | 'failures' | 'off';

export const ContextKeys = {
	hasToken: 'veoTasks.hasToken',
	hasStoredToken: 'veoTasks.hasStoredToken',
	hasTasks: 'veoTasks.hasTasks',
	/** The view's choices (see services/viewPreferences.ts): they drive the title bar's toggles. */
	finishedHidden: 'veoTasks.finishedHidden',
	autoRefreshPaused: 'veoTasks.autoRefreshPaused',
	/** The API said it does not offer Get 1080p: its menus hide for the rest of the session. */
	get1080pNotOffered: 'veoTasks.get1080pNotOffered',
} as const;

/** Submenus of package.json's contributes.submenus. */
export const Submenus = {
	/** The Tasks view's title: Group By and Hide/Show Finished. */
	viewFilter: 'veoTasks.viewFilter',
} as const;

export const PANEL_VIEW_TYPE = 'veoTasks.taskPanel';
export const GALLERY_VIEW_TYPE = 'veoTasks.gallery';
export const COMPARE_TAKES_VIEW_TYPE = 'veoTasks.compareTakes';
export const OUTPUT_CHANNEL_NAME = 'Veo Tasks';
export const TOKEN_SECRET_KEY = 'veoTasks.apiToken';
export const TOKEN_ENV_VARIABLE = 'ACEDATACLOUD_API_TOKEN';
export const TASK_LIST_STATE_KEY = 'veoTasks.trackedTasks';
/** globalState: per origin, whether the user agreed to send the token over plain http ('allow' | 'deny'). */
export const CLEARTEXT_CONSENT_STATE_KEY = 'veoTasks.cleartextConsent';
/** globalState: per origin, whether the user agreed to send the token to a base URL a workspace's settings chose ('allow' | 'deny'). */
export const WORKSPACE_ORIGIN_CONSENT_STATE_KEY = 'veoTasks.workspaceOriginConsent';
/** workspaceState: the Tasks view's grouping, hidden finished tasks and paused polling. */
export const VIEW_PREFERENCES_STATE_KEY = 'veoTasks.viewPreferences';
/** workspaceState: the answer to "Track them?" for the workspace's `.vscode/veo-tasks.json`. */
export const WORKSPACE_TASK_LIST_STATE_KEY = 'veoTasks.workspaceTaskListOffer';
/** globalState: how long the user's finished tasks took, per model (durationModel.ts), for the poll schedule. */
export const TASK_DURATIONS_STATE_KEY = 'veoTasks.taskDurations';
/** workspaceState: where discovery's next look starts, and the tasks it found (src/features/discovery). */
export const DISCOVERY_STATE_KEY = 'veoTasks.discovery';
/** globalState: the session of the window focused last; only it discovers while unfocused. */
export const DISCOVERY_FOCUS_STATE_KEY = 'veoTasks.discoveryFocusedWindow';
/** The team's task list a repository may ship, in the export format. */
export const WORKSPACE_TASK_LIST_PATH = '.vscode/veo-tasks.json';

/** The language-model tools (contributes.languageModelTools): names agents call, an interface. */
export const LanguageModelTools = {
	track: 'veoTasks_track',
	list: 'veoTasks_list',
	wait: 'veoTasks_wait',
	generate: 'veoTasks_generate',
	get1080p: 'veoTasks_get1080p',
} as const;

/** The provider's platform, where tokens are issued and balances topped up (error actions and the agent tools' answers name it). */
export const PLATFORM_URL = 'https://platform.acedata.cloud/';
