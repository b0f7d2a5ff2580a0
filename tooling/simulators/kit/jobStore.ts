/**
 * The live job store every simulator keeps: jobs by id, replaced on each write (Accelo's writes change a job in
 * place, so it caches nothing here).
 * Every change bumps `version`, and lists derived from the jobs (sort orders, list indexes) are cached
 * until the next change, so a paged list does not sort the whole store again for each page.
 */
export class JobStore<K, J> extends Map<K, J> {
	/** Bumped by every set, delete and clear. */
	version = 0;

	private readonly derived = new Map<string, unknown>();

	private derivedVersion = -1;

	set(id: K, job: J): this {
		this.version++;
		return super.set(id, job);
	}

	delete(id: K): boolean {
		this.version++;
		return super.delete(id);
	}

	clear(): void {
		this.version++;
		super.clear();
	}

	/** `compute()` once per store version and `key` (the caller keeps one type per key). */
	cached<T>(key: string, compute: () => T): T {
		if (this.derivedVersion !== this.version) {
			this.derived.clear();
			this.derivedVersion = this.version;
		}
		if (this.derived.has(key)) return this.derived.get(key) as T;
		const value = compute();
		this.derived.set(key, value);
		return value;
	}
}
