/**
 * The one protocol between the task panel's host (taskPanel.ts) and its page (media/taskPanel.js).
 * The page is plain JavaScript loaded as is, so it cannot import this file: it follows it by hand,
 * and test/unit/panelProtocol.test.ts reads the page's source and fails when the two disagree
 * (a message type, a button's command or the saved state's shape that only one side knows).
 * No `vscode` import: the unit tests load this file in plain Node.
 */
import { Commands } from '../constants';
import type { TaskPanelModel } from '../core/view/taskPanelModel';

/**
 * The commands the page's buttons and links may run, by the name the page sends. A page message
 * naming anything else is ignored: the page shows server data and is treated as untrusted.
 */
export const PANEL_COMMANDS = {
	openVideoExternal: Commands.openVideoExternal,
	copyVideoUrl: Commands.copyVideoUrl,
	copyTaskId: Commands.copyTaskId,
	refresh: Commands.refresh,
	openTask: Commands.openTask,
	downloadVideo: Commands.downloadVideo,
	insertVideoLink: Commands.insertVideoLink,
	get1080p: Commands.get1080p,
	generateAgain: Commands.generateAgain,
	openPromptFile: Commands.openPromptFile,
} as const;
export type PanelCommand = keyof typeof PANEL_COMMANDS;

export function isPanelCommand(value: unknown): value is PanelCommand {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PANEL_COMMANDS, value);
}

/** What the page reports it rendered (see `inspect` in media/taskPanel.js); read by the tests. */
export interface PageInspection {
	/** Elements by tag name. */
	tags: Record<string, number>;
	/** `tag attribute` of every on* attribute. */
	handlers: string[];
	/** `tag href` of every href attribute. */
	links: string[];
	/** `tag src` of every src attribute. */
	sources: string[];
	/** Every script element: its src (or "inline") and the start of its text. */
	scripts: string[];
	href: string;
	documentTitle: string;
	title: string | null;
	failure: string | null;
	json: string | null;
	/** The fields list: label to the text shown. */
	fields: Record<string, string>;
	/** The note beside the player about sound, when shown. */
	soundNote: string | null;
	/** Whether any injected payload ran (they set window.__veoInjected). */
	injected: boolean;
}

/** Host to page. */
export type HostMessage =
	/** The task as it is now; the page re-renders, keeping a <video> whose URL did not change. */
	| { type: 'update'; model: TaskPanelModel }
	/** Asks what the page rendered; answered by an `inspection` with the same id. */
	| { type: 'inspect'; id: number };

/** Page to host. Fields are `unknown` where they come from the page: the host checks them. */
export type PageMessage =
	/** The page (re)loaded, e.g. when its tab came to the front: the host answers with `update`. */
	| { type: 'ready' }
	| { type: 'command'; command: unknown; taskId?: unknown }
	| { type: 'videoLoaded'; duration?: unknown }
	| { type: 'videoError' }
	| { type: 'inspection'; id?: unknown; report?: unknown };

export const HOST_MESSAGE_TYPES: readonly HostMessage['type'][] = ['update', 'inspect'];
export const PAGE_MESSAGE_TYPES: readonly PageMessage['type'][] = ['ready', 'command', 'videoLoaded', 'videoError', 'inspection'];

/**
 * What the page keeps with `vscode.setState`: VS Code gives it back to the page when its tab comes
 * back (the page is destroyed while hidden) and to the serializer after a reload.
 */
export interface PanelPageState {
	taskId: string;
	/** The player's position and whether it was playing, for the URL it was playing. */
	video?: { src: string; time: number; playing: boolean };
}

/** The task ID of a saved page state; anything else (an older or foreign state) yields undefined. */
export function taskIdOfPageState(state: unknown): string | undefined {
	const taskId = (state as { taskId?: unknown } | undefined)?.taskId;
	return typeof taskId === 'string' && taskId.length <= 100 ? taskId : undefined;
}
