import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { parsePromptFile } from '../../src/core/promptFiles/promptFile';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { useFreshEnvironment, recordMessages, setSetting, visibleRows, waitFor } from './helpers';

const FOLDER = 'veo-prompt-files-test';

/** A prompt file in the test workspace, written to disk as a user (or a checkout) would. */
async function writePromptFile(name: string, text: string): Promise<vscode.Uri> {
	const root = vscode.workspace.workspaceFolders?.[0].uri;
	assert.ok(root, 'the tests run with a workspace folder');
	const uri = vscode.Uri.joinPath(root, FOLDER, name);
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
	return uri;
}

async function lenses(uri: vscode.Uri): Promise<vscode.Command[]> {
	const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
	return found.map((lens) => lens.command).filter((command): command is vscode.Command => command !== undefined);
}

/** Runs a lens as a click on it does: its command with its arguments. */
function click(lens: vscode.Command): Thenable<unknown> {
	return vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
}

const FOX = [
	'---',
	'action: image2video',
	'model: veo3',
	'aspect_ratio: "9:16"',
	'resolution: 1080p',
	'translation: false',
	'image_urls:',
	'  - https://images.invalid/first-frame.png',
	'  - http://plain.invalid/last-frame.png',
	'---',
	'',
	'A red fox crosses fresh snow at dawn.',
	'',
	'The camera follows it, low and slow.',
	'',
].join('\n');

