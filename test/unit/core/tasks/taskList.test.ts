/** TaskList: the tracked tasks, their order, and how fetch outcomes change them. */
import * as assert from 'node:assert/strict';
import { VeoError } from '../../../../src/core/api/veoError';
import type { FetchOutcome } from '../../../../src/core/tasks/taskFetcher';
import { TaskList, type TaskListChange } from '../../../../src/core/tasks/taskList';
import type { TaskRecord } from '../../../../src/core/tasks/taskRecord';
import { failedTask, newTaskId, pendingTask, runningTask, succeededTask, unknownStateTask } from '../../../fakeApi/records';

const NOW = Date.UTC(2025, 6, 25, 12, 0, 0);

function outcome(parts: { found?: TaskRecord[]; missing?: string[]; failed?: { ids: string[]; error: VeoError }[] } = {}): FetchOutcome {
	return { found: new Map((parts.found ?? []).map((r) => [r.id, r])), missing: parts.missing ?? [], failed: parts.failed ?? [] };
}

describe('TaskList', function () {
	let list: TaskList;
	let changes: TaskListChange[];

	beforeEach(function () {
		list = new TaskList();
		changes = [];
		list.onDidChange((change) => changes.push(change));
	});

	afterEach(function () {
		list.dispose();
	});

	describe('add and remove', function () {
		it('adds new ids, reports the ones already tracked, fires one structural change', function () {
			const [a, b, c] = [newTaskId(), newTaskId(), newTaskId()];
			assert.deepEqual(list.add([a, b], NOW), { added: [a, b], alreadyTracked: [] });
			assert.deepEqual(list.add([b, c, c], NOW), { added: [c], alreadyTracked: [b, c] });
			assert.equal(list.size, 3);
			assert.ok(list.has(a) && list.has(b) && list.has(c));
			assert.equal(list.get(a)?.summary.state, 'unknown');
			assert.equal(list.get(a)?.addedAt, NOW);
			assert.deepEqual(changes, [
				{ changed: [a, b], structural: true },
				{ changed: [c], structural: true },
			]);
		});

		it('a seeded summary is used before the first fetch', function () {
			const a = newTaskId();
			list.add([a], NOW, { summary: { state: 'pending', prompt: 'a fox' } });
			assert.equal(list.get(a)?.summary.state, 'pending');
			assert.equal(list.get(a)?.summary.prompt, 'a fox');
			assert.deepEqual(list.activeIds(), [a]);
		});

		it('adding only known ids fires nothing', function () {
			const a = newTaskId();
			list.add([a], NOW);
			changes.length = 0;
			list.add([a], NOW + 1);
			assert.equal(changes.length, 0);
			assert.equal(list.get(a)?.addedAt, NOW);
		});

		it('removes tracked ids with their records, ignores unknown ones', function () {
			const [a, b] = [newTaskId(), newTaskId()];
			list.add([a, b], NOW);
			list.applyFetch(outcome({ found: [succeededTask({ id: a })] }), NOW);
			changes.length = 0;
			assert.deepEqual(list.remove([a, newTaskId()]), [a]);
			assert.ok(!list.has(a));
			assert.equal(list.record(a), undefined);
			assert.equal(list.get(a), undefined);
			assert.deepEqual(list.ids(), [b]);
			assert.deepEqual(changes, [{ changed: [a], structural: true }]);
			assert.deepEqual(list.remove([a]), []);
			assert.equal(changes.length, 1);
		});

		it('a removed id can be added again, as new', function () {
			const a = newTaskId();
			list.add([a], NOW);
			list.applyFetch(outcome({ found: [succeededTask({ id: a })] }), NOW);
			list.remove([a]);
			list.add([a], NOW + 5);
			assert.equal(list.get(a)?.summary.state, 'unknown');
			assert.equal(list.record(a), undefined);
		});
	});

	describe('order', function () {
		it('unfetched tasks: newest added first', function () {
			const [a, b, c] = [newTaskId(), newTaskId(), newTaskId()];
			list.add([a], NOW - 3000);
			list.add([b], NOW - 1000);
			list.add([c], NOW - 2000);
			assert.deepEqual(list.ids(), [b, c, a]);
		});

		it('fetched tasks: newest created_at first, whatever the order they were added in', function () {
			const old = succeededTask({ createdAt: NOW / 1000 - 3600 });
			const young = runningTask({ createdAt: NOW / 1000 - 60 });
			const middle = pendingTask({ createdAt: NOW / 1000 - 600 });
			list.add([young.id], NOW - 10);
			list.add([old.id], NOW);
			list.add([middle.id], NOW - 5);
			list.applyFetch(outcome({ found: [old, young, middle] }), NOW);
			assert.deepEqual(list.ids(), [young.id, middle.id, old.id]);
		});

		it('mixes created_at of fetched tasks with addedAt of unfetched ones', function () {
			const fetched = succeededTask({ createdAt: NOW / 1000 - 120 });
			const unfetchedNewer = newTaskId();
			const unfetchedOlder = newTaskId();
			list.add([fetched.id], NOW);
			list.add([unfetchedNewer], NOW - 60_000);
			list.add([unfetchedOlder], NOW - 600_000);
			list.applyFetch(outcome({ found: [fetched] }), NOW);
			assert.deepEqual(list.ids(), [unfetchedNewer, fetched.id, unfetchedOlder]);
		});

		it('breaks ties by id, so the order is stable', function () {
			const ids = [newTaskId(), newTaskId(), newTaskId()];
			list.add(ids, NOW);
			assert.deepEqual(list.ids(), [...ids].sort());
		});

		it('a fetch that changes the order is reported as structural', function () {
			const a = newTaskId();
			const b = pendingTask({ createdAt: NOW / 1000 - 3600 });
			list.add([b.id], NOW);
			list.add([a], NOW - 1000);
			assert.deepEqual(list.ids(), [b.id, a]);
			changes.length = 0;
			list.applyFetch(outcome({ found: [b] }), NOW);
			assert.deepEqual(list.ids(), [a, b.id]);
			assert.deepEqual(changes, [{ changed: [b.id], structural: true }]);
		});

		it('parents and follow-ups: roots and childrenOf', function () {
			const [parent, child, orphan] = [newTaskId(), newTaskId(), newTaskId()];
			list.add([parent], NOW);
			list.add([child], NOW + 1, { parentId: parent });
			list.add([orphan], NOW + 2, { parentId: newTaskId() });
			assert.deepEqual(
				list
					.roots()
					.map((t) => t.id)
					.sort(),
				[parent, orphan].sort(),
			);
			assert.deepEqual(
				list.childrenOf(parent).map((t) => t.id),
				[child],
			);
			list.remove([parent]);
			assert.ok(
				list.roots().some((t) => t.id === child),
				'a follow-up whose parent is gone becomes a root',
			);
		});
	});

	describe('applyFetch', function () {
		it('moves tasks unknown -> pending -> running -> succeeded, reporting each transition', function () {
			const first = pendingTask();
			const id = first.id;
			list.add([id], NOW);
			assert.deepEqual(list.applyFetch(outcome({ found: [first] }), NOW + 1), [{ id, from: 'unknown', to: 'pending' }]);
			const running = runningTask({ id, createdAt: first.created_at });
			assert.deepEqual(list.applyFetch(outcome({ found: [running] }), NOW + 2), [{ id, from: 'pending', to: 'running' }]);
			assert.deepEqual(list.applyFetch(outcome({ found: [running] }), NOW + 3), [], 'no transition when the state did not change');
			const done = succeededTask({ id, createdAt: first.created_at });
			assert.deepEqual(list.applyFetch(outcome({ found: [done] }), NOW + 4), [{ id, from: 'running', to: 'succeeded' }]);
			const task = list.get(id);
			assert.equal(task?.summary.state, 'succeeded');
			assert.equal(task?.fetchedAt, NOW + 4);
			assert.deepEqual(list.record(id), done);
			assert.deepEqual(list.activeIds(), []);
			assert.deepEqual(list.finishedIds(), [id]);
		});

		it('activeIds: unknown, pending and running; finishedIds: succeeded, failed, notFound', function () {
			const p = pendingTask();
			const r = runningTask();
			const s = succeededTask();
			const f = failedTask();
			const unknown = newTaskId();
			const gone = newTaskId();
			list.add([p.id, r.id, s.id, f.id, unknown, gone], NOW);
			list.applyFetch(outcome({ found: [p, r, s, f], missing: [gone] }), NOW);
			assert.deepEqual(list.activeIds().sort(), [p.id, r.id, unknown].sort());
			assert.deepEqual(list.finishedIds().sort(), [s.id, f.id, gone].sort());
		});

		it('a task removed while a fetch was in flight does not come back', function () {
			const keep = runningTask();
			const drop = runningTask();
			const gone = newTaskId();
			const broken = newTaskId();
			list.add([keep.id, drop.id, gone, broken], NOW);
			// The fetch starts here...
			list.remove([drop.id, gone, broken]);
			// ...and its outcome arrives after the removal.
			const transitions = list.applyFetch(
				outcome({ found: [keep, drop], missing: [gone], failed: [{ ids: [broken], error: new VeoError('server', 'HTTP 500') }] }),
				NOW,
			);
			assert.deepEqual(list.ids(), [keep.id]);
			assert.equal(list.record(drop.id), undefined);
			assert.equal(list.get(gone), undefined);
			assert.equal(list.get(broken), undefined);
			assert.deepEqual(transitions, [{ id: keep.id, from: 'unknown', to: 'running' }]);
			assert.equal(list.size, 1);
		});

		it('records for ids not tracked are ignored', function () {
			const stranger = succeededTask();
			list.applyFetch(outcome({ found: [stranger] }), NOW);
			assert.equal(list.size, 0);
			assert.equal(list.record(stranger.id), undefined);
		});

		it('a failed chunk marks its tasks stale and keeps their last summary', function () {
			const running = runningTask({ prompt: 'a fox' });
			list.add([running.id], NOW);
			list.applyFetch(outcome({ found: [running] }), NOW);
			const before = list.get(running.id);
			changes.length = 0;
			const error = new VeoError('server', 'The Veo API failed with HTTP 502.');
			const transitions = list.applyFetch(outcome({ failed: [{ ids: [running.id], error }] }), NOW + 1000);
			const after = list.get(running.id);
			assert.deepEqual(transitions, []);
			assert.equal(after?.staleReason, error.message);
			assert.deepEqual(after?.summary, before?.summary);
			assert.equal(after?.summary.prompt, 'a fox');
			assert.equal(after?.fetchedAt, NOW, 'fetchedAt stays the time the server last answered');
			assert.deepEqual(list.record(running.id), running, 'the cached record is kept');
			assert.deepEqual(changes, [{ changed: [running.id], structural: false }]);
			assert.deepEqual(list.activeIds(), [running.id], 'a stale running task is still polled');
		});

		it('the next successful fetch clears the stale mark', function () {
			const task = runningTask();
			list.add([task.id], NOW);
			list.applyFetch(outcome({ failed: [{ ids: [task.id], error: new VeoError('timeout', 'slow') }] }), NOW);
			assert.equal(list.get(task.id)?.staleReason, 'slow');
			assert.equal(list.get(task.id)?.summary.state, 'unknown');
			list.applyFetch(outcome({ found: [task] }), NOW + 1);
			assert.equal(list.get(task.id)?.staleReason, undefined);
		});

		it('missing -> notFound but still tracked, keeping what was known', function () {
			const task = runningTask({ prompt: 'a heron' });
			const never = newTaskId();
			list.add([task.id, never], NOW);
			list.applyFetch(outcome({ found: [task] }), NOW);
			const transitions = list.applyFetch(outcome({ missing: [task.id, never] }), NOW + 1);
			assert.deepEqual(
				[...transitions].sort((a, b) => a.id.localeCompare(b.id)),
				[
					{ id: task.id, from: 'running', to: 'notFound' },
					{ id: never, from: 'unknown', to: 'notFound' },
				].sort((a, b) => a.id.localeCompare(b.id)),
			);
			assert.ok(list.has(task.id) && list.has(never));
			assert.equal(list.size, 2);
			assert.equal(list.get(task.id)?.summary.state, 'notFound');
			assert.equal(list.get(task.id)?.summary.prompt, 'a heron');
			assert.equal(list.get(task.id)?.fetchedAt, NOW + 1);
			assert.ok(!list.activeIds().includes(task.id));
		});

		it('a notFound task that reappears gets its state back', function () {
			const task = succeededTask();
			list.add([task.id], NOW);
			list.applyFetch(outcome({ missing: [task.id] }), NOW);
			assert.deepEqual(list.applyFetch(outcome({ found: [task] }), NOW + 1), [{ id: task.id, from: 'notFound', to: 'succeeded' }]);
		});

		it('an unknown raw state word is cleared when the task goes missing', function () {
			const task = unknownStateTask({ state: 'upscaling' });
			list.add([task.id], NOW);
			list.applyFetch(outcome({ found: [task] }), NOW);
			assert.equal(list.get(task.id)?.summary.rawState, 'upscaling');
			list.applyFetch(outcome({ missing: [task.id] }), NOW);
			assert.equal(list.get(task.id)?.summary.rawState, undefined);
		});

		it('an empty outcome fires nothing', function () {
			list.add([newTaskId()], NOW);
			changes.length = 0;
			assert.deepEqual(list.applyFetch(outcome(), NOW), []);
			assert.equal(changes.length, 0);
		});

		it('all() is rebuilt after every change (no stale cached order)', function () {
			const a = newTaskId();
			list.add([a], NOW);
			const first = list.all();
			const b = newTaskId();
			list.add([b], NOW + 1000);
			assert.notEqual(list.all(), first);
			assert.deepEqual(list.ids(), [b, a]);
		});
	});

	describe('restore', function () {
		it('restores tasks and records and fires one structural change', function () {
			const record = succeededTask();
			list.restore([{ id: record.id, addedAt: NOW, summary: { state: 'succeeded' } }], new Map([[record.id, record]]));
			assert.ok(list.has(record.id));
			assert.deepEqual(list.record(record.id), record);
			assert.deepEqual(changes, [{ changed: [], structural: true }]);
		});
	});

	it('dispose stops the events', function () {
		list.dispose();
		list.add([newTaskId()], NOW);
		assert.equal(changes.length, 0);
	});
});
