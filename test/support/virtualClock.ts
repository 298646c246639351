/** The scheduler's Clock on virtual time, shared by the unit tests of the poll schedule. */
import type { Clock } from '../../src/core/polling/pollScheduler';

/** Resolves once every microtask queued so far (and those they queue) has run. */
const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface VirtualTimer {
	at: number;
	seq: number;
	callback: () => void;
}

/** A tiny timer queue: `advance(ms)` fires due timers in time order, settling microtasks between them. */
export class VirtualClock implements Clock {
	private time = 0;
	private seq = 0;
	private timers: VirtualTimer[] = [];

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const timer: VirtualTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
		this.timers.push(timer);
		return timer;
	}

	clearTimeout(handle: unknown): void {
		this.timers = this.timers.filter((timer) => timer !== handle);
	}

	/** Timers waiting to fire. */
	get pending(): number {
		return this.timers.length;
	}

	async advance(ms: number): Promise<void> {
		const target = this.time + ms;
		for (;;) {
			await flushMicrotasks();
			const next = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
			if (!next || next.at > target) {
				break;
			}
			this.timers = this.timers.filter((timer) => timer !== next);
			this.time = next.at;
			next.callback();
		}
		this.time = target;
		await flushMicrotasks();
	}

	async advanceTo(at: number): Promise<void> {
		await this.advance(at - this.time);
	}
}
