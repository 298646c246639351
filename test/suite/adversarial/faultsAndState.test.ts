// Faults of the network and the server, and state under concurrency and damage, in the real
// extension: timeouts and 429s with the real poll scheduler, the base URL changed and the window
// "reloaded" while a refresh runs, tasks added and removed meanwhile, two windows on one workspace,
// and a damaged or older stored list.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { TASK_LIST_STATE_KEY } from '../../../src/constants';
import type { VeoTasksApi } from '../../../src/extension';
import { readTaskList } from '../../../src/core/tasks/taskPersistence';
import { TaskRepository } from '../../../src/services/taskRepository';
import { startFakeVeoServer, type FakeVeoServer } from '../../fakeApi/fakeVeoServer';
import { newTaskId, pendingTask, runningTask, succeededTask } from '../../fakeApi/records';
import { TEST_TOKEN, useFreshEnvironment, setSetting, sleep, waitFor } from '../helpers';

describe('Faults, concurrency and stored state in VS Code', function () {
	this.timeout(60_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	function storage(): vscode.Uri {
		const context = api.services.context;
		return context.storageUri ?? context.globalStorageUri;
	}

	/** Times (ms since the first) of the retrieve_batch requests the fake received. */
	function requestGaps(): number[] {
		const times = server.requestsFor('/veo/tasks', 'retrieve_batch').map((request) => request.at);
		return times.slice(1).map((time, index) => time - times[index]);
	}

	describe('faults', () => {
		/**
		 * A pending task created two hours ago, fetched once: past its early checks, so with a 2 s
		 * minimum and a 5 s maximum interval the next automatic poll is due 5 s after that fetch and
		 * what spaces later polls is the backoff alone.
		 */
		async function oldPendingTask(): Promise<string> {
			const id = newTaskId();
			// Old enough to be polled at the longest interval, young enough not to be given up on (30 min).
			server.setTask(pendingTask({ id, createdAt: Date.now() / 1000 - 1_200 }));
			await api.services.repository.add([id]);
			await setSetting('pollIntervalSeconds', 2);
			await setSetting('maxPollIntervalSeconds', 5);
			const first = await api.services.refresher.refresh([id]);
			assert.equal(first.error, undefined);
			server.clearRequests();
			return id;
		}

		it('a server that never answers times out at the setting, and the next poll retries by itself', async () => {
			const id = await oldPendingTask();
			await setSetting('requestTimeoutSeconds', 1);
			server.enqueue({ hang: true });
			const started = Date.now();
			const result = await api.services.refresher.refresh([id]);
			const took = Date.now() - started;
			assert.equal(result.error?.kind, 'timeout');
			assert.match(result.error?.message ?? '', /within 1 s/);
			assert.ok(took >= 900 && took < 3_000, `timed out after ${took} ms`);
			assert.ok(api.services.repository.list.get(id)?.staleReason, 'the row says the refresh failed');
			assert.equal(api.services.repository.list.get(id)?.summary.state, 'pending', 'and keeps what it knew');

			await setSetting('autoRefresh', true);
			await waitFor(() => api.services.repository.list.get(id)?.staleReason === undefined, 'the automatic retry', 12_000);
			assert.equal(server.requestsFor('/veo/tasks').length, 2, 'one request timed out, one retry answered');
		});

		it('a run of 429s without Retry-After: the automatic polls back off, doubling (counted)', async function () {
			this.timeout(40_000);
			await oldPendingTask();
			server.failAlways({ error: 'too_many_requests' }, (req) => req.path === '/veo/tasks');
			await setSetting('autoRefresh', true);
			await sleep(13_500);
			await setSetting('autoRefresh', false);
			const count = server.requestsFor('/veo/tasks').length;
			const gaps = requestGaps();
			// Due at 5 s, then 2 s and 4 s (±20%) later: three requests in 13.5 s, where a fixed 2 s poll sends six.
			assert.ok(count >= 2 && count <= 4, `${count} requests: ${gaps.join(', ')} ms apart`);
			assert.ok(gaps[0] >= 1_900, `the first wait is at least the minimum interval: ${gaps.join(', ')}`);
			for (let index = 1; index < gaps.length; index++) {
				assert.ok(gaps[index] > gaps[index - 1] * 1.2, `the waits grow: ${gaps.join(', ')}`);
			}
		});

		it('a run of 429s with Retry-After: every wait honours it (counted)', async function () {
			this.timeout(40_000);
			await oldPendingTask();
			server.failAlways({ error: 'too_many_requests', retryAfter: 7 }, (req) => req.path === '/veo/tasks');
			await setSetting('autoRefresh', true);
			await sleep(13_500);
			await setSetting('autoRefresh', false);
			const count = server.requestsFor('/veo/tasks').length;
			const gaps = requestGaps();
			assert.ok(count >= 1 && count <= 2, `${count} requests in 13.5 s: ${gaps.join(', ')} ms apart`);
			assert.ok(
				gaps.every((gap) => gap >= 6_900),
				`every wait is at least Retry-After (7 s): ${gaps.join(', ')}`,
			);
		});

		it('a connection reset is a clear error that keeps the rows; a body dribbled byte by byte is read when it arrives in time', async () => {
			const id = newTaskId();
			server.setTask(runningTask({ id, prompt: 'Dribbled' }));
			await api.services.repository.add([id]);
			server.enqueue({ reset: true });
			const reset = await api.services.refresher.refresh([id]);
			assert.equal(reset.error?.kind, 'network');
			assert.ok(api.services.repository.list.has(id));

			server.enqueue({ slowBytes: { body: JSON.stringify({ items: [runningTask({ id, prompt: 'Dribbled' })], count: 1 }), intervalMs: 1 } });
			const slow = await api.services.refresher.refresh([id]);
			assert.equal(slow.error, undefined, slow.error?.message);
			assert.equal(api.services.repository.list.get(id)?.summary.prompt, 'Dribbled');

			await setSetting('requestTimeoutSeconds', 1);
			server.enqueue({ slowBytes: { body: JSON.stringify({ items: [runningTask({ id })], count: 1 }), intervalMs: 20 } });
			const started = Date.now();
			const tooSlow = await api.services.refresher.refresh([id]);
			assert.equal(tooSlow.error?.kind, 'timeout', 'the deadline covers the body');
			assert.ok(Date.now() - started < 3_000);
		});

		it('the base URL changed while a refresh runs: the old answer is discarded and the refresh runs against the new URL', async () => {
			const other = await startFakeVeoServer({ token: TEST_TOKEN });
			const id = newTaskId();
			try {
				server.setTask(runningTask({ id, prompt: 'From the old server' }));
				other.setTask(succeededTask({ id, prompt: 'From the new server', videoUrl: other.sampleVideoUrl }));
				await api.services.repository.add([id]);
				server.latencyMs = 2_000;
				const refreshing = api.services.refresher.refresh([id]);
				await waitFor(() => server.requests.length > 0, 'the old server to be asked');
				await setSetting('apiBaseUrl', other.url);
				const result = await refreshing;
				assert.equal(result.error, undefined, result.error?.message);
				assert.equal(other.requestsFor('/veo/tasks').length, 1, 'the refresh ran again against the new URL');
				const task = api.services.repository.list.get(id);
				assert.equal(task?.summary.state, 'succeeded');
				assert.equal(task?.summary.prompt, 'From the new server');
				await sleep(2_200);
				assert.equal(api.services.repository.list.get(id)?.summary.prompt, 'From the new server', 'the old answer never lands');
			} finally {
				await setSetting('apiBaseUrl', server.url);
				await other.close();
			}
		});

		it('a reload in the middle of a refresh: nothing lost, nothing duplicated', async () => {
			const ids = [newTaskId(), newTaskId(), newTaskId()];
			ids.forEach((id) => server.setTask(runningTask({ id })));
			await api.services.repository.add(ids);
			server.latencyMs = 1_000;
			const refreshing = api.services.refresher.refresh(ids);
			await waitFor(() => server.requests.length > 0, 'the request to be in flight');
			const context = api.services.context;
			const duringRefresh = new TaskRepository(context.workspaceState, storage(), api.services.log);
			try {
				await duringRefresh.ready;
				assert.deepEqual(duringRefresh.list.ids().sort(), [...ids].sort(), 'the reloaded window has every ID once');
			} finally {
				duringRefresh.dispose();
			}
			await refreshing;
			await api.services.repository.flush();
			const afterRefresh = new TaskRepository(context.workspaceState, storage(), api.services.log);
			try {
				await afterRefresh.ready;
				assert.deepEqual(afterRefresh.list.ids().sort(), [...ids].sort());
				assert.ok(
					ids.every((id) => afterRefresh.list.get(id)?.summary.state === 'running'),
					'what was fetched is there after the next reload',
				);
				const stored = readTaskList(context.workspaceState.get(TASK_LIST_STATE_KEY), Date.now());
				assert.equal(stored.tasks.length, new Set(stored.tasks.map((task) => task.id)).size, 'no ID stored twice');
			} finally {
				afterRefresh.dispose();
			}
		});
	});

	describe('concurrency and state', () => {
		it('a task removed while a refresh is in flight does not come back; one added meanwhile is in the next refresh', async () => {
			const [a, b, c] = [newTaskId(), newTaskId(), newTaskId()];
			[a, b, c].forEach((id) => server.setTask(runningTask({ id })));
			const { repository, refresher } = api.services;
			await repository.add([a, b]);
			server.latencyMs = 1_000;
			const refreshing = refresher.refresh([a, b]);
			await waitFor(() => server.requests.length > 0, 'the request to be in flight');
			await repository.remove([a]);
			await repository.add([c]);
			await refreshing;
			assert.equal(repository.list.has(a), false, 'the removed task stays removed');
			assert.equal(repository.list.get(b)?.summary.state, 'running');
			assert.equal(repository.list.get(c)?.summary.state, 'unknown');

			server.latencyMs = 0;
			server.clearRequests();
			await refresher.refresh(undefined, { reason: 'poll' });
			const asked = server.requestsFor('/veo/tasks', 'retrieve_batch').flatMap((request) => (request.body as { ids: string[] }).ids);
			assert.ok(asked.includes(c) && !asked.includes(a), `asked for ${asked.join(', ')}`);
			assert.equal(repository.list.get(c)?.summary.state, 'running');
		});

		it('two windows on one workspace: what one adds the other adopts, what one removes the other drops', async () => {
			const { repository, log, context } = api.services;
			const other = new TaskRepository(context.workspaceState, storage(), log);
			const [x, y, z] = [newTaskId(), newTaskId(), newTaskId()];
			try {
				await other.ready;
				await other.add([x]);
				// The other window fetched x (its cache file is the shared one).
				other.apply({ found: new Map([[x, runningTask({ id: x, prompt: 'Fetched by the other window' })]]), missing: [], failed: [] });
				await other.flush();
				await repository.add([y]);
				// Without a file lock a sync of either window that read the file before the other's write
				// may write after it; the next merge, on that write's file event, restores what it left out.
				// So each window converges, by file events when not at once.
				await waitFor(() => repository.list.has(x) && repository.list.has(y), 'this window to adopt what the other added', 20_000);
				// The other window's cache file may reach this one after its list: it arrives by a file event.
				await waitFor(() => repository.list.get(x)?.summary.state === 'running', 'what the other window fetched of it', 20_000);
				assert.equal(repository.list.get(x)?.summary.prompt, 'Fetched by the other window');
				await other.sync();
				await waitFor(() => other.list.has(y), 'the other window to adopt what this one added', 20_000);

				await other.remove([x]);
				await repository.sync();
				// Without a file lock a sync of this window that read the file before the removal may
				// write after it; the other window's next merge (on that file event) removes x again.
				await waitFor(() => !repository.list.has(x), 'what the other removed to be dropped here', 20_000);

				// Without anyone calling sync: the other window's write is noticed through the shared file.
				await other.add([z]);
				await waitFor(() => repository.list.has(z), "this window to notice the other one's write", 20_000);

				const stored = readTaskList(context.workspaceState.get(TASK_LIST_STATE_KEY), Date.now()).tasks.map((task) => task.id);
				assert.deepEqual(stored.filter((id) => [x, y, z].includes(id)).sort(), [y, z].sort());
				assert.equal(stored.length, new Set(stored).size, 'no ID stored twice');
			} finally {
				other.dispose();
				await repository.remove([x, y, z]);
			}
		});

		const recoverable = [newTaskId(), newTaskId(), newTaskId()];
		const damaged: { name: string; value: unknown; expected: string[] }[] = [
			{
				name: 'version 1: a plain array of IDs, in upper case, with a duplicate and junk',
				value: [recoverable[0].toUpperCase(), recoverable[1], recoverable[1], 'not an id'],
				expected: recoverable.slice(0, 2),
			},
			{
				name: 'version 2 with damaged entries',
				value: { version: 2, tasks: [[recoverable[0], 'when?'], ['bad'], 17, [recoverable[1], 1_753_435_158, 99], null, [recoverable[2], 1, 2]] },
				expected: recoverable,
			},
			{ name: 'a future version', value: { version: 9, items: recoverable.map((id) => ({ taskId: id })) }, expected: recoverable },
			{ name: 'a string that holds IDs', value: `tasks: ${recoverable.join(';')}`, expected: recoverable },
			{ name: 'a number', value: 42, expected: [] },
		];
		for (const entry of damaged) {
			it(`a damaged or older stored list is read without losing recoverable IDs: ${entry.name}`, async () => {
				const { context, log } = api.services;
				const state = context.workspaceState;
				const original = state.get<unknown>(TASK_LIST_STATE_KEY);
				// A storage folder of its own, with no shared list file: the repository reads workspaceState.
				const folder = vscode.Uri.joinPath(context.globalStorageUri, `hostile-${randomBytes(4).toString('hex')}`);
				await state.update(TASK_LIST_STATE_KEY, entry.value);
				const repository = new TaskRepository(state, folder, log);
				try {
					await repository.ready;
					assert.deepEqual(repository.list.ids().sort(), [...entry.expected].sort());
					const rewritten = state.get<{ version?: number }>(TASK_LIST_STATE_KEY);
					if (entry.expected.length) {
						assert.equal(rewritten?.version, 2, 'saved again in the current format');
					}
				} finally {
					repository.dispose();
					await state.update(TASK_LIST_STATE_KEY, original);
					await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
				}
			});
		}
	});
});
