// Starts with the window: polling and notifications after a reload, with the Veo view
// never opened. The reload is simulated the way the suite's other reload tests do it: a second
// set of the extension's services (repository, refresher, live tracking, notifier) is built over the
// same workspaceState, storage folder, secrets and settings, as activate() builds them at startup;
// the first set's scheduler is stopped so only the "reloaded" one polls.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ApiSession } from '../../src/services/apiSession';
import { TokenStore } from '../../src/services/tokenStore';
import { registerCompletionNotifier } from '../../src/features/notifications/completionNotifier';
import { registerLiveTracking } from '../../src/services/liveTracking';
import { TaskRefresher } from '../../src/services/taskRefresher';
import { TaskRepository } from '../../src/services/taskRepository';
import { ViewPreferences } from '../../src/services/viewPreferences';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask } from '../fakeApi/records';
import { useFreshEnvironment, recordMessages, setSetting, waitFor } from './helpers';

describe('After a reload', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('polls the tracked running task and notifies when it is done, with the Veo view not open', async function () {
		this.timeout(60_000);
		const id = newTaskId();
		// Started two minutes ago: past the quiet first minute, so polls come every few seconds.
		server.setTask(runningTask({ id, prompt: 'A tide coming in after a reload', createdAt: Date.now() / 1000 - 120 }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh([id]);
		await api.services.repository.flush();
		await setSetting('pollIntervalSeconds', 2);
		await setSetting('notifyOn', 'all');
		await setSetting('autoRefresh', true);
		// The first window's services stand down: only the reloaded ones may poll.
		api.scheduler.setEnabled(false);
		// Suites before this one may have shown the Veo view: hide it, so nothing here relies on it.
		await vscode.commands.executeCommand('workbench.action.closeSidebar');
		await waitFor(() => !api.view.visible, 'the Veo view to be hidden');
		assert.equal(api.view.visible, false, 'the Veo view is not open');

		const context = api.services.context;
		const subscriptions: vscode.Disposable[] = [];
		const repository = new TaskRepository(context.workspaceState, context.storageUri ?? context.globalStorageUri, api.services.log);
		const tokens = new TokenStore(context.secrets);
		const session = new ApiSession(tokens, api.services.log, context.globalState);
		const refresher = new TaskRefresher(repository, api.services.log, session);
		const preferences = new ViewPreferences(context.workspaceState);
		subscriptions.push(repository, tokens, session, refresher, preferences);
		const messages = recordMessages();
		try {
			server.clearRequests();
			registerLiveTracking({ repository, refresher, tokens, preferences, globalState: context.globalState, subscriptions });
			registerCompletionNotifier({ repository, refresher, subscriptions });
			await repository.ready;
			assert.equal(repository.list.get(id)?.summary.state, 'running', 'the cache shows the task at once');

			await waitFor(() => server.requests.length > 0, 'the reloaded services to poll on their own', 20_000);
			server.advanceTask(id, 'succeeded', { videoUrl: server.sampleVideoUrl });
			await waitFor(() => messages.shown.some((shown) => shown.message === 'Video ready: "A tide coming in after a reload"'), 'the notification', 30_000);
			assert.equal(repository.list.get(id)?.summary.state, 'succeeded');
			assert.equal(api.view.visible, false, 'still without the view');
		} finally {
			messages.dispose();
			for (const subscription of subscriptions.splice(0)) {
				subscription.dispose();
			}
		}
	});

	it('sends no request at startup when no task is pending or running', async function () {
		this.timeout(30_000);
		await setSetting('pollIntervalSeconds', 2);
		await setSetting('autoRefresh', true);
		api.scheduler.setEnabled(false);
		const context = api.services.context;
		const subscriptions: vscode.Disposable[] = [];
		const repository = new TaskRepository(context.workspaceState, context.storageUri ?? context.globalStorageUri, api.services.log);
		const tokens = new TokenStore(context.secrets);
		const session = new ApiSession(tokens, api.services.log, context.globalState);
		const refresher = new TaskRefresher(repository, api.services.log, session);
		const preferences = new ViewPreferences(context.workspaceState);
		subscriptions.push(repository, tokens, session, refresher, preferences);
		try {
			server.clearRequests();
			const scheduler = registerLiveTracking({ repository, refresher, tokens, preferences, globalState: context.globalState, subscriptions });
			await repository.ready;
			assert.equal(repository.list.size, 0);
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			assert.equal(server.requests.length, 0);
			assert.equal(scheduler.nextPollAt, undefined);
		} finally {
			for (const subscription of subscriptions.splice(0)) {
				subscription.dispose();
			}
		}
	});
});
