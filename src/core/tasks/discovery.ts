import type { Clock } from '../polling/pollScheduler';
import type { RecentTasksQuery } from '../api/veoClient';

/*
 * Discovery: tasks started elsewhere (the provider's MCP server, its web client, scripts) show up by
 * themselves. This module decides when to look and which window to ask for; the adapter
 * (src/features/discovery) sends the request with the same listing Track Recent Tasks uses.
 */

/** At most one look a minute. */
export const DISCOVERY_INTERVAL_MS = 60_000;
/**
 * Each look asks from a little before the last one: the server's clock may be behind ours, and a
 * task may be listed a moment after its creation time. What was seen already is tracked (skipped).
 */
export const DISCOVERY_OVERLAP_MS = 120_000;
/** One look tracks at most this many new tasks: a burst from a script is for Track Recent Tasks. */
export const DISCOVERY_CAP = 100;

export interface DiscoveryConditions {
	/** veoTasks.discoverNewTasks. */
	enabled: boolean;
	hasToken: boolean;
	focused: boolean;
	/** No other window was focused after this one (new tasks go to one workspace only). */
	focusedLast?: boolean;
	pauseWhenUnfocused: boolean;
	/** veoTasks.autoRefresh, and not paused by Pause Auto-Refresh. */
	autoRefresh: boolean;
	/** The Veo Tasks view is on screen. */
	viewVisible: boolean;
	/** Some tracked task is pending, running or not fetched yet. */
	anyActive: boolean;
}

/** Whether looking is allowed at all, and worth it: nothing visible and nothing active sends nothing. */
export function discoveryWanted(conditions: DiscoveryConditions): boolean {
	// Unfocused, only with polling awake too, and only in the window focused last.
	const awake = conditions.focused || (!conditions.pauseWhenUnfocused && conditions.focusedLast !== false);
	return conditions.enabled && conditions.hasToken && awake && conditions.autoRefresh && (conditions.viewVisible || conditions.anyActive);
}

/**
 * How long to wait before the next look (0: now), or undefined when no look should be scheduled.
 * Regaining focus after a minute or more finds the look due, so it happens at once.
 */
export function nextLookDelay(
	conditions: DiscoveryConditions,
	lastLookAt: number | undefined,
	now: number,
	intervalMs = DISCOVERY_INTERVAL_MS,
): number | undefined {
	if (!discoveryWanted(conditions)) {
		return undefined;
	}
	return lastLookAt === undefined ? 0 : Math.max(0, lastLookAt + intervalMs - now);
}

/**
 * The creation-time window of a look, in unix seconds: from a little before the last look to now,
 * but never from before discovery was turned on (`startedAt`): Track Recent Tasks is for the past.
 */
export function discoveryWindow(since: number, now: number, startedAt = Number.NEGATIVE_INFINITY): RecentTasksQuery {
	return { createdAtMin: Math.floor(Math.max(startedAt, since - DISCOVERY_OVERLAP_MS) / 1000), createdAtMax: Math.ceil(now / 1000) };
}

/**
 * The IDs a look found that are new here: not tracked, and never removed by the user (a removed task
 * is never brought back). In the order given, each once.
 */
export function newlyFound(ids: readonly string[], isTracked: (id: string) => boolean, wasRemoved: (id: string) => boolean): string[] {
	return [...new Set(ids)].filter((id) => !isTracked(id) && !wasRemoved(id));
}

/**
 * Runs looks on the schedule above, on an injected clock. `update()` is called whenever a condition
 * may have changed (focus, visibility, settings, the task list); a look in flight is never doubled.
 */
export class DiscoverySchedule {
	private timer: unknown;
	private looking = false;
	private disposed = false;
	lastLookAt: number | undefined;
	/** Looks started so far (for the log, the tests and the benchmark). */
	looks = 0;

	constructor(
		private readonly clock: Clock,
		private readonly conditions: () => DiscoveryConditions,
		private readonly look: () => Promise<void>,
		private readonly intervalMs = DISCOVERY_INTERVAL_MS,
		lastLookAt?: number,
	) {
		this.lastLookAt = lastLookAt;
	}

	update(): void {
		if (this.disposed || this.looking) {
			return;
		}
		this.clear();
		const delay = nextLookDelay(this.conditions(), this.lastLookAt, this.clock.now(), this.intervalMs);
		if (delay === undefined) {
			return;
		}
		this.timer = this.clock.setTimeout(() => {
			this.timer = undefined;
			void this.run();
		}, delay);
	}

	private async run(): Promise<void> {
		// Checked again when the timer fires: the view may have closed meanwhile.
		if (this.disposed || this.looking || nextLookDelay(this.conditions(), this.lastLookAt, this.clock.now(), this.intervalMs) !== 0) {
			this.update();
			return;
		}
		this.looking = true;
		this.lastLookAt = this.clock.now();
		this.looks++;
		try {
			await this.look();
		} catch {
			// The adapter logs its failures; the next look is a minute later as usual.
		} finally {
			this.looking = false;
			this.update();
		}
	}

	private clear(): void {
		if (this.timer !== undefined) {
			this.clock.clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	dispose(): void {
		this.disposed = true;
		this.clear();
	}
}
