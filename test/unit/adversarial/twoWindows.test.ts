/**
 * Two windows on one workspace share task-list.json. Two syncs (each with its
 * own TaskList, as two windows have) on one real folder add and remove 1,000 IDs concurrently;
 * every ID added and not removed must be in both at the end, and the writes must stop.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parsedOrText, replaceFileIfUnchanged } from '../../../src/services/lockedFile';
import { readSharedTaskList } from '../../../src/core/tasks/sharedTaskList';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mergeSharedTaskLists, SharedTaskListSync, type SharedTaskList } from '../../../src/core/tasks/sharedTaskList';
import { TaskList } from '../../../src/core/tasks/taskList';
import { restoreTasks } from '../../../src/core/tasks/taskPersistence';
import { newTaskId } from '../../fakeApi/records';

interface Window {
	list: TaskList;
	sync: SharedTaskListSync;
	add(ids: string[], parentId?: string): Promise<void>;
	remove(ids: string[]): Promise<void>;
}

/** One "window": a TaskList and a sync on the shared file, written with the extension's compare-and-swap. */
function openWindow(folder: string, now: () => number): Window {
	const file = path.join(folder, 'task-list.json');
	const list = new TaskList();
	const sync = new SharedTaskListSync(
		list,
		{
			readFile: async () => {
				try {
					return JSON.parse(await readFile(file, 'utf8')) as unknown;
				} catch {
					return undefined;
				}
			},
			// The extension's own compare-and-swap (lock file, read again, temporary file and rename).
			writeFile: (text, unchanged) => replaceFileIfUnchanged(file, text, (current) => unchanged(parsedOrText(current))),
			writeState: async () => undefined,
			restoreAdopted: async (tasks) => {
				const restored = restoreTasks(tasks, new Map());
				list.restore(restored.tasks, restored.records);
			},
		},
		now,
	);
	return {
		list,
		sync,
		async add(ids, parentId) {
			const { added } = list.add(ids, now(), { parentId });
			if (added.length) {
				sync.noteAdded(added);
				await sync.sync({ force: true });
			}
		},
		async remove(ids) {
			const addedAt = new Map(ids.map((id) => [id, list.get(id)?.addedAt]));
			const removed = list.remove(ids);
			if (removed.length) {
				sync.noteRemoved(removed, (id) => addedAt.get(id));
				await sync.sync({ force: true });
			}
		},
	};
}

/** Each window syncs when the other wrote (what the file watcher does), until a round writes nothing. */
async function settle(windows: Window[]): Promise<number> {
	for (let round = 1; round <= 10; round++) {
		const before = windows.reduce((sum, window) => sum + window.sync.writes, 0);
		for (const window of windows) {
			await window.sync.sync();
		}
		if (windows.reduce((sum, window) => sum + window.sync.writes, 0) === before) {
			return round;
		}
	}
	return Number.POSITIVE_INFINITY;
}

