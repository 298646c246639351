// The language-model tools, called as an agent calls them: through vscode.lm.invokeTool (no Copilot
// needed), or, for the billable ones whose confirmation would open a modal, through the tool objects.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LanguageModelTools } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, setSetting, visibleRows, waitFor } from './helpers';

function resultText(result: vscode.LanguageModelToolResult): string {
	return result.content
		.map((part) => (part as { value?: unknown }).value)
		.filter((value): value is string => typeof value === 'string')
		.join('\n');
}

async function invoke(name: string, input: object, token?: vscode.CancellationToken): Promise<string> {
	return resultText(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token));
}

/** The tool object itself: prepareInvocation is read without the modal a confirmation opens outside a chat. */
function tool(api: VeoTasksApi, name: string): vscode.LanguageModelTool<unknown> {
	const found = api.agentTools.get(name);
	assert.ok(found, `${name} is not registered`);
	return found;
}

async function invokeDirectly(api: VeoTasksApi, name: string, input: object, token = new vscode.CancellationTokenSource().token): Promise<string> {
	const result = await tool(api, name).invoke({ input, toolInvocationToken: undefined }, token);
	assert.ok(result);
	return resultText(result);
}

async function prepared(api: VeoTasksApi, name: string, input: object): Promise<vscode.PreparedToolInvocation> {
	const token = new vscode.CancellationTokenSource().token;
	const preparation = await tool(api, name).prepareInvocation?.({ input }, token);
	assert.ok(preparation);
	return preparation;
}

function messageText(message: string | vscode.MarkdownString | undefined): string {
	return typeof message === 'string' ? message : (message?.value ?? '');
}

