import * as vscode from 'vscode';
import { TokenStore } from './auth/tokenStore';
import { registerCommands } from './commands';
import { Commands } from './constants';
import { Log } from './log';
import { TaskPanel } from './panels/taskPanel';
import { TaskRefresher } from './refresh/taskRefresher';
import type { Services } from './services';
import { TaskRepository } from './store/taskRepository';
import { registerTasksView } from './treeViews/tasksView';
import { registerLiveTracking } from './polling/liveTracking';
import { registerCompletionNotifier } from './notifications/completionNotifier';
import { registerTaskStatusBar } from './statusBar/taskStatusBar';
import type { PollScheduler } from './core/polling/pollScheduler';
import type { TasksTreeProvider } from './treeViews/tasksTreeProvider';
import { currentWizardStep, type WizardStepSnapshot } from './ui/multiStepInput';

/** What `activate` returns: the services, for other extensions and for the integration tests. */
export interface VeoTasksApi {
	services: Services;
	scheduler: PollScheduler;
	/** The Tasks view and its provider: the integration tests read rows through them. */
	tree: TasksTreeProvider;
	view: vscode.TreeView<string>;
	statusBar: vscode.StatusBarItem;
	openPanel(taskId: string): TaskPanel | undefined;
	/** The wizard step on screen (Generate Video…, Generate Again…): the integration tests read it. */
	wizardStep(): WizardStepSnapshot | undefined;
	/** How long `activate` took, measured by itself (the benchmark reads it). */
	activationMs: number;
}

/** Commands the task panel's buttons may run: page messages outside this list are ignored. */
const PANEL_COMMANDS: Readonly<Record<string, string>> = {
	openVideoExternal: Commands.openVideoExternal,
	copyVideoUrl: Commands.copyVideoUrl,
	copyTaskId: Commands.copyTaskId,
	refresh: Commands.refresh,
	openTask: Commands.openTask,
	downloadVideo: Commands.downloadVideo,
	get1080p: Commands.get1080p,
};

/**
 * Builds the services and registers each feature. Nothing here waits on the network or reads
 * large files: the task list loads in the background and the tree waits for it.
 */
let activeRepository: TaskRepository | undefined;

export function activate(context: vscode.ExtensionContext): VeoTasksApi {
	const started = performance.now();
	const log = new Log();
	const tokens = new TokenStore(context.secrets);
	const storageFolder = context.storageUri ?? context.globalStorageUri;
	const repository = new TaskRepository(context.workspaceState, storageFolder, log);
	activeRepository = repository;
	const refresher = new TaskRefresher(repository, tokens, log, context.globalState);
	const services: Services = { context, repository, refresher, tokens, log };
	context.subscriptions.push(log, tokens, repository, refresher, { dispose: () => TaskPanel.disposeAll() });

	const openPanel = (taskId: string): TaskPanel | undefined =>
		TaskPanel.createOrShow(context.extensionUri, repository.list, taskId, (command, id) => {
			const commandId = PANEL_COMMANDS[command];
			return commandId ? vscode.commands.executeCommand(commandId, id) : undefined;
		});

	const { view, provider } = registerTasksView(context, repository, refresher);
	registerCommands(services, (taskId) => void openPanel(taskId));
	const scheduler = registerLiveTracking(services);
	registerCompletionNotifier(services);
	const statusBar = registerTaskStatusBar(services);
	void tokens.updateContext();

	return { services, scheduler, tree: provider, view, statusBar, openPanel, wizardStep: currentWizardStep, activationMs: performance.now() - started };
}

/** Writes the cache of fetched records before VS Code unloads us; the tracked IDs are saved already. */
export async function deactivate(): Promise<void> {
	await activeRepository?.flush();
	activeRepository = undefined;
}
