/** The gallery's pure parts: its cards, filter and sort, the window of cards on screen and the load limit. */
import * as assert from 'node:assert/strict';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import type { TaskState } from '../../../../src/core/tasks/taskState';
import { buildGalleryModel, galleryLabels, galleryMediaSources, promptFileField } from '../../../../src/core/view/galleryModel';
import {
	DEFAULT_GALLERY_FILTER,
	filterCards,
	gridColumns,
	LoadQueue,
	MAX_CONCURRENT_VIDEO_LOADS,
	readGalleryFilter,
	visibleWindow,
} from '../../../../src/core/view/galleryFilter';
import type { GalleryFilter } from '../../../../src/core/view/galleryProtocol';
import { setLoopbackVideosAllowed } from '../../../../src/core/api/urlPolicy';

const NOW = Date.UTC(2026, 11, 7, 12);
const MINUTE = 60_000;
let next = 0;

function task(
	state: TaskState,
	options: { prompt?: string; model?: string; minutesAgo?: number; videoUrl?: string; kept?: boolean; promptFile?: string } = {},
): TrackedTask {
	next++;
	const createdAt = NOW - (options.minutesAgo ?? next) * MINUTE;
	const result: TrackedTask = {
		id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
		addedAt: createdAt,
		summary: {
			state,
			createdAt,
			prompt: options.prompt,
			model: options.model,
			videoUrl: options.videoUrl ?? (state === 'succeeded' ? 'https://cdn.example.com/v.mp4' : undefined),
		},
	};
	if (options.kept) {
		result.kept = true;
	}
	if (options.promptFile) {
		result.promptFile = { path: options.promptFile, hash: '00000000' };
	}
	return result;
}

const filter = (change: Partial<GalleryFilter>): GalleryFilter => ({ ...DEFAULT_GALLERY_FILTER, ...change });

describe('Gallery model', () => {
	// The fake API serves videos on loopback: allowed as for an API on loopback (urlPolicy.ts).
	before(() => setLoopbackVideosAllowed(true));
	after(() => setLoopbackVideosAllowed(false));

	it('has a card per finished task and none for running, pending or unfetched ones', () => {
		const tasks = [task('succeeded'), task('running'), task('pending'), task('failed'), task('unknown'), task('notFound')];
		const model = buildGalleryModel(tasks, NOW);
		assert.deepEqual(
			model.cards.map((card) => card.state),
			['succeeded', 'failed', 'notFound'],
		);
		assert.equal(model.tracked, 6);
		assert.deepEqual(Object.keys(model.labels).sort(), Object.keys(galleryLabels()).sort());
	});

	it('plays only playable URLs, and only for succeeded tasks', () => {
		const model = buildGalleryModel(
			[
				task('succeeded', { videoUrl: 'javascript:alert(1)' }),
				task('succeeded', { videoUrl: 'http://example.com/v.mp4' }),
				task('succeeded', { videoUrl: 'http://127.0.0.1:4000/v.mp4' }),
			],
			NOW,
		);
		assert.deepEqual(
			model.cards.map((card) => card.videoUrl),
			[undefined, undefined, 'http://127.0.0.1:4000/v.mp4'],
		);
	});

	it('lists the models and prompt files as filter choices, and the kept mark', () => {
		const model = buildGalleryModel(
			[
				task('succeeded', { model: 'veo3' }),
				task('succeeded', { model: 'veo31-fast', promptFile: 'prompts/sea.veo.md', kept: true }),
				task('failed', { model: 'veo3' }),
			],
			NOW,
		);
		assert.deepEqual(model.models, ['veo3', 'veo31-fast']);
		assert.deepEqual(model.promptFiles, ['prompts/sea.veo.md']);
		assert.deepEqual(
			model.cards.map((card) => card.kept),
			[false, true, false],
		);
	});

	it('reads the prompt file only as a string field', () => {
		assert.equal(promptFileField({ ...task('succeeded'), promptFile: 42 } as unknown as TrackedTask), undefined);
		assert.equal(promptFileField(task('succeeded', { promptFile: 'a.veo.md' })), 'a.veo.md');
		assert.equal(promptFileField({ ...task('succeeded'), promptFile: { path: 'prompts/b.veo.md', hash: 'x' } } as unknown as TrackedTask), 'prompts/b.veo.md');
		assert.equal(promptFileField({ ...task('succeeded'), promptFile: { path: 7 } } as unknown as TrackedTask), undefined);
	});

	it('allows https and the exact loopback origins of its videos, nothing else', () => {
		assert.equal(
			galleryMediaSources([
				'https://cdn.example.com/a.mp4',
				'http://127.0.0.1:4000/b.mp4',
				'http://evil.example.com/c.mp4',
				'data:video/mp4,xx',
				undefined,
				'http://127.0.0.1:4000/d.mp4',
			]),
			'https: http://127.0.0.1:4000',
		);
	});
});

