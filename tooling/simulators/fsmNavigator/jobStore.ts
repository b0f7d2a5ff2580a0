/** The FSM Navigator job store: a Map by `job_id` with an ascending-id index. */
import { JobStore } from '../kit/jobStore';
import type { FsmJob } from './types';

function binarySearch(sorted: readonly FsmJob[], id: number): number {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const v = sorted[mid].job_id;
		if (v === id) return mid;
		if (v < id) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/**
 * The live job store: a Map by `job_id` that keeps an ascending-id index for listing. Use `put(job)` (or
 * `set(job.job_id, job)`) to add or replace; replacing the object is how every write works, the simulator
 * never mutates a stored job in place.
 */
export class FsmJobStore extends JobStore<number, FsmJob> {
	private sorted: FsmJob[] | undefined;

	set(id: number, job: FsmJob): this {
		const sorted = this.sorted;
		if (sorted && id === job.job_id) {
			// Keep the index cheaply: replacing keeps the order, a new highest id appends.
			if (super.has(id)) {
				const at = binarySearch(sorted, id);
				if (at >= 0) sorted[at] = job;
				else this.sorted = undefined;
			} else if (sorted.length === 0 || sorted[sorted.length - 1].job_id < id) sorted.push(job);
			else this.sorted = undefined;
		} else this.sorted = undefined;
		return super.set(id, job);
	}

	delete(id: number): boolean {
		this.sorted = undefined;
		return super.delete(id);
	}

	clear(): void {
		this.sorted = undefined;
		super.clear();
	}

	/** Adds or replaces a job (keyed by its `job_id`). */
	put(job: FsmJob): FsmJob {
		this.set(job.job_id, job);
		return job;
	}

	/** All jobs by ascending `job_id` (cached; kept up to date by set/delete). */
	ascending(): readonly FsmJob[] {
		if (!this.sorted) this.sorted = [...this.values()].sort((a, b) => a.job_id - b.job_id);
		return this.sorted;
	}

	maxId(): number {
		const all = this.ascending();
		return all.length ? all[all.length - 1].job_id : 0;
	}
}
