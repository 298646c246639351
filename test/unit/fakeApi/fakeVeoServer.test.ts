/**
 * Tests of the fake Veo API itself: the other suites trust it to behave like the real
 * API (docs/api.md), so its routes, paging, auth and faults are pinned down here.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FakeVeoServer, startFakeVeoServer } from '../../fakeApi/fakeVeoServer';
import { defaultFixtureDir } from '../../fakeApi/files';
import {
	failedStateTask,
	failedTask,
	finishedWithoutVideoTask,
	newTaskId,
	pendingTask,
	runningTask,
	sampleTasks,
	succeededTask,
	TaskRecord,
	unknownStateTask,
} from '../../fakeApi/records';

interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: unknown;
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

async function call(url: string, init: RequestInit): Promise<Reply> {
	const response = await fetch(url, init);
	const text = await response.text();
	return { status: response.status, headers: response.headers, text, json: parse(text) };
}

function post(server: FakeVeoServer, route: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
	return call(`${server.url}${route}`, {
		method: 'POST',
		headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
}

/** Reads `key` from a JSON value, failing the test when it is not an object. */
function field(value: unknown, key: string): unknown {
	assert.ok(typeof value === 'object' && value !== null, `expected an object, got ${JSON.stringify(value)}`);
	return (value as Record<string, unknown>)[key];
}

function errorCode(reply: Reply): unknown {
	return field(field(reply.json, 'error'), 'code');
}

function itemIds(reply: Reply): string[] {
	const items = field(reply.json, 'items');
	assert.ok(Array.isArray(items));
	return items.map((item: unknown) => String(field(item, 'id')));
}

/** `count` tasks created one second apart, oldest first. */
function taskSeries(count: number): TaskRecord[] {
	return Array.from({ length: count }, (_, index) => pendingTask({ createdAt: 1_753_435_000 + index }));
}

