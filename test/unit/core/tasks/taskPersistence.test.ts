/** The stored task list (workspaceState) and the record cache file: round trips, migration, repair, size. */
import * as assert from 'node:assert/strict';
import { VeoError } from '../../../../src/core/api/veoError';
import type { FetchOutcome } from '../../../../src/core/tasks/taskFetcher';
import { TaskList, type TrackedTask } from '../../../../src/core/tasks/taskList';
import {
	readCache,
	readTaskList,
	restoreTasks,
	serializeCache,
	serializeTaskList,
	TASK_CACHE_VERSION,
	TASK_LIST_VERSION,
} from '../../../../src/core/tasks/taskPersistence';
import type { TaskRecord } from '../../../../src/core/tasks/taskRecord';
import { failedTask, newTaskId, pendingTask, runningTask, succeededTask, unknownStateTask } from '../../../fakeApi/records';

const NOW = Date.UTC(2025, 6, 25, 12, 0, 0);
const NOW_S = NOW / 1000;
const A = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const B = '0b9c8d7e-6f50-4a1b-9c2d-3e4f5a6b7c8d';
const C = 'c0ffee00-1234-4abc-8def-0123456789ab';

/** What VS Code does to a stored value: JSON in, JSON out. */
function throughJson<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function outcome(found: TaskRecord[], missing: string[] = [], failed: FetchOutcome['failed'] = []): FetchOutcome {
	return { found: new Map(found.map((r) => [r.id, r])), missing, failed };
}

/** Saves `list` the way the adapter does and loads it into a new TaskList. */
function saveAndLoad(list: TaskList, now = NOW): TaskList {
	const storedList = throughJson(serializeTaskList(list.all()));
	const storedCache = throughJson(serializeCache(list.all(), (id) => list.record(id)));
	const read = readTaskList(storedList, now);
	assert.equal(read.recovered, undefined, 'the current format reads back without repair');
	const { tasks, records } = restoreTasks(read.tasks, readCache(storedCache));
	const restored = new TaskList();
	restored.restore(tasks, records);
	return restored;
}

