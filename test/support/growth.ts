/**
 * How much slower work gets when its input grows `factor` times: the best time at factor·n over the
 * best at n. Linear work gives about `factor`, quadratic about factor². A ratio, not a time: a slow
 * or busy machine slows both sizes alike, and the best of several runs leaves out the runs another
 * process interrupted. Caches and the garbage collector make large inputs somewhat slower per item
 * even for linear work, so tests compare with `quadraticBound` (a third of factor²), far from both.
 */
export function growthRatio(work: (size: number) => void, size: number, runs = 5, factor = 10): number {
	const best = (n: number): number => {
		const times: number[] = [];
		work(n); // warm-up: the first run pays for compilation
		for (let run = 0; run < runs; run++) {
			// CPU time, not wall time: on a machine shared with other processes the wall clock also
			// counts the time this process was not running.
			const started = process.cpuUsage();
			work(n);
			const used = process.cpuUsage(started);
			times.push((used.user + used.system) / 1000);
		}
		return Math.min(...times);
	};
	const small = Math.max(best(size), 0.05);
	return best(size * factor) / small;
}

/** A ratio below this is not quadratic growth (see growthRatio). */
export function quadraticBound(factor: number): number {
	return (factor * factor) / 2;
}
