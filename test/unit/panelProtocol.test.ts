/**
 * The task panel's protocol has one source (src/features/taskPanel/panelProtocol.ts); the page script in media/
 * is plain JavaScript that follows it by hand. These tests read the page's source and fail when
 * the two disagree.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HOST_MESSAGE_TYPES, PAGE_MESSAGE_TYPES, PANEL_COMMANDS, isPanelCommand, taskIdOfPageState } from '../../src/features/taskPanel/panelProtocol';
import { Commands } from '../../src/constants';
import { buildTaskPanelModel, panelLabels } from '../../src/core/view/taskPanelModel';

const PAGE = readFileSync(path.resolve(__dirname, '..', '..', '..', 'media', 'taskPanel.js'), 'utf8');

function uniqueMatches(pattern: RegExp): string[] {
	return [...new Set(Array.from(PAGE.matchAll(pattern), (match) => match[1]))].sort();
}

describe('The task panel protocol (host and page agree)', () => {
	it('the page sends exactly the page message types of the protocol', () => {
		const sent = uniqueMatches(/postMessage\(\{\s*type:\s*'([a-zA-Z]+)'/g);
		assert.deepEqual(sent, [...PAGE_MESSAGE_TYPES].sort());
	});

	it('the page handles exactly the host message types of the protocol', () => {
		const listener = PAGE.slice(PAGE.indexOf("window.addEventListener('message'"));
		const handled = [...new Set(Array.from(listener.matchAll(/case '([a-zA-Z]+)':/g), (match) => match[1]))].sort();
		assert.deepEqual(handled, [...HOST_MESSAGE_TYPES].sort());
	});

	it("every command a button or link of the page names is one of PANEL_COMMANDS, and every PANEL_COMMANDS entry is a real command", () => {
		const named = [...uniqueMatches(/button\((?:'[^']+'|labels\.[a-zA-Z0-9]+),\s*'([a-zA-Z0-9]+)'/g), ...uniqueMatches(/command:\s*'([a-zA-Z0-9]+)'/g)];
		assert.ok(named.length >= 5, `found the page's commands: ${named.join(', ')}`);
		for (const command of named) {
			assert.ok(isPanelCommand(command), `the page names "${command}", which PANEL_COMMANDS does not allow`);
		}
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

	it('the page saves the state the serializer reads (taskId, and the video position)', () => {
		assert.match(PAGE, /vscode\.setState\(state\)/);
		assert.match(PAGE, /const state = \{ taskId: model\.id \}/);
		assert.match(PAGE, /state\.video = \{ src: [^}]*time: [^}]*playing: /);
		assert.equal(taskIdOfPageState({ taskId: 'abc', video: { src: 'x', time: 1, playing: false } }), 'abc');
		assert.equal(taskIdOfPageState(undefined), undefined);
		assert.equal(taskIdOfPageState({ taskId: 7 }), undefined);
		assert.equal(taskIdOfPageState('abc'), undefined);
	});

	it('every label the page reads (labels.<name>) is in the model the core builds, and every label the core builds is read', () => {
		const read = uniqueMatches(/\blabels\.([a-zA-Z0-9_]+)/g);
		assert.ok(read.length > 20, `found the page's labels: ${read.join(', ')}`);
		const model = buildTaskPanelModel({ id: 'abc', addedAt: 0, summary: { state: 'unknown' } }, undefined);
		for (const name of read) {
			const label = (model.labels as Record<string, unknown>)[name];
			assert.ok(typeof label === 'string' && label.trim() !== '', `the page reads labels.${name}, which the panel model does not carry`);
		}
		assert.deepEqual(Object.keys(panelLabels()).sort(), read, 'a label no page text uses is a translation nobody sees');
		// Texts with a placeholder are filled by the page, by format() or fill().
		for (const [name, label] of Object.entries(model.labels)) {
			if (label.includes('{0}')) {
				assert.match(PAGE, new RegExp(`(format|fill)\\(labels\\.${name}\\b`), `labels.${name} has {0}: the page fills it`);
			}
		}
	});

	it('the page holds no text of its own: no English sentence or word in its string literals', () => {
		// Comments are the developers'; string literals are what could reach the screen.
		const code = PAGE.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
		const literals = Array.from(code.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g), (match) => match[1] ?? match[2]);
		const english = literals.filter((literal) => /\b[A-Z][a-z]+\b/.test(literal.replace(/\$\{[^}]*\}/g, '')));
		assert.deepEqual(english, [], 'English in media/taskPanel.js: put it in panelLabels() (src/core/view/taskPanelModel.ts)');
	});
});