describe('two windows on one workspace', function () {
	this.timeout(60_000);
	let folder: string;
	let clock = Date.UTC(2026, 0, 1);
	const now = (): number => clock;

	beforeEach(function () {
		folder = mkdtempSync(path.join(tmpdir(), 'veo-two-windows-'));
	});
	afterEach(function () {
		rmSync(folder, { recursive: true, force: true });
	});

	it('adding and removing 1,000 IDs concurrently: every ID added and not removed is in both, and the writes stop', async function () {
		const a = openWindow(folder, now);
		const b = openWindow(folder, now);
		const idsA = Array.from({ length: 500 }, () => newTaskId());
		const idsB = Array.from({ length: 500 }, () => newTaskId());
		const removedA = idsA.filter((_, i) => i % 3 === 0);
		const removedB = idsB.filter((_, i) => i % 4 === 0);
		// Each window adds its IDs one by one (and removes some) while the other does the same: their
		// reads and writes of the one file interleave.
		const run = async (window: Window, ids: string[], removed: Set<string>): Promise<void> => {
			for (const id of ids) {
				await window.add([id]);
				if (removed.has(id)) {
					clock += 1_000; // a removal is a later action than the add it undoes
					await window.remove([id]);
				}
			}
		};
		await Promise.all([run(a, idsA, new Set(removedA)), run(b, idsB, new Set(removedB))]);
		// No write was lost: the file holds every ID added and not removed as soon as both are done,
		// with no further sync to repair it (every write was a compare-and-swap on what it merged).
		const onDisk = readSharedTaskList(JSON.parse(await readFile(path.join(folder, 'task-list.json'), 'utf8')), now()).list;
		const goneSoFar = new Set([...removedA, ...removedB]);
		assert.deepEqual(
			onDisk.tasks.map((task) => task.id).sort(),
			[...idsA, ...idsB].filter((id) => !goneSoFar.has(id)).sort(),
			"the shared file holds both windows' work without a repair",
		);
		// One window also removes some of what the other added, after seeing it.
		await settle([a, b]);
		const crossRemoved = idsA.filter((_, i) => i % 3 === 1).slice(0, 50);
		clock += 1_000;
		await b.remove(crossRemoved);

		const rounds = await settle([a, b]);
		assert.ok(rounds <= 2, `the windows stopped writing after ${rounds} round(s)`);
		const gone = new Set([...removedA, ...removedB, ...crossRemoved]);
		const expected = [...idsA, ...idsB].filter((id) => !gone.has(id)).sort();
		assert.deepEqual(a.list.ids().slice().sort(), expected, 'window A holds every ID added and not removed');
		assert.deepEqual(b.list.ids().slice().sort(), expected, 'window B too');
		const writes = a.sync.writes + b.sync.writes;
		await settle([a, b]);
		assert.equal(a.sync.writes + b.sync.writes, writes, 'no further writes once both agree');
		a.list.dispose();
		b.list.dispose();
	});

	it('one ID with different times added and parents in each window: no rewrite ping-pong', async function () {
		const [parent1, parent2, child] = [newTaskId(), newTaskId(), newTaskId()];
		const a = openWindow(folder, now);
		const b = openWindow(folder, now);
		await a.add([parent1, parent2]);
		await b.sync.sync();
		await a.add([child], parent1);
		clock += 60_000;
		// B tracked the same ID on its own, later and under the other parent, before seeing A's write.
		b.list.add([child], now(), { parentId: parent2 });
		await b.sync.sync({ force: true });
		const rounds = await settle([a, b]);
		assert.ok(rounds <= 3, `stopped after ${rounds} round(s)`);
		const expectedParent = parent1 < parent2 ? parent1 : parent2;
		for (const window of [a, b]) {
			assert.equal(window.list.get(child)?.parentId, expectedParent, 'the same parent in both windows');
		}
		assert.equal(a.list.get(child)?.addedAt, b.list.get(child)?.addedAt, 'the same time added in both (the later one)');
		const writes = a.sync.writes + b.sync.writes;
		for (let i = 0; i < 5; i++) {
			await a.sync.sync();
			await b.sync.sync();
		}
		assert.equal(a.sync.writes + b.sync.writes, writes, "each window's file event no longer triggers a write");
	});

	it('an ID removed and added again within the same second stays, in both windows', async function () {
		const a = openWindow(folder, now);
		const b = openWindow(folder, now);
		const x = newTaskId();
		await a.add([x]);
		await a.remove([x]);
		await a.add([x]);
		assert.ok(a.list.has(x), 'still tracked here');
		await settle([a, b]);
		assert.ok(a.list.has(x) && b.list.has(x), 'and in the other window');
	});

	/** Two windows on the folder, both tracking one task that A added. */
	async function trackedInBoth(): Promise<{ id: string; a: Window; b: Window }> {
		const id = newTaskId();
		const a = openWindow(folder, now);
		const b = openWindow(folder, now);
		await a.add([id]);
		await settle([a, b]);
		return { id, a, b };
	}

	it('the merge is the same whichever window computes it', function () {
		const [x, y, z, p] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];
		const one: SharedTaskList = {
			tasks: [
				{ id: x, added: 10 },
				{ id: y, added: 20, parent: p },
				{ id: p, added: 1 },
			],
			removed: new Map([[z, 30]]),
		};
		const two: SharedTaskList = {
			tasks: [
				{ id: y, added: 15 },
				{ id: z, added: 25 },
				{ id: p, added: 2 },
			],
			removed: new Map([[x, 5]]),
		};
		const ab = mergeSharedTaskLists(one, two);
		const ba = mergeSharedTaskLists(two, one);
		assert.deepEqual(ab, ba);
		assert.deepEqual(ab.tasks.map((task) => task.id).sort(), [x, y, p].sort(), 'z removed after it was added; x added after its removal');
		assert.deepEqual(
			ab.tasks.find((task) => task.id === y),
			{ id: y, added: 20, parent: p },
		);
		assert.deepEqual(mergeSharedTaskLists(ab, ab), ab, 'merging again changes nothing');
	});

	it('a task removed and tracked again within the same second stays tracked, in both windows', async function () {
		const { id, a, b } = await trackedInBoth();
		await a.remove([id]);
		await a.add([id]);
		await settle([a, b]);
		assert.ok(a.list.has(id), 'window A still tracks it');
		assert.ok(b.list.has(id), 'window B tracks it too');
	});

	it('a task removed, tracked again and removed again within one second is gone, in both windows', async function () {
		const { id, a, b } = await trackedInBoth();
		await a.remove([id]);
		await a.add([id]);
		await settle([a, b]);
		await a.remove([id]);
		await settle([a, b]);
		assert.ok(!a.list.has(id), 'window A no longer tracks it');
		assert.ok(!b.list.has(id), 'window B no longer tracks it');
		// And B, which adopted the re-added copy, can remove it in the same second too.
		await a.add([id]);
		await settle([a, b]);
		await b.remove([id]);
		await settle([a, b]);
		assert.ok(!a.list.has(id) && !b.list.has(id), 'removed from the other window as well');
	});

	it('a task removed in one window and tracked again there, while the other still held the old copy, stays tracked', async function () {
		const { id, a, b } = await trackedInBoth();
		clock += 10_000;
		await a.remove([id]);
		clock += 10_000;
		await a.add([id]);
		// B has not seen the removal: it still holds the copy added before it, and syncs only now.
		await settle([b, a]);
		assert.ok(a.list.has(id) && b.list.has(id), 'both windows track it');
		clock += 10_000;
		await b.remove([id]);
		await settle([a, b]);
		assert.ok(!a.list.has(id) && !b.list.has(id), 'a later removal still reaches both');
	});
});
