// Benchmark 4, scale: 5,000 tracked tasks with realistic records (every state, prompts of real
// length, some follow-ups and stale rows). How long building every tree row takes (buildTaskRow,
// in plain Node), and how many bytes the extension writes to workspaceState (serializeTaskList).

import { check, fromOut, kb, median, mulberry32, printChecks, printTable, round } from './lib.mjs';

const TASKS = 5000;
const SEED = 5000;
const RUNS = 15;
/** The share of follow-ups (1080p, extend), which carry a parent ID in the stored list. */
const FOLLOW_UP_SHARE = 0.1;

const SUBJECTS = [
	'A white ceramic coffee mug on a glossy marble countertop',
	'Aerial shot of a lighthouse on a rocky cliff at golden hour',
	'A barista pours latte art in slow motion',
	'Neon-lit Tokyo alley in the rain at night',
	'The cat in the photo slowly turns its head toward the camera',
	'A wooden toy robot and a paper boat race across a kitchen table',
	'A red fox trotting through fresh snow in a birch forest',
	'Close-up of hands kneading bread dough on a floured board',
	'A vintage convertible driving along a coastal road',
	'Time-lapse of storm clouds rolling over a wheat field',
];
const DETAILS = [
	'camera slowly orbiting the subject',
	'macro lens, shallow depth of field',
	'cinematic lighting, 35mm film grain',
	'steam rising, soft morning window light',
	'reflections everywhere, puddles, a cyclist passes',
	'playful stop-motion style',
	'drone shot pulling back to reveal the landscape',
	'warm colour grade, gentle handheld movement',
	'seagulls circling, waves crashing below',
	'slow push-in, ambient sound of the city',
];

/** Records of every shape, from the fake API's factories (the same shapes the real server sends). */
function buildTasks(now) {
	const records = fromOut('test/fakeApi/records');
	const { summarizeRecord } = fromOut('src/core/tasks/taskState');
	const random = mulberry32(SEED);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const tasks = [];
	const recordMap = new Map();
	const mix = { succeeded: 0, failed: 0, running: 0, pending: 0, notFound: 0, followUps: 0, stale: 0 };
	for (let i = 0; i < TASKS; i++) {
		const createdAtMs = now - Math.floor(random() * 90 * 24 * 3600 * 1000);
		const prompt = `${pick(SUBJECTS)}, ${pick(DETAILS)}${random() < 0.5 ? `, ${pick(DETAILS)}` : ''}${random() < 0.2 ? `. ${pick(SUBJECTS)}, ${pick(DETAILS)}.` : '.'}`;
		const options = { prompt, createdAt: createdAtMs / 1000, model: pick(['veo3', 'veo3-fast', 'veo31', 'veo31-fast', 'veo2-fast']), now: () => now };
		const roll = random();
		let record;
		if (roll < 0.7) {
			record = records.succeededTask(options);
			mix.succeeded++;
		} else if (roll < 0.8) {
			record = roll < 0.75 ? records.failedTask(options) : records.failedStateTask(options);
			mix.failed++;
		} else if (roll < 0.9) {
			record = records.runningTask(options);
			mix.running++;
		} else if (roll < 0.97) {
			record = records.pendingTask(options);
			mix.pending++;
		} else {
			record = undefined;
			mix.notFound++;
		}
		const id = record?.id ?? records.newTaskId();
		const task = {
			id,
			addedAt: createdAtMs + 2000,
			summary: record ? summarizeRecord(record) : { state: 'notFound' },
			fetchedAt: now - 60_000,
		};
		if (i > 0 && random() < FOLLOW_UP_SHARE) {
			task.parentId = tasks[Math.floor(random() * tasks.length)].id;
			mix.followUps++;
		}
		if (random() < 0.02) {
			task.staleReason = 'Could not reach the Veo API at https://api.acedata.cloud (ECONNRESET).';
			mix.stale++;
		}
		tasks.push(task);
		if (record) {
			recordMap.set(id, record);
		}
	}
	return { tasks, records: recordMap, mix };
}

/** Wall times of RUNS runs, and CPU times (less sensitive to other processes on a busy machine). */
function timeRuns(fn) {
	const runs = [];
	const cpu = [];
	for (let run = 0; run < RUNS; run++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		fn();
		runs.push(performance.now() - t0);
		const used = process.cpuUsage(c0);
		cpu.push((used.user + used.system) / 1000);
	}
	runs.cpu = cpu;
	return runs;
}

