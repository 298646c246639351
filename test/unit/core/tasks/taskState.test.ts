/**
 * summarizeRecord: every record shape of docs/api.md's "Deriving a task's state", built by the fake
 * API's independent record factories, plus the odd shapes real servers send.
 */
import * as assert from 'node:assert/strict';
import { readEpochMs } from '../../../../src/core/tasks/taskRecord';
import { ACTIVE_STATES, FINISHED_STATES, stateLabel, summarizeRecord } from '../../../../src/core/tasks/taskState';
import {
	failedStateTask,
	failedTask,
	finishedWithoutVideoTask,
	pendingTask,
	runningTask,
	succeededTask,
	unknownStateTask,
	topLevelStatusTask,
	finishedAtTask,
	stuckTask,
	type TaskRecord,
} from '../../../fakeApi/records';
import { stalledSince, giveUpAt, giveUpAfterMs } from '../../../../src/core/tasks/giveUp';

const CREATED = 1753435158.509;
const PROMPT = 'A lighthouse at dusk';

function base(): Record<string, unknown> {
	return {
		id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
		trace_id: 'trace-1',
		created_at: CREATED,
		request: { action: 'text2video', model: 'veo3', prompt: PROMPT },
	};
}

describe('summarizeRecord', function () {
	describe('the shapes of docs/api.md', function () {
		it('no response -> pending, with request fields and created_at in ms', function () {
			const record: TaskRecord = pendingTask({ createdAt: CREATED, prompt: PROMPT, model: 'veo31', action: 'image2video' });
			const summary = summarizeRecord(record);
			assert.equal(summary.state, 'pending');
			assert.equal(summary.prompt, PROMPT);
			assert.equal(summary.model, 'veo31');
			assert.equal(summary.action, 'image2video');
			assert.equal(summary.createdAt, 1753435158509);
			assert.equal(summary.traceId, record.trace_id);
			assert.equal(summary.videoUrl, undefined);
			assert.equal(summary.rawState, undefined);
			assert.ok(ACTIVE_STATES.has(summary.state));
		});

		for (const word of ['processing', 'running', 'pending', 'queued'] as const) {
			it(`data[].state "${word}" -> running, no raw word shown`, function () {
				const summary = summarizeRecord(runningTask({ state: word }));
				assert.equal(summary.state, 'running');
				assert.equal(summary.rawState, undefined);
				assert.equal(stateLabel(summary), 'running');
				assert.ok(ACTIVE_STATES.has(summary.state));
			});
		}

		it('succeeded with a video_url -> succeeded with videoUrl, videoId, completedAt', function () {
			const record = succeededTask({ videoUrl: 'https://platform.cdn.acedata.cloud/veo/x.mp4', videoId: 'abcdef0123456789abcdef0123456789' });
			const summary = summarizeRecord(record);
			assert.equal(summary.state, 'succeeded');
			assert.equal(summary.videoUrl, 'https://platform.cdn.acedata.cloud/veo/x.mp4');
			assert.equal(summary.videoId, 'abcdef0123456789abcdef0123456789');
			assert.equal(summary.completedAt, record.response?.data?.[0]?.complete_at);
			assert.match(summary.completedAt ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
			assert.equal(summary.failureReason, undefined);
			assert.ok(FINISHED_STATES.has(summary.state));
		});

		it('success:false with an error -> failed with the reason, trace id kept', function () {
			const record = failedTask({ errorMessage: 'Blocked by the safety filter.', traceId: 'b1c2d3e4-0000-4000-8000-000000000001' });
			delete record.trace_id; // only the response carries it
			const summary = summarizeRecord(record);
			assert.equal(summary.state, 'failed');
			assert.equal(summary.failureReason, 'Blocked by the safety filter.');
			assert.equal(summary.traceId, 'b1c2d3e4-0000-4000-8000-000000000001');
			assert.ok(FINISHED_STATES.has(summary.state));
		});

		it('the record-level trace_id is kept for a failed task', function () {
			const record = failedTask();
			assert.equal(summarizeRecord(record).traceId, record.trace_id);
		});

		for (const word of ['failed', 'error', 'cancelled'] as const) {
			it(`data[].state "${word}" (success still true) -> failed`, function () {
				const summary = summarizeRecord(failedStateTask({ state: word }));
				assert.equal(summary.state, 'failed');
				assert.ok(summary.failureReason);
				assert.match(summary.failureReason, new RegExp(word));
			});
		}

		it('state "failed" with an error message -> the message is the reason', function () {
			const record = { ...base(), response: { success: true, data: [{ id: 'v', state: 'failed' }], error: { code: 'x', message: 'Out of GPUs.' } } };
			assert.equal(summarizeRecord(record).failureReason, 'Out of GPUs.');
		});

		it('a terminal word without a video URL -> failed "finished without output"', function () {
			const summary = summarizeRecord(finishedWithoutVideoTask());
			assert.equal(summary.state, 'failed');
			assert.match(summary.failureReason ?? '', /finished without output/);
		});

		it('a terminal word with an empty video_url -> failed "finished without output"', function () {
			const record = { ...base(), response: { success: true, data: [{ id: 'v', video_url: '', state: 'succeeded' }] } };
			const summary = summarizeRecord(record);
			assert.equal(summary.state, 'failed');
			assert.match(summary.failureReason ?? '', /without output/);
		});

		it('an unknown word -> running, with the raw word shown', function () {
			const summary = summarizeRecord(unknownStateTask({ state: 'upscaling' }));
			assert.equal(summary.state, 'running');
			assert.equal(summary.rawState, 'upscaling');
			assert.equal(stateLabel(summary), 'upscaling');
		});
	});

	describe('odd shapes', function () {
		it('data as one object instead of a list', function () {
			const record = { ...base(), response: { success: true, data: { id: 'vid', video_url: 'https://cdn.example/v.mp4', state: 'succeeded' } } };
			const summary = summarizeRecord(record);
			assert.equal(summary.state, 'succeeded');
			assert.equal(summary.videoUrl, 'https://cdn.example/v.mp4');
			assert.equal(summary.videoId, 'vid');
		});

		it('data whose first entries are not objects', function () {
			const record = { ...base(), response: { success: true, data: [null, 'x', { id: 'vid', video_url: 'https://cdn.example/v.mp4', state: 'succeeded' }] } };
			assert.equal(summarizeRecord(record).state, 'succeeded');
		});

		it('state words in other cases and with spaces', function () {
			const ok = { ...base(), response: { success: true, data: [{ video_url: 'https://cdn.example/v.mp4', state: ' SUCCEEDED ' }] } };
			assert.equal(summarizeRecord(ok).state, 'succeeded');
			const running = { ...base(), response: { success: true, data: [{ state: 'Processing' }] } };
			const summary = summarizeRecord(running);
			assert.equal(summary.state, 'running');
			assert.equal(summary.rawState, undefined);
		});

		it('created_at in milliseconds', function () {
			assert.equal(summarizeRecord({ ...base(), created_at: 1753435158509 }).createdAt, 1753435158509);
		});

		it('created_at as a string of seconds or of milliseconds', function () {
			assert.equal(summarizeRecord({ ...base(), created_at: '1753435158.509' }).createdAt, 1753435158509);
			assert.equal(summarizeRecord({ ...base(), created_at: '1753435158509' }).createdAt, 1753435158509);
		});

		it("created_at as a date string: zone-less is the provider's UTC+8, a zone is kept", function () {
			assert.equal(summarizeRecord({ ...base(), created_at: '2025-07-25 17:19:18' }).createdAt, Date.UTC(2025, 6, 25, 9, 19, 18));
			assert.equal(summarizeRecord({ ...base(), created_at: '2025-07-25T09:19:18Z' }).createdAt, Date.UTC(2025, 6, 25, 9, 19, 18));
		});

		it('created_at absent, zero, negative, NaN, garbage or an object -> undefined', function () {
			for (const value of [undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, 'soon', '', {}, [], true]) {
				assert.equal(summarizeRecord({ ...base(), created_at: value }).createdAt, undefined, JSON.stringify(value));
			}
		});

		it('response {} (no state, no data) -> running', function () {
			assert.equal(summarizeRecord({ ...base(), response: {} }).state, 'running');
		});

		it('success:true with a URL but no state word -> succeeded', function () {
			const record = { ...base(), response: { success: true, data: [{ video_url: 'https://cdn.example/v.mp4' }] } };
			assert.equal(summarizeRecord(record).state, 'succeeded');
		});

		it('success:false without any error -> failed with a generic reason', function () {
			const summary = summarizeRecord({ ...base(), response: { success: false } });
			assert.equal(summary.state, 'failed');
			assert.ok(summary.failureReason && summary.failureReason.length > 0);
		});

		it('success:false with the error as a string', function () {
			assert.equal(summarizeRecord({ ...base(), response: { success: false, error: 'quota exceeded' } }).failureReason, 'quota exceeded');
		});

		it('success:false wins over a succeeded word with a URL', function () {
			const record = {
				...base(),
				response: { success: false, error: { message: 'no' }, data: [{ state: 'succeeded', video_url: 'https://cdn.example/v.mp4' }] },
			};
			assert.equal(summarizeRecord(record).state, 'failed');
		});

		it('fields of the wrong type are ignored, not thrown on', function () {
			const record = {
				id: 'x',
				request: 'not an object',
				response: { success: true, data: [{ state: 42, video_url: { href: 'x' }, id: ['v'] }] },
				trace_id: { a: 1 },
			};
			const summary = summarizeRecord(record);
			assert.equal(summary.prompt, undefined);
			assert.equal(summary.videoUrl, undefined);
			assert.equal(summary.videoId, undefined);
			assert.equal(summary.traceId, undefined);
			assert.equal(summary.state, 'running');
			assert.equal(summary.rawState, '42');
		});

		it('response as null or an array -> pending', function () {
			assert.equal(summarizeRecord({ ...base(), response: null }).state, 'pending');
			assert.equal(summarizeRecord({ ...base(), response: [] }).state, 'pending');
		});

		it('a follow-up task keeps the video id it continues', function () {
			const record = { ...base(), request: { action: 'get1080p', video_id: 'src-video' } };
			assert.equal(summarizeRecord(record).sourceVideoId, 'src-video');
		});
	});

	describe('stateLabel and state sets', function () {
		it('labels every state', function () {
			assert.equal(stateLabel({ state: 'notFound' }), 'not found');
			assert.equal(stateLabel({ state: 'unknown' }), 'not fetched yet');
			assert.equal(stateLabel({ state: 'failed' }), 'failed');
		});
		it('only pending and running are active', function () {
			assert.deepEqual([...ACTIVE_STATES].sort(), ['pending', 'running']);
			assert.ok(!FINISHED_STATES.has('pending') && !FINISHED_STATES.has('running') && !FINISHED_STATES.has('unknown'));
		});
	});

	it('readEpochMs treats values above 1e11 as milliseconds', function () {
		assert.equal(readEpochMs(1e11 + 1), 1e11 + 1);
		assert.equal(readEpochMs(99_999_999_999), 99_999_999_999_000);
	});
});

describe('state derivation as docs/api.md has it', function () {
	const VIDEO = 'https://platform.cdn.acedata.cloud/veo/x.mp4';
	const doneWords = ['succeeded', 'success', 'succeed', 'completed', 'complete', 'finished'];
	const failedWords = ['failed', 'failure', 'error', 'cancelled', 'canceled', 'rejected'];
	const activeWords = ['processing', 'running', 'pending', 'queued'];

	describe('every word, in data[].state and at the top level', function () {
		for (const word of doneWords) {
			it(`done word "${word}" with a video -> succeeded; without -> failed "finished without output"`, function () {
				assert.equal(summarizeRecord(succeededTask({ state: word, videoUrl: VIDEO })).state, 'succeeded');
				assert.equal(summarizeRecord(topLevelStatusTask({ status: word, shape: 'succeeded', videoUrl: VIDEO })).state, 'succeeded');
				for (const record of [finishedWithoutVideoTask({ state: word }), topLevelStatusTask({ status: word, shape: 'running' })]) {
					const summary = summarizeRecord(record);
					assert.equal(summary.state, 'failed');
					assert.match(summary.failureReason ?? '', /finished without output/);
				}
			});
		}
		for (const word of failedWords) {
			it(`failed word "${word}" -> failed`, function () {
				assert.equal(summarizeRecord(failedStateTask({ state: word as 'failed' })).state, 'failed');
				assert.equal(summarizeRecord(topLevelStatusTask({ status: word, shape: 'running' })).state, 'failed');
				assert.equal(
					summarizeRecord(topLevelStatusTask({ status: word.toUpperCase(), field: 'state', shape: 'pending' })).state,
					'failed',
					'any case, `state` too',
				);
			});
		}
		for (const word of activeWords) {
			it(`active word "${word}" -> running, polled again`, function () {
				for (const record of [runningTask({ state: word as 'running' }), topLevelStatusTask({ status: word, shape: 'pending' })]) {
					const summary = summarizeRecord(record);
					assert.equal(summary.state, 'running');
					assert.equal(summary.rawState, undefined);
					assert.ok(ACTIVE_STATES.has(summary.state));
				}
			});
		}
		for (const word of ['upscaling', 'moderating', 'paused']) {
			it(`unknown word "${word}" -> still active, shown raw`, function () {
				for (const record of [unknownStateTask({ state: word }), topLevelStatusTask({ status: word, shape: 'running' })]) {
					const summary = summarizeRecord(record);
					assert.equal(summary.state, 'running');
					assert.equal(stateLabel(summary), word);
				}
			});
		}
	});

	describe('precedence', function () {
		it('a top-level status outranks data[].state', function () {
			assert.equal(summarizeRecord(topLevelStatusTask({ status: 'failure', shape: 'succeeded', videoUrl: VIDEO })).state, 'failed');
			assert.equal(
				summarizeRecord(topLevelStatusTask({ status: 'succeed', shape: 'running', videoUrl: VIDEO })).state,
				'failed',
				'done without a URL in the record is still no output',
			);
			const running = summarizeRecord(topLevelStatusTask({ status: 'processing', shape: 'failedState' }));
			assert.equal(running.state, 'running');
		});

		it('a top-level status outranks success:false', function () {
			const record = topLevelStatusTask({ status: 'processing', shape: 'failed' });
			assert.equal(record.response?.success, false);
			assert.equal(summarizeRecord(record).state, 'running');
		});

		it('success:false with an error -> failed with error.message, trace_id kept', function () {
			const summary = summarizeRecord(failedTask({ errorMessage: 'Refused by moderation.', traceId: 'trace-42' }));
			assert.equal(summary.state, 'failed');
			assert.equal(summary.failureReason, 'Refused by moderation.');
			assert.equal(summary.traceId, 'trace-42');
		});

		it('a top-level failed word takes its reason from the error', function () {
			const record = { ...topLevelStatusTask({ status: 'rejected', shape: 'failed', errorMessage: 'Not allowed.' }) };
			assert.equal(summarizeRecord(record).failureReason, 'Not allowed.');
		});

		it('a top-level number is not a state word', function () {
			assert.equal(summarizeRecord({ ...runningTask(), status: 200 }).state, 'running');
		});
	});

	describe('finished_at', function () {
		it('with no result -> failed, finished without output', function () {
			const summary = summarizeRecord(finishedAtTask({ withVideo: false }));
			assert.equal(summary.state, 'failed');
			assert.match(summary.failureReason ?? '', /finished without output/);
		});

		it('with a video and no state word -> succeeded, completed at finished_at', function () {
			const record = finishedAtTask({ createdAt: 1753435158.509, finishedAt: 1753435306.5, videoUrl: VIDEO });
			delete record.response?.data?.[0]?.complete_at;
			const summary = summarizeRecord(record);
			assert.equal(summary.state, 'succeeded');
			assert.equal(summary.completedAtMs, 1753435306500);
		});

		it('with a running word and no video -> failed', function () {
			assert.equal(summarizeRecord({ ...runningTask(), finished_at: 1753435306 }).state, 'failed');
		});
	});

	it('complete_at is read as UTC+8 and lands on the same clock as created_at', function () {
		const record = succeededTask({ createdAt: 1753435158.509, completedAt: 1753435158.509 + 148, videoUrl: VIDEO });
		const summary = summarizeRecord(record);
		assert.match(summary.completedAt ?? '', /^2025-07-25 17:21:46$/, 'the fake writes UTC+8 like the provider');
		assert.equal(summary.completedAtMs, Date.UTC(2025, 6, 25, 9, 21, 46));
		assert.ok((summary.completedAtMs ?? 0) - (summary.createdAt ?? 0) < 150_000);
	});

	it('absent from a batch -> not found (TaskList)', function () {
		// Covered with the list in taskList.test.ts; here the word: not found is a finished state.
		assert.ok(FINISHED_STATES.has('notFound'));
		assert.equal(stateLabel({ state: 'notFound' }), 'not found');
	});
});

describe('giving up on a task that never finishes', function () {
	const NOW = Date.UTC(2025, 6, 25, 12, 0, 0);
	it('the setting: minutes to ms, 0 or nonsense = never', function () {
		assert.equal(giveUpAfterMs(30), 1_800_000);
		assert.equal(giveUpAfterMs(0), 0);
		assert.equal(giveUpAfterMs(-3), 0);
		assert.equal(giveUpAfterMs(Number.NaN), 0);
	});

	it('an active task older than the limit since its created_at is stalled, since created_at + limit', function () {
		const summary = summarizeRecord(stuckTask({ now: () => NOW, stuckForSeconds: 2 * 3600 }));
		assert.equal(summary.state, 'running');
		assert.equal(giveUpAt(summary, 30 * 60_000), NOW - 90 * 60_000);
		assert.equal(stalledSince(summary, NOW, 30 * 60_000), NOW - 90 * 60_000);
		assert.equal(stalledSince(summary, NOW, 0), undefined, '0 = never');
		assert.equal(stalledSince(summary, NOW, 3 * 3600_000), undefined, 'not old enough');
	});

	it('finished, failed, not found and never fetched tasks are never stalled', function () {
		const old = NOW - 5 * 3600_000;
		for (const state of ['succeeded', 'failed', 'notFound'] as const) {
			assert.equal(stalledSince({ state, createdAt: old }, NOW, 60_000), undefined, state);
		}
		assert.equal(stalledSince({ state: 'unknown' }, NOW, 60_000), undefined);
		assert.equal(stalledSince({ state: 'running' }, NOW, 60_000), undefined, 'no created_at: not given up on');
	});

	it('a stalled task that answers finished is finished', function () {
		const stuck = stuckTask({ now: () => NOW });
		const done = summarizeRecord(succeededTask({ id: stuck.id, createdAt: stuck.created_at, videoUrl: 'https://platform.cdn.acedata.cloud/veo/y.mp4' }));
		assert.equal(done.state, 'succeeded');
		assert.equal(stalledSince(done, NOW, 60_000), undefined);
	});
});
