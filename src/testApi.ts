import * as vscode from 'vscode';
import type { PollScheduler } from './core/polling/pollScheduler';
import type { ExtensionServices } from './services/extensionServices';
import type { AgentToolSet } from './features/agentTools/agentTools';
import type { Discovery } from './features/discovery/discovery';
import type { UriOutcome } from './features/uriHandler/uriHandler';
import type { TaskStatusBarItem } from './features/statusBar/taskStatusBar';
import type { GalleryPanel } from './features/gallery/galleryPanel';
import type { CompareTakesPanel } from './features/compareTakes/compareTakesPanel';
import type { VeoTasksPublicApi } from './features/publicApi/publicApi';
import type { TaskPanel } from './features/taskPanel/taskPanel';
import type { TaskPanelSerializer } from './features/taskPanel/taskPanelSerializer';
import type { TasksTreeProvider } from './features/tasksView/tasksTreeProvider';
import type { OfferAnswer } from './features/workspaceTaskList/workspaceTaskList';
import type { WizardStepSnapshot } from './ui/multiStepInput';

// The one place for what only tests reach: activate builds it in ExtensionMode.Test and nowhere else.

/**
 * What `activate` returns in ExtensionMode.Test only: the public API plus the services, for the
 * integration tests and the activation benchmark. Never in what users run (the services reach the
 * token through `context.secrets`).
 */
export interface VeoTasksTestApi extends VeoTasksPublicApi {
	services: ExtensionServices;
	scheduler: PollScheduler;
	/** The Tasks view and its provider: the integration tests read rows through them. */
	tree: TasksTreeProvider;
	view: vscode.TreeView<string>;
	statusBar: TaskStatusBarItem;
	openPanel(taskId: string): TaskPanel | undefined;
	/** Restores task tabs after a reload; the tests hand it fresh panels. */
	panelSerializer: TaskPanelSerializer;
	/** Asks about the workspace's `.vscode/veo-tasks.json` as activation does (once per workspace). */
	offerWorkspaceTaskList(): Promise<OfferAnswer | undefined>;
	/** The wizard step on screen (Generate Video…, Generate Again…): the integration tests read it. */
	wizardStep(): WizardStepSnapshot | undefined;
	/** How long `activate` took, measured by itself (the benchmark reads it). */
	activationMs: number;
	/** The language-model tools by name (tests call prepareInvocation on them). */
	agentTools: AgentToolSet;
	discovery: Discovery;
	/** What the URI handler does with a `vscode://…/track?ids=…` link. */
	handleUri(uri: vscode.Uri): Promise<UriOutcome>;
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
export function extensionExports(
	mode: vscode.ExtensionMode,
	api: VeoTasksPublicApi,
	testOnly: () => Omit<VeoTasksTestApi, keyof VeoTasksPublicApi>,
): VeoTasksPublicApi | VeoTasksTestApi {
	return mode === vscode.ExtensionMode.Test ? { ...api, ...testOnly() } : api;
}
