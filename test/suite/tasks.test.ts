import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { TaskRepository } from '../../src/services/taskRepository';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, pendingTask, runningTask, succeededTask } from '../fakeApi/records';
import { TEST_TOKEN, useFreshEnvironment, recordMessages, setSetting, visibleRows, waitFor, recordDialogs } from './helpers';

describe('Tracking tasks', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('adds 120 IDs by argument with one retrieve_batch per 50, the bearer token and the right limit', async () => {
		const ids = Array.from({ length: 120 }, () => newTaskId());
		// Created in the last few minutes: older pending tasks would be stalled (veoTasks.giveUpAfterMinutes).
		const base = Math.round(Date.now() / 1000) - 600;
		ids.forEach((id, index) => server.setTask(pendingTask({ id, prompt: `prompt ${index}`, createdAt: base + index })));
		const result = (await vscode.commands.executeCommand(Commands.addTask, ids)) as { added: string[] };
		assert.equal(result.added.length, 120);
		await waitFor(() => api.services.repository.list.all().every((task) => task.summary.state === 'pending'), 'all 120 fetched');

		const batches = server.requestsFor('/veo/tasks', 'retrieve_batch');
		assert.equal(batches.length, 3);
		const bodies = batches.map((request) => request.body as { ids: string[]; limit: number });
		assert.deepEqual(
			bodies.map((body) => body.ids.length).sort((a, b) => b - a),
			[50, 50, 20],
		);
		assert.deepEqual(
			bodies.map((body) => body.limit).sort((a, b) => b - a),
			[50, 50, 20],
		);
		assert.deepEqual(bodies.flatMap((body) => body.ids).sort(), [...ids].sort());
		for (const request of batches) {
			assert.equal(request.headers.authorization, `Bearer ${TEST_TOKEN}`);
			assert.match(String(request.headers['content-type']), /application\/json/);
		}

		const rows = await visibleRows(api);
		assert.equal(rows.length, 120);
		// Newest first: the last record has the latest created_at.
		assert.equal(rows[0].label, 'prompt 119');
		assert.match(rows[0].description, /^pending · /);
		assert.equal(rows[0].icon, 'clock');
		// The view says when it was last updated (its message line: the header is hidden when alone).
		await waitFor(() => /^Updated \d{1,2}:\d{2}/.test(api.view.message ?? ''), 'the "Updated" line');
	});

	it('shows each state with its label, description, icon and menu tokens', async () => {
		const ids = { pending: newTaskId(), running: newTaskId(), succeeded: newTaskId(), failed: newTaskId(), missing: newTaskId() };
		server.setTask(pendingTask({ id: ids.pending, prompt: 'A queued fox' }));
		server.setTask(runningTask({ id: ids.running, prompt: 'A running fox' }));
		server.setTask(succeededTask({ id: ids.succeeded, prompt: 'A finished fox', videoUrl: server.sampleVideoUrl }));
		server.setTask(failedTask({ id: ids.failed, prompt: 'A refused fox', errorMessage: 'The prompt was refused by the safety filter' }));
		await vscode.commands.executeCommand(Commands.addTask, Object.values(ids).join(', '));
		await waitFor(() => api.services.repository.list.get(ids.missing)?.summary.state === 'notFound', 'the unknown ID marked not found');

		const rows = new Map((await visibleRows(api)).map((row) => [row.id, row]));
		const expect = (id: string, label: string, state: RegExp, icon: string, tokens: string[]): void => {
			const row = rows.get(id);
			assert.ok(row, `a row for ${label}`);
			assert.equal(row.label, label);
			assert.match(row.description, state);
			assert.equal(row.icon, icon);
			for (const token of tokens) {
				assert.ok(row.contextValue.split(' ').includes(token), `${label}: ${row.contextValue} has ${token}`);
			}
		};
		expect(ids.pending, 'A queued fox', /^pending · /, 'clock', ['task', 'state:pending']);
		expect(ids.running, 'A running fox', /^running · /, 'loading~spin', ['state:running']);
		expect(ids.succeeded, 'A finished fox', /^succeeded · /, 'pass-filled', ['state:succeeded', 'hasVideo', 'canFollowUp']);
		expect(ids.failed, 'A refused fox', /^failed · /, 'error', ['state:failed']);
		expect(ids.missing, ids.missing, /^not found · /, 'question', ['state:notFound']);
		assert.match(rows.get(ids.failed)?.tooltip ?? '', /safety filter/);
		assert.ok(!(rows.get(ids.pending)?.contextValue ?? '').includes('hasVideo'));
		// The unknown ID stays tracked.
		assert.ok(api.services.repository.list.has(ids.missing));
	});

	it('rejects what is not an ID with a reason, keeps the valid ones, and notes duplicates', async () => {
		const messages = recordMessages();
		try {
			const good = newTaskId();
			server.setTask(pendingTask({ id: good }));
			const first = (await vscode.commands.executeCommand(Commands.addTask, `${good} not-an-id 12345`)) as { added: string[]; invalid: string[] };
			assert.deepEqual(first.added, [good]);
			assert.deepEqual(first.invalid, ['not-an-id', '12345']);
			const warning = messages.shown.find((shown) => shown.severity === 'warning');
			assert.match(warning?.message ?? '', /Added 1 task\. Not task IDs \(a task ID is a UUID\): "not-an-id", "12345"/);

			const second = (await vscode.commands.executeCommand(Commands.addTask, [good])) as { added: string[]; alreadyTracked: string[] };
			assert.deepEqual(second.added, []);
			assert.deepEqual(second.alreadyTracked, [good]);
			assert.ok(messages.shown.some((shown) => /1 already tracked, ignored/.test(shown.message)));
		} finally {
			messages.dispose();
		}
	});

	it('finds the IDs in pasted JSON', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl }));
		const pasted = JSON.stringify({ success: true, task_id: id, trace_id: 'abc' });
		const result = (await vscode.commands.executeCommand(Commands.addTask, pasted)) as { added: string[] };
		assert.deepEqual(result.added, [id]);
	});

	it('never sends a request without a token, and says how to set one', async () => {
		await api.services.tokens.clear();
		const id = newTaskId();
		const messages = recordMessages();
		try {
			await api.services.repository.add([id]);
			const result = await api.services.refresher.refresh(undefined, { interactive: true });
			assert.equal(result.error?.kind, 'noToken');
			assert.equal(server.requests.length, 0);
			const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'error'), 'the error message');
			assert.match(shown.message, /No Veo API token is set/);
			assert.deepEqual(shown.actions, ['Set API Token']);
		} finally {
			messages.dispose();
		}
	});

	it('stores the token in SecretStorage through the command and clears it', async () => {
		await vscode.commands.executeCommand(Commands.clearToken);
		assert.equal(await api.services.context.secrets.get('veoTasks.apiToken'), undefined);
		assert.equal(await api.services.tokens.source(), undefined);
		// The token is typed in the password box (an argument is never taken as a token).
		const dialogs = recordDialogs({ input: () => 'a-new-token' });
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.setToken), true);
		} finally {
			dialogs.dispose();
		}
		assert.deepEqual(
			dialogs.shown.map((dialog) => [dialog.kind, dialog.password]),
			[['input', true]],
		);
		assert.equal(await api.services.context.secrets.get('veoTasks.apiToken'), 'a-new-token');
		assert.equal(await api.services.tokens.source(), 'stored');
		// Not in the settings.
		assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('veoTasks')).includes('a-new-token'));
		await vscode.commands.executeCommand(Commands.clearToken);
		assert.equal(await api.services.tokens.get(), undefined);
	});

	const errorCases: { name: string; fault: Parameters<FakeVeoServer['enqueue']>[0]; kind: string; message: RegExp; actions: string[] }[] = [
		{ name: '401 invalid_token', fault: { error: 'invalid_token' }, kind: 'auth', message: /token was rejected/, actions: ['Set API Token'] },
		{ name: '401 token_expired', fault: { error: 'token_expired' }, kind: 'auth', message: /token has expired/, actions: ['Set API Token'] },
		{
			name: '400 token_mismatched',
			fault: { error: 'token_mismatched' },
			kind: 'auth',
			message: /not a token for the Veo service/,
			actions: ['Set API Token'],
		},
		{ name: '403 used_up', fault: { error: 'used_up' }, kind: 'quota', message: /balance .* is used up/, actions: ['Open AceData Cloud'] },
		{
			name: '403 forbidden',
			fault: { error: 'forbidden' },
			kind: 'refused',
			message: /refused the request \(content moderation.*server said: The request was refused/,
			actions: ['Show Log'],
		},
		{ name: '404 no_api', fault: { error: 'no_api' }, kind: 'endpointNotFound', message: /veoTasks\.apiBaseUrl/, actions: ['Open Settings'] },
		{ name: '400 bad_request', fault: { error: 'bad_request' }, kind: 'badRequest', message: /refused the request/, actions: ['Show Log'] },
		{
			name: '429 with Retry-After',
			fault: { error: 'too_many_requests', retryAfter: 30 },
			kind: 'rateLimited',
			message: /Try again in 30 s/,
			actions: ['Retry', 'Show Log'],
		},
		{ name: '500 api_error', fault: { error: 'api_error' }, kind: 'server', message: /HTTP 500/, actions: ['Retry', 'Show Log'] },
		{
			name: '502 HTML page from a proxy',
			fault: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } },
			kind: 'server',
			message: /not from the API/,
			actions: ['Retry', 'Show Log'],
		},
		{
			name: '200 HTML page',
			fault: { status: 200, body: '<!doctype html><title>Login</title>', headers: { 'content-type': 'text/html' } },
			kind: 'badResponse',
			message: /web page instead of data/,
			actions: ['Retry', 'Show Log'],
		},
		{ name: 'connection reset', fault: { reset: true }, kind: 'network', message: /Could not reach the Veo API/, actions: ['Retry', 'Show Log'] },
	];
	for (const errorCase of errorCases) {
		it(`shows ${errorCase.name} with its action and keeps the rows as they were`, async () => {
			const id = newTaskId();
			server.setTask(runningTask({ id, prompt: 'Kept through errors' }));
			await vscode.commands.executeCommand(Commands.addTask, id);
			await waitFor(() => api.services.repository.list.get(id)?.summary.state === 'running', 'the first fetch');
			const before = (await visibleRows(api))[0];

			server.enqueue(errorCase.fault);
			const messages = recordMessages();
			try {
				const result = (await vscode.commands.executeCommand(Commands.refresh)) as { error?: { kind: string } };
				assert.equal(result.error?.kind, errorCase.kind);
				const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'error'), 'the error notification');
				assert.match(shown.message, errorCase.message);
				assert.deepEqual(shown.actions, errorCase.actions);
				assert.ok(!shown.message.includes(TEST_TOKEN), 'the token is not in the message');
			} finally {
				messages.dispose();
			}
			const after = (await visibleRows(api))[0];
			assert.equal(after.label, before.label);
			assert.equal(after.description.startsWith('running'), true);
			assert.match(after.description, /refresh failed/);
			assert.equal(api.view.message?.startsWith('Last refresh failed'), true);
		});
	}

	it('times out a server that never answers at the configured time', async () => {
		const id = newTaskId();
		await api.services.repository.add([id]);
		server.enqueue({ hang: true });
		await setSetting('requestTimeoutSeconds', 1);
		const started = Date.now();
		const result = await api.services.refresher.refresh();
		assert.equal(result.error?.kind, 'timeout');
		assert.match(result.error?.message ?? '', /did not answer within 1 s/);
		assert.ok(Date.now() - started < 4000, 'it gave up near the timeout');
		assert.ok(api.services.repository.list.has(id));
	});

	it('keeps the chunks that succeeded when one of three fails', async () => {
		const ids = Array.from({ length: 120 }, () => newTaskId());
		ids.forEach((id) => server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl })));
		await api.services.repository.add(ids);
		let batch = 0;
		server.enqueue({ error: 'api_error' }, () => ++batch === 2);
		const result = await api.services.refresher.refresh(ids);
		assert.equal(result.error?.kind, 'server');
		const states = api.services.repository.list.all().map((task) => task.summary.state);
		assert.equal(states.filter((state) => state === 'succeeded').length, 120 - states.filter((state) => state === 'unknown').length);
		assert.equal(states.filter((state) => state === 'unknown').length, 50, 'one chunk of 50 stayed as it was');
		assert.equal(api.services.repository.list.all().filter((task) => task.staleReason).length, 50);
	});

	it('removes tasks (several at once, as a multi-selection passes them) and removes finished ones', async () => {
		const [a, b, c, d] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: a, videoUrl: server.sampleVideoUrl }));
		server.setTask(runningTask({ id: b }));
		server.setTask(failedTask({ id: c }));
		server.setTask(pendingTask({ id: d }));
		await api.services.repository.add([a, b, c, d]);
		await api.services.refresher.refresh();
		await vscode.commands.executeCommand(Commands.removeTask, d, [d, b]);
		assert.deepEqual(api.services.repository.list.ids().sort(), [a, c].sort());
		const questions = recordMessages((shown) => (shown.modal ? 'Remove' : undefined));
		let removed: string[];
		try {
			removed = (await vscode.commands.executeCommand(Commands.removeFinished)) as string[];
		} finally {
			questions.dispose();
		}
		assert.equal(questions.shown.filter((shown) => shown.modal).length, 1, 'it asked first');
		assert.deepEqual(removed.sort(), [a, c].sort());
		assert.equal((await visibleRows(api)).length, 0);
	});

	it('copies the task ID and the video URL to the clipboard', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		await vscode.commands.executeCommand(Commands.copyTaskId, id);
		assert.equal(await vscode.env.clipboard.readText(), id);
		await vscode.commands.executeCommand(Commands.copyVideoUrl, id);
		assert.equal(await vscode.env.clipboard.readText(), server.sampleVideoUrl);
	});

	it('restores the list and what was fetched after a reload, without a network call', async () => {
		const ids = [newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: ids[0], prompt: 'Remembered fox', videoUrl: server.sampleVideoUrl }));
		server.setTask(failedTask({ id: ids[1], prompt: 'Remembered failure' }));
		await api.services.repository.add(ids);
		await api.services.refresher.refresh();
		await api.services.repository.flush();
		server.clearRequests();

		// A second repository over the same workspaceState and storage folder is what a reload builds.
		const context = api.services.context;
		const reloaded = new TaskRepository(context.workspaceState, context.storageUri ?? context.globalStorageUri, api.services.log);
		try {
			await reloaded.ready;
			const byId = new Map(reloaded.list.all().map((task) => [task.id, task]));
			assert.equal(byId.get(ids[0])?.summary.state, 'succeeded');
			assert.equal(byId.get(ids[0])?.summary.prompt, 'Remembered fox');
			assert.equal(byId.get(ids[1])?.summary.state, 'failed');
			assert.equal(server.requests.length, 0);
		} finally {
			reloaded.dispose();
		}
	});
});
