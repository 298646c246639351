// Totals of every test stage that ran, from the out/test-results/<stage>.json files that
// test/reporter.js writes (unit, integration, e2e).
//
//   node scripts/testSummary.mjs --reset                      forget earlier runs (run first)
//   node scripts/testSummary.mjs [--expect unit,integration]  print the totals
//
// Prints one line per stage, then exactly one line `tests: N passed, N failed`, the form CI
// reads (so the per-stage lines deliberately use other words). Exits 1 if a test failed, or if
// an expected stage has no results or ran no test: a suite that silently ran nothing must not
// pass.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out', 'test-results');

const { values } = parseArgs({
	options: {
		expect: { type: 'string', default: '' },
		reset: { type: 'boolean', default: false },
	},
});

if (values.reset) {
	fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
	process.exit(0);
}

const results = fs.existsSync(RESULTS_DIR)
	? fs
			.readdirSync(RESULTS_DIR)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, file), 'utf8')))
	: [];
const expected = values.expect.split(',').filter(Boolean);

const problems = [];
for (const stage of expected) {
	const result = results.find((r) => r.stage === stage);
	if (!result) {
		problems.push(`stage "${stage}" has no results (${path.relative(process.cwd(), RESULTS_DIR)}/${stage}.json): it did not run or did not finish`);
	} else if (result.passes + result.failures === 0) {
		problems.push(`stage "${stage}" ran no tests`);
	}
}

let passed = 0;
let failed = 0;
for (const { stage, passes, failures, pending, durationMs } of results) {
	passed += passes;
	failed += failures;
	console.log(`  ${stage.padEnd(12)} ${passes} passing, ${failures} failing, ${pending} pending (${(durationMs / 1000).toFixed(1)} s)`);
}
for (const problem of problems) {
	console.log(`  error: ${problem}`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || problems.length > 0 ? 1 : 0;
