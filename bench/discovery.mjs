// Benchmark 5, discovery: the requests veoTasks.discoverNewTasks adds (one retrieve_batch listing per
// look), on a virtual clock with the extension's real DiscoverySchedule. In scenario B (the polling
// benchmark's load: 100 tasks over 10 min) next to what polling sends for the same tasks, and over an
// idle hour with the Veo view visible (and hidden: nothing).

import { check, fromOut, printChecks, printTable, round, VirtualClock } from './lib.mjs';
import { POLLING_SEED, scenarios, simulateScenario } from './polling.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Looks made over `horizonMs` with the view visible or not, while `tasks` (virtual ms) are active
 * between their addAt and finishAt. Each look is one request: one page holds 50 tasks, and no minute
 * of these scenarios creates more.
 */
async function simulateDiscovery(tasks, horizonMs, viewVisible) {
	const { DiscoverySchedule } = fromOut('src/core/tasks/discovery');
	const clock = new VirtualClock();
	const active = () => tasks.some((task) => task.addAt <= clock.now() && clock.now() < task.finishAt);
	const conditions = () => ({ enabled: true, hasToken: true, focused: true, pauseWhenUnfocused: true, autoRefresh: true, viewVisible, anyActive: active() });
	const schedule = new DiscoverySchedule(clock, conditions, async () => undefined);
	// The adapter calls update() whenever the task list changes: a task added, a task finished.
	for (const task of tasks) {
		clock.setTimeout(() => schedule.update(), task.addAt);
		if (Number.isFinite(task.finishAt)) {
			clock.setTimeout(() => schedule.update(), task.finishAt);
		}
	}
	schedule.update();
	await clock.runUntilIdle(horizonMs);
	schedule.dispose();
	return schedule.looks;
}

export async function runDiscovery() {
	const started = performance.now();
	const b = scenarios(POLLING_SEED).B.tasks;
	const activeUntil = Math.max(...b.map((task) => task.finishAt));
	const activeMinutes = activeUntil / MINUTE;
	const polling = await simulateScenario(b, POLLING_SEED);
	const results = {
		B: {
			activeMinutes: round(activeMinutes, 1),
			pollingRequests: polling.ours.requests,
			viewHidden: await simulateDiscovery(b, activeUntil + 10 * MINUTE, false),
			viewVisible: await simulateDiscovery(b, activeUntil + 10 * MINUTE, true),
		},
		idleHour: {
			viewVisible: await simulateDiscovery([], HOUR, true),
			viewHidden: await simulateDiscovery([], HOUR, false),
		},
	};

	console.log('\n== 5. Discovery (virtual clock, ours = DiscoverySchedule: one listing a minute at most, while the view is visible or a task is active) ==');
	console.log(`  B: the polling benchmark's 100 tasks over 10 min (seed ${POLLING_SEED}), active for ${results.B.activeMinutes} min, plus 10 idle minutes`);
	console.log('  idle hour: no task active, nothing started elsewhere');
	printTable(
		['scenario', 'view', 'discovery requests', 'polling requests', 'discovery / polling'],
		[
			['B', 'hidden', results.B.viewHidden, results.B.pollingRequests, `${round((results.B.viewHidden / results.B.pollingRequests) * 100, 1)}%`],
			['B', 'visible', results.B.viewVisible, results.B.pollingRequests, `${round((results.B.viewVisible / results.B.pollingRequests) * 100, 1)}%`],
			['idle hour', 'visible', results.idleHour.viewVisible, 0, '-'],
			['idle hour', 'hidden', results.idleHour.viewHidden, 0, '-'],
		],
		{ align: 'llrrr' },
	);
	const checks = [
		check(
			'B discovery requests (view hidden)',
			`${results.B.viewHidden} in ${results.B.activeMinutes} active min`,
			'≤ 1 a minute of activity, + 1',
			results.B.viewHidden <= Math.ceil(activeMinutes) + 1,
		),
		check('idle hour, view visible', `${results.idleHour.viewVisible} requests`, '≤ 61 (one a minute)', results.idleHour.viewVisible <= 61),
		check('idle hour, view hidden', `${results.idleHour.viewHidden} requests`, '= 0', results.idleHour.viewHidden === 0),
	];
	printChecks(checks);
	return { json: results, checks, ms: performance.now() - started };
}
