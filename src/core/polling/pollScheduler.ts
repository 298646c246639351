import { priorDistribution, type FinishDistribution } from './durationModel';
import { backoffDelay, latestCheckAge, type PollPolicy } from './pollPolicy';
import { clampTimerDelay, setClampedTimeout } from '../util/timers';

/** Time is injected so tests and the benchmark run the real scheduler on a virtual clock. */
export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setClampedTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PollTask {
	id: string;
	/** When the task started (epoch ms): its age counts from here. The server's `created_at` when known. */
	activeSince: number;
	/** From this time on (epoch ms) the task is no longer polled: it is stalled (src/core/tasks/giveUp.ts). */
	giveUpAt?: number;
	/** When tasks of its model tend to finish (DurationModel.distributionFor); the provider's typical range when absent. */
	finish?: FinishDistribution;
}

export interface PollOutcome {
	ok: boolean;
	/** Worth retrying later by itself (429, 5xx, network). Auth and settings errors are not. */
	transient?: boolean;
	retryAfterMs?: number;
}

export interface PollSchedulerOptions {
	clock: Clock;
	random?: () => number;
	policy: () => PollPolicy;
	/** Tasks still worth polling (pending, running, never fetched). */
	activeTasks: () => readonly PollTask[];
	/** One batched refresh of these IDs. */
	poll: (ids: string[]) => Promise<PollOutcome>;
}

/**
 * Decides when to poll: where the watched tasks tend to finish (computeNextPollAt, pollPolicy.ts);
 * one poll covers every active task, never sooner than the minimum interval after the last one. Failures back off; a failure the user must fix (a bad token)
 * halts polling until something changes. While paused (window unfocused), nothing is sent; on
 * resume, one poll catches up if one came due.
 */
export class PollScheduler {
	private readonly clock: Clock;
	private readonly random: () => number;
	private timer: unknown;
	private lastPollAt = Number.NEGATIVE_INFINITY;
	private readonly lastChecked = new Map<string, number>();
	private failures = 0;
	private backoffUntil = 0;
	private polling = false;
	private enabled = false;
	private paused = false;
	private halted = false;
	/** When the timer will fire, for the status bar and tests; undefined when nothing is scheduled. */
	nextPollAt: number | undefined;

	constructor(private readonly options: PollSchedulerOptions) {
		this.clock = options.clock;
		this.random = options.random ?? Math.random;
	}

	setEnabled(enabled: boolean): void {
		this.enabled = enabled;
		this.reschedule();
	}

	/** Pause while the window is unfocused; resuming polls at once if a poll came due meanwhile. */
	setPaused(paused: boolean): void {
		if (this.paused === paused) {
			return;
		}
		this.paused = paused;
		// Focus coming back must not poll while automatic polling is off or halted (e.g. a bad token).
		if (!paused && this.enabled && !this.halted) {
			const due = this.computeNextPollAt();
			if (due !== undefined && due <= this.clock.now()) {
				void this.pollNow();
				return;
			}
		}
		this.reschedule();
	}

	/** Tasks were added, removed or changed state: the due times may have moved. */
	tasksChanged(): void {
		const active = new Set(this.options.activeTasks().map((task) => task.id));
		for (const id of this.lastChecked.keys()) {
			if (!active.has(id)) {
				this.lastChecked.delete(id);
			}
		}
		this.reschedule();
	}

	/** Something the user did may fix what halted polling (a new token, new settings). */
	resume(): void {
		this.halted = false;
		this.failures = 0;
		this.backoffUntil = 0;
		this.reschedule();
	}

	/** A refresh ran outside the scheduler (the user pressed Refresh): it counts as a poll. */
	recordRefresh(ids: readonly string[], outcome: PollOutcome): void {
		this.record(ids, this.clock.now(), outcome);
		this.reschedule();
	}

	get isHalted(): boolean {
		return this.halted;
	}

	async pollNow(): Promise<void> {
		if (this.polling) {
			return;
		}
		const ids = this.pollableTasks().map((task) => task.id);
		this.clearTimer();
		if (!ids.length) {
			return;
		}
		this.polling = true;
		const startedAt = this.clock.now();
		let outcome: PollOutcome;
		try {
			outcome = await this.options.poll(ids);
		} catch {
			outcome = { ok: false, transient: true };
		}
		this.polling = false;
		this.record(ids, startedAt, outcome);
		this.reschedule();
	}

