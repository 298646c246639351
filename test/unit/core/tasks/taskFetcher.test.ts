/**
 * fetchTasks: chunks of 50, bounded concurrency, partial failure. Against the fake Veo API over real
 * HTTP, and against counting fake clients where timing must be exact.
 */
import * as assert from 'node:assert/strict';
import { VeoClient } from '../../../../src/core/api/veoClient';
import { VeoError } from '../../../../src/core/api/veoError';
import { BATCH_CONCURRENCY, BATCH_SIZE, fetchTasks, mostActionableError } from '../../../../src/core/tasks/taskFetcher';
import type { TaskRecord } from '../../../../src/core/tasks/taskRecord';
import { startFakeVeoServer, type FakeVeoServer, type RecordedRequest } from '../../../fakeApi/fakeVeoServer';
import { newTaskId, pendingTask, succeededTask } from '../../../fakeApi/records';

const TOKEN = 'sk-fetcher-test-token';

function bodyOf(request: RecordedRequest): { ids: string[]; limit: number; offset: number } {
	const body = request.body as { ids?: unknown; limit?: unknown; offset?: unknown };
	assert.ok(Array.isArray(body.ids));
	return { ids: body.ids as string[], limit: body.limit as number, offset: body.offset as number };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('fetchTasks (against the fake Veo API)', function () {
	let server: FakeVeoServer;
	let client: VeoClient;
	// 100 tasks the server knows, created at distinct times so the server's newest-first order differs from ours.
	const knownTasks = Array.from({ length: 100 }, (_, i) =>
		i % 2 ? succeededTask({ createdAt: 1_753_435_158 + i }) : pendingTask({ createdAt: 1_753_435_158 - i }),
	);
	const unknownIds = Array.from({ length: 20 }, () => newTaskId());
	// Unknown ids in the middle and at the end, so each chunk has a mix.
	const ids = [...knownTasks.slice(0, 40).map((t) => t.id), ...unknownIds.slice(0, 10), ...knownTasks.slice(40).map((t) => t.id), ...unknownIds.slice(10)];

	before(async function () {
		server = await startFakeVeoServer({ token: TOKEN, tasks: knownTasks });
		client = new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: 5000 });
	});

	after(async function () {
		await server.close();
	});

	beforeEach(function () {
		server.reset();
	});

	it('uses the documented batch size of 50', function () {
		assert.equal(BATCH_SIZE, 50);
		assert.ok(BATCH_CONCURRENCY >= 1 && BATCH_CONCURRENCY <= 8);
	});

	it('120 ids -> exactly 3 retrieve_batch requests of 50/50/20 ids with the same limit', async function () {
		assert.equal(ids.length, 120);
		await fetchTasks(client, ids);
		const requests = server.requestsFor('/veo/tasks', 'retrieve_batch');
		assert.equal(requests.length, 3);
		assert.equal(server.requests.length, 3);
		const bodies = requests.map(bodyOf).sort((a, b) => ids.indexOf(a.ids[0]) - ids.indexOf(b.ids[0]));
		assert.deepEqual(
			bodies.map((b) => b.ids),
			[ids.slice(0, 50), ids.slice(50, 100), ids.slice(100)],
		);
		assert.deepEqual(
			bodies.map((b) => b.limit),
			[50, 50, 20],
		);
		assert.deepEqual(
			bodies.map((b) => b.offset),
			[0, 0, 0],
		);
	});

	it('finds every known task and reports the unknown ones as missing', async function () {
		const outcome = await fetchTasks(client, ids);
		assert.equal(outcome.failed.length, 0);
		assert.equal(outcome.found.size, 100);
		for (const task of knownTasks) {
			assert.deepEqual(outcome.found.get(task.id), task);
		}
		assert.deepEqual([...outcome.missing].sort(), [...unknownIds].sort());
	});

	it('one chunk failing (500 on the second request) keeps the other chunks and reports the failure with its ids', async function () {
		const secondChunk = ids.slice(50, 100);
		server.enqueue({ error: 'api_error' }, (req) => bodyOf(req).ids[0] === secondChunk[0]);
		const outcome = await fetchTasks(client, ids);
		assert.equal(server.requests.length, 3);
		assert.equal(outcome.failed.length, 1);
		assert.deepEqual(outcome.failed[0].ids, secondChunk);
		assert.ok(outcome.failed[0].error instanceof VeoError);
		assert.equal(outcome.failed[0].error.kind, 'server');
		assert.equal(outcome.failed[0].error.status, 500);
		const survivors = [...ids.slice(0, 50), ...ids.slice(100)];
		const knownSurvivors = survivors.filter((id) => knownTasks.some((t) => t.id === id));
		assert.deepEqual([...outcome.found.keys()].sort(), [...knownSurvivors].sort());
		assert.deepEqual([...outcome.missing].sort(), survivors.filter((id) => unknownIds.includes(id)).sort());
		for (const id of secondChunk) {
			assert.ok(!outcome.found.has(id) && !outcome.missing.includes(id), `${id} of the failed chunk must be neither found nor missing`);
		}
	});

	it('a hostile server that ignores limit and returns every task only yields the tasks asked for', async function () {
		const asked = knownTasks.slice(0, 3).map((t) => t.id);
		server.enqueue({ status: 200, body: { items: knownTasks, count: knownTasks.length } });
		const outcome = await fetchTasks(client, asked);
		assert.deepEqual([...outcome.found.keys()].sort(), [...asked].sort());
		assert.deepEqual(outcome.missing, []);
	});

	it('no ids -> no request', async function () {
		const outcome = await fetchTasks(client, []);
		assert.equal(server.requests.length, 0);
		assert.deepEqual(outcome, { found: new Map(), missing: [], failed: [] });
	});

	it('requests run concurrently, at most `concurrency` at a time (request timestamps with latency)', async function () {
		server.latencyMs = 120;
		const many = Array.from({ length: 300 }, () => newTaskId()); // 6 chunks
		const started = Date.now();
		await fetchTasks(client, many, { concurrency: 2 });
		const elapsed = Date.now() - started;
		const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
		assert.equal(times.length, 6);
		// Each request is answered 120 ms after it arrives; count those that overlap each request.
		const maxOverlap = Math.max(...times.map((t) => times.filter((u) => u <= t && u + 120 > t).length));
		assert.equal(maxOverlap, 2);
		assert.ok(elapsed >= 3 * 120 - 10, `6 chunks, 2 at a time, 120 ms each took only ${elapsed} ms`);
		assert.ok(elapsed < 6 * 120, `the chunks did not overlap: ${elapsed} ms`);
	});

	it('an abort while chunks are queued does not send the remaining chunks', async function () {
		server.latencyMs = 50;
		const many = Array.from({ length: 500 }, () => newTaskId()); // 10 chunks
		const controller = new AbortController();
		const pending = fetchTasks(client, many, { concurrency: 1, signal: controller.signal });
		await sleep(20);
		controller.abort();
		const outcome = await pending;
		assert.equal(outcome.found.size, 0);
		assert.ok(server.requests.length <= 2, `${server.requests.length} requests were sent after the refresh was cancelled`);
	});
});

