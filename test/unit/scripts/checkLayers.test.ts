// The layering check of `npm run lint` (scripts/checkLayers.mjs): the real tree passes, and each rule
// fails on a small copy with one import against it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/repoRoot';

const root = REPO_ROOT;
const script = path.join(root, 'scripts', 'checkLayers.mjs');

function check(checkout: string): { status: number | null; output: string } {
	const result = spawnSync(process.execPath, [script, '--root', checkout], { encoding: 'utf8' });
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the layering check (scripts/checkLayers.mjs)', function () {
	// Each run starts Node and loads TypeScript's parser.
	this.timeout(30_000);
	const made: string[] = [];
	afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

	/** A checkout whose src/ holds the given files (path under src/ → source). */
	function tree(files: Record<string, string>): string {
		const dir = mkdtempSync(path.join(tmpdir(), 'veo-layers-'));
		made.push(dir);
		for (const [name, source] of Object.entries(files)) {
			mkdirSync(path.dirname(path.join(dir, 'src', name)), { recursive: true });
			writeFileSync(path.join(dir, 'src', name), source);
		}
		return dir;
	}

	it('passes on the extension as it is', () => {
		const { status, output } = check(root);
		assert.equal(status, 0, output);
	});

	it('passes imports that follow the layers', () => {
		const { status, output } = check(
			tree({
				'core/a.ts': "import { b } from './b';\nexport const a = b;\n",
				'core/b.ts': 'export const b = 1;\n',
				'services/s.ts': "import * as vscode from 'vscode';\nimport { a } from '../core/a';\nexport const s = [vscode, a];\n",
				'features/f/f.ts': "import { s } from '../../services/s';\nexport const f = s;\n",
				'commands/c.ts': "import { f } from '../features/f/f';\nexport const c = f;\n",
			}),
		);
		assert.equal(status, 0, output);
	});

	const broken: [string, Record<string, string>, RegExp][] = [
		[
			'a feature imports a command',
			{ 'commands/c.ts': 'export const c = 1;\n', 'features/f/f.ts': "import { c } from '../../commands/c';\nexport const f = c;\n" },
			/features\/f\/f\.ts: imports \.\.\/\.\.\/commands\/c/,
		],
		[
			'a service imports a feature',
			{ 'features/f/f.ts': 'export const f = 1;\n', 'services/s.ts': "import { f } from '../features/f/f';\nexport const s = f;\n" },
			/services\/s\.ts: imports \.\.\/features\/f\/f/,
		],
		[
			'a service imports a command',
			{ 'commands/c.ts': 'export const c = 1;\n', 'services/s.ts': "export { c } from '../commands/c';\n" },
			/services\/s\.ts: imports \.\.\/commands\/c/,
		],
		['the core imports vscode', { 'core/a.ts': "import * as vscode from 'vscode';\nexport const a = vscode;\n" }, /core\/a\.ts: imports vscode/],
		[
			'the core imports a service',
			{ 'services/s.ts': 'export const s = 1;\n', 'core/a.ts': "import { s } from '../services/s';\nexport const a = s;\n" },
			/core\/a\.ts: imports \.\.\/services\/s/,
		],
		[
			'the core imports the constants',
			{ 'constants.ts': 'export const k = 1;\n', 'core/a.ts': "import { k } from '../constants';\nexport const a = k;\n" },
			/core\/a\.ts: imports \.\.\/constants/,
		],
		[
			'a shared UI helper imports a feature (a dynamic import)',
			{ 'features/f/f.ts': 'export const f = 1;\n', 'ui/u.ts': "export const u = () => import('../features/f/f');\n" },
			/ui\/u\.ts: imports \.\.\/features\/f\/f/,
		],
	];
	for (const [what, files, message] of broken) {
		it(`fails when ${what}`, () => {
			const { status, output } = check(tree(files));
			assert.equal(status, 1, output);
			assert.match(output, message);
		});
	}
});
