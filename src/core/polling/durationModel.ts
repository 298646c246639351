/**
 * How long the user's own tasks take, per model, learned from tasks that finished (the server's
 * `created_at` to its finish time), and the finish-time distribution the poll schedule is built
 * from (pollScheduler.ts). Before anything is learned for a model, the provider's typical range
 * (most tasks finish in 1 to 5 minutes, docs/api.md) stands in; it keeps a little weight after,
 * so that a short history does not make the schedule over-confident.
 */

const SECOND = 1000;

/** Stored state: per model, the most recent durations in whole seconds, oldest first. */
export type DurationSamples = Record<string, number[]>;

/** Kept per model: enough for the tail to show, small enough for globalState. */
export const MAX_SAMPLES_PER_MODEL = 60;
/** Models remembered; the least recently updated one goes first. */
export const MAX_MODELS = 12;
/** A duration outside this range is a clock mix-up or a task resubmitted, not a run: not learned. */
const MIN_DURATION_S = 1;
const MAX_DURATION_S = 6 * 3600;
/** Table horizon: past it every distribution is flat (a task that old is past any tail). */
const HORIZON_S = MAX_DURATION_S + 3600;
/** Key for tasks whose model the server did not say. */
export const UNKNOWN_MODEL = '';

/**
 * The provider's typical range as weighted pseudo-durations (seconds): 90% spread evenly over 1 to
 * 5 minutes, 10% over a tail to 15 minutes. Worth PRIOR_WEIGHT real samples.
 */
const PRIOR_POINTS: readonly (readonly [number, number])[] = [
	...Array.from({ length: 25 }, (_, i) => [60 + i * 10, 0.9 / 25] as const),
	...[330, 360, 420, 480, 600, 900].map((d) => [d, 0.1 / 6] as const),
];
const PRIOR_WEIGHT = 4;
/**
 * Share of tasks assumed to run longer than anything seen: past the last known duration the
 * chance of finishing in the next minute is then small but not zero (the schedule backs off to
 * its longest interval instead of dividing by nothing).
 */
const UNSEEN_TAIL = 0.02;

/**
 * A finish-time distribution on a one-second grid: `cdf` at whole seconds (linear between) and
 * its running integral, so that the expected wait of a task is O(1) to evaluate.
 */
export class FinishDistribution {
	private constructor(
		/** P(finished by k s), k = 0..length-1; constant after the last entry. */
		private readonly F: Float64Array,
		/** ∫0^k F(u) du in seconds. */
		private readonly G: Float64Array,
	) {}

	/** A smoothed distribution of weighted durations (seconds): each spread over ±max(5 s, 10%). */
	static fromWeighted(points: readonly (readonly [number, number])[]): FinishDistribution {
		const total = points.reduce((sum, [, weight]) => sum + weight, 0);
		let last = 0;
		for (const [d] of points) {
			last = Math.max(last, d + halfWidth(d));
		}
		const length = Math.min(HORIZON_S, Math.ceil(last) + 2);
		const density = new Float64Array(length);
		for (const [d, weight] of points) {
			const w = halfWidth(d);
			addBox(density, Math.max(0, d - w), d + w, weight / total);
		}
		const F = new Float64Array(length);
		let cumulative = 0;
		for (let k = 1; k < length; k++) {
			cumulative += density[k - 1];
			F[k] = Math.min(1, cumulative) * (1 - UNSEEN_TAIL);
		}
		const G = new Float64Array(length);
		for (let k = 1; k < length; k++) {
			G[k] = G[k - 1] + (F[k - 1] + F[k]) / 2;
		}
		return new FinishDistribution(F, G);
	}

	/** P(finished by this age). */
	cdf(ageMs: number): number {
		const x = Math.max(0, ageMs / SECOND);
		const k = Math.floor(x);
		if (k >= this.F.length - 1) {
			return this.F[this.F.length - 1];
		}
		return this.F[k] + (x - k) * (this.F[k + 1] - this.F[k]);
	}

	/** The smallest age by which a share `q` of tasks has finished (ms); Infinity past the known tail. */
	quantile(q: number): number {
		if (q <= 0) {
			return 0;
		}
		const F = this.F;
		if (q > F[F.length - 1]) {
			return Number.POSITIVE_INFINITY;
		}
		let lo = 0;
		let hi = F.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (F[mid] >= q) {
				hi = mid;
			} else {
				lo = mid + 1;
			}
		}
		if (lo === 0) {
			return 0;
		}
		// Linear between the two grid points around q.
		const below = F[lo - 1];
		const step = F[lo] - below;
		return (lo - 1 + (step > 0 ? (q - below) / step : 1)) * SECOND;
	}

	/**
	 * For a task seen running at age `fromMs`: the expected time (ms) it will have spent finished but
	 * not known, if it is next checked at age `toMs`. ∫ (F(u) - F(from)) du / (1 - F(from)).
	 */
	expectedWaitMs(fromMs: number, toMs: number): number {
		if (toMs <= fromMs) {
			return 0;
		}
		const Ffrom = this.cdf(fromMs);
		const survival = 1 - Ffrom;
		const integral = this.integral(toMs / SECOND) - this.integral(fromMs / SECOND) - Ffrom * ((toMs - fromMs) / SECOND);
		return (Math.max(0, integral) / survival) * SECOND;
	}

	/** ∫0^x F(u) du in seconds (F is linear between grid points). */
	private integral(x: number): number {
		const { F, G } = this;
		const lastIndex = F.length - 1;
		if (x >= lastIndex) {
			return G[lastIndex] + (x - lastIndex) * F[lastIndex];
		}
		const k = Math.floor(Math.max(0, x));
		const t = x - k;
		return G[k] + t * F[k] + ((t * t) / 2) * (F[k + 1] - F[k]);
	}
}