export async function runScale() {
	const started = performance.now();
	const { buildTaskRow } = fromOut('src/core/view/taskRow');
	const { serializeTaskList } = fromOut('src/core/tasks/taskPersistence');
	const { TaskList } = fromOut('src/core/tasks/taskList');
	const now = Date.UTC(2025, 6, 25, 12, 0, 0);
	const { tasks, records, mix } = buildTasks(now);

	// All rows, as the tree builds them: each with whether it has children.
	const parents = new Set(tasks.map((task) => task.parentId).filter(Boolean));
	let rowCount = 0;
	const rowRuns = timeRuns(() => {
		const rows = tasks.map((task) => buildTaskRow(task, now, parents.has(task.id)));
		rowCount = rows.length;
	});
	const rowsMs = median(rowRuns);

	// Information: the same rows the way the tree provider asks the TaskList for them today
	// (roots(), then childrenOf(id) for each row to know whether it has children).
	const list = new TaskList();
	list.restore(tasks, records);
	const viaListRuns = timeRuns(() => {
		const visit = (task) => {
			const children = list.childrenOf(task.id);
			buildTaskRow(task, now, children.length > 0);
			children.forEach(visit);
		};
		list.roots().forEach(visit);
	});
	list.dispose();

	const stored = JSON.stringify(serializeTaskList(tasks));
	const storedBytes = Buffer.byteLength(stored, 'utf8');
	const worstCase = JSON.stringify(serializeTaskList(tasks.map((task, i) => ({ ...task, parentId: task.parentId ?? tasks[(i + 1) % tasks.length].id }))));
	const worstCaseBytes = Buffer.byteLength(worstCase, 'utf8');

	console.log(`\n== 4. Scale: ${TASKS.toLocaleString('en')} tracked tasks (seed ${SEED}) ==`);
	console.log(
		`  mix: ${mix.succeeded} succeeded, ${mix.failed} failed, ${mix.running} running, ${mix.pending} pending, ${mix.notFound} not found; ${mix.followUps} follow-ups, ${mix.stale} stale rows`,
	);
	printTable(
		['measure', 'value', 'target'],
		[
			[`buildTaskRow × ${rowCount} (median of ${RUNS})`, `${round(rowsMs, 1)} ms`, '< 50 ms'],
			['  first (cold) run', `${round(rowRuns[0], 1)} ms`, ''],
			['  CPU time, median (info)', `${round(median(rowRuns.cpu), 1)} ms`, ''],
			['  via TaskList roots()/childrenOf() (info)', `${round(median(viaListRuns), 1)} ms`, ''],
			['workspaceState (serializeTaskList)', `${storedBytes.toLocaleString('en')} B = ${kb(storedBytes)}`, '< 512 KB'],
			['  if every task were a follow-up (info)', `${worstCaseBytes.toLocaleString('en')} B = ${kb(worstCaseBytes)}`, ''],
		],
		{ align: 'lrl' },
	);
	const checks = [
		check('tree rows for 5,000 tasks', `${round(rowsMs, 1)} ms`, '< 50 ms', rowsMs < 50),
		check('workspaceState for 5,000 tasks', kb(storedBytes), '< 512 KB', storedBytes < 512 * 1024),
	];
	printChecks(checks);
	const large = runScaleLarge();
	checks.push(...large.checks);
	const json = {
		...large.json,
		treeRows5000Ms: round(rowsMs, 2),
		workspaceStateBytes5000: storedBytes,
		treeRows5000ColdMs: round(rowRuns[0], 2),
		treeRows5000CpuMs: round(median(rowRuns.cpu), 2),
		treeRows5000ViaTaskListMs: round(median(viaListRuns), 2),
		workspaceStateBytes5000AllFollowUps: worstCaseBytes,
		mix,
	};
	return { json, checks, ms: performance.now() - started };
}

const LARGE = 50_000;
const LARGE_RUNS = 5;

/**
 * 50,000 tracked tasks: an exported file of 50,000 IDs (a third follow-ups, half of those of one
 * shared parent, the others of their neighbour), imported as Import Task List does it in plain
 * Node (read the file, add every task in one change, build what is written: the stored list and
 * the shared file's text); then every tree row; then one list change (a task added: the list
 * re-sorted, the tree's roots; then, as information, the shared file's merge and text); and the
 * stored state's size.
 */
