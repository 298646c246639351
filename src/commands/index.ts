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

/** Registers every command; the map's type makes a missing or extra command a compile error. */
export function registerCommands(services: Services, openPanel: (taskId: string) => void): void {
	const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
		[Commands.addTask]: (input) => addTask(services, input),
		[Commands.refresh]: (...args) => refresh(services, ...args),
		[Commands.setToken]: (token) => setToken(services, token),
		[Commands.clearToken]: () => clearToken(services),
		[Commands.openTask]: (...args) => openTask(services, openPanel, ...args),
		[Commands.removeTask]: (...args) => removeTask(services, ...args),
		[Commands.removeFinished]: (options) => removeFinished(services, options as { confirmed?: boolean } | undefined),
		[Commands.copyTaskId]: (...args) => copyTaskId(services, ...args),
		[Commands.copyVideoUrl]: (...args) => copyVideoUrl(services, ...args),
		[Commands.openVideoExternal]: (...args) => openVideoExternal(services, ...args),
	};
	for (const [id, handler] of Object.entries(handlers)) {
		services.context.subscriptions.push(vscode.commands.registerCommand(id, handler));
	}
}
