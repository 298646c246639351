// The API token in the real extension: a recognisable token goes through every command and error
// path, then everything the extension wrote or showed is searched for it. The stored token wins
// over the environment's, and a base URL that would carry it in clear asks first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CLEARTEXT_CONSENT_STATE_KEY, Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { TokenStore } from '../../src/services/tokenStore';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, newVideoId, runningTask, succeededTask } from '../fakeApi/records';
import { TEST_TOKEN, useFreshEnvironment, recordDialogs, recordMessages, setSetting, sleep, waitFor } from './helpers';

const CANARY = 'veo-CANARY-4b7e9d21c0a8f3e6-do-not-leak';

/** Every file under `folder` (recursively) whose bytes contain `needle`. */
function filesContaining(folder: string, needle: string): string[] {
	const found: string[] = [];
	const visit = (dir: string): void => {
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				visit(file);
			} else if (entry.isFile()) {
				try {
					if (fs.statSync(file).size < 50 * 1024 * 1024 && fs.readFileSync(file).includes(needle)) {
						found.push(file);
					}
				} catch {
					// Gone meanwhile (a temporary file): nothing to search.
				}
			}
		}
	};
	visit(folder);
	return found;
}

function filesUnder(folder: string): string[] {
	const files: string[] = [];
	const visit = (dir: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				visit(file);
			} else {
				files.push(file);
			}
		}
	};
	if (fs.existsSync(folder)) {
		visit(folder);
	}
	return files;
}

