// The generation contract of today's API in the real VS Code: the wizard's new steps and what they
// send, Generate Again's pre-filled steps, the billable question, "model is not supported", an
// unknown outcome that is never re-sent, and Track Recent Tasks paging through the fake's filters.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { WizardStepSnapshot } from '../../src/ui/multiStepInput';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, newVideoId, pendingTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, recordMessages, setSetting, sleep, visibleRows, waitFor } from './helpers';

const IMAGES = ['https://example.com/first.png', 'https://example.com/last.png'];

/** The step on screen once it is the given one. */
function stepShown(api: VeoTasksApi, step: number): Promise<WizardStepSnapshot> {
	return waitFor(() => {
		const shown = api.wizardStep();
		return shown?.step === step ? shown : undefined;
	}, `wizard step ${step}`);
}

/** Accepts the step on screen, as Enter would, and waits for it to go. */
async function accept(api: VeoTasksApi): Promise<void> {
	const before = api.wizardStep();
	await sleep(150);
	await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
	await waitFor(() => api.wizardStep()?.step !== before?.step || api.wizardStep()?.title !== before?.title, 'the next step');
}

/** Accepts every step until the wizard closes; returns what each step showed. */
async function acceptAll(api: VeoTasksApi): Promise<WizardStepSnapshot[]> {
	const seen: WizardStepSnapshot[] = [];
	await waitFor(() => api.wizardStep(), 'the wizard');
	for (let guard = 0; guard < 12; guard++) {
		const shown = api.wizardStep();
		if (!shown) {
			return seen;
		}
		seen.push(shown);
		await accept(api);
	}
	throw new Error('the wizard did not close');
}

interface Question {
	message: string;
	detail: string;
	actions: string[];
}

/**
 * Answers the modal questions (showInformationMessage with `modal: true`) as a person would click,
 * without showing them (a modal left open would block the next test); other messages are recorded
 * and shown as usual.
 */
function answerQuestions(answer: (question: Question) => string | undefined): { questions: Question[]; dispose(): void } {
	const questions: Question[] = [];
	const window = vscode.window as unknown as { showInformationMessage: (...args: unknown[]) => Thenable<unknown> };
	const original = window.showInformationMessage;
	window.showInformationMessage = (message: unknown, ...rest: unknown[]) => {
		const options = rest[0] as { modal?: boolean; detail?: string } | undefined;
		if (typeof options === 'object' && options?.modal) {
			const question = {
				message: String(message),
				detail: options.detail ?? '',
				actions: rest.slice(1).filter((item): item is string => typeof item === 'string'),
			};
			questions.push(question);
			return Promise.resolve(answer(question));
		}
		return original.call(vscode.window, message, ...rest);
	};
	return { questions, dispose: () => (window.showInformationMessage = original) };
}

function bodyOf(server: FakeVeoServer, index = 0): Record<string, unknown> {
	return server.requestsFor('/veo/videos')[index]?.body as Record<string, unknown>;
}

