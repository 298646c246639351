// `npm run test:vscode`: runs the extension's tests in a real VS Code (code-server), after
// `npm run compile` built dist/extension.js and `npm run compile-tests` built out/.
//   1. the integration suite (out/test/suite/index.js) inside the extension host;
//   2. the end-to-end tests (out/test/e2e/**/*.test.js), if there are any, with mocha in plain
//      Node: they start their own code-server and browser through codeServer.mjs.
// Exits non-zero if either failed. Both always run, so one failure does not hide the other.
//
// Environment: VEO_TEST_TIMEOUT_MS bounds each step (default 25 minutes: the English integration suite alone takes about 10 on 2 cores); VEO_TEST_GREP runs only
// the integration tests whose titles match; VEO_SKIP_E2E=1 skips the end-to-end tests;
// VEO_TEST_DISPLAY_LANGUAGE=zh-cn runs the integration suite with VS Code in that display language
// (a language pack for it must be in test/host/, see codeServer.mjs installLanguagePack).
//
// After the English run, the localisation tests (test/suite/localisation.test.ts) run once more
// in each of LOCALISED_RUNS, as stages of their own (integration-zh-cn, integration-qps-ploc);
// the pseudo language's bundles are made first (scripts/l10n.mjs pseudo). VEO_SKIP_LOCALISED=1
// skips them while working on something else (never set in CI).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ARTIFACTS_DIR, REPO_ROOT, runSuiteInCodeServer, testTimeoutMs } from './codeServer.mjs';
import { PrerequisiteError, prepareHost } from './prepareHost.mjs';
import { PSEUDO_LANGUAGE, writePseudoBundles } from '../../scripts/l10n.mjs';

const SUITE_INDEX = path.join(REPO_ROOT, 'out', 'test', 'suite', 'index.js');
const E2E_DIR = path.join(REPO_ROOT, 'out', 'test', 'e2e');
const timeoutMs = testTimeoutMs();
const displayLanguage = process.env.VEO_TEST_DISPLAY_LANGUAGE || undefined;
/** The display languages the localisation tests run in again, and the title their tests share. */
const LOCALISED_RUNS = ['zh-cn', PSEUDO_LANGUAGE];
const LOCALISATION_TESTS = '^Localisation ';

async function main() {
	try {
		prepareHost();
	} catch (error) {
		if (error instanceof PrerequisiteError) {
			console.error(`error: ${error.message}`);
			return 1;
		}
		throw error;
	}
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
		console.error('error: dist/extension.js is missing: run `npm run compile` first');
		return 1;
	}

	// The pseudo language's bundles, made from the English ones each run (they are not committed):
	// the localised runs and the end-to-end tests read them.
	writePseudoBundles(REPO_ROOT);
	let integrationExitCode = await runIntegrationSuite();
	if (!displayLanguage && process.env.VEO_SKIP_LOCALISED !== '1') {
		for (const language of LOCALISED_RUNS) {
			const exitCode = await runIntegrationSuite({ language, grep: LOCALISATION_TESTS });
			integrationExitCode = integrationExitCode || exitCode;
		}
	}
	// VEO_SKIP_E2E=1 skips step 2 while working on the integration suite (never set in CI).
	const e2eExitCode = process.env.VEO_SKIP_E2E === '1' ? 0 : await runEndToEndTests();
	return integrationExitCode !== 0 || e2eExitCode !== 0 ? 1 : 0;
}

/**
 * @param {{ language?: string, grep?: string }} [run] a display language and the tests to run in
 * it; by default the whole suite in VEO_TEST_DISPLAY_LANGUAGE (English when unset)
 * @returns {Promise<number>} 0 when the suite passed
 */
async function runIntegrationSuite({ language = displayLanguage, grep } = {}) {
	const name = language ? `integration-${language}` : 'integration';
	console.log(
		`[test host] integration suite${grep ? ` (${grep})` : ''}: out/test/suite/index.js in code-server${language ? `, display language ${language}` : ''}`,
	);
	try {
		const result = await runSuiteInCodeServer({
			extensionDevelopmentPath: REPO_ROOT,
			extensionTestsPath: SUITE_INDEX,
			displayLanguage: language,
			// The stage names the results file (scripts/testSummary.mjs expects each stage).
			env: { VEO_TEST_STAGE: name, ...(grep ? { VEO_TEST_GREP: grep } : {}) },
			timeoutMs,
			name,
		});
		const outcome = result.exitCode === 0 ? 'passed' : result.timedOut ? 'timed out' : 'failed';
		console.log(`[test host] integration suite ${outcome} in ${(result.durationMs / 1000).toFixed(1)} s`);
		return result.exitCode;
	} catch (error) {
		// The host itself failed (code-server or Chromium did not start...): still run step 2.
		console.error('[test host] integration suite could not run:', error);
		return 1;
	}
}

/** @returns {Promise<number>} mocha's exit code, or 0 when there are no end-to-end tests */
async function runEndToEndTests() {
	const files = findTestFiles(E2E_DIR);
	if (files.length === 0) {
		console.log('[test host] no end-to-end tests (out/test/e2e/**/*.test.js)');
		return 0;
	}
	console.log(`[test host] end-to-end tests: ${files.length} file(s) with mocha in Node`);
	const mochaBin = path.join(path.dirname(createRequire(import.meta.url).resolve('mocha/package.json')), 'bin', 'mocha.js');
	// A child process, so that what the tests start (servers, browsers, their exit handlers)
	// lives and dies with it, and a hang can be ended from here. --exit: mocha stops even if a
	// test left a handle open; the exit handlers of codeServer.mjs still stop every server.
	const child = spawn(
		process.execPath,
		[
			mochaBin,
			'--ui',
			'bdd',
			'--color',
			'--timeout',
			'120000',
			'--exit',
			'--reporter',
			path.join(REPO_ROOT, 'test', 'reporter.js'),
			'--reporter-option',
			'stage=e2e',
			...files,
		],
		{ cwd: REPO_ROOT, stdio: 'inherit' },
	);
	const timer = setTimeout(() => {
		console.error(`[test host] end-to-end tests still running after ${Math.round(timeoutMs / 1000)} s (VEO_TEST_TIMEOUT_MS); stopping them`);
		// SIGTERM lets the child's exit handlers stop the servers it started.
		child.kill('SIGTERM');
	}, timeoutMs);
	const [code, signal] = await new Promise((resolve) => child.once('exit', (...result) => resolve(result)));
	clearTimeout(timer);
	return code === 0 && !signal ? 0 : 1;
}

/** Every *.test.js under `dir`, recursively, sorted so runs are in a stable order. */
function findTestFiles(dir) {
	if (!fs.existsSync(dir)) {
		return [];
	}
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
		.map((entry) => path.join(entry.parentPath, entry.name))
		.sort();
}

main().then(
	(code) => {
		if (code !== 0) {
			console.error(`[test host] failed; screenshots and logs are in ${path.relative(REPO_ROOT, ARTIFACTS_DIR)}/`);
		}
		process.exitCode = code;
	},
	(error) => {
		console.error(error);
		process.exitCode = 1;
	},
);
