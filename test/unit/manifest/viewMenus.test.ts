/** Where the manifest puts the view's and the editor's commands: only where they apply. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Submenus, Views } from '../../../src/constants';
import { REPO_ROOT } from '../../support/repoRoot';

interface MenuEntry {
	command?: string;
	submenu?: string;
	when?: string;
	group?: string;
}
const root = REPO_ROOT;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	contributes: {
		menus: Record<string, MenuEntry[]>;
		submenus: { id: string; label: string; icon: string }[];
		viewsWelcome: { contents: string; when?: string }[];
	};
};
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const { menus } = manifest.contributes;

describe('Menus of the view and the editor', () => {
	it('Track Task IDs in Selection is in the editor context menu only where there is a selection', () => {
		const entries = menus['editor/context'].filter((entry) => entry.command === Commands.addTasksFromSelection);
		assert.equal(entries.length, 1);
		assert.equal(entries[0].when, 'editorHasSelection');
	});

	it("the view's title keeps the essential icons: Generate, Add, Refresh and the filter submenu", () => {
		const inline = menus['view/title'].filter((entry) => entry.group?.startsWith('navigation'));
		assert.deepEqual(
			inline.map((entry) => entry.command ?? entry.submenu),
			[Commands.generateVideo, Commands.addTask, Commands.refresh, Submenus.viewFilter],
		);
		for (const entry of menus['view/title']) {
			assert.match(entry.when ?? '', new RegExp(`^view == ${Views.tasks.replace('.', '\\.')}\\b`), `${entry.command ?? entry.submenu} only in the Tasks view`);
		}
	});

	it('Group By and Hide/Show Finished are in the filter submenu ($(filter)), not in the title bar', () => {
		const submenu = manifest.contributes.submenus.find((entry) => entry.id === Submenus.viewFilter);
		assert.ok(submenu);
		assert.equal(submenu.icon, '$(filter)');
		assert.ok(nls[submenu.label.slice(1, -1)], 'the label is translated');
		const filter = menus[Submenus.viewFilter];
		assert.deepEqual(filter.map((entry) => entry.command).sort(), [Commands.groupBy, Commands.hideFinished, Commands.showFinished].sort());
		assert.equal(filter.find((entry) => entry.command === Commands.hideFinished)?.when, `${ContextKeys.hasTasks} && !${ContextKeys.finishedHidden}`);
		assert.equal(filter.find((entry) => entry.command === Commands.showFinished)?.when, ContextKeys.finishedHidden);
		const moved: string[] = [Commands.groupBy, Commands.hideFinished, Commands.showFinished];
		assert.deepEqual(
			menus['view/title'].filter((entry) => entry.command && moved.includes(entry.command)),
			[],
		);
	});

	it('the empty view has one primary button; the other actions are links in a sentence', () => {
		for (const welcome of manifest.contributes.viewsWelcome) {
			const text = nls[welcome.contents.slice(1, -1)];
			// VS Code draws a line holding nothing but one [link](command:…) as a button.
			const buttons = text.split('\n').filter((line) => /^\[[^\]]+\]\([^)]+\)$/.test(line.trim()));
			assert.equal(buttons.length, 1, `${welcome.contents}: ${buttons.join(', ')}`);
		}
		const noTasks = nls['viewsWelcome.noTasks'];
		for (const command of [Commands.generateVideo, Commands.trackRecentTasks, Commands.importTasks]) {
			assert.ok(noTasks.includes(`(command:${command})`), `${command} is still offered, as a link`);
		}
	});
});
