/**
 * The learned task durations (durationModel.ts) and the schedule built on them (pollScheduler.ts):
 * quantiles of what was learned, polls placed near the learned finishes, backing off past the
 * tail, never two polls closer than the minimum interval.
 */
import * as assert from 'node:assert/strict';
import {
	DurationModel,
	distributionOf,
	MAX_MODELS,
	MAX_SAMPLES_PER_MODEL,
	priorDistribution,
	readDurationSamples,
} from '../../../../src/core/polling/durationModel';
import { DEFAULT_POLL_POLICY, type PollPolicy } from '../../../../src/core/polling/pollPolicy';
import { PollScheduler, type PollTask } from '../../../../src/core/polling/pollScheduler';
import { mulberry32 } from '../../../support/seededRandom';
import { VirtualClock } from '../../../support/virtualClock';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Durations (s) drawn evenly from [from, to], seeded. */
function uniformDurations(count: number, from: number, to: number, seed = 19): number[] {
	const random = mulberry32(seed);
	return Array.from({ length: count }, () => Math.round(from + random() * (to - from)));
}

function learned(durationsS: readonly number[], model = 'veo3'): DurationModel {
	const m = new DurationModel();
	for (const d of durationsS) {
		m.record(model, 0, d * SECOND);
	}
	return m;
}

describe('durationModel', function () {
	it("nothing learned: the provider's typical range, most tasks finishing between 1 and 5 minutes", function () {
		const prior = priorDistribution();
		assert.equal(new DurationModel().distributionFor('veo3'), prior);
		assert.ok(prior.cdf(50 * SECOND) < 0.001, 'hardly any before 50 s');
		assert.ok(prior.quantile(0.05) >= 55 * SECOND && prior.quantile(0.05) <= 80 * SECOND, String(prior.quantile(0.05)));
		assert.ok(prior.quantile(0.5) >= 170 * SECOND && prior.quantile(0.5) <= 210 * SECOND, String(prior.quantile(0.5)));
		assert.ok(prior.quantile(0.85) <= 305 * SECOND, String(prior.quantile(0.85)));
		assert.ok(prior.cdf(5 * MINUTE) >= 0.8 && prior.cdf(5 * MINUTE) <= 0.92, String(prior.cdf(5 * MINUTE)));
	});

	it('quantiles follow what was learned', function () {
		const model = learned(uniformDurations(MAX_SAMPLES_PER_MODEL, 100, 140));
		const d = model.distributionFor('veo3');
		// The prior keeps 4 samples' worth of weight in 64: the middle moves by a few seconds at most.
		assert.ok(Math.abs(d.quantile(0.5) - 120 * SECOND) <= 6 * SECOND, `median ${d.quantile(0.5)}`);
		assert.ok(d.quantile(0.1) >= 95 * SECOND && d.quantile(0.1) <= 110 * SECOND, `10% ${d.quantile(0.1)}`);
		assert.ok(d.quantile(0.8) >= 125 * SECOND && d.quantile(0.8) <= 145 * SECOND, `80% ${d.quantile(0.8)}`);
		// Past every sample and the prior's tail: the share assumed never to have been seen.
		assert.equal(d.quantile(0.99), Number.POSITIVE_INFINITY);
		for (let t = 0; t < 20 * MINUTE; t += 7 * SECOND) {
			assert.ok(d.cdf(t + 7 * SECOND) >= d.cdf(t), `cdf decreases at ${t}`);
		}
	});

	it('a long tail shows in the upper quantiles', function () {
		const durations = [...uniformDurations(54, 90, 150), 600, 650, 700, 900, 1000, 1100];
		const d = distributionOf(durations);
		assert.ok(d.quantile(0.5) < 150 * SECOND, `median ${d.quantile(0.5)}`);
		assert.ok(d.quantile(0.95) > 500 * SECOND, `95% ${d.quantile(0.95)}`);
	});

	it('expected wait: nothing before the learned finishes, about the time past them after', function () {
		const d = distributionOf(uniformDurations(MAX_SAMPLES_PER_MODEL, 118, 122));
		assert.ok(d.expectedWaitMs(0, 90 * SECOND) < 1 * SECOND, String(d.expectedWaitMs(0, 90 * SECOND)));
		// Checked at 200 s, a task started at 0 has most likely been done since about 120 s: ~75 s of wait.
		const late = d.expectedWaitMs(0, 200 * SECOND);
		assert.ok(late > 65 * SECOND && late < 80 * SECOND, String(late));
		assert.equal(d.expectedWaitMs(50 * SECOND, 50 * SECOND), 0);
	});

	it('per model, capped per model and in models; out-of-range durations are not learned', function () {
		const model = new DurationModel();
		assert.equal(model.record('fast', 0, 0.2 * SECOND), false, 'under a second');
		assert.equal(model.record('fast', 10 * SECOND, 0), false, 'negative');
		assert.equal(model.record('fast', 0, 7 * 3600 * SECOND), false, 'beyond six hours');
		for (let i = 0; i < MAX_SAMPLES_PER_MODEL + 10; i++) {
			assert.equal(model.record('fast', 0, (60 + i) * SECOND), true);
		}
		model.record('slow', 0, 400 * SECOND);
		assert.equal(model.durations('fast').length, MAX_SAMPLES_PER_MODEL);
		assert.equal(model.durations('fast')[0], 70, 'the oldest went first');
		assert.deepEqual(model.durations('slow'), [400]);
		assert.ok(model.distributionFor('slow').quantile(0.5) > model.distributionFor('fast').quantile(0.5));
		for (let i = 0; i < MAX_MODELS; i++) {
			model.record(`m${i}`, 0, 100 * SECOND);
		}
		const stored = model.toJSON();
		assert.equal(Object.keys(stored).length, MAX_MODELS);
		assert.equal(stored.fast, undefined, 'the least recently updated model went first');
		// What is stored reads back the same.
		assert.deepEqual(new DurationModel(JSON.parse(JSON.stringify(stored))).toJSON(), stored);
	});

	it('stored state is read defensively', function () {
		assert.deepEqual(readDurationSamples(undefined), {});
		assert.deepEqual(readDurationSamples([1, 2]), {});
		assert.deepEqual(readDurationSamples({ a: 'x', b: [30, -1, 'y', Number.NaN, 1e9, 45] }), { b: [30, 45] });
		const many = Object.fromEntries(Array.from({ length: MAX_MODELS + 5 }, (_, i) => [`m${i}`, Array.from({ length: 200 }, () => 90)]));
		const read = readDurationSamples(many);
		assert.equal(Object.keys(read).length, MAX_MODELS);
		assert.ok(Object.values(read).every((durations) => durations.length === MAX_SAMPLES_PER_MODEL));
	});
});

