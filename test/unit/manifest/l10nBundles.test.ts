// Every message the code shows has a translation in every shipped bundle (scripts/l10n.mjs check),
// and the check itself notices each kind of gap: it is run here on small broken copies as well.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/repoRoot';

const root = REPO_ROOT;
const script = path.join(root, 'scripts', 'l10n.mjs');

function check(checkout: string): { status: number | null; output: string } {
	const result = spawnSync(process.execPath, [script, 'check', '--root', checkout], { encoding: 'utf8' });
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A checkout with one source file and the given bundles. */
function copyWith(source: string, bundles: Record<string, Record<string, string>>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'veo-l10n-check-'));
	mkdirSync(path.join(dir, 'src', 'core'), { recursive: true });
	mkdirSync(path.join(dir, 'l10n'));
	writeFileSync(path.join(dir, 'src', 'core', 'sample.ts'), source);
	for (const [name, contents] of Object.entries(bundles)) {
		writeFileSync(path.join(dir, 'l10n', name), JSON.stringify(contents));
	}
	return dir;
}

describe('translation bundles (scripts/l10n.mjs check)', () => {
	const made: string[] = [];
	afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
	const broken = (source: string, bundles: Record<string, Record<string, string>>): string => {
		const dir = copyWith(source, bundles);
		made.push(dir);
		return dir;
	};
	const complete = {
		'bundle.l10n.json': { 'Refreshed {0} tasks': 'Refreshed {0} tasks' },
		'bundle.l10n.zh-cn.json': { 'Refreshed {0} tasks': '已刷新 {0} 个任务' },
		'bundle.l10n.zh-tw.json': { 'Refreshed {0} tasks': '已重新整理 {0} 個任務' },
	};
	const source = "import * as vscode from 'vscode';\nvscode.l10n.t('Refreshed {0} tasks', 3);\n";

	it('finds every message of the extension in l10n/bundle.l10n.json, zh-cn and zh-tw', () => {
		const { status, output } = check(root);
		assert.equal(status, 0, output);
	});

	it('passes a complete copy (so the failures below are the gaps, not the copy)', () => {
		const { status, output } = check(broken(source, complete));
		assert.equal(status, 0, output);
	});

	it('fails when a new message has no key in a bundle', () => {
		const dir = broken(`${source}import { l10n } from './l10n/l10n';\nl10n.t('Task removed');\n`, complete);
		const { status, output } = check(dir);
		assert.equal(status, 1);
		assert.match(output, /bundle\.l10n\.json lacks "Task removed"/);
		assert.match(output, /bundle\.l10n\.zh-cn\.json has no translation of "Task removed"/);
		assert.match(output, /bundle\.l10n\.zh-tw\.json has no translation of "Task removed"/);
	});

	it('fails when a message is not a literal, a placeholder is lost, a translation is the English or a key is stale', () => {
		const dir = broken(`${source}const text = 'x';\nvscode.l10n.t(text);\nvscode.l10n.t(\`Hello \${text}\`);\n`, {
			'bundle.l10n.json': { ...complete['bundle.l10n.json'], 'Old message': 'Old message' },
			'bundle.l10n.zh-cn.json': { 'Refreshed {0} tasks': '已刷新任务' },
			'bundle.l10n.zh-tw.json': { 'Refreshed {0} tasks': 'Refreshed {0} tasks' },
		});
		const { status, output } = check(dir);
		assert.equal(status, 1);
		assert.match(output, /sample\.ts:4: the message of vscode\.l10n\.t\(…\) is not a string literal/);
		assert.match(output, /sample\.ts:5: the message of vscode\.l10n\.t\(…\) is not a string literal/);
		assert.match(output, /zh-cn\.json: the translation of "Refreshed \{0\} tasks" has placeholders or links \[\]/);
		assert.match(output, /zh-tw\.json: "Refreshed \{0\} tasks" is not translated/);
		assert.match(output, /bundle\.l10n\.json has "Old message", which no code uses any more/);
	});
});
