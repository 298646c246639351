import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { WizardStepSnapshot } from '../../src/ui/multiStepInput';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, newVideoId, succeededTask } from '../fakeApi/records';
import { TEST_TOKEN, useFreshEnvironment, recordDialogs, recordMessages, sleep, visibleRows, waitFor } from './helpers';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'sample.mp4');

/** Presses Enter in whatever quick input is showing, as many times as there are steps. */
async function acceptSteps(count: number, until: () => boolean): Promise<void> {
	for (let step = 0; step < count * 20 && !until(); step++) {
		await sleep(250);
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
	}
}

/**
 * Presses Enter in the wizard as acceptSteps does, noting each step it showed (by its number), until
 * `until` holds.
 */
async function acceptNotingSteps(api: VeoTasksApi, until: () => boolean): Promise<WizardStepSnapshot[]> {
	const seen = new Map<number, WizardStepSnapshot>();
	for (let press = 0; press < 7 * 20 && !until(); press++) {
		await sleep(250);
		const shown = api.wizardStep();
		if (!shown) {
			// Between two steps: Enter now would accept a step not noted yet.
			continue;
		}
		seen.set(shown.step, shown);
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
	}
	return [...seen.values()];
}

/** Presses Enter on each step until the wizard shows the given step, and returns that step. */
async function acceptUntilStep(api: VeoTasksApi, step: number): Promise<WizardStepSnapshot> {
	for (let press = 0; press < 20; press++) {
		const shown = await waitFor(() => api.wizardStep(), 'a wizard step');
		if (shown.step === step) {
			return shown;
		}
		await sleep(250);
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await waitFor(() => api.wizardStep()?.step !== shown.step, 'the next step');
	}
	throw new Error(`the wizard never showed step ${step}`);
}

