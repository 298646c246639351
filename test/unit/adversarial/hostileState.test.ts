/**
 * State under concurrency and damage, in plain Node: the three-way merge two windows on one
 * workspace rely on, the cache file that must survive a record JSON cannot write, and the text of
 * notifications, in which VS Code would make `[label](command:…)` a live link.
 */
import * as assert from 'node:assert/strict';
import { TaskList } from '../../../src/core/tasks/taskList';
import { cacheFileText, mergeTaskLists, persistedTasks, readCache, readTaskList, serializeCache, serializeTaskList, type PersistedTask } from '../../../src/core/tasks/taskPersistence';
import { readEpochMs } from '../../../src/core/tasks/taskRecord';
import { plainNotificationText } from '../../../src/core/util/text';
import { newTaskId, pendingTask, runningTask } from '../../fakeApi/records';

const task = (id: string, added = 1_753_435_158, parent?: string): PersistedTask => (parent ? { id, added, parent } : { id, added });
const idsOf = (tasks: readonly PersistedTask[]): string[] => tasks.map((entry) => entry.id).sort();

/** The regular expression VS Code uses to find links in a notification's message (linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('Two windows, damaged stores and notification text', function () {
	describe('mergeTaskLists (three-way: base = what this window last synced)', function () {
		const [a, b, c, d] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];

		it('adopts what the other window added and keeps what this one added', function () {
			const merged = mergeTaskLists([task(a)], [task(a), task(b)], [task(a), task(c)]);
			assert.deepEqual(idsOf(merged.tasks), [a, b, c].sort());
			assert.deepEqual(idsOf(merged.adopted), [c]);
			assert.deepEqual(merged.dropped, []);
		});

		it('drops what the other window removed, and does not bring back what this one removed', function () {
			const merged = mergeTaskLists([task(a), task(b), task(c)], [task(a), task(b)], [task(a), task(c)]);
			// this window removed c; the other removed b
			assert.deepEqual(idsOf(merged.tasks), [a]);
			assert.deepEqual(merged.dropped, [b]);
		});

		it('on a first sync (no base) loses nothing from either side', function () {
			const merged = mergeTaskLists([], [task(a), task(b)], [task(b), task(c), task(d)]);
			assert.deepEqual(idsOf(merged.tasks), [a, b, c, d].sort());
		});

		it('keeps a parent link either side knows, and never duplicates an ID', function () {
			const merged = mergeTaskLists([task(a)], [task(a), task(b)], [task(a), task(b, 1, a)]);
			assert.equal(merged.tasks.length, 2);
			assert.equal(merged.tasks.find((entry) => entry.id === b)?.parent, a);
		});

		it('two windows that keep writing converge on the same list', function () {
			// Window 1 and 2 start from the same list, each makes changes, then each syncs in turn.
			let stored = [task(a), task(b)];
			let base1 = stored;
			const base2 = stored;
			let mine1 = [task(a), task(b), task(c)]; // added c
			let mine2 = [task(a)]; // removed b
			const sync = (base: PersistedTask[], mine: PersistedTask[]): PersistedTask[] => (stored = mergeTaskLists(base, mine, stored).tasks);
			mine1 = sync(base1, mine1);
			base1 = mine1;
			mine2 = sync(base2, mine2);
			mine1 = sync(base1, mine1);
			assert.deepEqual(idsOf(mine1), [a, c].sort());
			assert.deepEqual(idsOf(mine2), [a, c].sort());
			assert.deepEqual(idsOf(stored), [a, c].sort());
		});

		it('5,000 tasks merged and stored stay under 512 KB', function () {
			const many = Array.from({ length: 5_000 }, () => task(newTaskId()));
			const merged = mergeTaskLists(many.slice(0, 2_500), many.slice(0, 4_000), [...many.slice(0, 2_500), ...many.slice(4_000)]);
			assert.equal(merged.tasks.length, 5_000);
			const list = new TaskList();
			for (const entry of merged.tasks) {
				list.add([entry.id], entry.added * 1000);
			}
			assert.ok(JSON.stringify(serializeTaskList(list.all())).length < 512 * 1024);
		});

		it('persistedTasks stores what serializeTaskList stores (no dangling or self parent), so a sync of an unchanged list writes nothing', function () {
			const list = new TaskList();
			list.add([a], 1_000_000);
			list.add([b], 2_000_000, { parentId: newTaskId() });
			list.add([c], 3_000_000, { parentId: c });
			list.add([d], 4_000_000, { parentId: a });
			const stored = readTaskList(JSON.parse(JSON.stringify(serializeTaskList(list.all()))), 5_000_000).tasks;
			const key = (tasks: readonly PersistedTask[]): string => JSON.stringify([...tasks].sort((x, y) => x.id.localeCompare(y.id)));
			assert.equal(key(persistedTasks(list.all())), key(stored));
		});
	});

	describe('the cache file', function () {
		it('leaves out only a record JSON cannot write (nested 10,000 deep) and keeps the others', function () {
			const [deepId, plainId] = [newTaskId(), newTaskId()];
			let deep: Record<string, unknown> = {};
			const root = deep;
			for (let level = 0; level < 10_000; level++) {
				const next: Record<string, unknown> = {};
				deep.a = next;
				deep = next;
			}
			const list = new TaskList();
			list.add([deepId, plainId], Date.now());
			list.applyFetch({ found: new Map([[deepId, { ...pendingTask({ id: deepId }), deep: root }], [plainId, runningTask({ id: plainId })]]), missing: [], failed: [] }, Date.now());
			assert.throws(() => JSON.stringify(serializeCache(list.all(), (id) => list.record(id))), RangeError, 'the whole-file stringify would fail');
			const { text, skipped } = cacheFileText(serializeCache(list.all(), (id) => list.record(id)));
			assert.deepEqual(skipped, [deepId]);
			const cache = readCache(JSON.parse(text));
			assert.equal(cache.get(plainId)?.record?.id, plainId);
			assert.equal(cache.has(deepId), false);
		});
	});

	describe('readEpochMs', function () {
		it('refuses times no Date can hold, so formatting and export never throw', function () {
			for (const value of [1e300, -1e300, '1e300', 8.64e15 + 1, Number.MAX_VALUE]) {
				const ms = readEpochMs(value);
				assert.ok(ms === undefined || Number.isFinite(new Date(ms).getTime()), `${value} -> ${ms}`);
			}
			assert.equal(readEpochMs(1_753_435_158.509), 1_753_435_158_509);
		});
	});

	describe('notification text', function () {
		it('keeps every character a person reads but no link VS Code would make live', function () {
			for (const text of [
				'[Fix it](command:workbench.action.openSettings)',
				'[site](https://evil.example/x) and [file](file:///etc/passwd)',
				'nested [[a](https://evil.example)](command:x)',
			]) {
				const plain = plainNotificationText(text);
				assert.equal(plain.replace(/\u200b/g, ''), text);
				assert.deepEqual([...plain.matchAll(NOTIFICATION_LINK)].map((match) => match[0]), [], plain);
			}
		});
	});
});
