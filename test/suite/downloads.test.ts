// Downloads against a hostile video host: redirects, web pages instead of
// videos, compressed answers, a size cap, symlinks at the partial file and at videos/, and two
// downloads of one task at once. Each drives the real Download Video command and reads what a
// person would see: the files on disk and the notifications.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, recordDialogs, recordMessages, setSetting, waitFor } from './helpers';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'sample.mp4');
const isVideoFile = (request: { path: string }): boolean => request.path.startsWith('/files/');

describe('Downloads from a hostile video host', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;
	let folder: string;
	let messages: ReturnType<typeof recordMessages>;
	const id = newTaskId();

	useFreshEnvironment((environment) => ({ api, server } = environment));
	beforeEach(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-hostile-download-'));
		server.setTask(succeededTask({ id, prompt: '雪地里的红狐狸 at dusk', videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([id]);
		await api.services.refresher.refresh();
		messages = recordMessages();
	});
	afterEach(async () => {
		messages.dispose();
		fs.rmSync(folder, { recursive: true, force: true });
	});

	/** Download Video with its save dialog answered by `target` (a command's arguments cannot choose the file). */
	const download = async (target: string, options: Record<string, unknown> = {}): Promise<string | undefined> => {
		const dialogs = recordDialogs({ save: () => vscode.Uri.file(target) });
		try {
			return await vscode.commands.executeCommand<string | undefined>(Commands.downloadVideo, id, { ask: true, ...options });
		} finally {
			dialogs.dispose();
		}
	};
	const errors = (): string[] => messages.shown.filter((shown) => shown.severity === 'error').map((shown) => shown.message);

	it('follows a redirect on this machine, checking the hop, and saves the video', async () => {
		server.enqueue({ status: 302, headers: { location: server.sampleVideoUrl } }, isVideoFile);
		const target = path.join(folder, 'redirected.mp4');
		assert.equal(await download(target), target);
		assert.deepEqual(fs.readFileSync(target), fs.readFileSync(FIXTURE));
		assert.equal(server.requests.filter(isVideoFile).length, 2, 'the redirect and its target');
	});

	for (const location of ['http://example.com/video.mp4', 'file:///etc/passwd', 'ftp://example.com/v.mp4']) {
		it(`refuses a redirect to ${location.split(':')[0]}: (not https) and saves nothing`, async () => {
			server.enqueue({ status: 302, headers: { location } }, isVideoFile);
			const target = path.join(folder, 'refused.mp4');
			assert.equal(await download(target), undefined);
			assert.deepEqual(fs.readdirSync(folder), []);
			assert.ok(
				errors().some((message) => /redirected to an address that is not https/.test(message)),
				errors().join(' | '),
			);
		});
	}

	it('refuses an endless chain of redirects', async () => {
		server.failAlways({ status: 302, headers: { location: `${server.url}/files/again.mp4` } }, isVideoFile);
		assert.equal(await download(path.join(folder, 'loop.mp4')), undefined);
		assert.ok(
			errors().some((message) => /redirected more than 5 times/.test(message)),
			errors().join(' | '),
		);
		assert.equal(server.requests.filter(isVideoFile).length, 6);
	});

	const notVideos: [string, { body: string; headers?: Record<string, string> }, RegExp][] = [
		['a login page (text/html)', { body: '<!doctype html><title>Sign in</title>', headers: { 'content-type': 'text/html' } }, /text\/html, not a video/],
		['JSON', { body: '{"error":"expired"}', headers: { 'content-type': 'application/json' } }, /application\/json, not a video/],
		['HTML labelled as a video', { body: '<html><body>Access denied</body></html>', headers: { 'content-type': 'video/mp4' } }, /a web page, not a video/],
		['HTML without a content type', { body: '  <!DOCTYPE html><p>captive portal</p>', headers: { 'content-type': '' } }, /a web page, not a video/],
		// A notification renders Markdown links, command links included: the header is not quoted.
		[
			'a content type that carries a command link',
			{ body: 'x', headers: { 'content-type': 'text/x[Fix download](command:workbench.action.reloadWindow)' } },
			/answered with something else, not a video/,
		],
	];
	for (const [name, answer, expected] of notVideos) {
		it(`refuses ${name} and leaves no file`, async () => {
			server.enqueue({ status: 200, ...answer }, isVideoFile);
			assert.equal(await download(path.join(folder, 'page.mp4')), undefined);
			assert.deepEqual(fs.readdirSync(folder), []);
			assert.ok(
				errors().some((message) => expected.test(message)),
				errors().join(' | '),
			);
			assert.ok(
				errors().every((message) => !/command:/.test(message)),
				errors().join(' | '),
			);
		});
	}

	it('reads a gzip-encoded answer whose content-length counts the compressed bytes', async () => {
		const video = fs.readFileSync(FIXTURE);
		const compressed = gzipSync(Buffer.concat([video, Buffer.alloc(20_000)]));
		assert.ok(compressed.length < video.length + 20_000);
		server.enqueue({ status: 200, body: compressed, headers: { 'content-type': 'video/mp4', 'content-encoding': 'gzip' } }, isVideoFile);
		const target = path.join(folder, 'gzip.mp4');
		assert.equal(await download(target), target);
		assert.deepEqual(fs.readFileSync(target), Buffer.concat([video, Buffer.alloc(20_000)]));
	});

	it('stops an answer larger than veoTasks.maxDownloadMegabytes, announced or not', async () => {
		await setSetting('maxDownloadMegabytes', 1);
		const big = Buffer.alloc(1024 * 1024 + 1);
		server.enqueue({ status: 200, body: big, headers: { 'content-type': 'video/mp4' } }, isVideoFile);
		assert.equal(await download(path.join(folder, 'big.mp4')), undefined);
		// Compressed, its length says nothing of its size (1 KB on the wire): the cap applies while streaming.
		server.enqueue({ status: 200, body: gzipSync(big), headers: { 'content-type': 'video/mp4', 'content-encoding': 'gzip' } }, isVideoFile);
		assert.equal(await download(path.join(folder, 'big2.mp4')), undefined);
		assert.deepEqual(fs.readdirSync(folder), []);
		assert.equal(errors().filter((message) => /larger than 1 MB \(veoTasks\.maxDownloadMegabytes\)/.test(message)).length, 2, errors().join(' | '));
	});

	it('does not write through a symlink planted at the partial file', async () => {
		const outside = path.join(folder, 'outside.txt');
		fs.writeFileSync(outside, 'precious');
		const target = path.join(folder, 'video.mp4');
		fs.symlinkSync(outside, `${target}.part`);
		assert.equal(await download(target), target);
		assert.equal(fs.readFileSync(outside, 'utf8'), 'precious');
		assert.deepEqual(fs.readFileSync(target), fs.readFileSync(FIXTURE));
		assert.ok(!fs.existsSync(`${target}.part`));
	});

	it('two downloads of one task to one file do not share the partial file', async () => {
		const target = path.join(folder, 'twice.mp4');
		server.enqueue({ slowBytes: { body: 'x'.repeat(3000), intervalMs: 2, headers: { 'content-type': 'video/mp4', 'content-length': '3000' } } }, isVideoFile);
		const first = download(target);
		await waitFor(() => fs.existsSync(`${target}.part`), 'the first download to start');
		const second = await download(target);
		assert.equal(second, undefined, 'the second is refused while the first runs');
		assert.ok(
			errors().some((message) => /already being downloaded/.test(message)),
			errors().join(' | '),
		);
		assert.equal(await first, target);
		assert.equal(fs.readFileSync(target, 'utf8'), 'x'.repeat(3000), "the first one's bytes, whole");
		assert.deepEqual(fs.readdirSync(folder), ['twice.mp4']);
	});

	it('does not follow videos/ when it is a symlink out of the workspace', async () => {
		const workspace = vscode.workspace.workspaceFolders?.[0].uri.fsPath ?? '';
		const videos = path.join(workspace, 'videos');
		fs.rmSync(videos, { recursive: true, force: true });
		fs.symlinkSync(folder, videos);
		try {
			assert.equal(await vscode.commands.executeCommand(Commands.downloadVideo, id), undefined);
			assert.deepEqual(fs.readdirSync(folder), [], 'nothing written outside the workspace');
			assert.ok(
				errors().some((message) => /videos\/ in this workspace leads outside it/.test(message)),
				errors().join(' | '),
			);
			assert.equal(server.requests.filter(isVideoFile).length, 0, 'not even requested');
		} finally {
			fs.unlinkSync(videos);
		}
	});

	it("names the file with the prompt's Chinese words", async () => {
		const workspace = vscode.workspace.workspaceFolders?.[0].uri.fsPath ?? '';
		const saved = await vscode.commands.executeCommand<string>(Commands.downloadVideo, id);
		try {
			assert.equal(saved, path.join(workspace, 'videos', `雪地里的红狐狸-at-dusk-${id.slice(0, 8)}.mp4`));
			assert.deepEqual(fs.readFileSync(saved), fs.readFileSync(FIXTURE));
		} finally {
			fs.rmSync(path.join(workspace, 'videos'), { recursive: true, force: true });
		}
	});
});
