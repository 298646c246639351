import * as vscode from 'vscode';
import { ApiSession } from './services/apiSession';
import { TokenStore } from './services/tokenStore';
import { registerCommands } from './commands';
import { Log } from './services/log';
import { TaskPanel } from './features/taskPanel/taskPanel';
import { registerTaskPanels } from './features/taskPanel/registerTaskPanels';
import { registerPromptFiles } from './features/promptFiles/registerPromptFiles';
import { TaskRefresher } from './services/taskRefresher';
import { TaskRepository } from './services/taskRepository';
import { TaskTracking } from './services/taskTracking';
import { registerTasksView } from './features/tasksView/tasksView';
import { registerHasTasksContext } from './features/tasksView/hasTasksContext';
import { registerLiveTracking } from './services/liveTracking';
import { registerCompletionNotifier } from './features/notifications/completionNotifier';
import { registerTaskStatusBar } from './features/statusBar/taskStatusBar';
import { createPublicApi, type VeoTasksPublicApi } from './features/publicApi/publicApi';
import { FollowUpOffers } from './core/generation/followUps';
import type { ExtensionServices } from './services/extensionServices';
import { registerFollowUpOffers } from './features/followUps/registerFollowUpOffers';
import { ViewPreferences } from './services/viewPreferences';
import { registerTaskIdLinks } from './features/taskIdLinks/registerTaskIdLinks';
import { offerWorkspaceTaskList, registerWorkspaceTaskListOffer } from './features/workspaceTaskList/workspaceTaskList';
import { currentWizardStep } from './ui/multiStepInput';
import { extensionExports, type VeoTasksTestApi } from './testApi';
import { messageLocale, useTranslation } from './core/l10n/l10n';
import { registerAgentTools } from './features/agentTools/agentTools';
import { registerDiscovery } from './features/discovery/discovery';
import { DiscoveryState } from './features/discovery/foundTasks';
import { registerUriHandler } from './features/uriHandler/uriHandler';

import { registerGallery } from './features/gallery/registerGallery';
import { GalleryPanel } from './features/gallery/galleryPanel';
import { registerCompareTakes } from './features/compareTakes/registerCompareTakes';
import { CompareTakesPanel } from './features/compareTakes/compareTakesPanel';

export type { ExtensionServices } from './services/extensionServices';
export { extensionExports, type VeoTasksApi, type VeoTasksTestApi } from './testApi';

let activeRepository: TaskRepository | undefined;

/**
 * Builds the services and registers each feature. Nothing here waits on the network or reads
 * large files: the task list loads in the background and the tree waits for it.
 */
export function activate(context: vscode.ExtensionContext): VeoTasksPublicApi | VeoTasksTestApi {
	const started = performance.now();
	// First of all: the core cannot import vscode (its unit tests run in plain Node), so its l10n.t
	// speaks English until pointed at VS Code's bundles here, and its Intl formatting (numbers,
	// plurals, relative times, dates) follows the display language only from here on. Anything
	// built before this line (a row, a label, a message) would stay English.
	// The one call whose message is not a literal: it forwards the core's l10n.t('…') literals, which
	// scripts/l10n.mjs collects where they are written. Called through an alias so the script (which
	// reports any vscode.l10n.t(…) without a literal) does not count this bridge as a message.
	const vscodeTranslate = vscode.l10n.t.bind(vscode.l10n);
	// vscode.l10n.bundle is set when VS Code found a bundle of ours for its display language.
	useTranslation({
		translate: (message, args) => vscodeTranslate(message, ...args),
		locale: messageLocale(vscode.env.language, vscode.l10n.bundle !== undefined),
	});
	const log = new Log();
	const tokens = new TokenStore(context.secrets);
	const storageFolder = context.storageUri ?? context.globalStorageUri;
	const repository = new TaskRepository(context.workspaceState, storageFolder, log);
	activeRepository = repository;
	const session = new ApiSession(tokens, log, context.globalState);
	const refresher = new TaskRefresher(repository, log, session);
	const tracking = new TaskTracking(repository, refresher);
	const preferences = new ViewPreferences(context.workspaceState);
	const followUps = new FollowUpOffers();
	const services: ExtensionServices = { context, repository, session, refresher, tracking, tokens, log, preferences, followUps };
	context.subscriptions.push(log, tokens, repository, session, refresher, preferences);

	const { subscriptions, workspaceState } = context;
	registerHasTasksContext(repository.list, subscriptions);
	// Before any panel opens: the panel asks it whether a take's prompt file changed since.
	TaskPanel.promptFiles = registerPromptFiles(services);
	const { openPanel, serializer } = registerTaskPanels(context, { repository, tracking, followUps });

	const discoveryState = new DiscoveryState(context.workspaceState);
	const { view, provider } = registerTasksView(context, repository, refresher, preferences, (id) => discoveryState.isFound(id));
	const { openGallery, serializer: gallerySerializer } = registerGallery(services);
	const { showTakes, serializer: compareSerializer } = registerCompareTakes(services);
	registerCommands(services, (taskId) => void openPanel(taskId), { openGallery, showTakes });
	const scheduler = registerLiveTracking({ repository, refresher, tokens, preferences, globalState: context.globalState, subscriptions });
	registerCompletionNotifier({ repository, refresher, subscriptions });
	const statusBar = registerTaskStatusBar({ repository, refresher, subscriptions });
	registerTaskIdLinks({ repository, tracking, subscriptions });
	registerWorkspaceTaskListOffer({ workspaceState, repository, tracking, log, subscriptions });
	registerFollowUpOffers({ followUps, subscriptions });
	const agentTools = registerAgentTools(services);
	const discovery = registerDiscovery(services, view, discoveryState);
	const handleUri = registerUriHandler(services, (taskId) => void openPanel(taskId));
	void tokens.updateContext();

	const api = createPublicApi(repository, tracking, context.subscriptions);
	return extensionExports(context.extensionMode, api, () => ({
		services,
		scheduler,
		tree: provider,
		view,
		statusBar,
		openPanel,
		panelSerializer: serializer,
		offerWorkspaceTaskList: () => offerWorkspaceTaskList({ workspaceState, repository, tracking }),
		wizardStep: currentWizardStep,
		activationMs: performance.now() - started,
		agentTools,
		discovery,
		handleUri,
		gallery: () => GalleryPanel.current,
		compareTakes: () => CompareTakesPanel.current,
		takeSerializers: { gallery: gallerySerializer, compareTakes: compareSerializer },
	}));
}

/** Writes the cache of fetched records before VS Code unloads us; the tracked IDs are saved already. */
export async function deactivate(): Promise<void> {
	await activeRepository?.flush();
	activeRepository = undefined;
}
