/**
 * Timers the fake owns, so `close()` and `reset()` can cancel every pending answer,
 * progression step and slow write at once. All are unref'd: only the listening
 * socket should keep a process alive, never a forgotten schedule.
 */
export class TimerSet {
	private readonly pending = new Set<NodeJS.Timeout>();

	after(ms: number, callback: () => void): void {
		const timer = setTimeout(
			() => {
				this.pending.delete(timer);
				callback();
			},
			Math.max(0, ms),
		);
		timer.unref();
		this.pending.add(timer);
	}

	/** Resolves after `ms`; never resolves if the set is cleared first (the answer is dropped). */
	sleep(ms: number): Promise<void> {
		if (ms <= 0) {
			return Promise.resolve();
		}
		return new Promise((resolve) => this.after(ms, resolve));
	}

	clear(): void {
		for (const timer of this.pending) {
			clearTimeout(timer);
		}
		this.pending.clear();
	}
}
