// Benchmark 2, polling: how many requests each strategy sends and how late it learns that a task
// finished, on a virtual clock (no real waiting). "ours" is the extension's real PollScheduler with
// DEFAULT_POLL_POLICY; the alternatives are what the provider's web client (a fixed 5-s batch poll)
// and its MCP server (one request per task every 15 s) do.

import { check, fromOut, median, mulberry32, percentile, printChecks, printTable, round, VirtualClock } from './lib.mjs';

export const POLLING_SEED = 20250725;
const BATCH = 50;
const SECOND = 1000;

/**
 * @typedef {{ id: string, addAt: number, finishAt: number }} SimTask  times in virtual ms
 * @typedef {{ requests: number, delays: number[] }} SimResult  delays in ms, one per task
 */

/** The polling scenarios. B draws from the seeded PRNG. */
export function scenarios(seed = POLLING_SEED) {
	const random = mulberry32(seed);
	const b = Array.from({ length: 100 }, (_, i) => {
		const addAt = random() * 600 * SECOND;
		const duration = (60 + random() * 240) * SECOND;
		return { id: `b${i}`, addAt, finishAt: addAt + duration };
	});
	return {
		A: { description: 'one task finishing 97 s after it was added', tasks: [{ id: 'a', addAt: 0, finishAt: 97 * SECOND }] },
		B: { description: '100 tasks added at uniform times over 10 min, each running U(60, 300) s', tasks: b },
		C: { description: 'one task finishing 293 s after it was added', tasks: [{ id: 'c', addAt: 0, finishAt: 293 * SECOND }] },
		D: {
			description: `B's load plus one task that never finishes, over ${STUCK_HORIZON_MS / 3600 / SECOND} h (ours with and without giving up after ${GIVE_UP_AFTER_MS / 60 / SECOND} min)`,
			tasks: [...b, { id: 'stuck', addAt: 0, finishAt: Number.POSITIVE_INFINITY }],
			horizonMs: STUCK_HORIZON_MS,
		},
	};
}

/** Scenario D: how long the stuck task is watched, and the extension's default give-up time (veoTasks.giveUpAfterMinutes). */
const STUCK_HORIZON_MS = 2 * 3600 * SECOND;
const GIVE_UP_AFTER_MS = 30 * 60 * SECOND;

/**
 * The real scheduler, driven by a virtual clock; its poll learns of every task finished by then.
 * `giveUpAfterMs` gives each task a give-up time after it was created (here: added), as the
 * extension does with veoTasks.giveUpAfterMinutes; `horizonMs` ends the run (a stuck task would
 * otherwise be polled for ever).
 */
async function simulateOurs(tasks, seed, { giveUpAfterMs, horizonMs } = {}) {
	const { PollScheduler } = fromOut('src/core/polling/pollScheduler');
	const { DEFAULT_POLL_POLICY } = fromOut('src/core/polling/pollPolicy');
	const clock = new VirtualClock();
	const added = new Set();
	/** @type {Map<string, number>} */
	const knownAt = new Map();
	let requests = 0;
	const scheduler = new PollScheduler({
		clock,
		random: mulberry32(seed),
		policy: () => DEFAULT_POLL_POLICY,
		// The extension's activeSince is when the task was added (or seen to start); here, when added.
		activeTasks: () =>
			tasks
				.filter((task) => added.has(task.id) && !knownAt.has(task.id))
				.map((task) => (giveUpAfterMs ? { id: task.id, activeSince: task.addAt, giveUpAt: task.addAt + giveUpAfterMs } : { id: task.id, activeSince: task.addAt })),
		poll: async (ids) => {
			const now = clock.now();
			requests += Math.ceil(ids.length / BATCH);
			for (const id of ids) {
				const task = tasks.find((t) => t.id === id);
				if (task.finishAt <= now) {
					knownAt.set(id, now);
				}
			}
			// As the extension does after every refresh (liveTracking.ts).
			scheduler.tasksChanged();
			return { ok: true };
		},
	});
	scheduler.setEnabled(true);
	for (const task of tasks) {
		clock.setTimeout(() => {
			added.add(task.id);
			scheduler.tasksChanged();
		}, task.addAt);
	}
	// Six virtual hours is far beyond any scenario; a scheduler that never learns fails the delay targets.
	await clock.runUntilIdle(horizonMs ?? 6 * 3600 * SECOND);
	scheduler.dispose();
	return { requests, delays: tasks.map((task) => (knownAt.get(task.id) ?? Number.POSITIVE_INFINITY) - task.finishAt) };
}

