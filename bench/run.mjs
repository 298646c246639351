#!/usr/bin/env node
// `npm run bench`: builds what the benchmarks need, runs the four benchmarks (refresh,
// polling, install, scale), prints a table per benchmark and a summary with PASS/FAIL per target,
// and writes bench-results.json at the repository root. See BENCHMARKS.md.
//
//   node bench/run.mjs                   all four; exit 0 even when a target is missed
//   node bench/run.mjs --check           exit 1 when any target is missed
//   node bench/run.mjs --only polling,scale
//                                        only these; their keys replace those in an existing
//                                        bench-results.json, the others are kept
//   node bench/run.mjs --skip-build      use out/ as it is (after `npx tsc -p test`)
// A benchmark that cannot run at all (an exception) makes the exit code 2.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OUT_DIR, printTable, REPO_ROOT, round } from './lib.mjs';

const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results.json');
const BENCHMARKS = ['refresh', 'polling', 'install', 'scale', 'discovery', 'gallery'];

/** Files under out/ the benchmarks load; their absence after the build is fatal. */
const NEEDED_OUT_FILES = [
	'src/core/api/veoClient.js',
	'src/core/tasks/taskFetcher.js',
	'src/core/polling/pollScheduler.js',
	'src/core/polling/pollPolicy.js',
	'src/core/tasks/discovery.js',
	'src/core/view/taskRow.js',
	'src/core/tasks/taskList.js',
	'src/core/tasks/taskPersistence.js',
	'src/core/tasks/sharedTaskList.js',
	'src/core/tasks/taskExport.js',
	'src/core/view/galleryModel.js',
	'src/core/view/galleryFilter.js',
	'test/fakeApi/fakeVeoServer.js',
	'test/fakeApi/records.js',
];

function parseArgs(argv) {
	const args = { check: false, skipBuild: false, only: BENCHMARKS };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--check') {
			args.check = true;
		} else if (arg === '--skip-build') {
			args.skipBuild = true;
		} else if (arg === '--only' || arg.startsWith('--only=')) {
			const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
			args.only = (value ?? '')
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean);
			const unknown = args.only.filter((name) => !BENCHMARKS.includes(name));
			if (unknown.length || !args.only.length) {
				throw new Error(`--only takes some of ${BENCHMARKS.join(', ')} (got "${value}")`);
			}
		} else if (arg === '--help' || arg === '-h') {
			console.log('usage: node bench/run.mjs [--check] [--only refresh,polling,install,scale] [--skip-build]');
			process.exit(0);
		} else {
			throw new Error(`unknown argument ${arg} (try --help)`);
		}
	}
	return args;
}

/** Compiles src/ and test/ into out/ (tsc -p test). The production bundle is built by the install benchmark. */
function build() {
	const started = performance.now();
	const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const result = spawnSync(process.execPath, [tsc, '-p', 'test'], { cwd: REPO_ROOT, encoding: 'utf8' });
	const missing = NEEDED_OUT_FILES.filter((file) => !fs.existsSync(path.join(OUT_DIR, file)));
	if (result.status !== 0) {
		// tsc still writes out/ on type errors; the benchmarks only need the files above.
		const errors = `${result.stdout}${result.stderr}`
			.trim()
			.split('\n')
			.filter((line) => line.includes('error TS'));
		console.log(`warning: tsc -p test reported ${errors.length} type error(s); out/ was written anyway:`);
		for (const line of errors.slice(0, 5)) {
			console.log(`  ${line}`);
		}
		if (errors.length > 5) {
			console.log(`  ... and ${errors.length - 5} more`);
		}
	}
	if (missing.length) {
		throw new Error(`tsc -p test did not produce ${missing.join(', ')}:\n${result.stdout}${result.stderr}`);
	}
	console.log(`built out/ with tsc -p test in ${round((performance.now() - started) / 1000, 1)} s`);
}

function gitDescription() {
	const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
	const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' });
	if (head.status !== 0) {
		return undefined;
	}
	return `${head.stdout.trim()}${status.stdout.trim() ? ' (with uncommitted changes)' : ''}`;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const started = performance.now();
	const meta = {
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
		commit: gitDescription(),
	};
	console.log(`Veo Tasks benchmarks, ${meta.date}, Node ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel}), load ${meta.loadAverageAtStart.join(' ')}`);
	if (!args.skipBuild) {
		build();
	}

	const runners = {
		refresh: async () => (await import('./refresh.mjs')).runRefresh(),
		polling: async () => (await import('./polling.mjs')).runPolling(),
		install: async () => (await import('./install.mjs')).runInstall(),
		scale: async () => (await import('./scale.mjs')).runScale(),
		discovery: async () => (await import('./discovery.mjs')).runDiscovery(),
		gallery: async () => (await import('./gallery.mjs')).runGallery(),
	};
	const results = {};
	const summary = [];
	const timings = {};
	const loadAtStart = {};
	let crashed = false;
	for (const name of BENCHMARKS.filter((benchmark) => args.only.includes(benchmark))) {
		loadAtStart[name] = round(os.loadavg()[0], 2);
		try {
			const { json, checks, ms } = await runners[name]();
			results[name] = json;
			timings[name] = round(ms / 1000, 1);
			for (const c of checks) {
				summary.push([name, c.name, c.measured, c.target, c.pass ? 'PASS' : 'FAIL']);
			}
		} catch (error) {
			crashed = true;
			results[name] = { error: error instanceof Error ? error.message : String(error) };
			console.log(`\n!! ${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
			summary.push([name, '(benchmark)', 'could not run', '-', 'ERROR']);
		}
	}

	const totalS = round((performance.now() - started) / 1000, 1);
	let previous = {};
	if (args.only.length < BENCHMARKS.length && fs.existsSync(RESULTS_FILE)) {
		try {
			previous = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
		} catch {
			previous = {};
		}
	}
	// The figures kept from an earlier run keep that run's description (one level: older ones are in git).
	const earlierRun = previous.meta ? { earlierRun: { ...previous.meta, earlierRun: undefined } } : {};
	const output = {
		...previous,
		...results,
		meta: { ...meta, benchmarks: args.only, secondsPerBenchmark: timings, loadAverage1mAtStart: loadAtStart, totalSeconds: totalS, ...earlierRun },
	};
	// Keep the key order (refresh, polling, install, scale), then meta.
	const ordered = Object.fromEntries([...BENCHMARKS.filter((name) => name in output).map((name) => [name, output[name]]), ['meta', output.meta]]);
	fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(ordered, null, '\t')}\n`);

	const failed = summary.filter((row) => row[4] !== 'PASS');
	console.log(`\n== Summary (${summary.length - failed.length} of ${summary.length} targets met; ${totalS} s) ==`);
	printTable(['benchmark', 'target', 'measured', 'goal', 'verdict'], summary, { align: 'llrll' });
	console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);

	if (crashed) {
		process.exitCode = 2;
	} else if (args.check && failed.length) {
		console.log(`--check: ${failed.length} target(s) missed`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 2;
});