describe('task persistence', function () {
	describe('round trip', function () {
		it('keeps ids, order, states, summaries, records, parents and fetch times', function () {
			const list = new TaskList();
			const pending = pendingTask({ createdAt: NOW_S - 50 });
			const running = runningTask({ createdAt: NOW_S - 40 });
			const done = succeededTask({ createdAt: NOW_S - 30, prompt: 'a "quoted" <prompt> with ünïcödé 🎬' });
			const failed = failedTask({ createdAt: NOW_S - 20 });
			const odd = unknownStateTask({ createdAt: NOW_S - 10 });
			const followUp = runningTask({ createdAt: NOW_S - 5, request: { action: 'get1080p', video_id: 'v' } });
			const neverFetched = newTaskId();
			const neverFound = newTaskId();
			list.add([pending.id, running.id, done.id, failed.id, odd.id, neverFetched, neverFound], NOW - 60_000);
			list.add([followUp.id], NOW - 1000, { parentId: done.id });
			list.applyFetch(outcome([pending, running, done, failed, odd, followUp], [neverFound]), NOW);

			const restored = saveAndLoad(list);
			assert.deepEqual(restored.ids(), list.ids());
			for (const task of list.all()) {
				const back = restored.get(task.id);
				assert.ok(back, task.id);
				assert.deepEqual(throughJson(back.summary), throughJson(task.summary), `summary of ${task.id}`);
				assert.equal(back.addedAt, Math.round(task.addedAt / 1000) * 1000);
				assert.equal(back.parentId, task.parentId);
				assert.deepEqual(restored.record(task.id), list.record(task.id));
				if (task.id !== neverFetched) {
					assert.equal(back.fetchedAt, NOW, `fetchedAt of ${task.id}`);
				}
			}
			assert.equal(restored.get(neverFetched)?.summary.state, 'unknown');
			assert.equal(restored.get(neverFound)?.summary.state, 'notFound');
			assert.equal(restored.get(done.id)?.summary.prompt, 'a "quoted" <prompt> with ünïcödé 🎬');
			assert.deepEqual(
				restored.childrenOf(done.id).map((t) => t.id),
				[followUp.id],
			);
		});

		it('a task that was found once and is now missing is still "not found" after a reload', function () {
			const list = new TaskList();
			const task = runningTask();
			list.add([task.id], NOW);
			list.applyFetch(outcome([task]), NOW);
			list.applyFetch(outcome([], [task.id]), NOW + 1000);
			assert.equal(list.get(task.id)?.summary.state, 'notFound');
			const restored = saveAndLoad(list);
			assert.equal(restored.get(task.id)?.summary.state, 'notFound', 'the reload brings back the state from the last record the server sent');
		});

		it('stale marks are not stored: the tasks come back with their last summary', function () {
			const list = new TaskList();
			const task = runningTask();
			list.add([task.id], NOW);
			list.applyFetch(outcome([task]), NOW);
			list.applyFetch(outcome([], [], [{ ids: [task.id], error: new VeoError('server', 'HTTP 500') }]), NOW);
			const restored = saveAndLoad(list);
			assert.equal(restored.get(task.id)?.summary.state, 'running');
			assert.equal(restored.get(task.id)?.staleReason, undefined);
		});

		it('an empty list round-trips', function () {
			assert.equal(saveAndLoad(new TaskList()).size, 0);
		});

		it('the stored list holds ids, seconds and parents only, no server data', function () {
			const list = new TaskList();
			const done = succeededTask({ prompt: 'secret project name' });
			list.add([done.id], NOW + 499);
			list.add([A], NOW, { parentId: done.id });
			list.applyFetch(outcome([done]), NOW);
			const stored = serializeTaskList(list.all());
			assert.equal(stored.version, TASK_LIST_VERSION);
			// Compact rows: [id, added seconds] and, for a follow-up, the parent's index in the list.
			const parentIndex = stored.tasks.findIndex((entry) => entry[0] === done.id);
			assert.deepEqual(
				[...stored.tasks].sort((x, y) => x[0].localeCompare(y[0])),
				[
					[done.id, NOW_S],
					[A, NOW_S, parentIndex],
				].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
			);
			assert.ok(!JSON.stringify(stored).includes('secret project name'));
		});
	});

	describe('readTaskList: older formats and damage', function () {
		it('nothing stored -> empty, not "recovered"', function () {
			assert.deepEqual(readTaskList(undefined, NOW), { tasks: [] });
			assert.deepEqual(readTaskList(null, NOW), { tasks: [] });
		});

		it('version 1 (an array of id strings) migrates, normalizing, de-duplicating and dropping non-ids', function () {
			const result = readTaskList([A, B.toUpperCase(), 'not-an-id', A, ` ${C}`], NOW);
			assert.equal(result.recovered, 'migrated');
			assert.deepEqual(
				result.tasks.map((t) => t.id),
				[A, B],
			);
			for (const task of result.tasks) {
				assert.equal(task.added, NOW_S);
				assert.equal(task.parent, undefined);
			}
		});

		it('an empty version 1 array migrates to an empty list', function () {
			assert.deepEqual(readTaskList([], NOW), { tasks: [], recovered: 'migrated' });
		});

		it('version 2 with damaged entries keeps the good ones and recovers ids from the bad ones', function () {
			const raw = {
				version: 2,
				tasks: [[A, 1_700_000_000], ['junk'], [B.toUpperCase(), 'yesterday', 99], null, C, { added: 5 }],
			};
			const result = readTaskList(raw, NOW);
			assert.equal(result.recovered, 'repaired');
			assert.deepEqual(result.tasks, [
				{ id: A, added: 1_700_000_000 },
				{ id: B, added: NOW_S },
				{ id: C, added: NOW_S },
			]);
		});

		it('version 2 with a duplicate id keeps the first entry', function () {
			const result = readTaskList(
				{
					version: 2,
					tasks: [
						[A, 1],
						[A, 2],
					],
				},
				NOW,
			);
			assert.deepEqual(result.tasks, [{ id: A, added: 1 }]);
		});

		for (const [name, raw] of [
			['a string holding ids', `tasks: ${A}, ${B}; junk`],
			['a future version', { version: 3, items: [{ taskId: A }, { taskId: B }] }],
			['version 2 whose tasks is not an array', { version: 2, tasks: { a: A, b: B } }],
			['an array mixing strings and objects', [A, { id: B }]],
			['no version at all', { tasks: [{ id: A }, { id: B }] }],
		] as const) {
			it(`${name} -> the ids it contains, "repaired"`, function () {
				const result = readTaskList(raw, NOW);
				assert.equal(result.recovered, 'repaired');
				assert.deepEqual(
					result.tasks.map((t) => t.id),
					[A, B],
				);
			});
		}

		for (const raw of [42, true, 'nothing here', {}, { version: 2 }]) {
			it(`${JSON.stringify(raw)} -> an empty list, no throw`, function () {
				assert.deepEqual(readTaskList(raw, NOW).tasks, []);
			});
		}

		it('a value nested 10,000 deep does not throw', function () {
			const deep: Record<string, unknown> = {};
			let cursor = deep;
			for (let i = 0; i < 10_000; i++) {
				cursor.a = {};
				cursor = cursor.a as Record<string, unknown>;
			}
			cursor.id = A;
			assert.doesNotThrow(() => readTaskList(deep, NOW));
		});
	});

	describe('readCache', function () {
		it('reads records and notFound marks, skipping damaged entries', function () {
			const done = succeededTask();
			const raw = throughJson({
				version: TASK_CACHE_VERSION,
				entries: { [done.id]: { record: done, fetchedAt: NOW }, [A]: { notFound: true, fetchedAt: 'x' }, [B]: { record: { no: 'id' } }, [C]: 'junk', x: null },
			});
			const cache = readCache(raw);
			assert.deepEqual([...cache.keys()].sort(), [done.id, A].sort());
			assert.deepEqual(cache.get(done.id), { record: done, fetchedAt: NOW });
			assert.deepEqual(cache.get(A), { notFound: true, fetchedAt: undefined });
		});

		for (const raw of [
			undefined,
			null,
			'text',
			[],
			{},
			{ version: 99, entries: {} },
			{ version: TASK_CACHE_VERSION },
			{ version: TASK_CACHE_VERSION, entries: [] },
		]) {
			it(`ignores ${JSON.stringify(raw)}`, function () {
				assert.equal(readCache(raw).size, 0);
			});
		}

		it('restoreTasks ignores cache entries for ids that are not in the list', function () {
			const stray = succeededTask();
			const { tasks, records } = restoreTasks([{ id: A, added: NOW_S }], new Map([[stray.id, { record: stray }]]));
			assert.deepEqual(
				tasks.map((t) => t.id),
				[A],
			);
			assert.equal(records.size, 0);
			assert.equal(tasks[0].summary.state, 'unknown');
			assert.equal(tasks[0].addedAt, NOW);
		});
	});

	describe('size', function () {
		const LIMIT = 512 * 1024;
		function tasks(count: number, withParent: (i: number) => boolean): TrackedTask[] {
			const ids = Array.from({ length: count }, () => newTaskId());
			return ids.map((id, i) => ({
				id,
				addedAt: NOW + i * 1000,
				summary: { state: 'unknown' },
				...(withParent(i) && i > 0 ? { parentId: ids[i - 1] } : {}),
			}));
		}

		it('5,000 tasks without follow-ups serialize to under 512 KB', function () {
			const length = JSON.stringify(serializeTaskList(tasks(5000, () => false))).length;
			assert.ok(length < LIMIT, `${length} characters`);
		});

		it('5,000 tasks, a third of them follow-ups, serialize to under 512 KB', function () {
			const length = JSON.stringify(serializeTaskList(tasks(5000, (i) => i % 3 === 0))).length;
			assert.ok(length < LIMIT, `${length} characters`);
		});

		it('5,000 tasks that are all follow-ups serialize to under 512 KB', function () {
			const length = JSON.stringify(serializeTaskList(tasks(5001, () => true).slice(1))).length;
			assert.ok(length < LIMIT, `${length} characters (${Math.round(length / 1024)} KB) for 5,000 tasks with a parent each`);
		});
	});
});
