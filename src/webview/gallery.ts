/**
 * The gallery's page: a grid of finished videos, filtered and sorted here (the host sends every
 * card), of which only the rows on screen exist in the DOM (visibleWindow) and only the cards on
 * screen load their video's metadata, at most MAX_CONCURRENT_VIDEO_LOADS at once (LoadQueue).
 * Messages follow src/core/view/galleryProtocol.ts.
 */
import type {
	GalleryCard,
	GalleryCommand,
	GalleryFilter,
	GalleryHostMessage,
	GalleryInspection,
	GalleryModel,
	GalleryPageState,
} from '../core/view/galleryProtocol';
import { DEFAULT_GALLERY_FILTER, filterCards, LoadQueue, readGalleryFilter, visibleWindow, type GridGeometry } from '../core/view/galleryFilter';
import { el, format, inlineHandlers, option, vscodeApi } from './dom';

const started = performance.now();
const vscode = vscodeApi<GalleryPageState>();
const app = document.getElementById('app') as HTMLElement;

/** Card geometry: fixed, so the window of cards on screen is simple arithmetic. Matches media/gallery.css. */
const MIN_CARD_WIDTH = 240;
const GAP = 12;
const ROW_HEIGHT = 262 + GAP;

let model: GalleryModel | undefined;
const saved = vscode.getState();
let filter: GalleryFilter = readGalleryFilter(saved?.filter ?? DEFAULT_GALLERY_FILTER);
const selected = new Set<string>(Array.isArray(saved?.selected) ? saved.selected.filter((id) => typeof id === 'string') : []);
let matching: GalleryCard[] = [];
let firstRenderMs = -1;

interface CardView {
	card: GalleryCard;
	root: HTMLElement;
	video?: HTMLVideoElement;
	loaded: boolean;
}
/** The cards in the DOM now, by task ID. */
const views = new Map<string, CardView>();
const loaded = new Set<string>();

const queue = new LoadQueue((id) => {
	const view = views.get(id);
	if (view?.video && view.card.videoUrl) {
		view.video.src = view.card.videoUrl;
	} else {
		queue.release(id);
	}
});

/** Cards on screen ask for their video; cards that leave it give up their slot (and stop a load in progress). */
const observer = new IntersectionObserver((entries) => {
	for (const entry of entries) {
		const id = (entry.target as HTMLElement).dataset.id ?? '';
		const view = views.get(id);
		if (!view?.video) {
			continue;
		}
		if (entry.isIntersecting) {
			if (!view.loaded) {
				queue.request(id);
			}
		} else if (!view.loaded) {
			stopLoading(view);
		}
	}
});

function stopLoading(view: CardView): void {
	queue.release(view.card.id);
	if (view.video?.hasAttribute('src')) {
		view.video.removeAttribute('src');
		// Aborts the request in flight.
		view.video.load();
	}
}

function saveState(): void {
	vscode.setState({ filter, selected: [...selected] });
}

function post(command: GalleryCommand, taskIds: string[]): void {
	vscode.postMessage({ type: 'command', command, taskIds });
}

// ---- The toolbar (built once; its choices refreshed on update). ----
const textInput = el('input', { attrs: { type: 'search', 'data-testid': 'filter-text' } });
const stateSelect = el('select', { attrs: { 'data-testid': 'filter-state' } });
const modelSelect = el('select', { attrs: { 'data-testid': 'filter-model' } });
const promptFileSelect = el('select', { attrs: { 'data-testid': 'filter-prompt-file' } });
const keptInput = el('input', { attrs: { type: 'checkbox', 'data-testid': 'filter-kept' } });
const sortSelect = el('select', { attrs: { 'data-testid': 'sort' } });
const count = el('span', { className: 'count', attrs: { role: 'status' } });
const selectionBar = el('div', { className: 'selection', attrs: { role: 'toolbar' } });
const scroller = el('div', { className: 'scroller', attrs: { tabindex: '-1' } });
const spacer = el('div', { className: 'spacer' });
const grid = el('div', { className: 'grid', attrs: { role: 'list' } });
const empty = el('p', { className: 'empty' });
spacer.append(grid);
scroller.append(spacer, empty);

