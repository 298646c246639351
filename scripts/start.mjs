// `npm start`: runs the extension in VS Code for the Web (the cached code-server test host) and
// prints the URL to open. `prestart` has installed what is needed; this builds the extension.
//   - No token anywhere (no ACEDATACLOUD_API_TOKEN): a local fake Veo API with sample tasks in
//     every state is started and the extension pointed at it, so a newcomer sees it working.
//   - ACEDATACLOUD_API_TOKEN set: the extension talks to the real API with that token.
// Ctrl+C stops everything it started.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_TOKEN = 'demo-token-for-the-local-fake-api';
const PORT = Number(process.env.VEO_PORT) || 0;

function build() {
	for (const [command, args] of [
		[process.execPath, ['esbuild.js']],
		[process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test']],
	]) {
		const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
		if (result.status !== 0) {
			process.exit(result.status ?? 1);
		}
	}
}

/**
 * A workspace that ships the sample tasks as a team would: `.vscode/veo-tasks.json`, in the export
 * format. The extension offers to track them when the window opens, so one click shows every state.
 */
function demoWorkspace(tasks) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-demo-'));
	const list = {
		format: 'veo-tasks',
		version: 1,
		exportedAt: new Date().toISOString(),
		tasks: tasks.map((task) => ({ id: task.id, state: 'unknown', prompt: task.request?.prompt })),
	};
	fs.mkdirSync(path.join(folder, '.vscode'));
	fs.writeFileSync(path.join(folder, '.vscode', 'veo-tasks.json'), `${JSON.stringify(list, null, 2)}\n`);
	fs.writeFileSync(
		path.join(folder, 'README.md'),
		[
			'# Veo Tasks demo',
			'',
			'This window talks to a local fake of the Veo API (started by `npm start`), not to AceData Cloud.',
			'',
			'1. Answer **Track Them** to "This workspace has N Veo tasks: Track Them?" (the list is',
			'   `.vscode/veo-tasks.json`; **Veo: Track Workspace Task List** does the same later). In this',
			'   development window notifications do not pop up: they wait under the bell at the right of',
			'   the status bar.',
			'2. Open the **Veo** view in the activity bar: every state is there. Try **Group By…** and',
			'   **Hide Finished** in its title bar.',
			'3. Click a task to open it; the succeeded ones play a short test video.',
			'4. **Veo: Generate Video…** starts a new task; the fake finishes it within a minute.',
			'',
		].join('\n'),
	);
	return folder;
}

async function main() {
	build();
	const host = await import(pathToFileURL(path.join(REPO_ROOT, 'test', 'host', 'codeServer.mjs')).href);
	const realToken = process.env.ACEDATACLOUD_API_TOKEN?.trim();
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) {
			await stop().catch(() => undefined);
		}
	};
	process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
	process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

	let workspaceFolder;
	const userSettings = { 'workbench.startupEditor': 'readme' };
	let env = {};
	if (realToken) {
		workspaceFolder = process.env.VEO_WORKSPACE || fs.mkdtempSync(path.join(os.tmpdir(), 'veo-workspace-'));
		console.log('ACEDATACLOUD_API_TOKEN is set: the extension talks to the real Veo API.');
	} else {
		const { startFakeVeoServer } = await import(pathToFileURL(path.join(REPO_ROOT, 'out', 'test', 'fakeApi', 'fakeVeoServer.js')).href);
		const { sampleTasks } = await import(pathToFileURL(path.join(REPO_ROOT, 'out', 'test', 'fakeApi', 'records.js')).href);
		const fake = await startFakeVeoServer({ token: DEMO_TOKEN, autoProgress: { runningAfterMs: 5_000, succeededAfterMs: 45_000 } });
		stops.push(() => fake.close());
		const tasks = sampleTasks(fake.url);
		for (const task of tasks) {
			fake.setTask(task);
		}
		userSettings['veoTasks.apiBaseUrl'] = fake.url;
		// The demo token reaches the extension the way a real one can: through the environment.
		env = { ACEDATACLOUD_API_TOKEN: DEMO_TOKEN };
		workspaceFolder = demoWorkspace(tasks);
		console.log(`No ACEDATACLOUD_API_TOKEN: demo mode against a local fake Veo API at ${fake.url} with ${tasks.length} sample tasks.`);
	}

	const server = await host.startCodeServer({ extensionDevelopmentPath: REPO_ROOT, workspaceFolder, userSettings, env, port: PORT });
	stops.push(() => server.stop());
	console.log('');
	console.log('VS Code with Veo Tasks is running. Open this URL in a browser on this machine:');
	console.log('');
	console.log(`  ${host.workbenchUrl(server)}`);
	console.log('');
	console.log('Press Ctrl+C to stop.');
	// Keep running until interrupted.
	await new Promise(() => undefined);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
