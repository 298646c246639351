/**
 * How much slower work gets when its input grows tenfold: the median time at 10n over the median
 * at n. Linear work gives about 10, quadratic about 100. A ratio, not a time: a slow or busy machine
 * slows both sizes alike.
 */
export function growthRatio(work: (size: number) => void, size: number, runs = 5): number {
	const median = (n: number): number => {
		const times: number[] = [];
		work(n); // warm-up: the first run pays for compilation
		for (let run = 0; run < runs; run++) {
			const started = performance.now();
			work(n);
			times.push(performance.now() - started);
		}
		times.sort((a, b) => a - b);
		return times[Math.floor(times.length / 2)];
	};
	const small = Math.max(median(size), 0.05);
	return median(size * 10) / small;
}
