/**
 * Import, adding, removing, the tree's children and persistence grow linearly
 * (or n log n) with the list: each is run at n and at 10n and the CPU times compared (about 10 for
 * linear work, about 100 for the quadratic code it replaces). Parent cycles are broken on load.
 */
import * as assert from 'node:assert/strict';
import { mergeSharedTaskLists, readSharedTaskList, sharedTaskListText } from '../../../src/core/tasks/sharedTaskList';
import { importTooLargeMessage, MAX_IMPORT_BYTES, readImportedTaskList } from '../../../src/core/tasks/taskExport';
import { TaskList, type TrackedTask } from '../../../src/core/tasks/taskList';
import { persistedTasks, readTaskList, storeTaskList } from '../../../src/core/tasks/taskPersistence';
import { growthRatio, quadraticBound } from '../../support/growth';
import { mulberry32 } from '../../support/seededRandom';

const NOW = Date.UTC(2026, 0, 1);
/** 5,000 against 50,000 tasks: linear is about 10, quadratic about 100. */
const FACTOR = 10;
const SMALL = 5_000;
const LIMIT = quadraticBound(FACTOR);

/** n IDs, a third of them follow-ups, half of those of one shared parent. */
function exportedList(n: number): string {
	const random = mulberry32(n);
	const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
	const ids = Array.from({ length: n }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`);
	const tasks = ids.map((id, i) => (i % 3 === 2 ? { id, state: 'succeeded', parentId: i % 2 ? ids[0] : ids[i - 1] } : { id, state: 'running' }));
	return JSON.stringify({ format: 'veo-tasks', version: 1, exportedAt: new Date(NOW).toISOString(), tasks });
}

/** What the tree does: roots, then each row's children (and whether it has any). */
function allRows(list: TaskList): number {
	let rows = 0;
	const visit = (task: TrackedTask): void => {
		rows++;
		list.childrenOf(task.id).forEach(visit);
	};
	list.roots().forEach(visit);
	return rows;
}

describe('large lists stay linear', function () {
	this.timeout(60_000);
	const files = new Map<number, string>();
	const file = (n: number): string => files.get(n) ?? (files.set(n, exportedList(n)), files.get(n) as string);
	before(function () {
		file(SMALL);
		file(SMALL * FACTOR);
	});

	it('import (read the file, add every task with its parent) and build every row', function () {
		const ratio = growthRatio(
			(n) => {
				const { tasks } = readImportedTaskList(file(n));
				const list = new TaskList();
				list.addEntries(tasks, NOW);
				assert.equal(list.size, n);
				assert.equal(allRows(list), n, 'every task is a row');
			},
			SMALL,
			3,
			FACTOR,
		);
		assert.ok(ratio < LIMIT, `10x the tasks took ${ratio.toFixed(1)}x the time`);
	});

	it('thousands of follow-ups of one parent: childrenOf', function () {
		const ratio = growthRatio(
			(n) => {
				const list = new TaskList();
				const { tasks } = readImportedTaskList(file(n));
				list.addEntries(
					tasks.map((task, i) => (i ? { id: task.id, parentId: tasks[0].id } : { id: task.id })),
					NOW,
				);
				assert.equal(list.childrenOf(tasks[0].id).length, n - 1);
			},
			SMALL,
			3,
			FACTOR,
		);
		assert.ok(ratio < LIMIT, `10x the follow-ups took ${ratio.toFixed(1)}x the time`);
	});

	it('one add and one remove in a large list, then its rows', function () {
		// 20x, not 10x: walking the rows of 50,000 tasks misses the CPU caches that hold 5,000, which
		// alone costs 30-50x at 10x the size (linear still, but too near the 10x bound of 50). At 20x
		// a linear walk stays far under the bound of 200, a quadratic one (400x) far over it.
		const small = SMALL / 2;
		const factor = FACTOR * 2;
		const lists = new Map<number, TaskList>();
		for (const n of [small, small * factor]) {
			const list = new TaskList();
			list.addEntries(readImportedTaskList(file(n)).tasks, NOW);
			lists.set(n, list);
		}
		let k = 0;
		const ratio = growthRatio(
			(n) => {
				const list = lists.get(n) as TaskList;
				const id = `00000000-0000-4000-8000-${String(k++).padStart(12, '0')}`;
				list.add([id], NOW + k);
				assert.equal(allRows(list), n + 1);
				list.remove([id]);
			},
			small,
			7,
			factor,
		);
		assert.ok(ratio < quadraticBound(factor), `20x the tasks took ${ratio.toFixed(1)}x the time`);
	});

	it("persistence: store, read back and merge two windows' lists", function () {
		const ratio = growthRatio(
			(n) => {
				const list = new TaskList();
				list.addEntries(readImportedTaskList(file(n)).tasks, NOW);
				const stored = storeTaskList(persistedTasks(list.all()));
				const read = readTaskList(JSON.parse(JSON.stringify(stored)), NOW).tasks;
				assert.equal(read.length, n);
				const merged = mergeSharedTaskLists({ tasks: read, removed: new Map() }, { tasks: read.slice(0, n / 2), removed: new Map([[read[0].id, NOW / 1000]]) });
				assert.equal(merged.tasks.length, n - 1);
				assert.equal(readSharedTaskList(JSON.parse(sharedTaskListText(merged)), NOW).list.tasks.length, n - 1);
			},
			SMALL,
			3,
			FACTOR,
		);
		assert.ok(ratio < LIMIT, `10x the tasks took ${ratio.toFixed(1)}x the time`);
	});

	it('an imported file is capped, with a message that says the size and the limit', function () {
		assert.equal(MAX_IMPORT_BYTES, 32 * 1024 * 1024);
		assert.equal(
			importTooLargeMessage('big.json', 100 * 1024 * 1024),
			'big.json is too large to import (100.0 MB; Import Task List reads files up to 32 MB). Split it, or keep only the task IDs.',
		);
	});
});

describe('parent cycles are broken on load', function () {
	const [a, b, c, d] = [
		'aaaaaaaa-0000-4000-8000-000000000000',
		'bbbbbbbb-0000-4000-8000-000000000000',
		'cccccccc-0000-4000-8000-000000000000',
		'dddddddd-0000-4000-8000-000000000000',
	];
	const task = (id: string, parentId?: string): TrackedTask => ({ id, addedAt: NOW, summary: { state: 'unknown' }, ...(parentId ? { parentId } : {}) });

	it("A's parent B, B's parent A (restored): both visible, the smaller ID becomes a root", function () {
		for (const order of [
			[task(a, b), task(b, a)],
			[task(b, a), task(a, b)],
		]) {
			const list = new TaskList();
			list.restore(order, new Map());
			assert.deepEqual(
				list.roots().map((t) => t.id),
				[a],
			);
			assert.deepEqual(
				list.childrenOf(a).map((t) => t.id),
				[b],
			);
			assert.equal(allRows(list), 2);
		}
	});

	it('a longer cycle with a tail (D → A → B → C → A) keeps every task visible', function () {
		const list = new TaskList();
		list.restore([task(a, b), task(b, c), task(c, a), task(d, a)], new Map());
		assert.equal(allRows(list), 4);
		assert.deepEqual(
			list.roots().map((t) => t.id),
			[a],
		);
	});

	it('an import that closes a cycle (B tracked with parent A; A imported with parent B) keeps both visible', function () {
		const list = new TaskList();
		list.addEntries([{ id: b, parentId: a }], NOW);
		list.addEntries([{ id: a, parentId: b }], NOW);
		assert.equal(allRows(list), 2);
	});

	it('an imported file naming a cycle', function () {
		const text = JSON.stringify({
			format: 'veo-tasks',
			version: 1,
			tasks: [
				{ id: a, state: 'x', parentId: b },
				{ id: b, state: 'x', parentId: a },
				{ id: c, state: 'x', parentId: c },
			],
		});
		const list = new TaskList();
		list.addEntries(readImportedTaskList(text).tasks, NOW);
		assert.equal(allRows(list), 3);
	});
});