	dispose(): void {
		this.enabled = false;
		this.clearTimer();
	}

	private record(ids: readonly string[], at: number, outcome: PollOutcome): void {
		this.lastPollAt = Math.max(this.lastPollAt, at);
		if (outcome.ok) {
			for (const id of ids) {
				// A manual refresh that finished during a longer poll may have seen the task later.
				this.lastChecked.set(id, Math.max(this.lastChecked.get(id) ?? at, at));
			}
			this.failures = 0;
			this.backoffUntil = 0;
			this.halted = false;
		} else if (outcome.transient) {
			this.failures++;
			this.backoffUntil = this.clock.now() + backoffDelay(this.failures, this.options.policy(), this.random, outcome.retryAfterMs);
		} else {
			this.halted = true;
		}
	}

	/** Active tasks not given up on yet. */
	private pollableTasks(): readonly PollTask[] {
		const now = this.clock.now();
		return this.options.activeTasks().filter((task) => task.giveUpAt === undefined || task.giveUpAt > now);
	}

	/**
	 * The next poll: the earliest time at which the watched tasks have, on average, probably been
	 * finished but unknown for `waitBudgetMs` (each from its own distribution), or a task's latest
	 * check (the early check, or `maxIntervalMs` after its last) if sooner; never sooner than the
	 * minimum interval after the last poll, nor inside a backoff.
	 */
	private computeNextPollAt(): number | undefined {
		const policy = this.options.policy();
		const watched: { since: number; checkedAge: number; finish: FinishDistribution }[] = [];
		let latest = Number.POSITIVE_INFINITY;
		let firstChecked = Number.POSITIVE_INFINITY;
		for (const task of this.pollableTasks()) {
			const checkedAt = Math.max(this.lastChecked.get(task.id) ?? task.activeSince, task.activeSince);
			const checkedAge = checkedAt - task.activeSince;
			const taskLatest = task.activeSince + latestCheckAge(checkedAge, policy);
			// A check that would come after the give-up time is never made: the task is stalled by then.
			if (task.giveUpAt !== undefined && taskLatest >= task.giveUpAt) {
				continue;
			}
			latest = Math.min(latest, taskLatest);
			firstChecked = Math.min(firstChecked, checkedAt);
			watched.push({ since: task.activeSince, checkedAge, finish: task.finish ?? priorDistribution() });
		}
		if (latest === Number.POSITIVE_INFINITY) {
			return undefined;
		}
		const earliest = Math.max(this.lastPollAt + policy.minIntervalMs, this.backoffUntil);
		if (latest <= earliest) {
			return earliest;
		}
		const meanWait = (at: number): number => {
			let sum = 0;
			for (const task of watched) {
				sum += task.finish.expectedWaitMs(task.checkedAge, at - task.since);
			}
			return sum / watched.length;
		};
		if (meanWait(latest) < policy.waitBudgetMs) {
			return latest;
		}
		// The mean wait only grows with time: bisect for where it reaches the budget (to 100 ms).
		let lo = Math.max(earliest, firstChecked);
		let hi = latest;
		if (meanWait(lo) >= policy.waitBudgetMs) {
			return Math.max(lo, earliest);
		}
		while (hi - lo > 100) {
			const mid = (lo + hi) / 2;
			if (meanWait(mid) >= policy.waitBudgetMs) {
				hi = mid;
			} else {
				lo = mid;
			}
		}
		return Math.max(Math.round(hi), earliest);
	}

	private reschedule(): void {
		this.clearTimer();
		if (!this.enabled || this.halted || this.polling) {
			return;
		}
		const at = this.computeNextPollAt();
		this.nextPollAt = at;
		if (at === undefined || this.paused) {
			return;
		}
		const wait = at - this.clock.now();
		// A wait past what a timer can hold (see timers.ts) is taken in steps, each rescheduling.
		const step = clampTimerDelay(wait);
		this.timer = this.clock.setTimeout(() => {
			this.timer = undefined;
			if (step < wait) {
				this.reschedule();
			} else {
				void this.pollNow();
			}
		}, step);
	}

	private clearTimer(): void {
		if (this.timer !== undefined) {
			this.clock.clearTimeout(this.timer);
			this.timer = undefined;
		}
		this.nextPollAt = undefined;
	}
}
