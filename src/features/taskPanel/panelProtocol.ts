/**
 * The one protocol between the task panel's host (taskPanel.ts) and its page
 * (src/webview/taskPanel.ts). Both import these types, so the compiler keeps them in step.
 * No `vscode` import: the page's build and the unit tests load this file outside VS Code.
 */
import { Commands } from '../../constants';
import type { TaskPanelModel } from '../../core/view/taskPanelModel';

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

/**
 * What a page reports it rendered; read by the integration tests. Only a test run's pages answer:
 * the host adds src/webview/taskPanelInspection.ts to the page in ExtensionMode.Test alone.
 */
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

/** Host to page: the task as it is now; the page re-renders, keeping a <video> whose URL did not change. */
export interface HostMessage {
	type: 'update';
	model: TaskPanelModel;
}

/** Page to host. The host receives them as `Received<PageMessage>`: it checks every field. */
export type PageMessage =
	/** The page (re)loaded, e.g. when its tab came to the front: the host answers with `update`. */
	{ type: 'ready' } | { type: 'command'; command: PanelCommand; taskId: string } | { type: 'videoLoaded'; duration: number } | { type: 'videoError' };

/** A message as the host receives it: the page shows server data, so every field but the type is unchecked. */
export type Received<M> = M extends { type: infer T } ? { type: T } & Partial<Record<Exclude<keyof M, 'type'>, unknown>> : never;

/** Test runs only: the host asks what the page rendered; the inspection script answers with the same id. */
export interface InspectRequest {
	type: 'inspect';
	id: number;
}
export interface InspectionReply {
	type: 'inspection';
	id: number;
	report: PageInspection;
}

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
