// The integration suite's entry point, run inside VS Code's extension host by both runners:
// test/host/runInCodeServer.mjs (code-server) and test/runDesktopTests.ts
// (@vscode/test-electron). It runs every *.test.js compiled next to it, in sorted order.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
	const mocha = new Mocha({
		ui: 'bdd',
		color: true,
		timeout: 20000,
		// The repo's shared reporter (test/reporter.js; this file runs from out/test/suite/).
		reporter: path.resolve(__dirname, '..', '..', '..', 'test', 'reporter.js'),
		reporterOptions: { stage: process.env.VEO_TEST_STAGE ?? 'integration' },
		// VEO_TEST_GREP runs only the tests whose titles match (while working on one feature).
		grep: process.env.VEO_TEST_GREP || undefined,
	});
	for (const file of findTestFiles(__dirname).sort()) {
		mocha.addFile(file);
	}
	const failures = await new Promise<number>((resolve) => mocha.run(resolve));
	if (failures > 0) {
		throw new Error(`${failures} tests failed`);
	}
}

function findTestFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return findTestFiles(file);
		}
		return entry.name.endsWith('.test.js') ? [file] : [];
	});
}
