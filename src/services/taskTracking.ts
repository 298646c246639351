import * as vscode from 'vscode';
import type { VeoClient } from '../core/api/veoClient';
import { formatNumber, plural } from '../core/l10n/format';
import { parseTaskIdInput } from '../core/tasks/taskIds';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { RefreshResult, TaskRefresher } from './taskRefresher';
import type { TaskRepository } from './taskRepository';

/**
 * Where tracked IDs come from. It picks what the user is told; new features add their own
 * (an agent tool, discovery, a URI, a prompt file) and say nothing unless they pass `announce`.
 */
export type TrackSource =
	'manual' | 'selection' | 'import' | 'workspaceList' | 'publicApi' | 'terminalLink' | 'restoredTab' | 'recent' | 'discovered' | 'agent' | 'uri' | 'promptFile';

export interface TrackEntry {
	id: string;
	parentId?: string;
}

export interface TrackResult {
	added: string[];
	alreadyTracked: string[];
	/** Tokens of typed or pasted text that are not task IDs. */
	invalid: string[];
}

export interface Announcement {
	severity: 'information' | 'warning';
	message: string;
}

export interface TrackOptions {
	source: TrackSource;
	/** The user asked: the fetch's errors pop up with actions. Otherwise they stay in the view and the log. */
	interactive?: boolean;
	/** What to tell the user once the tasks are added, instead of the source's own wording; `false`: nothing. */
	announce?: false | ((result: TrackResult) => Announcement | undefined);
	/** Imports: the file was an exported list (not any file with task IDs in it). */
	recognized?: boolean;
	/**
	 * Records already fetched with this client (Track Recent Tasks): applied through the refresher,
	 * which drops them when the base URL changed meanwhile, instead of being fetched again.
	 */
	fetched?: { records: ReadonlyMap<string, TaskRecord>; client: VeoClient };
	/** `all`: the given IDs are fetched even when tracked already (a restored tab shows its task as it is now). */
	fetch?: 'added' | 'all';
}

/**
 * The one door for adding tasks: every path that tracks IDs (commands, the public API, the
 * workspace list, terminal links, restored tabs, Track Recent Tasks) adds them here, the user is
 * told once, and what is new is fetched through the refresher (so its event fires and the base URL
 * check runs).
 */
export class TaskTracking {
	constructor(
		private readonly repository: Pick<TaskRepository, 'addEntries'>,
		private readonly refresher: Pick<TaskRefresher, 'refresh' | 'applyFetched'>,
	) {}

	/**
	 * Tracks `input`: text to search for IDs (typed, pasted, from another extension), IDs, or entries
	 * with their parent (an imported list).
	 */
	async track(input: string | readonly string[] | readonly TrackEntry[], options: TrackOptions): Promise<TrackResult> {
		return (await this.trackAndFetch(input, options)).result;
	}

	/** As `track`, and the first fetch of what it added (resolved at once when nothing is fetched), for callers that wait on it. */
	async trackAndFetch(
		input: string | readonly string[] | readonly TrackEntry[],
		options: TrackOptions,
	): Promise<{ result: TrackResult; fetched: Promise<RefreshResult | undefined> }> {
		const { entries, invalid } = readInput(input);
		const { added, alreadyTracked } = entries.length ? await this.repository.addEntries(entries) : { added: [], alreadyTracked: [] };
		const result: TrackResult = { added, alreadyTracked, invalid };
		const announcement = options.announce === false ? undefined : (options.announce ?? ((outcome) => defaultAnnouncement(outcome, options)))(result);
		if (announcement) {
			void (announcement.severity === 'warning'
				? vscode.window.showWarningMessage(announcement.message)
				: vscode.window.showInformationMessage(announcement.message));
		}
		const refreshOptions = { interactive: options.interactive, reason: 'added' as const };
		let fetched: Promise<RefreshResult | undefined> = Promise.resolve(undefined);
		if (options.fetched?.records.size) {
			// Awaited: the records are already here, so the rows show them when this resolves.
			await this.refresher.applyFetched(options.fetched.records, options.fetched.client, refreshOptions);
		} else {
			const toFetch = options.fetch === 'all' ? entries.map((entry) => entry.id) : added;
			if (toFetch.length) {
				// New tasks are fetched at once so their rows show a state, not "not fetched yet".
				fetched = this.refresher.refresh(toFetch, refreshOptions);
			}
		}
		return { result, fetched };
	}
}

