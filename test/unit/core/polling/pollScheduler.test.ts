/**
 * PollScheduler and pollPolicy on a virtual clock: the adaptive schedule, backoff, pause and
 * catch-up, manual refreshes, and stopping when nothing is pending. No real waiting.
 */
import * as assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_POLL_POLICY, latestCheckAge, pollPolicyFromSettings, type PollPolicy } from '../../../../src/core/polling/pollPolicy';
import { PollScheduler, type PollOutcome, type PollTask } from '../../../../src/core/polling/pollScheduler';
import { mulberry32 } from '../../../support/seededRandom';
import { VirtualClock } from '../../../support/virtualClock';

interface PollCall {
	at: number;
	ids: string[];
}

interface Harness {
	clock: VirtualClock;
	scheduler: PollScheduler;
	tasks: PollTask[];
	calls: PollCall[];
	/** Outcomes (or pending promises) for the next polls, in order; `{ ok: true }` when empty. */
	outcomes: (PollOutcome | Promise<PollOutcome> | Error)[];
	add(id: string, activeSince?: number): void;
	finish(...ids: string[]): void;
	times(): number[];
	gaps(): number[];
}

function harness(options: { policy?: PollPolicy; random?: () => number; enabled?: boolean } = {}): Harness {
	const clock = new VirtualClock();
	const tasks: PollTask[] = [];
	const calls: PollCall[] = [];
	const outcomes: Harness['outcomes'] = [];
	const policy = options.policy ?? DEFAULT_POLL_POLICY;
	const scheduler = new PollScheduler({
		clock,
		random: options.random ?? (() => 0.5),
		policy: () => policy,
		activeTasks: () => tasks,
		poll: async (ids) => {
			calls.push({ at: clock.now(), ids: [...ids] });
			const next = outcomes.shift();
			if (next instanceof Error) {
				throw next;
			}
			return next ?? { ok: true };
		},
	});
	const h: Harness = {
		clock,
		scheduler,
		tasks,
		calls,
		outcomes,
		add(id, activeSince = clock.now()) {
			tasks.push({ id, activeSince });
			scheduler.tasksChanged();
		},
		finish(...ids) {
			for (const id of ids) {
				tasks.splice(
					tasks.findIndex((task) => task.id === id),
					1,
				);
			}
			scheduler.tasksChanged();
		},
		times: () => calls.map((call) => call.at),
		gaps: () => calls.slice(1).map((call, i) => call.at - calls[i].at),
	};
	if (options.enabled ?? true) {
		scheduler.setEnabled(true);
	}
	return h;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('pollPolicy', function () {
	const policy = DEFAULT_POLL_POLICY;

	it('the latest a task may wait: the early check until one is made from a third of its age on, then the maximum interval', function () {
		assert.equal(latestCheckAge(0, policy), policy.earlyCheckMs);
		assert.equal(latestCheckAge(policy.earlyCheckMs / 3 - 1, policy), policy.earlyCheckMs);
		assert.equal(latestCheckAge(policy.earlyCheckMs / 3, policy), policy.earlyCheckMs / 3 + policy.maxIntervalMs);
		assert.equal(latestCheckAge(3 * 3600 * SECOND, policy), 3 * 3600 * SECOND + policy.maxIntervalMs);
	});

	it('settings: the minimum never below 2 s, the maximum never below the minimum, the early check never before the minimum', function () {
		const tiny = pollPolicyFromSettings(0.5, 1);
		assert.equal(tiny.minIntervalMs, 2000);
		assert.equal(tiny.maxIntervalMs, 2000);
		const slow = pollPolicyFromSettings(30, 20);
		assert.equal(slow.minIntervalMs, 30_000);
		assert.equal(slow.maxIntervalMs, 30_000);
		assert.equal(slow.earlyCheckMs, 30_000);
		const broken = pollPolicyFromSettings(Number.NaN, Number.NaN);
		assert.equal(broken.minIntervalMs, DEFAULT_POLL_POLICY.minIntervalMs);
		assert.equal(broken.maxIntervalMs, DEFAULT_POLL_POLICY.maxIntervalMs);
	});

	it('backoff doubles from the minimum, jitters by ±20%, never exceeds maxBackoff, and honours Retry-After as a floor', function () {
		assert.equal(
			backoffDelay(1, policy, () => 0.5),
			policy.minIntervalMs,
		);
		assert.equal(
			backoffDelay(3, policy, () => 0.5),
			4 * policy.minIntervalMs,
		);
		assert.equal(
			backoffDelay(1, policy, () => 0),
			0.8 * policy.minIntervalMs,
		);
		assert.equal(
			backoffDelay(1, policy, () => 0.999_999),
			1.2 * policy.minIntervalMs - 0.4 * policy.minIntervalMs * 0.000_001,
		);
		for (const r of [0, 0.5, 0.999_999]) {
			assert.ok(backoffDelay(50, policy, () => r) <= policy.maxBackoffMs, `random ${r}`);
		}
		assert.equal(
			backoffDelay(1, policy, () => 0.999_999, 120_000),
			120_000,
		);
		// A server that asks for more than our ceiling gets what it asked for.
		assert.equal(
			backoffDelay(50, policy, () => 0.5, 20 * MINUTE),
			20 * MINUTE,
		);
	});
});

describe('PollScheduler (virtual clock)', function () {
	const policy = DEFAULT_POLL_POLICY;

	it('no active tasks: no timer and no poll', async function () {
		const h = harness();
		assert.equal(h.clock.pending, 0);
		assert.equal(h.scheduler.nextPollAt, undefined);
		h.scheduler.tasksChanged();
		await h.clock.advance(30 * MINUTE);
		assert.equal(h.calls.length, 0);
		assert.equal(h.clock.pending, 0);
		// Even asked directly, it sends nothing for nothing.
		await h.scheduler.pollNow();
		assert.equal(h.calls.length, 0);
	});

	it("one task, nothing learned: the early check at 15 s, quiet while the provider's 1 to 5 minutes have not begun, then between the minimum and the maximum interval, at the maximum past the tail", async function () {
		const h = harness();
		h.add('a');
		assert.equal(h.scheduler.nextPollAt, 15 * SECOND);
		await h.clock.advance(2 * 3600 * SECOND);
		const times = h.times();
		assert.equal(times[0], 15 * SECOND);
		// Nothing finishes before 54 s under the prior (60 s less its 10% spread): no poll is worth it.
		assert.ok(times[1] > 54 * SECOND && times[1] <= 15 * SECOND + policy.maxIntervalMs, `second poll at ${times[1]} ms`);
		const gaps = h.gaps();
		for (const gap of gaps) {
			assert.ok(gap >= policy.minIntervalMs && gap <= policy.maxIntervalMs, `gap ${gap} ms`);
		}
		// Within the provider's range (1 to 5 min) the polls are dense; past its tail (15 min) at the maximum.
		const within = times.filter((t) => t >= MINUTE && t <= 5 * MINUTE).length;
		assert.ok(within >= 15, `${within} polls between 1 and 5 minutes`);
		assert.ok(
			h.calls.filter((call) => call.at > 20 * MINUTE).every((call, i, late) => i === 0 || call.at - late[i - 1].at === policy.maxIntervalMs),
			'an old task is polled at the maximum interval',
		);
		assert.ok(h.calls.every((call) => call.ids.length === 1 && call.ids[0] === 'a'));
	});

	it('one poll covers every active task', async function () {
		const h = harness();
		h.add('a');
		await h.clock.advance(4 * SECOND);
		h.add('b');
		await h.clock.advance(4 * SECOND);
		h.add('c');
		await h.clock.advanceTo(15 * SECOND);
		assert.equal(h.calls.length, 1, "one poll at the first task's early check");
		assert.deepEqual([...h.calls[0].ids].sort(), ['a', 'b', 'c']);
		await h.clock.advance(10 * MINUTE);
		assert.ok(h.calls.every((call) => call.ids.length === 3));
	});

	it('many tasks added one after another: polls are never closer than the minimum interval', async function () {
		const h = harness();
		for (let i = 0; i < 200; i++) {
			h.add(`t${i}`);
			await h.clock.advance(1500);
		}
		await h.clock.advance(10 * MINUTE);
		const gaps = h.gaps();
		assert.ok(h.calls.length > 10);
		assert.ok(Math.min(...gaps) >= policy.minIntervalMs, `shortest gap ${Math.min(...gaps)} ms`);
		// While young tasks keep coming, each wants its early check: no gap is longer than that.
		// (Before issue 19 the gaps were exactly the minimum; a task checked from 5 s of age on has had its early check.)
		assert.ok(
			gaps.slice(0, 25).every((gap) => gap <= policy.earlyCheckMs),
			gaps.slice(0, 25).join(', '),
		);
		assert.equal(h.calls.at(-1)?.ids.length, 200);
	});

	it('429 with Retry-After: the next poll waits at least that long', async function () {
		const h = harness({ random: () => 0 });
		h.add('a');
		h.outcomes.push({ ok: false, transient: true, retryAfterMs: 2 * MINUTE });
		await h.clock.advanceTo(15 * SECOND);
		assert.equal(h.calls.length, 1);
		assert.equal(h.scheduler.nextPollAt, 15 * SECOND + 2 * MINUTE);
		await h.clock.advance(2 * MINUTE - 1);
		assert.equal(h.calls.length, 1, 'nothing before Retry-After is up');
		await h.clock.advance(1);
		assert.equal(h.calls.length, 2);
		assert.equal(h.calls[1].at - h.calls[0].at, 2 * MINUTE);
	});

	it('repeated transient failures back off exponentially with jitter up to maxBackoff, and the schedule recovers after a success', async function () {
		const seed = 20_240_601;
		const h = harness({ random: mulberry32(seed) });
		h.add('a');
		const failures = 10;
		for (let i = 0; i < failures; i++) {
			h.outcomes.push({ ok: false, transient: true });
		}
		await h.clock.advanceTo(15 * SECOND);
		while (h.calls.length < failures + 1) {
			await h.clock.advance(MINUTE);
		}
		const gaps = h.gaps();
		const backoffs = gaps.slice(0, failures);
		const nominal = backoffs.map((_, i) => Math.min(policy.maxBackoffMs, policy.minIntervalMs * 2 ** i));
		backoffs.forEach((gap, i) => {
			assert.ok(gap >= 0.8 * nominal[i] - 1 && gap <= 1.2 * nominal[i] + 1, `backoff ${i + 1}: ${gap} ms, nominal ${nominal[i]} ms`);
			assert.ok(gap <= policy.maxBackoffMs, `backoff ${i + 1}: ${gap} ms beyond maxBackoff`);
		});
		// Exponential: each of the first few waits is well above the one before.
		for (let i = 1; i < 5; i++) {
			assert.ok(backoffs[i] > 1.3 * backoffs[i - 1], `backoff ${i + 1} (${backoffs[i]}) vs ${backoffs[i - 1]}`);
		}
		// Jitter: below the ceiling the waits are not exactly the nominal ones, nor all on one side of them.
		// (The first wait is floored by the minimum interval between polls, so it starts at the second.)
		assert.ok(backoffs[0] >= policy.minIntervalMs);
		const below = backoffs.slice(1, 5).map((gap, i) => gap / nominal[i + 1]);
		assert.ok(
			below.every((ratio) => ratio !== 1),
			below.join(', '),
		);
		assert.ok(below.some((ratio) => ratio < 1) && below.some((ratio) => ratio > 1), below.join(', '));
		// The last ones sit at the ceiling (jittered below it at most).
		assert.ok(backoffs.slice(-3).every((gap) => gap >= 0.8 * policy.maxBackoffMs));

		// The 11th poll succeeded: the next follows the task's age again, not the backoff.
		const success = h.calls[failures];
		const expected = (h.scheduler.nextPollAt ?? Number.NaN) - success.at;
		assert.ok(expected >= policy.minIntervalMs, `next poll ${expected} ms after the success`);
		await h.clock.advance(expected);
		assert.equal(h.calls.length, failures + 2);
		assert.equal(h.calls[failures + 1].at - success.at, expected);
		assert.ok(expected < policy.maxBackoffMs && expected <= policy.maxIntervalMs);
	});

	it('a poll that throws counts as a transient failure and backs off', async function () {
		const h = harness({ random: () => 0.5 });
		h.add('a');
		h.outcomes.push(new Error('socket hang up'));
		await h.clock.advanceTo(15 * SECOND);
		assert.equal(h.calls.length, 1);
		assert.equal(h.scheduler.isHalted, false);
		assert.equal(h.scheduler.nextPollAt, 15 * SECOND + policy.minIntervalMs);
	});

	it('a non-transient failure halts polling until resume()', async function () {
		const h = harness();
		h.add('a');
		h.outcomes.push({ ok: false, transient: false });
		await h.clock.advanceTo(15 * SECOND);
		assert.equal(h.calls.length, 1);
		assert.equal(h.scheduler.isHalted, true);
		assert.equal(h.clock.pending, 0);
		assert.equal(h.scheduler.nextPollAt, undefined);
		h.add('b');
		await h.clock.advance(60 * MINUTE);
		assert.equal(h.calls.length, 1, 'still halted after tasks changed and an hour went by');
		h.scheduler.resume();
		assert.equal(h.scheduler.isHalted, false);
		await h.clock.advance(0);
		assert.equal(h.calls.length, 2, 'the overdue poll runs at once after resume()');
		assert.deepEqual([...h.calls[1].ids].sort(), ['a', 'b']);
	});

	it('a successful manual refresh lifts a halt', async function () {
		const h = harness();
		h.add('a');
		h.outcomes.push({ ok: false, transient: false });
		await h.clock.advanceTo(15 * SECOND);
		assert.equal(h.scheduler.isHalted, true);
		await h.clock.advance(MINUTE);
		h.scheduler.recordRefresh(['a'], { ok: true });
		assert.equal(h.scheduler.isHalted, false);
		assert.ok(h.scheduler.nextPollAt !== undefined);
	});

	it('paused: no polls; on resume exactly one catch-up poll when one came due', async function () {
		const h = harness();
		h.add('a');
		h.scheduler.setPaused(true);
		assert.equal(h.clock.pending, 0);
		await h.clock.advance(5 * MINUTE);
		assert.equal(h.calls.length, 0);
		h.scheduler.setPaused(false);
		await h.clock.advance(0);
		assert.equal(h.calls.length, 1, 'one catch-up poll');
		assert.equal(h.calls[0].at, 5 * MINUTE);
		// Then the schedule goes on from the task's age, not with a burst of missed polls.
		const interval = (h.scheduler.nextPollAt ?? Number.NaN) - 5 * MINUTE;
		assert.ok(interval >= policy.minIntervalMs && interval <= policy.maxIntervalMs, String(interval));
		await h.clock.advance(interval - 1);
		assert.equal(h.calls.length, 1);
		await h.clock.advance(1);
		assert.equal(h.calls.length, 2);
		assert.equal(h.calls[1].at, 5 * MINUTE + interval);
	});

	it('paused and resumed before anything came due: no catch-up poll, the next one at its due time', async function () {
		const h = harness();
		h.add('a');
		await h.clock.advance(5 * SECOND);
		h.scheduler.setPaused(true);
		await h.clock.advance(5 * SECOND);
		h.scheduler.setPaused(false);
		await h.clock.advance(0);
		assert.equal(h.calls.length, 0);
		assert.equal(h.scheduler.nextPollAt, 15 * SECOND);
		await h.clock.advanceTo(15 * SECOND);
		assert.deepEqual(h.times(), [15 * SECOND]);
	});

	it('resuming from a pause sends nothing while automatic polling is off or halted', async function () {
		const off = harness({ enabled: false });
		off.add('a');
		off.scheduler.setPaused(true);
		await off.clock.advance(5 * MINUTE);
		off.scheduler.setPaused(false);
		await off.clock.advance(5 * MINUTE);
		assert.equal(off.calls.length, 0, 'autoRefresh off: focus coming back must not poll');

		const halted = harness();
		halted.add('a');
		halted.outcomes.push({ ok: false, transient: false });
		await halted.clock.advanceTo(15 * SECOND);
		assert.equal(halted.scheduler.isHalted, true);
		halted.scheduler.setPaused(true);
		await halted.clock.advance(5 * MINUTE);
		halted.scheduler.setPaused(false);
		await halted.clock.advance(5 * MINUTE);
		assert.equal(halted.calls.length, 1, 'halted (e.g. bad token): focus coming back must not poll');
	});

	it('a manual refresh (recordRefresh) counts as a poll and pushes the next one back', async function () {
		const h = harness();
		h.add('a');
		await h.clock.advance(10 * SECOND);
		h.scheduler.recordRefresh(['a'], { ok: true });
		// A check at 10 s of age is the early check: the 15-s one is not made (before issue 19 it moved to 20 s).
		const next = h.scheduler.nextPollAt ?? Number.NaN;
		assert.ok(next > 54 * SECOND && next <= 70 * SECOND, String(next));
		await h.clock.advanceTo(50 * SECOND);
		assert.deepEqual(h.times(), []);
		h.scheduler.recordRefresh(['a'], { ok: true });
		assert.ok((h.scheduler.nextPollAt ?? 0) >= 60 * SECOND, 'never sooner than the minimum interval after the manual refresh');
		assert.ok((h.scheduler.nextPollAt ?? 0) > next, 'pushed back by the manual refresh');
	});

	it('a failed manual refresh backs off like a failed poll', async function () {
		const h = harness({ random: () => 0.5 });
		h.add('a');
		await h.clock.advance(10 * SECOND);
		h.scheduler.recordRefresh(['a'], { ok: false, transient: true, retryAfterMs: 45 * SECOND });
		assert.equal(h.scheduler.nextPollAt, 55 * SECOND);
	});

	it('pollNow while a poll is in flight does not start a second one', async function () {
		const h = harness();
		h.add('a');
		const answer = deferred<PollOutcome>();
		h.outcomes.push(answer.promise);
		await h.clock.advanceTo(15 * SECOND);
		assert.equal(h.calls.length, 1);
		await h.clock.advance(5 * SECOND);
		const second = h.scheduler.pollNow();
		const third = h.scheduler.pollNow();
		assert.equal(h.clock.pending, 0, 'no timer while a poll is in flight');
		await second;
		await third;
		await h.clock.advance(5 * SECOND);
		assert.equal(h.calls.length, 1, 'no second poll while the first is in flight');
		// A manual refresh that finishes meanwhile is recorded but schedules nothing yet.
		h.scheduler.recordRefresh(['a'], { ok: true });
		assert.equal(h.clock.pending, 0);
		answer.resolve({ ok: true });
		await h.clock.advance(0);
		assert.equal(h.calls.length, 1);
		const next = h.scheduler.nextPollAt ?? Number.NaN;
		assert.ok(next >= 25 * SECOND, `scheduled again once the poll finished, at ${next}`);
		await h.clock.advanceTo(next);
		assert.equal(h.calls.length, 2);
	});

	it('tasksChanged with every task finished stops polling', async function () {
		const h = harness();
		h.add('a');
		h.add('b');
		await h.clock.advanceTo(80 * SECOND);
		assert.equal(h.calls.length, 2);
		h.finish('a');
		assert.ok(h.scheduler.nextPollAt !== undefined);
		h.finish('b');
		assert.equal(h.scheduler.nextPollAt, undefined);
		assert.equal(h.clock.pending, 0);
		await h.clock.advance(60 * MINUTE);
		assert.equal(h.calls.length, 2);
	});

	it('a task that finishes during a poll is not asked about again', async function () {
		const h = harness();
		h.add('a');
		h.add('b');
		// The poll learns that 'a' finished; the refresher fires tasksChanged while the poll is in flight.
		const answer = deferred<PollOutcome>();
		h.outcomes.push(answer.promise);
		await h.clock.advanceTo(15 * SECOND);
		h.finish('a');
		answer.resolve({ ok: true });
		await h.clock.advance(10 * MINUTE);
		assert.ok(h.calls.length > 2);
		assert.ok(h.calls.slice(1).every((call) => call.ids.length === 1 && call.ids[0] === 'b'));
	});

	it('disabled: nothing is scheduled; enabling starts the schedule; dispose stops it', async function () {
		const h = harness({ enabled: false });
		h.add('a');
		await h.clock.advance(MINUTE);
		assert.equal(h.calls.length, 0);
		h.scheduler.setEnabled(true);
		await h.clock.advance(0);
		assert.equal(h.calls.length, 1, 'the overdue early check runs at once');
		h.scheduler.dispose();
		assert.equal(h.clock.pending, 0);
		await h.clock.advance(10 * MINUTE);
		assert.equal(h.calls.length, 1);
	});

	it('a task that starts again counts its age from the new start', async function () {
		const h = harness();
		h.add('a');
		await h.clock.advanceTo(10 * MINUTE);
		const before = h.calls.length;
		h.tasks[0] = { id: 'a', activeSince: h.clock.now() };
		h.scheduler.tasksChanged();
		// Young again: the early check 15 s after the new start.
		assert.equal(h.scheduler.nextPollAt, 10 * MINUTE + 15 * SECOND);
		await h.clock.advance(15 * SECOND);
		assert.equal(h.calls.length, before + 1);
	});
});

describe("PollScheduler: the server's age and giving up", function () {
	it('a task pasted three minutes after it started is polled as a three-minute-old task', async function () {
		const h = harness();
		await h.clock.advanceTo(10 * MINUTE);
		// Created on the server three minutes ago: no early check and no quiet first minute.
		h.add('old', h.clock.now() - 3 * MINUTE);
		await h.clock.advance(SECOND);
		assert.deepEqual(h.times(), [10 * MINUTE], 'asked at once');
		await h.clock.advance(2 * MINUTE);
		const gaps = h.gaps();
		assert.ok(gaps.length >= 3, `polled on the 3-minute schedule, not left quiet: ${gaps}`);
		// Past the first minute the gap is minInterval plus growth with age: 10 s + 120..300 s × 20 ms/s.
		for (const gap of gaps) {
			assert.ok(gap >= DEFAULT_POLL_POLICY.minIntervalMs && gap <= DEFAULT_POLL_POLICY.minIntervalMs + 200 * 20 + SECOND, `gap ${gap}`);
		}
	});

	it('the same task counted from when it was tracked would wait for the quiet minute', async function () {
		const h = harness();
		await h.clock.advanceTo(10 * MINUTE);
		h.add('young');
		await h.clock.advance(59 * SECOND);
		assert.equal(h.calls.length, 1, 'only the early check in its first minute');
	});

	it('stops polling a task at its give-up time, and polls the others as before', async function () {
		const h = harness();
		h.tasks.push({ id: 'stuck', activeSince: 0, giveUpAt: 30 * MINUTE });
		h.scheduler.tasksChanged();
		await h.clock.advanceTo(2 * 3600 * SECOND);
		const last = Math.max(...h.times());
		assert.ok(last < 30 * MINUTE, `last poll at ${last / MINUTE} min`);
		const before = h.calls.length;
		assert.ok(before > 20, 'polled while it was young enough');
		assert.equal(h.clock.pending, 0, 'no timer left for a given-up task');
		h.add('fresh');
		await h.clock.advance(20 * SECOND);
		assert.deepEqual(h.calls.at(-1)?.ids, ['fresh'], 'a new task is polled alone');
	});

	it('a task already past its give-up time is never polled automatically; a manual refresh still may', async function () {
		const h = harness();
		await h.clock.advanceTo(3 * 3600 * SECOND);
		h.tasks.push({ id: 'stalled', activeSince: 0, giveUpAt: 30 * MINUTE });
		h.scheduler.tasksChanged();
		await h.clock.advance(10 * MINUTE);
		assert.equal(h.calls.length, 0);
		await h.scheduler.pollNow();
		assert.equal(h.calls.length, 0, 'pollNow polls only what is worth polling');
		h.scheduler.recordRefresh(['stalled'], { ok: true });
		await h.clock.advance(10 * MINUTE);
		assert.equal(h.calls.length, 0, 'a manual refresh does not revive the schedule');
	});

	it('without a give-up time a stuck task is polled for as long as it runs', async function () {
		const h = harness();
		h.add('stuck', 0);
		await h.clock.advanceTo(2 * 3600 * SECOND);
		assert.ok(Math.max(...h.times()) > 119 * MINUTE);
		// Two hours at most one poll a minute after the first minutes: about 120.
		assert.ok(h.calls.length > 100, String(h.calls.length));
	});
});