describe('The API token', function () {
	this.timeout(60_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('is never written to settings, logs, the webview, the export, the cache, state or any message', async () => {
		const { context, repository, tokens } = api.services;
		await tokens.set(CANARY);
		server.token = CANARY;
		const shown = recordMessages();
		const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-secrets-'));
		// The save dialogs of Download and Export and Import's open dialog, answered as a person would.
		const dialogs = recordDialogs({
			save: (dialog) => vscode.Uri.file(path.join(temp, dialog.title?.includes('video') ? 'video.mp4' : 'export.json')),
			open: () => [vscode.Uri.file(path.join(temp, 'export.json'))],
			input: () => CANARY,
		});
		const texts: { where: string; text: string }[] = [];
		try {
			const ids = { succeeded: newTaskId(), failed: newTaskId(), running: newTaskId() };
			const videoId = newVideoId();
			server.setTask(succeededTask({ id: ids.succeeded, prompt: 'Canary fox', model: 'veo31', videoId, videoUrl: server.sampleVideoUrl }));
			server.setTask(failedTask({ id: ids.failed, prompt: 'Canary failure' }));
			server.setTask(runningTask({ id: ids.running, prompt: 'Canary running' }));

			// Every command, with the token in use.
			await vscode.commands.executeCommand(Commands.addTask, Object.values(ids).join(' '));
			await waitFor(() => repository.list.get(ids.succeeded)?.summary.state === 'succeeded', 'the first refresh');
			await vscode.commands.executeCommand(Commands.refresh);
			await vscode.commands.executeCommand(Commands.openTask, ids.succeeded);
			const panel = api.openPanel(ids.succeeded);
			assert.ok(panel);
			await panel.inspect();
			texts.push({ where: 'webview html', text: panel.panel.webview.html });
			texts.push({ where: 'webview page', text: JSON.stringify(await panel.inspect()) });
			await vscode.commands.executeCommand(Commands.copyTaskId, ids.succeeded);
			texts.push({ where: 'clipboard (task id)', text: await vscode.env.clipboard.readText() });
			await vscode.commands.executeCommand(Commands.copyVideoUrl, ids.succeeded);
			texts.push({ where: 'clipboard (video url)', text: await vscode.env.clipboard.readText() });
			await vscode.commands.executeCommand(Commands.downloadVideo, ids.succeeded, { ask: true });
			const child = await vscode.commands.executeCommand<string>(Commands.get1080p, ids.succeeded);
			assert.ok(child, 'a follow-up was started');
			const exported = path.join(temp, 'export.json');
			await vscode.commands.executeCommand(Commands.exportTasks);
			texts.push({ where: 'exported list', text: fs.readFileSync(exported, 'utf8') });
			await vscode.commands.executeCommand(Commands.importTasks);

			// Every error path, with servers that echo the token back.
			await setSetting('requestTimeoutSeconds', 1);
			const echoes = [
				{ status: 401, body: { success: false, error: { code: 'invalid_token', message: `The token ${CANARY} is not valid` }, trace_id: CANARY } },
				{ status: 400, body: { success: false, error: { code: 'token_mismatched', message: `Bearer ${CANARY}` } } },
				// A gateway echoing the Authorization header as the error code: the code goes into the log.
				{ status: 400, body: { success: false, error: { code: `Bearer ${CANARY}`, message: 'bad request' } } },
				{ status: 502, body: { success: false, error: { code: `Bearer ${CANARY}` }, trace_id: `Bearer ${CANARY}` } },
				{ status: 403, body: { success: false, error: { code: 'used_up', message: `Account of ${CANARY} is used up` }, trace_id: `trace-${CANARY}` } },
				{ status: 429, body: { success: false, error: { code: 'too_many_requests', message: CANARY } }, headers: { 'retry-after': '1' } },
				{ status: 500, body: `<html><body>Internal error for ${CANARY}</body></html>` },
				{ status: 200, body: `not json ${CANARY}` },
				{ status: 200, body: { items: CANARY } },
			];
			for (const echo of echoes) {
				server.enqueue(echo);
				await vscode.commands.executeCommand(Commands.refresh);
			}
			server.enqueue({ hang: true });
			await vscode.commands.executeCommand(Commands.refresh);
			server.enqueue({ reset: true });
			await vscode.commands.executeCommand(Commands.refresh);
			server.enqueue(
				{ status: 403, body: { success: false, error: { code: 'used_up', message: `No credit left for ${CANARY}` }, trace_id: CANARY } },
				(req) => req.path === '/veo/videos',
			);
			await vscode.commands.executeCommand(Commands.get1080p, ids.succeeded);
			await vscode.commands.executeCommand(Commands.removeTask, ids.failed);
			await vscode.commands.executeCommand(Commands.clearToken);
			await vscode.commands.executeCommand(Commands.refresh);
			await vscode.commands.executeCommand(Commands.setToken);
			await repository.flush();
			await sleep(1_500); // messages shown asynchronously, log lines flushed

			assert.ok(
				server.requests.some((request) => request.headers.authorization === `Bearer ${CANARY}`),
				'the token was in use',
			);
			assert.ok(
				shown.shown.some((message) => /token .*(rejected|not a token)/i.test(message.message)),
				'the auth errors were shown',
			);

			// Everything the extension wrote or showed.
			for (const message of shown.shown) {
				// Named without the token, so that a failure does not write it into the test's own log.
				texts.push({ where: `message "${message.message.split(CANARY).join('[CANARY]')}"`, text: `${message.message} ${message.actions.join(' ')}` });
			}
			for (const key of context.workspaceState.keys()) {
				texts.push({ where: `workspaceState ${key}`, text: JSON.stringify(context.workspaceState.get(key)) ?? '' });
			}
			for (const key of context.globalState.keys()) {
				texts.push({ where: `globalState ${key}`, text: JSON.stringify(context.globalState.get(key)) ?? '' });
			}
			for (const { where, text } of texts) {
				assert.ok(!text.includes(CANARY), `the token is in ${where}`);
			}

			// Files: settings.json, the log of the output channel, the storage folders, the workspace,
			// and the whole user-data folder of the test host (logs included).
			const userDir = path.resolve(context.globalStorageUri.fsPath, '..', '..');
			const settingsFile = path.join(userDir, 'settings.json');
			assert.ok(fs.existsSync(settingsFile), `the user settings at ${settingsFile}`);
			const logFiles = filesUnder(context.logUri.fsPath);
			assert.ok(
				logFiles.length > 0 && logFiles.some((file) => fs.readFileSync(file, 'utf8').includes('retrieve_batch')),
				`the output channel's log under ${context.logUri.fsPath}: ${logFiles.join(', ')}`,
			);
			const folders = [
				path.resolve(userDir, '..'),
				context.logUri.fsPath,
				(context.storageUri ?? context.globalStorageUri).fsPath,
				context.globalStorageUri.fsPath,
				temp,
			];
			for (const folder of vscode.workspace.workspaceFolders ?? []) {
				folders.push(folder.uri.fsPath);
			}
			for (const folder of folders) {
				assert.deepEqual(filesContaining(folder, CANARY), [], `the token is in a file under ${folder}`);
			}
		} finally {
			shown.dispose();
			dialogs.dispose();
			server.token = TEST_TOKEN;
			fs.rmSync(temp, { recursive: true, force: true });
		}
	});

	it('a stored token wins over ACEDATACLOUD_API_TOKEN; the environment is the fallback', async () => {
		const { context } = api.services;
		const store = new TokenStore(context.secrets, { ACEDATACLOUD_API_TOKEN: 'token-from-the-environment' });
		try {
			await store.set('token-stored-in-secret-storage');
			assert.equal(await store.get(), 'token-stored-in-secret-storage');
			assert.equal(await store.source(), 'stored');
			await store.clear();
			assert.equal(await store.get(), 'token-from-the-environment');
			assert.equal(await store.source(), 'environment');
		} finally {
			store.dispose();
			await api.services.tokens.set(TEST_TOKEN);
		}
	});

	it('an http base URL on a host that is not this machine asks once before sending the token in clear', async () => {
		const { refresher, context, repository } = api.services;
		const id = newTaskId();
		server.setTask(runningTask({ id }));
		await repository.add([id]);
		// 0.0.0.0 reaches the fake on this machine, but it is no loopback name: the extension must ask.
		const insecureUrl = `http://0.0.0.0:${server.port}`;
		const questions: string[] = [];
		let answer: string | undefined;
		const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
		const original = window.showWarningMessage;
		window.showWarningMessage = (message: unknown, ...rest: unknown[]) => {
			if (typeof message === 'string' && message.includes('travel in clear')) {
				questions.push(message);
				const options = rest[0] as { modal?: boolean } | undefined;
				assert.equal(options?.modal, true, 'the question is modal');
				return Promise.resolve(answer);
			}
			return original.call(vscode.window, message, ...rest);
		};
		try {
			await context.globalState.update(CLEARTEXT_CONSENT_STATE_KEY, undefined);
			await setSetting('apiBaseUrl', insecureUrl);

			answer = undefined; // the dialog dismissed: a refusal
			const refused = await refresher.refresh([id], { interactive: true });
			assert.equal(questions.length, 1);
			assert.ok(refused.error, 'a clear error');
			assert.match(refused.error.message, /in clear/);
			assert.equal(server.requests.length, 0, 'nothing was sent');

			const poll = await refresher.refresh([id], { reason: 'poll' });
			assert.equal(questions.length, 1, 'automatic polls do not ask again after a refusal');
			assert.ok(poll.error);
			assert.equal(server.requests.length, 0);

			answer = 'Send Anyway';
			const allowed = await refresher.refresh([id], { interactive: true });
			assert.equal(questions.length, 2, 'a manual refresh asks again');
			assert.equal(allowed.error, undefined, allowed.error?.message);
			assert.equal(server.requests.length, 1);
			assert.equal(repository.list.get(id)?.summary.state, 'running');

			await refresher.refresh([id], { reason: 'poll' });
			await refresher.refresh([id], { interactive: true });
			assert.equal(questions.length, 2, 'the answer is remembered for this origin');
			assert.deepEqual(context.globalState.get(CLEARTEXT_CONSENT_STATE_KEY), { [insecureUrl]: 'allow' });

			// https and loopback never ask.
			await setSetting('apiBaseUrl', server.url);
			await refresher.refresh([id], { interactive: true });
			assert.equal(questions.length, 2);
		} finally {
			window.showWarningMessage = original;
			await context.globalState.update(CLEARTEXT_CONSENT_STATE_KEY, undefined);
			await setSetting('apiBaseUrl', server.url);
		}
	});
});