function readInput(input: string | readonly string[] | readonly TrackEntry[]): { entries: TrackEntry[]; invalid: string[] } {
	if (typeof input === 'string') {
		const parsed = parseTaskIdInput(input);
		return { entries: parsed.ids.map((id) => ({ id })), invalid: parsed.invalid };
	}
	if (input.every((item): item is string => typeof item === 'string')) {
		const parsed = parseTaskIdInput(input.join('\n'));
		return { entries: parsed.ids.map((id) => ({ id })), invalid: parsed.invalid };
	}
	return { entries: input.filter((item): item is TrackEntry => typeof item === 'object' && item !== null && typeof item.id === 'string'), invalid: [] };
}

/** What each source says; whole sentences, so each translates as one. */
function defaultAnnouncement(result: TrackResult, options: TrackOptions): Announcement | undefined {
	switch (options.source) {
		case 'manual':
		case 'terminalLink':
			return typedAnnouncement(result);
		case 'selection':
			return { severity: 'information', message: selectionMessage(result) };
		case 'import':
		case 'workspaceList':
			return importAnnouncement(result, options.recognized ?? true);
		default:
			return undefined;
	}
}

/** Add Task ID…: silent when everything given was added; otherwise says what was not. */
function typedAnnouncement({ added, alreadyTracked, invalid }: TrackResult): Announcement | undefined {
	const notes: string[] = [];
	if (alreadyTracked.length) {
		notes.push(vscode.l10n.t('{0} already tracked, ignored.', formatNumber(alreadyTracked.length)));
	}
	if (invalid.length) {
		const shown = invalid
			.slice(0, 3)
			.map((token) => `"${token.length > 40 ? `${token.slice(0, 40)}…` : token}"`)
			.join(', ');
		const more = invalid.length - 3;
		notes.push(
			more > 0
				? vscode.l10n.t('Not task IDs (a task ID is a UUID): {0} and {1} more.', shown, formatNumber(more))
				: vscode.l10n.t('Not task IDs (a task ID is a UUID): {0}.', shown),
		);
	}
	const addedNote = plural(added.length, {
		one: vscode.l10n.t('Added {0} task.', formatNumber(added.length)),
		other: vscode.l10n.t('Added {0} tasks.', formatNumber(added.length)),
	});
	if (invalid.length || (!added.length && !alreadyTracked.length)) {
		const lead = added.length ? addedNote : vscode.l10n.t('No task added.');
		return { severity: 'warning', message: [lead, ...notes].join(' ') };
	}
	if (alreadyTracked.length) {
		return { severity: 'information', message: [...(added.length ? [addedNote] : []), ...notes].join(' ') };
	}
	return undefined;
}

function selectionMessage({ added, alreadyTracked }: TrackResult): string {
	const count = added.length;
	const addedCount = formatNumber(count);
	const already = formatNumber(alreadyTracked.length);
	return alreadyTracked.length
		? plural(count, {
				one: vscode.l10n.t('Tracking {0} new Veo task ({1} already tracked).', addedCount, already),
				other: vscode.l10n.t('Tracking {0} new Veo tasks ({1} already tracked).', addedCount, already),
			})
		: plural(count, { one: vscode.l10n.t('Tracking {0} new Veo task.', addedCount), other: vscode.l10n.t('Tracking {0} new Veo tasks.', addedCount) });
}

/**
 * "Imported 3 Veo tasks, 1 already tracked." with the note that the file was not an exported list
 * (every task ID in it was taken) when it was not.
 */
function importAnnouncement({ added, alreadyTracked }: TrackResult, recognized: boolean): Announcement {
	if (!added.length && !alreadyTracked.length) {
		return { severity: 'warning', message: vscode.l10n.t('No Veo task IDs found in that file.') };
	}
	const count = formatNumber(added.length);
	const tracked = formatNumber(alreadyTracked.length);
	const n = added.length;
	let message: string;
	if (recognized) {
		message = alreadyTracked.length
			? plural(n, {
					one: vscode.l10n.t('Imported {0} Veo task, {1} already tracked.', count, tracked),
					other: vscode.l10n.t('Imported {0} Veo tasks, {1} already tracked.', count, tracked),
				})
			: plural(n, { one: vscode.l10n.t('Imported {0} Veo task.', count), other: vscode.l10n.t('Imported {0} Veo tasks.', count) });
	} else {
		message = alreadyTracked.length
			? plural(n, {
					one: vscode.l10n.t('Imported {0} Veo task, {1} already tracked (the file was not an exported list; every task ID in it was taken).', count, tracked),
					other: vscode.l10n.t(
						'Imported {0} Veo tasks, {1} already tracked (the file was not an exported list; every task ID in it was taken).',
						count,
						tracked,
					),
				})
			: plural(n, {
					one: vscode.l10n.t('Imported {0} Veo task (the file was not an exported list; every task ID in it was taken).', count),
					other: vscode.l10n.t('Imported {0} Veo tasks (the file was not an exported list; every task ID in it was taken).', count),
				});
	}
	return { severity: 'information', message };
}
