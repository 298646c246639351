// Runs the extension in a real VS Code: code-server (installed by prepareHost.mjs) in its own
// process group, opened in Debian's Chromium through playwright-core. Used by the integration
// runner (runInCodeServer.mjs), the end-to-end tests, the benchmarks and `npm start`.
//
// The facts this relies on are explained next to the code that depends on them.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { prepareHost, REPO_ROOT } from './prepareHost.mjs';

export { REPO_ROOT };
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');
/** A bound on each step, not a target: the whole English integration suite takes about 10 minutes on 2 cores. */
const DEFAULT_TIMEOUT_MS = 25 * 60 * 1000;
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 2_000;

const BASE_SETTINGS = {
	// Without it the folder opens in Restricted Mode and the extension under test stays disabled
	// (--disable-workspace-trust alone is not enough).
	'security.workspace.trust.enabled': false,
	// Nothing for these to reach here: without them the Copilot agent host starts beside the
	// extension host on our two cores, and the logs fill with sign-in and gallery chatter.
	'chat.disableAIFeatures': true,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'telemetry.telemetryLevel': 'off',
};

// Workbench log lines about the extension gallery and telemetry hosts, which these machines
// cannot reach (open-vsx.org is code-server's gallery): harmless, and left out of the relayed
// console. The full console is still saved under test-artifacts/.
const UNREACHABLE_SERVICE_NOISE = /open-vsx\.org|marketplace\.visualstudio\.com|vscode-unpkg\.net|exp-tas\.com|events\.data\.microsoft\.com/;

// ---------------------------------------------------------------------------------------------
// Nothing may outlive the test process: code-server leaves its file watcher and extension host
// running for hours when only its parent dies. Whatever a started server or run leaves (its
// process group, its temp folders) is registered here until it is cleaned up normally, and
// cleaned up when this process ends anyway: when it returns, throws, is interrupted, or is
// ended by mocha's --exit after a timeout. (Only a SIGKILL of this process escapes it.)

/** @type {Set<() => void>} synchronous clean-ups still to do */
const pendingCleanups = new Set();

/**
 * Runs `cleanup` when this process exits, unless the returned function is called first.
 * @param {() => void} cleanup synchronous: 'exit' handlers cannot wait
 * @returns {() => void} forget it (once cleaned up normally)
 */
function cleanUpOnExit(cleanup) {
	installExitHandlers();
	pendingCleanups.add(cleanup);
	return () => pendingCleanups.delete(cleanup);
}

let exitHandlersInstalled = false;

function installExitHandlers() {
	if (exitHandlersInstalled) {
		return;
	}
	exitHandlersInstalled = true;
	process.on('exit', () => {
		for (const cleanup of pendingCleanups) {
			cleanup();
		}
	});
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		// Listening replaces Node's default of exiting, so exit explicitly (which runs the
		// 'exit' handler above), with the conventional 128 + signal number.
		process.on(signal, () => process.exit(128 + os.constants.signals[signal]));
	}
}

function removeDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Sends a signal to a whole process group; false if the group has no process left. */
function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ESRCH') {
			return false;
		}
		throw error;
	}
}

/**
 * Whether a process of the group still runs. Read from /proc rather than asked with kill(-pgid, 0):
 * where init does not reap orphans (as on these VMs), the group's processes that outlived
 * code-server stay as zombies once dead, and kill() would count them as alive.
 */
function groupRunning(pgid) {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
		const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(pgrp) === pgid && state !== 'Z') {
			return true;
		}
	}
	return false;
}

async function waitForGroupExit(pgid, ms) {
	const deadline = Date.now() + ms;
	while (groupRunning(pgid)) {
		if (Date.now() >= deadline) {
			return false;
		}
		await sleep(50);
	}
	return true;
}

// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} CodeServer
 * @property {string} url              http://127.0.0.1:PORT/ (opens workspaceFolder, if given)
 * @property {number} port
 * @property {string} userDataDir      fresh for this server; removed by stop()
 * @property {string} extensionsDir    fresh and empty for this server; removed by stop()
 * @property {string} logFile          code-server's own stdout/stderr; removed by stop()
 * @property {string | undefined} workspaceFolder
 * @property {string | undefined} extensionDevelopmentPath
 * @property {() => Promise<void>} stop  kills the whole process group; safe to call twice
 */

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers GET /healthz.
 * @param {object} options
 * @param {string} [options.extensionDevelopmentPath] the extension under test; the default for
 *   workbenchUrl(). VS Code loads it only through the URL's payload, not from a server flag.
 * @param {string} [options.workspaceFolder] folder that `url` opens
 * @param {Record<string, unknown>} [options.userSettings] merged into User/settings.json
 * @param {number} [options.port] default 0: a free port
 * @param {Record<string, string>} [options.env] extra environment for code-server, which its
 *   extension host (and so the extension under test) inherits
 * @param {string} [options.displayLanguage] VS Code's display language, such as 'zh-cn' (default:
 *   English). Installs the minimal language pack test/host/<language>-language-pack/ for this
 *   server only; see installLanguagePack().
 * @param {string[]} [options.extraExtensions] extension folders (a package.json and what it names)
 *   installed into this server's fresh extensions dir; see installExtensionFolder()
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({
	extensionDevelopmentPath,
	workspaceFolder,
	userSettings = {},
	port = 0,
	env = {},
	displayLanguage,
	extraExtensions = [],
} = {}) {
	const host = prepareHost();

	const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-code-server-'));
	const userDataDir = path.join(tempDir, 'user-data');
	const extensionsDir = path.join(tempDir, 'extensions');
	const configFile = path.join(tempDir, 'config.yaml');
	const logFile = path.join(tempDir, 'code-server.log');
	fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	fs.mkdirSync(extensionsDir);
	fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...userSettings }, null, '\t'));
	// An empty config file of our own, so that the developer's ~/.config/code-server/config.yaml
	// (a password, a certificate) cannot change how the test server behaves, and none is created.
	fs.writeFileSync(configFile, '');
	const language = displayLanguage?.toLowerCase();
	for (const extension of extraExtensions) {
		installExtensionFolder(extension, extensionsDir);
	}
	if (language && !language.startsWith('en')) {
		try {
			installLanguagePack({ language, extensionsDir, userDataDir });
		} catch (error) {
			removeDir(tempDir);
			throw error;
		}
	}

	const args = [
		host.codeServer,
		'--config',
		configFile,
		'--auth',
		'none',
		// Port 0: the system picks a free one, which code-server then prints (no race with
		// another server, such as a benchmark's, for a port picked beforehand).
		'--bind-addr',
		`127.0.0.1:${port}`,
		'--user-data-dir',
		userDataDir,
		'--extensions-dir',
		extensionsDir,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--disable-getting-started-override',
		// Without it the web client silently ignores the development payload of workbenchUrl().
		'--vscode-option',
		'enable-smoke-test-driver',
		// VS Code's server takes the display language from --locale first (then argv.json, where
		// a missing file counts as "en": neither the browser's language nor a cookie is asked).
		...(language ? ['--locale', language] : []),
		...(workspaceFolder ? [workspaceFolder] : []),
	];
	const logFd = fs.openSync(logFile, 'w');
	// A file, not a pipe: nothing has to keep reading it for code-server to keep running.
	const child = spawn(host.node, args, {
		detached: true, // its own process group, so stop() can kill the extension host and watchers too
		stdio: ['ignore', logFd, logFd],
		env: serverEnvironment(env),
	});
	fs.closeSync(logFd);
	if (child.pid === undefined) {
		removeDir(tempDir);
		throw new Error(`could not start ${host.node}`);
	}
	const forget = cleanUpOnExit(() => {
		// No time for a grace period here: straight to SIGKILL.
		signalGroup(child.pid, 'SIGKILL');
		removeDir(tempDir);
	});

	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			if (signalGroup(child.pid, 'SIGTERM') && !(await waitForGroupExit(child.pid, STOP_GRACE_MS))) {
				signalGroup(child.pid, 'SIGKILL');
				await waitForGroupExit(child.pid, STOP_GRACE_MS);
			}
			forget();
			removeDir(tempDir);
		})();
		return stopping;
	};

	let url;
	try {
		url = await waitUntilServing(child, logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, port: Number(new URL(url).port), userDataDir, extensionsDir, logFile, workspaceFolder, extensionDevelopmentPath, stop };
}