describe('Prompt files', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));
	afterEach(async () => {
		await vscode.commands.executeCommand(Commands.groupBy, 'none');
		const root = vscode.workspace.workspaceFolders?.[0].uri;
		if (root) {
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
		}
	});

	it('shows Generate Video at the top; its lens asks, posts one /veo/videos with the options and the text, and the take is grouped under its file', async function () {
		// The first prompt file opened starts VS Code's Markdown support, which takes a while on a busy machine.
		this.timeout(90_000);
		const uri = await writePromptFile('fox.veo.md', FOX);
		await vscode.window.showTextDocument(uri);
		const before = await waitFor(async () => ((await lenses(uri)).length ? lenses(uri) : undefined), 'the lenses');
		assert.deepEqual(
			before.map((lens) => lens.title),
			['$(play) Generate Video'],
		);

		// The billable question, as everywhere: answered Generate.
		await setSetting('confirmBillableActions', true);
		const messages = recordMessages((shown) => (shown.modal ? 'Generate' : undefined));
		let id: unknown;
		try {
			id = await click(before[0]);
		} finally {
			messages.dispose();
		}
		assert.equal(typeof id, 'string', 'a task was started');
		const question = messages.shown.find((shown) => shown.modal);
		assert.ok(question, 'the billable question was asked');
		assert.match(question.message, /fox\.veo\.md/);

		const requests = server.requestsFor('/veo/videos');
		assert.equal(requests.length, 1, 'one request');
		assert.deepEqual(requests[0].body, {
			action: 'image2video',
			model: 'veo3',
			prompt: 'A red fox crosses fresh snow at dawn.\n\nThe camera follows it, low and slow.',
			aspect_ratio: '9:16',
			resolution: '1080p',
			translation: false,
			image_urls: ['https://images.invalid/first-frame.png', 'http://plain.invalid/last-frame.png'],
			async: true,
		});
		const task = api.services.repository.list.get(id as string);
		assert.equal(task?.promptFile?.path, `${FOLDER}/fox.veo.md`);

		await vscode.commands.executeCommand(Commands.groupBy, 'prompt');
		const groups = await visibleRows(api);
		const group = groups.find((row) => row.label === `${FOLDER}/fox.veo.md`);
		assert.ok(group, `a group for the file (groups: ${groups.map((row) => row.label).join(', ')})`);
		assert.deepEqual(
			(await visibleRows(api, group.id)).map((row) => row.id),
			[id],
		);
		assert.match((await visibleRows(api, group.id))[0].contextValue, /\bfromPromptFile\b/);

		// The takes lens counts it, and reveals the takes.
		await vscode.commands.executeCommand(Commands.groupBy, 'none');
		const after = await waitFor(async () => ((await lenses(uri)).length === 2 ? lenses(uri) : undefined), 'the takes lens');
		assert.equal(after[1].title, '1 take (0 succeeded, 1 running, 0 failed)');
		assert.deepEqual(await click(after[1]), [id]);
		assert.equal(api.services.preferences.groupBy, 'prompt', 'the view lists the takes under the file');
	});

	it('reports a bad value as a diagnostic at the value, and Generate Video sends nothing but shows the problem', async function () {
		this.timeout(20_000);
		const uri = await writePromptFile('bad.veo.md', '---\nmodel: veo2\naspect_ratio: "4:3"\nseed: 7\n---\nA fox\n');
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document);
		const diagnostics = await waitFor(
			() => (vscode.languages.getDiagnostics(uri).length === 3 ? vscode.languages.getDiagnostics(uri) : undefined),
			'three diagnostics',
		);
		assert.deepEqual(
			diagnostics.map((diagnostic) => [document.getText(diagnostic.range), diagnostic.severity]),
			[
				['veo2', vscode.DiagnosticSeverity.Error],
				['"4:3"', vscode.DiagnosticSeverity.Error],
				['seed', vscode.DiagnosticSeverity.Error],
			],
		);
		const messages = recordMessages();
		try {
			const started = await vscode.commands.executeCommand(Commands.generateFromPromptFile, uri);
			assert.equal(started, undefined);
		} finally {
			messages.dispose();
		}
		assert.equal(server.requestsFor('/veo/videos').length, 0, 'nothing sent');
		assert.deepEqual(
			messages.shown.map((shown) => shown.severity),
			['error'],
		);
		assert.match(messages.shown[0].message, /3 problems, so nothing was sent/);
		assert.equal(api.services.repository.list.size, 0);

		// Fixed in the editor (not saved yet), the diagnostics go.
		const edit = new vscode.WorkspaceEdit();
		edit.replace(uri, new vscode.Range(1, 0, 3, 7), 'model: veo3\naspect_ratio: "16:9"');
		await vscode.workspace.applyEdit(edit);
		await waitFor(() => vscode.languages.getDiagnostics(uri).length === 0, 'no diagnostics left');
	});

	it('completes option names in the front matter and their values', async function () {
		this.timeout(20_000);
		const uri = await writePromptFile('complete.veo.md', '---\naction: ingredients2video\n\nmodel: \n---\nA fox\n');
		await vscode.window.showTextDocument(uri);
		const labels = async (position: vscode.Position): Promise<string[]> => {
			const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
			return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
		};
		const keys = await waitFor(
			async () => ((await labels(new vscode.Position(2, 0))).includes('aspect_ratio') ? labels(new vscode.Position(2, 0)) : undefined),
			'option names',
		);
		assert.ok(keys.includes('image_urls'));
		assert.ok(!keys.includes('action'), 'an option set already is not offered again');
		const models = await labels(new vscode.Position(3, 7));
		assert.ok(models.includes('veo31-fast-ingredients'), `the ingredients model (offered: ${models.join(', ')})`);
		assert.ok(!models.includes('veo3'), 'ingredients run on their model only');
	});

	it('the panel links back to the file, says when it changed, and shows what was asked (https images only, as thumbnails)', async function () {
		this.timeout(40_000);
		const uri = await writePromptFile('panel.veo.md', FOX);
		const id = await vscode.commands.executeCommand<string>(Commands.generateFromPromptFile, uri);
		assert.ok(id);
		await api.services.refresher.refresh();
		const panel = api.openPanel(id);
		assert.ok(panel);
		const model = await waitFor(() => (panel.model()?.promptFile?.state === 'unchanged' ? panel.model() : undefined), 'the file read as unchanged');
		assert.equal(model.promptFile?.path, `${FOLDER}/panel.veo.md`);
		assert.deepEqual(model.referenceImages, ['https://images.invalid/first-frame.png']);
		assert.deepEqual(model.referenceImageTexts, ['http://plain.invalid/last-frame.png']);
		assert.match(panel.panel.webview.html, /img-src https:\/\/images\.invalid;/);

		const labels = model.labels;
		const report = await waitFor(async () => {
			const shown = await panel.inspect();
			return shown.fields[labels.aspectRatio] ? shown : undefined;
		}, 'the page to show the request');
		assert.equal(report.fields[labels.aspectRatio], '9:16');
		assert.equal(report.fields[labels.resolution], '1080p');
		assert.equal(report.fields[labels.translation], 'No');
		assert.deepEqual(
			report.sources.filter((source) => source.startsWith('img ')),
			['img https://images.invalid/first-frame.png'],
			'only the https image is loaded',
		);
		assert.equal(report.tags.img, 1);
		assert.deepEqual(report.handlers, [], 'no inline handlers');

		// The file changes on disk: the panel says so.
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(FOX.replace('red fox', 'grey wolf')));
		await waitFor(() => panel.model()?.promptFile?.state === 'changed', 'the file read as changed', 15_000);

		// The link opens the file.
		await vscode.commands.executeCommand(Commands.openPromptFile, id);
		await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 'the prompt file open');
	});

	it("Save as Prompt File writes a task's request into a new file that generates the same request; New Prompt File starts from the last options", async function () {
		this.timeout(30_000);
		const uri = await writePromptFile('source.veo.md', FOX);
		const id = await vscode.commands.executeCommand<string>(Commands.generateFromPromptFile, uri);
		assert.ok(id);
		await api.services.refresher.refresh();
		const saved = await vscode.commands.executeCommand<vscode.Uri>(Commands.saveAsPromptFile, id);
		assert.ok(saved);
		assert.equal(saved.scheme, 'untitled');
		assert.match(saved.path, /\.veo\.md$/);
		const text = vscode.window.activeTextEditor?.document.getText() ?? '';
		const parsed = parsePromptFile(text);
		assert.deepEqual(parsed.problems, []);
		assert.deepEqual(parsed.options, {
			action: 'image2video',
			model: 'veo3',
			aspect_ratio: '9:16',
			resolution: '1080p',
			translation: false,
			image_urls: ['https://images.invalid/first-frame.png', 'http://plain.invalid/last-frame.png'],
		});
		assert.equal(parsed.prompt, 'A red fox crosses fresh snow at dawn.\n\nThe camera follows it, low and slow.');

		const fresh = await vscode.commands.executeCommand<vscode.Uri>(Commands.newPromptFile);
		const created = parsePromptFile(vscode.window.activeTextEditor?.document.getText() ?? '');
		assert.match(fresh.path, /\.veo\.md$/);
		assert.deepEqual(created.problems, []);
		assert.equal(created.options.action, 'image2video', 'the last options used');
		assert.equal(created.options.model, 'veo3');
		assert.equal(created.options.aspect_ratio, '9:16');
	});

	it('Generate Again on a take from a file offers to run the file as it is now', async function () {
		this.timeout(30_000);
		const uri = await writePromptFile('again.veo.md', FOX);
		const first = await vscode.commands.executeCommand<string>(Commands.generateFromPromptFile, uri);
		assert.ok(first);
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(FOX.replace('red fox', 'grey wolf')));
		const again = vscode.commands.executeCommand<string | undefined>(Commands.generateAgain, first);
		// The first choice of the pick: the file as it is now.
		await waitFor(async () => {
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			return server.requestsFor('/veo/videos').length === 2;
		}, 'the second request');
		const second = await again;
		assert.ok(second && second !== first);
		assert.match(String((server.requestsFor('/veo/videos')[1].body as { prompt?: unknown }).prompt), /^A grey wolf/);
		assert.equal(api.services.repository.list.get(second)?.promptFile?.path, `${FOLDER}/again.veo.md`);
	});
});
