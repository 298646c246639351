// Task IDs where they appear: which UUIDs get a Veo hover and a terminal link.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask } from '../fakeApi/records';
import { useFreshEnvironment, setSetting, veoHoverText as veoHover } from './helpers';
import { TaskIdTerminalLinkProvider } from '../../src/features/taskIdLinks/taskIdTerminalLinks';

describe('Task ID links: hovers and terminal links offer a UUID only where it is a Veo task', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('an untracked UUID in plain text gets no hover; one after task_id, or near the word Veo, does; a tracked one always does', async () => {
		const [plain, keyed, named, tracked] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];
		server.setTask(runningTask({ id: tracked, prompt: 'Tracked heron' }));
		await api.services.repository.add([tracked]);
		await api.services.refresher.refresh();
		const lines = [`request ${plain} done`, `{"task_id": "${keyed}"}`, `Veo render: ${named}`, `row ${tracked}`];
		const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: lines.join('\n\n\n\n') });
		await vscode.window.showTextDocument(document);
		const at = (index: number, id: string): [number, number] => [index * 4, lines[index].indexOf(id) + 3];

		assert.equal(await veoHover(document, ...at(0, plain)), '', 'a UUID nothing calls a Veo task');
		const trackHover = (id: string): string => `[Track Task](command:${Commands.addTask}?${encodeURIComponent(JSON.stringify([id]))})`;
		assert.ok((await veoHover(document, ...at(1, keyed))).includes(trackHover(keyed)));
		assert.ok((await veoHover(document, ...at(2, named))).includes(trackHover(named)));
		assert.match(await veoHover(document, ...at(3, tracked)), /^\*\*Veo task\*\* · running/);
	});

	it('veoTasks.linkUntrackedTaskIds offers every UUID, in the editor and the terminal', async () => {
		const plain = newTaskId();
		const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `request ${plain} done` });
		await vscode.window.showTextDocument(document);
		const provider = new TaskIdTerminalLinkProvider(api.services.repository.list, api.services.tracking);
		const terminalLinks = (line: string): string[] =>
			provider
				.provideTerminalLinks({ line, terminal: undefined as unknown as vscode.Terminal })
				.map((link) => line.slice(link.startIndex, link.startIndex + link.length));

		assert.equal(await veoHover(document, 0, 12), '');
		assert.deepEqual(terminalLinks(`kubectl get pod web -o jsonpath uid=${plain}`), []);
		await setSetting(Settings.linkUntrackedTaskIds, true);
		assert.ok((await veoHover(document, 0, 12)).includes('Track Task'));
		assert.deepEqual(terminalLinks(`kubectl get pod web -o jsonpath uid=${plain}`), [plain]);
		await setSetting(Settings.linkUntrackedTaskIds, false);
		assert.equal(await veoHover(document, 0, 12), '');
	});

	it('a terminal line links an untracked UUID only where it says it is a Veo task; a tracked one always', async () => {
		const [requestId, taskId, tracked] = [newTaskId(), newTaskId(), newTaskId()];
		server.setTask(runningTask({ id: tracked }));
		await api.services.repository.add([tracked]);
		const provider = new TaskIdTerminalLinkProvider(api.services.repository.list, api.services.tracking);
		const line = `x-request-id: ${requestId} {"success":true,"task_id":"${taskId}"} then ${tracked}`;
		const links = provider.provideTerminalLinks({ line, terminal: undefined as unknown as vscode.Terminal });
		assert.deepEqual(
			links.map((link) => [line.slice(link.startIndex, link.startIndex + link.length), link.tooltip]),
			[
				[taskId, 'Track and open Veo task'],
				[tracked, 'Open Veo task'],
			],
		);
	});
});
