/** The one clock (src/core/util/time.ts): the server's three ways of writing a time, and how times are shown. */
import * as assert from 'node:assert/strict';
import { describeTaskDuration, formatDateTime, formatDuration, isoTime, parseServerTime } from '../../../../src/core/util/time';
import { buildTaskPanelModel } from '../../../../src/core/view/taskPanelModel';
import { summarizeRecord } from '../../../../src/core/tasks/taskState';
import { exportTaskList } from '../../../../src/core/tasks/taskExport';
import { succeededTask } from '../../../fakeApi/records';

const SECOND = 1000;

describe('parseServerTime', function () {
	it('the provider\'s own example: created_at 1753435158.509 and data[].created_at "2025-07-25 17:19:20" are two seconds apart', function () {
		const created = parseServerTime(1753435158.509);
		const started = parseServerTime('2025-07-25 17:19:20');
		assert.equal(created, Date.UTC(2025, 6, 25, 9, 19, 18, 509));
		assert.equal(started, Date.UTC(2025, 6, 25, 9, 19, 20));
		assert.ok(started !== undefined && created !== undefined && started - created === 1491, 'UTC+8, not 8 hours apart');
	});

	const cases: [string, unknown, number | undefined][] = [
		['epoch seconds', 1753435158, Date.UTC(2025, 6, 25, 9, 19, 18)],
		['epoch seconds with a fraction', 1753435158.509, Date.UTC(2025, 6, 25, 9, 19, 18, 509)],
		['epoch milliseconds', 1753435158509, Date.UTC(2025, 6, 25, 9, 19, 18, 509)],
		['epoch seconds as a string', '1753435158.509', Date.UTC(2025, 6, 25, 9, 19, 18, 509)],
		['epoch milliseconds as a string', '1753435158509', Date.UTC(2025, 6, 25, 9, 19, 18, 509)],
		['zone-less provider string (UTC+8)', '2025-07-25 17:19:20', Date.UTC(2025, 6, 25, 9, 19, 20)],
		['zone-less across midnight', '2025-07-26 03:00:00', Date.UTC(2025, 6, 25, 19, 0, 0)],
		['zone-less ISO with a T', '2025-07-25T17:19:20', Date.UTC(2025, 6, 25, 9, 19, 20)],
		['zone-less with a fraction', '2025-07-25 17:19:20.250', Date.UTC(2025, 6, 25, 9, 19, 20, 250)],
		['a string in UTC keeps its zone', '2025-07-25T17:19:20Z', Date.UTC(2025, 6, 25, 17, 19, 20)],
		['a string with +08:00', '2025-07-25T17:19:20+08:00', Date.UTC(2025, 6, 25, 9, 19, 20)],
		['a string with -0500', '2025-07-25 17:19:20-0500', Date.UTC(2025, 6, 25, 22, 19, 20)],
		['zero', 0, undefined],
		['negative', -5, undefined],
		['NaN', Number.NaN, undefined],
		['beyond what a Date holds', 1e300, undefined],
		['garbage', 'soon', undefined],
		['a date that does not exist', '2025-02-31 10:00:00', undefined],
		['an hour that does not exist', '2025-07-25 25:00:00', undefined],
		['an object', {}, undefined],
		['an empty string', '', undefined],
	];
	for (const [name, value, expected] of cases) {
		it(`${name}: ${JSON.stringify(value)}`, function () {
			assert.equal(parseServerTime(value), expected);
		});
	}
});

describe('formatDateTime', function () {
	const moment = Date.UTC(2025, 6, 25, 9, 19, 18);
	it("shows the moment in the user's zone and names the zone", function () {
		assert.equal(formatDateTime(moment, { locale: 'en-US', timeZone: 'UTC' }), 'Jul 25, 2025, 09:19:18 AM UTC');
		assert.equal(formatDateTime(moment, { locale: 'en-US', timeZone: 'Asia/Shanghai' }), 'Jul 25, 2025, 05:19:18 PM GMT+8');
		assert.equal(formatDateTime(moment, { locale: 'en-US', timeZone: 'America/New_York' }), 'Jul 25, 2025, 05:19:18 AM EDT');
	});

	it('follows the display language', function () {
		const german = formatDateTime(moment, { locale: 'de', timeZone: 'Europe/Berlin' });
		assert.match(german, /25\. Juli? 2025/);
		assert.match(german, /11:19:18/);
		assert.notEqual(formatDateTime(moment, { locale: 'zh-cn', timeZone: 'UTC' }), formatDateTime(moment, { locale: 'en', timeZone: 'UTC' }));
	});

	it('an unknown locale or zone falls back instead of throwing', function () {
		assert.match(formatDateTime(moment, { locale: 'not a locale!', timeZone: 'UTC' }), /2025/);
		assert.match(formatDateTime(moment, { locale: 'en', timeZone: 'Mars/Olympus' }), /2025/);
		assert.equal(formatDateTime(Number.NaN), 'unknown');
	});

	it('export times are ISO 8601 with their offset', function () {
		assert.equal(isoTime(moment), '2025-07-25T09:19:18.000Z');
		assert.equal(isoTime(1e300), undefined);
	});
});

