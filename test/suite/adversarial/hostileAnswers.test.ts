// The hostile catalogue (test/fakeApi/hostileRecords.ts) served by the fake API to the real
// extension in VS Code: each answer goes through a real refresh, the tree and the task panel's real
// webview, which reports what it rendered (src/webview/taskPanelInspection.ts, "inspect").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { VeoTasksApi } from '../../../src/extension';
import type { PageInspection } from '../../../src/features/taskPanel/taskPanel';
import type { FakeVeoServer } from '../../fakeApi/fakeVeoServer';
import { countByKind, EVIL_HOSTS, hostileAnswer, HOSTILE_CASES, type HostileCase, type HostileContext, type LiteralFields } from '../../fakeApi/hostileRecords';
import { newTaskId, runningTask } from '../../fakeApi/records';
import { markdownProblems } from '../../unit/adversarial/hostileChecks';
import { freshEnvironment, recordMessages, setSetting, visibleRows, waitFor } from '../helpers';

/** Elements the page itself builds, and VS Code's own default styles (<style id="_defaultStyles">); anything else came from the server. */
const PAGE_TAGS = new Set([
	'html',
	'head',
	'meta',
	'link',
	'style',
	'title',
	'body',
	'main',
	'script',
	'header',
	'span',
	'h1',
	'h2',
	'p',
	'section',
	'video',
	'div',
	'button',
	'dl',
	'dt',
	'dd',
	'code',
	'pre',
	'a',
	'ul',
	'li',
]);

/** Where each derived field shows in the panel (see `field` in src/webview/taskPanel.ts). */
const PANEL_FIELD: Partial<Record<keyof LiteralFields, (report: PageInspection) => string | null | undefined>> = {
	prompt: (report) => report.fields.Prompt,
	model: (report) => report.fields.Model,
	action: (report) => report.fields.Action,
	failureReason: (report) => report.failure,
	traceId: (report) => report.fields['Trace ID'],
	videoUrl: (report) => report.fields['Video URL'],
	rawState: (report) => report.fields.State,
	completedAt: (report) => report.fields.Completed,
};

