// Shared helpers of the benchmarks: the compiled sources, a seeded PRNG, a virtual clock, statistics
// and the printed table.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(REPO_ROOT, 'out');

const require = createRequire(import.meta.url);

/** A module compiled by `tsc -p test` (CommonJS under out/), e.g. `fromOut('src/core/tasks/taskFetcher')`. */
export function fromOut(modulePath) {
	return require(path.join(OUT_DIR, `${modulePath}.js`));
}

/** The seeded PRNG shared with the unit tests (test/support/seededRandom.ts, compiled into out/). */
export function mulberry32(seed) {
	return fromOut('test/support/seededRandom').mulberry32(seed);
}

/** Settles every microtask queued so far (and those they queue). */
const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A virtual clock implementing the scheduler's `Clock`: timers wait in a queue and fire in time order
 * when the clock is advanced; microtasks settle between timers, so an async poll that resolves at
 * once completes before the next timer. No real time passes.
 */
export class VirtualClock {
	#time = 0;
	#seq = 0;
	/** @type {{ at: number, seq: number, callback: () => void }[]} */
	#timers = [];

	now() {
		return this.#time;
	}

	setTimeout(callback, ms) {
		const timer = { at: this.#time + Math.max(0, ms), seq: this.#seq++, callback };
		this.#timers.push(timer);
		return timer;
	}

	clearTimeout(handle) {
		this.#timers = this.#timers.filter((timer) => timer !== handle);
	}

	get pending() {
		return this.#timers.length;
	}

	/** Fires timers until none is left or the next is after `limit`; then the clock stands at the last one fired. */
	async runUntilIdle(limit = Number.POSITIVE_INFINITY) {
		for (;;) {
			await flushMicrotasks();
			let next;
			for (const timer of this.#timers) {
				if (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq)) {
					next = timer;
				}
			}
			if (!next || next.at > limit) {
				return;
			}
			this.#timers = this.#timers.filter((timer) => timer !== next);
			this.#time = next.at;
			next.callback();
		}
	}
}

export function median(values) {
	if (!values.length) {
		return Number.NaN;
	}
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values, p) {
	if (!values.length) {
		return Number.NaN;
	}
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function round(value, digits = 1) {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

export function kb(bytes) {
	return `${round(bytes / 1024, 1)} KB`;
}

/** One verdict line: what was measured against what target. */
export function check(name, measured, target, pass) {
	return { name, measured, target, pass: Boolean(pass) };
}

/**
 * Prints rows as an aligned text table. `align` has one letter per column, `l` or `r`; by default the
 * first column is left-aligned and the others right-aligned.
 */
export function printTable(headers, rows, { indent = '  ', align } = {}) {
	const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
	const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
	const left = (i) => (align ? align[i] === 'l' : i === 0);
	const pad = (cell, i) => {
		const fill = ' '.repeat(Math.max(0, widths[i] - [...cell].length));
		return left(i) ? cell + fill : fill + cell;
	};
	const line = (row) => (indent + row.map(pad).join('  ')).trimEnd();
	console.log(line(cells[0]));
	console.log(indent + widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of cells.slice(1)) {
		console.log(line(row));
	}
}

export function printChecks(checks, indent = '  ') {
	for (const c of checks) {
		console.log(`${indent}${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.measured} (target ${c.target})`);
	}
}
