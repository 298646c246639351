/**
 * The limits of the poll schedule. The schedule itself (pollScheduler.ts) asks about tasks where
 * they tend to finish: from the finish-time distribution of each task's model (durationModel.ts,
 * learned from the user's own finished tasks, the provider's 1 to 5 minutes before any), the next
 * poll comes when the tasks being watched have, on average, probably been finished but not known
 * for `waitBudgetMs`. Dense where finishes are likely, sparse before them and past the tail. Around
 * that: one early check soon after a task starts (it may fail at once, e.g. a refused prompt), never
 * two polls closer than `minIntervalMs`, never a task unchecked for longer than `maxIntervalMs`.
 * The benchmark (`npm run bench`, BENCHMARKS.md) measures it against the provider's own pollers.
 */
export interface PollPolicy {
	/** The shortest gap between two polls (setting veoTasks.pollIntervalSeconds). */
	minIntervalMs: number;
	/** The longest a watched task goes unchecked (setting veoTasks.maxPollIntervalSeconds). */
	maxIntervalMs: number;
	/** Age of the early check. A check from a third of this age on counts as the early check. */
	earlyCheckMs: number;
	/**
	 * Poll when the watched tasks have each, on average, this much expected time finished but not
	 * yet known since their last check (ms). Smaller: more requests, sooner news.
	 */
	waitBudgetMs: number;
	/** Ceiling of the backoff after failures (it may exceed maxIntervalMs: a failing server needs air). */
	maxBackoffMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
	minIntervalMs: 10_000,
	maxIntervalMs: 60_000,
	earlyCheckMs: 15_000,
	waitBudgetMs: 500,
	maxBackoffMs: 5 * 60_000,
};

export function pollPolicyFromSettings(minIntervalSeconds: number, maxIntervalSeconds: number): PollPolicy {
	const minIntervalMs = Math.max(2, Number.isFinite(minIntervalSeconds) ? minIntervalSeconds : 10) * 1000;
	const maxIntervalMs = Math.max(minIntervalMs, (Number.isFinite(maxIntervalSeconds) ? maxIntervalSeconds : 60) * 1000);
	return { ...DEFAULT_POLL_POLICY, minIntervalMs, maxIntervalMs, earlyCheckMs: Math.max(DEFAULT_POLL_POLICY.earlyCheckMs, minIntervalMs) };
}

/**
 * The age by which a task last checked at `checkedAgeMs` must be checked again, whatever its
 * distribution says: the early check, else `maxIntervalMs` after the last check.
 */
export function latestCheckAge(checkedAgeMs: number, policy: PollPolicy): number {
	if (checkedAgeMs < policy.earlyCheckMs / 3) {
		return policy.earlyCheckMs;
	}
	return checkedAgeMs + policy.maxIntervalMs;
}

/** The wait after `failures` failed polls in a row: doubling from the minimum, with ±20% jitter, at most maxBackoffMs (unless Retry-After asks for more). */
export function backoffDelay(failures: number, policy: PollPolicy, random: () => number, retryAfterMs?: number): number {
	const doubled = Math.min(policy.maxBackoffMs, policy.minIntervalMs * 2 ** Math.max(0, failures - 1));
	// Jitter must not push the wait past the ceiling: at the ceiling it only shortens it.
	const jittered = Math.min(policy.maxBackoffMs, doubled * (0.8 + 0.4 * random()));
	// The server's own Retry-After is a floor, never shortened by jitter (nor by the ceiling).
	return Math.max(jittered, retryAfterMs ?? 0);
}
