// Task tabs that come back and stay current, and their sound: the serializer, the page's `ready`,
// a background tab brought to the front, and the note about sound beside the player.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, PANEL_VIEW_TYPE } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, sleep, waitFor } from './helpers';

/** An https address the player is given but never reaches (.invalid never resolves): the page is not rebuilt for it. */
const UNREACHABLE_HTTPS_VIDEO = 'https://veo-video.invalid/clip.mp4';

describe('Task tabs', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('a tab restored after a reload shows its task from the cache and is refreshed', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id, prompt: 'A restored lantern' }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id]);
		server.advanceTask(id, 'succeeded', { videoUrl: UNREACHABLE_HTTPS_VIDEO });
		server.clearRequests();

		// What VS Code does after a reload: a fresh panel of our view type, with the state the page saved.
		const restored = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Veo task', vscode.ViewColumn.Active, {});
		await api.panelSerializer.deserializeWebviewPanel(restored, { taskId: id, video: { src: UNREACHABLE_HTTPS_VIDEO, time: 1.5, playing: false } });
		const panel = api.openPanel(id);
		assert.ok(panel, 'the restored tab is the task tab');
		assert.equal(panel.panel, restored, 'no second tab was opened');
		assert.equal(restored.title, 'A restored lantern');
		await waitFor(() => server.requests.length > 0, 'the refresh of the restored task');
		await waitFor(() => panel.model()?.state === 'succeeded', 'the refresh to arrive');
		await waitFor(async () => (await panel.inspect()).fields['Video URL'] === UNREACHABLE_HTTPS_VIDEO, 'the page to show the task as it is now');
		assert.equal((await panel.inspect()).fields['State'], panel.model()?.stateLabel);
		assert.equal((await panel.inspect()).title, 'A restored lantern');
	});

	it('restored tabs: finished tasks are shown from the cache without a request, running ones share one request', async () => {
		const [done, failed, runningA, runningB] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: done, videoUrl: UNREACHABLE_HTTPS_VIDEO }));
		server.setTask(failedTask({ id: failed }));
		server.setTask(runningTask({ id: runningA }));
		server.setTask(runningTask({ id: runningB }));
		await api.services.repository.add([done, failed, runningA, runningB]);
		await api.services.refresher.refresh([done, failed, runningA, runningB]);
		server.clearRequests();

		const restore = (taskId: string): Thenable<void> =>
			api.panelSerializer.deserializeWebviewPanel(vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Veo task', vscode.ViewColumn.Active, {}), { taskId });
		await Promise.all([done, failed].map(restore));
		await sleep(500);
		assert.equal(server.requests.length, 0, 'no request for finished tasks');

		await Promise.all([runningA, runningB].map(restore));
		await waitFor(() => server.requests.length > 0, 'the refresh of the restored running tasks');
		await sleep(500);
		const batches = server.requestsFor('/veo/tasks', 'retrieve_batch');
		assert.equal(batches.length, 1, 'one request for both');
		assert.deepEqual((batches[0].body as { ids: string[] }).ids.slice().sort(), [runningA, runningB].sort());
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	it('closes a restored tab whose task is no longer tracked', async () => {
		const restored = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Veo task', vscode.ViewColumn.Active, {});
		let disposed = false;
		restored.onDidDispose(() => (disposed = true));
		await api.panelSerializer.deserializeWebviewPanel(restored, { taskId: newTaskId() });
		assert.equal(disposed, true);
	});

	it('a background tab brought to the front shows the state that changed while it was hidden', async () => {
		const [hidden, front] = [newTaskId(), newTaskId()];
		server.setTask(runningTask({ id: hidden, prompt: 'Waiting in the background' }));
		server.setTask(runningTask({ id: front, prompt: 'In front meanwhile' }));
		await api.services.repository.add([hidden, front]);
		await api.services.refresher.refresh();

		const background = api.openPanel(hidden);
		assert.ok(background);
		const runningLabel = background.model()?.stateLabel;
		assert.equal((await background.inspect()).fields['State'], runningLabel);
		const html = background.panel.webview.html;
		api.openPanel(front);
		await waitFor(() => !background.panel.visible, 'the first tab to go to the background');

		server.advanceTask(hidden, 'succeeded', { videoUrl: UNREACHABLE_HTTPS_VIDEO });
		await vscode.commands.executeCommand(Commands.refresh);
		assert.equal(background.model()?.state, 'succeeded');
		assert.equal(background.panel.webview.html, html, 'an https video keeps the page: the update was only posted (and dropped while hidden)');

		api.openPanel(hidden);
		await waitFor(() => background.panel.visible, 'the tab to come to the front');
		const succeededLabel = background.model()?.stateLabel;
		assert.notEqual(succeededLabel, runningLabel);
		await waitFor(async () => (await background.inspect()).fields['State'] === succeededLabel, 'the page to show the new state');
		assert.equal((await background.inspect()).fields['Video URL'], UNREACHABLE_HTTPS_VIDEO);
	});

	it('says beside the player that a Veo 3 video plays without sound here, with Play with Sound; not for Veo 2', async () => {
		const [veo3, veo2] = [newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: veo3, prompt: 'Rain with thunder', model: 'veo3-fast', videoUrl: server.sampleVideoUrl }));
		server.setTask(succeededTask({ id: veo2, prompt: 'A silent film', model: 'veo2', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([veo3, veo2]);
		await api.services.refresher.refresh();

		const withAudio = api.openPanel(veo3);
		assert.ok(withAudio);
		await waitFor(() => withAudio.videoState === 'loaded', 'the video to load', 20_000);
		const report = await withAudio.inspect();
		assert.match(report.soundNote ?? '', /VS Code plays videos without it/);
		assert.match(report.soundNote ?? '', /Play with Sound/);

		const silent = api.openPanel(veo2);
		assert.ok(silent);
		await waitFor(() => silent.videoState === 'loaded', 'the video to load', 20_000);
		assert.equal((await silent.inspect()).soundNote, null);
	});
});
