import * as vscode from 'vscode';
import { Commands, type CommandId } from '../constants';
import type { ExtensionServices } from '../services/extensionServices';
import { addTask } from './addTask';
import { clearToken } from './clearToken';
import { copyTaskId } from './copyTaskId';
import { copyVideoUrl } from './copyVideoUrl';
import { openTask } from './openTask';
import { openVideoExternal } from './openVideoExternal';
import { refresh } from './refresh';
import { removeFinished } from './removeFinished';
import { removeTask } from './removeTask';
import { setToken } from './setToken';
import { generateVideo, readGenerateOptions } from './generateVideo';
import { generateFromSelection } from './generateFromSelection';
import { get1080p } from './followUp';
import { generateAgain } from './generateAgain';
import { trackRecentTasks } from './trackRecentTasks';
import { downloadVideo, downloadOptionsFromArguments } from './downloadVideo';
import { addTasksFromSelection } from './addTasksFromSelection';
import { exportTasks } from './exportTasks';
import { importTasks } from './importTasks';
import { groupBy } from './groupBy';
import { setFinishedHidden } from './hideFinished';
import { setAutoRefreshPaused } from './pauseAutoRefresh';
import { insertVideoLink } from './insertVideoLink';
import { trackWorkspaceTaskList } from './trackWorkspaceTaskList';
import { newPromptFile } from './newPromptFile';
import { saveAsPromptFile } from './saveAsPromptFile';
import { generateFromPromptFile } from './generateFromPromptFile';
import { showPromptFileTakes } from './showPromptFileTakes';
import { openPromptFile } from './openPromptFile';

import { openGallery } from './openGallery';
import { compareTakes } from './compareTakes';
import { keepTake } from './keepTake';
import { removeOtherTakes } from './removeOtherTakes';

/** The editor tabs of the gallery and Compare Takes (features/gallery, features/compareTakes). */
export interface TakeViews {
	openGallery(): unknown;
	showTakes(taskIds: readonly string[]): unknown;
}

/** Registers every command; the map's type makes a missing or extra command a compile error. */
export function registerCommands(services: ExtensionServices, openPanel: (taskId: string) => void, takeViews: TakeViews): void {
	const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
		[Commands.addTask]: (input) => addTask(services, input),
		[Commands.refresh]: (...args) => refresh(services, ...args),
		// Arguments from outside (another extension, a command: link) may select tasks only: a token, a
		// file, an overwrite or a skipped question always comes from the user, in a dialog.
		[Commands.setToken]: () => setToken(services),
		[Commands.clearToken]: () => clearToken(services),
		[Commands.openTask]: (...args) => openTask(services, openPanel, ...args),
		[Commands.removeTask]: (...args) => removeTask(services, ...args),
		[Commands.removeFinished]: () => removeFinished(services),
		[Commands.copyTaskId]: (...args) => copyTaskId(services, ...args),
		[Commands.copyVideoUrl]: (...args) => copyVideoUrl(services, ...args),
		[Commands.openVideoExternal]: (...args) => openVideoExternal(services, ...args),
		[Commands.generateVideo]: (options) => generateVideo(services, readGenerateOptions(options)),
		[Commands.generateFromSelection]: () => generateFromSelection(services),
		[Commands.get1080p]: (target) => get1080p(services, target),
		[Commands.downloadVideo]: (target, options) => downloadVideo(services, target, downloadOptionsFromArguments(options)),
		[Commands.addTasksFromSelection]: () => addTasksFromSelection(services),
		[Commands.exportTasks]: () => exportTasks(services),
		[Commands.importTasks]: () => importTasks(services),
		[Commands.generateAgain]: (...args) => generateAgain(services, ...args),
		[Commands.trackRecentTasks]: (period) => trackRecentTasks(services, period),
		[Commands.groupBy]: (choice) => groupBy(services, choice),
		[Commands.hideFinished]: () => setFinishedHidden(services, true),
		[Commands.showFinished]: () => setFinishedHidden(services, false),
		[Commands.pauseAutoRefresh]: () => setAutoRefreshPaused(services, true),
		[Commands.resumeAutoRefresh]: () => setAutoRefreshPaused(services, false),
		[Commands.insertVideoLink]: (target, options) => insertVideoLink(services, target, options),
		[Commands.trackWorkspaceTaskList]: () => trackWorkspaceTaskList(services),
		[Commands.newPromptFile]: () => newPromptFile(services),
		[Commands.saveAsPromptFile]: (...args) => saveAsPromptFile(services, ...args),
		[Commands.generateFromPromptFile]: (target) => generateFromPromptFile(services, target),
		[Commands.showPromptFileTakes]: (target) => showPromptFileTakes(services, target),
		[Commands.openPromptFile]: (...args) => openPromptFile(services, ...args),
		[Commands.openGallery]: () => openGallery(services, () => takeViews.openGallery()),
		[Commands.compareTakes]: (...args) => compareTakes(services, (ids) => takeViews.showTakes(ids), ...args),
		[Commands.keepTake]: (...args) => keepTake(services, true, ...args),
		[Commands.unkeepTake]: (...args) => keepTake(services, false, ...args),
		[Commands.removeOtherTakes]: (...args) => removeOtherTakes(services, ...args),
	};
	for (const [id, handler] of Object.entries(handlers)) {
		services.context.subscriptions.push(vscode.commands.registerCommand(id, handler));
	}
}
