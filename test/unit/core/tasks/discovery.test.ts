/**
 * Discovery's timing on a fake clock: at most one look a minute while the view is visible or a task
 * is active, nothing at all otherwise, one look at once on regaining focus after a minute or more.
 */
import * as assert from 'node:assert/strict';
import type { Clock } from '../../../../src/core/polling/pollScheduler';
import {
	DISCOVERY_INTERVAL_MS,
	DISCOVERY_OVERLAP_MS,
	DiscoverySchedule,
	discoveryWanted,
	discoveryWindow,
	newlyFound,
	nextLookDelay,
	type DiscoveryConditions,
} from '../../../../src/core/tasks/discovery';

/** Timers kept in a list; `tick` moves time forward one second at a time and fires what came due. */
class FakeClock implements Clock {
	time = 1_000_000;
	private queue: { at: number; run: () => void }[] = [];

	now(): number {
		return this.time;
	}

	setTimeout(run: () => void, ms: number): unknown {
		const entry = { at: this.time + ms, run };
		this.queue.push(entry);
		return entry;
	}

	clearTimeout(handle: unknown): void {
		this.queue = this.queue.filter((entry) => entry !== handle);
	}

	async tick(ms: number): Promise<void> {
		const end = this.time + ms;
		while (this.time <= end) {
			const due = this.queue.filter((entry) => entry.at <= this.time);
			this.queue = this.queue.filter((entry) => entry.at > this.time);
			for (const entry of due) {
				entry.run();
			}
			// Let a look's promise settle before time moves on.
			for (let i = 0; i < 5; i++) {
				await Promise.resolve();
			}
			this.time += 1000;
		}
		this.time = end;
	}
}

const awake: DiscoveryConditions = {
	enabled: true,
	hasToken: true,
	focused: true,
	pauseWhenUnfocused: true,
	autoRefresh: true,
	viewVisible: true,
	anyActive: false,
};

describe('Discovery schedule', function () {
	it('looks only with a token, auto refresh on, the setting on, and something to show or poll', function () {
		assert.equal(discoveryWanted(awake), true);
		assert.equal(discoveryWanted({ ...awake, viewVisible: false, anyActive: true }), true);
		for (const off of [{ enabled: false }, { hasToken: false }, { autoRefresh: false }, { viewVisible: false }, { focused: false }]) {
			assert.equal(discoveryWanted({ ...awake, ...off }), false, JSON.stringify(off));
		}
		// Unfocused windows look too when polling does not pause for focus.
		assert.equal(discoveryWanted({ ...awake, focused: false, pauseWhenUnfocused: false }), true);
		// ...but only the window focused last: another window's workspace gets the new tasks.
		assert.equal(discoveryWanted({ ...awake, focused: false, pauseWhenUnfocused: false, focusedLast: false }), false);
		assert.equal(discoveryWanted({ ...awake, focused: true, focusedLast: false }), true);
	});

	it('the next look comes a minute after the last one, or at once when none was made', function () {
		assert.equal(nextLookDelay(awake, undefined, 5000), 0);
		assert.equal(nextLookDelay(awake, 5000, 20_000), DISCOVERY_INTERVAL_MS - 15_000);
		assert.equal(nextLookDelay(awake, 5000, 5000 + 3 * DISCOVERY_INTERVAL_MS), 0);
		assert.equal(nextLookDelay({ ...awake, viewVisible: false }, 5000, 90_000), undefined);
	});

	it('asks from a little before the last look until now, in unix seconds', function () {
		const since = 1_700_000_000_500;
		assert.deepEqual(discoveryWindow(since, since + 60_000), {
			createdAtMin: Math.floor((since - DISCOVERY_OVERLAP_MS) / 1000),
			createdAtMax: Math.ceil((since + 60_000) / 1000),
		});
		// Nothing from before discovery was turned on, whatever the overlap.
		assert.equal(discoveryWindow(since, since + 60_000, since - 30_000).createdAtMin, Math.floor((since - 30_000) / 1000));
		assert.equal(discoveryWindow(since, since + 60_000, since).createdAtMin, Math.floor(since / 1000));
	});

	it('brings back neither tracked nor removed tasks', function () {
		assert.deepEqual(
			newlyFound(
				['a', 'b', 'c', 'a', 'd'],
				(id) => id === 'b',
				(id) => id === 'c',
			),
			['a', 'd'],
		);
	});

	it('makes at most one look a minute over an hour with the view visible', async function () {
		const clock = new FakeClock();
		const schedule = new DiscoverySchedule(
			clock,
			() => awake,
			async () => undefined,
		);
		schedule.update();
		await clock.tick(60 * 60_000);
		// One at once, then one a minute: 61 in 60 minutes (the last falls on the hour).
		assert.equal(schedule.looks, 61);
		schedule.dispose();
	});

	it('sends nothing with the view hidden and nothing active, and starts when a task becomes active', async function () {
		const clock = new FakeClock();
		let conditions: DiscoveryConditions = { ...awake, viewVisible: false };
		const schedule = new DiscoverySchedule(
			clock,
			() => conditions,
			async () => undefined,
		);
		schedule.update();
		await clock.tick(30 * 60_000);
		assert.equal(schedule.looks, 0);
		conditions = { ...conditions, anyActive: true };
		schedule.update();
		await clock.tick(2 * 60_000 + 500);
		assert.equal(schedule.looks, 3);
		schedule.dispose();
	});

	it('a view hidden between schedule and timer cancels the look', async function () {
		const clock = new FakeClock();
		let conditions = awake;
		const schedule = new DiscoverySchedule(
			clock,
			() => conditions,
			async () => undefined,
		);
		schedule.update();
		await clock.tick(0);
		assert.equal(schedule.looks, 1);
		// Hidden without anyone calling update(): the timer fires and finds nothing wanted.
		conditions = { ...awake, viewVisible: false };
		await clock.tick(5 * 60_000);
		assert.equal(schedule.looks, 1);
		schedule.dispose();
	});

	it('looks once on regaining focus after a minute or more, not after a few seconds', async function () {
		const clock = new FakeClock();
		let conditions = awake;
		const schedule = new DiscoverySchedule(
			clock,
			() => conditions,
			async () => undefined,
		);
		schedule.update();
		await clock.tick(0);
		assert.equal(schedule.looks, 1);
		conditions = { ...awake, focused: false };
		schedule.update();
		await clock.tick(10 * 60_000);
		assert.equal(schedule.looks, 1, 'nothing while unfocused');
		conditions = awake;
		schedule.update();
		await clock.tick(0);
		assert.equal(schedule.looks, 2, 'one look on regaining focus');
		// Away for 10 seconds: the next look keeps its minute.
		conditions = { ...awake, focused: false };
		schedule.update();
		await clock.tick(10_000);
		conditions = awake;
		schedule.update();
		await clock.tick(0);
		assert.equal(schedule.looks, 2);
		schedule.dispose();
	});

	it('never runs two looks at once, however often conditions change', async function () {
		const clock = new FakeClock();
		let release: () => void = () => undefined;
		let running = 0;
		let most = 0;
		const schedule = new DiscoverySchedule(
			clock,
			() => awake,
			() => {
				running++;
				most = Math.max(most, running);
				return new Promise<void>((resolve) => (release = () => (running--, resolve())));
			},
		);
		schedule.update();
		await clock.tick(0);
		for (let i = 0; i < 5; i++) {
			schedule.update();
			await clock.tick(2 * 60_000);
		}
		assert.equal(most, 1);
		assert.equal(schedule.looks, 1);
		release();
		await clock.tick(0);
		schedule.dispose();
	});
});
