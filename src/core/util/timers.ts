/**
 * The longest delay `setTimeout` honours: Node and browsers store it in a signed 32-bit integer
 * and fire a longer one AT ONCE (about 24.8 days). A computed wait past it (a Retry-After in
 * milliseconds taken as seconds, a huge setting) would otherwise turn into a request storm.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Longest wait the server's Retry-After may impose: beyond an hour it is a misreading (a proxy speaking ms), not a plan. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** A delay `setTimeout` will really wait: not negative, not NaN, at most MAX_TIMER_DELAY_MS. */
export function clampTimerDelay(ms: number): number {
	if (Number.isNaN(ms) || ms <= 0) {
		return 0;
	}
	return Math.min(ms, MAX_TIMER_DELAY_MS);
}

/** `setTimeout` with the delay clamped; every timer with a computed delay goes through it. */
export function setClampedTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
	return setTimeout(callback, clampTimerDelay(ms));
}
