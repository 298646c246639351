// Tasks started elsewhere show up by themselves (veoTasks.discoverNewTasks, on by default), and a
// vscode:// link tracks and opens a task. Discovery runs on its real schedule here (once a minute).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Views } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, sleep, visibleRows, waitFor } from './helpers';

function listings(server: FakeVeoServer): number {
	return server.requestsFor('/veo/tasks', 'retrieve_batch').filter((request) => (request.body as { created_at_min?: unknown }).created_at_min !== undefined)
		.length;
}

function panelTabs(): string[] {
	return vscode.window.tabGroups.all
		.flatMap((group) => group.tabs)
		.filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('veoTasks.taskPanel'))
		.map((tab) => tab.label);
}

describe('Discovery of new tasks', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment), { autoRefresh: true });
	beforeEach(async () => {
		// Default settings for discovery: on, once a minute, with auto refresh.
		await vscode.workspace.getConfiguration('veoTasks').update('discoverNewTasks', undefined, vscode.ConfigurationTarget.Global);
		await waitFor(() => api.discovery.state.since !== undefined, 'discovery to start');
	});

	it('a task created after discovery started appears in the visible view within 75 s, marked found; one removed stays removed', async function () {
		this.timeout(200_000);
		await vscode.commands.executeCommand(`${Views.tasks}.focus`);
		await waitFor(() => api.view.visible, 'the Veo view to be visible');
		// Created before discovery was turned on: not brought in (Track Recent Tasks is for the past).
		const older = succeededTask({
			id: newTaskId(),
			prompt: 'Before',
			createdAt: (api.discovery.state.since ?? 0) / 1000 - 30,
			videoUrl: server.sampleVideoUrl,
		});
		server.setTask(older);
		await sleep(1000);
		const id = newTaskId();
		server.setTask(runningTask({ id, prompt: 'Started by an agent' }));
		const seenAt = Date.now();
		const row = await waitFor(async () => (await visibleRows(api)).find((candidate) => candidate.id === id), 'the new task in the view', 75_000);
		assert.match(row.description, /found/);
		assert.match(row.tooltip, /Found by Veo Tasks/);
		assert.ok(Date.now() - seenAt <= 75_000);
		assert.ok(!api.services.repository.list.has(older.id), 'a task created before discovery started was brought in');
		assert.ok(listings(server) >= 1);

		// Removed by the user: the next looks (the API still lists it) never bring it back.
		await vscode.commands.executeCommand(Commands.removeTask, id);
		assert.ok(!api.services.repository.list.has(id));
		const looks = api.discovery.schedule.looks;
		await waitFor(() => api.discovery.schedule.looks > looks, 'another look', 75_000);
		await sleep(500);
		assert.ok(!api.services.repository.list.has(id), 'a removed task came back');
	});

	it('sends nothing with the view hidden and nothing active', async function () {
		this.timeout(200_000);
		// Something else in the side bar: the Veo view is not visible.
		await vscode.commands.executeCommand('workbench.view.explorer');
		await waitFor(() => !api.view.visible, 'the Veo view to be hidden');
		server.clearRequests();
		const looks = api.discovery.schedule.looks;
		server.setTask(runningTask({ id: newTaskId(), prompt: 'Started by a script' }));
		await sleep(70_000);
		assert.equal(listings(server), 0);
		assert.equal(api.discovery.schedule.looks, looks);
		assert.equal(api.services.repository.list.size, 0);
	});
});

describe('Links that open a task', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('vscode://veo-tasks.veo-tasks/track?ids=… tracks and opens the tasks, and starts nothing', async () => {
		const ids = [newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: ids[0], prompt: 'A link to a fox', videoUrl: server.sampleVideoUrl }));
		server.setTask(runningTask({ id: ids[1], prompt: 'A link to a hare' }));
		const outcome = await api.handleUri(
			vscode.Uri.parse(`vscode://veo-tasks.veo-tasks/track?ids=${ids[0]},${ids[1].toUpperCase()}&action=text2video&prompt=x`),
		);
		assert.deepEqual(outcome.tracked, ids);
		assert.deepEqual(outcome.opened, ids);
		await waitFor(() => ids.every((id) => api.services.repository.list.get(id)?.summary.state !== 'unknown'), 'the tasks to be fetched');
		await waitFor(() => panelTabs().length === 2, 'two task tabs');
		assert.equal(server.requestsFor('/veo/videos').length, 0);
	});

	it('refuses another path, no ID, and too many IDs, tracking nothing', async () => {
		const other = await api.handleUri(vscode.Uri.parse(`vscode://veo-tasks.veo-tasks/generate?prompt=x`));
		assert.match(other.refused ?? '', /does not know the link/);
		const none = await api.handleUri(vscode.Uri.parse('vscode://veo-tasks.veo-tasks/track?ids=hello'));
		assert.match(none.refused ?? '', /names no task ID/);
		const many = Array.from({ length: 21 }, () => newTaskId()).join(',');
		const tooMany = await api.handleUri(vscode.Uri.parse(`vscode://veo-tasks.veo-tasks/track?ids=${many}`));
		assert.match(tooMany.refused ?? '', /at most 20/);
		assert.equal(api.services.repository.list.size, 0);
		assert.equal(server.requests.length, 0);
	});
});
