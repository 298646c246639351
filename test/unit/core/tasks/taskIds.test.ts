/** parseTaskIdInput / findTaskIds: what a person types or pastes into "Add Task ID…". */
import * as assert from 'node:assert/strict';
import { findTaskIds, isTaskId, normalizeTaskId, parseTaskIdInput } from '../../../../src/core/tasks/taskIds';
import { growthRatio, quadraticBound } from '../../../support/growth';

const A = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const B = '0b9c8d7e-6f50-4a1b-9c2d-3e4f5a6b7c8d';
const C = 'c0ffee00-1234-4abc-8def-0123456789ab';
const TRACE = '9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a';

describe('parseTaskIdInput', function () {
	it('reads one id', function () {
		assert.deepEqual(parseTaskIdInput(A), { ids: [A], invalid: [], repeated: [] });
	});

	it('trims surrounding white space', function () {
		assert.deepEqual(parseTaskIdInput(`  \n\t${A}  \n`).ids, [A]);
	});

	it('empty and blank input -> nothing', function () {
		assert.deepEqual(parseTaskIdInput(''), { ids: [], invalid: [], repeated: [] });
		assert.deepEqual(parseTaskIdInput(' \n , ; '), { ids: [], invalid: [], repeated: [] });
	});

	for (const [name, separator] of [
		['spaces', ' '],
		['commas', ','],
		['commas and spaces', ', '],
		['new lines', '\n'],
		['CRLF', '\r\n'],
		['tabs', '\t'],
		['semicolons', ';'],
	] as const) {
		it(`reads several ids separated by ${name}, in order`, function () {
			assert.deepEqual(parseTaskIdInput([A, B, C].join(separator)), { ids: [A, B, C], invalid: [], repeated: [] });
		});
	}

	it('normalises upper-case ids to lower case', function () {
		assert.deepEqual(parseTaskIdInput(`${A.toUpperCase()} ${B}`).ids, [A, B]);
	});

	it('reports duplicates as repeated and keeps each id once, case-insensitively', function () {
		const parsed = parseTaskIdInput(`${A}\n${B}\n${A.toUpperCase()}\n${A}`);
		assert.deepEqual(parsed.ids, [A, B]);
		assert.deepEqual(parsed.repeated, [A]);
		assert.deepEqual(parsed.invalid, []);
	});

	it('reports invalid tokens and keeps the valid ones', function () {
		const short = A.slice(0, -1);
		const parsed = parseTaskIdInput(`${A}, hello, ${short}, 12345 ${B} ${A}x`);
		assert.deepEqual(parsed.ids, [A, B]);
		assert.deepEqual(parsed.invalid, ['hello', short, '12345', `${A}x`]);
	});

	it('rejects ids with non-hex characters or wrong grouping', function () {
		const parsed = parseTaskIdInput('6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0fg 6f1e2d3c4b5a-4978-8695-a4b3c2d1e0f9-');
		assert.deepEqual(parsed.ids, []);
		assert.equal(parsed.invalid.length, 2);
	});

	it('strips quotes, angle brackets, parentheses and a final full stop around an id', function () {
		assert.deepEqual(parseTaskIdInput(`'${A}' <${B}> (${C}).`).ids, [A, B, C]);
	});

	it('finds the task id in a pasted /veo/videos answer', function () {
		const blob = `{"success": true, "task_id": "${A}", "trace_id": "${TRACE}"}`;
		const parsed = parseTaskIdInput(blob);
		assert.ok(parsed.ids.includes(A), JSON.stringify(parsed));
		assert.deepEqual(parsed.invalid, []);
	});

	it('finds the task ids in pasted curl output', function () {
		const curl = [
			`$ curl -X POST 'https://api.acedata.cloud/veo/tasks' -H 'authorization: Bearer sk-xyz' -H 'content-type: application/json' -d '{"action":"retrieve_batch","ids":["${A}","${B.toUpperCase()}"]}'`,
			'< HTTP/2 200',
			'< content-type: application/json',
			`{"items":[{"id":"${A}","created_at":1753435158.5},{"id":"${B}"}],"count":2}`,
		].join('\n');
		const parsed = parseTaskIdInput(curl);
		assert.ok(parsed.ids.includes(A) && parsed.ids.includes(B), JSON.stringify(parsed));
		assert.deepEqual(parsed.invalid, []);
		assert.ok(!parsed.ids.includes(B.toUpperCase()));
	});

	it('adds only the task id, not the trace id, from a pasted /veo/videos answer', function () {
		// The most common paste: the answer of POST /veo/videos with async: true (docs/api.md).
		// A trace id is not a task id: retrieve_batch never returns it, so it would sit as "not found" forever.
		const blob = `{"success": true, "task_id": "${A}", "trace_id": "${TRACE}"}`;
		assert.deepEqual(parseTaskIdInput(blob).ids, [A]);
	});

	it('adds only the task id from a pasted task record, not its api/application/credential/user/trace ids', function () {
		const record = {
			_id: '6880c8167d2ee1ba3e0ba8bc',
			id: A,
			api_id: '52a0fa83-3c78-4793-b45a-c1a5c869ae46',
			application_id: 'b7341df0-3a87-40ef-8f3c-a7dda97816a2',
			credential_id: '1f64eaaa-eff0-4f18-bfc2-8c5b1e7949ae',
			user_id: 'ad7afe47-cea9-4cda-980f-2ad8810e51cf',
			trace_id: TRACE,
			created_at: 1753435158.509,
			response: { success: true, task_id: A, trace_id: TRACE, data: [{ id: 'abcdef0123456789abcdef0123456789', state: 'succeeded' }] },
		};
		assert.deepEqual(parseTaskIdInput(JSON.stringify(record, null, 2)).ids, [A]);
	});
});