describe('Gallery filter and sort', () => {
	const cards = buildGalleryModel(
		[
			task('succeeded', { prompt: 'A lighthouse in a storm', model: 'veo3', minutesAgo: 5 }),
			task('succeeded', { prompt: 'A quiet harbour at dawn', model: 'veo31-fast', minutesAgo: 1, kept: true }),
			task('failed', { prompt: 'Storm over the harbour', model: 'veo3', minutesAgo: 10, promptFile: 'sea.veo.md' }),
		],
		NOW,
	).cards;
	const prompts = (shown: typeof cards): string[] => shown.map((card) => card.prompt);

	it('sorts by date, newest or oldest first', () => {
		assert.deepEqual(prompts(filterCards(cards, filter({}))), ['A quiet harbour at dawn', 'A lighthouse in a storm', 'Storm over the harbour']);
		assert.deepEqual(prompts(filterCards(cards, filter({ sort: 'oldest' }))), ['Storm over the harbour', 'A lighthouse in a storm', 'A quiet harbour at dawn']);
	});

	it('filters by every word of the text, ignoring case, in prompt, model and ID', () => {
		assert.deepEqual(prompts(filterCards(cards, filter({ text: 'STORM' }))), ['A lighthouse in a storm', 'Storm over the harbour']);
		assert.deepEqual(prompts(filterCards(cards, filter({ text: 'storm harbour' }))), ['Storm over the harbour']);
		assert.deepEqual(prompts(filterCards(cards, filter({ text: 'veo31' }))), ['A quiet harbour at dawn']);
		assert.deepEqual(prompts(filterCards(cards, filter({ text: cards[0].id.slice(-6) }))), [cards[0].prompt]);
	});

	it('filters by state, model, prompt file and kept', () => {
		assert.deepEqual(prompts(filterCards(cards, filter({ state: 'failed' }))), ['Storm over the harbour']);
		assert.deepEqual(prompts(filterCards(cards, filter({ model: 'veo3' }))), ['A lighthouse in a storm', 'Storm over the harbour']);
		assert.deepEqual(prompts(filterCards(cards, filter({ promptFile: 'sea.veo.md' }))), ['Storm over the harbour']);
		assert.deepEqual(prompts(filterCards(cards, filter({ keptOnly: true }))), ['A quiet harbour at dawn']);
		assert.deepEqual(filterCards(cards, filter({ model: 'veo2' })), []);
	});

	it('reads a saved filter field by field, dropping what it does not know', () => {
		assert.deepEqual(readGalleryFilter(undefined), DEFAULT_GALLERY_FILTER);
		assert.deepEqual(readGalleryFilter({ text: 'sea', state: 'running', sort: 'oldest', keptOnly: 'yes', model: 3 }), {
			...DEFAULT_GALLERY_FILTER,
			text: 'sea',
			sort: 'oldest',
		});
	});
});

describe('Gallery window', () => {
	const geometry = { width: 1000, minCardWidth: 240, rowHeight: 274, gap: 12 };

	it('fits as many columns as the width allows, at least one', () => {
		assert.equal(gridColumns(geometry), 4);
		assert.equal(gridColumns({ ...geometry, width: 100 }), 1);
		assert.equal(gridColumns({ ...geometry, width: 240 * 2 + 12 }), 2);
	});

	it('builds only the rows on screen and one row either side, whatever the number of cards', () => {
		const shape = visibleWindow(5_000, geometry, 0, 800);
		assert.equal(shape.first, 0);
		// ceil(800 / 274) = 3 rows on screen, plus one below: 4 rows of 4.
		assert.equal(shape.end, 16);
		assert.equal(shape.totalHeight, 1_250 * 274);
		const scrolled = visibleWindow(5_000, geometry, 274 * 600 + 10, 800);
		assert.equal(scrolled.first, 599 * 4);
		assert.equal(scrolled.offsetTop, 599 * 274);
		assert.ok(scrolled.end - scrolled.first <= 5 * 4);
	});

	it('stops at the last card and handles an empty grid', () => {
		const atEnd = visibleWindow(10, geometry, 10_000, 800);
		assert.equal(atEnd.end, 10);
		assert.ok(atEnd.first <= atEnd.end);
		assert.deepEqual(visibleWindow(0, geometry, 0, 800), { columns: 4, first: 0, end: 0, offsetTop: 0, totalHeight: 0 });
	});
});

describe('Gallery load queue', () => {
	it('never runs more than its limit at once, first asked first served', () => {
		const started: string[] = [];
		const queue = new LoadQueue((id) => started.push(id));
		for (let i = 0; i < 20; i++) {
			queue.request(`v${i}`);
		}
		assert.equal(queue.active, MAX_CONCURRENT_VIDEO_LOADS);
		assert.equal(queue.queued, 20 - MAX_CONCURRENT_VIDEO_LOADS);
		queue.release('v0');
		assert.equal(started.at(-1), `v${MAX_CONCURRENT_VIDEO_LOADS}`);
		assert.equal(queue.active, MAX_CONCURRENT_VIDEO_LOADS);
		assert.equal(queue.peak, MAX_CONCURRENT_VIDEO_LOADS);
	});

	it('forgets a card that left the screen before its turn, and ignores a second request', () => {
		const started: string[] = [];
		const queue = new LoadQueue((id) => started.push(id), 1);
		queue.request('a');
		queue.request('a');
		queue.request('b');
		queue.request('c');
		queue.release('b');
		queue.release('a');
		assert.deepEqual(started, ['a', 'c']);
	});
});