describe('Agent tools', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('are listed in vscode.lm.tools under the names the manifest gives', () => {
		const names = new Set(vscode.lm.tools.map((info) => info.name));
		for (const name of Object.values(LanguageModelTools)) {
			assert.ok(names.has(name), `${name} missing from vscode.lm.tools`);
		}
	});

	it('track answers the state, prompt and video URL, and the row appears', async () => {
		const done = newTaskId();
		const broken = newTaskId();
		server.setTask(succeededTask({ id: done, prompt: 'A lighthouse in a storm', videoUrl: server.sampleVideoUrl }));
		server.setTask(failedTask({ id: broken, prompt: 'A red kite' }));
		const answer = await invoke(LanguageModelTools.track, { ids: [done, broken, 'not-an-id'] });
		assert.match(answer, new RegExp(`- ${done}: succeeded`));
		assert.ok(answer.includes('"A lighthouse in a storm"'), answer);
		assert.ok(answer.includes(`Video: ${server.sampleVideoUrl}`), answer);
		assert.match(answer, new RegExp(`- ${broken}: failed`));
		assert.match(answer, /Failure reason: /);
		assert.match(answer, /Not task IDs, ignored: "not-an-id"/);
		const rows = await visibleRows(api);
		assert.deepEqual(rows.map((row) => row.id).sort(), [done, broken].sort());
	});

	it('list answers from the cache and sends no request', async () => {
		const ids = [newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: ids[0], prompt: 'First', videoUrl: server.sampleVideoUrl }));
		server.setTask(runningTask({ id: ids[1], prompt: 'Second' }));
		await invoke(LanguageModelTools.track, { ids });
		server.clearRequests();
		const all = await invoke(LanguageModelTools.list, {});
		assert.ok(all.includes(ids[0]) && all.includes(ids[1]), all);
		const running = await invoke(LanguageModelTools.list, { state: 'active' });
		assert.ok(running.includes(ids[1]) && !running.includes(ids[0]), running);
		const wrong = await invoke(LanguageModelTools.list, { state: 'done' });
		assert.match(wrong, /Unknown state "done"\. Use one of: /);
		assert.equal(server.requests.length, 0);
	});

	it('wait resolves when the task finishes, with requests only from the poll schedule, however many wait', async function () {
		this.timeout(60_000);
		await setSetting('pollIntervalSeconds', 2);
		await setSetting('autoRefresh', true);
		const id = newTaskId();
		// Started two minutes ago: past the quiet first minute, so polls come every few seconds.
		server.setTask(runningTask({ id, prompt: 'A glacier calving', createdAt: Date.now() / 1000 - 120 }));
		const reasons: string[] = [];
		const listening = api.services.refresher.onDidRefresh((result) => {
			if (result.requested.length) {
				reasons.push(result.reason);
			}
		});
		try {
			const waits = Array.from({ length: 5 }, () => invoke(LanguageModelTools.wait, { ids: [id], timeoutSeconds: 50 }));
			await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'running', 'the first fetch');
			server.advanceTask(id, 'succeeded', { videoUrl: server.sampleVideoUrl });
			const answers = await Promise.all(waits);
			for (const answer of answers) {
				assert.match(answer, /^Every task has finished/);
				assert.match(answer, new RegExp(`- ${id}: succeeded`));
				assert.ok(answer.includes(`Video: ${server.sampleVideoUrl}`), answer);
			}
		} finally {
			listening.dispose();
		}
		// One first fetch for the task the waits tracked, then polls: one request each, none from the waits.
		assert.equal(reasons.filter((reason) => reason === 'added').length, 1, reasons.join(','));
		assert.ok(
			reasons.every((reason) => reason === 'added' || reason === 'poll'),
			reasons.join(','),
		);
		assert.equal(server.requestsFor('/veo/tasks').length, reasons.length);
	});

	it('wait resolves on its timeout with the states so far, and on cancellation', async function () {
		this.timeout(30_000);
		await setSetting('autoRefresh', true);
		const id = newTaskId();
		server.setTask(runningTask({ id, prompt: 'A slow sunrise' }));
		const answer = await invoke(LanguageModelTools.wait, { ids: [id], timeoutSeconds: 2 });
		assert.match(answer, /^Stopped waiting after \d+ s; some tasks are still running/);
		assert.match(answer, new RegExp(`- ${id}: running`));
		// Through the tool itself: vscode.lm.invokeTool rejects for a cancelled caller, whatever the tool answers.
		const source = new vscode.CancellationTokenSource();
		setTimeout(() => source.cancel(), 500);
		const cancelled = await invokeDirectly(api, LanguageModelTools.wait, { ids: [id] }, source.token);
		assert.match(cancelled, /^Waiting was cancelled after/);
	});

	it('wait says at once that nothing polls while automatic refresh is off', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id }));
		const answer = await invoke(LanguageModelTools.wait, { ids: [id], timeoutSeconds: 600 });
		assert.match(answer, /Automatic refresh is off in VS Code \(setting veoTasks\.autoRefresh\)/);
	});

	it('generate always carries a confirmation of what is billed, and posts one /veo/videos', async () => {
		// The user's setting turns the wizard's question off: the tool asks anyway.
		const input = { action: 'text2video', prompt: 'A fox [click](command:workbench.action.quit) in the snow', model: 'veo3', resolution: '1080p' };
		const preparation = await prepared(api, LanguageModelTools.generate, input);
		const confirmation = preparation.confirmationMessages;
		assert.ok(confirmation, 'no confirmation');
		assert.equal(confirmation.title, 'Generate a Veo video?');
		const message = messageText(confirmation.message);
		assert.match(message, /billed to your AceData Cloud account/);
		assert.match(message, /Model: veo3/);
		assert.match(message, /Text to video/);
		assert.match(message, /Resolution: 1080p/);
		// The prompt's Markdown is escaped: no live link in the confirmation.
		assert.ok(!message.includes('](command:'), message);
		assert.ok(message.includes('\\[click\\]\\(command'), message);
		assert.equal(server.requests.length, 0, 'preparing sends nothing');

		const answer = await invokeDirectly(api, LanguageModelTools.generate, input);
		const posted = server.requestsFor('/veo/videos');
		assert.equal(posted.length, 1);
		assert.deepEqual(posted[0].body, {
			action: 'text2video',
			model: 'veo3',
			prompt: input.prompt,
			aspect_ratio: '16:9',
			translation: false,
			resolution: '1080p',
			async: true,
		});
		const id = /Task ID: ([0-9a-f-]{36})/.exec(answer)?.[1];
		assert.ok(id, answer);
		assert.ok(api.services.repository.list.has(id));
	});

	it('generate refuses what the wizard refuses, and a retired model, before sending anything', async () => {
		const invalid = await invokeDirectly(api, LanguageModelTools.generate, { action: 'image2video', prompt: 'x' });
		assert.match(invalid, /^Nothing was started: the request is not valid\.\n- Give at least one image URL\./);
		const retired = await invokeDirectly(api, LanguageModelTools.generate, { action: 'text2video', prompt: 'A fox', model: 'veo2' });
		assert.match(retired, /does not support the model "veo2".*Use one of: veo31-fast/);
		assert.equal(server.requestsFor('/veo/videos').length, 0);
		// A model the API itself refuses: the same advice, from its answer.
		const refused = await invokeDirectly(api, LanguageModelTools.generate, { action: 'text2video', prompt: 'A fox', model: 'veo9' });
		assert.match(refused, /does not support the model "veo9".*Nothing was started\./);
	});

	it('generate never sends again when the outcome is unknown, and says so', async () => {
		server.enqueue({ reset: true }, (request) => request.path === '/veo/videos');
		const answer = await invokeDirectly(api, LanguageModelTools.generate, { action: 'text2video', prompt: 'A fox' });
		assert.match(answer, /^The outcome is unknown: .*NOT sent again/);
		assert.equal(server.requestsFor('/veo/videos').length, 1);
	});

	it('get1080p is confirmed and posts one get1080p for the video of a succeeded task', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: 'A harbour at night', model: 'veo31', videoUrl: server.sampleVideoUrl }));
		await invoke(LanguageModelTools.track, { ids: [id] });
		const preparation = await prepared(api, LanguageModelTools.get1080p, { id });
		assert.equal(preparation.confirmationMessages?.title, 'Get 1080p of this Veo video?');
		assert.match(messageText(preparation.confirmationMessages?.message), /Model: veo31/);
		const answer = await invokeDirectly(api, LanguageModelTools.get1080p, { id });
		assert.match(answer, /^Started\. Task ID: /);
		const posted = server.requestsFor('/veo/videos', 'get1080p');
		assert.equal(posted.length, 1);
		const videoId = api.services.repository.list.get(id)?.summary.videoId;
		assert.deepEqual(posted[0].body, { action: 'get1080p', video_id: videoId, model: 'veo31', async: true });
	});

	describe('errors come back as results that name the fix', () => {
		it('no token', async () => {
			await api.services.tokens.clear();
			const answer = await invoke(LanguageModelTools.track, { ids: [newTaskId()] });
			assert.match(answer, /the user runs "Veo: Set API Token" in VS Code/);
			assert.match(answer, /Never ask for the token in the chat/);
			assert.equal(server.requests.length, 0);
		});

		it('an invalid token, without ever quoting it', async () => {
			server.token = 'another-token';
			const answer = await invoke(LanguageModelTools.wait, { ids: [newTaskId()] });
			assert.match(answer, /the API token was refused\. The user runs "Veo: Set API Token"/);
			assert.ok(!answer.includes('test-token'), answer);
		});

		it('a balance used up', async () => {
			server.enqueue({ error: 'used_up' }, (request) => request.path === '/veo/videos');
			const answer = await invokeDirectly(api, LanguageModelTools.generate, { action: 'text2video', prompt: 'A fox' });
			assert.match(answer, /balance is used up\. The user tops it up at https:\/\/platform\.acedata\.cloud\//);
		});

		it('bad input', async () => {
			assert.match(await invoke(LanguageModelTools.track, { ids: [] }), /^No task ID given\./);
			assert.match(await invokeDirectly(api, LanguageModelTools.generate, { action: 'make-a-film', prompt: 'x' }), /"action" must be one of/);
			assert.match(await invokeDirectly(api, LanguageModelTools.get1080p, { id: newTaskId() }), /^Nothing was started: Get 1080p needs a task that succeeded/);
		});
	});
});