describe('findTaskIds', function () {
	it('finds every UUID in order of appearance, lower-cased', function () {
		assert.deepEqual(findTaskIds(`first ${B.toUpperCase()} then ${A}, and again ${B}`), [B, A, B]);
	});

	it('does not match a UUID that is part of a longer token', function () {
		assert.deepEqual(findTaskIds(`x${A} ${A}0 ${A}-1 a-${A}`), []);
	});

	it('finds ids inside URLs, quotes and JSON', function () {
		assert.deepEqual(findTaskIds(`https://cdn.example/veo/${A}.mp4 "${B}" {"id":"${C}"}`), [A, B, C]);
	});

	it('does not take a 32-hex video id for a task id', function () {
		assert.deepEqual(findTaskIds('abcdef0123456789abcdef0123456789'), []);
	});

	it('is fast on a large paste', function () {
		const text = `${'noise '.repeat(200_000)}${A}`;
		const started = Date.now();
		assert.deepEqual(findTaskIds(text), [A]);
		assert.ok(Date.now() - started < 500);
	});
});

describe('isTaskId / normalizeTaskId', function () {
	it('accepts UUIDs in any case, nothing else', function () {
		assert.ok(isTaskId(A));
		assert.ok(isTaskId(A.toUpperCase()));
		assert.ok(!isTaskId(` ${A}`));
		assert.ok(!isTaskId(`${A}\n`));
		assert.ok(!isTaskId(''));
		assert.ok(!isTaskId(A.replace(/-/g, '')));
	});
	it('normalizes by trimming and lower-casing', function () {
		assert.equal(normalizeTaskId(`  ${A.toUpperCase()} `), A);
	});
});

describe('parseTaskIdInput: long punctuation runs and Chinese input', function () {
	it('trims a run of 40,000 dots in linear time, also when something follows the run', function () {
		// The regex this replaces retried the end anchor from every dot when a letter followed the run:
		// 40,000 dots and an x took about 2.5 s, 10x more dots 100x longer.
		const cases: [string, (n: number) => string, string[], (n: number) => string[]][] = [
			['dots after an id', (n) => `${A}${'.'.repeat(n)}`, [A], () => []],
			['dots then a letter', (n) => `${'.'.repeat(n)}x`, [], (n) => [`${'.'.repeat(n)}x`]],
			['an id, dots, a letter', (n) => `${A}${'.'.repeat(n)}x ${B}`, [B], (n) => [`${A}${'.'.repeat(n)}x`]],
			['brackets then an id', (n) => `${'('.repeat(n)}${A}`, [A], () => []],
		];
		for (const [name, input, ids, invalid] of cases) {
			const ratio = growthRatio(
				(n) => {
					const parsed = parseTaskIdInput(input(n));
					assert.deepEqual(parsed.ids, ids);
					assert.deepEqual(parsed.invalid, invalid(n));
				},
				4_000,
				5,
				10,
			);
			// 4,000 against 40,000: linear is about 10; quadratic about 100.
			assert.ok(ratio < quadraticBound(10), `${name}: 10x the punctuation took ${ratio.toFixed(1)}x the time`);
		}
	});

	it('a token of only punctuation is no id and no invalid token', function () {
		assert.deepEqual(parseTaskIdInput('.'.repeat(40_000)), { ids: [], invalid: [], repeated: [] });
	});

	for (const [name, separator] of [
		['full-width commas', '，'],
		['full-width semicolons', '；'],
		['ideographic commas', '、'],
		['ideographic spaces', '\u3000'],
		['full-width commas and new lines', '，\n'],
	] as const) {
		it(`reads ids separated by ${name}`, function () {
			assert.deepEqual(parseTaskIdInput([A, B, C].join(separator)), { ids: [A, B, C], invalid: [], repeated: [] });
		});
	}

	it('strips full-width quotes and brackets and a final 。', function () {
		assert.deepEqual(parseTaskIdInput(`“${A}”，「${B}」、（${C}）。`).ids, [A, B, C]);
	});

	it('full-width digits and letters are not an id (reported back as invalid)', function () {
		const fullWidth = A.replace(/[0-9a-f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');
		const parsed = parseTaskIdInput(`${fullWidth}，${B}`);
		assert.deepEqual(parsed.ids, [B]);
		assert.deepEqual(parsed.invalid, [fullWidth]);
		assert.deepEqual(findTaskIds(`{"id":"${fullWidth}"}`), []);
	});

	it('an id glued to full-width letters or digits is part of a longer word; one beside Chinese text is an id', function () {
		assert.deepEqual(findTaskIds(`{"x":"ａ${A}"} {"y":"${B}９"}`), []);
		assert.deepEqual(parseTaskIdInput(`任务ID：${A}，任务${B}完成`).ids, [A, B]);
	});
});
