// The extension in VS Code's display language. This file runs in every run of the suite: in the
// English run it checks that nothing is translated by accident, and `npm run test:vscode` runs it
// once more with VS Code in Simplified Chinese (zh-cn) and once in the pseudo language (qps-ploc,
// bundles made by `node scripts/l10n.mjs pseudo`), where it reads the view's welcome, a tree row,
// notifications, the wizard's first step and the task panel for text that is not in that language.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { ERROR_TABLE } from '../fakeApi/errors';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { failedTask, newTaskId, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, recordMessages, visibleRows, waitFor } from './helpers';

const language = vscode.env.language;

/** Names that stay Latin in every language, and English words only Intl can be blamed for. */
const NAMES = ['AceData Cloud', 'VS Code', 'Veo', 'API', 'ID', 'URL', 'JSON', 'GIF', 'HTTP', 'AAC', 'https', 'http', '1080p', '4K', 'Veo Tasks'];
const INTL_ENGLISH = [
	'min',
	'hr',
	'sec',
	'ago',
	'yesterday',
	'now',
	'AM',
	'PM',
	'GMT',
	'UTC',
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec',
	'day',
	'days',
];
const PROMPT = '海边的灯塔，暴风雨之夜';

/** Checks that `text` is in the display language; `data` is what came from the server or the test. */
function assertInDisplayLanguage(what: string, text: string, data: string[] = []): void {
	assert.ok(text.trim(), `${what} shows text`);
	if (language === 'en') {
		assert.doesNotMatch(text.replace(PROMPT, ''), /\p{Script=Han}|[\u1e00-\u1eff]/u, `${what} is English: "${text}"`);
		return;
	}
	// Task and trace IDs are UUIDs: data, whose hex letters are no English words.
	let rest = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ' ');
	for (const known of [...data, PROMPT, ...NAMES, ...(language === 'qps-ploc' ? INTL_ENGLISH : [])].sort((a, b) => b.length - a.length)) {
		rest = rest.split(known).join(' ');
	}
	assert.deepEqual(rest.match(/[A-Za-z]{2,}/g) ?? [], [], `${what} has English words left: "${text}"`);
	if (language === 'zh-cn') {
		assert.match(text, /\p{Script=Han}/u, `${what} is in Chinese: "${text}"`);
	} else {
		assert.match(text, /[\u0100-\u024f\u1e00-\u1eff]/u, `${what} is pseudo-localised: "${text}"`);
	}
}

describe(`Localisation (display language ${language})`, () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it("reads the view's welcome and the command titles from the manifest in the display language", () => {
		const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
			contributes: { viewsWelcome: { contents: unknown }[]; commands: { command: string; title: unknown }[] };
		};
		// A localised manifest keeps each translated title beside its original: { value, original }.
		const textOf = (value: unknown): string => (typeof value === 'string' ? value : String((value as { value?: unknown }).value));
		for (const welcome of manifest.contributes.viewsWelcome) {
			assertInDisplayLanguage('the view welcome', textOf(welcome.contents), [
				'ACEDATACLOUD_API_TOKEN',
				'platform.acedata.cloud',
				'https',
				'command',
				'veoTasks',
				'setToken',
				'addTask',
				'generateVideo',
				'trackRecentTasks',
				'importTasks',
				'key',
				'add',
				'sparkle',
				'history',
			]);
		}
		const refresh = manifest.contributes.commands.find((command) => command.command === Commands.refresh);
		assertInDisplayLanguage('the Refresh command title', textOf(refresh?.title));
	});

	it('describes a tree row, and its tooltip, in the display language', async () => {
		const succeeded = newTaskId();
		const failed = newTaskId();
		server.setTask(succeededTask({ id: succeeded, prompt: PROMPT, model: 'veo3', videoUrl: server.sampleVideoUrl }));
		server.setTask(failedTask({ id: failed, prompt: PROMPT, model: 'veo3', errorMessage: '内容被拒绝' }));
		await api.services.repository.add([succeeded, failed]);
		await api.services.refresher.refresh();
		const rows = await waitFor(async () => {
			const found = await visibleRows(api);
			return found.length === 2 && found.every((row) => row.description) ? found : undefined;
		}, 'two rows with descriptions');
		for (const row of rows) {
			assertInDisplayLanguage(`the row description "${row.description}"`, row.description, ['veo3']);
		}
	});

	it('says in the display language that the token was rejected, with its button', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: PROMPT, videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		server.failAlways({ error: 'invalid_token' });
		const messages = recordMessages();
		try {
			await vscode.commands.executeCommand(Commands.refresh);
			const shown = await waitFor(() => messages.shown.find((message) => message.severity !== 'information'), 'a warning or an error');
			// The server's own words are quoted as they came: data, not a string of ours.
			assertInDisplayLanguage('the notification', shown.message, [ERROR_TABLE.invalid_token.message]);
			assert.ok(shown.actions.length > 0, 'it offers an action');
			for (const action of shown.actions) {
				assertInDisplayLanguage('a notification button', action);
			}
		} finally {
			messages.dispose();
			server.failAlways(undefined);
		}
	});

	it("asks the Generate Video wizard's first step in the display language", async () => {
		const started = vscode.commands.executeCommand(Commands.generateVideo);
		try {
			const step = await waitFor(() => api.wizardStep(), 'the wizard on screen');
			assertInDisplayLanguage('the wizard', [step.title, step.prompt, ...step.items].join('\n'));
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
			await started;
		}
	});

	it('opens the task panel with its labels and its page language in the display language', async () => {
		const id = newTaskId();
		server.setTask(succeededTask({ id, prompt: PROMPT, model: 'veo3', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		await vscode.commands.executeCommand(Commands.openTask, id);
		const panel = await waitFor(() => api.openPanel(id), 'the panel');
		assert.match(panel.panel.webview.html, new RegExp(`<html lang="${language}"`));
		const model = await waitFor(() => panel.model(), 'the panel model');
		const labels = (model as unknown as { labels?: Record<string, string> }).labels;
		assert.ok(labels && Object.keys(labels).length > 5, 'the model carries the labels the page shows');
		for (const [key, label] of Object.entries(labels)) {
			assertInDisplayLanguage(`the panel label ${key}`, label);
		}
	});
});
