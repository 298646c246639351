/**
 * Faults of the network and of the server, in plain Node: the real VeoClient over HTTP against the
 * fake API, and the real PollScheduler on a virtual clock (so minutes of backoff take milliseconds)
 * polling through it. Requests are counted on the server side.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { VeoClient } from '../../../src/core/api/veoClient';
import { sendsTokenInClear } from '../../../src/core/api/urlPolicy';
import { VeoError } from '../../../src/core/api/veoError';
import { PollScheduler, type Clock, type PollOutcome } from '../../../src/core/polling/pollScheduler';
import { DEFAULT_POLL_POLICY } from '../../../src/core/polling/pollPolicy';
import { fetchTasks, mostActionableError } from '../../../src/core/tasks/taskFetcher';
import { TaskList } from '../../../src/core/tasks/taskList';
import { downloadToFile } from '../../../src/services/videoDownloader';
import { startFakeVeoServer, type FakeVeoServer } from '../../fakeApi/fakeVeoServer';
import { newTaskId, pendingTask, runningTask } from '../../fakeApi/records';

const TOKEN = 'sk-faults-unit-5e6f7a8b9c0d1e2f3a4b';

/** Timers in virtual time; `runNext` jumps to the earliest one and runs it. */
class VirtualClock implements Clock {
	private time = 1_753_435_158_000;
	private readonly timers = new Map<number, { at: number; callback: () => void }>();
	private nextHandle = 1;

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const handle = this.nextHandle++;
		this.timers.set(handle, { at: this.time + ms, callback });
		return handle;
	}

	clearTimeout(handle: unknown): void {
		this.timers.delete(handle as number);
	}

	runNext(): boolean {
		const next = [...this.timers.entries()].sort(([, a], [, b]) => a.at - b.at)[0];
		if (!next) {
			return false;
		}
		this.timers.delete(next[0]);
		this.time = Math.max(this.time, next[1].at);
		next[1].callback();
		return true;
	}
}

