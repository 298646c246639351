// Trust boundaries: what a workspace's settings, another extension and a
// crafted command call can do. Each test drives the real commands in the real VS Code and reads what
// a person would see: the questions and dialogs shown, the files on disk, the requests the server got.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, WORKSPACE_ORIGIN_CONSENT_STATE_KEY } from '../../src/constants';
import { extensionExports, type VeoTasksApi } from '../../src/extension';
import { exportTaskList } from '../../src/core/tasks/taskExport';
import { createPublicApi, type TaskChange } from '../../src/features/publicApi/publicApi';
import { startFakeVeoServer, type FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { TEST_TOKEN, useFreshEnvironment, recordDialogs, recordMessages, waitFor } from './helpers';

async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('veoTasks').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('Trust: a workspace chooses where the token goes only with your word', function () {
	this.timeout(30_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	/** The server a cloned repository's .vscode/settings.json points at. */
	let chosen: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(async () => {
		chosen = await startFakeVeoServer({ token: TEST_TOKEN });
		await api.services.context.globalState.update(WORKSPACE_ORIGIN_CONSENT_STATE_KEY, undefined);
	});
	afterEach(async () => {
		await api.services.context.globalState.update(WORKSPACE_ORIGIN_CONSENT_STATE_KEY, undefined);
		await chosen.close();
	});

	it('asks once (modal, with the origin and where the setting comes from); a refusal sends nothing and says what to do', async () => {
		const id = newTaskId();
		chosen.setTask(runningTask({ id }));
		await api.services.repository.add([id]);
		await setWorkspaceSetting('apiBaseUrl', chosen.url);
		let answer: string | undefined; // undefined: the question dismissed
		const messages = recordMessages((shown) => (shown.modal ? answer : undefined));
		try {
			await vscode.commands.executeCommand(Commands.refresh);
			const questions = (): typeof messages.shown => messages.shown.filter((shown) => shown.modal);
			assert.equal(questions().length, 1, 'one question');
			const [question] = questions();
			assert.ok(question.message.includes(new URL(chosen.url).origin), question.message);
			assert.match(question.message, /workspace/);
			assert.deepEqual(question.actions, ['Send Token']);
			assert.equal(chosen.requests.length, 0, "nothing was sent to the workspace's server");
			assert.equal(server.requests.length, 0);
			const error = await waitFor(() => messages.shown.find((shown) => shown.severity === 'error'), 'the error after the refusal');
			assert.match(error.message, /Nothing was sent/);
			assert.deepEqual(error.actions, ['Open Settings']);

			// Polls do not ask again after a refusal.
			await api.services.refresher.refresh([id], { reason: 'poll' });
			assert.equal(questions().length, 1);
			assert.equal(chosen.requests.length, 0);

			// A refresh you start asks again; allowed, the token goes, and the answer is remembered.
			answer = 'Send Token';
			const allowed = await api.services.refresher.refresh([id], { interactive: true });
			assert.equal(allowed.error, undefined, allowed.error?.message);
			assert.equal(questions().length, 2);
			assert.equal(chosen.requests.length, 1);
			assert.equal(chosen.requests[0].headers.authorization, `Bearer ${TEST_TOKEN}`);
			assert.equal(api.services.repository.list.get(id)?.summary.state, 'running');
			await api.services.refresher.refresh([id], { interactive: true });
			assert.equal(questions().length, 2, 'remembered for this origin');
			assert.deepEqual(api.services.context.globalState.get(WORKSPACE_ORIGIN_CONSENT_STATE_KEY), { [new URL(chosen.url).origin]: 'allow' });
		} finally {
			messages.dispose();
		}
	});

	it('generation takes its client from the same session: no billable request to an unconfirmed origin', async () => {
		await setWorkspaceSetting('apiBaseUrl', chosen.url);
		const origin = new URL(chosen.url).origin;
		// The token question is refused; any other question (a billable confirmation) is accepted.
		const messages = recordMessages((shown) => (shown.modal && !shown.message.includes(origin) ? shown.actions[0] : undefined));
		try {
			const parent = newTaskId();
			chosen.setTask(succeededTask({ id: parent, videoUrl: chosen.sampleVideoUrl }));
			await api.services.repository.add([parent], { summary: { state: 'succeeded', videoId: 'v-1', videoUrl: chosen.sampleVideoUrl, model: 'veo31' } });
			const started = await vscode.commands.executeCommand<string | undefined>(Commands.get1080p, parent);
			assert.equal(started, undefined);
			assert.equal(chosen.requests.length, 0, 'nothing was sent');
			assert.ok(
				messages.shown.some((shown) => shown.modal && shown.message.includes(origin)),
				'the question was asked',
			);
		} finally {
			messages.dispose();
		}
	});

	it('a workspace that repeats the URL of your user settings is not asked about (the default API: unit tests)', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id }));
		await api.services.repository.add([id]);
		await setWorkspaceSetting('apiBaseUrl', `${server.url}/`);
		const messages = recordMessages(() => undefined);
		try {
			const result = await api.services.refresher.refresh([id], { interactive: true });
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(messages.shown.filter((shown) => shown.modal).length, 0);
			assert.equal(server.requests.length, 1);
		} finally {
			messages.dispose();
		}
	});
});

