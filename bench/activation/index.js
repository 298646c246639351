// The "suite" the install benchmark runs in code-server's extension host (test/host/codeServer.mjs
// loads it as extensionTestsPath): it activates the extension and reports how long `activate()`
// took, as measured by activate itself (VeoTasksApi.activationMs). Plain CommonJS, no build step.
//
// Then it measures activate() again with 5,000 tracked tasks, as after a reload of a window that
// tracks them: it tracks 5,000 IDs (stored in workspaceState and the list file, as always), stands
// the first activation down (its registrations disposed, deactivate() called) and calls the same
// bundle's activate() with a context over the same storage. With `onStartupFinished` this is what
// runs at every window start, so it must stay cheap however long the list.

const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const vscode = require('vscode');

const EXTENSION_ID = 'veo-tasks.veo-tasks';
const TRACKED_TASKS = 5000;

async function activationWithTrackedTasks(api) {
	const context = api.services.context;
	const ids = Array.from({ length: TRACKED_TASKS }, () => randomUUID());
	await api.services.repository.add(ids);
	await api.services.repository.flush();
	const bundle = require(path.join(context.extensionUri.fsPath, 'dist', 'extension.js'));
	for (const disposable of context.subscriptions.splice(0)) {
		disposable.dispose();
	}
	await bundle.deactivate?.();
	const reloadedContext = { ...context, subscriptions: [] };
	try {
		const reloaded = bundle.activate(reloadedContext);
		await reloaded.services.repository.ready;
		const tracked = reloaded.services.repository.list.size;
		if (tracked !== TRACKED_TASKS) {
			throw new Error(`the reloaded extension tracks ${tracked} tasks, not ${TRACKED_TASKS}`);
		}
		return { activationWithTasksMs: reloaded.activationMs, trackedTasks: tracked };
	} finally {
		for (const disposable of reloadedContext.subscriptions.splice(0)) {
			disposable.dispose();
		}
	}
}

exports.run = async function run() {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	if (!extension) {
		throw new Error(`the extension ${EXTENSION_ID} is not loaded`);
	}
	const alreadyActive = extension.isActive;
	const started = performance.now();
	const api = await extension.activate();
	// From the call to the resolved promise: loading dist/extension.js plus activate() plus VS Code's own work.
	const activateCallMs = performance.now() - started;
	if (!api || typeof api.activationMs !== 'number') {
		throw new Error('activate() did not return { activationMs }');
	}
	const result = { activationMs: api.activationMs, activateCallMs, alreadyActive, ...(await activationWithTrackedTasks(api)) };
	console.log(`[veo-bench] activation ${JSON.stringify(result)}`);
	const out = process.env.VEO_BENCH_ACTIVATION_OUT;
	if (out) {
		fs.writeFileSync(out, JSON.stringify(result));
	}
};
