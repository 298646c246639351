// Videos into documents (Insert Video Link), task IDs where they appear (the hover), and a
// team's task list in the repository (.vscode/veo-tasks.json).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, WORKSPACE_TASK_LIST_PATH, WORKSPACE_TASK_LIST_STATE_KEY } from '../../src/constants';
import { videoFileName } from '../../src/core/util/fileNames';
import { exportTaskList } from '../../src/core/tasks/taskExport';
import { recordDialogs } from './helpers';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, recordMessages, veoHoverText, waitFor } from './helpers';
import { TaskIdTerminalLinkProvider } from '../../src/features/taskIdLinks/taskIdTerminalLinks';
import { setLoopbackVideosAllowed } from '../../src/core/api/urlPolicy';
import { TASK_IDS_MIME, TaskDragAndDropController, TaskLinkDropProvider } from '../../src/features/tasksView/taskDragAndDrop';

function workspaceFolder(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the suite runs with a workspace folder');
	return folder.uri;
}

async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

describe('Links, hovers and the workspace task list', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	const cleanup: vscode.Uri[] = [];

	useFreshEnvironment((environment) => ({ api, server } = environment));
	afterEach(async () => {
		for (const uri of cleanup.splice(0)) {
			await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
		}
	});

	it('Insert Video Link writes [prompt](url) at the cursor of a Markdown file, escaped', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: 'A [bracketed] *bold* fox', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Before: \n' });
		const editor = await vscode.window.showTextDocument(document);
		editor.selection = new vscode.Selection(0, 8, 0, 8);

		await vscode.commands.executeCommand(Commands.insertVideoLink, id, { style: 'markdown' });
		assert.equal(document.getText(), `Before: [A \\[bracketed\\] \\*bold\\* fox](${server.sampleVideoUrl})\n`);

		await vscode.commands.executeCommand(Commands.insertVideoLink, id, { style: 'html' });
		assert.ok(document.getText().includes(`<video src="${server.sampleVideoUrl}" controls></video>`));
	});

	it('links a downloaded video by its path relative to the document', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: 'Downloaded heron', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		const videos = vscode.Uri.joinPath(workspaceFolder(), 'videos');
		const docs = vscode.Uri.joinPath(workspaceFolder(), 'docs');
		cleanup.push(videos, docs);
		await writeFile(vscode.Uri.joinPath(videos, videoFileName('Downloaded heron', id)), 'not really a video');
		const notes = vscode.Uri.joinPath(docs, 'notes.md');
		await writeFile(notes, '');
		await vscode.window.showTextDocument(notes);

		const inserted = await vscode.commands.executeCommand<string>(Commands.insertVideoLink, id, { style: 'markdown' });
		assert.equal(inserted, `[Downloaded heron](../videos/${videoFileName('Downloaded heron', id)})`);
	});

	it('hovering a tracked task ID shows its state, prompt and age with Open Task and Refresh; an untracked one named a task ID offers Track Task', async () => {
		const [tracked, untracked] = [newTaskId(), newTaskId()];
		server.setTask(runningTask({ id: tracked, prompt: 'Hovered *owl* <b>x</b>' }));
		await api.services.repository.add([tracked]);
		await api.services.refresher.refresh();
		// An untracked UUID gets a hover only where the text says it is a task (test/suite/taskIdLinks.test.ts).
		const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `started ${tracked}\ntask_id=${untracked}\nno id here` });
		await vscode.window.showTextDocument(document);

		const hoverText = (line: number, character: number): Promise<string> => veoHoverText(document, line, character);
		const trackedHover = await hoverText(0, 12);
		assert.match(trackedHover, /^\*\*Veo task\*\* · running · \S+/);
		// Markdown from the server stays text: every character Markdown reads is escaped.
		assert.ok(trackedHover.includes('Hovered \\*owl\\* \\<b\\>x\\<\\/b\\>'), `the prompt, escaped: ${trackedHover}`);
		assert.ok(trackedHover.includes(`[Open Task](command:${Commands.openTask}?`));
		assert.ok(trackedHover.includes(`[Refresh](command:${Commands.refresh}?`));
		const untrackedHover = await hoverText(1, 12);
		assert.ok(untrackedHover.includes(`[Track Task](command:${Commands.addTask}?${encodeURIComponent(JSON.stringify([untracked]))})`));
		assert.equal(await hoverText(2, 3), '');
	});

	it('offers once to track the tasks of .vscode/veo-tasks.json, and Track Workspace Task List does it on demand', async () => {
		const ids = [newTaskId(), newTaskId()];
		ids.forEach((id) => server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl })));
		const exported = exportTaskList(
			ids.map((id) => ({ id, addedAt: Date.now(), summary: { state: 'succeeded' as const } })),
			Date.now(),
		);
		const file = vscode.Uri.joinPath(workspaceFolder(), ...WORKSPACE_TASK_LIST_PATH.split('/'));
		cleanup.push(vscode.Uri.joinPath(workspaceFolder(), '.vscode'));
		await writeFile(file, JSON.stringify(exported));
		await api.services.context.workspaceState.update(WORKSPACE_TASK_LIST_STATE_KEY, undefined);

		const messages = recordMessages((shown) => (shown.message.includes('Track Them?') ? 'Track Them' : undefined));
		const dialogs = recordDialogs({ open: () => undefined });
		try {
			assert.equal(await api.offerWorkspaceTaskList(), 'tracked');
			const offers = messages.shown.filter((shown) => shown.message.includes('Track Them?'));
			assert.deepEqual(
				offers.map((shown) => [shown.message, shown.actions]),
				[['This workspace has 2 Veo tasks: Track Them?', ['Track Them', 'Not Now']]],
			);
			await waitFor(() => ids.every((id) => api.services.repository.list.has(id)), 'the tasks to be tracked');
			// The one known file is read without a dialog; Import Task List… asks, starting in `.vscode/`.
			assert.equal(dialogs.shown.length, 0, 'the offer shows no dialog');
			await vscode.commands.executeCommand(Commands.importTasks);
			assert.deepEqual(
				dialogs.shown.map((dialog) => [dialog.kind, dialog.defaultUri]),
				[['open', vscode.Uri.joinPath(workspaceFolder(), '.vscode').toString()]],
			);

			// Asked once: not again, even with the tasks untracked.
			await api.services.repository.remove(ids);
			assert.equal(await api.offerWorkspaceTaskList(), undefined);
			assert.equal(messages.shown.filter((shown) => shown.message.includes('Track Them?')).length, 1);

			await vscode.commands.executeCommand(Commands.trackWorkspaceTaskList);
			assert.equal(dialogs.shown.length, 1, 'Track Workspace Task List shows no dialog');
			assert.deepEqual(
				ids.filter((id) => api.services.repository.list.has(id)),
				ids,
			);
		} finally {
			dialogs.dispose();
			messages.dispose();
		}
	});
});

