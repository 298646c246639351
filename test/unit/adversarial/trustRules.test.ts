/**
 * The trust rules that live in the core, one block per finding of the second adversarial review:
 * where the token may go unasked, repository files' nesting, redaction of every server value,
 * loopback videos, inserted links, stored times, and what the Get 1080p question may show.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
	allowsLoopbackVideos,
	consentReasons,
	DEFAULT_API_BASE_URL,
	openableVideoUrl,
	playableVideoUrl,
	setLoopbackVideosAllowed,
	settingSource,
} from '../../../src/core/api/urlPolicy';
import { VeoClient } from '../../../src/core/api/veoClient';
import { redactParsed, redactText, REDACTED } from '../../../src/core/security/redaction';
import { JsonDepthScanner, jsonDepthWithin, MAX_JSON_DEPTH } from '../../../src/core/security/jsonDepth';
import { protectiveSettingValue } from '../../../src/core/security/userSettings';
import { readImportedTaskList } from '../../../src/core/tasks/taskExport';
import { mergeSharedTaskLists, readSharedTaskList, sharedTaskListText } from '../../../src/core/tasks/sharedTaskList';
import { readTaskList } from '../../../src/core/tasks/taskPersistence';
import { inertLinkTarget, offeredLinkStyle, videoLinkText } from '../../../src/core/view/videoLink';
import { escapeIconSyntax } from '../../../src/core/util/text';
import { isPlainServerId } from '../../../src/core/generation/followUps';
import { replaceFileIfUnchanged } from '../../../src/services/lockedFile';
import { newTaskId } from '../../fakeApi/records';

describe("Trust: the token goes unasked only to the provider or the user's own settings on this machine", function () {
	const evil = 'https://collector.example';

	it("another extension's configurationDefaults (a default that is not ours) is asked about", function () {
		const source = settingSource(evil, { defaultValue: evil });
		assert.equal(source, 'otherDefault');
		assert.deepEqual(consentReasons(evil, source, { defaultValue: evil }), ['workspaceChosen']);
		// Our own default stays unasked, whatever inspect() reports as the default.
		assert.equal(settingSource(DEFAULT_API_BASE_URL, { defaultValue: evil }), 'default');
		assert.deepEqual(consentReasons(DEFAULT_API_BASE_URL, 'default'), []);
	});

	it('a value no layer explains (a policy) is asked about', function () {
		assert.equal(settingSource(evil, {}), 'otherDefault');
		assert.deepEqual(consentReasons(evil, 'otherDefault'), ['workspaceChosen']);
	});

	it('the user layer of a remote window (dev container, Remote-SSH machine settings) is asked about', function () {
		const layers = { globalValue: evil };
		const context = { remoteName: 'dev-container' };
		const source = settingSource(evil, layers, context);
		assert.equal(source, 'remoteUser');
		assert.deepEqual(consentReasons(evil, source, layers, context), ['workspaceChosen']);
		// A workspace repeating that origin gains nothing from it in a remote window either.
		assert.deepEqual(consentReasons(evil, 'workspace', layers, context), ['workspaceChosen']);
		// In a local window the same value is the user's own choice, and in a workbench the machine
		// serves itself (code-server: the remote name is its host:port) too.
		assert.deepEqual(consentReasons(evil, settingSource(evil, layers), layers), []);
		assert.equal(settingSource(evil, layers, { remoteName: '127.0.0.1:8080' }), 'user');
		for (const remoteName of ['ssh-remote', 'wsl', 'codespaces', 'attached-container', 'tunnel']) {
			assert.equal(settingSource(evil, layers, { remoteName }), 'remoteUser', remoteName);
		}
	});

	it('a language-specific override is asked about', function () {
		const layers = { globalValue: evil, workspaceLanguageValue: evil };
		assert.equal(settingSource(evil, layers), 'languageOverride');
		assert.deepEqual(consentReasons(evil, 'languageOverride', {}), ['workspaceChosen']);
	});
});

describe('Trust: repository JSON nesting is capped before JSON.parse', function () {
	it('stops at the first piece that nests too deep, and never parses it', function () {
		const scanner = new JsonDepthScanner();
		assert.equal(scanner.feed('{"tasks":['), true);
		assert.equal(scanner.feed('['.repeat(MAX_JSON_DEPTH)), false);
		assert.ok(scanner.tooDeep);
		const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		assert.equal(jsonDepthWithin(nested), false);
		assert.deepEqual(readImportedTaskList(nested), { tasks: [], recognized: false });
	});

	it('brackets inside strings do not count, escaped quotes do not end them', function () {
		assert.equal(jsonDepthWithin(JSON.stringify({ prompt: `\\"${'['.repeat(500)}` })), true);
		const id = newTaskId();
		assert.deepEqual(readImportedTaskList(JSON.stringify({ format: 'veo-tasks', version: 1, tasks: [{ id, prompt: '[[[[' }] })).tasks, [{ id }]);
	});
});

describe('Trust: the token is taken out of every server value', function () {
	const token = 'sk-Live-0a1b2c3d4e5f6a7b8c9d';

	it('in any case and across line breaks or header folding', function () {
		assert.equal(redactText(`Bearer ${token.toUpperCase()}`, [token]), `Bearer ${REDACTED}`);
		assert.equal(redactText(`x ${token.slice(0, 10)}\r\n ${token.slice(10)} y`, [token]), `x ${REDACTED} y`);
		assert.equal(redactText('nothing here', [token]), 'nothing here');
	});

	it('in every string and key of a record, however deep, "__proto__" included', function () {
		const record = JSON.parse(
			JSON.stringify({ id: 'a', prompt: `p ${token}`, nested: [{ x: token.toLowerCase() }], [`Authorization: Bearer ${token}`]: 1 }).replace(
				'"id"',
				`"__proto__":"${token}","id"`,
			),
		) as Record<string, unknown>;
		let deep: unknown = token;
		for (let i = 0; i < 10_000; i++) {
			deep = [deep];
		}
		record.deep = deep;
		const redacted = redactParsed(record, [token]);
		let innermost: unknown = redacted.deep;
		while (Array.isArray(innermost)) {
			innermost = innermost[0];
		}
		assert.equal(innermost, REDACTED, '10,000 levels down too');
		delete redacted.deep;
		const text = JSON.stringify(redacted);
		assert.ok(!text.toLowerCase().includes(token.toLowerCase()), 'no token left');
		assert.ok(text.includes(REDACTED));
		assert.equal(Object.getPrototypeOf(redacted), Object.prototype, 'the prototype is not touched');
	});

	it('a 2xx answer echoing the Authorization header in every field reaches the caller without it', async function () {
		const server = http.createServer((request, response) => {
			const auth = request.headers.authorization ?? '';
			const folded = `${auth.slice(0, 12)}\r\n ${auth.slice(12).toUpperCase()}`;
			request.resume();
			response.setHeader('content-type', 'application/json');
			response.end(
				JSON.stringify({
					items: [{ id: newTaskId(), prompt: auth, state: folded, video_url: `https://cdn.example/${auth}`, trace_id: auth, error: { message: folded } }],
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const client = new VeoClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, getToken: () => token, timeoutMs: 5_000 });
			const records = await client.retrieveBatch([newTaskId()]);
			const text = JSON.stringify(records).toLowerCase().replace(/\s+/g, '');
			assert.ok(!text.includes(token.toLowerCase()), `token left in ${text}`);
			assert.ok(JSON.stringify(records).includes(REDACTED));
		} finally {
			server.close();
		}
	});
});

describe('Trust: loopback video URLs only while the API is on this machine', function () {
	afterEach(function () {
		setLoopbackVideosAllowed(false);
	});

	it('an https API: a loopback video URL is neither played, downloaded nor opened', function () {
		setLoopbackVideosAllowed(allowsLoopbackVideos('https://api.acedata.cloud'));
		for (const url of ['http://127.0.0.1:8080/admin', 'http://localhost/v.mp4', 'https://127.0.0.1/v.mp4', 'http://[::1]/v.mp4']) {
			assert.equal(playableVideoUrl(url), undefined, url);
			assert.equal(openableVideoUrl(url), undefined, url);
		}
		assert.ok(playableVideoUrl('https://cdn.example/v.mp4'));
	});

	it("a loopback API (the tests' fake API, a local gateway): loopback videos play", function () {
		setLoopbackVideosAllowed(allowsLoopbackVideos('http://127.0.0.1:8123'));
		assert.ok(playableVideoUrl('http://127.0.0.1:8123/files/sample.mp4'));
		assert.equal(allowsLoopbackVideos('https://127.0.0.1.evil.example'), false);
	});
});

describe('Trust: inserted links are inert in every style, and options from outside select nothing else', function () {
	const hostile = 'https://cdn.example/v.mp4)[x](command:workbench.action.terminal.new)';

	it('URL only (the default for prompt files and drops): no Markdown link can form', function () {
		const text = videoLinkText('url', hostile, 'p', newTaskId());
		assert.ok(!/[()[\]<>\s"'`{}$\\]/.test(text), text);
		assert.equal(decodeURIComponent(text), hostile, 'the same address, encoded');
	});

	it('Markdown and HTML too, and template syntax of Svelte, Astro or JSX', function () {
		assert.ok(!videoLinkText('markdown', hostile, 'p', newTaskId()).includes('](command:'));
		const html = videoLinkText('html', 'https://e.example/{alert(1)}"x', 'p', newTaskId());
		assert.ok(!/[{}"](?!\s*controls)/.test(html.replace('<video src="', '').replace('" controls></video>', '')), html);
		assert.equal(inertLinkTarget('./videos/a b (1).mp4'), './videos/a%20b%20%281%29.mp4');
		assert.equal(inertLinkTarget('./videos/视频.mp4'), './videos/视频.mp4');
	});

	it('a style from the arguments counts only when the document is offered it; null is ignored', function () {
		assert.equal(offeredLinkStyle(null, 'markdown'), undefined);
		assert.equal(offeredLinkStyle({}, 'markdown'), undefined);
		assert.equal(offeredLinkStyle('url', 'markdown'), undefined);
		assert.equal(offeredLinkStyle('html', 'markdown'), 'html');
	});
});

describe('Trust: stored times from files are clamped to the present, and writes are compare-and-swap', function () {
	const now = Date.UTC(2026, 5, 1);
	const nowSeconds = now / 1000;

	it('a removal far in the future does not keep an ID from being tracked again', function () {
		const id = newTaskId();
		const { list: stored } = readSharedTaskList({ version: 2, tasks: [], removed: [[id, 32_503_680_000]] }, now);
		assert.ok((stored.removed.get(id) ?? 0) <= nowSeconds + 5);
		const tracked = mergeSharedTaskLists({ tasks: [{ id, added: nowSeconds + 10 }], removed: new Map() }, stored);
		assert.deepEqual(
			tracked.tasks.map((task) => task.id),
			[id],
		);
	});

	it('a time added far in the future does not keep a task from being removed', function () {
		const id = newTaskId();
		const { tasks } = readTaskList({ version: 2, tasks: [[id, 32_503_680_000]] }, now);
		assert.ok(tasks[0].added <= nowSeconds + 10);
		const removed = mergeSharedTaskLists({ tasks, removed: new Map() }, { tasks: [], removed: new Map([[id, nowSeconds + 60]]) });
		assert.deepEqual(removed.tasks, []);
	});

	it('the write is refused when another window wrote since the read', async function () {
		const folder = mkdtempSync(path.join(tmpdir(), 'veo-cas-'));
		try {
			const file = path.join(folder, 'task-list.json');
			const mine = sharedTaskListText({ tasks: [{ id: newTaskId(), added: 1 }], removed: new Map() });
			writeFileSync(file, 'the other window');
			assert.equal(await replaceFileIfUnchanged(file, mine, (current) => current === undefined), false);
			assert.equal(readFileSync(file, 'utf8'), 'the other window');
			assert.equal(await replaceFileIfUnchanged(file, mine, (current) => current === 'the other window'), true);
			assert.equal(readFileSync(file, 'utf8'), mine);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});

describe('Trust: confirmations, quick picks and protective settings', function () {
	it('the Get 1080p question shows only plain model names and video IDs', function () {
		assert.ok(isPlainServerId('veo31-fast'));
		assert.ok(isPlainServerId('v_0a1b2c3d.4:5'));
		for (const bad of ['veo31\n\nThis one is free', 'veo31 (free)', '[x](command:y)', '', 'a'.repeat(129), undefined]) {
			assert.equal(isPlainServerId(bad), false, String(bad));
		}
	});

	it('quick-pick text cannot render $(icon) from a prompt', function () {
		assert.equal(escapeIconSyntax('$(alert) Pay now $(credit-card)'), '\\$(alert) Pay now \\$(credit-card)');
	});

	it('caps and questions that protect the user come from the user layer only, never less protective in a remote window', function () {
		const rule = { manifestDefault: 2048, read: (value: unknown) => (typeof value === 'number' ? value : undefined), safer: Math.min };
		assert.equal(protectiveSettingValue({ globalValue: 100 }, rule), 100);
		assert.equal(protectiveSettingValue({ globalValue: 65536 }, rule, { remoteName: 'ssh-remote' }), 2048);
		assert.equal(protectiveSettingValue(undefined, rule), 2048);
		const confirm = {
			manifestDefault: true,
			read: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
			safer: (a: boolean, b: boolean) => a || b,
		};
		assert.equal(protectiveSettingValue({ globalValue: false }, confirm), false);
		assert.equal(protectiveSettingValue({ globalValue: false }, confirm, { remoteName: 'dev-container' }), true);
		// A workspace value is not even an input: only globalValue is read.
		assert.equal(protectiveSettingValue({ workspaceValue: false } as { globalValue?: unknown }, confirm), true);
	});
});
