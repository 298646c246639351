import type { RecentTasksPage, RecentTasksQuery } from '../api/veoClient';
import type { TaskRecord } from './taskRecord';
import { readEpochMs } from './taskRecord';
import { isTaskId, normalizeTaskId } from './taskIds';
import { formatNumber } from '../l10n/format';
import { l10n } from '../l10n/l10n';

/**
 * "Track Recent Tasks…": the tasks created in a period, found with `retrieve_batch` filtered by
 * `created_at_min` / `created_at_max` and paged with `offset` / `limit` (docs/api.md, "Several tasks").
 */
export const RECENT_PAGE_SIZE = 50;
/** Enough for a month of heavy use; beyond it a shorter period is the better question. */
export const RECENT_TASKS_CAP = 1000;
export const MAX_CUSTOM_DAYS = 365;

/** The periods offered; labels are getters, read in the display language (set after this module loads). */
export const RECENT_PERIODS: readonly { readonly label: string; readonly hours: number }[] = [
	{
		get label() {
			return l10n.t('Last hour');
		},
		hours: 1,
	},
	{
		get label() {
			return l10n.t('Last 24 hours');
		},
		hours: 24,
	},
	{
		get label() {
			return l10n.t('Last 7 days');
		},
		hours: 7 * 24,
	},
	{
		get label() {
			return l10n.t('Last 30 days');
		},
		hours: 30 * 24,
	},
];

/** The window in unix seconds (what the API takes), ending now. */
export function periodWindow(hours: number, nowMs: number): RecentTasksQuery {
	const max = Math.ceil(nowMs / 1000);
	return { createdAtMin: Math.floor(nowMs / 1000 - hours * 3600), createdAtMax: max };
}

/** A custom number of days as typed: a positive number up to a year. */
export function customDaysProblem(input: string): string | undefined {
	const days = Number(input.trim());
	if (!input.trim() || !Number.isFinite(days) || days <= 0) {
		return l10n.t('Type a number of days greater than 0, e.g. 3 or 0.5.');
	}
	return days > MAX_CUSTOM_DAYS ? l10n.t('At most {0} days.', formatNumber(MAX_CUSTOM_DAYS)) : undefined;
}

export interface RecentTasksResult {
	/** Records with a valid task ID, each once, newest first as the server sent them. */
	records: TaskRecord[];
	/** The number of matching tasks the server reported (`total`), when it did. */
	total?: number;
	/** The cap was reached and the server has (or may have) more. */
	truncated: boolean;
	/** Items left out: an ID that is not a task ID, or a creation time outside the window. */
	skipped: number;
	requests: number;
	/** Stopped by the user: `records` holds what the pages before found. */
	cancelled: boolean;
}

export interface RecentTasksOptions {
	pageSize?: number;
	cap?: number;
	signal?: AbortSignal;
	/** After each page: how many were found so far, and the server's total when known. */
	onPage?: (found: number, total: number | undefined) => void;
}

/**
 * Pages through the window until a short page (fewer than asked for), the cap is reached or the
 * request is cancelled. `count` does not end it, whatever it says: what it counts is not settled
 * (docs/api.md, "Several tasks"). `total`, when present, is shown, never trusted to stop early.
 * Defensive about the server: a page that brings nothing new (an `offset` ignored) ends the loop,
 * and records outside the window (filters ignored) are not tracked.
 */
export async function fetchRecentTasks(
	client: { retrieveRecent(query: RecentTasksQuery, signal?: AbortSignal): Promise<RecentTasksPage> },
	window: RecentTasksQuery,
	options: RecentTasksOptions = {},
): Promise<RecentTasksResult> {
	const pageSize = options.pageSize ?? RECENT_PAGE_SIZE;
	const cap = options.cap ?? RECENT_TASKS_CAP;
	const byId = new Map<string, TaskRecord>();
	let offset = 0;
	let total: number | undefined;
	let skipped = 0;
	let requests = 0;
	let serverHasMore = false;
	for (;;) {
		if (options.signal?.aborted) {
			break;
		}
		const limit = Math.min(pageSize, cap - byId.size);
		let page: RecentTasksPage;
		try {
			page = await client.retrieveRecent({ ...window, offset, limit }, options.signal);
		} catch (error) {
			if (options.signal?.aborted) {
				// Cancelled: what the earlier pages found is still worth tracking.
				break;
			}
			throw error;
		}
		requests++;
		total = page.total ?? total;
		let fresh = 0;
		for (const record of page.items) {
			const id = normalizeTaskId(record.id);
			const created = readEpochMs(record.created_at);
			const inWindow = created === undefined || (created >= (window.createdAtMin - 1) * 1000 && created <= (window.createdAtMax + 1) * 1000);
			if (!isTaskId(id) || !inWindow) {
				skipped++;
				continue;
			}
			if (!byId.has(id)) {
				fresh++;
			}
			byId.set(id, record);
		}
		// The next page starts after everything the server sent, not only the records kept.
		const received = page.received ?? page.items.length;
		offset += received;
		options.onPage?.(byId.size, total);
		serverHasMore = received >= limit;
		if (!serverHasMore || fresh === 0) {
			break;
		}
		if (byId.size >= cap) {
			break;
		}
	}
	const records = [...byId.values()];
	// At the cap a full page may have been the last one: `total`, when given, tells.
	const more = serverHasMore && (total === undefined || offset < total);
	return { records, total, truncated: records.length >= cap && more, skipped, requests, cancelled: options.signal?.aborted === true };
}
