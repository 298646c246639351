/** Group By and Hide Finished of the Tasks view, as pure functions. */
import * as assert from 'node:assert/strict';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import type { TaskState } from '../../../../src/core/tasks/taskState';
import { groupIdOf, groupTasks, hiddenWhenFinishedHidden, isGroupId } from '../../../../src/core/view/taskGroups';

const NOW = new Date(2026, 11, 2, 15, 0, 0).getTime();
const HOUR = 3_600_000;
let next = 0;

function task(state: TaskState, createdAt: number, extra: Partial<TrackedTask> = {}): TrackedTask {
	next++;
	return { id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`, addedAt: createdAt, summary: { state, createdAt }, ...extra };
}

describe('Task groups', () => {
	it('groups by state in a fixed order (running work first) with every task counted once', () => {
		const tasks = [
			task('succeeded', NOW),
			task('running', NOW - HOUR),
			task('failed', NOW - 2 * HOUR),
			task('succeeded', NOW - 3 * HOUR),
			task('pending', NOW - 4 * HOUR),
		];
		const groups = groupTasks(tasks, 'state', NOW);
		assert.deepEqual(
			groups.map((group) => [group.label, group.tasks.length]),
			[
				['Running', 1],
				['Pending', 1],
				['Succeeded', 2],
				['Failed', 1],
			],
		);
		assert.ok(groups.every((group) => isGroupId(group.id)));
		assert.equal(groupIdOf(tasks[0], 'state'), groups[2].id);
	});

	it('groups by local day, newest first, with Today and Yesterday', () => {
		const tasks = [task('running', NOW - HOUR), task('succeeded', NOW - 2 * HOUR), task('succeeded', NOW - 24 * HOUR), task('failed', NOW - 5 * 24 * HOUR)];
		const groups = groupTasks(tasks, 'day', NOW);
		assert.deepEqual(
			groups.map((group) => group.tasks.length),
			[2, 1, 1],
		);
		assert.equal(groups[0].label, 'Today');
		assert.equal(groups[1].label, 'Yesterday');
		assert.notEqual(groups[2].label, '');
	});

	it('makes no groups when not grouping', () => {
		assert.deepEqual(groupTasks([task('running', NOW)], 'none', NOW), []);
		assert.equal(groupIdOf(task('running', NOW), 'none'), undefined);
	});

	it('Hide Finished hides a finished task unless a follow-up under it still runs', () => {
		const parent = task('succeeded', NOW);
		const runningChild = task('running', NOW, { parentId: parent.id });
		const lone = task('failed', NOW);
		const children = new Map([[parent.id, [runningChild]]]);
		const childrenOf = (id: string): TrackedTask[] => children.get(id) ?? [];
		assert.equal(hiddenWhenFinishedHidden(parent, childrenOf), false);
		assert.equal(hiddenWhenFinishedHidden(lone, childrenOf), true);
		assert.equal(hiddenWhenFinishedHidden(runningChild, childrenOf), false);
		children.set(parent.id, [{ ...runningChild, summary: { state: 'succeeded' } }]);
		assert.equal(hiddenWhenFinishedHidden(parent, childrenOf), true);
	});
});