const API_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('fake Veo API', () => {
	const series = taskSeries(15);
	let server: FakeVeoServer;

	before(async () => {
		server = await startFakeVeoServer({ tasks: series });
	});

	afterEach(() => server.reset());

	after(() => server.close());

	describe('records', () => {
		it('gives every shape the fields of docs/api.md', () => {
			const pending = pendingTask();
			assert.equal(pending.response, undefined);
			assert.equal(pending.type, 'videos');
			assert.match(pending.id, /^[0-9a-f-]{36}$/);
			assert.match(String(pending._id), /^[0-9a-f]{24}$/);
			assert.equal(typeof pending.created_at, 'number');

			const done = succeededTask({ videoUrl: 'https://cdn.example/v.mp4' });
			const video = done.response?.data?.[0];
			assert.equal(video?.state, 'succeeded');
			assert.equal(video?.video_url, 'https://cdn.example/v.mp4');
			assert.notEqual(video?.id, done.id);
			assert.match(String(video?.complete_at), API_TIME);
			assert.equal(done.response?.task_id, done.id);

			assert.equal(runningTask({ state: 'queued' }).response?.data?.[0]?.state, 'queued');
			const failed = failedTask();
			assert.equal(failed.response?.success, false);
			assert.equal(typeof failed.response?.error?.message, 'string');
			assert.equal(failedStateTask({ state: 'cancelled' }).response?.data?.[0]?.state, 'cancelled');
			assert.equal(finishedWithoutVideoTask().response?.data?.[0]?.video_url, undefined);
			assert.equal(unknownStateTask().response?.data?.[0]?.state, 'upscaling');
		});

		it('builds demo tasks in every state, playing the local sample', () => {
			const tasks = sampleTasks('http://127.0.0.1:1/');
			assert.ok(tasks.length >= 8);
			assert.ok(tasks.some((task) => task.response === undefined));
			assert.ok(tasks.some((task) => task.response?.success === false));
			const states = new Set(tasks.map((task) => task.response?.data?.[0]?.state));
			for (const state of ['succeeded', 'processing', 'queued', 'failed', 'upscaling']) {
				assert.ok(states.has(state), `no sample task in state ${state}`);
			}
			const urls = tasks.map((task) => task.response?.data?.[0]?.video_url).filter((url) => url !== undefined);
			assert.ok(urls.length > 0);
			assert.ok(urls.every((url) => url === 'http://127.0.0.1:1/files/sample.mp4'));
		});
	});

	describe('POST /veo/tasks', () => {
		it('retrieves one task by id or trace_id, and answers 200 {} for an unknown id', async () => {
			const task = series[3];
			assert.ok(task);
			const byId = await post(server, '/veo/tasks', { action: 'retrieve', id: task.id });
			assert.equal(byId.status, 200);
			assert.deepEqual(byId.json, task);
			const byTrace = await post(server, '/veo/tasks', { action: 'retrieve', trace_id: task.trace_id });
			assert.equal(field(byTrace.json, 'id'), task.id);
			const unknown = await post(server, '/veo/tasks', { action: 'retrieve', id: newTaskId() });
			assert.equal(unknown.status, 200);
			assert.deepEqual(unknown.json, {});
		});

		it('pages a batch: 12 items by default, then offset and limit', async () => {
			const ids = series.map((task) => task.id);
			const byDefault = await post(server, '/veo/tasks', { action: 'retrieve_batch', ids });
			assert.equal(itemIds(byDefault).length, 12);
			// By default `count` is this page's size (the provider's guide), `total` the number in all pages.
			assert.equal(field(byDefault.json, 'count'), 12);
			assert.equal(field(byDefault.json, 'total'), 15);

			const all = await post(server, '/veo/tasks', { action: 'retrieve_batch', ids, limit: ids.length });
			assert.deepEqual(new Set(itemIds(all)), new Set(ids));

			const page = await post(server, '/veo/tasks', { action: 'retrieve_batch', ids, offset: 12, limit: 12 });
			assert.equal(itemIds(page).length, 3);
			// Newest first, like the real server, not in the order asked.
			assert.deepEqual(itemIds(page), ids.slice(0, 3).reverse());
		});

		it('filters a batch by created_at_min / created_at_max (inclusive) and pages it, total being the number matching', async () => {
			// series: created at 1_753_435_000 + 0..14; the window holds +3..+12, i.e. 10 tasks.
			const window = { action: 'retrieve_batch', created_at_min: 1_753_435_003, created_at_max: 1_753_435_012 };
			const first = await post(server, '/veo/tasks', { ...window, offset: 0, limit: 4 });
			assert.equal(field(first.json, 'total'), 10);
			assert.equal(field(first.json, 'count'), 4);
			assert.deepEqual(
				itemIds(first),
				series
					.slice(9, 13)
					.map((task) => task.id)
					.reverse(),
			);
			const last = await post(server, '/veo/tasks', { ...window, offset: 8, limit: 4 });
			assert.deepEqual(
				itemIds(last),
				series
					.slice(3, 5)
					.map((task) => task.id)
					.reverse(),
			);
			assert.equal(field(last.json, 'total'), 10);
			assert.equal(field(last.json, 'count'), 2);
			const beyond = await post(server, '/veo/tasks', { ...window, offset: 10, limit: 4 });
			assert.deepEqual(itemIds(beyond), []);
			// Filters combine with ids: only the asked tasks inside the window.
			const both = await post(server, '/veo/tasks', { ...window, ids: [series[0]?.id, series[5]?.id], limit: 10 });
			assert.deepEqual(itemIds(both), [series[5]?.id]);
			const onlyMin = await post(server, '/veo/tasks', { action: 'retrieve_batch', created_at_min: 1_753_435_013, limit: 50 });
			assert.equal(field(onlyMin.json, 'total'), 2);
		});

		it("reads `count` as the total when told to (the MCP server's reading): no `total` then", async () => {
			server.batchCount = 'total';
			try {
				const ids = series.map((task) => task.id);
				const page = await post(server, '/veo/tasks', { action: 'retrieve_batch', ids, limit: 5 });
				assert.equal(itemIds(page).length, 5);
				assert.equal(field(page.json, 'count'), 15);
				assert.equal(field(page.json, 'total'), undefined);
			} finally {
				server.batchCount = 'page';
			}
		});

		it('leaves unknown ids out of a batch', async () => {
			const known = series[0]?.id ?? '';
			const reply = await post(server, '/veo/tasks', { action: 'retrieve_batch', ids: [newTaskId(), known], limit: 2 });
			assert.deepEqual(itemIds(reply), [known]);
			assert.equal(field(reply.json, 'count'), 1);
		});

		it('rejects an unknown action and a missing id', async () => {
			assert.equal(errorCode(await post(server, '/veo/tasks', { action: 'delete' })), 'api_not_implemented');
			const missing = await post(server, '/veo/tasks', { action: 'retrieve' });
			assert.equal(missing.status, 400);
			assert.equal(errorCode(missing), 'bad_request');
		});
	});

	describe('auth', () => {
		it('answers 400 no_token without a header, 401 invalid_token for a wrong one', async () => {
			server.token = 'secret';
			const body = { action: 'retrieve_batch', ids: [] };
			const none = await post(server, '/veo/tasks', body);
			assert.equal(none.status, 400);
			assert.equal(errorCode(none), 'no_token');
			assert.equal(typeof field(none.json, 'trace_id'), 'string');
			const wrong = await post(server, '/veo/tasks', body, { authorization: 'Bearer other' });
			assert.equal(wrong.status, 401);
			assert.equal(errorCode(wrong), 'invalid_token');
			const right = await post(server, '/veo/tasks', body, { authorization: 'Bearer secret' });
			assert.equal(right.status, 200);
		});
	});

	describe('generation', () => {
		it('creates a pending task for an async /veo/videos request', async () => {
			const request = { action: 'text2video', model: 'veo3', prompt: 'a red fox in snow', async: true };
			const reply = await post(server, '/veo/videos', request);
			assert.equal(reply.status, 200);
			assert.equal(field(reply.json, 'success'), true);
			const taskId = String(field(reply.json, 'task_id'));
			const task = server.tasks.get(taskId);
			assert.ok(task);
			assert.equal(task.response, undefined);
			assert.deepEqual(task.request, request);
			assert.equal(task.trace_id, field(reply.json, 'trace_id'));
			assert.equal(server.requestsFor('/veo/videos').length, 1);
			assert.deepEqual(server.requestsFor('/veo/videos')[0]?.body, request);
		});

		it('refuses a blocking request and missing fields with 400 bad_request', async () => {
			const blocking = await post(server, '/veo/videos', { action: 'text2video', model: 'veo3', prompt: 'x' });
			assert.equal(blocking.status, 400);
			assert.equal(errorCode(blocking), 'bad_request');
			const noPrompt = await post(server, '/veo/videos', { action: 'text2video', model: 'veo3', async: true });
			assert.equal(errorCode(noPrompt), 'bad_request');
			const noAction = await post(server, '/veo/videos', { model: 'veo3', prompt: 'x', async: true });
			assert.equal(errorCode(noAction), 'bad_request');
		});

		it('starts get1080p on /veo/videos with the video id and the model', async () => {
			const reply = await post(server, '/veo/videos', { action: 'get1080p', video_id: 'abc123', model: 'veo31', async: true });
			assert.equal(reply.status, 200);
			const task = server.tasks.get(String(field(reply.json, 'task_id')));
			assert.equal(task?.request?.video_id, 'abc123');
			assert.equal(errorCode(await post(server, '/veo/videos', { action: 'get1080p', model: 'veo31', async: true })), 'bad_request');
		});

		it('answers 400 "model is not supported" for retired and unknown models, naming the model', async () => {
			for (const model of ['veo2', 'veo2-fast', 'veo9-ultra']) {
				const reply = await post(server, '/veo/videos', { action: 'text2video', model, prompt: 'x', async: true });
				assert.equal(reply.status, 400);
				assert.equal(errorCode(reply), 'bad_request');
				assert.match(String(field(field(reply.json, 'error'), 'message')), new RegExp(`model ${model} is not supported`));
			}
			const ok = await post(server, '/veo/videos', { action: 'text2video', model: 'veo31-fast', prompt: 'x', async: true });
			assert.equal(ok.status, 200);
		});

		it('takes 1 or 2 images for image2video, 1 to 3 for ingredients2video on its own model only', async () => {
			const url = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);
			const video = (body: Record<string, unknown>): Promise<Reply> => post(server, '/veo/videos', { prompt: 'x', async: true, ...body });
			assert.equal((await video({ action: 'image2video', model: 'veo3', image_urls: url(2) })).status, 200);
			assert.equal((await video({ action: 'image2video', model: 'veo3', image_urls: url(3) })).status, 400);
			assert.equal((await video({ action: 'image2video', model: 'veo3', image_urls: [] })).status, 400);
			assert.equal((await video({ action: 'ingredients2video', model: 'veo31-fast-ingredients', image_urls: url(3) })).status, 200);
			assert.equal((await video({ action: 'ingredients2video', model: 'veo31-fast-ingredients', image_urls: url(4) })).status, 400);
			assert.equal((await video({ action: 'ingredients2video', model: 'veo31-fast', image_urls: url(1) })).status, 400);
			assert.equal((await video({ action: 'text2video', model: 'veo31-fast-ingredients' })).status, 400);
			assert.equal((await video({ action: 'text2video', model: 'veo3', resolution: '4k', aspect_ratio: '9:16' })).status, 200);
			assert.equal((await video({ action: 'text2video', model: 'veo3', resolution: '8k' })).status, 400);
			assert.equal((await video({ action: 'text2video', model: 'veo3', aspect_ratio: '4:3' })).status, 400);
		});

		it('answers 404 no_api on the follow-up endpoints the API dropped', async () => {
			for (const route of ['/veo/upsample', '/veo/extend', '/veo/reshoot', '/veo/objects']) {
				const reply = await post(server, route, { video_id: 'abc123', action: '4k', model: 'veo31', prompt: 'x' });
				assert.equal(reply.status, 404, route);
				assert.equal(errorCode(reply), 'no_api');
			}
			assert.equal(server.tasks.size, 15, 'nothing was created');
		});

		it('answers 404 no_api for an unknown endpoint', async () => {
			const reply = await post(server, '/veo/nothing', {});
			assert.equal(reply.status, 404);
			assert.equal(errorCode(reply), 'no_api');
		});
	});

	describe('progression', () => {
		it('advances a task pending -> running -> succeeded, keeping its identity', () => {
			const id = series[0]?.id ?? '';
			const running = server.advanceTask(id, 'running');
			const videoId = running.response?.data?.[0]?.id;
			assert.equal(running.response?.data?.[0]?.state, 'processing');
			const done = server.advanceTask(id, 'succeeded');
			assert.equal(done.trace_id, series[0]?.trace_id);
			assert.equal(done.response?.data?.[0]?.id, videoId);
			assert.equal(done.response?.data?.[0]?.video_url, server.sampleVideoUrl);
			assert.throws(() => server.advanceTask(newTaskId(), 'running'));
		});

		it('runs scheduled steps, and reset() restores the initial tasks', async () => {
			const id = series[1]?.id ?? '';
			server.scheduleProgress(id, [
				{ afterMs: 10, record: (prev) => ({ ...prev, response: { success: true, data: [{ state: 'running' }] } }) },
				{ afterMs: 40, record: (prev) => ({ ...prev, response: { success: true, data: [{ state: 'succeeded' }] } }) },
			]);
			await new Promise((resolve) => setTimeout(resolve, 25));
			assert.equal(server.tasks.get(id)?.response?.data?.[0]?.state, 'running');
			await new Promise((resolve) => setTimeout(resolve, 30));
			assert.equal(server.tasks.get(id)?.response?.data?.[0]?.state, 'succeeded');
			server.reset();
			assert.equal(server.tasks.get(id)?.response, undefined);
		});

		it('auto-progresses tasks created through the API when asked', async () => {
			const auto = await startFakeVeoServer({ autoProgress: { runningAfterMs: 10, succeededAfterMs: 30 } });
			try {
				const reply = await post(auto, '/veo/videos', { action: 'get1080p', video_id: 'v1', model: 'veo31', async: true });
				const id = String(field(reply.json, 'task_id'));
				assert.equal(auto.tasks.get(id)?.response, undefined);
				await new Promise((resolve) => setTimeout(resolve, 60));
				assert.equal(auto.tasks.get(id)?.response?.data?.[0]?.video_url, auto.sampleVideoUrl);
			} finally {
				await auto.close();
			}
		});
	});

	describe('faults', () => {
		const batch = { action: 'retrieve_batch', ids: [] };

		it('answers an error code with its status, body and retry-after', async () => {
			server.enqueue({ error: 'too_many_requests', retryAfter: 7 });
			const limited = await post(server, '/veo/tasks', batch);
			assert.equal(limited.status, 429);
			assert.equal(limited.headers.get('retry-after'), '7');
			assert.equal(errorCode(limited), 'too_many_requests');
			assert.equal(field(limited.json, 'success'), false);
			server.enqueue({ error: 'used_up' });
			assert.equal((await post(server, '/veo/tasks', batch)).status, 403);
			// One-shot: the next request is answered normally.
			assert.equal((await post(server, '/veo/tasks', batch)).status, 200);
		});

		it('sends raw answers: a 502 HTML page, an empty body, 200 with HTML', async () => {
			server.enqueue({ status: 502, body: '<html><body>Bad Gateway</body></html>' });
			server.enqueue({ status: 504 });
			server.enqueue({ status: 200, body: '<!doctype html><title>Login</title>' });
			const gateway = await post(server, '/veo/tasks', batch);
			assert.equal(gateway.status, 502);
			assert.match(String(gateway.headers.get('content-type')), /text\/html/);
			const empty = await post(server, '/veo/tasks', batch);
			assert.equal(empty.status, 504);
			assert.equal(empty.text, '');
			const portal = await post(server, '/veo/tasks', batch);
			assert.equal(portal.status, 200);
			assert.equal(portal.json, undefined);
		});

		it('applies queued faults in order, only to matching requests; failAlways sticks', async () => {
			const isBatch = (req: { body: unknown }): boolean => field(req.body, 'action') === 'retrieve_batch';
			server.enqueue({ status: 503 }, isBatch);
			server.enqueue({ status: 500 }, isBatch);
			assert.equal((await post(server, '/veo/videos', { action: 'x' })).status, 400);
			assert.equal((await post(server, '/veo/tasks', batch)).status, 503);
			assert.equal((await post(server, '/veo/tasks', batch)).status, 500);
			server.failAlways({ error: 'api_error' });
			assert.equal((await post(server, '/veo/tasks', batch)).status, 500);
			assert.equal((await post(server, '/veo/tasks', batch)).status, 500);
			server.failAlways(undefined);
			assert.equal((await post(server, '/veo/tasks', batch)).status, 200);
		});

		it('hangs until the client aborts', async () => {
			server.enqueue({ hang: true });
			const controller = new AbortController();
			const timer = setTimeout(() => controller.abort(), 200);
			const started = Date.now();
			await assert.rejects(
				fetch(`${server.url}/veo/tasks`, { method: 'POST', body: '{}', signal: controller.signal }),
				(error: unknown) => error instanceof Error && error.name === 'AbortError',
			);
			clearTimeout(timer);
			assert.ok(Date.now() - started >= 190);
		});

		it('resets the connection', async () => {
			server.enqueue({ reset: true });
			await assert.rejects(fetch(`${server.url}/veo/tasks`, { method: 'POST', body: '{}' }), TypeError);
		});

		it('writes slowly, one byte at a time', async () => {
			const body = JSON.stringify({ items: [], count: 0 });
			server.enqueue({ slowBytes: { body, intervalMs: 5 } });
			const started = Date.now();
			const reply = await post(server, '/veo/tasks', batch);
			assert.equal(reply.text, body);
			assert.ok(Date.now() - started >= (body.length - 1) * 5);
		});

		it('delays answers by latencyMs', async () => {
			server.latencyMs = 80;
			const started = Date.now();
			await post(server, '/veo/tasks', batch);
			assert.ok(Date.now() - started >= 75);
		});

		it('closes promptly while a request hangs', async () => {
			const other = await startFakeVeoServer();
			other.enqueue({ hang: true });
			const pending = fetch(`${other.url}/veo/tasks`, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
			await new Promise((resolve) => setTimeout(resolve, 30));
			const started = Date.now();
			await other.close();
			assert.ok(Date.now() - started < 200);
			assert.ok((await pending) instanceof Error);
		});
	});

	describe('GET /files', () => {
		const sample = readFileSync(path.join(defaultFixtureDir(), 'sample.mp4'));

		it('serves the sample video with accept-ranges', async () => {
			const response = await fetch(`${server.url}/files/sample.mp4`);
			assert.equal(response.status, 200);
			assert.equal(response.headers.get('content-type'), 'video/mp4');
			assert.equal(response.headers.get('accept-ranges'), 'bytes');
			assert.deepEqual(Buffer.from(await response.arrayBuffer()), sample);
		});

		it('answers a Range request with 206 and exactly those bytes', async () => {
			const response = await fetch(`${server.url}/files/sample.mp4`, { headers: { range: 'bytes=100-299' } });
			assert.equal(response.status, 206);
			assert.equal(response.headers.get('content-range'), `bytes 100-299/${sample.length}`);
			assert.deepEqual(Buffer.from(await response.arrayBuffer()), sample.subarray(100, 300));
			const tail = await fetch(`${server.url}/files/sample.mp4`, { headers: { range: 'bytes=-16' } });
			assert.deepEqual(Buffer.from(await tail.arrayBuffer()), sample.subarray(sample.length - 16));
			const beyond = await fetch(`${server.url}/files/sample.mp4`, { headers: { range: `bytes=${sample.length}-` } });
			assert.equal(beyond.status, 416);
		});

		it('serves nothing outside the fixture directory', async () => {
			assert.equal((await fetch(`${server.url}/files/..%2Fpackage.json`)).status, 404);
			assert.equal((await fetch(`${server.url}/files/missing.mp4`)).status, 404);
		});
	});
});
