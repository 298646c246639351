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
 * The settings every test starts with (user settings): automatic polling and discovery off (tests
 * that count requests need only their own), billable starts without the modal question (the tests that check
 * it turn it back on). apiBaseUrl is set to each test's own fake API.
 */
const TEST_SETTINGS: Record<string, unknown> = {
	autoRefresh: false,
	pauseWhenUnfocused: false,
	requestTimeoutSeconds: 5,
	confirmBillableActions: false,
	// Discovery lists tasks once a minute: off unless a test is about it, like polling.
	discoverNewTasks: false,
};

/**
 * A fake API with the extension pointed at it, a token set, the test settings, and no tasks
 * tracked. Suites call it through useFreshEnvironment.
 */
export async function freshEnvironment(
	options: { token?: string | undefined; autoRefresh?: boolean; discoverNewTasks?: boolean } = {},
): Promise<{ api: VeoTasksApi; server: FakeVeoServer }> {
	const api = await extensionApi();
	const server = await startFakeVeoServer({ token: TEST_TOKEN });
	await setSetting('apiBaseUrl', server.url);
	for (const [key, value] of Object.entries(TEST_SETTINGS)) {
		await setSetting(key, value);
	}
	await setSetting('autoRefresh', options.autoRefresh ?? false);
	await setSetting('discoverNewTasks', options.discoverNewTasks ?? false);
	await api.services.repository.remove(api.services.repository.list.ids());
	// A follow-up an earlier test's API refused would stay hidden for the session.
	api.services.followUps.reset();
	if ('token' in options && options.token === undefined) {
		await api.services.tokens.clear();
	} else {
		await api.services.tokens.set(options.token ?? TEST_TOKEN);
	}
	return { api, server };
}

export interface TestEnvironment {
	api: VeoTasksApi;
	server: FakeVeoServer;
}

/**
 * The set-up every suite shares, registered in the calling `describe`: before each test a fresh
 * environment (freshEnvironment) handed to `receive`, so the suite keeps its own `api` and
 * `server`; after each test whatever a test may have left behind goes: editors, quick inputs and
 * notifications are closed, every veoTasks setting a test changed returns to its default (user and
 * workspace), the token is the test token again, and the fake API is closed. A suite's own
 * before/afterEach, registered after this call, run after these.
 */
export function useFreshEnvironment(receive: (environment: TestEnvironment) => void, options: Parameters<typeof freshEnvironment>[0] = {}): void {
	let current: TestEnvironment | undefined;
	beforeEach(async () => {
		await closeWhatTestsOpen();
		current = await freshEnvironment(options);
		receive(current);
	});
	afterEach(async () => {
		await closeWhatTestsOpen();
		await resetSettings();
		await current?.api.services.tokens.set(TEST_TOKEN);
		await current?.server.close();
		current = undefined;
	});
}

async function closeWhatTestsOpen(): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
	// Edited untitled documents would ask to be saved on close: revert them first.
	for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isUntitled && candidate.isDirty)) {
		await vscode.window.showTextDocument(document);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	}
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	await vscode.commands.executeCommand('notifications.clearAll');
}

/**
 * Every veoTasks setting a test changed goes back: workspace values are removed, user values return
 * to TEST_SETTINGS or to the default. apiBaseUrl stays on the closed fake API until the next test
 * sets its own (with polling off nothing is sent there).
 */
async function resetSettings(): Promise<void> {
	const configuration = vscode.workspace.getConfiguration('veoTasks');
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	const manifest = extension?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } } | undefined;
	for (const key of Object.keys(manifest?.contributes?.configuration?.properties ?? {}).map((property) => property.replace(/^veoTasks\./, ''))) {
		const inspected = configuration.inspect(key);
		if (inspected?.workspaceValue !== undefined) {
			await configuration.update(key, undefined, vscode.ConfigurationTarget.Workspace);
		}
		if (key === 'apiBaseUrl') {
			continue;
		}
		const wanted = key in TEST_SETTINGS ? TEST_SETTINGS[key] : undefined;
		if (inspected?.globalValue !== wanted) {
			await configuration.update(key, wanted, vscode.ConfigurationTarget.Global);
		}
	}
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
export function recordDialogs(
	answers: {
		save?: (dialog: ShownDialog) => vscode.Uri | undefined;
		open?: (dialog: ShownDialog) => vscode.Uri[] | undefined;
		input?: (dialog: ShownDialog) => string | undefined;
	} = {},
): { shown: ShownDialog[]; dispose(): void } {
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
