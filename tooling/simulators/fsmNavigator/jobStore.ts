/** The FSM Navigator job store: a Map by `job_id` with an ascending-id index. */
import { ascendingId, OrderedJobStore } from '../kit/orderedJobStore';
import type { FsmJob } from './types';

/**
 * The live job store: a Map by `job_id` that keeps an ascending-id index for listing. Use `put(job)` (or
 * `set(job.job_id, job)`) to add or replace; replacing the object is how every write works, the simulator
 * never mutates a stored job in place.
 */
export class FsmJobStore extends OrderedJobStore<number, FsmJob, number> {
	constructor() {
		super(ascendingId((job: FsmJob) => job.job_id));
	}

	/** All jobs by ascending `job_id` (kept up to date by set/delete). */
	ascending(): readonly FsmJob[] {
		return this.ordered();
	}

	maxId(): number {
		const all = this.ascending();
		return all.length ? all[all.length - 1].job_id : 0;
	}
}