function halfWidth(durationS: number): number {
	return Math.max(5, 0.1 * durationS);
}

/** Adds `mass` spread evenly over [from, to) seconds to a one-second density grid. */
function addBox(density: Float64Array, from: number, to: number, mass: number): void {
	const perSecond = mass / (to - from);
	for (let k = Math.floor(from); k < Math.ceil(to) && k < density.length; k++) {
		const overlap = Math.min(to, k + 1) - Math.max(from, k);
		if (overlap > 0) {
			density[k] += overlap * perSecond;
		}
	}
}

let prior: FinishDistribution | undefined;

/** The provider's typical range alone: what a model with no finished task yet is polled by. */
export function priorDistribution(): FinishDistribution {
	prior ??= FinishDistribution.fromWeighted(PRIOR_POINTS.map(([d, w]) => [d, w * PRIOR_WEIGHT]));
	return prior;
}

/** The learned durations (seconds) with the prior mixed in at PRIOR_WEIGHT samples' worth. */
export function distributionOf(durationsS: readonly number[]): FinishDistribution {
	if (!durationsS.length) {
		return priorDistribution();
	}
	return FinishDistribution.fromWeighted([...PRIOR_POINTS.map(([d, w]) => [d, w * PRIOR_WEIGHT] as const), ...durationsS.map((d) => [d, 1] as const)]);
}

/** Stored state read defensively: anything malformed is dropped, the caps applied. */
export function readDurationSamples(value: unknown): DurationSamples {
	const samples: DurationSamples = {};
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return samples;
	}
	const entries = Object.entries(value as Record<string, unknown>).slice(-MAX_MODELS);
	for (const [model, durations] of entries) {
		if (!Array.isArray(durations)) {
			continue;
		}
		const valid = durations.filter((d): d is number => typeof d === 'number' && d >= MIN_DURATION_S && d <= MAX_DURATION_S);
		if (valid.length) {
			samples[model] = valid.slice(-MAX_SAMPLES_PER_MODEL);
		}
	}
	return samples;
}

/**
 * The durations learned so far and their distributions (built once per change of a model's
 * samples). The extension keeps one, persisted in globalState; the benchmark one per scenario.
 */
export class DurationModel {
	private samples: DurationSamples;
	private readonly cache = new Map<string, FinishDistribution>();

	constructor(stored?: unknown) {
		this.samples = readDurationSamples(stored);
	}

	/**
	 * Learns one finished task's duration (created → finished, epoch ms). Returns whether it was
	 * kept (a duration out of range is not).
	 */
	record(model: string | undefined, createdAtMs: number, finishedAtMs: number): boolean {
		const seconds = Math.round((finishedAtMs - createdAtMs) / SECOND);
		if (!Number.isFinite(seconds) || seconds < MIN_DURATION_S || seconds > MAX_DURATION_S) {
			return false;
		}
		const key = model ?? UNKNOWN_MODEL;
		const kept = [...(this.samples[key] ?? []), seconds].slice(-MAX_SAMPLES_PER_MODEL);
		// Re-inserted last: the most recently updated model is the last one dropped by the cap.
		const models = Object.entries(this.samples)
			.filter(([model]) => model !== key)
			.slice(-(MAX_MODELS - 1));
		this.samples = { ...Object.fromEntries(models), [key]: kept };
		this.cache.delete(key);
		return true;
	}

	/** The durations learned for a model, in seconds, oldest first. */
	durations(model: string | undefined): readonly number[] {
		return this.samples[model ?? UNKNOWN_MODEL] ?? [];
	}

	distributionFor(model: string | undefined): FinishDistribution {
		const key = model ?? UNKNOWN_MODEL;
		let distribution = this.cache.get(key);
		if (!distribution) {
			distribution = distributionOf(this.samples[key] ?? []);
			this.cache.set(key, distribution);
		}
		return distribution;
	}

	/** What is stored: small (at most MAX_MODELS × MAX_SAMPLES_PER_MODEL numbers). */
	toJSON(): DurationSamples {
		return Object.fromEntries(Object.entries(this.samples).map(([model, durations]) => [model, [...durations]]));
	}
}
