/**
 * The messages between the gallery's host (src/features/gallery/galleryPanel.ts) and its page
 * (src/webview/gallery.ts), and what they carry. Types only: the page imports this file and
 * nothing of it reaches the page's bundle.
 */
import type { TaskState } from '../tasks/taskState';

/** One finished task as the gallery shows it. Every string came from the server: the page sets it as text only. */
export interface GalleryCard {
	id: string;
	/** What the card shows when it is not the prompt itself: the prompt shortened, or the ID without a prompt (sent only then, to keep 5,000 cards small). */
	title?: string;
	prompt: string;
	model: string;
	state: TaskState;
	stateLabel: string;
	/** "3 min ago", in the display language. */
	age: string;
	/** Epoch ms the gallery sorts by: created on the server, else tracked. */
	time: number;
	/** Set only when the player may load it (src/core/api/urlPolicy.ts playableVideoUrl). */
	videoUrl?: string;
	kept: boolean;
	/** The workspace-relative prompt file the task was made from, when it was. */
	promptFile?: string;
}

export interface GalleryFilter {
	text: string;
	state: 'all' | 'succeeded' | 'failed' | 'notFound';
	/** '' for every model. */
	model: string;
	/** '' for every prompt file. */
	promptFile: string;
	keptOnly: boolean;
	sort: 'newest' | 'oldest';
}

/** The texts the page shows, in the display language (the page holds no English a person reads). */
export interface GalleryLabels {
	title: string;
	filterText: string;
	filterTextPlaceholder: string;
	state: string;
	allStates: string;
	succeeded: string;
	failed: string;
	notFound: string;
	model: string;
	allModels: string;
	promptFile: string;
	allPromptFiles: string;
	keptOnly: string;
	sort: string;
	newest: string;
	oldest: string;
	/** `{0}` shown of `{1}`. */
	count: string;
	/** `{0}` selected. */
	selected: string;
	download: string;
	insertVideoLinks: string;
	remove: string;
	compare: string;
	keep: string;
	clearSelection: string;
	select: string;
	kept: string;
	noVideo: string;
	empty: string;
	emptyFiltered: string;
	grid: string;
	selectionActions: string;
	videoError: string;
}

export interface GalleryModel {
	cards: GalleryCard[];
	/** Every model and prompt file among the cards, sorted: the filter's choices. */
	models: string[];
	promptFiles: string[];
	/** How many tasks are tracked in all (running ones have no card). */
	tracked: number;
	labels: GalleryLabels;
	/** The page answers `inspect` (tests only: set in ExtensionMode.Test). */
	inspectable?: boolean;
}

/** The commands the page's selection bar and cards may ask for, by name. */
export type GalleryCommand = 'open' | 'download' | 'insertVideoLinks' | 'remove' | 'compare' | 'keep';

/** What the page reports it rendered; read by the integration tests and the bench. */
export interface GalleryInspection {
	/** Cards in the DOM now, and the IDs they show, in order. */
	cards: string[];
	/** Cards the filter lets through (in the DOM or not). */
	matching: number;
	/** <video> elements in the DOM, and those with a source set (loading or loaded). */
	videos: number;
	videosWithSource: number;
	/** Videos whose metadata loaded, by task ID. */
	loaded: string[];
	/** Videos loading now, and waiting for a free slot. */
	loading: number;
	/** Most videos that ever loaded at once. */
	peakLoading: number;
	/** ms from the page script's start to its first rendered grid. */
	firstRenderMs: number;
	/** IDs of the cards that show the kept star. */
	kept: string[];
	selected: string[];
	filter: GalleryFilter;
	/** `tag attribute` of any on* attribute (there must be none). */
	handlers: string[];
}

/** Host to page. */
export type GalleryHostMessage =
	/** The whole model (throttled): the page keeps its filter, selection and scroll position. */
	| { type: 'update'; model: GalleryModel }
	/** Test-only: sets the filter as if typed. */
	| { type: 'setFilter'; filter: Partial<GalleryFilter> }
	| { type: 'inspect'; id: number };

/** Page to host. Fields are `unknown`: the host checks them. */
export type GalleryPageMessage =
	{ type: 'ready' } | { type: 'command'; command: unknown; taskIds?: unknown } | { type: 'inspection'; id?: unknown; report?: unknown };

/** What the page saves with setState, so the tab comes back after a reload with its filter. */
export interface GalleryPageState {
	filter: GalleryFilter;
	selected: string[];
}