describe('Trust: other extensions get the public API only', function () {
	this.timeout(30_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('tracks IDs, reads frozen snapshots and tells when a task changes', async () => {
		const exported = vscode.extensions.getExtension<VeoTasksApi>(EXTENSION_ID)?.exports;
		assert.ok(exported);
		assert.equal(exported.apiVersion, 1);
		const id = newTaskId();
		server.setTask(runningTask({ id, prompt: 'A public fox' }));
		const changes: TaskChange[] = [];
		const listening = exported.onDidChangeTask((change) => changes.push(change));
		try {
			assert.deepEqual(await exported.trackTasks(`see ${id.toUpperCase()}, and not-an-id`), [id]);
			const change = await waitFor(() => changes.find((c) => c.id === id && c.task?.state === 'running'), 'the change to running');
			assert.equal(change.task?.prompt, 'A public fox');
			const [snapshot] = (await exported.getTasks()).filter((task) => task.id === id);
			assert.equal(snapshot.state, 'running');
			assert.ok(Object.isFrozen(snapshot));
			assert.throws(() => {
				(snapshot as { state: string }).state = 'succeeded';
			});
			assert.equal(api.services.repository.list.get(id)?.summary.state, 'running');
			assert.ok(!JSON.stringify(await exported.getTasks()).includes(TEST_TOKEN));
			await api.services.repository.remove([id]);
			assert.ok(
				changes.some((c) => c.id === id && c.task === undefined),
				'removal is a change without a task',
			);
		} finally {
			listening.dispose();
		}
	});

	it('outside a test run, exports hold nothing that reaches the token, the context or the stores', async () => {
		// The same function activate uses, with the same pieces, as VS Code would call it for users.
		const subscriptions: vscode.Disposable[] = [];
		const publicApi = createPublicApi(api.services.repository, api.services.tracking, subscriptions);
		const secretHolders = new Set<unknown>([
			api.services.context,
			api.services.context.secrets,
			api.services.context.globalState,
			api.services.context.workspaceState,
			api.services.tokens,
			api.services.repository,
			api.services.session,
			api.services.refresher,
			api,
		]);
		try {
			for (const mode of [vscode.ExtensionMode.Production, vscode.ExtensionMode.Development]) {
				const exported = extensionExports(mode, publicApi, () => ({ ...api }));
				assert.deepEqual(Object.keys(exported).sort(), ['apiVersion', 'getTasks', 'onDidChangeTask', 'trackTasks']);
				// Everything reachable through properties, prototypes included.
				const seen = new Set<unknown>();
				const queue: unknown[] = [exported];
				while (queue.length) {
					const value = queue.pop();
					if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) {
						continue;
					}
					seen.add(value);
					assert.ok(!secretHolders.has(value), 'reached an object that holds the token or the stores');
					for (const key of Reflect.ownKeys(value)) {
						const descriptor = Object.getOwnPropertyDescriptor(value, key);
						queue.push(descriptor?.value, descriptor?.get, Object.getPrototypeOf(value));
					}
				}
			}
			const inTest = extensionExports(vscode.ExtensionMode.Test, publicApi, () => ({ ...api }));
			assert.ok('services' in inTest, 'the tests get the services in ExtensionMode.Test');
		} finally {
			subscriptions.forEach((subscription) => subscription.dispose());
		}
	});

	it('the panel page loads the inspection script only in a test run', async () => {
		const [id, other] = [newTaskId(), newTaskId()];
		for (const task of [id, other]) {
			server.setTask(succeededTask({ id: task, videoUrl: server.sampleVideoUrl }));
		}
		await api.services.repository.add([id, other]);
		await api.services.refresher.refresh();
		const panel = api.openPanel(id);
		assert.ok(panel);
		await panel.inspect(); // loaded, answering (this is a test run)
		assert.match(panel.panel.webview.html, /taskPanelInspection\.js/);
		const panelClass = panel.constructor as unknown as { inspectable: boolean };
		try {
			// A page built while the flag is off is what users get: no inspection script at all.
			panelClass.inspectable = false;
			// In a second group, so both pages stay loaded (a hidden page is destroyed).
			await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
			const userPanel = api.openPanel(other);
			assert.ok(userPanel);
			const answered: unknown[] = [];
			let userPageReady = false;
			const listening = [panel, userPanel].map((tab) =>
				tab.panel.webview.onDidReceiveMessage((message: { type?: string; id?: unknown }) => {
					if (message?.type === 'inspection') {
						answered.push(message.id);
					} else if (message?.type === 'ready' && tab === userPanel) {
						userPageReady = true;
					}
				}),
			);
			try {
				assert.doesNotMatch(userPanel.panel.webview.html, /Inspection/);
				assert.match(userPanel.panel.webview.html, /dist\/webview\/taskPanel\.js/);
				await assert.rejects(userPanel.inspect(), /only in ExtensionMode.Test/);
				panelClass.inspectable = true; // for the test page's inspect(); the user page stays as it was built
				await waitFor(() => userPageReady, 'the user page loaded');
				assert.ok(panel.panel.visible && userPanel.panel.visible, 'both pages are shown');
				await panel.inspect(); // the test page is loaded and answering
				// The question straight from here, to the loaded user page first, then to the test page.
				await userPanel.panel.webview.postMessage({ type: 'inspect', id: 'asked-the-user-page' });
				await panel.panel.webview.postMessage({ type: 'inspect', id: 'asked-the-test-page' });
				await waitFor(() => answered.includes('asked-the-test-page'), 'the answer of the test page');
				assert.ok(!answered.includes('asked-the-user-page'), 'the user page answered an inspection');
			} finally {
				listening.forEach((subscription) => subscription.dispose());
			}
		} finally {
			panelClass.inspectable = true;
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		}
	});
});

