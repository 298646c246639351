// Mocha reporter shared by every test stage (unit, integration, e2e): the usual Spec output,
// plus the stage's counts in out/test-results/<stage>.json for scripts/testSummary.mjs.
//
// The stage comes from the reporter option `stage` (`--reporter-option stage=unit`, or
// `reporterOptions: { stage }` in code) or else from env VEO_TEST_STAGE. Without one, it only
// prints.
//
// Plain CommonJS so that it loads as is in Node and inside VS Code's extension host alike.
'use strict';

const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

// Relative to this file, not to the cwd: inside the extension host the cwd is VS Code's.
const RESULTS_DIR = path.resolve(__dirname, '..', 'out', 'test-results');

class VeoReporter extends Mocha.reporters.Spec {
	/**
	 * @param {Mocha.Runner} runner
	 * @param {Mocha.MochaOptions} [options]
	 */
	constructor(runner, options = {}) {
		super(runner, options);
		const reporterOptions = options.reporterOption || options.reporterOptions || {};
		const stage = reporterOptions.stage || process.env.VEO_TEST_STAGE;
		if (!stage) {
			return;
		}
		// Registered after Spec's own listener, so the counts are final.
		runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
			const { passes, failures, pending, tests, duration } = this.stats;
			fs.mkdirSync(RESULTS_DIR, { recursive: true });
			fs.writeFileSync(
				path.join(RESULTS_DIR, `${stage}.json`),
				JSON.stringify({ stage, passes, failures, pending, tests, durationMs: duration ?? 0 }, null, '\t') + '\n',
			);
		});
	}
}

module.exports = VeoReporter;
