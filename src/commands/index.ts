import * as vscode from 'vscode';
import { Commands, type CommandId } from '../constants';
import type { Services } from '../services';
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
import { generateVideo, type GenerateOptions } from './generateVideo';
import { generateFromSelection } from './generateFromSelection';
import { followUp, type FollowUpOptions } from './followUp';
import { downloadVideo, downloadOptionsFromArguments } from './downloadVideo';
import { addTasksFromSelection } from './addTasksFromSelection';
import { exportTasks } from './exportTasks';
import { importTasks } from './importTasks';

/** Registers every command; the map's type makes a missing or extra command a compile error. */
export function registerCommands(services: Services, openPanel: (taskId: string) => void): void {
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
		[Commands.generateVideo]: (options) => generateVideo(services, (options ?? {}) as GenerateOptions),
		[Commands.generateFromSelection]: () => generateFromSelection(services),
		[Commands.get1080p]: (target) => followUp(services, '1080p', target),
		[Commands.upscale4k]: (target) => followUp(services, '4k', target),
		[Commands.makeGif]: (target) => followUp(services, 'gif', target),
		[Commands.extendVideo]: (target, options) => followUp(services, 'extend', target, options as FollowUpOptions | undefined),
		[Commands.downloadVideo]: (target, options) => downloadVideo(services, target, downloadOptionsFromArguments(options)),
		[Commands.addTasksFromSelection]: () => addTasksFromSelection(services),
		[Commands.exportTasks]: () => exportTasks(services),
		[Commands.importTasks]: (source) => importTasks(services, source),
	};
	for (const [id, handler] of Object.entries(handlers)) {
		services.context.subscriptions.push(vscode.commands.registerCommand(id, handler));
	}
}