describe('Trust: commands called with crafted arguments', function () {
	this.timeout(30_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	let temp: string;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(() => {
		temp = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-crafted-'));
	});
	afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

	it('setToken("x") never takes the argument: the password box asks, and cancelling changes nothing', async () => {
		const dialogs = recordDialogs({ input: () => undefined });
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.setToken, 'attacker-token-x'), false);
		} finally {
			dialogs.dispose();
		}
		assert.deepEqual(
			dialogs.shown.map((dialog) => [dialog.kind, dialog.password]),
			[['input', true]],
		);
		assert.equal(await api.services.tokens.get(), TEST_TOKEN);
	});

	it('exportTasks(path) writes only where the save dialog says', async () => {
		const id = newTaskId();
		await api.services.repository.add([id]);
		const crafted = path.join(temp, 'crafted.json');
		const dialogs = recordDialogs({ save: () => undefined });
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.exportTasks, crafted), undefined);
			assert.equal(await vscode.commands.executeCommand(Commands.exportTasks, vscode.Uri.file(crafted)), undefined);
		} finally {
			dialogs.dispose();
		}
		assert.deepEqual(
			dialogs.shown.map((dialog) => dialog.kind),
			['save', 'save'],
		);
		assert.deepEqual(fs.readdirSync(temp), [], 'nothing was written');
	});

	it('importTasks(path) reads no file the open dialog did not give: cancelled, nothing is imported', async () => {
		const writeList = (name: string, id: string): string => {
			const file = path.join(temp, name);
			fs.writeFileSync(file, JSON.stringify(exportTaskList([{ id, addedAt: Date.now(), summary: { state: 'running' } }], Date.now())));
			return file;
		};
		const craftedId = newTaskId();
		const chosenId = newTaskId();
		const crafted = writeList('crafted.json', craftedId);
		const chosen = writeList('chosen.json', chosenId);
		server.setTask(runningTask({ id: chosenId }));
		let answer: vscode.Uri[] | undefined; // undefined: the dialog cancelled
		const dialogs = recordDialogs({ open: () => answer });
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.importTasks, crafted), undefined);
			assert.equal(await vscode.commands.executeCommand(Commands.importTasks, vscode.Uri.file(crafted)), undefined);
			assert.deepEqual(
				dialogs.shown.map((dialog) => dialog.kind),
				['open', 'open'],
				'the open dialog was asked both times',
			);
			assert.ok(!api.services.repository.list.has(craftedId), 'the file named in the argument was not imported');
			// Answered, the dialog's file is read, whatever the argument names.
			answer = [vscode.Uri.file(chosen)];
			const imported = await vscode.commands.executeCommand<{ added: string[] }>(Commands.importTasks, vscode.Uri.file(crafted));
			assert.deepEqual(imported?.added, [chosenId]);
		} finally {
			dialogs.dispose();
		}
		assert.equal(dialogs.shown.length, 3);
		assert.ok(api.services.repository.list.has(chosenId));
		assert.ok(!api.services.repository.list.has(craftedId), 'the file named in the argument was never imported');
	});

	it('downloadVideo(id, {target, overwrite: true}) neither writes to the target nor overwrites without asking', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: 'Crafted download', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		const workspace = vscode.workspace.workspaceFolders?.[0].uri.fsPath;
		assert.ok(workspace, 'the suite runs with a workspace folder');
		const videos = path.join(workspace, 'videos');
		const existing = path.join(videos, `crafted-download-${id.slice(0, 8)}.mp4`);
		fs.mkdirSync(videos, { recursive: true });
		fs.writeFileSync(existing, 'my own file');
		const crafted = path.join(temp, 'crafted.mp4');
		fs.writeFileSync(crafted, 'not yours to overwrite');
		const messages = recordMessages(() => undefined);
		try {
			const saved = await vscode.commands.executeCommand(Commands.downloadVideo, id, { target: crafted, overwrite: true });
			assert.equal(saved, undefined);
			assert.ok(
				messages.shown.some((shown) => shown.modal && /already exists/.test(shown.message)),
				'it asked before overwriting',
			);
			assert.equal(fs.readFileSync(existing, 'utf8'), 'my own file');
			assert.equal(fs.readFileSync(crafted, 'utf8'), 'not yours to overwrite');
			assert.ok(!server.requests.some((request) => request.path.startsWith('/files/')), 'the video was not even fetched');
		} finally {
			messages.dispose();
			fs.rmSync(videos, { recursive: true, force: true });
		}
	});

	it('removeFinished({confirmed: true}) still asks, and a dismissed question removes nothing', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		const messages = recordMessages(() => undefined);
		try {
			assert.deepEqual(await vscode.commands.executeCommand(Commands.removeFinished, { confirmed: true }), []);
		} finally {
			messages.dispose();
		}
		assert.equal(messages.shown.filter((shown) => shown.modal && /Stop tracking/.test(shown.message)).length, 1);
		assert.ok(api.services.repository.list.has(id));
	});
});
