// The "suite" the install benchmark runs in code-server's extension host (test/host/codeServer.mjs
// loads it as extensionTestsPath): it activates the extension and reports how long `activate()`
// took, as measured by activate itself (VeoTasksApi.activationMs). Plain CommonJS, no build step.

const fs = require('node:fs');
const vscode = require('vscode');

const EXTENSION_ID = 'veo-tasks.veo-tasks';

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
	const result = { activationMs: api.activationMs, activateCallMs, alreadyActive };
	console.log(`[veo-bench] activation ${JSON.stringify(result)}`);
	const out = process.env.VEO_BENCH_ACTIVATION_OUT;
	if (out) {
		fs.writeFileSync(out, JSON.stringify(result));
	}
};
