import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, COMPARE_TAKES_VIEW_TYPE } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, succeededTask } from '../fakeApi/records';
import { KEPT_STAR } from '../../src/core/view/taskRow';
import { useFreshEnvironment, recordMessages, visibleRows, waitFor } from './helpers';

describe('Compare Takes', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	let first: string;
	let second: string;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		first = newTaskId();
		second = newTaskId();
		server.setTask(succeededTask({ id: first, prompt: 'A red fox runs through snow', model: 'veo3', aspectRatio: '16:9', videoUrl: server.sampleVideoUrl }));
		server.setTask(
			succeededTask({ id: second, prompt: 'A grey fox runs through snow', model: 'veo31-fast', aspectRatio: '16:9', videoUrl: server.sampleVideoUrl }),
		);
		await api.services.repository.add([first, second]);
		await api.services.refresher.refresh();
	});

	it('shows two players that start and pause together, and highlights what differs', async () => {
		await vscode.commands.executeCommand(Commands.compareTakes, [first, second]);
		const compare = await waitFor(() => api.compareTakes(), 'the Compare Takes tab');
		assert.deepEqual(compare.takes, [first, second]);
		assert.match(compare.panel.webview.html, /default-src 'none'/);
		assert.ok(compare.panel.webview.html.includes(`media-src https: ${server.url};`));

		const loaded = await waitFor(
			async () => {
				const report = await compare.inspect();
				return report.players.length === 2 && report.players.every((player) => player.loaded) ? report : undefined;
			},
			'two players with their metadata loaded',
			20_000,
		);
		assert.ok(
			loaded.players.every((player) => player.paused),
			'both start paused',
		);
		assert.ok(loaded.differing.includes('model'), 'the model row is highlighted');
		assert.ok(!loaded.differing.includes('aspectRatio'), 'the same aspect ratio is not');
		assert.deepEqual(
			loaded.changedWords.map((words) => words.map((word) => word.trim())),
			[['red'], ['grey']],
		);
		assert.deepEqual(loaded.handlers, []);

		compare.control('play');
		await waitFor(async () => (await compare.inspect()).players.every((player) => !player.paused), 'both players to play');
		compare.control('pause');
		const paused = await waitFor(async () => {
			const report = await compare.inspect();
			return report.players.every((player) => player.paused) ? report : undefined;
		}, 'both players to pause');
		const [a, b] = paused.players.map((player) => player.currentTime);
		assert.ok(Math.abs(a - b) <= 0.3, `paused on the same frame (${a} and ${b})`);
		compare.control('seek', 0.5);
		await waitFor(async () => (await compare.inspect()).players.every((player) => Math.abs(player.currentTime - 0.5) < 0.1), 'both players to seek together');
	});

	it("Keep stars the take's row and its player; Remove Others asks, then stops tracking the rest", async () => {
		await vscode.commands.executeCommand(Commands.compareTakes, [first, second]);
		const compare = await waitFor(() => api.compareTakes(), 'the Compare Takes tab');
		await vscode.commands.executeCommand(Commands.keepTake, first);
		const rows = await visibleRows(api);
		assert.ok(rows.find((row) => row.id === first)?.description.startsWith(KEPT_STAR), 'the kept row has a star');
		assert.ok(!rows.find((row) => row.id === second)?.description.startsWith(KEPT_STAR), 'the other has none');
		assert.match(rows.find((row) => row.id === first)?.contextValue ?? '', /\bkept\b/);
		assert.equal(rows.find((row) => row.id === first)?.icon, 'star-full', "the star is the row's icon too");
		await waitFor(async () => (await compare.inspect()).kept.includes(first), 'the star on the kept take');

		const dismissed = recordMessages(() => undefined);
		try {
			await vscode.commands.executeCommand(Commands.removeOtherTakes, first, [first, second]);
		} finally {
			dismissed.dispose();
		}
		assert.equal(dismissed.shown.filter((message) => message.modal).length, 1, 'it asked, modally');
		assert.ok(api.services.repository.list.has(second), 'nothing removed when the question is dismissed');

		const agreed = recordMessages((shown) => (shown.modal ? shown.actions[0] : undefined));
		try {
			await vscode.commands.executeCommand(Commands.removeOtherTakes, first, [first, second]);
		} finally {
			agreed.dispose();
		}
		assert.deepEqual(api.services.repository.list.ids(), [first]);
		await waitFor(() => compare.takes.length === 1, 'the comparison to drop the removed take');

		await vscode.commands.executeCommand(Commands.unkeepTake, first);
		assert.ok(!(await visibleRows(api)).find((row) => row.id === first)?.description.startsWith(KEPT_STAR), "the star goes with Don't Keep");
	});

	it('comes back after a reload with the takes its page saved that are still tracked', async () => {
		const restored = vscode.window.createWebviewPanel(COMPARE_TAKES_VIEW_TYPE, 'Compare Takes', vscode.ViewColumn.Active, {});
		await api.takeSerializers.compareTakes.deserializeWebviewPanel(restored, { taskIds: [first, newTaskId(), second] });
		const compare = await waitFor(() => api.compareTakes(), 'the restored Compare Takes tab');
		assert.equal(compare.panel, restored);
		assert.deepEqual(compare.takes, [first, second], 'an untracked take is dropped');
		await waitFor(async () => (await compare.inspect()).players.length === 2, 'two players in the restored tab', 20_000);
	});
});
