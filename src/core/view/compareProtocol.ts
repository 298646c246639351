/**
 * The messages between Compare Takes' host (src/features/compareTakes/compareTakesPanel.ts) and its
 * page (src/webview/compareTakes.ts). Types only: the page imports this file, none of it is bundled.
 */
import type { DiffPart } from './promptDiff';

/** One parameter compared across the takes: its value per take, and whether they differ. */
export interface CompareRow {
	key: 'model' | 'action' | 'aspectRatio' | 'resolution' | 'translation';
	label: string;
	values: string[];
	differs: boolean;
}

export interface CompareTake {
	id: string;
	title: string;
	stateLabel: string;
	/** Set only when the player may load it. */
	videoUrl?: string;
	kept: boolean;
	/** The prompt, word runs marked where it differs from the others. */
	prompt: DiffPart[];
}

export interface CompareLabels {
	title: string;
	play: string;
	pause: string;
	loop: string;
	position: string;
	keep: string;
	kept: string;
	removeOthers: string;
	open: string;
	prompt: string;
	parameters: string;
	noVideo: string;
	controls: string;
	/** `Take {0}`. */
	take: string;
	differs: string;
}

export interface CompareModel {
	takes: CompareTake[];
	rows: CompareRow[];
	/** Whether the prompts differ at all. */
	promptsDiffer: boolean;
	labels: CompareLabels;
	inspectable?: boolean;
}

export type CompareCommand = 'keep' | 'unkeep' | 'removeOthers' | 'open';

/** What the page reports; read by the integration tests. */
export interface CompareInspection {
	/** Per player, in take order. */
	players: { id: string; paused: boolean; currentTime: number; loop: boolean; loaded: boolean }[];
	/** Keys of the parameter rows marked as differing. */
	differing: string[];
	/** The changed word runs of each take's prompt. */
	changedWords: string[][];
	kept: string[];
	handlers: string[];
}

export type CompareHostMessage =
	| { type: 'update'; model: CompareModel }
	/** Test-only: drives the shared control bar as a click would. */
	| { type: 'control'; action: 'play' | 'pause' | 'seek'; time?: number }
	| { type: 'inspect'; id: number };

export type ComparePageMessage =
	{ type: 'ready' } | { type: 'command'; command: unknown; taskId?: unknown } | { type: 'inspection'; id?: unknown; report?: unknown };

/** What the page saves with setState: the takes, so the tab comes back after a reload. */
export interface ComparePageState {
	taskIds: string[];
	time?: number;
	loop?: boolean;
}
