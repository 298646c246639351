/**
 * The API as its newest clients read it (docs/api.md): state words from every `data[]` entry and
 * from `response.status`/`state` with a failed word winning; times as numbers or strings, top
 * level or in `response`, and `elapsed`; "not offered" answers for Get 1080p; 402 and 400 disabled;
 * Track Recent Tasks paging until a short page whatever `count` says.
 */
import * as assert from 'node:assert/strict';
import { VeoClient } from '../../../../src/core/api/veoClient';
import { errorFromStatus } from '../../../../src/core/api/veoError';
import { FollowUpOffers, isNotOfferedError } from '../../../../src/core/generation/followUps';
import { fetchRecentTasks, periodWindow } from '../../../../src/core/tasks/recentTasks';
import { summarizeRecord } from '../../../../src/core/tasks/taskState';
import { taskDuration } from '../../../../src/core/view/taskRow';
import { buildTaskPanelModel } from '../../../../src/core/view/taskPanelModel';
import { errorBody, paymentRequiredFault } from '../../../fakeApi/errors';
import { startFakeVeoServer, type FakeVeoServer } from '../../../fakeApi/fakeVeoServer';
import { pendingTask, succeededTask } from '../../../fakeApi/records';

const VIDEO = 'https://cdn.example/v.mp4';
const base = { id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', created_at: 1753435158.509, request: { action: 'text2video', model: 'veo31', prompt: 'p' } };

describe('API reading: state words', () => {
	it('a failed word in any data[] entry wins over a done word in the first', () => {
		const record = {
			...base,
			response: {
				success: true,
				data: [
					{ id: 'v1', state: 'succeeded', video_url: VIDEO },
					{ id: 'v2', state: 'failed' },
				],
			},
		};
		assert.equal(summarizeRecord(record).state, 'failed');
	});

	it('response.status and response.state count as words', () => {
		assert.equal(summarizeRecord({ ...base, response: { success: true, status: 'failed', data: [{ state: 'processing' }] } }).state, 'failed');
		assert.equal(summarizeRecord({ ...base, response: { success: true, state: 'succeeded', data: [{ id: 'v', video_url: VIDEO }] } }).state, 'succeeded');
		assert.equal(summarizeRecord({ ...base, response: { success: true, status: 'processing' } }).state, 'running');
	});

	it("a done word in a later entry finishes the task, with that entry's video", () => {
		const summary = summarizeRecord({
			...base,
			response: { success: true, data: [{ state: 'upscaling' }, { id: 'v2', state: 'succeeded', video_url: VIDEO }] },
		});
		assert.equal(summary.state, 'succeeded');
		assert.equal(summary.videoId, 'v2');
	});

	it('an unknown word stays raw and active; a known active word beside it is not raw', () => {
		const unknown = summarizeRecord({ ...base, response: { success: true, status: 'moderating' } });
		assert.equal(unknown.state, 'running');
		assert.equal(unknown.rawState, 'moderating');
		const mixed = summarizeRecord({ ...base, response: { success: true, data: [{ state: 'moderating' }, { state: 'processing' }] } });
		assert.equal(mixed.state, 'running');
		assert.equal(mixed.rawState, undefined);
	});

	it('a number in response.status is not a word', () => {
		assert.equal(summarizeRecord({ ...base, response: { success: true, status: 200, data: [{ state: 'processing' }] } }).state, 'running');
	});
});

describe('API reading: times', () => {
	const created = base.created_at;
	it('started_at / finished_at as float seconds, numeric strings or date strings, top level or in response, on one clock', () => {
		const data = [{ id: 'v', video_url: VIDEO }];
		for (const [started, finished] of [
			[created + 2, created + 150],
			[String(created + 2), String(created + 150)],
		] as const) {
			const top = summarizeRecord({ ...base, started_at: started, finished_at: finished, response: { success: true, data } });
			assert.equal(top.startedAtMs, Math.round((created + 2) * 1000));
			assert.equal(top.completedAtMs, Math.round((created + 150) * 1000));
			const inside = summarizeRecord({ ...base, response: { success: true, started_at: started, finished_at: finished, data } });
			assert.equal(inside.startedAtMs, top.startedAtMs);
			assert.equal(inside.completedAtMs, top.completedAtMs);
			assert.equal(inside.state, 'succeeded');
		}
		// A zone-less string is the provider's UTC+8.
		const text = summarizeRecord({ ...base, started_at: '2025-07-25 17:19:20', response: { success: true } });
		assert.equal(text.startedAtMs, Date.UTC(2025, 6, 25, 9, 19, 20));
	});

	it('finished_at inside response with no video is a task that ended without output', () => {
		const summary = summarizeRecord({ ...base, response: { success: true, finished_at: created + 60, data: [{ state: 'processing' }] } });
		assert.equal(summary.state, 'failed');
	});

	it('"took …" is the record\'s elapsed when present (seconds, number or string), else the times', () => {
		const withElapsed = summarizeRecord({
			...base,
			elapsed: 95.4,
			finished_at: created + 300,
			response: { success: true, data: [{ id: 'v', video_url: VIDEO }] },
		});
		assert.equal(withElapsed.elapsedMs, 95_400);
		assert.equal(taskDuration(withElapsed, 0, 'en'), 'took 1 min 35 sec');
		assert.equal(summarizeRecord({ ...base, elapsed: '61', response: { success: true } }).elapsedMs, 61_000);
		const without = summarizeRecord({ ...base, finished_at: created + 120, response: { success: true, data: [{ id: 'v', video_url: VIDEO }] } });
		assert.equal(without.elapsedMs, undefined);
		assert.equal(taskDuration(without, 0, 'en'), 'took 2 min');
		for (const odd of [-5, 'soon', Number.NaN, { s: 1 }]) {
			assert.equal(summarizeRecord({ ...base, elapsed: odd }).elapsedMs, undefined, String(odd));
		}
	});

	it("the fake writes the platform's float times and elapsed on a finished task", () => {
		const record = succeededTask({ createdAt: created, completedAt: created + 148, videoUrl: VIDEO });
		assert.equal(typeof record.started_at, 'number');
		assert.equal(record.finished_at, created + 148);
		assert.equal(record.elapsed, 146);
		assert.equal(pendingTask().finished_at, undefined);
	});
});

describe('API reading: Get 1080p not offered', () => {
	const error = (status: number, code: string | undefined, message?: string) =>
		errorFromStatus(status, code ? errorBody(code, message ?? '') : undefined, undefined, 0);
	it('404, api_not_implemented, and bad_request naming the action or saying "not supported" mean not offered', () => {
		assert.ok(isNotOfferedError(error(404, 'no_api')));
		assert.ok(isNotOfferedError(error(400, 'api_not_implemented', 'The API is not implemented.')));
		assert.ok(isNotOfferedError(error(400, 'bad_request', 'Invalid action get1080p.'), 'get1080p'));
		assert.ok(isNotOfferedError(error(400, 'bad_request', 'The action is not supported.'), 'get1080p'));
		assert.ok(isNotOfferedError(error(400, 'bad_request', 'This endpoint is deprecated.'), 'get1080p'));
	});

	it('other refusals are not: a missing field, a model not supported, a 403, a 500', () => {
		assert.ok(!isNotOfferedError(error(400, 'bad_request', 'video_id is required.'), 'get1080p'));
		assert.ok(!isNotOfferedError(error(400, 'bad_request', 'model veo2 is not supported.'), 'get1080p'));
		assert.ok(!isNotOfferedError(error(403, 'used_up', 'get1080p: balance used up'), 'get1080p'));
		assert.ok(!isNotOfferedError(error(500, 'api_error', 'get1080p failed'), 'get1080p'));
	});

	it('the session remembers a refusal once and tells its listeners; the panel hides the button', () => {
		const offers = new FollowUpOffers();
		let changes = 0;
		offers.onDidChange(() => changes++);
		assert.ok(offers.isOffered('1080p'));
		assert.equal(offers.markNotOffered('1080p'), true);
		assert.equal(offers.markNotOffered('1080p'), false);
		assert.ok(!offers.isOffered('1080p'));
		assert.equal(changes, 1);
		const record = succeededTask({ videoUrl: VIDEO });
		const task = { id: record.id, addedAt: 0, summary: summarizeRecord(record) };
		assert.equal(buildTaskPanelModel(task, record, {}).canFollowUp, true);
		assert.equal(buildTaskPanelModel(task, record, { get1080pOffered: false }).canFollowUp, false);
		offers.reset();
		assert.ok(offers.isOffered('1080p'));
		assert.equal(changes, 2);
	});
});

describe('API reading: 402 and disabled', () => {
	it('402 from a pay-per-request gateway says so and asks for a token for the regular origin', () => {
		const fault = paymentRequiredFault();
		const failure = errorFromStatus(402, fault.body, undefined, 0);
		assert.equal(failure.kind, 'paymentRequired');
		assert.match(failure.message, /402/);
		assert.match(failure.message, /pay-per-request gateway/);
		assert.match(failure.message, /api\.acedata\.cloud/);
		assert.equal(failure.isTransient, false);
	});

	it('400 disabled gets its own message, not the generic refusal', () => {
		const failure = errorFromStatus(400, errorBody('disabled', 'Your application has been disabled.'), undefined, 0);
		assert.equal(failure.kind, 'refused');
		assert.match(failure.message, /disabled for this account/);
		assert.doesNotMatch(failure.message, /HTTP 400/);
	});
});

describe('API reading: Track Recent Tasks pages until a short page', function () {
	let server: FakeVeoServer;
	let client: VeoClient;
	const NOW_MS = 1_753_435_158_509;
	before(async () => {
		server = await startFakeVeoServer({ token: 't' });
		client = new VeoClient({ baseUrl: server.url, getToken: () => 't', timeoutMs: 5000 });
		for (let index = 0; index < 120; index++) {
			server.setTask(pendingTask({ createdAt: NOW_MS / 1000 - 10 - index }));
		}
	});
	after(() => server.close());
	beforeEach(() => server.clearRequests());

	for (const reading of ['page', 'total'] as const) {
		it(`count as ${reading === 'page' ? 'the page size (with total)' : 'the total'}: all 120 found in 3 requests`, async () => {
			server.batchCount = reading;
			try {
				const result = await fetchRecentTasks(client, periodWindow(1, NOW_MS));
				assert.equal(result.records.length, 120);
				assert.equal(result.requests, 3);
				assert.equal(result.total, reading === 'page' ? 120 : undefined);
				assert.equal(result.truncated, false);
			} finally {
				server.batchCount = 'page';
			}
		});
	}

	it('a count smaller than what was sent does not stop the paging; a short page does', async () => {
		const calls: number[] = [];
		const page = (offset: number, size: number) =>
			Array.from({ length: size }, (_, index) => ({ id: `6f1e2d3c-4b5a-4978-8695-${String(offset + index).padStart(12, '0')}` }));
		const result = await fetchRecentTasks(
			{
				retrieveRecent: async (query) => {
					calls.push(query.offset ?? 0);
					const size = (query.offset ?? 0) < 100 ? 50 : 7;
					return { items: page(query.offset ?? 0, size), count: 1, received: size };
				},
			},
			periodWindow(1, NOW_MS),
		);
		assert.deepEqual(calls, [0, 50, 100]);
		assert.equal(result.records.length, 107);
	});
});