/** Where the minimal language pack for `language` lives: test/host/<language>-language-pack/. */
export function languagePackDir(language) {
	return path.join(REPO_ROOT, 'test', 'host', `${language}-language-pack`);
}

/**
 * Installs the minimal language pack for `language` into a server's fresh extensions and user
 * data folders, before the server starts, so that the first page it serves is already in that
 * language. Nothing of it goes to the network or outside those two folders.
 *
 * What VS Code needs for a display language other than English (read in code-server 4.139.1,
 * lib/vscode/out/server-main.js):
 * - the page's language: --locale; then the server looks `language` (or a prefix of it, zh-cn,
 *   zh) up in <user-data-dir>/languagepacks.json and gives the page a message file only if that
 *   entry has a `hash` and a `translations.vscode` file that exists. Without a match the page
 *   stays English, `vscode.env.language` is "en" and no extension's zh-cn files are read.
 *   VS Code writes languagepacks.json itself only when a language pack is installed through
 *   its extension management (the gallery, a .vsix); copying a folder does not trigger it, so it
 *   is written here, in the same shape (its LanguagePacksCache).
 * - the pack as an installed extension: its folder in the extensions dir, and an entry in the
 *   dir's extensions.json (without the entry the folder is not scanned at all). The Extensions
 *   view then lists it, and when VS Code rebuilds languagepacks.json from the installed
 *   extensions (after any install or uninstall) zh-cn stays in it.
 * - `translations.vscode`: {"contents": {"<module>": {"<key>": "..."}}}; every string it lacks
 *   stays English. Other extensions' own zh-cn files (package.nls.zh-cn.json, l10n bundles) are
 *   read by VS Code once the display language is zh-cn, with or without the pack's help.
 * @param {{ language: string, extensionsDir: string, userDataDir: string }} options
 */
export function installLanguagePack({ language, extensionsDir, userDataDir }) {
	const source = languagePackDir(language);
	if (!fs.existsSync(path.join(source, 'package.json'))) {
		throw new Error(`no language pack for the display language "${language}": ${path.relative(REPO_ROOT, source)}/package.json is missing`);
	}
	const { manifest, id, target } = installExtensionFolder(source, extensionsDir);

	const localization = manifest.contributes?.localizations?.find((entry) => entry.languageId === language);
	if (!localization?.translations?.some((translation) => translation.id === 'vscode')) {
		throw new Error(`${path.relative(REPO_ROOT, source)}/package.json declares no "vscode" translation for "${language}"`);
	}
	const languagePacks = {
		[language]: {
			// VS Code's own hash of the pack's extensions: it names the folder of generated
			// messages under <user-data-dir>/clp/.
			hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
			extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
			translations: Object.fromEntries(localization.translations.map((translation) => [translation.id, path.join(target, translation.path)])),
			label: localization.localizedLanguageName ?? localization.languageName,
		},
	};
	fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks));
}

/**
 * Installs an extension folder into a server's extensions dir, before the server starts: the
 * folder copied in, and an entry in the dir's extensions.json (without it the folder is not
 * scanned at all), as VS Code writes it for a .vsix.
 * @param {string} source a folder with a package.json
 * @param {string} extensionsDir
 * @returns {{ manifest: any, id: string, target: string }}
 */
