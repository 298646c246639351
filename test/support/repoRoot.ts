import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository's root, found from wherever the compiled test runs (out/test/unit/core/…,
 * out/test/suite/…): the first folder up that holds package.json. Tests use it instead of counting
 * `..`, so moving a test file does not break the paths it reads.
 */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
	for (let dir = start; ; dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, 'package.json'))) {
			return dir;
		}
		if (path.dirname(dir) === dir) {
			throw new Error(`no package.json above ${start}`);
		}
	}
}
