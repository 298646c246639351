// TaskTracking driven directly with a stub repository and a stub refresher that record their calls.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { VeoClient } from '../../../src/core/api/veoClient';
import type { TaskRecord } from '../../../src/core/tasks/taskRecord';
import type { RefreshResult } from '../../../src/services/taskRefresher';
import { TaskTracking, type TrackEntry } from '../../../src/services/taskTracking';
import { recordMessages } from '../helpers';

interface RefreshCall {
	ids: readonly string[];
	options: unknown;
}

/** A repository that tracks IDs in a Set and records each addEntries call. */
function stubRepository(tracked: Iterable<string> = []): {
	repository: { addEntries(entries: readonly TrackEntry[]): Promise<{ added: string[]; alreadyTracked: string[] }> };
	calls: TrackEntry[][];
} {
	const ids = new Set(tracked);
	const calls: TrackEntry[][] = [];
	return {
		calls,
		repository: {
			addEntries: (entries) => {
				calls.push(entries.map((entry) => ({ ...entry })));
				const added: string[] = [];
				const alreadyTracked: string[] = [];
				for (const entry of entries) {
					(ids.has(entry.id) ? alreadyTracked : added).push(entry.id);
					ids.add(entry.id);
				}
				return Promise.resolve({ added, alreadyTracked });
			},
		},
	};
}

/** A refresher that records refresh and applyFetched calls and answers with a recognisable result. */
function stubRefresher(): {
	refresher: {
		refresh(ids?: readonly string[], options?: unknown): Promise<RefreshResult>;
		applyFetched(records: ReadonlyMap<string, TaskRecord>, client: VeoClient, options?: unknown): Promise<RefreshResult>;
	};
	refreshes: RefreshCall[];
	applied: { ids: string[]; client: VeoClient; options: unknown }[];
} {
	const refreshes: RefreshCall[] = [];
	const applied: { ids: string[]; client: VeoClient; options: unknown }[] = [];
	const result = (ids: readonly string[]): RefreshResult => ({ reason: 'added', requested: [...ids], transitions: [] }) as unknown as RefreshResult;
	return {
		refreshes,
		applied,
		refresher: {
			refresh: (ids = [], options) => {
				refreshes.push({ ids: [...ids], options });
				return Promise.resolve(result(ids));
			},
			applyFetched: (records, client, options) => {
				applied.push({ ids: [...records.keys()], client, options });
				return Promise.resolve(result([...records.keys()]));
			},
		},
	};
}

describe('Adapter: TaskTracking with a stub repository and refresher', () => {
	let messages: ReturnType<typeof recordMessages>;

	beforeEach(() => {
		messages = recordMessages();
	});

	afterEach(() => {
		messages.dispose();
	});

	it('parses text input, passes the entries to the repository and refreshes what was added', async () => {
		const [a, b] = [randomUUID(), randomUUID()];
		const repo = stubRepository();
		const refresh = stubRefresher();
		const tracking = new TaskTracking(repo.repository, refresh.refresher);

		const { result, fetched } = await tracking.trackAndFetch(`${a}\n  ${b.toUpperCase()} `, { source: 'manual', interactive: true });

		assert.deepEqual(repo.calls, [[{ id: a }, { id: b }]]);
		assert.deepEqual(result, { added: [a, b], alreadyTracked: [], invalid: [] });
		assert.deepEqual(refresh.refreshes, [{ ids: [a, b], options: { interactive: true, reason: 'added' } }]);
		assert.deepEqual((await fetched)?.requested, [a, b]);
		assert.equal(refresh.applied.length, 0);
		// Everything given was added: Add Task ID… says nothing.
		assert.deepEqual(messages.shown, []);
	});

	it('refreshes only the added IDs, not those already tracked, and reports invalid tokens', async () => {
		const [known, fresh] = [randomUUID(), randomUUID()];
		const repo = stubRepository([known]);
		const refresh = stubRefresher();
		const tracking = new TaskTracking(repo.repository, refresh.refresher);

		const result = await tracking.track(`${known} ${fresh} not-an-id`, { source: 'manual' });

		assert.deepEqual(result, { added: [fresh], alreadyTracked: [known], invalid: ['not-an-id'] });
		assert.deepEqual(
			refresh.refreshes.map((call) => call.ids),
			[[fresh]],
		);
		assert.equal(messages.shown.length, 1);
		assert.equal(messages.shown[0].severity, 'warning');
		assert.match(messages.shown[0].message, /not-an-id/);
	});

	it("fetch: 'all' refreshes every given ID, tracked already or not", async () => {
		const [known, fresh] = [randomUUID(), randomUUID()];
		const repo = stubRepository([known]);
		const refresh = stubRefresher();
		const tracking = new TaskTracking(repo.repository, refresh.refresher);

		await tracking.track([known, fresh], { source: 'restoredTab', fetch: 'all' });

		assert.deepEqual(
			refresh.refreshes.map((call) => call.ids),
			[[known, fresh]],
		);
	});

	it('nothing new and no fetch: all means no refresh at all', async () => {
		const known = randomUUID();
		const refresh = stubRefresher();
		const tracking = new TaskTracking(stubRepository([known]).repository, refresh.refresher);

		const { fetched } = await tracking.trackAndFetch([known], { source: 'publicApi' });

		assert.equal(refresh.refreshes.length, 0);
		assert.equal(await fetched, undefined);
	});

	it('entries keep their parent and are passed to the repository as they are', async () => {
		const [parent, child] = [randomUUID(), randomUUID()];
		const repo = stubRepository();
		const tracking = new TaskTracking(repo.repository, stubRefresher().refresher);

		await tracking.track([{ id: parent }, { id: child, parentId: parent }], { source: 'import', announce: false });

		assert.deepEqual(repo.calls, [[{ id: parent }, { id: child, parentId: parent }]]);
	});

	it('pre-fetched records are applied through the refresher instead of being fetched', async () => {
		const [a, b] = [randomUUID(), randomUUID()];
		const refresh = stubRefresher();
		const tracking = new TaskTracking(stubRepository().repository, refresh.refresher);
		const client = { marker: 'client' } as unknown as VeoClient;
		const records = new Map<string, TaskRecord>([
			[a, { id: a } as unknown as TaskRecord],
			[b, { id: b } as unknown as TaskRecord],
		]);

		await tracking.track([a, b], { source: 'recent', fetched: { records, client } });

		assert.equal(refresh.refreshes.length, 0);
		assert.equal(refresh.applied.length, 1);
		assert.deepEqual(refresh.applied[0].ids, [a, b]);
		assert.equal(refresh.applied[0].client, client);
		assert.deepEqual(refresh.applied[0].options, { interactive: undefined, reason: 'added' });
	});

	it('announce: false says nothing even when the source would warn', async () => {
		const known = randomUUID();
		const tracking = new TaskTracking(stubRepository([known]).repository, stubRefresher().refresher);

		const result = await tracking.track(`${known} garbage`, { source: 'manual', announce: false });

		assert.deepEqual(result.invalid, ['garbage']);
		assert.deepEqual(result.alreadyTracked, [known]);
		assert.deepEqual(messages.shown, []);
	});

	it('a custom announcement is shown instead of the source wording', async () => {
		const tracking = new TaskTracking(stubRepository().repository, stubRefresher().refresher);

		await tracking.track([randomUUID()], {
			source: 'agent',
			announce: (outcome) => ({ severity: 'information', message: `custom: ${outcome.added.length} added` }),
		});

		assert.deepEqual(
			messages.shown.map((shown) => [shown.severity, shown.message]),
			[['information', 'custom: 1 added']],
		);
	});
});