/** Poll times (ms) of tasks that never finish, each with the given distribution, over `untilMs`. */
async function pollTimes(tasks: readonly PollTask[], untilMs: number, policy: PollPolicy = DEFAULT_POLL_POLICY): Promise<number[]> {
	const clock = new VirtualClock();
	const times: number[] = [];
	const scheduler = new PollScheduler({
		clock,
		random: () => 0.5,
		policy: () => policy,
		activeTasks: () => tasks,
		poll: async () => {
			times.push(clock.now());
			return { ok: true };
		},
	});
	scheduler.setEnabled(true);
	await clock.advanceTo(untilMs);
	scheduler.dispose();
	return times;
}

const within = (times: readonly number[], from: number, to: number): number => times.filter((t) => t >= from && t < to).length;
const gapsOf = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]);

describe('the schedule follows the learned durations', function () {
	const policy = DEFAULT_POLL_POLICY;

	it('polls are dense where the tasks of the model have finished and sparse before', async function () {
		const at200 = learned(uniformDurations(MAX_SAMPLES_PER_MODEL, 190, 210)).distributionFor('veo3');
		const times = await pollTimes([{ id: 'a', activeSince: 0, finish: at200 }], 10 * MINUTE);
		const near = within(times, 180 * SECOND, 230 * SECOND);
		const before = within(times, 30 * SECOND, 170 * SECOND);
		assert.ok(near >= 4, `${near} polls in the 50 s around the learned finishes: ${times.join(', ')}`);
		assert.ok(before <= 3, `${before} polls in the 140 s before them: ${times.join(', ')}`);
		// The same task with a model learned at 100 s is polled densely there instead.
		const at100 = learned(uniformDurations(MAX_SAMPLES_PER_MODEL, 95, 105)).distributionFor('veo3');
		const other = await pollTimes([{ id: 'a', activeSince: 0, finish: at100 }], 10 * MINUTE);
		const gapsFrom = (times: readonly number[], from: number, to: number): number[] =>
			times.slice(0, -1).flatMap((t, i) => (t >= from && t < to ? [times[i + 1] - t] : []));
		const dense = gapsFrom(other, 85 * SECOND, 115 * SECOND);
		assert.ok(dense.length >= 3 && dense.every((gap) => gap === policy.minIntervalMs), other.join(', '));
		// At 200 s a task of this model is late: only the prior's little weight says it may still finish soon.
		const sparse = gapsFrom(other, 180 * SECOND, 230 * SECOND);
		assert.ok(sparse.length && sparse.every((gap) => gap >= 1.3 * policy.minIntervalMs), other.join(', '));
	});

	it('backs off past the tail: at the maximum interval once the task is older than anything learned', async function () {
		const d = learned(uniformDurations(MAX_SAMPLES_PER_MODEL, 100, 140)).distributionFor('veo3');
		const times = await pollTimes([{ id: 'a', activeSince: 0, finish: d }], 60 * MINUTE);
		const late = gapsOf(times.filter((t) => t > 20 * MINUTE));
		assert.ok(late.length >= 30);
		assert.ok(
			late.every((gap) => gap === policy.maxIntervalMs),
			late.join(', '),
		);
		// Between the learned finishes and the end of the prior's tail the gaps grow, not shrink.
		const middle = gapsOf(times.filter((t) => t > 160 * SECOND && t < 20 * MINUTE));
		assert.ok(middle.at(-1)! > middle[0], middle.join(', '));
	});

	it('never two polls closer than the minimum interval, whatever the distributions say', async function () {
		const tight = learned(uniformDurations(MAX_SAMPLES_PER_MODEL, 20, 22)).distributionFor('veo3');
		const tasks: PollTask[] = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, activeSince: i * 3 * SECOND, finish: i % 2 ? tight : priorDistribution() }));
		// A tiny wait budget makes the distributions ask for polls far more often than the minimum.
		const eager = [
			{ ...policy, waitBudgetMs: 20 },
			{ ...policy, minIntervalMs: 2 * SECOND, earlyCheckMs: 2 * SECOND, waitBudgetMs: 20 },
		];
		for (const p of [policy, ...eager]) {
			const times = await pollTimes(tasks, 30 * MINUTE, p);
			const gaps = gapsOf(times);
			assert.ok(times.length > 20);
			assert.ok(Math.min(...gaps) >= p.minIntervalMs, `shortest gap ${Math.min(...gaps)} ms (minimum ${p.minIntervalMs})`);
			if (p !== policy) {
				// Where finishes are likely the schedule wants more than the minimum allows: it sits at it.
				assert.ok(gaps.filter((gap) => gap === p.minIntervalMs).length >= 5, gaps.join(', '));
			}
		}
	});

	it('the more a poll is likely to find finished, the sooner it comes: a learned fast model is polled sooner than the prior', async function () {
		const fast = learned(uniformDurations(MAX_SAMPLES_PER_MODEL, 40, 50)).distributionFor('veo3');
		const withFast = await pollTimes([{ id: 'a', activeSince: 0, finish: fast }], 2 * MINUTE);
		const withPrior = await pollTimes([{ id: 'a', activeSince: 0 }], 2 * MINUTE);
		assert.ok(within(withFast, 35 * SECOND, 60 * SECOND) >= 2, withFast.join(', '));
		assert.equal(within(withPrior, 20 * SECOND, 54 * SECOND), 0, withPrior.join(', '));
	});
});