describe('Generation as the API is today', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	describe('the wizard', () => {
		it('offers the current models, a Resolution step, and sends resolution and 1-2 images for image to video', async function () {
			this.timeout(30_000);
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
				action: 'image2video',
				model: 'veo3-fast',
				prompt: 'A lighthouse at dusk',
				imageUrls: IMAGES,
				aspectRatio: '16:9',
				resolution: '4k',
			});
			const steps = await acceptAll(api);
			const id = await running;
			assert.ok(id);
			const model = steps.find((step) => step.step === 2);
			assert.deepEqual(model?.items, ['veo31-fast', 'veo31', 'veo3-fast', 'veo3']);
			const images = steps.find((step) => step.step === 4);
			assert.match(String(images?.prompt), /1 or 2 URLs/);
			const resolution = steps.find((step) => step.prompt === 'Resolution');
			assert.deepEqual(resolution?.items, ['Default', '1080p', '4K', 'GIF']);
			assert.equal(resolution?.active, '4K');
			assert.deepEqual(steps.find((step) => step.prompt === 'Aspect ratio')?.items, ['16:9', '9:16']);
			assert.deepEqual(bodyOf(server), {
				action: 'image2video',
				model: 'veo3-fast',
				prompt: 'A lighthouse at dusk',
				aspect_ratio: '16:9',
				translation: false,
				image_urls: IMAGES,
				resolution: '4k',
				async: true,
			});
		});

		it('omits resolution for Default', async function () {
			this.timeout(30_000);
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, { action: 'text2video', prompt: 'Rain on a tin roof' });
			await acceptAll(api);
			assert.ok(await running);
			assert.equal('resolution' in bodyOf(server), false);
		});

		it('refuses a third image for image to video at the images step', async function () {
			this.timeout(30_000);
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
				action: 'image2video',
				prompt: 'Three frames',
				imageUrls: [...IMAGES, 'https://example.com/third.png'],
			});
			await accept(api);
			await accept(api);
			await accept(api);
			const images = await stepShown(api, 4);
			assert.equal(images.value.split(' ').length, 3);
			await sleep(150);
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			await sleep(500);
			assert.equal(api.wizardStep()?.step, 4, 'the step stays until the URLs are valid');
			await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
			assert.equal(await running, undefined);
			assert.equal(server.requestsFor('/veo/videos').length, 0);
		});

		it('ingredients to video shows its one model, forces it, and takes 3 images', async function () {
			this.timeout(30_000);
			const urls = [...IMAGES, 'https://example.com/style.png'];
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
				action: 'ingredients2video',
				model: 'veo3',
				prompt: 'A cat in a hat',
				imageUrls: urls,
			});
			const steps = await acceptAll(api);
			assert.ok(await running);
			const model = steps.find((step) => step.step === 2);
			assert.deepEqual(model?.items, ['veo31-fast-ingredients']);
			assert.match(String(model?.prompt), /always runs on veo31-fast-ingredients/);
			const body = bodyOf(server);
			assert.equal(body.model, 'veo31-fast-ingredients');
			assert.deepEqual(body.image_urls, urls);
		});

		it('a model the API does not support: says which, and Pick Another Model reopens the wizard at the model step', async function () {
			this.timeout(40_000);
			// The button is clicked a moment after the message appears, as a person would (the wizard
			// that just closed has gone by then).
			const errors: string[] = [];
			const window = vscode.window as unknown as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
			const original = window.showErrorMessage;
			window.showErrorMessage = (message: unknown, ...rest: unknown[]) => {
				errors.push(String(message));
				void original.call(vscode.window, message, ...rest);
				return rest.includes('Pick Another Model') ? sleep(500).then(() => 'Pick Another Model') : Promise.resolve(undefined);
			};
			const messages = { dispose: () => (window.showErrorMessage = original) };
			try {
				const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
					action: 'text2video',
					model: 'veo9-preview',
					prompt: 'A comet over the sea',
				});
				// Step by step until it is sent: the wizard reopens right after, and must not be accepted here.
				await waitFor(() => api.wizardStep(), 'the wizard');
				while (!server.requestsFor('/veo/videos').length) {
					await accept(api);
				}
				assert.equal(await running, undefined);
				assert.equal(bodyOf(server).model, 'veo9-preview');
				const error = await waitFor(() => errors[0], 'the error');
				assert.match(error, /does not support the model "veo9-preview"/);
				// The wizard again, at the model step, with what was chosen: the refused model is listed
				// as such and the API's default is highlighted instead.
				const model = await stepShown(api, 2);
				assert.equal(model.active, 'veo31-fast');
				assert.equal(model.items[0], 'veo9-preview');
				await acceptAll(api);
				await waitFor(() => server.requestsFor('/veo/videos').length === 2, 'the second request');
				assert.equal(bodyOf(server, 1).model, 'veo31-fast');
				assert.equal(bodyOf(server, 1).prompt, 'A comet over the sea');
				await waitFor(() => api.services.repository.list.size === 1, 'the new task tracked');
			} finally {
				messages.dispose();
			}
		});
	});

	describe('Generate Again…', () => {
		const oldId = newTaskId();
		beforeEach(async () => {
			server.setTask(
				succeededTask({
					id: oldId,
					prompt: 'Waves at dusk',
					videoUrl: server.sampleVideoUrl,
					request: {
						action: 'image2video',
						model: 'veo3-fast',
						prompt: 'Waves at dusk',
						image_urls: IMAGES,
						aspect_ratio: '9:16',
						resolution: '1080p',
						translation: true,
					},
				}),
			);
			await api.services.repository.add([oldId]);
			await api.services.refresher.refresh();
		});

		it('on an old task of a retired follow-up (Upscale to 4K), says the API no longer offers it and sends nothing', async () => {
			const retiredId = newTaskId();
			server.setTask(
				succeededTask({ id: retiredId, action: '4k', videoUrl: server.sampleVideoUrl, request: { action: '4k', video_id: 'v-old', prompt: undefined } }),
			);
			await api.services.repository.add([retiredId]);
			await api.services.refresher.refresh([retiredId]);
			server.clearRequests();
			const messages = recordMessages();
			try {
				assert.equal(await vscode.commands.executeCommand(Commands.generateAgain, retiredId), undefined);
				const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'warning'), 'the warning');
				assert.match(shown.message, /Upscale to 4K is no longer offered by the Veo API/);
				assert.equal(server.requests.length, 0, 'nothing sent');
			} finally {
				messages.dispose();
			}
		});

		it("opens the wizard pre-filled with the task's request; Back works and every step can change; the new task sits beside the old one", async function () {
			this.timeout(40_000);
			const [row] = await visibleRows(api);
			assert.ok(row.contextValue.split(' ').includes('hasRequest'));
			const running = vscode.commands.executeCommand<string | undefined>(Commands.generateAgain, oldId);
			const action = await stepShown(api, 1);
			assert.equal(action.title, 'Generate Again');
			assert.equal(action.active, 'Image to video');
			await accept(api);
			assert.equal((await stepShown(api, 2)).active, 'veo3-fast');
			await accept(api);
			assert.equal((await stepShown(api, 3)).value, 'Waves at dusk');
			await accept(api);
			assert.equal((await stepShown(api, 4)).value, IMAGES.join(' '));
			await accept(api);
			assert.equal((await stepShown(api, 5)).active, '9:16');
			await accept(api);
			assert.equal((await stepShown(api, 6)).active, '1080p');
			// Back, and forward again: the values are kept.
			await sleep(150);
			await vscode.commands.executeCommand('workbench.action.quickInputBack');
			assert.equal((await stepShown(api, 5)).active, '9:16');
			await accept(api);
			await stepShown(api, 6);
			// A different resolution this time.
			await sleep(150);
			await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
			await waitFor(() => api.wizardStep()?.active === '4K', '4K highlighted');
			await sleep(300);
			await accept(api);
			assert.equal((await stepShown(api, 7)).active, 'Translate the prompt to English');
			await accept(api);
			const newId = await running;
			assert.ok(newId && newId !== oldId);
			assert.deepEqual(bodyOf(server), {
				action: 'image2video',
				model: 'veo3-fast',
				prompt: 'Waves at dusk',
				aspect_ratio: '9:16',
				translation: true,
				image_urls: IMAGES,
				resolution: '4k',
				async: true,
			});
			assert.equal(api.tree.getParent(newId), undefined, 'not a child of the old task');
			const rows = await visibleRows(api);
			assert.deepEqual(new Set(rows.map((shown) => shown.id)), new Set([oldId, newId]));
		});
	});

	describe('billable starts', () => {
		it('ask once with what they will start; dismissing sends nothing; arguments from outside cannot skip it', async function () {
			this.timeout(40_000);
			await setSetting('confirmBillableActions', true);
			let answer: string | undefined;
			const asked = answerQuestions(() => answer);
			try {
				const first = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
					action: 'text2video',
					aspectRatio: '16:9',
					prompt: 'A glass city',
					model: 'veo31',
					confirmed: true,
					skipConfirmation: true,
				});
				await acceptAll(api);
				assert.equal(await first, undefined);
				assert.equal(asked.questions.length, 1);
				assert.match(asked.questions[0].message, /Generate this video/);
				assert.match(asked.questions[0].detail, /Text to video · veo31 · 16:9/);
				assert.match(asked.questions[0].detail, /A glass city/);
				assert.deepEqual(asked.questions[0].actions, ['Generate']);
				assert.equal(server.requestsFor('/veo/videos').length, 0, 'nothing sent');

				answer = 'Generate';
				const second = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, {
					action: 'text2video',
					prompt: 'A glass city',
					model: 'veo31',
				});
				await acceptAll(api);
				const parentId = await second;
				assert.ok(parentId);
				assert.equal(asked.questions.length, 2);
				assert.equal(server.requestsFor('/veo/videos').length, 1);

				// Get 1080p called with a task from outside: still asked.
				const videoId = newVideoId();
				const doneId = newTaskId();
				server.setTask(succeededTask({ id: doneId, prompt: 'Done', model: 'veo31', videoId, videoUrl: server.sampleVideoUrl }));
				await api.services.repository.add([doneId]);
				await api.services.refresher.refresh([doneId]);
				answer = undefined;
				assert.equal(await vscode.commands.executeCommand(Commands.get1080p, doneId, { confirmed: true }), undefined);
				assert.equal(asked.questions.length, 3);
				assert.match(asked.questions[2].detail, new RegExp(`Get 1080p · veo31 · video ${videoId}`));
				assert.equal(server.requestsFor('/veo/videos').length, 1, 'nothing more sent');

				// Turned off in the user's settings: no question.
				await setSetting('confirmBillableActions', false);
				assert.ok(await vscode.commands.executeCommand(Commands.get1080p, doneId));
				assert.equal(asked.questions.length, 3);
			} finally {
				asked.dispose();
			}
		});
	});

	describe('a start whose outcome is unknown', () => {
		it('after a dropped connection: sent once, never again by itself, and Track Recent Tasks is offered', async function () {
			this.timeout(30_000);
			server.enqueue({ reset: true }, (request) => request.path === '/veo/videos');
			const messages = recordMessages();
			try {
				const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, { action: 'text2video', prompt: 'Lost in transit' });
				await acceptAll(api);
				assert.equal(await running, undefined);
				const shown = await waitFor(() => messages.shown.find((message) => /outcome is unknown/.test(message.message)), 'the message');
				assert.deepEqual(shown.actions, ['Track Recent Tasks', 'Refresh', 'Show Log']);
				await sleep(1_000);
				assert.equal(server.requestsFor('/veo/videos').length, 1, 'not sent again');
				assert.equal(api.services.repository.list.size, 0);
			} finally {
				messages.dispose();
			}
		});

		it('a returned task ID that is not a task ID is not tracked', async function () {
			this.timeout(30_000);
			server.enqueue(
				{ status: 200, body: { success: true, task_id: '../../<b>not-an-id</b>', trace_id: 'trace' } },
				(request) => request.path === '/veo/videos',
			);
			const messages = recordMessages();
			try {
				const running = vscode.commands.executeCommand<string | undefined>(Commands.generateVideo, { action: 'text2video', prompt: 'Odd answer' });
				await acceptAll(api);
				assert.equal(await running, undefined);
				const shown = await waitFor(() => messages.shown.find((message) => /task ID that is not one/.test(message.message)), 'the message');
				assert.ok(shown.actions.includes('Track Recent Tasks'));
				assert.equal(api.services.repository.list.size, 0);
			} finally {
				messages.dispose();
			}
		});
	});

	describe('Track Recent Tasks…', () => {
		it('pages through 120 tasks of the last hour in exactly 3 requests, tracking each once', async function () {
			this.timeout(40_000);
			const nowS = Date.now() / 1000;
			const recent = Array.from({ length: 120 }, (_, index) => {
				const task =
					index % 3
						? succeededTask({ createdAt: nowS - 30 - index * 20, videoUrl: server.sampleVideoUrl })
						: pendingTask({ createdAt: nowS - 30 - index * 20 });
				server.setTask(task);
				return task.id;
			});
			const old = pendingTask({ createdAt: nowS - 3 * 3600 });
			server.setTask(old);
			// One of them is tracked already, not fetched yet: it is updated, not added twice.
			await api.services.repository.add([recent[5]]);
			server.clearRequests();
			const messages = recordMessages();
			// The records found go through the refresher like any fetch: its event fires (the status bar, the notifier and polling listen).
			const refreshed: string[][] = [];
			const listening = api.services.refresher.onDidRefresh((refresh) => refreshed.push(refresh.requested));
			try {
				const running = vscode.commands.executeCommand<{ added: string[]; updated: string[] } | undefined>(Commands.trackRecentTasks);
				await sleep(500);
				await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // "Last hour", the first
				const result = await running;
				assert.ok(result);
				const requests = server.requestsFor('/veo/tasks', 'retrieve_batch');
				assert.equal(requests.length, 3);
				assert.deepEqual(
					requests.map((request) => [(request.body as Record<string, unknown>).offset, (request.body as Record<string, unknown>).limit]),
					[
						[0, 50],
						[50, 50],
						[100, 50],
					],
				);
				assert.equal(result.added.length, 119);
				assert.deepEqual(result.updated, [recent[5]]);
				const list = api.services.repository.list;
				assert.equal(list.size, 120);
				assert.ok(!list.has(old.id));
				assert.equal(list.get(recent[5])?.summary.state, 'succeeded');
				assert.equal((await visibleRows(api)).length, 120);
				const shown = await waitFor(() => messages.shown.find((message) => /Found 120 Veo tasks/.test(message.message)), 'the summary');
				assert.match(shown.message, /119 newly tracked, 1 already tracked \(updated\)/);
				assert.deepEqual(
					refreshed.map((ids) => ids.length),
					[120],
					'one refresh event for the records found, and no second fetch',
				);
				assert.equal(server.requestsFor('/veo/tasks', 'retrieve_batch').length, 3);
			} finally {
				listening.dispose();
				messages.dispose();
			}
		});

		it('says so when there are more than 1,000', async function () {
			this.timeout(60_000);
			const nowS = Date.now() / 1000;
			for (let index = 0; index < 1005; index++) {
				server.setTask(pendingTask({ createdAt: nowS - 10 - index }));
			}
			const messages = recordMessages();
			try {
				const result = await vscode.commands.executeCommand<{ added: string[]; truncated: boolean }>(Commands.trackRecentTasks, { days: 1 });
				assert.equal(result.truncated, true);
				assert.equal(result.added.length, 1000);
				assert.equal(server.requestsFor('/veo/tasks', 'retrieve_batch').length, 20);
				const shown = await waitFor(() => messages.shown.find((message) => message.severity === 'warning'), 'the warning');
				assert.match(shown.message, /1,005 in all.*1,000 of them are tracked/);
			} finally {
				messages.dispose();
				await api.services.repository.remove(api.services.repository.list.ids());
			}
		});
	});
});
