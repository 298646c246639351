// Benchmark: the gallery's first render with 5,000 tracked tasks. Two halves:
// - in plain Node: building the gallery's model from 5,000 finished tasks (what the host sends the
//   page), its size as JSON, filtering and sorting it (what the page does on each keystroke), and
//   the window of cards the page builds for a 1,200 x 800 viewport (how many <video> elements exist);
// - in the real page: the integration test "with 5,000 tasks builds only the cards on screen…"
//   (test/suite/gallery.test.ts) opens the gallery in VS Code with 5,000 tasks and writes what the
//   page measured (first render, <video> elements, most loading at once) to
//   test-artifacts/gallery-bench.json, which this benchmark reports when it is there.

import fs from 'node:fs';
import path from 'node:path';
import { check, fromOut, kb, median, printChecks, printTable, REPO_ROOT, round } from './lib.mjs';

const TASKS = 5000;
const RUNS = 15;

export async function runGallery() {
	const started = performance.now();
	const { TaskList } = fromOut('src/core/tasks/taskList');
	const { buildGalleryModel } = fromOut('src/core/view/galleryModel');
	const { DEFAULT_GALLERY_FILTER, filterCards, visibleWindow, MAX_CONCURRENT_VIDEO_LOADS } = fromOut('src/core/view/galleryFilter');
	const now = Date.now();
	const list = new TaskList();
	const ids = Array.from({ length: TASKS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
	list.addEntries(
		ids.map((id) => ({ id })),
		now,
		{
			state: 'succeeded',
			prompt: 'A red fox trotting through fresh snow in a birch forest, camera slowly orbiting the subject',
			model: 'veo31-fast',
			videoUrl: 'https://cdn.example.com/video.mp4',
			createdAt: now - 60_000,
		},
	);

	const modelRuns = [];
	let model;
	for (let run = 0; run < RUNS; run++) {
		const t0 = performance.now();
		model = buildGalleryModel(list.all(), now);
		modelRuns.push(performance.now() - t0);
	}
	const json = JSON.stringify(model);
	const filterRuns = [];
	for (let run = 0; run < RUNS; run++) {
		const t0 = performance.now();
		filterCards(model.cards, { ...DEFAULT_GALLERY_FILTER, text: 'fox snow' });
		filterRuns.push(performance.now() - t0);
	}
	const shape = visibleWindow(TASKS, { width: 1200 - 24, minCardWidth: 240, rowHeight: 274, gap: 12 }, 0, 800);
	const cardsBuilt = shape.end - shape.first;
	list.dispose();

	let page;
	const pageFile = path.join(REPO_ROOT, 'test-artifacts', 'gallery-bench.json');
	if (fs.existsSync(pageFile)) {
		try {
			page = JSON.parse(fs.readFileSync(pageFile, 'utf8'));
		} catch {
			page = undefined;
		}
	}

	const modelMs = median(modelRuns);
	const filterMs = median(filterRuns);
	console.log(`\n== gallery: first render with ${TASKS.toLocaleString('en')} tasks ==`);
	const rows = [
		['model of 5,000 cards (host)', `${round(modelMs, 1)} ms`],
		['model as JSON (posted once)', kb(json.length)],
		['filter + sort 5,000 cards (page)', `${round(filterMs, 1)} ms`],
		['cards built, 1200x800 viewport', String(cardsBuilt)],
		['<video> loading at once, at most', String(MAX_CONCURRENT_VIDEO_LOADS)],
	];
	if (page) {
		rows.push(
			['page: first render (real VS Code)', `${page.firstRenderMs} ms`],
			['page: <video> elements', String(page.videos)],
			['page: most loading at once', String(page.peakLoading)],
		);
	} else {
		rows.push(['page figures', 'run the gallery integration test first']);
	}
	printTable(['measure', 'value'], rows);
	const checks = [
		check('gallery model of 5,000 tasks', `${round(modelMs, 1)} ms`, '< 100 ms', modelMs < 100),
		check('gallery filter of 5,000 cards', `${round(filterMs, 1)} ms`, '< 16 ms', filterMs < 16),
		check('gallery cards built at once', String(cardsBuilt), '<= 40', cardsBuilt <= 40),
	];
	if (page) {
		checks.push(
			check(
				'gallery <video> loading at once (page)',
				String(page.peakLoading),
				`<= ${MAX_CONCURRENT_VIDEO_LOADS}`,
				page.peakLoading <= MAX_CONCURRENT_VIDEO_LOADS,
			),
		);
	}
	printChecks(checks);
	return {
		json: {
			tasks: TASKS,
			model5000Ms: round(modelMs, 2),
			modelJsonBytes: json.length,
			filter5000Ms: round(filterMs, 2),
			cardsBuilt1200x800: cardsBuilt,
			maxConcurrentVideoLoads: MAX_CONCURRENT_VIDEO_LOADS,
			page: page ?? null,
		},
		checks,
		ms: performance.now() - started,
	};
}