export function installExtensionFolder(source, extensionsDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
	const id = `${manifest.publisher}.${manifest.name}`;
	const folderName = `${id}-${manifest.version}`;
	const target = path.join(extensionsDir, folderName);
	fs.cpSync(source, target, { recursive: true });

	const extensionsJson = path.join(extensionsDir, 'extensions.json');
	const installed = fs.existsSync(extensionsJson) ? JSON.parse(fs.readFileSync(extensionsJson, 'utf8')) : [];
	installed.push({
		identifier: { id },
		version: manifest.version,
		location: { $mid: 1, scheme: 'file', path: target },
		relativeLocation: folderName,
		metadata: { installedTimestamp: Date.now(), source: 'vsix' },
	});
	fs.writeFileSync(extensionsJson, JSON.stringify(installed));
	return { manifest, id, target };
}

/**
 * The environment code-server runs in: ours, minus what would redirect it, plus `extra`.
 * @param {Record<string, string>} extra
 */
function serverEnvironment(extra) {
	const env = { ...process.env };
	// Inside a VS Code or code-server terminal, VSCODE_IPC_HOOK_CLI makes code-server hand the
	// folder to that editor and exit instead of starting; the other VSCODE_* variables describe
	// that editor too. PORT and CODE_SERVER_HOST would override --bind-addr, CODE_SERVER_CONFIG
	// is replaced by --config.
	for (const key of Object.keys(env)) {
		if (key.startsWith('VSCODE_') || ['ELECTRON_RUN_AS_NODE', 'PORT', 'CODE_SERVER_HOST', 'CODE_SERVER_CONFIG'].includes(key)) {
			delete env[key];
		}
	}
	return { ...env, ...extra };
}

/**
 * Waits for code-server's "HTTP server listening on <url>" line, then for GET /healthz.
 * @returns {Promise<string>} the server's URL, with the port it bound
 */
async function waitUntilServing(child, logFile) {
	let exited = false;
	child.once('exit', () => (exited = true));
	const deadline = Date.now() + HEALTH_TIMEOUT_MS;
	let url;
	while (Date.now() < deadline) {
		if (exited) {
			throw new Error(`code-server exited during startup (exit code ${child.exitCode}):\n${tail(logFile)}`);
		}
		url ??= /HTTP server listening on (http:\/\/\S+\/)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1];
		if (url) {
			try {
				const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(1000) });
				if (response.ok) {
					return url;
				}
			} catch {
				// Not answering yet.
			}
		}
		await sleep(100);
	}
	throw new Error(`code-server was not serving within ${HEALTH_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
}

function tail(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * The workbench URL that opens `folder` and, with the development payload, loads the extension
 * from source and (with extensionTestsPath) runs a suite in the extension host.
 * @param {Pick<CodeServer, 'url' | 'port' | 'workspaceFolder' | 'extensionDevelopmentPath'>} server
 * @param {{ folder?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} [options]
 *   folder and extensionDevelopmentPath default to the server's; all are absolute local paths.
 * @returns {string}
 */
export function workbenchUrl(server, { folder = server.workspaceFolder, extensionDevelopmentPath = server.extensionDevelopmentPath, extensionTestsPath } = {}) {
	// The paths live on the server side of this "remote" window, hence vscode-remote URIs.
	const remote = (file) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(file)}`;
	const payload = [];
	if (extensionDevelopmentPath) {
		payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
	}
	if (extensionTestsPath) {
		payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
	}
	payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
	const url = new URL(server.url);
	if (folder) {
		url.searchParams.set('folder', path.resolve(folder));
	}
	url.searchParams.set('payload', JSON.stringify(payload));
	return url.href;
}

