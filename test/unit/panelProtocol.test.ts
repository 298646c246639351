/**
 * The task panel's protocol has one source (src/panels/panelProtocol.ts); the page script in media/
 * is plain JavaScript that follows it by hand. These tests read the page's source and fail when
 * the two disagree.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HOST_MESSAGE_TYPES, PAGE_MESSAGE_TYPES, PANEL_COMMANDS, isPanelCommand, taskIdOfPageState } from '../../src/panels/panelProtocol';
import { Commands } from '../../src/constants';

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
		const named = [...uniqueMatches(/button\('[^']+',\s*'([a-zA-Z0-9]+)'/g), ...uniqueMatches(/command:\s*'([a-zA-Z0-9]+)'/g)];
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
});