/** One batched request (per 50 IDs) every 5 s, on a fixed grid, covering every pending task. */
function simulateFixed(tasks, intervalMs, horizonMs = Number.POSITIVE_INFINITY) {
	const knownAt = new Map();
	let requests = 0;
	const end = Math.min(horizonMs, Math.max(...tasks.map((task) => task.finishAt)) + intervalMs);
	for (let t = intervalMs; t <= end; t += intervalMs) {
		const pending = tasks.filter((task) => task.addAt <= t && !knownAt.has(task.id));
		if (!pending.length) {
			continue;
		}
		requests += Math.ceil(pending.length / BATCH);
		for (const task of pending) {
			if (task.finishAt <= t) {
				knownAt.set(task.id, t);
			}
		}
	}
	return { requests, delays: tasks.map((task) => knownAt.get(task.id) - task.finishAt) };
}

/** Each task on its own: one `retrieve` every 15 s from when it was added. */
function simulatePerTask(tasks, intervalMs, horizonMs = Number.POSITIVE_INFINITY) {
	let requests = 0;
	const delays = tasks.map((task) => {
		const polls = Math.ceil((Math.min(task.finishAt, horizonMs) - task.addAt) / intervalMs);
		requests += polls;
		return task.addAt + polls * intervalMs - task.finishAt;
	});
	return { requests, delays };
}

function summarize({ requests, delays: all }) {
	// A task that never finishes has no delay to measure (scenario D): the others' are summarised.
	const delays = all.filter((delay) => !Number.isNaN(delay) && delay !== Number.NEGATIVE_INFINITY);
	return {
		requests,
		medianDelayS: round(median(delays) / SECOND, 2),
		p95DelayS: round(percentile(delays, 95) / SECOND, 2),
		maxDelayS: round(Math.max(...delays) / SECOND, 2),
	};
}

export async function simulateScenario(tasks, seed = POLLING_SEED, horizonMs = undefined) {
	const result = {
		ours: summarize(await simulateOurs(tasks, seed, { horizonMs })),
		fixed5s: summarize(simulateFixed(tasks, 5 * SECOND, horizonMs)),
		perTask15s: summarize(simulatePerTask(tasks, 15 * SECOND, horizonMs)),
	};
	if (tasks.some((task) => task.finishAt === Number.POSITIVE_INFINITY)) {
		// The same run with the give-up rule; "ours" above is without it.
		return { oursGiveUp: summarize(await simulateOurs(tasks, seed, { horizonMs, giveUpAfterMs: GIVE_UP_AFTER_MS })), ...result };
	}
	return result;
}

function checksFor(results) {
	const { A, B, C, D } = results;
	const ratio = (s) => round(s.ours.requests / s.fixed5s.requests, 3);
	const pct = (value) => `${round(value * 100, 1)}%`;
	return [
		check('A requests vs fixed 5 s', `${A.ours.requests}/${A.fixed5s.requests} = ${pct(ratio(A))}`, '≤ 50%', ratio(A) <= 0.5),
		check('B requests vs fixed 5 s', `${B.ours.requests}/${B.fixed5s.requests} = ${pct(ratio(B))}`, '≤ 50%', ratio(B) <= 0.5),
		check('C requests vs fixed 5 s', `${C.ours.requests}/${C.fixed5s.requests} = ${pct(ratio(C))}`, '≤ 40%', ratio(C) <= 0.4),
		check('A delay', `${A.ours.medianDelayS} s`, '≤ 8 s', A.ours.p95DelayS <= 8),
		check('C delay', `${C.ours.medianDelayS} s`, '≤ 15 s', C.ours.p95DelayS <= 15),
		check('B median delay', `${B.ours.medianDelayS} s`, '≤ 6 s', B.ours.medianDelayS <= 6),
		check('B p95 delay', `${B.ours.p95DelayS} s`, '≤ 12 s', B.ours.p95DelayS <= 12),
		check(
			'D requests, giving up vs not',
			`${D.oursGiveUp.requests} vs ${D.ours.requests} (${D.ours.requests - D.oursGiveUp.requests} saved)`,
			'fewer',
			D.oursGiveUp.requests < D.ours.requests,
		),
		check('D requests (giving up) vs fixed 5 s', `${D.oursGiveUp.requests}/${D.fixed5s.requests} = ${pct(D.oursGiveUp.requests / D.fixed5s.requests)}`, '≤ 50%', D.oursGiveUp.requests / D.fixed5s.requests <= 0.5),
		check('D p95 delay of the others (giving up)', `${D.oursGiveUp.p95DelayS} s`, '≤ 12 s', D.oursGiveUp.p95DelayS <= 12),
	];
}