/**
 * Launches Debian's Chromium (playwright-core downloads no browser) with one page.
 * @param {{ headless?: boolean, viewport?: { width: number, height: number } }} [options]
 * @returns {Promise<{ browser: import('playwright-core').Browser, context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function launchChromium({ headless = true, viewport = { width: 1400, height: 900 } } = {}) {
	const browser = await chromium.launch({
		executablePath: prepareHost().chromium,
		headless,
		args: [
			'--no-sandbox', // we run as root, where Chromium's sandbox refuses to start
			'--disable-gpu', // no GPU on these machines
			'--disable-dev-shm-usage', // /dev/shm can be small in containers
			// No calls home: there is no internet here, and they only add noise and delay.
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic',
		],
	});
	try {
		const context = await browser.newContext({ viewport });
		const page = await context.newPage();
		return { browser, context, page, close: () => browser.close() };
	} catch (error) {
		await browser.close();
		throw error;
	}
}

/**
 * @typedef {object} SuiteResult
 * @property {number} exitCode   0 when the suite passed; 1 when it failed or timed out
 * @property {boolean} timedOut
 * @property {number} durationMs from starting code-server to the suite's exit
 */

/**
 * Runs a compiled mocha suite (an index.js exporting `run(): Promise<void>`, the same file
 * @vscode/test-electron takes) in code-server's extension host, relaying the extension host's
 * console to `log`. Always stops the server and the browser. Saves the whole console to
 * `<artifactsDir>/<name>-console.log`, and on failure or timeout also a screenshot
 * (`<name>-failure.png`), code-server's log and VS Code's logs.
 * @param {object} options
 * @param {string} options.extensionDevelopmentPath folder of the extension's package.json
 * @param {string} options.extensionTestsPath the compiled suite index.js
 * @param {string} [options.workspaceFolder] default: a fresh empty temp folder, removed after
 * @param {Record<string, unknown>} [options.userSettings]
 * @param {Record<string, string>} [options.env] see startCodeServer
 * @param {string} [options.displayLanguage] see startCodeServer
 * @param {number} [options.timeoutMs] default: env VEO_TEST_TIMEOUT_MS, else 10 minutes
 * @param {string} [options.name] names the artifacts; default 'integration'
 * @param {string} [options.artifactsDir] default: <repo>/test-artifacts
 * @param {boolean} [options.headless]
 * @param {(line: string) => void} [options.log] receives the relayed console, one message at a time
 * @returns {Promise<SuiteResult>}
 */
