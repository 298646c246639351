/** The Keep mark: on the list, in the stored list (backward compatible), merged between windows, and on the row. */
import * as assert from 'node:assert/strict';
import { TaskList } from '../../../../src/core/tasks/taskList';
import { keptFromMark, laterMark, persistedTasks, readTaskList, restoreTasks, serializeTaskList } from '../../../../src/core/tasks/taskPersistence';
import { mergeSharedTaskLists } from '../../../../src/core/tasks/sharedTaskList';
import { buildTaskRow, KEPT_STAR } from '../../../../src/core/view/taskRow';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const NOW = Date.UTC(2026, 11, 7, 12);

describe('Kept takes', () => {
	it('marks and unmarks tasks on the list, with one change for those that changed', () => {
		const list = new TaskList();
		list.add([A, B], NOW);
		const changes: string[][] = [];
		list.onDidChange((change) => changes.push(change.changed));
		assert.deepEqual(list.setKept([A, B], true, NOW), [A, B]);
		assert.deepEqual(list.setKept([A], true, NOW), []);
		assert.deepEqual(list.setKept([A], false, NOW + 1000), [A]);
		assert.equal(list.get(A)?.kept, undefined);
		assert.equal(list.get(B)?.kept, true);
		assert.deepEqual(changes, [[A, B], [A]]);
	});

	it('is stored after the parent (and prompt file) fields that older versions read, and read back', () => {
		const list = new TaskList();
		list.add([A], NOW);
		list.add([B], NOW, { parentId: A });
		list.add([C], NOW);
		list.setKept([B, C], true, NOW);
		const stored = serializeTaskList(list.all());
		const rows = new Map(stored.tasks.map((row) => [row[0], row]));
		assert.equal(rows.get(A)?.length, 2, 'an unmarked task is stored as before');
		assert.equal(rows.get(C)?.[2], -1, 'no parent: -1 where older versions look for a parent index');
		assert.equal(rows.get(C)?.[5], NOW, 'the mark: when Keep was set (ms), positive when kept');
		assert.equal(typeof rows.get(B)?.[2], 'number', 'the parent index stays in its place');
		const read = readTaskList(JSON.parse(JSON.stringify(stored)), NOW);
		assert.equal(read.recovered, undefined);
		const { tasks } = restoreTasks(read.tasks, new Map());
		const byId = new Map(tasks.map((task) => [task.id, task]));
		assert.equal(byId.get(B)?.kept, true);
		assert.equal(byId.get(B)?.parentId, A);
		assert.equal(byId.get(C)?.kept, true);
		assert.equal(byId.get(A)?.kept, undefined);
	});

	it('reads lists written before Keep existed', () => {
		const read = readTaskList(
			{
				version: 2,
				tasks: [
					[A, 1],
					[B, 2, 0],
				],
			},
			NOW,
		);
		assert.deepEqual(read.tasks, [
			{ id: A, added: 1 },
			{ id: B, added: 2, parent: A },
		]);
	});

	it('merges two windows by the later change, the same whichever window merges', () => {
		const keptEarly = { id: A, added: 1, mark: 100 };
		const clearedLater = { id: A, added: 1, mark: -200 };
		const one = mergeSharedTaskLists({ tasks: [keptEarly], removed: new Map() }, { tasks: [clearedLater], removed: new Map() });
		const other = mergeSharedTaskLists({ tasks: [clearedLater], removed: new Map() }, { tasks: [keptEarly], removed: new Map() });
		assert.deepEqual(one.tasks, other.tasks);
		assert.equal(one.tasks[0].mark, -200);
		assert.equal(laterMark(undefined, 5), 5);
		assert.equal(laterMark(-7, 7), 7, 'a tie keeps the take');
		assert.deepEqual(keptFromMark(-200), { keptChangedAt: 200 });
	});

	it('puts a star on the row and a kept token for the menus', () => {
		const list = new TaskList();
		list.add([A], NOW, { summary: { state: 'succeeded', prompt: 'A fox' } });
		list.setKept([A], true, NOW);
		const row = buildTaskRow(list.get(A)!, NOW);
		assert.ok(row.description.startsWith(KEPT_STAR));
		assert.match(row.contextValue, /\bkept\b/);
		assert.equal(row.icon.id, 'star-full');
		assert.equal(persistedTasks(list.all())[0].mark, NOW);
	});

	it("a Keep and a Don't Keep within one second do not tie: the later one wins after a merge", () => {
		const list = new TaskList();
		list.add([A], NOW);
		list.setKept([A], true, NOW);
		const kept = persistedTasks(list.all())[0].mark;
		list.setKept([A], false, NOW + 300);
		const cleared = persistedTasks(list.all())[0].mark;
		assert.equal(laterMark(kept, cleared), cleared);
		assert.equal(laterMark(cleared, kept), cleared);
	});
});
