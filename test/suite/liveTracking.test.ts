import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, TASK_DURATIONS_STATE_KEY } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, recordMessages, setSetting, sleep, visibleRows, waitFor } from './helpers';

describe('Live tracking', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment), { autoRefresh: true });
	beforeEach(async () => {
		await setSetting('pollIntervalSeconds', 2);
		await setSetting('notifyOn', 'all');
	});

	it('notices a running task finish without a manual refresh: the icon, the status bar and one notification', async function () {
		this.timeout(40_000);
		const id = newTaskId();
		// Started two minutes ago: past the quiet first minute, so polls come every few seconds.
		server.setTask(runningTask({ id, prompt: 'A comet over the desert', createdAt: Date.now() / 1000 - 120 }));
		const messages = recordMessages();
		try {
			await vscode.commands.executeCommand(Commands.addTask, id);
			await waitFor(async () => (await visibleRows(api))[0]?.icon === 'loading~spin', 'the running row');
			await waitFor(() => api.statusBar.text.includes('1 Veo task running'), 'the status bar to count the running task');
			assert.match(api.statusBar.text, /^\$\(loading~spin\)/);

			server.advanceTask(id, 'succeeded', { videoUrl: server.sampleVideoUrl });
			await waitFor(async () => (await visibleRows(api))[0]?.icon === 'pass-filled', 'the row to turn succeeded', 25_000);
			assert.match(api.statusBar.text, /^\$\(check\) Veo: 1 ready$/);
			await sleep(500);
			const ready = messages.shown.filter((shown) => shown.message.startsWith('Video ready:'));
			assert.equal(ready.length, 1);
			assert.equal(ready[0].message, 'Video ready: "A comet over the desert"');
			assert.deepEqual(ready[0].actions, ['Open', 'Open in Browser']);
		} finally {
			messages.dispose();
		}
	});

	it('sends nothing while no task is pending or running', async function () {
		this.timeout(20_000);
		const id = newTaskId();
		server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl }));
		await vscode.commands.executeCommand(Commands.addTask, id);
		await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'succeeded', 'the first fetch');
		server.clearRequests();
		await sleep(5_000);
		assert.equal(server.requests.length, 0);
		assert.equal(api.scheduler.nextPollAt, undefined);
	});

	it('makes one notification for several tasks finishing in the same poll', async function () {
		this.timeout(40_000);
		const ids = [newTaskId(), newTaskId(), newTaskId()];
		ids.forEach((id, index) => server.setTask(runningTask({ id, prompt: `Batch video ${index}`, createdAt: Date.now() / 1000 - 120 })));
		const messages = recordMessages();
		try {
			await vscode.commands.executeCommand(Commands.addTask, ids);
			await waitFor(() => ids.every((id) => api.services.repository.list.get(id)?.summary.state === 'running'), 'all running');
			ids.forEach((id) => server.advanceTask(id, 'succeeded', { videoUrl: server.sampleVideoUrl }));
			await waitFor(() => ids.every((id) => api.services.repository.list.get(id)?.summary.state === 'succeeded'), 'all succeeded', 25_000);
			await sleep(500);
			const ready = messages.shown.filter((shown) => /ready/.test(shown.message));
			assert.equal(ready.length, 1);
			assert.match(ready[0].message, /^3 videos ready: /);
		} finally {
			messages.dispose();
		}
	});

	it('learns how long a finished task of its model took and keeps it in global state, where the next window reads it', async function () {
		this.timeout(40_000);
		const id = newTaskId();
		const createdAt = Math.floor(Date.now() / 1000) - 120;
		// A model no other test uses: what is learned for it comes from this task alone.
		const model = `veo31-fast-${id.slice(0, 8)}`;
		server.setTask(runningTask({ id, model, createdAt }));
		await vscode.commands.executeCommand(Commands.addTask, id);
		await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'running', 'the running task');
		// Done 100 s after it was created, by the server's clock.
		server.advanceTask(id, 'succeeded', { videoUrl: server.sampleVideoUrl, completedAt: createdAt + 100 });
		const learned = (): number[] => {
			const stored = api.services.context.globalState.get<Record<string, number[]>>(TASK_DURATIONS_STATE_KEY);
			return stored?.[model] ?? [];
		};
		assert.deepEqual(learned(), []);
		await waitFor(() => learned().length > 0, 'the duration in global state', 25_000);
		assert.deepEqual(learned(), [100]);
	});
});