export function runScaleLarge() {
	const { buildTaskRow } = fromOut('src/core/view/taskRow');
	const { TaskList } = fromOut('src/core/tasks/taskList');
	const { readImportedTaskList } = fromOut('src/core/tasks/taskExport');
	const { persistedTasks, storeTaskList } = fromOut('src/core/tasks/taskPersistence');
	const { mergeSharedTaskLists, sharedTaskListText } = fromOut('src/core/tasks/sharedTaskList');
	const records = fromOut('test/fakeApi/records');
	const now = Date.UTC(2025, 6, 25, 12, 0, 0);
	const ids = Array.from({ length: LARGE }, () => records.newTaskId());
	const shared = ids[0];
	const exported = ids.map((id, i) => {
		const entry = { id, state: i % 5 ? 'succeeded' : 'running', prompt: `Task ${i}: a red fox trotting through fresh snow` };
		if (i % 3 === 2) {
			entry.parentId = i % 2 ? shared : ids[i - 1];
		}
		return entry;
	});
	const file = JSON.stringify({ format: 'veo-tasks', version: 1, exportedAt: new Date(now).toISOString(), tasks: exported });

	let list;
	let storedText = '';
	const importRuns = timeRunsOf(LARGE_RUNS, () => {
		list?.dispose();
		list = new TaskList();
		const { tasks } = readImportedTaskList(file);
		list.addEntries(tasks, now);
		const persisted = persistedTasks(list.all());
		storedText = JSON.stringify(storeTaskList(persisted));
		sharedTaskListText(mergeSharedTaskLists({ tasks: persisted, removed: new Map() }, { tasks: [], removed: new Map() }));
	});
	const followUps = list.all().filter((task) => task.parentId).length;
	const sharedChildren = list.childrenOf(shared).length;

	let rows = 0;
	const rowRuns = timeRunsOf(LARGE_RUNS, () => {
		rows = 0;
		const visit = (task) => {
			const children = list.childrenOf(task.id);
			buildTaskRow(task, now, children.length > 0);
			rows++;
			children.forEach(visit);
		};
		list.roots().forEach(visit);
	});

	let step = 0;
	const stored = { tasks: persistedTasks(list.all()), removed: new Map() };
	const changeRuns = timeRunsOf(LARGE_RUNS, () => {
		const id = records.newTaskId();
		list.add([id], now + ++step * 1000);
		list.roots();
	});
	// Information: what follows the change in the background, the shared file's merge and text (before its write).
	const syncRuns = timeRunsOf(LARGE_RUNS, () => {
		sharedTaskListText(mergeSharedTaskLists({ tasks: persistedTasks(list.all()), removed: new Map() }, stored));
	});

	const importMs = median(importRuns);
	const rowsMs = median(rowRuns);
	const changeMs = median(changeRuns);
	const bytes = Buffer.byteLength(storedText, 'utf8');
	console.log(
		`\n== 4b. Scale: ${LARGE.toLocaleString('en')} tracked tasks (${followUps.toLocaleString('en')} follow-ups, ${sharedChildren.toLocaleString('en')} of one parent) ==`,
	);
	printTable(
		['measure', 'value', 'target'],
		[
			[`import of a ${LARGE.toLocaleString('en')}-ID file (median of ${LARGE_RUNS})`, `${round(importMs, 1)} ms`, '< 2,000 ms'],
			['  CPU time, median (info)', `${round(median(importRuns.cpu), 1)} ms`, ''],
			[`all ${rows.toLocaleString('en')} tree rows`, `${round(rowsMs, 1)} ms`, '< 250 ms'],
			['  CPU time, median (info)', `${round(median(rowRuns.cpu), 1)} ms`, ''],
			["one list change (add, keep the order, the tree's roots)", `${round(changeMs, 1)} ms`, '< 50 ms'],
			['  CPU time, median (info)', `${round(median(changeRuns.cpu), 1)} ms`, ''],
			["  then the shared file's merge and text (info)", `${round(median(syncRuns), 1)} ms`, ''],
			['    CPU time, median (info)', `${round(median(syncRuns.cpu), 1)} ms`, ''],
			['workspaceState at 50,000 (info)', `${bytes.toLocaleString('en')} B = ${kb(bytes)}`, ''],
		],
		{ align: 'lrl' },
	);
	list.dispose();
	const checks = [
		check('import of 50,000 IDs', `${round(importMs, 1)} ms`, '< 2000 ms', importMs < 2000),
		check('tree rows for 50,000 tasks', `${round(rowsMs, 1)} ms`, '< 250 ms', rowsMs < 250),
		check('one list change at 50,000', `${round(changeMs, 1)} ms`, '< 50 ms', changeMs < 50),
	];
	printChecks(checks);
	return {
		json: {
			import50000Ms: round(importMs, 2),
			import50000CpuMs: round(median(importRuns.cpu), 2),
			treeRows50000Ms: round(rowsMs, 2),
			treeRows50000CpuMs: round(median(rowRuns.cpu), 2),
			listChange50000Ms: round(changeMs, 2),
			listChange50000CpuMs: round(median(changeRuns.cpu), 2),
			sharedFileSync50000Ms: round(median(syncRuns), 2),
			sharedFileSync50000CpuMs: round(median(syncRuns.cpu), 2),
			workspaceStateBytes50000: bytes,
			followUps50000: followUps,
			sharedParentChildren50000: sharedChildren,
		},
		checks,
	};
}

function timeRunsOf(runs, fn) {
	const wall = [];
	const cpu = [];
	for (let run = 0; run < runs; run++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		fn();
		wall.push(performance.now() - t0);
		const used = process.cpuUsage(c0);
		cpu.push((used.user + used.system) / 1000);
	}
	wall.cpu = cpu;
	return wall;
}
