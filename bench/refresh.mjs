// Benchmark 1, refresh: 500 pending tasks on the local fake Veo API (50 ms per answer). The
// extension's refresh (fetchTasks: retrieve_batch in chunks of 50, 4 at a time) against the naive
// loop of one `retrieve` per ID, one after another, as the API's own example does for one task.
// The fake runs in a worker thread (see fakeServerWorker.mjs): a remote server's work does not
// stall the client's event loop, and neither should the fake's.

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { check, fromOut, median, printChecks, printTable, round } from './lib.mjs';

const TASKS = 500;
const LATENCY_MS = 50;
const TOKEN = 'sk-bench-refresh-0123456789abcdef';
const WARMUP_RUNS = 2;
const OUR_RUNS = 5;

/** The fake Veo API in a worker thread, and the few questions the benchmark asks it. */
async function startServerWorker(tasks) {
	const worker = new Worker(new URL('./fakeServerWorker.mjs', import.meta.url), { workerData: { latencyMs: LATENCY_MS, token: TOKEN, tasks } });
	const replies = [];
	let waiting;
	worker.on('message', (message) => {
		replies.push(message);
		waiting?.();
	});
	const failed = once(worker, 'error').then(([error]) => {
		throw error;
	});
	// Only awaited while waiting for a reply; an error at another time must not be unhandled.
	failed.catch(() => undefined);
	const next = async (type) => {
		for (;;) {
			const index = replies.findIndex((reply) => reply.type === type);
			if (index >= 0) {
				return replies.splice(index, 1)[0];
			}
			await Promise.race([new Promise((resolve) => (waiting = resolve)), failed]);
		}
	};
	const { url } = await next('ready');
	return {
		url,
		async clearRequests() {
			worker.postMessage({ type: 'clear' });
			await next('cleared');
		},
		/** @returns {Promise<{ count: number, byAction: Record<string, number> }>} */
		async requests() {
			worker.postMessage({ type: 'requests' });
			return next('requests');
		},
		async close() {
			worker.postMessage({ type: 'close' });
			await Promise.race([next('closed'), new Promise((resolve) => setTimeout(resolve, 2000))]);
			await worker.terminate();
		},
	};
}

export async function runRefresh() {
	const started = performance.now();
	const { pendingTask } = fromOut('test/fakeApi/records');
	const { VeoClient } = fromOut('src/core/api/veoClient');
	const { fetchTasks, BATCH_SIZE, BATCH_CONCURRENCY } = fromOut('src/core/tasks/taskFetcher');

	// Distinct creation times, as real tasks have (the fake sorts its answer by them).
	const base = 1_753_435_158;
	const tasks = Array.from({ length: TASKS }, (_, i) => pendingTask({ createdAt: base + i * 0.731 }));
	const ids = tasks.map((task) => task.id);
	const server = await startServerWorker(tasks);
	const client = new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: 30_000 });
	try {
		// Warm-up: the first runs pay for connections and for compiling the client's code; the naive
		// loop warms up within its own 500 iterations. The first (cold) run is reported too.
		const coldRuns = [];
		for (let run = 0; run < WARMUP_RUNS; run++) {
			const t0 = performance.now();
			await fetchTasks(client, ids);
			coldRuns.push(performance.now() - t0);
		}

		const ourRuns = [];
		let ourRequests = 0;
		for (let run = 0; run < OUR_RUNS; run++) {
			await server.clearRequests();
			const t0 = performance.now();
			const outcome = await fetchTasks(client, ids);
			ourRuns.push(performance.now() - t0);
			const counted = await server.requests();
			ourRequests = Math.max(ourRequests, counted.count);
			if (outcome.found.size !== TASKS || outcome.failed.length) {
				throw new Error(`fetchTasks found ${outcome.found.size} of ${TASKS} tasks (${outcome.failed.length} chunks failed)`);
			}
			if (counted.count !== (counted.byAction.retrieve_batch ?? 0)) {
				throw new Error(`fetchTasks sent other requests than retrieve_batch: ${JSON.stringify(counted.byAction)}`);
			}
		}
		const ourMs = median(ourRuns);

		await server.clearRequests();
		const t0 = performance.now();
		let naiveFound = 0;
		for (const id of ids) {
			if (await client.retrieve(id)) {
				naiveFound++;
			}
		}
		const naiveMs = performance.now() - t0;
		const naiveRequests = (await server.requests()).count;
		if (naiveFound !== TASKS) {
			throw new Error(`the naive loop found ${naiveFound} of ${TASKS} tasks`);
		}

		const idealRequests = Math.ceil(TASKS / BATCH_SIZE);
		const idealMs = Math.ceil(idealRequests / BATCH_CONCURRENCY) * LATENCY_MS;
		const speedup = naiveMs / ourMs;
		const ofIdeal = ourMs / idealMs;

		console.log(`\n== 1. Refresh: ${TASKS} pending tasks, fake Veo API with ${LATENCY_MS} ms latency per request ==`);
		console.log(`  the fake runs in a worker thread; ${WARMUP_RUNS} warm-up refreshes first (cold first run: ${round(coldRuns[0], 0)} ms)`);
		console.log(
			`  ours = fetchTasks (retrieve_batch, ${BATCH_SIZE} IDs per request, ${BATCH_CONCURRENCY} at a time); median of ${OUR_RUNS} runs: ${ourRuns.map((ms) => round(ms, 0)).join(', ')} ms`,
		);
		console.log(`  naive = one retrieve per ID, sequential, all ${TASKS} measured (not extrapolated)`);
		printTable(
			['strategy', 'requests', 'wall ms', 'ratio'],
			[
				['ours', ourRequests, round(ourMs, 1), `${round(ofIdeal, 2)}× ideal`],
				['naive', naiveRequests, round(naiveMs, 0), `${round(speedup, 1)}× ours`],
				['ideal', idealRequests, idealMs, `ceil(ceil(${TASKS}/${BATCH_SIZE})/${BATCH_CONCURRENCY}) × ${LATENCY_MS} ms`],
			],
			{ align: 'lrrl' },
		);
		const checks = [
			check('refresh requests', `${ourRequests}`, '≤ 10', ourRequests <= 10),
			check('speed-up vs naive', `${round(speedup, 1)}×`, '≥ 50×', speedup >= 50),
			check('time vs ideal', `${round(ourMs, 1)} ms = ${round(ofIdeal, 2)}× ideal`, '≤ 1.5× ideal', ofIdeal <= 1.5),
		];
		printChecks(checks);
		const json = {
			tasks: TASKS,
			latencyMs: LATENCY_MS,
			ours: { requests: ourRequests, ms: round(ourMs, 1), runsMs: ourRuns.map((ms) => round(ms, 1)), coldFirstRunMs: round(coldRuns[0], 1) },
			naive: { requests: naiveRequests, ms: round(naiveMs, 1), extrapolated: false },
			idealMs,
			speedup: round(speedup, 1),
			ratioToIdeal: round(ofIdeal, 3),
		};
		return { json, checks, ms: performance.now() - started };
	} finally {
		await server.close();
	}
}
