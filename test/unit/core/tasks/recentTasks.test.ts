/**
 * Track Recent Tasks: the window, paging with offset/limit 50 up to the cap of 1,000, against the
 * fake API over HTTP (its filters and `count`) and against a server that ignores offset or filters.
 */
import * as assert from 'node:assert/strict';
import { VeoClient, type RecentTasksPage, type RecentTasksQuery } from '../../../../src/core/api/veoClient';
import type { TaskRecord } from '../../../../src/core/tasks/taskRecord';
import { customDaysProblem, fetchRecentTasks, periodWindow } from '../../../../src/core/tasks/recentTasks';
import { startFakeVeoServer, type FakeVeoServer } from '../../../fakeApi/fakeVeoServer';
import { newTaskId, pendingTask, succeededTask } from '../../../fakeApi/records';

const NOW_MS = 1_753_435_158_509;
const NOW_S = NOW_MS / 1000;

describe('Track Recent Tasks (paging)', function () {
	let server: FakeVeoServer;
	let client: VeoClient;

	before(async function () {
		server = await startFakeVeoServer({ token: 't' });
		client = new VeoClient({ baseUrl: server.url, getToken: () => 't', timeoutMs: 5000 });
	});
	after(() => server.close());
	beforeEach(() => {
		for (const id of [...server.tasks.keys()]) {
			server.removeTask(id);
		}
		server.clearRequests();
	});

	const seed = (count: number, secondsAgo: (index: number) => number): string[] =>
		Array.from({ length: count }, (_, index) => {
			const task = index % 2 ? succeededTask({ createdAt: NOW_S - secondsAgo(index) }) : pendingTask({ createdAt: NOW_S - secondsAgo(index) });
			server.setTask(task);
			return task.id;
		});

	it('the window is unix seconds ending now', function () {
		assert.deepEqual(periodWindow(1, NOW_MS), { createdAtMin: Math.floor(NOW_S - 3600), createdAtMax: Math.ceil(NOW_S) });
		assert.equal(customDaysProblem('3'), undefined);
		assert.equal(customDaysProblem('0.5'), undefined);
		assert.ok(customDaysProblem('0') && customDaysProblem('-1') && customDaysProblem('x') && customDaysProblem('') && customDaysProblem('400'));
	});

	it('pages 120 tasks in exactly 3 requests of limit 50 (offsets 0, 50, 100), leaving out older ones', async function () {
		const inside = seed(120, (index) => 10 + index * 20);
		const older = pendingTask({ createdAt: NOW_S - 7200 });
		server.setTask(older);
		const result = await fetchRecentTasks(client, periodWindow(1, NOW_MS));
		const batches = server.requestsFor('/veo/tasks', 'retrieve_batch');
		assert.equal(batches.length, 3);
		assert.deepEqual(
			batches.map((request) => [(request.body as Record<string, unknown>).offset, (request.body as Record<string, unknown>).limit]),
			[
				[0, 50],
				[50, 50],
				[100, 50],
			],
		);
		assert.ok(batches.every((request) => typeof (request.body as Record<string, unknown>).created_at_min === 'number'));
		assert.deepEqual(new Set(result.records.map((record) => record.id)), new Set(inside));
		assert.equal(result.total, 120);
		assert.equal(result.truncated, false);
	});

	it('stops at the cap of 1,000 and says there are more', async function () {
		seed(1010, (index) => 5 + index);
		const pages: number[] = [];
		const result = await fetchRecentTasks(client, periodWindow(1, NOW_MS), { onPage: (found) => pages.push(found) });
		assert.equal(result.records.length, 1000);
		assert.equal(result.requests, 20);
		assert.equal(result.total, 1010);
		assert.equal(result.truncated, true);
		assert.deepEqual(pages.slice(0, 3), [50, 100, 150]);
	});

	it('exactly the cap is not "more"', async function () {
		const result = await fetchRecentTasks(client, periodWindow(1, NOW_MS), { cap: 100 });
		assert.equal(result.records.length, 0);
		seed(100, (index) => 5 + index);
		const full = await fetchRecentTasks(client, periodWindow(1, NOW_MS), { cap: 100 });
		assert.equal(full.records.length, 100);
		assert.equal(full.truncated, false);
	});

	describe('a server that does not follow the contract', function () {
		const fakeClient = (
			pages: (query: RecentTasksQuery) => RecentTasksPage,
		): { retrieveRecent: (query: RecentTasksQuery) => Promise<RecentTasksPage>; calls: RecentTasksQuery[] } => {
			const calls: RecentTasksQuery[] = [];
			return { calls, retrieveRecent: async (query) => (calls.push(query), pages(query)) };
		};
		const window = periodWindow(24, NOW_MS);
		const record = (secondsAgo: number, id = newTaskId()): { id: string; created_at: number } => ({ id, created_at: NOW_S - secondsAgo });

		it('ignoring offset (the same page again) ends the loop', async function () {
			const page = Array.from({ length: 50 }, (_, index) => record(index));
			const stub = fakeClient(() => ({ items: page }));
			const result = await fetchRecentTasks(stub, window);
			assert.equal(stub.calls.length, 2);
			assert.equal(result.records.length, 50);
		});

		it('ignoring the filters: records outside the window or without a task ID are not tracked', async function () {
			const items = [record(10), record(3 * 86_400), { id: 'not-a-task-id', created_at: NOW_S }];
			const result = await fetchRecentTasks(
				fakeClient(() => ({ items, count: 3 })),
				window,
			);
			assert.deepEqual(result.records, [items[0]]);
			assert.equal(result.skipped, 2);
		});

		it("entries without an ID still count for the next page's offset: paging goes on to the end", async function () {
			// 120 tasks, every tenth sent without an id: the client keeps 45 of each full page.
			const all = Array.from({ length: 120 }, (_, index) => (index % 10 === 0 ? { created_at: NOW_S - index } : record(index)));
			const stub = fakeClient((query) => {
				const offset = query.offset ?? 0;
				const sent = all.slice(offset, offset + (query.limit ?? 50));
				return { items: sent.filter((entry) => 'id' in entry) as TaskRecord[], count: all.length, received: sent.length };
			});
			const result = await fetchRecentTasks(stub, window);
			assert.deepEqual(
				stub.calls.map((call) => call.offset),
				[0, 50, 100],
			);
			assert.equal(result.records.length, 108);
		});

		it('cancelled: keeps what the earlier pages found', async function () {
			const controller = new AbortController();
			const stub = fakeClient((query) => {
				if ((query.offset ?? 0) > 0) {
					controller.abort();
					throw new Error('aborted');
				}
				return { items: Array.from({ length: 50 }, (_, index) => record(index)), count: 500 };
			});
			const result = await fetchRecentTasks(stub, window, { signal: controller.signal });
			assert.equal(result.records.length, 50);
			assert.equal(result.cancelled, true);
		});
	});
});
