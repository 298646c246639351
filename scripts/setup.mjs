// Run by `pretest` and `prestart`: makes `npm test` / `npm start` work in one command on a fresh
// machine, and costs well under a second once everything is there.
//   1. Debian packages the test host needs: chromium, fonts-wqy-microhei, libkrb5-dev (and the build tools), with
//      apt-get when we are root; otherwise prints the command and stops.
//   2. `npm ci` when node_modules is missing or older than package-lock.json.
//   3. The code-server test host (test/host/prepareHost.mjs), once.
// Node builtins only: node_modules may not exist yet when this runs.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrerequisiteError, hostInstalled, missingDebianPackages, onPath, prepareHost } from '../test/host/prepareHost.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main() {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		fail(`the code-server test host needs Linux x64 (this is ${process.platform}-${process.arch}); use \`npm run test:desktop\` for the tests`);
	}
	installDebianPackages();
	installNodeModules();
	try {
		prepareHost();
	} catch (error) {
		fail(error instanceof PrerequisiteError ? error.message : String(error));
	}
}

function installDebianPackages() {
	const missing = missingDebianPackages({ build: !hostInstalled() });
	if (missing.length === 0) {
		return;
	}
	const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
	if (process.getuid?.() !== 0 || !onPath('apt-get')) {
		fail(`missing Debian packages ${missing.join(', ')}: run \`sudo apt-get update && sudo ${install.join(' ')}\`, then this again`);
	}
	// update first: on a fresh machine the package lists are empty.
	run(['apt-get', 'update'], { DEBIAN_FRONTEND: 'noninteractive' });
	run(install, { DEBIAN_FRONTEND: 'noninteractive' });
}

function installNodeModules() {
	const lock = path.join(REPO_ROOT, 'package-lock.json');
	// npm writes this copy of the lock file at the end of every install.
	const installed = path.join(REPO_ROOT, 'node_modules', '.package-lock.json');
	if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) {
		return;
	}
	run(['npm', 'ci']);
}

function run(command, env = {}) {
	console.log(`[setup] ${command.join(' ')}`);
	const result = spawnSync(command[0], command.slice(1), { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) {
		fail(`\`${command.join(' ')}\` failed${result.error ? `: ${result.error.message}` : ` with exit code ${result.status}`}`);
	}
}

/** One line, no stack trace: every failure here is a step for the user, not a bug. */
function fail(message) {
	console.error(`[setup] error: ${message}`);
	process.exit(1);
}

main();
