/**
 * State under damage, in plain Node: the stored list, the cache file that must survive a record JSON cannot write, and the text of
 * notifications, in which VS Code would make `[label](command:…)` a live link.
 */
import * as assert from 'node:assert/strict';
import { TaskList } from '../../../src/core/tasks/taskList';
import {
	cacheFileText,
	persistedTasks,
	readCache,
	readTaskList,
	serializeCache,
	serializeTaskList,
	type PersistedTask,
} from '../../../src/core/tasks/taskPersistence';
import { readEpochMs } from '../../../src/core/tasks/taskRecord';
import { plainNotificationText } from '../../../src/core/util/text';
import { newTaskId, pendingTask, runningTask } from '../../fakeApi/records';

/** The regular expression VS Code uses to find links in a notification's message (linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('Two windows, damaged stores and notification text', function () {
	describe('the stored list', function () {
		const [a, b, c, d] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];

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
			list.applyFetch(
				{
					found: new Map([
						[deepId, { ...pendingTask({ id: deepId }), deep: root }],
						[plainId, runningTask({ id: plainId })],
					]),
					missing: [],
					failed: [],
				},
				Date.now(),
			);
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
				assert.deepEqual(
					[...plain.matchAll(NOTIFICATION_LINK)].map((match) => match[0]),
					[],
					plain,
				);
			}
		});
	});
});