const labelled = (text: () => string, control: HTMLElement): HTMLLabelElement => {
	const label = el('label', {}, [el('span', { className: 'label' }), control]);
	(label.firstChild as HTMLElement).dataset.label = 'true';
	labelledControls.push({ node: label.firstChild as HTMLElement, text });
	return label;
};
const labelledControls: { node: HTMLElement; text: () => string }[] = [];
const toolbar = el('div', { className: 'toolbar' }, [
	labelled(() => model?.labels.filterText ?? '', textInput),
	labelled(() => model?.labels.state ?? '', stateSelect),
	labelled(() => model?.labels.model ?? '', modelSelect),
	labelled(() => model?.labels.promptFile ?? '', promptFileSelect),
	labelled(() => model?.labels.sort ?? '', sortSelect),
	labelled(() => model?.labels.keptOnly ?? '', keptInput),
	count,
]);
app.append(toolbar, selectionBar, scroller);

textInput.addEventListener('input', () => setFilter({ text: textInput.value }));
stateSelect.addEventListener('change', () => setFilter({ state: readGalleryFilter({ state: stateSelect.value }).state }));
modelSelect.addEventListener('change', () => setFilter({ model: modelSelect.value }));
promptFileSelect.addEventListener('change', () => setFilter({ promptFile: promptFileSelect.value }));
keptInput.addEventListener('change', () => setFilter({ keptOnly: keptInput.checked }));
sortSelect.addEventListener('change', () => setFilter({ sort: sortSelect.value === 'oldest' ? 'oldest' : 'newest' }));
scroller.addEventListener('scroll', () => scheduleWindow(), { passive: true });
new ResizeObserver(() => scheduleWindow()).observe(scroller);

function setFilter(change: Partial<GalleryFilter>): void {
	filter = readGalleryFilter({ ...filter, ...change });
	scroller.scrollTop = 0;
	refilter();
	saveState();
}

function fillSelect(select: HTMLSelectElement, choices: [string, string][], value: string): void {
	select.replaceChildren(...choices.map(([choice, label]) => option(choice, label, choice === value)));
}

function renderToolbar(current: GalleryModel): void {
	const { labels } = current;
	for (const { node, text } of labelledControls) {
		node.textContent = text();
	}
	textInput.placeholder = labels.filterTextPlaceholder;
	if (textInput.value !== filter.text) {
		textInput.value = filter.text;
	}
	fillSelect(
		stateSelect,
		[
			['all', labels.allStates],
			['succeeded', labels.succeeded],
			['failed', labels.failed],
			['notFound', labels.notFound],
		],
		filter.state,
	);
	fillSelect(modelSelect, [['', labels.allModels], ...current.models.map((name): [string, string] => [name, name])], filter.model);
	fillSelect(promptFileSelect, [['', labels.allPromptFiles], ...current.promptFiles.map((file): [string, string] => [file, file])], filter.promptFile);
	// The prompt file filter matters only once some task came from a prompt file.
	(promptFileSelect.parentElement as HTMLElement).hidden = current.promptFiles.length === 0 && !filter.promptFile;
	keptInput.checked = filter.keptOnly;
	fillSelect(
		sortSelect,
		[
			['newest', labels.newest],
			['oldest', labels.oldest],
		],
		filter.sort,
	);
	grid.setAttribute('aria-label', labels.grid);
	selectionBar.setAttribute('aria-label', labels.selectionActions);
	document.title = labels.title;
}

function renderSelectionBar(): void {
	if (!model) {
		return;
	}
	const { labels } = model;
	const ids = [...selected];
	selectionBar.hidden = ids.length === 0;
	const action = (label: string, command: GalleryCommand, enabled = true): HTMLButtonElement => {
		const node = el('button', { text: label, attrs: { type: 'button', 'data-command': command } });
		node.disabled = !enabled;
		node.addEventListener('click', () => post(command, [...selected]));
		return node;
	};
	const clear = el('button', { text: labels.clearSelection, attrs: { type: 'button', class: 'secondary' } });
	clear.addEventListener('click', () => {
		selected.clear();
		afterSelection();
	});
	selectionBar.replaceChildren(
		el('span', { text: format(labels.selected, ids.length) }),
		action(labels.download, 'download'),
		action(labels.insertVideoLinks, 'insertVideoLinks'),
		action(labels.compare, 'compare', ids.length >= 2 && ids.length <= 4),
		action(labels.keep, 'keep'),
		action(labels.remove, 'remove'),
		clear,
	);
}

