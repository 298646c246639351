// A list that scales to a working day: Group By, Hide Finished, Pause Auto-Refresh and
// the badge. Last of the window suites: the badge test opens the Veo view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, VIEW_PREFERENCES_STATE_KEY, Views } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, setSetting, sleep, visibleRows, waitFor } from './helpers';

describe('The task list view', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	afterEach(async () => {
		await vscode.commands.executeCommand(Commands.groupBy, 'none');
		await vscode.commands.executeCommand(Commands.showFinished);
		await vscode.commands.executeCommand(Commands.resumeAutoRefresh);
	});

	async function trackFive(): Promise<{ running: string; succeeded: string[]; failed: string; followUp: string }> {
		const ids = { running: newTaskId(), succeeded: [newTaskId(), newTaskId()], failed: newTaskId(), followUp: newTaskId() };
		server.setTask(runningTask({ id: ids.running, prompt: 'Still rendering' }));
		ids.succeeded.forEach((id, index) => server.setTask(succeededTask({ id, prompt: `Done ${index}`, videoUrl: server.sampleVideoUrl })));
		server.setTask(failedTask({ id: ids.failed, prompt: 'Went wrong' }));
		server.setTask(runningTask({ id: ids.followUp, prompt: '4K of Done 0' }));
		await api.services.repository.add([ids.running, ...ids.succeeded, ids.failed]);
		await api.services.repository.add([ids.followUp], { parentId: ids.succeeded[0] });
		await api.services.refresher.refresh();
		return ids;
	}

	it('Group By state shows collapsible groups with counts; a follow-up stays under its parent', async () => {
		const ids = await trackFive();
		await vscode.commands.executeCommand(Commands.groupBy, 'state');
		const groups = await visibleRows(api);
		assert.deepEqual(
			groups.map((row) => [row.label, row.description]),
			[
				['Running', '1'],
				['Succeeded', '2'],
				['Failed', '1'],
			],
		);
		const groupItem = api.tree.getTreeItem(groups[1].id);
		assert.equal(groupItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
		const succeeded = await visibleRows(api, groups[1].id);
		assert.deepEqual(succeeded.map((row) => row.id).sort(), [...ids.succeeded].sort());
		assert.deepEqual(
			(await visibleRows(api, ids.succeeded[0])).map((row) => row.id),
			[ids.followUp],
		);
		assert.equal(api.tree.getParent(ids.failed), groups[2].id);
		assert.equal(api.tree.getParent(ids.followUp), ids.succeeded[0]);
		assert.equal(
			(api.services.context.workspaceState.get(VIEW_PREFERENCES_STATE_KEY) as { groupBy?: string }).groupBy,
			'state',
			'remembered for the workspace',
		);

		await vscode.commands.executeCommand(Commands.groupBy, 'none');
		assert.equal((await visibleRows(api)).length, 4);
	});

	it('Hide Finished leaves what still runs (and a finished parent of a running follow-up); Show Finished brings the rest back', async () => {
		const ids = await trackFive();
		await vscode.commands.executeCommand(Commands.hideFinished);
		assert.deepEqual((await visibleRows(api)).map((row) => row.id).sort(), [ids.running, ids.succeeded[0]].sort());
		assert.equal((api.services.context.workspaceState.get(VIEW_PREFERENCES_STATE_KEY) as { hideFinished?: boolean }).hideFinished, true);

		// A task that finishes disappears from the list.
		server.advanceTask(ids.running, 'succeeded', { videoUrl: server.sampleVideoUrl });
		await api.services.refresher.refresh([ids.running]);
		assert.deepEqual(
			(await visibleRows(api)).map((row) => row.id),
			[ids.succeeded[0]],
		);

		await vscode.commands.executeCommand(Commands.showFinished);
		assert.equal((await visibleRows(api)).length, 4);
	});

	it('Pause Auto-Refresh stops the requests of polling; Resume starts them again', async function () {
		this.timeout(60_000);
		const id = newTaskId();
		server.setTask(runningTask({ id }));
		await setSetting('pollIntervalSeconds', 2);
		await setSetting('autoRefresh', true);
		await vscode.commands.executeCommand(Commands.addTask, id);
		await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'running', 'the first fetch');
		// A new task gets an early check (15 s after it is added): pausing must skip it.
		const due = await waitFor(() => api.scheduler.nextPollAt, 'a poll to be scheduled');

		await vscode.commands.executeCommand(Commands.pauseAutoRefresh);
		assert.equal(api.scheduler.nextPollAt, undefined, 'nothing scheduled while paused');
		assert.match(api.view.message ?? '', /auto-refresh paused$/, 'the view says so');
		assert.equal((api.services.context.workspaceState.get(VIEW_PREFERENCES_STATE_KEY) as { autoRefreshPaused?: boolean }).autoRefreshPaused, true);
		server.clearRequests();
		await sleep(Math.max(0, due - Date.now()) + 2_000);
		assert.deepEqual(
			server.requests.map((request) => `${request.path} ${request.rawBody}`),
			[],
			'no request while paused, though a poll was due',
		);

		await vscode.commands.executeCommand(Commands.resumeAutoRefresh);
		await waitFor(() => server.requests.length > 0, 'the overdue poll after Resume', 10_000);
		assert.doesNotMatch(api.view.message ?? '', /paused/);
	});

	it('the badge counts tasks that finished while the view was not visible, and clears when it is shown', async function () {
		this.timeout(30_000);
		await vscode.commands.executeCommand('workbench.action.closeSidebar');
		await waitFor(() => !api.view.visible, 'the view to be hidden');
		const ids = [newTaskId(), newTaskId(), newTaskId()];
		ids.forEach((id) => server.setTask(runningTask({ id })));
		await api.services.repository.add(ids);
		await api.services.refresher.refresh();
		const badge = (): vscode.ViewBadge | undefined => api.view.badge;
		assert.equal(badge(), undefined);

		server.advanceTask(ids[0], 'succeeded', { videoUrl: server.sampleVideoUrl });
		server.advanceTask(ids[1], 'failed');
		await api.services.refresher.refresh();
		assert.equal(badge()?.value, 2);
		assert.match(badge()?.tooltip ?? '', /^2 Veo tasks finished since you last looked$/);

		await vscode.commands.executeCommand(`${Views.tasks}.focus`);
		await waitFor(() => api.view.visible, 'the view to be shown');
		await waitFor(() => api.view.badge === undefined, 'the badge to clear');

		// Seen while visible: no badge.
		server.advanceTask(ids[2], 'succeeded', { videoUrl: server.sampleVideoUrl });
		await api.services.refresher.refresh();
		assert.equal(api.view.badge, undefined);
		await vscode.commands.executeCommand('workbench.action.closeSidebar');
	});
});
