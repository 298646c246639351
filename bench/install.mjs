// Benchmark 3, the cost of being installed: the size of the production bundle, and how long
// `activate()` takes in a real extension host (code-server, through test/host/codeServer.mjs),
// median of 5 runs, each in a fresh code-server and browser.
//
// The production bundle is built by the repository's own esbuild.js, but run from a temporary
// folder (with src/, media/ and node_modules/ linked in), so dist/ of the working copy is left
// alone and nothing rebuilding it meanwhile can change what is measured. That folder, with the
// repository's package.json, is the extension the host loads.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { check, kb, median, printChecks, printTable, REPO_ROOT, round } from './lib.mjs';

const ACTIVATION_RUNS = 5;
const SUITE = path.join(REPO_ROOT, 'bench', 'activation', 'index.js');

/** Builds the production bundle into a fresh extension folder; returns the folder and the bundle's path. */
export function buildProductionExtension() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-bench-extension-'));
	// The manifest's texts are %key% references resolved through package.nls*.json, and the
	// messages live in l10n/: without them the host would show raw keys and log missing ones.
	for (const entry of ['src', 'media', 'node_modules', 'l10n']) {
		fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(folder, entry));
	}
	for (const file of fs.readdirSync(REPO_ROOT).filter((name) => name === 'package.json' || /^package\.nls(\.[\w-]+)?\.json$/.test(name))) {
		fs.copyFileSync(path.join(REPO_ROOT, file), path.join(folder, file));
	}
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.js'), '--production'], { cwd: folder, encoding: 'utf8' });
	const bundle = path.join(folder, 'dist', 'extension.js');
	if (result.status !== 0 || !fs.existsSync(bundle)) {
		fs.rmSync(folder, { recursive: true, force: true });
		throw new Error(`node esbuild.js --production failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
	}
	return { folder, bundle };
}

async function measureActivation(extensionFolder, log) {
	const { runSuiteInCodeServer } = await import(path.join(REPO_ROOT, 'test', 'host', 'codeServer.mjs'));
	const runs = [];
	for (let run = 1; run <= ACTIVATION_RUNS; run++) {
		const outFile = path.join(os.tmpdir(), `veo-bench-activation-${process.pid}-${run}.json`);
		fs.rmSync(outFile, { force: true });
		const lines = [];
		const result = await runSuiteInCodeServer({
			extensionDevelopmentPath: extensionFolder,
			extensionTestsPath: SUITE,
			env: { VEO_BENCH_ACTIVATION_OUT: outFile },
			name: `bench-activation-${run}`,
			timeoutMs: 3 * 60_000,
			log: (line) => lines.push(line),
		});
		let measured;
		if (fs.existsSync(outFile)) {
			measured = JSON.parse(fs.readFileSync(outFile, 'utf8'));
			fs.rmSync(outFile, { force: true });
		} else {
			// The host relays the extension host's console; the suite prints the same JSON there.
			const line = lines.find((l) => l.includes('[veo-bench] activation '));
			measured = line ? JSON.parse(line.slice(line.indexOf('{'))) : undefined;
		}
		if (result.exitCode !== 0 || !measured) {
			for (const line of lines.slice(-30)) {
				log(`    | ${line}`);
			}
			throw new Error(`activation run ${run} failed (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''})`);
		}
		log(
			`  run ${run}: activate() ${round(measured.activationMs, 2)} ms, with ${measured.trackedTasks} tracked tasks ${round(measured.activationWithTasksMs, 2)} ms (call incl. loading the bundle ${round(measured.activateCallMs, 1)} ms${measured.alreadyActive ? ', was already active' : ''}; host run ${round(result.durationMs / 1000, 1)} s)`,
		);
		runs.push(measured);
	}
	return runs;
}

export async function runInstall({ log = (line) => console.log(line) } = {}) {
	const started = performance.now();
	console.log(`\n== 3. Cost of being installed (production bundle; activate() in code-server, median of ${ACTIVATION_RUNS} fresh hosts) ==`);
	const { folder, bundle } = buildProductionExtension();
	try {
		const bundleBytes = fs.statSync(bundle).size;
		const gzipBytes = zlib.gzipSync(fs.readFileSync(bundle), { level: 9 }).length;
		const runs = await measureActivation(folder, log);
		const activateMsMedian = median(runs.map((r) => r.activationMs));
		const callMsMedian = median(runs.map((r) => r.activateCallMs));
		const withTasksMsMedian = median(runs.map((r) => r.activationWithTasksMs));
		const trackedTasks = runs[0].trackedTasks;
		printTable(
			['measure', 'value', 'target'],
			[
				['dist/extension.js (esbuild --production)', `${bundleBytes.toLocaleString('en')} B = ${kb(bundleBytes)}`, '< 100 KB'],
				['  gzipped (info)', kb(gzipBytes), ''],
				[`activate() median of ${runs.length}`, `${round(activateMsMedian, 2)} ms`, '< 20 ms'],
				['  runs', runs.map((r) => round(r.activationMs, 1)).join(', '), ''],
				[`activate() with ${trackedTasks.toLocaleString('en')} tracked tasks, median of ${runs.length}`, `${round(withTasksMsMedian, 2)} ms`, '< 20 ms'],
				['  runs', runs.map((r) => round(r.activationWithTasksMs, 1)).join(', '), ''],
				['  extension.activate() call, incl. loading (info)', `${round(callMsMedian, 1)} ms`, ''],
			],
			{ align: 'lrl' },
		);
		const checks = [
			check('bundle size', kb(bundleBytes), '< 100 KB', bundleBytes < 100 * 1024),
			check('activate() in code-server', `${round(activateMsMedian, 2)} ms`, '< 20 ms', activateMsMedian < 20),
			check(`activate() with ${trackedTasks.toLocaleString('en')} tracked tasks`, `${round(withTasksMsMedian, 2)} ms`, '< 20 ms', withTasksMsMedian < 20),
		];
		printChecks(checks);
		const json = {
			bundleBytes,
			activateMsMedian: round(activateMsMedian, 3),
			bundleGzipBytes: gzipBytes,
			activateRunsMs: runs.map((r) => round(r.activationMs, 3)),
			activateCallMsMedian: round(callMsMedian, 2),
			activateWithTrackedTasksMsMedian: round(withTasksMsMedian, 3),
			activateWithTrackedTasksRunsMs: runs.map((r) => round(r.activationWithTasksMs, 3)),
			trackedTasks,
		};
		return { json, checks, ms: performance.now() - started };
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}
