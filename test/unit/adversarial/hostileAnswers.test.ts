/**
 * The hostile catalogue (test/fakeApi/hostileRecords.ts), fast, in plain Node: each answer is served
 * over real HTTP by the fake API and goes through everything the extension does with it, in the
 * core: VeoClient, fetchTasks, the TaskList (summarizeRecord), the tree row and its Markdown tooltip,
 * the panel model and page, the cache file and the export. The same catalogue drives the real
 * extension in VS Code in test/suite/adversarial/hostileAnswers.test.ts.
 */
import * as assert from 'node:assert/strict';
import { setLoopbackVideosAllowed } from '../../../src/core/api/urlPolicy';
import { VeoClient } from '../../../src/core/api/veoClient';
import { fetchTasks } from '../../../src/core/tasks/taskFetcher';
import { TaskList } from '../../../src/core/tasks/taskList';
import { cacheFileText, readCache, serializeCache } from '../../../src/core/tasks/taskPersistence';
import { exportTaskList } from '../../../src/core/tasks/taskExport';
import { buildTaskRow } from '../../../src/core/view/taskRow';
import { buildTaskPanelModel } from '../../../src/core/view/taskPanelModel';
import { renderTaskPanelHtml } from '../../../src/core/view/taskPanelHtml';
import { startFakeVeoServer, type FakeVeoServer } from '../../fakeApi/fakeVeoServer';
import { countByKind, hostileAnswer, HOSTILE_CASES, type HostileCase, type HostileContext, type LiteralFields } from '../../fakeApi/hostileRecords';
import { newTaskId } from '../../fakeApi/records';
import { markdownProblems, panelHtmlProblems } from './hostileChecks';

const TOKEN = 'sk-hostile-unit-0c1d2e3f4a5b6c7d8e9f';
const NOW = Date.UTC(2025, 6, 25, 12);
const RESOURCES = {
	cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
	scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview/taskPanel.js',
	styleUri: 'https://file+.vscode-resource.vscode-cdn.net/media/taskPanel.css',
	nonce: 'bm9uY2Vmb3J0ZXN0cw==',
};

describe('Hostile answers through the core (catalogue of test/fakeApi/hostileRecords.ts)', function () {
	// The fake API runs on this machine: loopback video URLs are allowed as the API session allows them then.
	before(function () {
		setLoopbackVideosAllowed(true);
	});
	after(function () {
		setLoopbackVideosAllowed(false);
	});

	let server: FakeVeoServer;

	before(async function () {
		server = await startFakeVeoServer({ token: TOKEN });
	});
	after(async function () {
		await server.close();
	});

	it(`has at least 40 cases (${JSON.stringify(countByKind())})`, function () {
		assert.ok(HOSTILE_CASES.length >= 40, `${HOSTILE_CASES.length} cases`);
		assert.equal(new Set(HOSTILE_CASES.map((hostile) => hostile.name)).size, HOSTILE_CASES.length, 'case names are unique');
	});

	for (const hostile of HOSTILE_CASES) {
		it(`${hostile.kind}: ${hostile.name}`, async function () {
			await runCase(hostile);
		});
	}

	async function runCase(hostile: HostileCase): Promise<void> {
		server.reset();
		const context: HostileContext = { ids: [newTaskId(), newTaskId()], strangerId: newTaskId(), sampleVideoUrl: server.sampleVideoUrl };
		server.enqueue(hostileAnswer(hostile, context));
		const client = new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: 5_000 });
		const started = Date.now();
		const outcome = await fetchTasks(client, context.ids);
		assert.ok(Date.now() - started < 3_000, `the answer took ${Date.now() - started} ms to read`);

		const { expect } = hostile;
		if (expect.errorKinds) {
			assert.equal(outcome.failed.length, 1, 'the batch fails as a whole');
			const [failure] = outcome.failed;
			assert.ok(expect.errorKinds.includes(failure.error.kind), `error kind ${failure.error.kind}: ${failure.error.message}`);
			assert.ok(failure.error.message.length > 10 && failure.error.message.length < 400, `a readable message: ${failure.error.message}`);
			assert.ok(!failure.error.message.includes('<'), `the message quotes no markup: ${failure.error.message}`);
		} else {
			assert.deepEqual(
				outcome.failed.map((failure) => failure.error.message),
				[],
			);
		}

		const list = new TaskList();
		list.add(context.ids, NOW - 60_000);
		list.applyFetch(outcome, NOW);
		assert.deepEqual(list.ids().sort(), [...context.ids].sort(), 'exactly the tracked IDs, none lost, none added');
		assert.equal(list.has(context.strangerId), false);
		assert.deepEqual(
			context.ids.map((id) => list.get(id)?.summary.state),
			expect.states,
		);
		const subject = list.get(context.ids[0]);
		assert.ok(subject);
		for (const [field, value] of Object.entries(expect.literal ?? {}) as [keyof LiteralFields, unknown][]) {
			assert.equal(subject.summary[field], value, `${field} is kept character for character`);
		}
		assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');

		for (const task of list.all()) {
			const row = buildTaskRow(task, NOW);
			assert.deepEqual(markdownProblems(row.tooltip), [], `tooltip of ${task.id}: ${row.tooltip.slice(0, 500)}`);
			assert.ok(row.label.length <= 60 && row.description.length <= 200, 'the row stays short');
			// eslint-disable-next-line no-control-regex
			assert.ok(!/[\r\n\u0000]/.test(row.label), 'the label is one line');

			const model = buildTaskPanelModel(task, list.record(task.id));
			const html = renderTaskPanelHtml(model, RESOURCES);
			assert.deepEqual(panelHtmlProblems(html, model), []);
			assert.ok(html.length < 3_000_000, `the page is ${html.length} characters`);
		}

		const model = buildTaskPanelModel(subject, list.record(subject.id));
		if (expect.playable !== undefined) {
			assert.equal(model.playableVideoUrl !== undefined, expect.playable, `playable: ${model.playableVideoUrl}`);
		}
		if (expect.openable !== undefined) {
			assert.equal(model.canOpenExternal, expect.openable);
		}
		if (model.playableVideoUrl) {
			const url = new URL(model.playableVideoUrl);
			assert.ok(url.protocol === 'https:' || url.hostname === '127.0.0.1', `only https or loopback plays: ${url.href}`);
			assert.ok(!/["<>\s]/.test(model.playableVideoUrl), 'the URL the player gets has no double quote, angle bracket or space');
		}
		for (const text of expect.jsonContains ?? []) {
			assert.ok(model.json.includes(text), `the JSON view shows ${text}`);
		}

		// The cache file is written whatever the records are, and reads back.
		const { text, skipped } = cacheFileText(serializeCache(list.all(), (id) => list.record(id)));
		const cache = readCache(JSON.parse(text));
		for (const id of context.ids) {
			if (list.record(id) && !skipped.includes(id)) {
				assert.ok(cache.get(id)?.record, `the cache keeps the record of ${id}`);
			}
		}
		if (expect.states[1] === 'running') {
			assert.ok(cache.get(context.ids[1])?.record, 'the bystander is cached even when the subject cannot be');
		}
		// So is the export.
		const exported = JSON.parse(JSON.stringify(exportTaskList(list.all(), NOW))) as { tasks: { id: string }[] };
		assert.deepEqual(exported.tasks.map((task) => task.id).sort(), [...context.ids].sort());
	}
});
