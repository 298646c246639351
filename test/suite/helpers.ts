// Shared helpers of the integration suite, which runs inside the extension host of a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VeoTasksApi } from '../../src/extension';
import { EXTENSION_ID } from '../../src/constants';
import { startFakeVeoServer, type FakeVeoServer } from '../fakeApi/fakeVeoServer';

export const TEST_TOKEN = 'test-token-7f3a-veo-SECRET';

export async function extensionApi(): Promise<VeoTasksApi> {
	const extension = vscode.extensions.getExtension<VeoTasksApi>(EXTENSION_ID);
	assert.ok(extension, `${EXTENSION_ID} is not installed in the test host`);
	return extension.isActive ? extension.exports : extension.activate();
}

export async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('veoTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * A fake API with the extension pointed at it, a token set, automatic polling off (tests that
 * count requests need only their own), and no tasks tracked.
 */
export async function freshEnvironment(options: { token?: string | undefined; autoRefresh?: boolean } = {}): Promise<{ api: VeoTasksApi; server: FakeVeoServer }> {
	const api = await extensionApi();
	const server = await startFakeVeoServer({ token: TEST_TOKEN });
	await setSetting('apiBaseUrl', server.url);
	await setSetting('autoRefresh', options.autoRefresh ?? false);
	await setSetting('pauseWhenUnfocused', false);
	await setSetting('requestTimeoutSeconds', 5);
	// Billable starts ask a modal question first; the tests that check it turn it back on.
	await setSetting('confirmBillableActions', false);
	await api.services.repository.remove(api.services.repository.list.ids());
	if ('token' in options && options.token === undefined) {
		await api.services.tokens.clear();
	} else {
		await api.services.tokens.set(options.token ?? TEST_TOKEN);
	}
	return { api, server };
}

export async function waitFor<T>(probe: () => T | Promise<T>, message: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	while (Date.now() < deadline) {
		last = await probe();
		if (last) {
			return last as NonNullable<T>;
		}
		await sleep(50);
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${message} (last value: ${JSON.stringify(last)})`);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ShownMessage {
	severity: 'information' | 'warning' | 'error';
	message: string;
	actions: string[];
	modal: boolean;
}

type MessageFunction = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Records the notifications the extension shows, while still showing them: the real
 * `vscode.window.show*Message` is called through. `answer` may pick an action for a message, as a
 * person clicking a button would. With `answer` given, a modal question is answered by it alone
 * (undefined: dismissed, as Escape does) and not shown: nothing in the extension host could close it.
 */
export function recordMessages(answer?: (shown: ShownMessage) => string | undefined): { shown: ShownMessage[]; dispose(): void } {
	const shown: ShownMessage[] = [];
	const window = vscode.window as unknown as Record<string, MessageFunction>;
	const originals: [string, MessageFunction][] = [];
	for (const [name, severity] of [
		['showInformationMessage', 'information'],
		['showWarningMessage', 'warning'],
		['showErrorMessage', 'error'],
	] as const) {
		const original = window[name];
		originals.push([name, original]);
		window[name] = (message: string, ...rest: unknown[]) => {
			const actions = rest.filter((item): item is string => typeof item === 'string');
			const modal = (rest[0] as { modal?: unknown } | undefined)?.modal === true;
			const entry: ShownMessage = { severity, message, actions, modal };
			shown.push(entry);
			if (modal && answer) {
				return Promise.resolve(answer(entry));
			}
			const shownPromise = original.call(vscode.window, message, ...rest);
			const chosen = answer?.(entry);
			return chosen !== undefined ? Promise.resolve(chosen) : shownPromise;
		};
	}
	return {
		shown,
		dispose: () => {
			for (const [name, original] of originals) {
				window[name] = original;
			}
		},
	};
}

export interface ShownDialog {
	kind: 'save' | 'open' | 'input';
	title?: string;
	/** The save or open dialog's suggested location. */
	defaultUri?: string;
	password?: boolean;
}

/**
 * Records the save, open and input dialogs the extension shows and answers them as a person would:
 * `answers.save` returns the file chosen (undefined: cancelled), `answers.open` the files chosen,
 * `answers.input` the text typed. They are not shown: a native or quick-input dialog cannot be
 * answered from the extension host.
 */
export function recordDialogs(answers: {
	save?: (dialog: ShownDialog) => vscode.Uri | undefined;
	open?: (dialog: ShownDialog) => vscode.Uri[] | undefined;
	input?: (dialog: ShownDialog) => string | undefined;
} = {}): { shown: ShownDialog[]; dispose(): void } {
	const shown: ShownDialog[] = [];
	const window = vscode.window as unknown as Record<string, unknown>;
	const originals = { showSaveDialog: window.showSaveDialog, showOpenDialog: window.showOpenDialog, showInputBox: window.showInputBox };
	window.showSaveDialog = (options?: vscode.SaveDialogOptions) => {
		const dialog: ShownDialog = { kind: 'save', title: options?.title, defaultUri: options?.defaultUri?.toString() };
		shown.push(dialog);
		return Promise.resolve(answers.save?.(dialog));
	};
	window.showOpenDialog = (options?: vscode.OpenDialogOptions) => {
		const dialog: ShownDialog = { kind: 'open', title: options?.title, defaultUri: options?.defaultUri?.toString() };
		shown.push(dialog);
		return Promise.resolve(answers.open?.(dialog));
	};
	window.showInputBox = (options?: vscode.InputBoxOptions) => {
		const dialog: ShownDialog = { kind: 'input', title: options?.title, password: options?.password };
		shown.push(dialog);
		return Promise.resolve(answers.input?.(dialog));
	};
	return {
		shown,
		dispose: () => Object.assign(window, originals),
	};
}

/** What a person sees of a tree row: label, description, icon, and the context menu's tokens. */
export interface VisibleRow {
	id: string;
	label: string;
	description: string;
	icon: string;
	contextValue: string;
	tooltip: string;
}

export async function visibleRows(api: VeoTasksApi, parentId?: string): Promise<VisibleRow[]> {
	const ids = await api.tree.getChildren(parentId);
	return ids.map((id) => {
		// The tooltip comes from resolveTreeItem, as VS Code asks for it on hover.
		const item = api.tree.resolveTreeItem(api.tree.getTreeItem(id), id);
		const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
		const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
		return {
			id,
			label,
			description: String(item.description ?? ''),
			icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
			contextValue: item.contextValue ?? '',
			tooltip,
		};
	});
}

/** The Veo hovers VS Code shows at a position of a document, as Markdown text ('' when none). */
export async function veoHoverText(document: vscode.TextDocument, line: number, character: number): Promise<string> {
	const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
	return hovers
		.flatMap((hover) => hover.contents)
		.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
		.filter((value) => value.includes('Veo'))
		.join('\n');
}
