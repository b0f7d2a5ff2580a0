/** A `JobStore` that also keeps its jobs in the API's list order. */
import { JobStore } from './jobStore';

/** How a simulator orders its jobs. */
export interface JobOrder<K, J, S> {
	/** The store key of a job (its id). */
	idOf(job: J): K;
	/** The job's sort key, taken when it is stored. */
	sortKey(job: J): S;
	/** Negative when `a` is listed before `b`. */
	compare(a: S, b: S): number;
}

/** Ascending numeric id (FSM Navigator and Accelo list this way). */
export function ascendingId<J>(idOf: (job: J) => number): JobOrder<number, J, number> {
	return { idOf, sortKey: idOf, compare: (a, b) => a - b };
}

/**
 * Jobs by id plus one list in order, kept up to date cheaply: a replacement with the same sort key keeps its
 * place, a new job goes after its equals, a delete is cut out; anything else re-sorts on the next read. So the
 * list always equals a stable sort of the jobs in insertion order. The sort key of every id ever stored is
 * remembered (a tombstone), so a cursor naming a deleted job keeps its place.
 *
 * A list handed in at construction stays the store's list for good (a simulator may expose it as live data).
 * Otherwise an insert before the end, a delete or a re-sort makes a new array, so a list handed out earlier
 * keeps what it had; replacements and appends change it in place.
 */
export class OrderedJobStore<K, J, S> extends JobStore<K, J> {
	private readonly sortKeys = new Map<K, S>();

	private list: J[];

	private readonly live: boolean;

	/** The list needs a re-sort; a new store sorts once on its first read, not on every insert. */
	private stale: boolean;

	/** `inOrder`: jobs already in list order, kept as the live list. */
	constructor(
		private readonly order: JobOrder<K, J, S>,
		inOrder?: J[],
	) {
		super();
		this.live = inOrder !== undefined;
		this.stale = !this.live;
		this.list = inOrder ?? [];
		for (const job of this.list) {
			const id = order.idOf(job);
			this.sortKeys.set(id, order.sortKey(job));
			super.set(id, job);
		}
	}

	set(id: K, job: J): this {
		const key = this.order.sortKey(job);
		const old = super.get(id);
		const oldKey = this.sortKeys.get(id);
		this.sortKeys.set(id, key);
		if (!this.stale) {
			if (old === undefined) this.splice(this.firstAfter(key), 0, job);
			else if (oldKey !== undefined && this.order.compare(oldKey, key) === 0) this.replace(this.indexOf(old, key), job);
			else this.stale = true;
		}
		return super.set(id, job);
	}

	delete(id: K): boolean {
		const old = super.get(id);
		const key = this.sortKeys.get(id);
		if (!this.stale && old !== undefined && key !== undefined) this.replace(this.indexOf(old, key));
		return super.delete(id);
	}

	clear(): void {
		this.refill([]);
		super.clear();
	}

	/** Adds or replaces a job under its id. */
	put(job: J): J {
		this.set(this.order.idOf(job), job);
		return job;
	}

	/** Every job in list order. */
	ordered(): readonly J[] {
		if (this.stale) {
			const sorted = [...this.entries()].sort(([a], [b]) => this.order.compare(this.sortKeys.get(a)!, this.sortKeys.get(b)!));
			this.refill(sorted.map(([, job]) => job));
		}
		return this.list;
	}

	/** The remembered sort key of an id (also of a deleted job). */
	keyOf(id: K): S | undefined {
		return this.sortKeys.get(id);
	}

	/** Index in `ordered()` of the first job listed after `key` (after its equals too). */
	firstAfter(key: S): number {
		const list = this.ordered();
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.order.compare(this.order.sortKey(list[mid]), key) <= 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Where `job` (stored under sort key `key`) stands in the list, or -1. */
	private indexOf(job: J, key: S): number {
		for (let i = this.firstAfter(key) - 1; i >= 0; i--) {
			if (this.list[i] === job) return i;
			if (this.order.compare(this.order.sortKey(this.list[i]), key) !== 0) break;
		}
		return -1;
	}

	/** Puts `job` at `at` (with no job: removes that entry); -1 means the list is out of step: re-sort. */
	private replace(at: number, job?: J): void {
		if (at < 0) this.stale = true;
		else if (job === undefined) this.splice(at, 1);
		else this.list[at] = job;
	}

	private splice(at: number, remove: number, ...jobs: J[]): void {
		if (this.live || (remove === 0 && at === this.list.length)) this.list.splice(at, remove, ...jobs);
		else this.list = [...this.list.slice(0, at), ...jobs, ...this.list.slice(at + remove)];
	}

	private refill(jobs: J[]): void {
		this.stale = false;
		if (!this.live) this.list = jobs;
		else {
			this.list.length = 0;
			for (const job of jobs) this.list.push(job);
		}
	}
}