export async function runSuiteInCodeServer({
	extensionDevelopmentPath,
	extensionTestsPath,
	workspaceFolder,
	userSettings = {},
	env = {},
	displayLanguage,
	timeoutMs = testTimeoutMs(),
	name = 'integration',
	artifactsDir = ARTIFACTS_DIR,
	headless = true,
	log = (line) => console.log(line),
}) {
	const manifest = path.join(extensionDevelopmentPath, 'package.json');
	if (!fs.existsSync(manifest)) {
		throw new Error(`no extension at ${extensionDevelopmentPath} (${manifest} is missing)`);
	}
	if (!fs.existsSync(extensionTestsPath)) {
		throw new Error(`the suite ${extensionTestsPath} does not exist: run \`npm run compile-tests\` first`);
	}
	fs.mkdirSync(artifactsDir, { recursive: true });
	const consoleLog = fs.createWriteStream(path.join(artifactsDir, `${name}-console.log`));
	const folder = workspaceFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'veo-workspace-'));
	const removeWorkspace = () => {
		if (!workspaceFolder) {
			removeDir(folder);
		}
	};
	const forgetWorkspace = cleanUpOnExit(removeWorkspace);
	const started = Date.now();
	let server;
	let chromiumSession;
	try {
		// Another extension that contributes configurationDefaults for our settings, as any theme
		// could: test/suite/settingSources.test.ts checks that they change nothing.
		const extraExtensions = [path.join(REPO_ROOT, 'test', 'host', 'foreign-defaults-extension')];
		server = await startCodeServer({ extensionDevelopmentPath, workspaceFolder: folder, userSettings, env, displayLanguage, extraExtensions });
		chromiumSession = await launchChromium({ headless });
		const { page } = chromiumSession;

		/** @type {(result: { code: number, logs: unknown }) => void} */
		let onExit;
		/** @type {Promise<{ code: number, logs: unknown }>} */
		const exited = new Promise((resolve) => (onExit = resolve)); // the executor runs at once
		// VS Code calls this once the extension host that ran the suite has stopped: the code is
		// 0 when run() resolved and 1 when it rejected; logs are VS Code's own log files.
		await page.exposeFunction('codeAutomationExit', (code, logs) => onExit({ code, logs }));
		// The workbench's log, at every level, with the extension host's console in it (mocha's
		// reporter output included): `level` is 'info', 'error'..., `args` the message(s).
		await page.exposeFunction('codeAutomationLog', (level, args) => {
			// console.log's arguments, format string included (mocha's reporter uses '%s').
			const message = format(...(Array.isArray(args) ? args : [args]));
			consoleLog.write(`[${level}] ${message}\n`);
			if (!UNREACHABLE_SERVICE_NOISE.test(message)) {
				log(message);
			}
		});
		const crashed = new Promise((_, reject) => page.once('crash', () => reject(new Error('the browser page crashed'))));
		let timer;
		const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));

		// The suite's own timeout bounds the whole run; playwright's 30 s default for the first load is
		// too short on a loaded 2-core machine (the workbench's scripts load through the same server).
		await page.goto(workbenchUrl(server, { extensionTestsPath }), { timeout: 120_000 });
		const outcome = await Promise.race([exited, timedOut, crashed]).finally(() => clearTimeout(timer));

		if (outcome === 'timeout') {
			log(`[test host] ${name}: the suite sent no result within ${Math.round(timeoutMs / 1000)} s (VEO_TEST_TIMEOUT_MS); stopping it`);
			await saveFailureArtifacts({ name, artifactsDir, page, server, logs: undefined, log });
			return { exitCode: 1, timedOut: true, durationMs: Date.now() - started };
		}
		const exitCode = outcome.code === 0 ? 0 : 1;
		if (exitCode !== 0) {
			await saveFailureArtifacts({ name, artifactsDir, page, server, logs: outcome.logs, log });
		}
		return { exitCode, timedOut: false, durationMs: Date.now() - started };
	} finally {
		await chromiumSession?.close().catch((error) => log(`[test host] closing Chromium failed: ${error instanceof Error ? error.message : error}`));
		await server?.stop();
		consoleLog.end();
		forgetWorkspace();
		removeWorkspace();
	}
}

/** How long a whole test run may take: env VEO_TEST_TIMEOUT_MS, else 10 minutes. */
export function testTimeoutMs() {
	const fromEnv = Number(process.env.VEO_TEST_TIMEOUT_MS);
	return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_TIMEOUT_MS;
}

/** Best effort: a failed screenshot must not hide the test failure it documents. */
async function saveFailureArtifacts({ name, artifactsDir, page, server, logs, log }) {
	const saved = [];
	const screenshot = path.join(artifactsDir, `${name}-failure.png`);
	try {
		await page.screenshot({ path: screenshot, timeout: 10_000 });
		saved.push(screenshot);
	} catch (error) {
		log(`[test host] could not take a screenshot: ${error instanceof Error ? error.message : error}`);
	}
	const serverLog = path.join(artifactsDir, `${name}-code-server.log`);
	fs.copyFileSync(server.logFile, serverLog);
	saved.push(serverLog);
	// Only the browser-side logs come with the exit; the server side's (extension host, file
	// watcher) are in the user data dir, about to be removed with it.
	const logsDir = path.join(artifactsDir, `${name}-vscode-logs`);
	fs.rmSync(logsDir, { recursive: true, force: true });
	const serverLogsDir = path.join(server.userDataDir, 'logs');
	if (fs.existsSync(serverLogsDir)) {
		fs.cpSync(serverLogsDir, path.join(logsDir, 'server'), { recursive: true });
	}
	for (const { relativePath, contents } of Array.isArray(logs) ? logs : []) {
		const file = path.join(logsDir, 'window', relativePath);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, contents);
	}
	saved.push(logsDir);
	log(`[test host] saved ${saved.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
}
