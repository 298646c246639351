// Task states and times in the real VS Code: stalled tasks, the one clock in the panel, and records that say
// their state at the top level, read from the tree rows and the panel's page as a person sees them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { formatDateTime } from '../../src/core/util/time';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { finishedAtTask, newTaskId, runningTask, stuckTask, succeededTask, topLevelStatusTask } from '../fakeApi/records';
import { useFreshEnvironment, setSetting, visibleRows, waitFor } from './helpers';

/** Markdown escapes removed: what the hover shows. */
function plain(markdown: string): string {
	return markdown.replace(/\\(.)/g, '$1');
}

describe('Task states and times as the API writes them', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(async () => {
		await setSetting('giveUpAfterMinutes', 30);
	});

	const batchRequestsFor = (id: string): number =>
		server.requests.filter((request) => request.path === '/veo/tasks' && JSON.stringify(request.body ?? {}).includes(id)).length;

	it('a task running for two hours shows as stalled, is not polled, is asked again by Refresh, and finishes as usual', async () => {
		const stuck = newTaskId();
		const young = newTaskId();
		server.setTask(stuckTask({ id: stuck, stuckForSeconds: 2 * 3600, prompt: 'A lantern that never lands' }));
		server.setTask(runningTask({ id: young, prompt: 'A young task' }));
		await vscode.commands.executeCommand(Commands.addTask, [stuck, young]);
		await waitFor(() => api.services.repository.list.get(stuck)?.summary.state === 'running', 'the first fetch');

		const rows = await visibleRows(api);
		const row = rows.find((r) => r.id === stuck);
		assert.ok(row);
		assert.match(row.description, /^stalled · 2 hr\. ago$/);
		assert.equal(row.icon, 'watch');
		assert.notEqual(rows.find((r) => r.id === young)?.icon, 'watch', 'a young task keeps the running icon');
		assert.ok(row.contextValue.split(' ').includes('stalled'));
		assert.ok(row.contextValue.split(' ').includes('state:running'), 'menus of active rows still match');
		const created = api.services.repository.list.get(stuck)?.summary.createdAt;
		assert.ok(created !== undefined);
		const since = formatDateTime(created + 30 * 60_000, { locale: vscode.env.language });
		assert.ok(plain(row.tooltip).includes(`Stalled since:** ${since}`), row.tooltip);
		assert.match(plain(row.tooltip), /no longer polled automatically/);
		await waitFor(() => api.statusBar.text.includes('1 Veo task running'), `the status bar to count only the young task (${api.statusBar.text})`);

		// With automatic polling on, only the young task is polled.
		const from = server.requests.length;
		await setSetting('autoRefresh', true);
		const polled = await waitFor(
			() => server.requests.slice(from).find((request) => request.path === '/veo/tasks' && JSON.stringify(request.body ?? {}).includes(young)),
			'a poll',
			30_000,
		);
		assert.ok(!JSON.stringify(polled.body).includes(stuck), 'the stalled task is not in the automatic poll');
		await setSetting('autoRefresh', false);

		// Refresh asks once more.
		const before = batchRequestsFor(stuck);
		await vscode.commands.executeCommand(Commands.refresh);
		assert.equal(batchRequestsFor(stuck), before + 1);

		// The setting at 0 never gives up: the row is running again.
		await setSetting('giveUpAfterMinutes', 0);
		await waitFor(async () => (await visibleRows(api)).find((r) => r.id === stuck)?.description.startsWith('running'), 'the row to leave stalled');
		await setSetting('giveUpAfterMinutes', 30);

		// A stalled task that answers finished is finished.
		server.setTask(
			succeededTask({ id: stuck, createdAt: Date.now() / 1000 - 2 * 3600, videoUrl: server.sampleVideoUrl, prompt: 'A lantern that never lands' }),
		);
		await vscode.commands.executeCommand(Commands.refresh);
		const done = await waitFor(async () => (await visibleRows(api)).find((r) => r.id === stuck && r.description.startsWith('succeeded')), 'the finished row');
		assert.ok(!done.contextValue.includes('stalled'));
	});

	it("the panel shows created and completed on the user's clock, and how long the task took", async () => {
		const id = newTaskId();
		const createdSeconds = Math.round(Date.now() / 1000) - 600.5;
		// The fake writes complete_at as the provider does: a zone-less UTC+8 string.
		server.setTask(
			succeededTask({ id, createdAt: createdSeconds, completedAt: createdSeconds + 148, videoUrl: server.sampleVideoUrl, prompt: 'Two minutes and a half' }),
		);
		await vscode.commands.executeCommand(Commands.addTask, id);
		await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'succeeded', 'the first fetch');
		const record = api.services.repository.list.record(id) as { response?: { data?: { complete_at?: string }[] } } | undefined;
		assert.match(record?.response?.data?.[0]?.complete_at ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

		await vscode.commands.executeCommand(Commands.openTask, id);
		const panel = api.openPanel(id);
		assert.ok(panel);
		const report = await panel.inspect(20_000);
		const locale = vscode.env.language;
		assert.equal(report.fields.Created, formatDateTime(createdSeconds * 1000, { locale }));
		assert.equal(report.fields.Completed, formatDateTime((createdSeconds + 148) * 1000, { locale }), 'not eight hours away from Created');
		// The record's own `elapsed` (146 s: the job started 2 s after the record was written), as the web client shows it.
		assert.match(report.fields.Duration ?? '', /^took 2 min 26 sec$/);

		const row = (await visibleRows(api)).find((r) => r.id === id);
		assert.match(plain(row?.tooltip ?? ''), /Duration:\*\* took 2 min 26 sec/);
	});

	it('a running task shows how long it has been running', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id, createdAt: Math.round(Date.now() / 1000) - 185 }));
		await vscode.commands.executeCommand(Commands.addTask, id);
		await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'running', 'the first fetch');
		await vscode.commands.executeCommand(Commands.openTask, id);
		const panel = api.openPanel(id);
		assert.ok(panel);
		const report = await panel.inspect(20_000);
		assert.match(report.fields.Duration ?? '', /^running for 3 min( \d+ sec)?$/);
	});

	it('records with a top-level status word, and with finished_at, are read as the API means them', async () => {
		const failedAtTop = newTaskId();
		const succeedAtTop = newTaskId();
		const finishedEmpty = newTaskId();
		server.setTask(
			topLevelStatusTask({ id: failedAtTop, status: 'failure', shape: 'succeeded', videoUrl: server.sampleVideoUrl, prompt: 'Top-level failure' }),
		);
		server.setTask(
			topLevelStatusTask({ id: succeedAtTop, status: 'succeed', shape: 'succeeded', videoUrl: server.sampleVideoUrl, prompt: 'Top-level succeed' }),
		);
		server.setTask(finishedAtTask({ id: finishedEmpty, withVideo: false, prompt: 'Finished with nothing' }));
		await vscode.commands.executeCommand(Commands.addTask, [failedAtTop, succeedAtTop, finishedEmpty]);
		await waitFor(() => api.services.repository.list.get(finishedEmpty)?.summary.state !== 'unknown', 'the first fetch');

		const rows = await visibleRows(api);
		const byId = (id: string) => rows.find((r) => r.id === id);
		assert.match(byId(failedAtTop)?.description ?? '', /^failed · /);
		assert.match(byId(succeedAtTop)?.description ?? '', /^succeeded · /);
		assert.ok(byId(succeedAtTop)?.contextValue.includes('hasVideo'));
		assert.match(byId(finishedEmpty)?.description ?? '', /^failed · /);
		assert.match(plain(byId(finishedEmpty)?.tooltip ?? ''), /finished without output/);
	});
});