describe('Task IDs in the terminal and rows dragged into editors', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	// The drag controller below is this suite's own copy of the module: it allows loopback videos as
	// the extension's session does for an API on this machine (the fake API).
	before(() => setLoopbackVideosAllowed(true));
	after(() => setLoopbackVideosAllowed(false));

	it('a task ID printed in the terminal is a link that tracks and opens the task', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: 'Printed by curl', videoUrl: server.sampleVideoUrl }));
		const provider = new TaskIdTerminalLinkProvider(api.services.repository.list, api.services.tracking);
		const line = `{"success":true,"task_id":"${id}","trace_id":"x"}`;
		const links = provider.provideTerminalLinks({ line, terminal: undefined as unknown as vscode.Terminal });
		assert.deepEqual(
			links.map((link) => [line.slice(link.startIndex, link.startIndex + link.length), link.tooltip]),
			[[id, 'Track and open Veo task']],
		);
		assert.deepEqual(provider.provideTerminalLinks({ line: 'no task here, just text', terminal: undefined as unknown as vscode.Terminal }), []);

		await provider.handleTerminalLink(links[0]);
		assert.ok(api.services.repository.list.has(id), 'the task is tracked');
		await waitFor(() => api.openPanel(id)?.model()?.title === 'Printed by curl', 'the task tab to show the fetched task');
	});

	it('dragging a finished row gives the editor the link (and other targets the URL and a Markdown link)', async () => {
		const [done, running] = [newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: done, prompt: 'Dragged kite', videoUrl: server.sampleVideoUrl }));
		server.setTask(runningTask({ id: running }));
		await api.services.repository.add([done, running]);
		await api.services.refresher.refresh();

		const transfer = new vscode.DataTransfer();
		await new TaskDragAndDropController(api.services.repository.list).handleDrag([done, running], transfer);
		assert.equal(await transfer.get('text/uri-list')?.asString(), server.sampleVideoUrl);
		assert.equal(await transfer.get('text/plain')?.asString(), `[Dragged kite](${server.sampleVideoUrl})`);
		assert.deepEqual(JSON.parse((await transfer.get(TASK_IDS_MIME)?.asString()) ?? '[]'), [done], 'only the finished task carries a link');

		const html = await vscode.workspace.openTextDocument({ language: 'html', content: '' });
		const edit = await new TaskLinkDropProvider(api.services.repository.list).provideDocumentDropEdits(html, new vscode.Position(0, 0), transfer);
		assert.equal(edit?.insertText, `<video src="${server.sampleVideoUrl}" controls></video>`);
	});
});