describe('fetchTasks (counting fake client)', function () {
	function countingClient(delayMs: number, answer: (ids: readonly string[]) => TaskRecord[] | Promise<TaskRecord[]> = () => []) {
		const state = { inFlight: 0, maxInFlight: 0, calls: [] as string[][] };
		return {
			state,
			async retrieveBatch(chunkIds: readonly string[]): Promise<TaskRecord[]> {
				state.calls.push([...chunkIds]);
				state.inFlight++;
				state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
				try {
					await sleep(delayMs);
					return await answer(chunkIds);
				} finally {
					state.inFlight--;
				}
			},
		};
	}
	const idsOf = (n: number): string[] => Array.from({ length: n }, () => newTaskId());

	for (const concurrency of [1, 3]) {
		it(`never has more than ${concurrency} request(s) in flight, and uses all ${concurrency}`, async function () {
			const fake = countingClient(15);
			await fetchTasks(fake, idsOf(500), { concurrency });
			assert.equal(fake.state.calls.length, 10);
			assert.equal(fake.state.maxInFlight, concurrency);
		});
	}

	it(`defaults to BATCH_CONCURRENCY (${BATCH_CONCURRENCY}) in flight`, async function () {
		const fake = countingClient(10);
		await fetchTasks(fake, idsOf(BATCH_SIZE * (BATCH_CONCURRENCY + 3)));
		assert.equal(fake.state.maxInFlight, BATCH_CONCURRENCY);
	});

	it('honours a custom batch size', async function () {
		const fake = countingClient(0);
		await fetchTasks(fake, idsOf(25), { batchSize: 10 });
		assert.deepEqual(
			fake.state.calls.map((c) => c.length),
			[10, 10, 5],
		);
	});

	it('ignores records for ids not asked for, matches ids case-insensitively, last duplicate wins', async function () {
		const asked = idsOf(3);
		const stranger = newTaskId();
		const fake = countingClient(0, () => [
			{ id: asked[0].toUpperCase(), n: 1 },
			{ id: stranger, n: 2 },
			{ id: asked[1], n: 3 },
			{ id: asked[1], n: 4 },
		]);
		const outcome = await fetchTasks(fake, asked);
		assert.deepEqual([...outcome.found.keys()].sort(), [asked[0], asked[1]].sort());
		assert.ok(!outcome.found.has(stranger));
		assert.equal(outcome.found.get(asked[1])?.n, 4);
		assert.deepEqual(outcome.missing, [asked[2]]);
	});

	it('wraps a non-VeoError thrown by the client into a VeoError and keeps going', async function () {
		const ids = idsOf(60);
		let call = 0;
		const fake = countingClient(0, (chunkIds) => {
			if (call++ === 0) {
				throw new TypeError('boom');
			}
			return chunkIds.map((id) => ({ id }));
		});
		const outcome = await fetchTasks(fake, ids, { concurrency: 1 });
		assert.equal(outcome.failed.length, 1);
		assert.ok(outcome.failed[0].error instanceof VeoError);
		assert.match(outcome.failed[0].error.message, /boom/);
		assert.deepEqual(outcome.failed[0].ids, ids.slice(0, 50));
		assert.equal(outcome.found.size, 10);
	});
});

describe('mostActionableError', function () {
	const failure = (kind: VeoError['kind']) => ({ ids: [], error: new VeoError(kind, kind) });
	it('prefers errors the user must act on', function () {
		assert.equal(mostActionableError([failure('server'), failure('timeout'), failure('auth'), failure('rateLimited')])?.kind, 'auth');
		assert.equal(mostActionableError([failure('network'), failure('quota')])?.kind, 'quota');
		assert.equal(mostActionableError([failure('server'), failure('network')])?.kind, 'server');
	});
	it('undefined when nothing failed', function () {
		assert.equal(mostActionableError([]), undefined);
	});
});