describe('durations', function () {
	const cases: [number, string][] = [
		[0, '0 sec'],
		[28 * SECOND, '28 sec'],
		[148 * SECOND, '2 min 28 sec'],
		[180 * SECOND, '3 min'],
		[(3600 + 5 * 60 + 7) * SECOND, '1 hr 5 min'],
		[2 * 3600 * SECOND, '2 hr'],
		[(26 * 3600 + 60) * SECOND, '1 day 2 hr'],
	];
	for (const [ms, text] of cases) {
		it(`${ms / SECOND} s -> "${text}"`, function () {
			assert.equal(formatDuration(ms, 'en'), text);
		});
	}

	it('is formatted in the display language by Intl', function () {
		assert.equal(formatDuration(148 * SECOND, 'de'), '2 Min. 28 Sek.');
	});

	it("took / running for, from the server's times", function () {
		const created = parseServerTime(1753435158.509);
		const completed = parseServerTime('2025-07-25 17:21:46');
		assert.equal(describeTaskDuration(created, completed, 0, 'en'), 'took 2 min 27 sec');
		assert.equal(describeTaskDuration(created, undefined, (created ?? 0) + 3 * 60 * SECOND, 'en'), 'running for 3 min');
		assert.equal(describeTaskDuration(undefined, completed, 0, 'en'), undefined, 'no start, no duration');
		assert.equal(describeTaskDuration(completed, created, 0, 'en'), undefined, 'an end before the start says nothing');
	});
});

describe('where the times are shown', function () {
	const created = 1753435158.509;
	const display = { locale: 'en-US', timeZone: 'Asia/Tokyo', giveUpAfterMs: 30 * 60_000 };

	it("the panel model: created, completed and duration on the user's clock", function () {
		const record = succeededTask({ createdAt: created, completedAt: created + 148, videoUrl: 'https://cdn.example/v.mp4' });
		const task = { id: record.id, addedAt: 0, summary: summarizeRecord(record) };
		const model = buildTaskPanelModel(task, record, {}, Date.UTC(2025, 6, 26), display);
		assert.equal(model.created, 'Jul 25, 2025, 06:19:18 PM GMT+9');
		assert.equal(model.completed, 'Jul 25, 2025, 06:21:46 PM GMT+9', 'complete_at read as UTC+8, shown in Tokyo');
		// The record's own `elapsed` (the job started 2 s after the record was written), as the web client shows it.
		assert.equal(model.duration, 'took 2 min 26 sec');
		assert.equal(model.stalledSince, undefined);
	});

	it('the panel model of a stalled task says since when', function () {
		const task = { id: 'x', addedAt: 0, summary: { state: 'running' as const, createdAt: created * 1000 } };
		const model = buildTaskPanelModel(task, undefined, {}, created * 1000 + 3600_000, display);
		assert.equal(model.stalledSince, 'Jul 25, 2025, 06:49:18 PM GMT+9');
		assert.match(model.stateLabel, /stalled/);
		assert.equal(model.duration, 'running for 1 hr');
	});

	it('the export: ISO 8601 times, completion included', function () {
		const task = {
			id: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
			addedAt: 0,
			summary: { state: 'succeeded' as const, createdAt: created * 1000, completedAtMs: (created + 148) * 1000 },
		};
		const [entry] = exportTaskList([task], Date.UTC(2025, 6, 26)).tasks;
		assert.equal(entry.createdAt, '2025-07-25T09:19:18.509Z');
		assert.equal(entry.completedAt, '2025-07-25T09:21:46.509Z');
	});
});