/** Scenario B again with other seeds: the verdict must not hinge on one lucky draw. */
async function seedSweep(count) {
	const rows = [];
	for (let seed = 1; seed <= count; seed++) {
		const result = await simulateScenario(scenarios(seed).B.tasks, seed);
		rows.push({ seed, ratio: result.ours.requests / result.fixed5s.requests, median: result.ours.medianDelayS, p95: result.ours.p95DelayS });
	}
	const passes = (r) => r.ratio <= 0.5 && r.median <= 6 && r.p95 <= 12;
	const worst = {
		seeds: count,
		seedsMeetingTargets: rows.filter(passes).length,
		failingSeeds: rows.filter((r) => !passes(r)).map((r) => r.seed),
		worstRequestRatio: round(Math.max(...rows.map((r) => r.ratio)), 3),
		worstMedianDelayS: Math.max(...rows.map((r) => r.median)),
		worstP95DelayS: Math.max(...rows.map((r) => r.p95)),
	};
	return worst;
}

export async function runPolling() {
	const started = performance.now();
	const all = scenarios(POLLING_SEED);
	const results = {};
	for (const [name, scenario] of Object.entries(all)) {
		results[name] = await simulateScenario(scenario.tasks, POLLING_SEED, scenario.horizonMs);
	}
	const sweep = await seedSweep(20);

	console.log(`\n== 2. Polling (virtual clock, PRNG mulberry32 seed ${POLLING_SEED}, ours = PollScheduler + DEFAULT_POLL_POLICY) ==`);
	for (const [name, scenario] of Object.entries(all)) {
		console.log(`  ${name}: ${scenario.description}`);
	}
	const rows = [];
	for (const name of Object.keys(all)) {
		const r = results[name];
		for (const strategy of ['oursGiveUp', 'ours', 'fixed5s', 'perTask15s'].filter((key) => key in r)) {
			const s = r[strategy];
			rows.push([
				strategy === Object.keys(r)[0] ? name : '',
				strategy,
				s.requests,
				`${round((s.requests / r.fixed5s.requests) * 100, 0)}%`,
				s.medianDelayS.toFixed(2),
				s.p95DelayS.toFixed(2),
			]);
		}
	}
	printTable(['scen.', 'strategy', 'requests', 'vs fixed5s', 'median delay s', 'p95 delay s'], rows, { align: 'llrrrr' });
	console.log('  (delay = finish on the server -> known to the extension; p95 is nearest-rank; one task in A and C, so median = p95)');
	console.log('  (D: oursGiveUp = ours with veoTasks.giveUpAfterMinutes at its default 30, ours = never giving up; delays are of the 100 tasks that finish)');
	console.log(
		`  B with seeds 1..${sweep.seeds}: worst requests ratio ${round(sweep.worstRequestRatio * 100, 1)}%, worst median ${sweep.worstMedianDelayS} s, worst p95 ${sweep.worstP95DelayS} s; ${sweep.seedsMeetingTargets} of ${sweep.seeds} seeds meet all B targets${sweep.failingSeeds.length ? ` (not: seed ${sweep.failingSeeds.join(', ')})` : ''} (information, not a verdict)`,
	);
	const checks = checksFor(results);
	printChecks(checks);
	const json = { seed: POLLING_SEED, A: results.A, B: { ...results.B, seedSweep: sweep }, C: results.C, D: { ...results.D, horizonS: STUCK_HORIZON_MS / SECOND, giveUpAfterS: GIVE_UP_AFTER_MS / SECOND } };
	return { json, checks, ms: performance.now() - started };
}