/** Invisible C0 controls (a bell) may be dropped on the way into the page (document.title drops them); everything else is kept. */
function visible(text: string | null | undefined): string | undefined {
	// eslint-disable-next-line no-control-regex
	return text?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** The regular expression VS Code uses to find links in a notification's message. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

describe(`Hostile answers in VS Code (${HOSTILE_CASES.length} cases: ${JSON.stringify(countByKind())})`, function () {
	this.timeout(60_000);
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	/** The page's own address, from the first panel: no later page may have navigated elsewhere. */
	let pagePath: string | undefined;

	before(async () => {
		({ api, server } = await freshEnvironment());
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});
	after(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await server.close();
	});

	for (const hostile of HOSTILE_CASES) {
		it(`${hostile.kind}: ${hostile.name}`, async () => {
			await runCase(hostile);
		});
	}

	async function runCase(hostile: HostileCase): Promise<void> {
		const { repository, refresher } = api.services;
		server.clearRequests();
		const context: HostileContext = { ids: [newTaskId(), newTaskId()], strangerId: newTaskId(), sampleVideoUrl: server.sampleVideoUrl };
		const [subjectId] = context.ids;
		await repository.add(context.ids);
		try {
			server.enqueue(hostileAnswer(hostile, context), (req) => req.path === '/veo/tasks');
			const started = Date.now();
			const result = await refresher.refresh(context.ids);
			const took = Date.now() - started;
			assert.ok(took < 5_000, `the refresh took ${took} ms`);
			const { expect } = hostile;
			if (expect.errorKinds) {
				assert.ok(result.error && expect.errorKinds.includes(result.error.kind), `a clear error: ${result.error?.kind} ${result.error?.message}`);
				assert.ok(!result.error.message.includes('<'), `the message quotes no markup: ${result.error.message}`);
				for (const id of context.ids) {
					assert.ok(repository.list.get(id)?.staleReason, 'the rows say the refresh failed');
				}
			} else {
				assert.equal(result.error, undefined, result.error?.message);
			}
			for (const id of context.ids) {
				assert.ok(repository.list.has(id), 'no tracked ID is lost');
			}
			assert.equal(repository.list.has(context.strangerId), false, 'no ID nobody asked for is tracked');
			assert.deepEqual(
				context.ids.map((id) => repository.list.get(id)?.summary.state),
				expect.states,
			);

			// The tree: every tooltip renders as text only.
			const rows = (await visibleRows(api)).filter((row) => context.ids.includes(row.id));
			assert.equal(rows.length, 2);
			for (const row of rows) {
				assert.deepEqual(markdownProblems(row.tooltip), [], row.tooltip.slice(0, 400));
				assert.ok(row.label.length <= 60);
			}

			if (!expect.errorKinds) {
				await checkPanel(hostile, subjectId);
			}
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await repository.remove(context.ids);
		}
	}

	async function checkPanel(hostile: HostileCase, id: string): Promise<void> {
		const panel = api.openPanel(id);
		assert.ok(panel, 'the panel opens');
		const model = panel.model();
		assert.ok(model);
		// That the page answers at all shows it did not hang on the record; how fast it answers
		// depends on the machine's load, so no time is asserted.
		const report = await panel.inspect(60_000);

		assert.equal(report.injected, false, 'no payload ran');
		assert.deepEqual(report.handlers, [], 'no element has an on* attribute');
		const foreign = Object.keys(report.tags).filter((tag) => !PAGE_TAGS.has(tag));
		assert.deepEqual(foreign, [], 'no element came from the server');
		// The page's script, the test run's inspection script, and the one VS Code adds to every
		// webview (inline, its own host code).
		const ours = report.scripts.filter((script) => /\/dist\/webview\/taskPanel(Inspection)?\.js:/.test(script));
		assert.equal(ours.length, 2, `the page script and the inspection script: ${JSON.stringify(report.scripts)}`);
		assert.ok(report.scripts.length <= 3, `scripts: ${JSON.stringify(report.scripts)}`);
		assert.ok(
			report.scripts.every((script) => !script.includes('__veoInjected')),
			`no script from the server: ${JSON.stringify(report.scripts)}`,
		);
		// Links are the page's stylesheet and its own in-page links (follow-ups), which post messages.
		assert.ok(
			report.links.every((link) => link === 'a #' || (link.startsWith('link ') && link.endsWith('/media/taskPanel.css'))),
			`links: ${report.links.join(' ')}`,
		);
		for (const source of report.sources) {
			const [tag, url] = source.split(' ', 2);
			assert.ok(tag === 'script' || tag === 'video', `a ${tag} with a src`);
			if (tag === 'video') {
				assert.equal(url, model.playableVideoUrl);
			}
		}
		assert.equal(
			report.sources.some((source) => source.startsWith('video ')),
			model.playableVideoUrl !== undefined,
		);
		assert.ok(!EVIL_HOSTS.some((host) => report.sources.some((source) => source.includes(host))), 'nothing loads from the hostile host');
		if (hostile.expect.playable !== undefined) {
			assert.equal(model.playableVideoUrl !== undefined, hostile.expect.playable);
		}
		if (hostile.expect.openable !== undefined) {
			assert.equal(model.canOpenExternal, hostile.expect.openable);
		}

		// No navigation: the page is still the webview's own document.
		assert.doesNotMatch(report.href, /^(javascript|data|vbscript|about):/i);
		const here = new URL(report.href);
		pagePath ??= `${here.protocol}//${here.host}${here.pathname}`;
		assert.equal(`${here.protocol}//${here.host}${here.pathname}`, pagePath, 'the page did not navigate');

		// The text from the server, shown literally.
		assert.equal(report.title, model.title);
		assert.equal(visible(report.documentTitle), visible(model.title));
		for (const [field, expected] of Object.entries(hostile.expect.literal ?? {}) as [keyof LiteralFields, unknown][]) {
			const shown = PANEL_FIELD[field]?.(report);
			if (shown === undefined || typeof expected !== 'string') {
				continue;
			}
			if (hostile.expect.large) {
				assert.ok(shown?.startsWith(expected.slice(0, 1000)), `${field} starts as sent`);
				assert.ok((shown?.length ?? 0) < 100_000, `${field} is cut for display (${shown?.length} characters)`);
			} else {
				assert.equal(visible(shown), visible(expected), `${field} is shown literally`);
			}
		}
		for (const text of hostile.expect.jsonContains ?? []) {
			assert.ok(report.json?.includes(text), `the JSON view shows ${text}`);
		}
		assert.ok(report.json !== null && report.json.length > 0, 'the JSON view shows something');
	}

	it('the cache file is still written when one record cannot be (nested 10,000 deep)', async () => {
		const deepCase = HOSTILE_CASES.find((hostile) => hostile.name.includes('10,000 deep'));
		assert.ok(deepCase);
		const { repository, refresher, context: extensionContext } = api.services;
		const context: HostileContext = { ids: [newTaskId(), newTaskId()], strangerId: newTaskId(), sampleVideoUrl: server.sampleVideoUrl };
		await repository.add(context.ids);
		try {
			server.enqueue(hostileAnswer(deepCase, context), (req) => req.path === '/veo/tasks');
			await refresher.refresh(context.ids);
			await repository.flush();
			const folder = extensionContext.storageUri ?? extensionContext.globalStorageUri;
			const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'task-cache.json')));
			const cache = JSON.parse(text) as { entries: Record<string, { record?: { id: string } }> };
			assert.equal(cache.entries[context.ids[1]]?.record?.id, context.ids[1], 'the bystander is cached');
			assert.equal(cache.entries[context.ids[0]], undefined, 'the deep record is left out');
		} finally {
			await repository.remove(context.ids);
		}
	});

	it('no link from the server becomes live in a notification (task failed, refresh failed)', async () => {
		const { repository, refresher } = api.services;
		await setSetting('notifyOn', 'all');
		const messages = recordMessages();
		const id = newTaskId();
		try {
			server.setTask(runningTask({ id, prompt: 'Fox [open me](command:workbench.action.terminal.new)' }));
			await repository.add([id]);
			await refresher.refresh([id]);
			server.advanceTask(id, 'failed', { errorMessage: 'Refused. [Fix it](command:workbench.action.openSettings) [see](https://evil.example/why)' });
			await refresher.refresh([id]);
			const failed = await waitFor(() => messages.shown.find((shown) => shown.message.includes('Veo task failed')), 'the failure notification');
			assert.doesNotMatch(failed.message, NOTIFICATION_LINK, failed.message);
			assert.ok(failed.message.replace(/\u200b/g, '').includes('[Fix it](command:workbench.action.openSettings)'), 'the text reads as the server wrote it');

			server.enqueue({
				status: 400,
				body: {
					success: false,
					error: { code: 'bad_request', message: 'Bad. [Click](command:workbench.action.terminal.new)' },
					trace_id: '[t](https://evil.example/t)',
				},
			});
			await vscode.commands.executeCommand(Commands.refresh);
			const refused = await waitFor(() => messages.shown.find((shown) => shown.message.startsWith('Refreshing Veo tasks failed')), 'the refresh error');
			assert.doesNotMatch(refused.message, NOTIFICATION_LINK, refused.message);
		} finally {
			messages.dispose();
			await repository.remove([id]);
			await vscode.commands.executeCommand('notifications.clearAll');
		}
	});

	it('the extension host is still responsive after the whole catalogue', async () => {
		const id = newTaskId();
		server.setTask(runningTask({ id }));
		await api.services.repository.add([id]);
		const started = Date.now();
		await vscode.commands.executeCommand(Commands.refresh);
		assert.equal(api.services.repository.list.get(id)?.summary.state, 'running');
		assert.ok(Date.now() - started < 3_000);
		await api.services.repository.remove([id]);
	});
});
