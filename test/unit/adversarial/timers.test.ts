/**
 * A huge wait must not become no wait. setTimeout fires a delay past 2^31-1 ms
 * at once, so an unbounded Retry-After or poll interval turned into hundreds of requests a second.
 * These tests run the real scheduler on the real clock against the fake API for a fixed moment and
 * count the requests the fake received (a count, not a time).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VeoClient } from '../../../src/core/api/veoClient';
import { parseRetryAfter } from '../../../src/core/api/veoError';
import { DEFAULT_POLL_POLICY, pollPolicyFromSettings, type PollPolicy } from '../../../src/core/polling/pollPolicy';
import { PollScheduler, systemClock } from '../../../src/core/polling/pollScheduler';
import { fetchTasks, mostActionableError } from '../../../src/core/tasks/taskFetcher';
import { clampTimerDelay, MAX_RETRY_AFTER_MS, MAX_TIMER_DELAY_MS } from '../../../src/core/util/timers';
import { clampSetting, SETTING_RANGES } from '../../../src/services/settingRanges';
import { startFakeVeoServer, type FakeVeoServer } from '../../fakeApi/fakeVeoServer';
import { newTaskId, runningTask } from '../../fakeApi/records';
import { REPO_ROOT } from '../../support/repoRoot';

const TOKEN = 'timers-test-token';
const WATCH_MS = 700;

describe('timers, Retry-After and settings stay bounded', function () {
	let server: FakeVeoServer;
	const id = newTaskId();

	beforeEach(async function () {
		server = await startFakeVeoServer({ token: TOKEN, tasks: [runningTask({ id })] });
	});
	afterEach(async function () {
		await server.close();
	});

	/** The real scheduler on the real clock, one task due at once; returns it and what it last reported. */
	function poller(policy: PollPolicy): { scheduler: PollScheduler; outcomes: { retryAfterMs?: number }[] } {
		const veo = new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: 2_000 });
		const outcomes: { retryAfterMs?: number }[] = [];
		// Old enough that its first check is due at once under any of these policies.
		const activeSince = Date.now() - 10_000_000_000;
		const scheduler = new PollScheduler({
			clock: systemClock,
			random: () => 0.5,
			policy: () => policy,
			activeTasks: () => [{ id, activeSince }],
			poll: async (ids) => {
				const error = mostActionableError((await fetchTasks(veo, ids)).failed);
				const outcome = error ? { ok: false, transient: error.isTransient, retryAfterMs: error.retryAfterMs } : { ok: true };
				outcomes.push(outcome);
				return outcome;
			},
		});
		scheduler.setEnabled(true);
		return { scheduler, outcomes };
	}

	const watch = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, WATCH_MS));

	it('clampTimerDelay keeps every delay within what setTimeout honours', function () {
		assert.equal(clampTimerDelay(3_000_000_000), MAX_TIMER_DELAY_MS);
		assert.equal(clampTimerDelay(Number.POSITIVE_INFINITY), MAX_TIMER_DELAY_MS);
		assert.equal(clampTimerDelay(Number.NaN), 0);
		assert.equal(clampTimerDelay(-5), 0);
		assert.equal(clampTimerDelay(1234), 1234);
	});

	it('Retry-After is capped at one hour, in seconds and as a date', function () {
		const now = Date.UTC(2026, 0, 1);
		assert.equal(parseRetryAfter('3000000', now), MAX_RETRY_AFTER_MS);
		assert.equal(parseRetryAfter('1e400'.replace('e400', '0'.repeat(400)), now), MAX_RETRY_AFTER_MS);
		assert.equal(parseRetryAfter(new Date(now + 90 * 24 * 3_600_000).toUTCString(), now), MAX_RETRY_AFTER_MS);
		assert.equal(parseRetryAfter('120', now), 120_000);
	});

	it('a 429 with Retry-After 3,000,000 leads to one request, not a storm', async function () {
		server.failAlways({ error: 'too_many_requests', retryAfter: 3_000_000 }, (req) => req.path === '/veo/tasks');
		const { scheduler, outcomes } = poller(DEFAULT_POLL_POLICY);
		await watch();
		scheduler.dispose();
		assert.equal(server.requests.length, 1, `${server.requests.length} requests in ${WATCH_MS} ms`);
		assert.equal(outcomes[0].retryAfterMs, MAX_RETRY_AFTER_MS);
		assert.ok(scheduler.isHalted === false);
	});

	it('pollIntervalSeconds 3,000,000 (unclamped) leads to one request: the scheduler waits in steps', async function () {
		const { scheduler } = poller(pollPolicyFromSettings(3_000_000, 3_000_000));
		await watch();
		const next = scheduler.nextPollAt;
		scheduler.dispose();
		assert.equal(server.requests.length, 1, `${server.requests.length} requests in ${WATCH_MS} ms`);
		assert.ok(next !== undefined && next - Date.now() > MAX_TIMER_DELAY_MS, 'the next poll is still 3e9 ms away');
	});

	it('pollIntervalSeconds 3,000,000 from settings is read as its maximum (600 s): one request', async function () {
		const seconds = clampSetting('pollIntervalSeconds', 3_000_000);
		assert.equal(seconds, 600);
		const { scheduler } = poller(pollPolicyFromSettings(seconds, clampSetting('maxPollIntervalSeconds', 3_000_000)));
		await watch();
		const next = scheduler.nextPollAt;
		scheduler.dispose();
		assert.equal(server.requests.length, 1);
		assert.ok(next !== undefined && next - Date.now() <= 3_600_000 && next - Date.now() > 500_000, 'next poll within the ranges');
	});

	it('clampSetting keeps every numeric setting within the range package.json declares', function () {
		const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
			contributes: { configuration: { properties: Record<string, { type: string; minimum?: number; maximum?: number; default?: number }> } };
		};
		const numeric = Object.entries(manifest.contributes.configuration.properties).filter(([, schema]) => schema.type === 'number');
		assert.deepEqual(numeric.map(([key]) => key.replace('veoTasks.', '')).sort(), Object.keys(SETTING_RANGES).sort(), 'every numeric setting has a range');
		for (const [key, schema] of numeric) {
			const name = key.replace('veoTasks.', '') as keyof typeof SETTING_RANGES;
			assert.deepEqual(SETTING_RANGES[name], { minimum: schema.minimum, maximum: schema.maximum, default: schema.default }, key);
			assert.equal(clampSetting(name, 3_000_000), schema.maximum);
			assert.equal(clampSetting(name, -1), schema.minimum);
			assert.equal(clampSetting(name, Number.NaN), schema.default);
			assert.equal(clampSetting(name, '7'), schema.default);
		}
	});
});
