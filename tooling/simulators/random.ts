/** Seeded randomness for the simulators' generated data: the same seed, the same jobs. */

/**
 * mulberry32: a small, fast 32-bit generator, plenty for test data (not for anything secret). The
 * state sits in a typed array: no boxed number per call (this runs ~15 times per generated job).
 */
export function mulberry32(seed: number): () => number {
	const state = new Uint32Array([seed >>> 0]);
	return () => {
		state[0] += 0x6d2b79f5;
		let t = state[0];
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Values with their relative weights. */
export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

/** Turns a random number in [0, 1) into one of the table's values, as often as its weight says. */
export function weightedPicker<T>(table: Weighted<T>): (r: number) => T {
	const total = table.reduce((sum, [, w]) => sum + w, 0);
	return (r) => {
		let x = r * total;
		for (const [value, weight] of table) {
			if (x < weight) return value;
			x -= weight;
		}
		return table[table.length - 1][0];
	};
}
