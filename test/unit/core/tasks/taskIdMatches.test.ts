/** Task IDs in a line, for hovers and terminal links. */
import * as assert from 'node:assert/strict';
import { taskIdAt, taskIdsInLine } from '../../../../src/core/tasks/taskIdMatches';

const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

describe('Task IDs in a line', () => {
	it('finds each ID with its position, lower-cased', () => {
		const line = `task_id: "${ID.toUpperCase()}", parent ${ID}`;
		assert.deepEqual(taskIdsInLine(line), [
			{ id: ID, start: 10, length: 36 },
			{ id: ID, start: line.lastIndexOf(ID), length: 36 },
		]);
	});

	it('ignores runs that only look like IDs: longer runs, wrong groups, non-hex', () => {
		assert.deepEqual(taskIdsInLine(`${ID}-0`), []);
		assert.deepEqual(taskIdsInLine(`a${ID}`), []);
		assert.deepEqual(taskIdsInLine('6f1e2d3c4b5a-4978-8695-a4b3-c2d1e0f9----'), []);
		assert.deepEqual(taskIdsInLine('zzzzzzzz-4b5a-4978-8695-a4b3c2d1e0f9'), []);
	});

	it('answers short lines and lines without a dash without a match', () => {
		assert.deepEqual(taskIdsInLine(''), []);
		assert.deepEqual(taskIdsInLine('x'.repeat(10_000)), []);
		assert.deepEqual(taskIdsInLine('6f1e2d3c'), []);
	});

	it('finds the ID under a position', () => {
		const line = `id=${ID} done`;
		assert.equal(taskIdAt(line, 3)?.id, ID);
		assert.equal(taskIdAt(line, 20)?.id, ID);
		assert.equal(taskIdAt(line, 0), undefined);
		assert.equal(taskIdAt(line, line.length - 1), undefined);
	});
});
