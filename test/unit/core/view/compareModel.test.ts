/** Compare Takes' pure parts: the word-by-word prompt diff, the compare model and the picker's order. */
import * as assert from 'node:assert/strict';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import { diffPrompts, diffTakes, diffWords, MAX_DIFF_WORDS } from '../../../../src/core/view/promptDiff';
import { buildCompareModel, compareLabels, siblingsFirst, takesOfPageState } from '../../../../src/core/view/compareModel';

let next = 0;
function take(prompt: string, extra: Partial<TrackedTask['summary']> = {}, task: Partial<TrackedTask> = {}): TrackedTask {
	next++;
	return {
		id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
		addedAt: next,
		summary: { state: 'succeeded', prompt, videoUrl: 'https://cdn.example.com/v.mp4', ...extra },
		...task,
	};
}

const changed = (parts: { text: string; changed: boolean }[]): string[] => parts.filter((part) => part.changed).map((part) => part.text.trim());

describe('Prompt diff', () => {
	it('splits into words that join back into the prompt', () => {
		const text = '  A cat\n\nsits   on a mat. ';
		assert.equal(diffWords(text).join(''), text);
		assert.deepEqual(diffWords(''), []);
	});

	it('marks the words each prompt has that the other lacks', () => {
		const diff = diffPrompts('A red fox runs through snow', 'A grey fox walks through deep snow');
		assert.deepEqual(changed(diff.a), ['red', 'runs']);
		assert.deepEqual(changed(diff.b), ['grey', 'walks', 'deep']);
		assert.equal(diff.a.map((part) => part.text).join(''), 'A red fox runs through snow');
	});

	it('marks nothing for equal prompts, and ignores changes of spacing', () => {
		const diff = diffPrompts('A fox  in snow', 'A fox in\nsnow');
		assert.deepEqual(changed(diff.a), []);
		assert.deepEqual(changed(diff.b), []);
	});

	it('marks the whole of two very long prompts as different instead of spending quadratic time', () => {
		const long = Array.from({ length: MAX_DIFF_WORDS + 1 }, (_, i) => `w${i}`).join(' ');
		const diff = diffPrompts(long, `${long} more`);
		assert.ok(diff.a.every((part) => part.changed));
	});

	it('compares every take with the first: the first marks what any other lacks', () => {
		const [first, second, third] = diffTakes(['a fox in snow', 'a fox in rain', 'a wolf in snow']);
		assert.deepEqual(changed(first), ['fox', 'snow']);
		assert.deepEqual(changed(second), ['rain']);
		assert.deepEqual(changed(third), ['wolf']);
	});
});

describe('Compare model', () => {
	it('highlights the parameters that differ and leaves equal ones plain', () => {
		const a = take('A fox in snow', { model: 'veo3' });
		const b = take('A fox in rain', { model: 'veo31-fast' });
		const model = buildCompareModel([
			{ task: a, record: { id: a.id, request: { aspect_ratio: '16:9', resolution: '1080p', translation: true } } },
			{ task: b, record: { id: b.id, request: { aspect_ratio: '16:9', translation: true } } },
		]);
		const rows = Object.fromEntries(model.rows.map((row) => [row.key, row]));
		assert.equal(rows.model.differs, true);
		assert.deepEqual(rows.model.values, ['veo3', 'veo31-fast']);
		assert.equal(rows.aspectRatio.differs, false);
		assert.equal(rows.resolution.differs, true);
		assert.deepEqual(rows.resolution.values, ['1080p', 'default']);
		assert.equal(rows.translation.differs, false);
		assert.equal(model.promptsDiffer, true);
		assert.deepEqual(changed(model.takes[1].prompt), ['rain']);
		assert.deepEqual(Object.keys(model.labels).sort(), Object.keys(compareLabels()).sort());
	});

	it('plays only playable URLs of succeeded takes and shows the kept mark', () => {
		const model = buildCompareModel([
			{ task: take('x', { videoUrl: 'file:///etc/passwd' }) },
			{ task: take('x', {}, { kept: true }) },
			{ task: take('x', { state: 'running' }) },
		]);
		assert.deepEqual(
			model.takes.map((entry) => [entry.videoUrl, entry.kept]),
			[
				[undefined, false],
				['https://cdn.example.com/v.mp4', true],
				[undefined, false],
			],
		);
		assert.equal(model.promptsDiffer, false);
	});

	it('offers siblings of the same prompt first in the picker', () => {
		const anchor = take('A fox in snow');
		const other = take('A cat');
		const sibling = take('A fox in snow');
		const ordered = siblingsFirst(anchor, [other, anchor, sibling]);
		assert.deepEqual(
			ordered.map((task) => task.id),
			[sibling.id, other.id],
		);
	});

	it('reads the takes of a saved page, and nothing from a foreign or damaged state', () => {
		assert.deepEqual(takesOfPageState({ taskIds: ['a', 'b', 'a', 3, 'c', 'd', 'e'] }), ['a', 'b', 'c', 'd']);
		assert.deepEqual(takesOfPageState({ taskId: 'a' }), []);
		assert.deepEqual(takesOfPageState(undefined), []);
		assert.deepEqual(takesOfPageState({ taskIds: ['x'.repeat(101)] }), []);
	});
});
