/**
 * When to ask about a task again, from its age. What the API tells us shapes it: tasks rarely
 * finish in under a minute and most finish within five (docs/api.md). So:
 * - one early check soon after a task is added or starts (it may fail at once, e.g. a refused prompt);
 * - then quiet until the first minute is up;
 * - then every `minIntervalMs`, spaced out slowly as the task ages, never beyond `maxIntervalMs`.
 * The benchmark (`npm run bench`) measures this against a fixed 5-s poll and a 15-s poll per task.
 */
export interface PollPolicy {
	/** The shortest gap between two polls (setting veoTasks.pollIntervalSeconds). */
	minIntervalMs: number;
	/** The longest gap while anything is pending (setting veoTasks.maxPollIntervalSeconds). */
	maxIntervalMs: number;
	/** Age of the early check. */
	earlyCheckMs: number;
	/** Age before which no further check is worth a request. */
	quietUntilMs: number;
	/** How much the interval grows per second of age past the quiet period, in ms. */
	growthMsPerSecond: number;
	/** Ceiling of the backoff after failures (it may exceed maxIntervalMs: a failing server needs air). */
	maxBackoffMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
	minIntervalMs: 10_000,
	maxIntervalMs: 60_000,
	earlyCheckMs: 15_000,
	quietUntilMs: 60_000,
	growthMsPerSecond: 20,
	maxBackoffMs: 5 * 60_000,
};

export function pollPolicyFromSettings(minIntervalSeconds: number, maxIntervalSeconds: number): PollPolicy {
	const minIntervalMs = Math.max(2, Number.isFinite(minIntervalSeconds) ? minIntervalSeconds : 10) * 1000;
	const maxIntervalMs = Math.max(minIntervalMs, (Number.isFinite(maxIntervalSeconds) ? maxIntervalSeconds : 60) * 1000);
	return { ...DEFAULT_POLL_POLICY, minIntervalMs, maxIntervalMs, earlyCheckMs: Math.max(DEFAULT_POLL_POLICY.earlyCheckMs, minIntervalMs) };
}

/** The age at which a task last checked at `checkedAgeMs` wants its next check. */
export function nextCheckAge(checkedAgeMs: number, policy: PollPolicy): number {
	if (checkedAgeMs < policy.earlyCheckMs) {
		return policy.earlyCheckMs;
	}
	if (checkedAgeMs < policy.quietUntilMs) {
		return policy.quietUntilMs;
	}
	const grown = policy.minIntervalMs + ((checkedAgeMs - policy.quietUntilMs) / 1000) * policy.growthMsPerSecond;
	return checkedAgeMs + Math.min(policy.maxIntervalMs, grown);
}

/** The wait after `failures` failed polls in a row: doubling from the minimum, with ±20% jitter, at most maxBackoffMs (unless Retry-After asks for more). */
export function backoffDelay(failures: number, policy: PollPolicy, random: () => number, retryAfterMs?: number): number {
	const doubled = Math.min(policy.maxBackoffMs, policy.minIntervalMs * 2 ** Math.max(0, failures - 1));
	// Jitter must not push the wait past the ceiling: at the ceiling it only shortens it.
	const jittered = Math.min(policy.maxBackoffMs, doubled * (0.8 + 0.4 * random()));
	// The server's own Retry-After is a floor, never shortened by jitter (nor by the ceiling).
	return Math.max(jittered, retryAfterMs ?? 0);
}