describe('Faults of the network and the server', function () {
	let server: FakeVeoServer;
	const ids = [newTaskId(), newTaskId()];

	before(async function () {
		server = await startFakeVeoServer({ token: TOKEN, tasks: ids.map((id) => runningTask({ id })) });
	});
	after(async function () {
		await server.close();
	});
	beforeEach(function () {
		server.reset();
	});

	function client(timeoutMs = 2_000): VeoClient {
		return new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs });
	}

	async function failure(promise: Promise<unknown>): Promise<VeoError> {
		try {
			await promise;
		} catch (error) {
			assert.ok(error instanceof VeoError, String(error));
			assert.ok(!error.message.includes(TOKEN));
			return error;
		}
		assert.fail('expected a failure');
	}

	/**
	 * A scheduler on a virtual clock whose polls are real retrieve_batch calls. `step` runs the next
	 * timer and waits for the poll it started; `pollTimes` are the virtual times of the polls.
	 */
	function scheduledPolling(veo: VeoClient): { scheduler: PollScheduler; clock: VirtualClock; pollTimes: number[]; step(): Promise<void> } {
		const clock = new VirtualClock();
		const start = clock.now();
		const pollTimes: number[] = [];
		let inFlight: Promise<PollOutcome> = Promise.resolve({ ok: true });
		const scheduler = new PollScheduler({
			clock,
			random: () => 0.5, // no jitter: the backoff is exactly doubling
			policy: () => DEFAULT_POLL_POLICY,
			activeTasks: () => ids.map((id) => ({ id, activeSince: start })),
			poll: (polled) => {
				pollTimes.push(clock.now());
				inFlight = fetchTasks(veo, polled).then((outcome) => {
					const error = mostActionableError(outcome.failed);
					return error ? { ok: false, transient: error.isTransient, retryAfterMs: error.retryAfterMs } : { ok: true };
				});
				return inFlight;
			},
		});
		scheduler.setEnabled(true);
		return {
			scheduler,
			clock,
			pollTimes,
			async step() {
				assert.ok(clock.runNext(), 'a poll is scheduled');
				await inFlight;
				// pollNow records the outcome and reschedules right after the poll resolves.
				await new Promise((resolve) => setImmediate(resolve));
			},
		};
	}

	const gaps = (times: number[]): number[] => times.slice(1).map((time, index) => time - times[index]);

	it('a server that never answers times out at the configured time, and the next poll retries and succeeds', async function () {
		server.enqueue({ hang: true });
		const started = Date.now();
		const error = await failure(client(400).retrieveBatch(ids));
		const took = Date.now() - started;
		assert.equal(error.kind, 'timeout');
		assert.match(error.message, /requestTimeoutSeconds/);
		assert.ok(took >= 380 && took < 1_500, `timed out after ${took} ms`);

		server.clearRequests();
		server.enqueue({ hang: true });
		const { step, pollTimes, scheduler } = scheduledPolling(client(300));
		await step(); // hangs, times out: a transient failure
		await step(); // retried after the backoff, answered
		assert.equal(server.requests.length, 2, 'one request per poll');
		assert.ok(gaps(pollTimes)[0] >= DEFAULT_POLL_POLICY.minIntervalMs, 'the retry waits the backoff');
		assert.equal(scheduler.isHalted, false);
		scheduler.dispose();
	});

	it('a connection reset is a network error that names the cause', async function () {
		server.enqueue({ reset: true });
		const error = await failure(client().retrieveBatch(ids));
		assert.equal(error.kind, 'network');
		assert.ok(error.isTransient);
		assert.match(error.message, /ECONNRESET|Could not reach/);
	});

	it('a body sent byte by byte is read when it arrives within the time, and cut by the deadline when not', async function () {
		const body = JSON.stringify({ items: [pendingTask({ id: ids[0], prompt: 'slow' })], count: 1 });
		server.enqueue({ slowBytes: { body, intervalMs: 1 } });
		const records = await client(10_000).retrieveBatch(ids);
		assert.equal(records[0]?.id, ids[0]);

		server.enqueue({ slowBytes: { body, intervalMs: 20 } });
		const started = Date.now();
		const error = await failure(client(300).retrieveBatch(ids));
		assert.equal(error.kind, 'timeout', 'the deadline covers the body, not only the headers');
		assert.ok(Date.now() - started < 1_500);
	});

	it('a run of 429s without Retry-After backs off, doubling, and counts one request per poll', async function () {
		server.failAlways({ error: 'too_many_requests' }, (req) => req.path === '/veo/tasks');
		const { step, pollTimes, scheduler } = scheduledPolling(client());
		for (let poll = 0; poll < 7; poll++) {
			await step();
		}
		assert.equal(server.requests.length, 7, 'seven polls, seven requests: no retry storm inside a poll');
		const waits = gaps(pollTimes);
		assert.deepEqual(
			waits,
			[10_000, 20_000, 40_000, 80_000, 160_000, 300_000].map((backoff) => Math.max(backoff, DEFAULT_POLL_POLICY.minIntervalMs)),
			'10 s doubling up to the 5-minute ceiling',
		);
		server.failAlways(undefined);
		await step();
		assert.equal(server.requests.length, 8);
		const afterRecovery = scheduler.nextPollAt;
		assert.ok(
			afterRecovery !== undefined && afterRecovery - pollTimes[pollTimes.length - 1] <= DEFAULT_POLL_POLICY.maxIntervalMs,
			'back to the normal schedule',
		);
		scheduler.dispose();
	});

	it('a run of 429s with Retry-After waits at least that long each time', async function () {
		server.failAlways({ error: 'too_many_requests', retryAfter: 120 }, (req) => req.path === '/veo/tasks');
		const { step, pollTimes, scheduler } = scheduledPolling(client());
		for (let poll = 0; poll < 4; poll++) {
			await step();
		}
		assert.equal(server.requests.length, 4);
		const waits = gaps(pollTimes);
		assert.deepEqual(waits, [120_000, 120_000, 120_000], 'Retry-After (120 s) rules while it is longer than the backoff');
		scheduler.dispose();
	});

	it('500 on one chunk of three: the other two are applied, the failed one keeps its tasks and is marked stale', async function () {
		const many = Array.from({ length: 150 }, () => newTaskId());
		for (const id of many) {
			server.setTask(runningTask({ id }));
		}
		let seen = 0;
		server.enqueue({ error: 'api_error' }, () => ++seen === 2);
		const outcome = await fetchTasks(client(), many);
		assert.equal(server.requests.length, 3);
		assert.equal(outcome.failed.length, 1);
		assert.equal(outcome.failed[0].ids.length, 50);
		assert.equal(outcome.found.size, 100);
		const list = new TaskList();
		list.add(many, Date.now());
		list.applyFetch(outcome, Date.now());
		assert.equal(list.size, 150, 'no tracked ID is lost');
		assert.equal(list.all().filter((task) => task.summary.state === 'running').length, 100);
		assert.equal(list.all().filter((task) => task.staleReason !== undefined).length, 50);
	});

	it('a redirect is refused: the token is never carried to another origin', async function () {
		const other = await startFakeVeoServer();
		try {
			server.enqueue({ status: 302, headers: { location: `${other.url}/veo/tasks` } });
			const error = await failure(client().retrieveBatch(ids));
			assert.ok(['network', 'badResponse', 'badRequest', 'server'].includes(error.kind), error.kind);
			assert.equal(other.requests.length, 0, 'nothing reached the other port');
		} finally {
			await other.close();
		}
	});

	it('requests go to the configured origin only, whatever the records say', async function () {
		server.setTask({ ...runningTask({ id: ids[0] }), callback_url: 'https://evil.example/cb', request: { callback_url: 'http://127.0.0.2:1/x' } });
		await client().retrieveBatch(ids);
		assert.ok(server.requests.every((req) => req.path === '/veo/tasks'));
	});

	it('downloading a video sends no token and no cookie', async function () {
		const folder = mkdtempSync(path.join(tmpdir(), 'veo-download-'));
		try {
			const target = path.join(folder, 'video.mp4');
			const bytes = await downloadToFile(new URL(server.sampleVideoUrl), target);
			assert.equal(bytes, readFileSync(target).length);
			const [request] = server.requestsFor('/files/sample.mp4');
			assert.ok(request);
			assert.equal(request.headers.authorization, undefined);
			assert.equal(request.headers.cookie, undefined);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	it('a server that echoes the token in its message and trace ID gets neither shown nor logged', async function () {
		server.enqueue({ status: 401, body: { success: false, error: { code: 'invalid_token', message: `bad token ${TOKEN}` }, trace_id: `trace ${TOKEN}` } });
		const logged: string[] = [];
		const veo = new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: 2_000, onRequest: (entry) => logged.push(JSON.stringify(entry)) });
		const error = await failure(veo.retrieveBatch(ids));
		assert.equal(error.kind, 'auth');
		assert.ok(!error.message.includes(TOKEN) && !error.traceId?.includes(TOKEN), `${error.message} / ${error.traceId}`);
		assert.ok(error.message.includes('[token]') && error.traceId === 'trace [token]');
		assert.ok(logged.length === 1 && !logged[0].includes(TOKEN));
	});

	it('knows which base URLs would send the token in clear', function () {
		assert.equal(sendsTokenInClear('https://api.acedata.cloud'), false);
		assert.equal(sendsTokenInClear('http://127.0.0.1:8080'), false);
		assert.equal(sendsTokenInClear('http://localhost:8080/'), false);
		assert.equal(sendsTokenInClear('http://[::1]:8080'), false);
		assert.equal(sendsTokenInClear('http://gateway.internal'), true);
		assert.equal(sendsTokenInClear('http://0.0.0.0:8080'), true);
		assert.equal(sendsTokenInClear('http://10.0.0.5'), true);
		assert.equal(sendsTokenInClear('not a url'), false);
	});
});
