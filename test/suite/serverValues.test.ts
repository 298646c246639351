// Server values stay inert and free of the token wherever they go: the status bar's tooltip, stored
// records, the cache file and exports, inserted links, the Get 1080p question, and loopback video
// URLs once the API is not on this machine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { tokenEchoRecord } from '../fakeApi/hostileRecords';
import { newTaskId, newVideoId, runningTask, succeededTask } from '../fakeApi/records';
import { TEST_TOKEN, useFreshEnvironment, recordDialogs, recordMessages, setSetting, waitFor } from './helpers';

/** Whether a text holds the token in any case, with any white space inside it. */
function holdsToken(text: string): boolean {
	return text.replace(/\s+/g, '').toLowerCase().includes(TEST_TOKEN.toLowerCase());
}

/** Answers every quick pick with its first item, as a person pressing Enter would. */
function pickFirst(): { labels: string[][]; dispose(): void } {
	const window = vscode.window as unknown as Record<string, unknown>;
	const original = window.showQuickPick;
	const labels: string[][] = [];
	window.showQuickPick = async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
		const resolved = await items;
		labels.push(resolved.map((item) => item.label));
		return resolved[0];
	};
	return { labels, dispose: () => (window.showQuickPick = original) };
}

describe('Server values: inert where shown, and without the token', function () {
	this.timeout(60_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	let folder: string;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-server-values-'));
	});
	afterEach(async () => {
		fs.rmSync(folder, { recursive: true, force: true });
	});

	it("the status bar tooltip shows a prompt's URLs and e-mail addresses as text, not links", async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id, prompt: 'See https://evil.example/pay and mail bob@evil.example [x](command:workbench.action.terminal.new)' }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id], { interactive: true });
		const tooltip = await waitFor(() => {
			const value = api.statusBar.tooltip;
			return value instanceof vscode.MarkdownString && value.value.includes('evil') ? value : undefined;
		}, 'the tooltip to list the running task');
		assert.ok(!tooltip.isTrusted);
		assert.ok(!tooltip.value.includes('https://evil.example'), tooltip.value);
		assert.ok(!tooltip.value.includes('bob@evil.example'), tooltip.value);
		assert.ok(!tooltip.value.includes('](command:'), tooltip.value);
		assert.ok(tooltip.value.includes('https\\:\\/\\/evil\\.example'), 'the text itself is still there, escaped');
	});

	it('a 2xx record echoing the token in every field is stored, cached, shown and exported without it', async () => {
		const id = newTaskId();
		server.setTask(tokenEchoRecord(id, `Bearer ${TEST_TOKEN}`, server.sampleVideoUrl));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id], { interactive: true });
		const task = await waitFor(
			() => (api.services.repository.list.get(id)?.summary.state === 'succeeded' ? api.services.repository.list.get(id) : undefined),
			'the record',
		);
		assert.ok(!holdsToken(JSON.stringify(task)), JSON.stringify(task));
		assert.ok(JSON.stringify(task).includes('[token]'), 'the echo was there, and redacted');
		await api.services.repository.flush();
		const storage = api.services.context.storageUri ?? api.services.context.globalStorageUri;
		for (const name of fs.readdirSync(storage.fsPath)) {
			const file = path.join(storage.fsPath, name);
			if (fs.statSync(file).isFile()) {
				assert.ok(!holdsToken(fs.readFileSync(file, 'utf8')), `${name} holds no token`);
			}
		}
		const target = path.join(folder, 'export.json');
		const dialogs = recordDialogs({ save: () => vscode.Uri.file(target) });
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.exportTasks), target);
		} finally {
			dialogs.dispose();
		}
		assert.ok(!holdsToken(fs.readFileSync(target, 'utf8')));
		assert.ok(!holdsToken(String((api.statusBar.tooltip as vscode.MarkdownString | undefined)?.value ?? '')));
	});

	it('a loopback video URL is not downloaded or linked once the API is https', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id], { interactive: true });
		await waitFor(() => api.services.repository.list.get(id)?.summary.videoUrl, 'the video URL');
		// The API moves off this machine (no request goes there: automatic refresh is off).
		await setSetting('apiBaseUrl', 'https://veo-api.invalid');
		const messages = recordMessages();
		const dialogs = recordDialogs({ save: () => vscode.Uri.file(path.join(folder, 'local.mp4')) });
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.downloadVideo, id, { ask: true }), undefined);
			assert.equal(server.requests.filter((request) => request.path.startsWith('/files/')).length, 0, 'nothing fetched from this machine');
			assert.ok(messages.shown.some((shown) => /no video that can be downloaded/.test(shown.message)));
			assert.deepEqual(fs.readdirSync(folder), []);
		} finally {
			dialogs.dispose();
			messages.dispose();
		}
	});

	it('Insert Video Link: null options do not crash it, and a URL-only link cannot become a Markdown link', async () => {
		const id = newTaskId();
		const hostile = 'https://cdn.example/v.mp4)[x](command:workbench.action.terminal.new)';
		server.setTask(succeededTask({ id, prompt: 'a link', videoUrl: hostile }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id], { interactive: true });
		await waitFor(() => api.services.repository.list.get(id)?.summary.videoUrl, 'the video URL');
		const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
		await vscode.window.showTextDocument(document);
		const picks = pickFirst();
		try {
			const text = await vscode.commands.executeCommand<string | undefined>(Commands.insertVideoLink, id, null);
			assert.equal(picks.labels.length, 1, 'null chose no style: the question was asked');
			assert.ok(text);
			assert.equal(document.getText(), text);
			assert.ok(!/[()[\]\s]/.test(text), text);
			assert.equal(decodeURIComponent(text), hostile);
		} finally {
			picks.dispose();
		}
		// Junk options are ignored the same way, and a style this document is not offered too.
		const again = pickFirst();
		try {
			await vscode.commands.executeCommand(Commands.insertVideoLink, { id }, { style: 'javascript' });
			assert.equal(again.labels.length, 1);
		} finally {
			again.dispose();
		}
	});

	it('Get 1080p shows no server model or video ID that is not a plain identifier, and starts nothing', async () => {
		await setSetting('confirmBillableActions', true);
		const id = newTaskId();
		server.setTask(
			succeededTask({ id, model: 'veo31\n\nGood news: this one is free. Press Get 1080p', videoId: newVideoId(), videoUrl: server.sampleVideoUrl }),
		);
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id], { interactive: true });
		await waitFor(() => api.services.repository.list.get(id)?.summary.model, 'the model');
		const before = server.requests.length;
		const messages = recordMessages(() => undefined);
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.get1080p, id), undefined);
			assert.equal(messages.shown.filter((shown) => shown.modal).length, 0, "no billing question with the server's words in it");
			assert.ok(messages.shown.some((shown) => /not in the expected form/.test(shown.message)));
			assert.equal(server.requests.slice(before).filter((request) => request.path.startsWith('/veo/videos')).length, 0);
		} finally {
			messages.dispose();
		}
	});
});
