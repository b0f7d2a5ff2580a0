/** The demo generators' shared status rules: a status by the job's age, then every status at least once. */

/** Rows by ascending `maxDays`; a job takes the first row its age (in days) is under. */
export type StatusByAge<S> = ReadonlyArray<{ maxDays: number; pick: (r: number) => S }>;

export function statusByAge<S>(table: StatusByAge<S>, ageDays: number, r: number): S {
	return (table.find((b) => ageDays < b.maxDays) ?? table[table.length - 1]).pick(r);
}

/**
 * When there is room (`values.length >= all.length`), every value of `all` occurs at least once: each
 * missing one replaces, on a seeded pseudo-random index, a value that occurs more than once, so filters
 * always have data. `onReplace` lets a generator fix what the new value needs (e.g. a time).
 */
export function ensureEveryValue<T>(values: T[], all: readonly T[], rand: () => number, onReplace?: (index: number, wanted: T) => void): void {
	if (values.length < all.length) return;
	const counts = new Map<T, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	for (const wanted of all) {
		if (counts.get(wanted)) continue;
		let i = Math.floor(rand() * values.length);
		while ((counts.get(values[i]) ?? 0) < 2) i = (i + 1) % values.length;
		counts.set(values[i], (counts.get(values[i]) ?? 0) - 1);
		values[i] = wanted;
		counts.set(wanted, 1);
		onReplace?.(i, wanted);
	}
}
