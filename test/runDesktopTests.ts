// `npm run test:desktop`: the integration suite in a desktop VS Code, which
// @vscode/test-electron downloads (internet needed; on machines without it, `npm run
// test:vscode` runs the same suite in code-server). Runs from out/test/ after compile-tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
	const extensionDevelopmentPath = path.resolve(__dirname, '..', '..');
	const extensionTestsPath = path.resolve(__dirname, 'suite', 'index.js');
	// A fresh empty folder, so no earlier run's files or workspace state leak in.
	const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-workspace-'));
	try {
		await runTests({
			extensionDevelopmentPath,
			extensionTestsPath,
			// --disable-extensions: only the extension under development loads, not the
			// contributor's own.
			launchArgs: [workspace, '--disable-extensions'],
		});
	} finally {
		fs.rmSync(workspace, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error('Desktop tests failed:', error);
	process.exit(1);
});
