/**
 * What a user sees of the API's newest reading (docs/api.md), in the real VS Code: Get 1080p
 * refused as "not offered" says so and hides for the session; Track Recent Tasks finds every task
 * whatever `count` counts; a pay-per-request gateway's 402 and a 400 `disabled` say what they are.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, ContextKeys, EXTENSION_ID } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { paymentRequiredFault } from '../fakeApi/errors';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, pendingTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, recordMessages, waitFor } from './helpers';

type ExecuteCommand = typeof vscode.commands.executeCommand;

/** Records the context keys the extension sets, still setting them. */
function recordContextKeys(): { set: Map<string, unknown>; dispose(): void } {
	const set = new Map<string, unknown>();
	const commands = vscode.commands as unknown as { executeCommand: ExecuteCommand };
	const original = commands.executeCommand;
	commands.executeCommand = ((command: string, ...rest: unknown[]) => {
		if (command === 'setContext') {
			set.set(String(rest[0]), rest[1]);
		}
		return original.call(vscode.commands, command, ...rest);
	}) as ExecuteCommand;
	return { set, dispose: () => (commands.executeCommand = original) };
}

describe('API reading: what the user sees', function () {
	this.timeout(40_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it("Get 1080p refused with 400 bad_request: says it is not offered, hides the menus and the panel's button, and is never sent again", async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, model: 'veo31', prompt: 'A kite over the dunes', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		const panel = api.openPanel(id);
		assert.ok(panel);
		assert.equal(panel.model()?.canFollowUp, true);
		const buttonsBefore = await waitFor(async () => (await panel.inspect()).tags.button, "the panel's buttons");

		server.get1080pOffered = false;
		const keys = recordContextKeys();
		const messages = recordMessages();
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.get1080p, id), undefined);
			const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'warning'), 'the warning');
			assert.match(shown.message, /does not offer Get 1080p any more/);
			assert.match(shown.message, /bad_request/);
			assert.match(shown.message, /hidden until VS Code restarts/);
			assert.doesNotMatch(shown.message, /base URL|apiBaseUrl/);
			assert.equal(api.services.repository.list.size, 1, 'nothing tracked');

			// The menus hide through the context key; the panel's button goes.
			await waitFor(() => keys.set.get(ContextKeys.get1080pNotOffered) === true, 'the context key');
			assert.equal(panel.model()?.canFollowUp, false);
			await waitFor(async () => (await panel.inspect()).tags.button === buttonsBefore - 1, 'the panel without its Get 1080p button');
			const menus = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
			const whens = Object.values(menus).flatMap((entries) => entries.filter((entry) => entry.command === Commands.get1080p).map((entry) => entry.when ?? ''));
			assert.ok(whens.length >= 2 && whens.every((when) => when.includes(`!${ContextKeys.get1080pNotOffered}`)), whens.join(' | '));

			// Asked again (a keybinding, another extension): a word, no request.
			server.clearRequests();
			messages.shown.length = 0;
			assert.equal(await vscode.commands.executeCommand(Commands.get1080p, id), undefined);
			const again = await waitFor(() => messages.shown.find((message) => message.severity === 'warning'), 'the second warning');
			assert.match(again.message, /earlier in this session/);
			assert.equal(server.requestsFor('/veo/videos').length, 0, 'not sent again');
		} finally {
			messages.dispose();
			keys.dispose();
			server.get1080pOffered = true;
			panel.panel.dispose();
		}
	});

	for (const reading of ['page', 'total'] as const) {
		it(`Track Recent Tasks finds all 120 tasks in 3 pages with count as ${reading === 'page' ? 'the page size' : 'the total'}, and says how many`, async () => {
			server.batchCount = reading;
			const nowS = Date.now() / 1000;
			for (let index = 0; index < 120; index++) {
				server.setTask(pendingTask({ createdAt: nowS - 30 - index * 10 }));
			}
			server.clearRequests();
			const messages = recordMessages();
			try {
				const result = await vscode.commands.executeCommand<{ found: number; added: string[] }>(Commands.trackRecentTasks, { days: 1 });
				assert.equal(result.found, 120);
				assert.equal(result.added.length, 120);
				assert.equal(server.requestsFor('/veo/tasks', 'retrieve_batch').length, 3);
				await waitFor(() => messages.shown.find((message) => /Found 120 Veo tasks/.test(message.message)), 'the summary');
			} finally {
				messages.dispose();
			}
		});
	}

	it('a 402 from a pay-per-request gateway says so, asks for a token for the regular origin, and offers the settings', async () => {
		server.enqueue(paymentRequiredFault(), (request) => request.path === '/veo/tasks');
		const messages = recordMessages(() => undefined);
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.trackRecentTasks, { days: 1 }), undefined);
			const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'error'), 'the error');
			assert.match(shown.message, /HTTP 402/);
			assert.match(shown.message, /pay-per-request gateway/);
			assert.match(shown.message, /https:\/\/api\.acedata\.cloud/);
			assert.deepEqual(shown.actions, ['Open Settings', 'Set API Token']);
		} finally {
			messages.dispose();
		}
	});

	it('a 400 disabled says the application or service is disabled, not a generic refusal', async () => {
		server.enqueue({ error: 'disabled', message: 'Your application has been disabled.' }, (request) => request.path === '/veo/tasks');
		const messages = recordMessages(() => undefined);
		try {
			await vscode.commands.executeCommand(Commands.trackRecentTasks, { days: 1 });
			const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'error'), 'the error');
			assert.match(shown.message, /disabled for this account/);
			assert.match(shown.message, /server said: Your application has been disabled\./);
			assert.doesNotMatch(shown.message, /HTTP 400/);
		} finally {
			messages.dispose();
		}
	});
});