function afterSelection(): void {
	for (const view of views.values()) {
		const isSelected = selected.has(view.card.id);
		view.root.classList.toggle('selected', isSelected);
		view.root.setAttribute('aria-selected', String(isSelected));
		const box = view.root.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
		if (box) {
			box.checked = isSelected;
		}
	}
	renderSelectionBar();
	saveState();
}

function toggle(id: string): void {
	if (selected.has(id)) {
		selected.delete(id);
	} else {
		selected.add(id);
	}
	afterSelection();
}

function buildCard(card: GalleryCard, labels: GalleryModel['labels']): CardView {
	const root = el('div', { className: 'card', attrs: { role: 'listitem', tabindex: '0', 'data-id': card.id, title: card.prompt || card.id } });
	const view: CardView = { card, root, loaded: loaded.has(card.id) };
	const frame = el('div', { className: 'frame' });
	if (card.videoUrl) {
		// The first frame is the poster: the metadata load fetches it, no separate image.
		const video = el('video', { attrs: { preload: 'metadata', muted: '', playsinline: '', loop: '', 'aria-hidden': 'true' } });
		video.muted = true;
		video.addEventListener('loadedmetadata', () => {
			view.loaded = true;
			loaded.add(card.id);
			video.dataset.loaded = 'true';
			queue.release(card.id);
		});
		video.addEventListener('error', () => {
			if (video.hasAttribute('src')) {
				queue.release(card.id);
				frame.append(el('span', { className: 'notice', text: labels.videoError }));
			}
		});
		root.addEventListener('mouseenter', () => {
			if (view.loaded) {
				video.play().catch(() => undefined);
			}
		});
		root.addEventListener('mouseleave', () => {
			video.pause();
			if (view.loaded) {
				video.currentTime = 0;
			}
		});
		view.video = video;
		frame.append(video);
	} else {
		frame.append(el('span', { className: 'no-video', text: card.state === 'succeeded' ? labels.noVideo : card.stateLabel }));
	}
	const box = el('input', { attrs: { type: 'checkbox', 'aria-label': labels.select, 'data-testid': 'select' } });
	box.checked = selected.has(card.id);
	box.addEventListener('click', (event) => {
		event.stopPropagation();
		toggle(card.id);
	});
	frame.append(box);
	if (card.kept) {
		frame.append(el('span', { className: 'star', text: '★', attrs: { title: labels.kept, 'aria-label': labels.kept, 'data-testid': 'kept' } }));
	}
	const meta = [card.model, card.age].filter(Boolean).join(' · ');
	root.append(
		frame,
		el('div', { className: 'title', text: card.title ?? card.prompt }),
		el('div', { className: 'meta', text: card.state === 'succeeded' ? meta : `${card.stateLabel} · ${meta}` }),
	);
	if (card.promptFile) {
		root.append(el('div', { className: 'meta file', text: card.promptFile }));
	}
	root.classList.toggle('selected', selected.has(card.id));
	root.setAttribute('aria-selected', String(selected.has(card.id)));
	root.addEventListener('click', (event) => {
		if (event.ctrlKey || event.metaKey || event.shiftKey) {
			toggle(card.id);
		} else {
			post('open', [card.id]);
		}
	});
	root.addEventListener('keydown', (event) => {
		if (event.key === 'Enter') {
			post('open', [card.id]);
		} else if (event.key === ' ') {
			event.preventDefault();
			toggle(card.id);
		}
	});
	return view;
}

function geometry(): GridGeometry {
	return { width: Math.max(0, scroller.clientWidth - 2 * GAP), minCardWidth: MIN_CARD_WIDTH, rowHeight: ROW_HEIGHT, gap: GAP };
}