describe('Generating and continuing videos', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('walks through the steps of Generate Video… and tracks the new task as pending', async function () {
		this.timeout(30_000);
		const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
			action: 'text2video',
			prompt: 'A paper boat on a rainy street',
			model: 'veo3',
			aspectRatio: '9:16',
		});
		await acceptSteps(7, () => server.requestsFor('/veo/videos').length > 0);
		const id = await running;
		assert.ok(id, 'a task was started');
		const [request] = server.requestsFor('/veo/videos');
		assert.deepEqual(request.body, {
			action: 'text2video',
			model: 'veo3',
			prompt: 'A paper boat on a rainy street',
			aspect_ratio: '9:16',
			translation: false,
			async: true,
		});
		assert.equal(request.headers.authorization, `Bearer ${TEST_TOKEN}`);
		const [top] = await visibleRows(api);
		assert.equal(top.id, id);
		assert.equal(top.label, 'A paper boat on a rainy street');
		assert.match(top.description, /^pending/);
	});

	describe('a prompt in Chinese', () => {
		const CHINESE_PROMPT = '雨夜街道上的一只纸船，电影感';

		it('offers to translate it to English, on by default, and sends translation: true', async function () {
			this.timeout(30_000);
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
				action: 'text2video',
				prompt: CHINESE_PROMPT,
				model: 'veo3',
				aspectRatio: '16:9',
			});
			const steps = await acceptNotingSteps(api, () => server.requestsFor('/veo/videos').length > 0);
			assert.ok(await running, 'a task was started');
			const translation = steps.find((step) => step.step === 7);
			assert.ok(translation, `the translation step was shown (steps seen: ${steps.map((step) => step.step).join(', ')})`);
			assert.match(translation.prompt, /Chinese/);
			assert.deepEqual(translation.items, ['Translate the prompt to English', 'Keep the prompt as written']);
			assert.equal(translation.active, 'Translate the prompt to English');
			const [request] = server.requestsFor('/veo/videos');
			assert.deepEqual(request.body, {
				action: 'text2video',
				model: 'veo3',
				prompt: CHINESE_PROMPT,
				aspect_ratio: '16:9',
				translation: true,
				async: true,
			});
		});

		it('sends translation: false when the user keeps the prompt as written', async function () {
			this.timeout(30_000);
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, { action: 'text2video', prompt: CHINESE_PROMPT });
			const translation = await acceptUntilStep(api, 7);
			assert.equal(translation.active, 'Translate the prompt to English');
			await sleep(150);
			await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
			await waitFor(() => api.wizardStep()?.active === 'Keep the prompt as written', 'Keep the prompt as written highlighted');
			await sleep(300);
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			assert.ok(await running, 'a task was started');
			const [request] = server.requestsFor('/veo/videos');
			assert.equal((request.body as Record<string, unknown>).translation, false);
			assert.equal((request.body as Record<string, unknown>).prompt, CHINESE_PROMPT);
		});

		it('offers the translation step for an English prompt too, off by default, and sends translation: false', async function () {
			this.timeout(30_000);
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
				action: 'text2video',
				prompt: 'A paper boat on a rainy street',
			});
			const steps = await acceptNotingSteps(api, () => server.requestsFor('/veo/videos').length > 0);
			assert.ok(await running, 'a task was started');
			const translation = steps.find((step) => step.step === 7);
			assert.ok(translation, 'the translation step was shown');
			assert.equal(translation.prompt, 'Translate the prompt to English first?');
			assert.equal(translation.active, 'Keep the prompt as written');
			const [request] = server.requestsFor('/veo/videos');
			assert.equal((request.body as Record<string, unknown>).translation, false);
		});
	});

	it('cancels on Escape without sending anything', async () => {
		const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, { prompt: 'Never sent' });
		await sleep(500);
		await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
		assert.equal(await running, undefined);
		assert.equal(server.requests.length, 0);
		assert.equal(api.services.repository.list.size, 0);
	});

	it('tracks nothing when the API refuses the generation', async function () {
		this.timeout(30_000);
		server.enqueue({ error: 'used_up' });
		const messages = recordMessages();
		try {
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, { action: 'text2video', prompt: 'Too expensive' });
			await acceptSteps(7, () => server.requestsFor('/veo/videos').length > 0);
			assert.equal(await running, undefined);
			assert.equal(api.services.repository.list.size, 0);
			const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'error'), 'the error');
			assert.match(shown.message, /balance .* is used up/);
		} finally {
			messages.dispose();
		}
	});

	describe('follow-ups', () => {
		const parentId = newTaskId();
		const videoId = newVideoId();
		beforeEach(async () => {
			server.setTask(succeededTask({ id: parentId, prompt: 'A fox in the snow', model: 'veo31', videoId, videoUrl: server.sampleVideoUrl }));
			await api.services.repository.add([parentId]);
			await api.services.refresher.refresh();
		});

		it("Get 1080p sends get1080p, the video ID and the task's model to /veo/videos and tracks the child under its parent", async () => {
			const childId = await vscode.commands.executeCommand<string>(Commands.get1080p, parentId);
			assert.ok(childId);
			const [request] = server.requestsFor('/veo/videos');
			assert.deepEqual(request.body, { action: 'get1080p', video_id: videoId, model: 'veo31', async: true });
			const children = await visibleRows(api, parentId);
			assert.deepEqual(
				children.map((row) => row.id),
				[childId],
			);
			assert.equal(api.tree.getParent(childId), parentId);
			assert.equal(api.tree.getTreeItem(parentId).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
			// Its panel links back to the parent.
			const panel = api.openPanel(childId);
			assert.equal(panel?.model()?.parent?.id, parentId);
			panel?.dispose();
		});

		it('the row offers Get 1080p and Generate Again, no Extend', async () => {
			const [row] = await visibleRows(api);
			const tokens = row.contextValue.split(' ');
			assert.ok(tokens.includes('canFollowUp') && tokens.includes('hasRequest'));
			assert.ok(!tokens.includes('canExtend'));
		});

		for (const code of ['no_api', 'api_not_implemented'] as const) {
			it(`a follow-up answered ${code} says the API does not offer it, not "check the base URL"`, async () => {
				server.enqueue({ error: code }, (request) => request.path === '/veo/videos');
				const messages = recordMessages();
				try {
					assert.equal(await vscode.commands.executeCommand(Commands.get1080p, parentId), undefined);
					const shown = await waitFor(() => messages.shown.find((message) => message.severity !== 'information'), 'the message');
					assert.match(shown.message, /does not offer Get 1080p/);
					assert.doesNotMatch(shown.message, /apiBaseUrl|base URL/);
					assert.equal(api.services.repository.list.size, 1, 'nothing tracked');
				} finally {
					messages.dispose();
					api.services.followUps.reset();
				}
			});
		}
	});

	describe('download', () => {
		let folder: string;
		const id = newTaskId();
		beforeEach(async () => {
			folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-download-'));
			server.setTask(succeededTask({ id, prompt: 'Waves at dusk', videoUrl: server.sampleVideoUrl }));
			await api.services.repository.add([id]);
			await api.services.refresher.refresh();
		});
		afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

		it('writes exactly the bytes of the video, without sending the token to the video host', async () => {
			const target = path.join(folder, 'waves.mp4');
			server.clearRequests();
			const dialogs = recordDialogs({ save: () => vscode.Uri.file(target) });
			let saved: string | undefined;
			try {
				saved = await vscode.commands.executeCommand<string>(Commands.downloadVideo, id, { ask: true });
			} finally {
				dialogs.dispose();
			}
			assert.equal(saved, target);
			assert.deepEqual(fs.readFileSync(target), fs.readFileSync(FIXTURE));
			const [videoRequest] = server.requests.filter((request) => request.path.startsWith('/files/'));
			assert.equal(videoRequest.headers.authorization, undefined);
		});

		it('saves into videos/ in the workspace by default, named after the prompt and the task', async () => {
			// A file left by an earlier run is replaced only after the question.
			const questions = recordMessages((shown) => (shown.modal ? 'Overwrite' : undefined));
			let saved: string;
			try {
				saved = await vscode.commands.executeCommand<string>(Commands.downloadVideo, id);
			} finally {
				questions.dispose();
			}
			const workspace = vscode.workspace.workspaceFolders?.[0].uri.fsPath ?? '';
			assert.equal(saved, path.join(workspace, 'videos', `waves-at-dusk-${id.slice(0, 8)}.mp4`));
			assert.deepEqual(fs.readFileSync(saved), fs.readFileSync(FIXTURE));
			fs.rmSync(path.join(workspace, 'videos'), { recursive: true, force: true });
		});

		it('leaves no partial file when cancelled', async () => {
			const target = path.join(folder, 'cancelled.mp4');
			server.enqueue({ slowBytes: { body: 'x'.repeat(5000), intervalMs: 20, headers: { 'content-type': 'video/mp4', 'content-length': '5000' } } }, (request) =>
				request.path.startsWith('/files/'),
			);
			const controller = new AbortController();
			const dialogs = recordDialogs({ save: () => vscode.Uri.file(target) });
			try {
				const running = vscode.commands.executeCommand<string | undefined>(Commands.downloadVideo, id, { ask: true, signal: controller.signal });
				await waitFor(() => fs.existsSync(`${target}.part`), 'the partial file to appear');
				controller.abort();
				assert.equal(await running, undefined);
			} finally {
				dialogs.dispose();
			}
			assert.deepEqual(fs.readdirSync(folder), []);
		});
	});

	it('tracks exactly the task IDs found in a file with mixed text', async () => {
		const ids = [newTaskId(), newTaskId(), newTaskId()];
		const text = [
			`2025-07-25 09:19 started task ${ids[0]}`,
			`{"task_id": "${ids[1].toUpperCase()}", "trace_id": "not-a-uuid"}`,
			`retry ${ids[0]} again; next ${ids[2]}.`,
			'an almost-id: 12345678-1234-1234-1234-12345678901 and a longer one 12345678-1234-1234-1234-1234567890123',
		].join('\n');
		const document = await vscode.workspace.openTextDocument({ content: text, language: 'log' });
		await vscode.window.showTextDocument(document);
		const result = await vscode.commands.executeCommand<{ added: string[] }>(Commands.addTasksFromSelection);
		assert.deepEqual([...(result?.added ?? [])].sort(), [...ids].sort());
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('exports the list with states (and no token) and imports it back with its follow-ups', async () => {
		const parent = newTaskId();
		server.setTask(succeededTask({ id: parent, prompt: 'Exported fox', model: 'veo31', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([parent]);
		await api.services.refresher.refresh();
		const child = await vscode.commands.executeCommand<string>(Commands.get1080p, parent);
		const file = path.join(os.tmpdir(), `veo-export-${Date.now()}.json`);
		try {
			const dialogs = recordDialogs({ save: () => vscode.Uri.file(file) });
			try {
				await vscode.commands.executeCommand(Commands.exportTasks);
			} finally {
				dialogs.dispose();
			}
			const text = fs.readFileSync(file, 'utf8');
			assert.ok(!text.includes(TEST_TOKEN));
			const exported = JSON.parse(text) as { format: string; tasks: { id: string; state: string; parentId?: string }[] };
			assert.equal(exported.format, 'veo-tasks');
			assert.deepEqual(
				exported.tasks.map((task) => [task.id, task.state, task.parentId]).sort(),
				[
					[parent, 'succeeded', undefined],
					[child, 'pending', parent],
				].sort(),
			);

			await api.services.repository.remove(api.services.repository.list.ids());
			// The file is chosen in the open dialog, which starts in the workspace (it has no team list).
			const opened = recordDialogs({ open: () => [vscode.Uri.file(file)] });
			let imported: { added: string[] } | undefined;
			try {
				imported = await vscode.commands.executeCommand<{ added: string[] }>(Commands.importTasks);
			} finally {
				opened.dispose();
			}
			assert.deepEqual(
				opened.shown.map((dialog) => [dialog.kind, dialog.defaultUri]),
				[['open', vscode.workspace.workspaceFolders?.[0].uri.toString()]],
			);
			assert.deepEqual([...(imported?.added ?? [])].sort(), [parent, child].sort());
			assert.equal(api.services.repository.list.get(child)?.parentId, parent);
		} finally {
			fs.rmSync(file, { force: true });
		}
	});
});
