// The manifest's Marketplace fields: `npm run package` (the README's install step) needs them, and
// vsce refuses a package whose @types/vscode is newer than its engine.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/repoRoot';

const root = REPO_ROOT;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json for the Marketplace', () => {
	it('names where the project lives, so vsce can resolve the README images and users can report bugs', () => {
		assert.match(manifest.repository?.url ?? '', /^https:\/\/.+\.git$/);
		assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
		assert.match(manifest.homepage ?? '', /^https:\/\//);
	});

	it('is marked as a preview while the version is below 1.0', () => {
		assert.equal(Number(manifest.version.split('.')[0]) < 1, manifest.preview === true);
	});

	it('pins @types/vscode to the minimum engine, which is where fetch honours the proxy settings (1.96)', () => {
		const engine = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode)?.[1];
		assert.equal(engine, manifest.devDependencies['@types/vscode']);
		const [major, minor] = (engine ?? '0.0').split('.').map(Number);
		assert.ok(major > 1 || minor >= 96, `engine ${engine} is older than 1.96`);
	});

	it('packages with the same command the README gives', () => {
		const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
		assert.ok(readme.includes('npm run package'));
		assert.match(manifest.scripts.package, /^vsce package /);
		assert.match(manifest.scripts['test:package'], /^npm run package && /);
		assert.match(manifest.scripts.test, /npm run test:package/);
	});
});
