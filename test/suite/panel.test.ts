import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, waitFor } from './helpers';
import { panelLabels } from '../../src/core/view/taskPanelModel';

function panelTabs(): vscode.Tab[] {
	return vscode.window.tabGroups.all
		.flatMap((group) => group.tabs)
		.filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('veoTasks.taskPanel'));
}

function describeTabs(): string {
	return JSON.stringify(
		vscode.window.tabGroups.all
			.flatMap((group) => group.tabs)
			.map((tab) => ({ label: tab.label, input: tab.input?.constructor?.name, viewType: (tab.input as { viewType?: string })?.viewType })),
	);
}

describe('The task panel', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('opens one tab per task, titled by the prompt, with a CSP that allows only the video origin, and plays the video', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: 'A lighthouse in a storm at night', model: 'veo3', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();

		await vscode.commands.executeCommand(Commands.openTask, id);
		await vscode.commands.executeCommand(Commands.openTask, id);
		await waitFor(() => panelTabs().length > 0, `the panel tab (tabs: ${describeTabs()})`);
		assert.equal(panelTabs().length, 1, 'opening again reveals the same tab');
		assert.equal(panelTabs()[0].label, 'A lighthouse in a storm at night');

		const panel = api.openPanel(id);
		assert.ok(panel);
		const html = panel.panel.webview.html;
		assert.match(html, /default-src 'none'/);
		assert.match(html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
		assert.ok(html.includes(`media-src https: ${server.url}`), 'media-src allows https and this loopback origin only');
		assert.equal(panel.model()?.json.includes(`"id": "${id}"`), true);
		// The page speaks the display language: its lang, and the labels it reads from the model.
		assert.ok(html.includes(`<html lang="${vscode.env.language}">`), 'the page says its language');
		const labels = panel.model()?.labels;
		assert.ok(labels);
		assert.deepEqual(Object.keys(labels).sort(), Object.keys(panelLabels()).sort(), 'the model carries every label');
		const report = await waitFor(async () => {
			const shown = await panel.inspect();
			return shown.fields[labels.taskId] === id ? shown : undefined;
		}, 'the page to show the task ID under its label');
		assert.equal(report.fields[labels.prompt], 'A lighthouse in a storm at night');
		// The page reports that the <video> element loaded the fixture's metadata.
		await waitFor(() => panel.videoState === 'loaded', 'the video to load its metadata', 20_000);
	});

	it('updates live when the task is refreshed', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id, prompt: 'Slowly rendering waves' }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		const panel = api.openPanel(id);
		assert.ok(panel);
		assert.equal(panel.model()?.state, 'running');
		assert.equal(panel.model()?.playableVideoUrl, undefined);

		server.advanceTask(id, 'succeeded', { videoUrl: server.sampleVideoUrl });
		await vscode.commands.executeCommand(Commands.refresh);
		assert.equal(panel.model()?.state, 'succeeded');
		assert.equal(panel.model()?.playableVideoUrl, server.sampleVideoUrl);
		assert.ok(panel.panel.webview.html.includes(server.url), 'the page was rebuilt with the video origin allowed');
		await waitFor(() => panel.videoState === 'loaded', 'the video to load after the update', 20_000);
	});

	it('closes when its task is removed', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id }));
		await api.services.repository.add([id]);
		await vscode.commands.executeCommand(Commands.openTask, id);
		await waitFor(() => panelTabs().length === 1, `the panel tab (tabs: ${describeTabs()})`);
		await vscode.commands.executeCommand(Commands.removeTask, id);
		await waitFor(() => panelTabs().length === 0, 'the tab to close');
	});
});
