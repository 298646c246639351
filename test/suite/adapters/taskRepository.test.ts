// TaskRepository driven directly on an in-memory Memento and a temporary storage folder.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TASK_LIST_STATE_KEY } from '../../../src/constants';
import { readTaskList } from '../../../src/core/tasks/taskPersistence';
import { TaskRepository } from '../../../src/services/taskRepository';
import { MemoryMemento, recordingLog, temporaryStorageFolder } from './doubles';

describe('Adapter: TaskRepository on an in-memory Memento', () => {
	const cleanups: (() => void)[] = [];

	function folder(): ReturnType<typeof temporaryStorageFolder> {
		const made = temporaryStorageFolder();
		cleanups.push(made.remove);
		return made;
	}

	function repository(state: MemoryMemento, storage = folder(), log = recordingLog()): TaskRepository {
		const made = new TaskRepository(state, storage.uri, log.log);
		cleanups.unshift(() => made.dispose());
		return made;
	}

	/** The IDs the Memento holds, read as the extension reads them. */
	function storedIds(state: MemoryMemento): string[] {
		return readTaskList(state.get<unknown>(TASK_LIST_STATE_KEY), Date.now())
			.tasks.map((task) => task.id)
			.sort();
	}

	afterEach(() => {
		for (const cleanup of cleanups.splice(0)) {
			cleanup();
		}
	});

	it('add and remove persist to the Memento and a second repository reads them back', async () => {
		const state = new MemoryMemento();
		const storage = folder();
		const first = repository(state, storage);
		const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];

		const added = await first.add([a, b, c]);
		assert.deepEqual([...added.added].sort(), [a, b, c].sort());
		assert.deepEqual(storedIds(state), [a, b, c].sort());

		const removed = await first.remove([b]);
		assert.deepEqual(removed, [b]);
		await first.flush();
		assert.deepEqual(storedIds(state), [a, c].sort());

		const second = repository(state, storage);
		await second.ready;
		assert.deepEqual(
			second.list
				.all()
				.map((task) => task.id)
				.sort(),
			[a, c].sort(),
		);
		assert.equal(second.list.has(b), false);

		// The Memento alone (a fresh, empty storage folder) holds the list too.
		const fromStateOnly = repository(state);
		await fromStateOnly.ready;
		assert.equal(fromStateOnly.list.has(a), true);
		assert.equal(fromStateOnly.list.has(c), true);
		assert.equal(fromStateOnly.list.has(b), false);
	});

	it('adding a tracked ID again reports it as already tracked and does not write', async () => {
		const state = new MemoryMemento();
		const first = repository(state);
		const id = randomUUID();
		await first.add([id]);
		const writes = state.writes;
		const again = await first.add([id]);
		assert.deepEqual(again, { added: [], alreadyTracked: [id] });
		assert.equal(state.writes, writes);
	});

	it('a damaged Memento value is recovered without losing IDs and saved in the current format', async () => {
		const state = new MemoryMemento();
		const [a, b] = [randomUUID(), randomUUID()];
		await state.update(TASK_LIST_STATE_KEY, { version: 'broken', junk: `tasks: ${a}, and ${b} ~~~`, tasks: 7 });
		assert.equal(readTaskList(state.get<unknown>(TASK_LIST_STATE_KEY), Date.now()).recovered, 'repaired');

		const log = recordingLog();
		const recovered = repository(state, folder(), log);
		await recovered.ready;

		assert.equal(recovered.list.has(a), true);
		assert.equal(recovered.list.has(b), true);
		assert.equal(recovered.list.all().length, 2);
		assert.ok(
			log.warnings.some((warning) => warning.includes('damaged') && warning.includes('2 task ID(s) recovered')),
			`warnings: ${JSON.stringify(log.warnings)}`,
		);
		// Saved again in the current format: reading it back needs no recovery.
		const reread = readTaskList(state.get<unknown>(TASK_LIST_STATE_KEY), Date.now());
		assert.equal(reread.recovered, undefined);
		assert.deepEqual(reread.tasks.map((task) => task.id).sort(), [a, b].sort());
	});

	it('wasRemoved is true only for a task removed and not tracked again', async () => {
		const state = new MemoryMemento();
		const repo = repository(state);
		const [kept, dropped, never] = [randomUUID(), randomUUID(), randomUUID()];
		await repo.add([kept, dropped]);
		assert.equal(repo.wasRemoved(dropped), false);

		await repo.remove([dropped]);
		assert.equal(repo.wasRemoved(dropped), true);
		assert.equal(repo.wasRemoved(kept), false);
		assert.equal(repo.wasRemoved(never), false);

		await repo.add([dropped]);
		assert.equal(repo.wasRemoved(dropped), false);
		assert.equal(repo.list.has(dropped), true);
	});
});
