/**
 * What the gallery page does with its cards: filtering, sorting, the window of cards on screen and
 * how many videos may load at once. Pure and dependency-free: the page (src/webview/gallery.ts)
 * bundles this file, and test/unit/galleryFilter.test.ts runs it in plain Node.
 */
import type { GalleryCard, GalleryFilter } from './galleryProtocol';

/** The filter the gallery starts with: every finished task, newest first. */
export const DEFAULT_GALLERY_FILTER: GalleryFilter = { text: '', state: 'all', model: '', promptFile: '', keptOnly: false, sort: 'newest' };

/** Cards matching the filter, in its order. Text matches the prompt, the model and the ID, ignoring case. */
export function filterCards(cards: readonly GalleryCard[], filter: GalleryFilter): GalleryCard[] {
	const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
	const matches = cards.filter(
		(card) =>
			(filter.state === 'all' || card.state === filter.state) &&
			(!filter.model || card.model === filter.model) &&
			(!filter.promptFile || card.promptFile === filter.promptFile) &&
			(!filter.keptOnly || card.kept) &&
			(words.length === 0 || words.every((word) => searchText(card).includes(word))),
	);
	return sortCards(matches, filter.sort);
}

/**
 * What the text filter searches: prompt, model and ID in lower case, made once per card (the page
 * filters on every keystroke) rather than sent with each card.
 */
const searchTexts = new WeakMap<GalleryCard, string>();
function searchText(card: GalleryCard): string {
	let text = searchTexts.get(card);
	if (text === undefined) {
		text = `${card.prompt}\n${card.model}\n${card.id}`.toLowerCase();
		searchTexts.set(card, text);
	}
	return text;
}

/** By date (when the task was created, else tracked), newest or oldest first; ties by ID so the order is stable. */
export function sortCards(cards: GalleryCard[], sort: GalleryFilter['sort']): GalleryCard[] {
	const direction = sort === 'oldest' ? 1 : -1;
	return cards.sort((a, b) => direction * (a.time - b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Reads a filter the page saved (its state after a reload), falling back field by field to the default. */
export function readGalleryFilter(raw: unknown): GalleryFilter {
	const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const text = (key: keyof GalleryFilter): string => (typeof value[key] === 'string' ? (value[key] as string).slice(0, 500) : '');
	const state = text('state');
	return {
		text: text('text'),
		state: state === 'succeeded' || state === 'failed' || state === 'notFound' ? state : 'all',
		model: text('model'),
		promptFile: text('promptFile'),
		keptOnly: value.keptOnly === true,
		sort: value.sort === 'oldest' ? 'oldest' : 'newest',
	};
}

/** The grid's geometry: cards of a fixed height in as many columns as fit. */
export interface GridGeometry {
	/** Width of the grid's content box, px. */
	width: number;
	/** Smallest card width, px: columns = as many as fit at this width. */
	minCardWidth: number;
	/** Height of one row of cards including the gap below it, px. */
	rowHeight: number;
	gap: number;
}

export interface VisibleWindow {
	columns: number;
	/** Index of the first card to build, inclusive. */
	first: number;
	/** Index after the last card to build. */
	end: number;
	/** Space above the first built row, px (the rows scrolled past). */
	offsetTop: number;
	/** Height of the whole grid, px, so the scroll bar is that of every card. */
	totalHeight: number;
}

export function gridColumns(geometry: Pick<GridGeometry, 'width' | 'minCardWidth' | 'gap'>): number {
	return Math.max(1, Math.floor((geometry.width + geometry.gap) / (geometry.minCardWidth + geometry.gap)));
}

/**
 * Which cards exist for a scroll position: the rows that meet the viewport plus `overscanRows` above
 * and below, so scrolling a little never shows a blank row. Everything else is not in the DOM.
 */
export function visibleWindow(count: number, geometry: GridGeometry, scrollTop: number, viewportHeight: number, overscanRows = 1): VisibleWindow {
	const columns = gridColumns(geometry);
	const rows = Math.ceil(count / columns);
	const rowHeight = Math.max(1, geometry.rowHeight);
	// Scrolled past the end (the list just got shorter): the last row still shows.
	const firstRow = Math.max(0, Math.min(rows - 1, Math.floor(Math.max(0, scrollTop) / rowHeight) - overscanRows));
	const lastRow = Math.max(firstRow, Math.min(rows, Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight) + overscanRows));
	return {
		columns,
		first: firstRow * columns,
		end: Math.min(count, lastRow * columns),
		offsetTop: firstRow * rowHeight,
		totalHeight: rows * rowHeight,
	};
}

/** Most videos the gallery lets load their metadata at the same time. */
export const MAX_CONCURRENT_VIDEO_LOADS = 6;

/**
 * Lets at most `limit` loads run at once, first asked first served. The page asks for a card's
 * video when it comes on screen, cancels when it leaves before loading, and reports the end.
 */
export class LoadQueue {
	private readonly running = new Set<string>();
	private readonly waiting: string[] = [];
	/** Most loads that ever ran at once (the page reports it to the tests and the bench). */
	peak = 0;

	constructor(
		private readonly start: (id: string) => void,
		readonly limit: number = MAX_CONCURRENT_VIDEO_LOADS,
	) {}

	request(id: string): void {
		if (this.running.has(id) || this.waiting.includes(id)) {
			return;
		}
		this.waiting.push(id);
		this.pump();
	}

	/** The load ended (loaded or failed), or the card left the screen: its slot is free. */
	release(id: string): void {
		const at = this.waiting.indexOf(id);
		if (at >= 0) {
			this.waiting.splice(at, 1);
		}
		if (this.running.delete(id)) {
			this.pump();
		}
	}

	get active(): number {
		return this.running.size;
	}

	get queued(): number {
		return this.waiting.length;
	}

	private pump(): void {
		while (this.running.size < this.limit && this.waiting.length) {
			const id = this.waiting.shift() as string;
			this.running.add(id);
			this.peak = Math.max(this.peak, this.running.size);
			this.start(id);
		}
	}
}