let windowScheduled = false;
function scheduleWindow(): void {
	if (!windowScheduled) {
		windowScheduled = true;
		requestAnimationFrame(() => {
			windowScheduled = false;
			renderWindow();
		});
	}
}

/** Builds the cards of the rows on screen and drops the others. */
function renderWindow(): void {
	if (!model) {
		return;
	}
	const shape = visibleWindow(matching.length, geometry(), scroller.scrollTop, scroller.clientHeight);
	spacer.style.height = `${shape.totalHeight}px`;
	grid.style.transform = `translateY(${shape.offsetTop}px)`;
	grid.style.gridTemplateColumns = `repeat(${shape.columns}, minmax(0, 1fr))`;
	const wanted = matching.slice(shape.first, shape.end);
	const wantedIds = new Set(wanted.map((card) => card.id));
	for (const [id, view] of views) {
		if (!wantedIds.has(id)) {
			observer.unobserve(view.root);
			stopLoading(view);
			views.delete(id);
		}
	}
	const nodes = wanted.map((card) => {
		let view = views.get(card.id);
		if (!view) {
			view = buildCard(card, model?.labels ?? ({} as GalleryModel['labels']));
			views.set(card.id, view);
			if (view.video) {
				observer.observe(view.root);
			}
		}
		return view.root;
	});
	grid.replaceChildren(...nodes);
	if (firstRenderMs < 0) {
		firstRenderMs = performance.now() - started;
	}
}

function refilter(): void {
	if (!model) {
		return;
	}
	matching = filterCards(model.cards, filter);
	const { labels } = model;
	count.textContent = format(labels.count, matching.length, model.cards.length);
	empty.hidden = matching.length > 0;
	empty.textContent = model.cards.length === 0 ? labels.empty : labels.emptyFiltered;
	renderWindow();
}

function update(next: GalleryModel): void {
	const previous = new Map(model?.cards.map((card) => [card.id, card]) ?? []);
	model = next;
	// A card whose content changed is rebuilt; an unchanged one keeps its element (and its loaded video).
	const changed = (card: GalleryCard): boolean => JSON.stringify(card) !== JSON.stringify(previous.get(card.id));
	const ids = new Set(next.cards.map((card) => card.id));
	for (const id of [...selected]) {
		if (!ids.has(id)) {
			selected.delete(id);
		}
	}
	const cards = new Map(next.cards.map((card) => [card.id, card]));
	for (const [id, view] of views) {
		const card = cards.get(id);
		if (!card || changed(card)) {
			observer.unobserve(view.root);
			stopLoading(view);
			views.delete(id);
		} else {
			view.card = card;
		}
	}
	renderToolbar(next);
	renderSelectionBar();
	refilter();
	saveState();
}

function inspect(): GalleryInspection {
	const videos = Array.from(document.querySelectorAll('video'));
	return {
		cards: Array.from(grid.children).map((node) => (node as HTMLElement).dataset.id ?? ''),
		matching: matching.length,
		videos: videos.length,
		videosWithSource: videos.filter((video) => video.hasAttribute('src')).length,
		loaded: [...loaded],
		loading: queue.active + queue.queued,
		peakLoading: queue.peak,
		firstRenderMs,
		kept: Array.from(grid.querySelectorAll('[data-testid="kept"]')).map((node) => (node.closest('.card') as HTMLElement).dataset.id ?? ''),
		selected: [...selected],
		filter,
		handlers: inlineHandlers(),
	};
}

window.addEventListener('message', (event: MessageEvent<GalleryHostMessage>) => {
	const message = event.data;
	switch (message?.type) {
		case 'update':
			update(message.model);
			break;
		case 'setFilter':
			if (model?.inspectable === true) {
				setFilter(message.filter);
				renderToolbar(model);
			}
			break;
		case 'inspect':
			// Only a test run's pages answer (the host sets the flag in ExtensionMode.Test only).
			if (model?.inspectable === true) {
				vscode.postMessage({ type: 'inspection', id: message.id, report: inspect() });
			}
			break;
	}
});

saveState();
vscode.postMessage({ type: 'ready' });
