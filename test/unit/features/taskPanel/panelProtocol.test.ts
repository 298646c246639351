/**
 * The task panel's protocol (src/panels/panelProtocol.ts). The page (src/webview/taskPanel.ts)
 * imports its types, so a message, a command or a label only one side knows fails to compile;
 * these tests check what the types cannot: the values the host accepts from an untrusted page.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PANEL_COMMANDS, isPanelCommand, taskIdOfPageState } from '../../../../src/features/taskPanel/panelProtocol';
import { Commands } from '../../../../src/constants';
import { REPO_ROOT } from '../../../support/repoRoot';

describe('The task panel protocol', () => {
	it('every PANEL_COMMANDS entry is a real command', () => {
		const known = new Set<string>(Object.values(Commands));
		for (const [name, id] of Object.entries(PANEL_COMMANDS)) {
			assert.ok(known.has(id), `${name} maps to ${id}`);
		}
	});

	it('rejects names outside the list, including inherited properties', () => {
		assert.equal(isPanelCommand('toString'), false);
		assert.equal(isPanelCommand('__proto__'), false);
		assert.equal(isPanelCommand('workbench.action.terminal.new'), false);
		assert.equal(isPanelCommand(42), false);
		assert.equal(isPanelCommand('openVideoExternal'), true);
	});

	it('reads the task ID of the state the page saves, and nothing from another shape', () => {
		assert.equal(taskIdOfPageState({ taskId: 'abc', video: { src: 'x', time: 1, playing: false } }), 'abc');
		assert.equal(taskIdOfPageState(undefined), undefined);
		assert.equal(taskIdOfPageState({ taskId: 7 }), undefined);
		assert.equal(taskIdOfPageState({ taskId: 'x'.repeat(101) }), undefined);
		assert.equal(taskIdOfPageState('abc'), undefined);
	});

	it("the page holds no text of its own: no English word in its string literals (its texts are the model's labels)", () => {
		const page = readFileSync(path.join(REPO_ROOT, 'src', 'webview', 'taskPanel.ts'), 'utf8');
		// Comments are the developers'; string literals are what could reach the screen.
		const code = page.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
		const literals = Array.from(code.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g), (match) => match[1] ?? match[2]);
		assert.ok(literals.length > 20, `found the page's literals: ${literals.join(', ')}`);
		const english = literals.filter((literal) => /\b[A-Z][a-z]+\b/.test(literal.replace(/\$\{[^}]*\}/g, '')));
		assert.deepEqual(english, [], 'English in src/webview/taskPanel.ts: put it in panelLabels() (src/core/view/taskPanelModel.ts)');
	});
});
