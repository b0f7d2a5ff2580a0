/**
 * A small seeded generator (mulberry32, https://gist.github.com/tommyettinger/46a874533244883189143505d203312c),
 * so that a run of the fault suite can be repeated exactly from the seed it prints.
 */
export class Random {
	private state: number;

	constructor(readonly seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(values: readonly T[]): T {
		if (values.length === 0) throw new Error('pick from an empty list');
		return values[Math.floor(this.next() * values.length)];
	}

	/** A key of `weights`, with probability proportional to its weight. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as Array<[K, number]>;
		const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
		let roll = this.next() * total;
		for (const [key, weight] of entries) {
			roll -= weight;
			if (roll < 0) return key;
		}
		return entries[entries.length - 1][0];
	}

	/** `count` distinct values of `values` (all of them when there are fewer). */
	sample<T>(values: readonly T[], count: number): T[] {
		const copy = [...values];
		const out: T[] = [];
		while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
		return out;
	}
}

/** The seed `npm test` runs with, so that CI repeats the same faults every time. */
export const DEFAULT_SEED = 2026;

/** The seed of this run: `FAULT_SEED` when set (a number, or `random` for a fresh one), else DEFAULT_SEED. */
export function runSeed(): number {
	const fromEnv = process.env.FAULT_SEED;
	if (fromEnv === undefined || fromEnv.trim() === '') return DEFAULT_SEED;
	if (fromEnv.trim() !== 'random') {
		const seed = Number(fromEnv);
		if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`FAULT_SEED must be a whole number, got ${JSON.stringify(fromEnv)}`);
		return seed;
	}
	return Math.floor(Math.random() * 2 ** 31);
}
